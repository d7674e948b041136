#!/usr/bin/env bash
# Offline estimate of MemBank on bench/conversations/dataset.json (see PipelineSim.java): the
# memory-service extractor and decisions, then search-service's hybrid ranking, without the stack.
# Usage (from anywhere): bench/offline/pipeline_sim.sh [time]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file=search-service/target/bench.classpath
./mvnw -B -q -pl memory-service,search-service compile
./mvnw -B -q -pl search-service dependency:build-classpath -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test
out=target/pipeline-sim
mkdir -p "$out"
cp="memory-service/target/classes:search-service/target/classes:$(cat "$cp_file")"
"$JAVA_HOME/bin/javac" -cp "$cp" -d "$out" bench/offline/PipelineSim.java
echo "machine: $(nproc) cores; $(uptime)"
"$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$out:$cp" PipelineSim "$@"
echo "after: $(uptime)"
