#!/usr/bin/env bash
# ANN recall@10 of search-service's HNSW vector index against exact search (see AnnRecallBench).
# Builds a local Lucene index the way MemoryIndex does (KnnFloatVectorField vec_en, COSINE; HNSW
# parameters from hnsw=: Lucene's default, or M:beam — the service's are 32:200), with real BGE
# small en v1.5 embeddings of generated memory statements (cached under
# search-service/target/bench/ann) topped up with synthetic vectors, and compares
# KnnFloatVectorQuery top-10 with brute-force top-10 for 200 embedded questions.
# Needs nothing running. Usage (from anywhere):
#   search-service/bench/recall.sh [docs=100000] [real=20000] [queries=200] [k=10,50,100]
#                                  [hnsw=default,32:200] [users=1] [merge=false] [commit=500]
source "$(dirname "$0")/bench.sh"
run_bench 2g AnnRecallBench "$@"
