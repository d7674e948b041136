#!/usr/bin/env bash
# Vector-only retrieval on bench/quality/dataset.json for several similarity floors, offline (see
# VectorFloorProbe): what min-similarity-en / -zh trade between answers found and results for
# questions nothing answers. Needs nothing running.
# Usage (from anywhere): search-service/bench/floors.sh [floors=0.40,0.45,0.50,0.55,0.58,0.60]
source "$(dirname "$0")/bench.sh"
run_bench 1g VectorFloorProbe "$@"
