#!/usr/bin/env bash
# Vector-only retrieval on bench/quality/dataset.json for several similarity floors, offline (see
# VectorFloorProbe): what min-similarity-en / -zh trade between answers found and results for
# questions nothing answers. Needs nothing running.
# Usage (from anywhere): search-service/bench/floors.sh [floors=0.40,0.45,0.50,0.55,0.58,0.60]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file=search-service/target/bench.classpath
./mvnw -B -q -pl search-service test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test -Dformat.goal=apply
echo "machine: $(nproc) cores; $(uptime)"
DJL_CACHE_DIR="$PWD/search-service/target/djl" "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "search-service/target/test-classes:search-service/target/classes:$(cat "$cp_file")" \
  io.membank.search.bench.VectorFloorProbe "$@" 2>&1 | grep --line-buffered -v "WARNING: Using incubator modules"
