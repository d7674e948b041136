#!/usr/bin/env bash
# API key verification bench: the cost of an argon2id verification at the default cost (a client's
# first request to a service) and of a remembered one (every later request), p50/p95/p99 wall and
# CPU time on one core. Prints a Markdown table for docs/benchmarks.md.
# Run from anywhere: platform/identity/bench/apikeys.sh [argon2 verifications] [remembered ones]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
./mvnw -B -q -pl platform/identity test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test -Dspotless.check.skip=true
cp="platform/identity/target/test-classes:platform/identity/target/classes:$(cat platform/identity/target/bench.classpath)"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
"${pin[@]}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -Xmx256m -cp "$cp" \
  io.membank.identity.apikey.ApiKeyBench "$@"
