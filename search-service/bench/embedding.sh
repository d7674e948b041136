#!/usr/bin/env bash
# Query-embedding latency and throughput of the in-process English model, the way search-service
# embeds a search query (see EmbeddingLatencyBench), with and without the model's retrieval prefix,
# at 1 and 16 concurrent callers, outside the service. Needs nothing running. Usage:
#   search-service/bench/embedding.sh [queries=400] [clients=1,16] [prefix=true,false]
source "$(dirname "$0")/bench.sh"
run_bench 640m EmbeddingLatencyBench "$@"
