#!/usr/bin/env bash
# Checks MemBank's alerting configuration offline (no Prometheus or Alertmanager running):
#   1. promtool check config   prometheus/prometheus.yml (and the rule files it loads)
#   2. promtool check rules    prometheus/rules/*.rules.yml
#   3. promtool test rules     prometheus/tests/*.test.yml (unit tests of every alert)
#   4. amtool check-config     alertmanager/alertmanager.yml
#   5. amtool config routes test: each severity/team goes to the expected receiver
#   6. every alert has a runbook page that exists and at least one unit test
# Exit status non-zero if any check fails. bin/membank test runs it as the "alerting" phase.
#
# Note: alertmanager.yml reads the PagerDuty routing key from
# /etc/alertmanager/secrets/pagerduty-routing-key. amtool check-config does not open that
# file (Alertmanager reads it only when it sends a notification), so no dummy key is needed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/.." && pwd -P)"
PROM="$HERE/prometheus"
AM="$HERE/alertmanager/alertmanager.yml"
RULES=("$PROM"/rules/*.rules.yml)
TESTS=("$PROM"/tests/*.test.yml)
FAILED=()

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    printf 'alerting: ERROR: %s is not installed (Debian package %s): run bin/membank setup\n' "$1" "$2" >&2
    exit 2
  fi
}

# step NAME COMMAND... — runs a check, prints its output, remembers a failure, goes on.
step() {
  local name=$1
  shift
  printf '\n--- alerting: %s\n' "$name"
  if "$@"; then
    printf 'alerting: %s: OK\n' "$name"
  else
    printf 'alerting: %s: FAILED\n' "$name"
    FAILED+=("$name")
  fi
}

# route ALERT-LABELS... EXPECTED-RECEIVER — asks amtool where an alert with these labels goes.
route() {
  local expected=${*: -1} out rc=0
  local labels=("${@:1:$#-1}")
  # amtool warns on stderr that --config.file overrides --alertmanager.url: drop that line.
  out=$(amtool config routes test --config.file="$AM" --verify.receivers="$expected" "${labels[@]}" 2>&1) || rc=$?
  out=$(printf '%s\n' "$out" | grep -v 'flag overrides the --alertmanager.url' || true)
  printf '  %-60s -> %s\n' "${labels[*]}" "$out"
  return "$rc"
}

check_routes() {
  local rc=0
  route alertname=HighErrorRate severity=critical team=platform service=memory-service pagerduty-critical || rc=1
  route alertname=ServiceDown severity=critical team=platform service=graph-service pagerduty-critical || rc=1
  route alertname=DatabaseConnectionsHigh severity=warning team=platform service=memory-service pagerduty-warning || rc=1
  route alertname=KafkaConsumerLagHigh severity=warning team=platform service=memory-service pagerduty-warning || rc=1
  route alertname=LLMCostHigh severity=warning team=ai pagerduty-ai || rc=1
  route alertname=Unlabelled pagerduty-warning || rc=1
  return "$rc"
}

# Every alert in the rules: its runbook_url names docs/runbooks/<page>.md, that page
# exists, and the unit tests mention the alert.
check_runbooks_and_tests() {
  local rc=0 alert url page n=0
  while read -r alert url; do
    n=$((n + 1))
    page=${url#*/blob/main/}
    if [[ -z "$url" || "$page" == "$url" ]]; then
      printf '  %s: no runbook_url of the form .../blob/main/docs/runbooks/<page>.md\n' "$alert"
      rc=1
    elif [[ ! -f "$ROOT/$page" ]]; then
      printf '  %s: runbook %s does not exist\n' "$alert" "$page"
      rc=1
    fi
    if ! grep -qE "alertname: $alert\$" "${TESTS[@]}"; then
      printf '  %s: no unit test in prometheus/tests\n' "$alert"
      rc=1
    fi
  done < <(awk '
    /^[[:space:]]*- alert:/ { if (a != "") print a, u; a = $3; u = "" }
    /^[[:space:]]*runbook_url:/ { u = $2; gsub(/"/, "", u) }
    END { if (a != "") print a, u }' "${RULES[@]}")
  ((n > 0)) || { printf '  no alerts found in %s\n' "${RULES[*]}"; rc=1; }
  ((rc == 0)) && printf '  %d alerts: each has a runbook page and a unit test\n' "$n"
  return "$rc"
}

need promtool prometheus
need amtool prometheus-alertmanager

cd "$HERE"
step "promtool check config" promtool check config "$PROM/prometheus.yml"
step "promtool check rules" promtool check rules "${RULES[@]}"
step "promtool test rules" promtool test rules "${TESTS[@]}"
step "amtool check-config" amtool check-config "$AM"
step "alertmanager routes" check_routes
step "runbooks and tests" check_runbooks_and_tests

if ((${#FAILED[@]})); then
  printf '\nalerting: FAILED: %s\n' "$(IFS=,; printf '%s' "${FAILED[*]}")" >&2
  exit 1
fi
printf '\nalerting: all checks passed\n'
