#!/usr/bin/env bash
# Detector bench: precision/recall per type on the labelled corpus and the p50/p95/p99 time to scan
# a 1 KB text on one core (taskset pins the JVM to CPU 0 when available). Prints Markdown tables
# for docs/benchmarks.md. Run from anywhere: platform/privacy/bench/detect.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
./mvnw -B -q -pl platform/privacy test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true
cp="platform/privacy/target/test-classes:platform/privacy/target/classes:$(cat platform/privacy/target/bench.classpath)"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -Xmx256m -cp "$cp" \
  io.membank.privacy.detect.DetectorBench "$@"
