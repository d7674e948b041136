#!/usr/bin/env bash
# ProtectStep bench: what privacy protection adds to one ingestion job (p50/p95/p99, CPU and wall)
# on the sessions of bench/conversations with personal data from platform/privacy's corpus, on one
# core (taskset pins the JVM to CPU 0 when available). Prints a Markdown table for
# docs/benchmarks.md. Run from anywhere: memory-service/bench/protect.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -B -q -pl memory-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true
cp="memory-service/target/test-classes:memory-service/target/classes:$(cat memory-service/target/bench.classpath)"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -Xmx256m -cp "$cp" \
  io.membank.memory.bench.ProtectStepBench "$root"
