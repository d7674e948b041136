#!/usr/bin/env bash
# Intake benchmark of audit-service: audit events/s sustained with risk tagging and hash
# chaining, on the real devstack (PostgreSQL, Kafka, Redis; started by the test kit if needed).
# Usage (from anywhere): audit-service/bench/intake.sh [events] [tenants] [direct]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
cd "$root"
./mvnw -B -q -pl audit-service test -Dformat.goal=apply \
  -Dtest=IntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="${1:-50000}" -Dbench.tenants="${2:-8}" -Dbench.direct="${3:-20000}" \
  -Dquarkus.log.category.\"io.membank\".level=WARN
cat audit-service/target/bench/intake.txt
