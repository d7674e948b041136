# Sourced by the scripts of this folder: run_bench HEAP CLASS [ARGS...] builds search-service's
# test classes, writes their classpath to search-service/target/bench.classpath and runs
# io.membank.search.bench.CLASS as the service runs (Panama vector API for Lucene's similarity
# functions, serial GC, the JBoss log manager), printing the machine's load before and after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

run_bench() {
  local heap="$1" class="$2"
  shift 2
  local cp_file=search-service/target/bench.classpath
  ./mvnw -B -q -pl search-service test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test -Dformat.goal=apply
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB; $(uptime)"
  DJL_CACHE_DIR="$PWD/search-service/target/djl" "$JAVA_HOME/bin/java" "-Xmx$heap" -XX:+UseSerialGC \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp "search-service/target/test-classes:search-service/target/classes:$(cat "$cp_file")" \
    "io.membank.search.bench.$class" "$@" 2>&1 | grep --line-buffered -v "WARNING: Using incubator modules"
  echo "after: $(uptime)"
}
