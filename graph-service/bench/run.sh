#!/usr/bin/env bash
# Graph write throughput and related-memories latency (see GraphBench).
# Needs the devstack's Neo4j (bolt://127.0.0.1:17687, as tests start it) or uri=<bolt uri>.
# Usage: graph-service/bench/run.sh [memories=10000] [users=1] [writers=1] [queries=300] [uri=…]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file=graph-service/target/bench.classpath
./mvnw -B -q -pl graph-service test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test -Dformat.goal=apply
exec "$JAVA_HOME/bin/java" -Xmx1g \
  -cp "graph-service/target/test-classes:graph-service/target/classes:$(cat "$cp_file")" \
  io.membank.graph.bench.GraphBench "$@"
