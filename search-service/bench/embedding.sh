#!/usr/bin/env bash
# Query-embedding latency and throughput of the in-process English model, the way search-service
# embeds a search query (see EmbeddingLatencyBench), with and without the model's retrieval prefix,
# at 1 and 16 concurrent callers, outside the service. Needs nothing running. Usage:
#   search-service/bench/embedding.sh [queries=400] [clients=1,16] [prefix=true,false]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file=search-service/target/bench.classpath
./mvnw -B -q -pl search-service test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test -Dformat.goal=apply
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB; $(uptime)"
DJL_CACHE_DIR="$PWD/search-service/target/djl" "$JAVA_HOME/bin/java" -Xmx640m -XX:+UseSerialGC \
  --enable-native-access=ALL-UNNAMED \
  -cp "search-service/target/test-classes:search-service/target/classes:$(cat "$cp_file")" \
  io.membank.search.bench.EmbeddingLatencyBench "$@"
echo "after: $(uptime)"
