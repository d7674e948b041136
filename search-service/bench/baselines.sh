#!/usr/bin/env bash
# The raw-text baselines (BM25, BGE small vectors, RRF of both) on the labelled conversations
# bench/conversations/dataset.json, offline (see RawTextBaselineBench): the numbers MemBank's
# bench/conversation_quality.py must beat. Needs nothing running.
# Usage (from anywhere): search-service/bench/baselines.sh [dataset=bench/conversations/dataset.json]
source "$(dirname "$0")/bench.sh"
run_bench 1g RawTextBaselineBench "$@"
