# shellcheck shell=bash
# test: the one test command. setup → unit + integration tests of every module
# (./mvnw verify, e2e excluded) → extra checks (actionlint, alerting: promtool/amtool via
# observability/check.sh; delivery: k8s/check.sh, terraform/check.sh, k8s/bluegreen) → up
# --observability (Jaeger, Prometheus) → CLI tests (bats) → the README quickstart as written → sdks
# (the Python and TypeScript SDKs' checks, builds and suites against the stack) → e2e suite → fuzz
# (schemathesis through the gateway) → chaos --quick (fault injection, diagnostics) → down (always).
#
# A stack that is still running from an earlier `up` is stopped first and started
# again after the build: `verify` rewrites the jars those services run from.

TEST_PHASES=()
TEST_RESULTS=()
TEST_FAILED=0
TEST_STACK_STARTED=0

# phase NAME COMMAND... — runs a phase, records PASS/FAIL, never exits.
phase() {
  local name=$1 rc=0 start=$SECONDS
  shift
  printf '\n===== membank test: %s =====\n' "$name"
  "$@" || rc=$?
  TEST_PHASES+=("$name")
  if ((rc == 0)); then
    TEST_RESULTS+=("PASS ($((SECONDS - start))s)")
  else
    TEST_RESULTS+=("FAIL (exit $rc, $((SECONDS - start))s)")
    TEST_FAILED=1
  fi
  return "$rc"
}

skip_phase() {
  TEST_PHASES+=("$1")
  TEST_RESULTS+=("SKIPPED ($2)")
  printf '\n===== membank test: %s: skipped (%s) =====\n' "$1" "$2"
}

# Runs bin/membank as a child process (its own `set -e`, its own exit code).
membank_child() { "$MB_ROOT/bin/membank" "$@"; }

# mvn_logged LOG ARGS... — ./mvnw with the output shown and kept in LOG.
mvn_logged() {
  local log=$1
  shift
  set -o pipefail
  mvnw "$@" 2>&1 | tee "$log"
}

run_actionlint() {
  local al="$MB_TOOLS/actionlint"
  [[ -x "$al" ]] || al=$(command -v actionlint || true)
  if [[ -z "$al" ]]; then
    info "actionlint: not installed, check skipped"
    return 0
  fi
  (cd "$MB_ROOT" && "$al" -no-color -pyflakes= .github/workflows/*.yml) &&
    info "actionlint: .github/workflows OK"
}

# Fuzz budget: every public operation of every service, through the gateway, with a fixed seed.
# 7 services x ~60 operations x FUZZ_EXAMPLES stays in the low thousands of requests (< 5 min).
FUZZ_SEED=${MEMBANK_FUZZ_SEED:-20261204}
FUZZ_EXAMPLES=${MEMBANK_FUZZ_EXAMPLES:-10}
FUZZ_SERVICES=(memory search graph audit governance diagnostics cost)
FUZZ_CHECKS=${MEMBANK_FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance}

# run_fuzz — schemathesis against each service's checked-in OpenAPI document through the gateway
# (issue 24): no 5xx for any generated request, and every answer as the document declares it:
# a declared status (FUZZ_CHECKS), a declared content type, a body matching the schema of that
# status (the documents declare every success body and the shared Problem for every error; see
# docs/api.md). Prints each run's summary line.
run_fuzz() {
  local st="$SCHEMATHESIS_VENV/bin/schemathesis" token svc schema log rc=0 summary
  [[ -x "$st" ]] || { warn "fuzz: schemathesis not installed: run bin/membank setup"; return 1; }
  token=$(make_token fuzz fuzz-user reader,writer,admin,auditor 3600)
  for svc in "${FUZZ_SERVICES[@]}"; do
    schema="$MB_ROOT/$svc-service/src/main/openapi/openapi.yaml"
    [[ -f "$schema" ]] || continue
    log="$MB_LOGS/test-fuzz-$svc.log"
    local filter=()
    # Service-to-service operations are not routed by the gateway.
    grep -q '^  /internal/' "$schema" && filter=(--exclude-path-regex '^/internal/')
    # From the logs directory: schemathesis keeps its .schemathesis/ state in the working directory.
    if ! (cd "$MB_LOGS" && "$st" run "$schema" --url "$(gateway_url)" "${filter[@]}" \
      --checks "$FUZZ_CHECKS" --seed "$FUZZ_SEED" --max-examples "$FUZZ_EXAMPLES" \
      --max-time 40 --no-shrink --generation-database none --request-timeout 20 --no-color \
      -H "Authorization: Bearer $token") >"$log" 2>&1; then
      rc=1
    fi
    summary=$(grep -E '^=+ .* in [0-9.]+s =+$' "$log" | tail -n1 | tr -s '=' | sed 's/^= //; s/ =$//')
    info "fuzz: $svc-service: ${summary:-no summary (log: $log)}"
  done
  return "$rc"
}

# run_sdk_tests — the Python SDK (ruff, mypy --strict, pytest, wheel) and the TypeScript SDK with
# its React hooks (tsc --noEmit, tsup build, vitest, npm pack), both against the running stack
# through the gateway. The two suites run side by side: each waits out one real Retry-After
# (up to a minute) in its rate-limit test. Logs: .membank/logs/test-sdk-{python,typescript}.log.
run_sdk_tests() {
  local py="$SDK_PYTHON_VENV/bin" out rc=0 pypid tspid
  [[ -x "$py/pytest" && -d "$MB_ROOT/sdks/typescript/node_modules" ]] ||
    { warn "sdks: SDK tools missing: run bin/membank setup"; return 1; }
  out=$(mktemp -d "${TMPDIR:-/tmp}/membank-sdks.XXXXXX")
  (cd "$MB_ROOT/sdks/python" && set -e &&
    "$py/ruff" check . && "$py/ruff" format --check . && "$py/mypy" src tests &&
    MEMBANK_URL="$(gateway_url)" PYTHONPATH=src "$py/pytest" -q -p no:cacheprovider &&
    "$py/python" -m build --wheel --no-isolation --outdir "$out" >/dev/null && ls "$out"/*.whl) \
    >"$MB_LOGS/test-sdk-python.log" 2>&1 &
  pypid=$!
  (cd "$MB_ROOT/sdks/typescript" && set -e &&
    npm run -s typecheck && npm run -s build >/dev/null &&
    MEMBANK_URL="$(gateway_url)" npx vitest run &&
    npm pack -w @membank/sdk -w @membank/react --pack-destination "$out" --silent) \
    >"$MB_LOGS/test-sdk-typescript.log" 2>&1 &
  tspid=$!
  wait "$pypid" || { rc=1; tail -n 40 "$MB_LOGS/test-sdk-python.log" >&2; }
  wait "$tspid" || { rc=1; tail -n 40 "$MB_LOGS/test-sdk-typescript.log" >&2; }
  info "sdks: python: $(grep -E '^[0-9]+ (passed|failed)|passed|failed' "$MB_LOGS/test-sdk-python.log" | tail -n1)"
  info "sdks: typescript: $(grep -E 'Tests +[0-9]+' "$MB_LOGS/test-sdk-typescript.log" | tail -n1 | tr -s ' ')"
  info "sdks: built $(cd "$out" && ls | tr '\n' ' ')"
  rm -rf "$out"
  return "$rc"
}

test_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((TEST_STACK_STARTED)) || [[ -n "$(our_pids)" ]]; then
    phase down membank_child down || true
  fi
  test_summary
  if ((rc == 0 && TEST_FAILED)); then rc=1; fi
  exit "$rc"
}

# Sums the Surefire/Failsafe "Results" lines (the ones without "Time elapsed").
maven_totals() {
  local f run=0 fail=0 err=0 skip=0 r fl e s
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    while read -r r fl e s; do
      run=$((run + r))
      fail=$((fail + fl))
      err=$((err + e))
      skip=$((skip + s))
    done < <(grep -E 'Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$f" |
      sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)$/\1 \2 \3 \4/')
  done
  printf '%d %d %d\n' "$((run - fail - err - skip))" "$((fail + err))" "$skip"
}

print_reactor_summary() {
  local log=$1 title=$2
  [[ -f "$log" ]] || return 0
  printf '\n%s (%s)\n' "$title" "${log#"$MB_ROOT"/}"
  sed -n '/Reactor Summary/,/BUILD \(SUCCESS\|FAILURE\)/p' "$log" | sed 's/^\[[A-Z]*\] //'
  if ! grep -q 'Reactor Summary' "$log"; then
    grep -E 'BUILD (SUCCESS|FAILURE)|Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" |
      sed 's/^\[[A-Z]*\] //' || true
  fi
}

test_summary() {
  local i passed failed skipped
  print_reactor_summary "$MB_LOGS/test-verify.log" "Maven verify (all modules but e2e)"
  print_reactor_summary "$MB_LOGS/test-e2e.log" "Maven verify -Pe2e (e2e module)"
  printf '\n===== membank test summary =====\n'
  for i in "${!TEST_PHASES[@]}"; do
    printf '  %-14s %s\n' "${TEST_PHASES[$i]}" "${TEST_RESULTS[$i]}"
  done
  read -r passed failed skipped < <(maven_totals "$MB_LOGS/test-verify.log" "$MB_LOGS/test-e2e.log")
  printf '\n'
  if ((TEST_FAILED)); then
    printf 'membank test: FAILED\n'
  else
    printf 'membank test: OK\n'
  fi
  printf 'tests: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
}

cmd_test() {
  local verify_ok=1
  (($# == 0)) || die "test: takes no options (it always runs everything)"
  phase setup cmd_setup || die "test: setup failed"
  find_jdk
  rm -f "$MB_LOGS/test-verify.log" "$MB_LOGS/test-e2e.log"
  trap test_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  if [[ -n "$(our_pids)" ]]; then
    info "test: a stack of this repo is running: stopping it first (the build rewrites its jars; test starts it again)"
    phase stop-previous membank_child down || die "test: could not stop the running stack"
  fi

  # --fail-at-end: one failing module does not hide the results of the others.
  phase verify mvn_logged "$MB_LOGS/test-verify.log" verify --fail-at-end -pl '!e2e' || verify_ok=0
  phase actionlint run_actionlint || true
  phase alerting "$MB_ROOT/observability/check.sh" || true
  phase k8s "$MB_ROOT/k8s/check.sh" || true
  phase terraform "$MB_ROOT/terraform/check.sh" || true
  phase bluegreen "$MB_ROOT/k8s/bluegreen/check.sh" || true

  if ((verify_ok)); then
    TEST_STACK_STARTED=1
    if phase up membank_child up --observability; then
      phase cli run_cli_tests || true
      phase quickstart run_readme_quickstart || true
      phase sdks run_sdk_tests || true
      phase e2e mvn_logged "$MB_LOGS/test-e2e.log" -pl e2e verify -Pe2e "-Dmembank.home=$MB_HOME" || true
      phase fuzz run_fuzz || true
      # Diagnostics proven on the running suite: a short subset of bin/membank chaos (the stack
      # goes down next, so diagnostics-service is not restored afterwards).
      phase chaos env MEMBANK_CHAOS_RESTORE=0 "$MB_ROOT/bin/membank" chaos --quick || true
    else
      skip_phase e2e "up failed"
      skip_phase fuzz "up failed"
      skip_phase chaos "up failed"
    fi
  else
    skip_phase up "verify failed"
    skip_phase e2e "verify failed"
    skip_phase fuzz "verify failed"
  fi
}
