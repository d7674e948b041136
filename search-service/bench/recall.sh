#!/usr/bin/env bash
# ANN recall@10 of search-service's HNSW vector index against exact search (see AnnRecallBench).
# Builds a local Lucene index the way MemoryIndex does (default codec, KnnFloatVectorField vec_en,
# COSINE), with real BGE small en v1.5 embeddings of generated memory statements (cached under
# search-service/target/bench/ann) topped up with synthetic vectors, and compares
# KnnFloatVectorQuery top-10 with brute-force top-10 for 200 embedded questions.
# Needs nothing running. Usage (from anywhere):
#   search-service/bench/recall.sh [docs=100000] [real=20000] [queries=200] [k=10,50,100]
#                                  [hnsw=default,32:200] [users=1] [merge=false] [commit=500]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file=search-service/target/bench.classpath
./mvnw -B -q -pl search-service test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test -Dformat.goal=apply
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB; $(uptime)"
# As the service runs: Panama vector API for Lucene's similarity functions, serial GC.
DJL_CACHE_DIR="$PWD/search-service/target/djl" "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseSerialGC \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "search-service/target/test-classes:search-service/target/classes:$(cat "$cp_file")" \
  io.membank.search.bench.AnnRecallBench "$@" 2>&1 | grep --line-buffered -v "WARNING: Using incubator modules"
echo "after: $(uptime)"
