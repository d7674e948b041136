# shellcheck shell=bash
# chaos: the fault-injection suite of diagnostics-service (issue 19). Injects faults, one at a
# time, into the running local suite and checks that diagnostics-service detects the symptom,
# names the right known issue, and heals it (restart) or proposes the right action, in time.
#
# Healing runs for real during the run (dry-run off, runtime local): the only action allowed to
# run without an admin is restart_service, which is safe on the local stack. diagnostics-service
# is restarted with that config first and, unless MEMBANK_CHAOS_RESTORE=0, again at the end with
# the stack's own setting.

CHAOS_FAULTS=(service-kill kafka-stop pg-connections db-lock dlq-poison disk-fill)
# The subset `bin/membank test` runs (CI): one auto-healed fault, one advice-only fault.
CHAOS_QUICK=(service-kill db-lock)
CHAOS_TOOL="$MB_ROOT/chaos/ChaosTool.java"
CHAOS_QUOTA_BYTES=$((64 * 1024 * 1024))
CHAOS_ROWS=()
CHAOS_FAILED=0
CHAOS_HELPER_PIDS=()
CHAOS_STOPPED_PIDS=()

chaos_detect_bound() { env_or MEMBANK_CHAOS_DETECT_SECONDS 60; }
chaos_heal_bound() { env_or MEMBANK_CHAOS_HEAL_SECONDS 180; }
chaos_quota_dir() { printf '%s/data/chaos-quota' "$MB_HOME"; }

cmd_chaos() {
  local faults=() report="" f known
  while (($#)); do
    case "$1" in
      --fault)
        (($# >= 2)) || usage_error chaos "--fault needs a name (${CHAOS_FAULTS[*]})"
        known=0
        for f in "${CHAOS_FAULTS[@]}"; do [[ "$f" == "$2" ]] && known=1; done
        ((known)) || usage_error chaos "unknown fault '$2' (faults: ${CHAOS_FAULTS[*]})"
        faults+=("$2")
        shift 2
        ;;
      --quick) faults+=("${CHAOS_QUICK[@]}"); shift ;;
      --report)
        (($# >= 2)) || usage_error chaos "--report needs a file"
        report=$2
        shift 2
        ;;
      *) usage_error chaos "unknown argument '$1'" ;;
    esac
  done
  ((${#faults[@]})) || faults=("${CHAOS_FAULTS[@]}")
  find_jdk
  chaos_require_stack
  trap chaos_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  chaos_prepare
  CHAOS_TOKEN=$(make_token "${MEMBANK_OPERATIONS_TENANT:-operations}" chaos admin 3600)
  CHAOS_READER=$(make_token chaos chaos-user reader 3600)
  for f in "${faults[@]}"; do
    info ""
    info "chaos: ----- $f -----"
    "chaos_fault_${f//-/_}"
  done
  chaos_table | tee "$MB_LOGS/chaos-report.md"
  if [[ -n "$report" ]]; then
    chaos_table >"$report"
    info "chaos: table written to $report"
  fi
  ((CHAOS_FAILED == 0))
}

# ---------------------------------------------------------------- stack and diagnostics

chaos_require_stack() {
  local name
  for name in "${SVC_NAMES[@]}"; do
    [[ "$(svc_readiness "$name")" == UP ]] ||
      die "chaos: service $name is not ready: start the suite first (bin/membank up)"
  done
  [[ -n "$(devstack_pids)" ]] || die "chaos: no devstack of this repo is running (bin/membank up)"
  chaos_classpath >/dev/null
}

# The classpath of ChaosTool: a built service's libraries (PostgreSQL driver, Kafka client).
chaos_classpath() {
  local lib="$MB_ROOT/diagnostics-service/target/quarkus-app/lib/main"
  [[ -d "$lib" ]] || die "chaos: $lib is missing (bin/membank build)"
  printf '%s/*' "$lib"
}

# diagnostics-service with healing on and the quota path watched (restarted only if needed).
chaos_prepare() {
  local props="$MB_HOME/data/diagnostics/config/application.properties"
  mkdir -p "$(chaos_quota_dir)"
  rm -f "$(chaos_quota_dir)/fill"
  if grep -q '^membank.diagnostics.healing.dry-run=false$' "$props" 2>/dev/null &&
    grep -q "^membank.diagnostics.collect.disks.chaos-quota.path=$(chaos_quota_dir)$" "$props"; then
    info "chaos: diagnostics-service already heals and watches $(chaos_quota_dir)"
    CHAOS_RESTORE=0
    return 0
  fi
  info "chaos: restarting diagnostics-service with healing on (dry-run off, local runtime; restart_service is the only automatic action) and a ${CHAOS_QUOTA_BYTES}-byte quota on $(chaos_quota_dir)"
  CHAOS_RESTORE=${MEMBANK_CHAOS_RESTORE:-1}
  CHAOS_PREVIOUS_DRY_RUN=${MEMBANK_DIAGNOSTICS_DRY_RUN:-true}
  MEMBANK_DIAGNOSTICS_DRY_RUN=false MEMBANK_CHAOS_QUOTA_DIR="$(chaos_quota_dir)" \
    MEMBANK_CHAOS_QUOTA_BYTES=$CHAOS_QUOTA_BYTES "$MB_ROOT/bin/membank" restart diagnostics
}

chaos_cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  for pid in "${CHAOS_STOPPED_PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null || true; done
  for pid in "${CHAOS_HELPER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -f "$(chaos_quota_dir)/fill"
  if [[ "${CHAOS_RESTORE:-0}" == 1 ]]; then
    info "chaos: restoring diagnostics-service (dry-run=${CHAOS_PREVIOUS_DRY_RUN})"
    MEMBANK_DIAGNOSTICS_DRY_RUN=$CHAOS_PREVIOUS_DRY_RUN "$MB_ROOT/bin/membank" restart diagnostics ||
      warn "chaos: diagnostics-service could not be restarted: bin/membank restart diagnostics"
  fi
  exit "$rc"
}

# diag_get PATH — GET on diagnostics-service's API as an operations admin; prints the JSON.
diag_get() {
  curl -sS -m 10 -H "Authorization: Bearer $CHAOS_TOKEN" "$(svc_url diagnostics)$1"
}

# Open diagnoses (ids) of one known issue.
chaos_open_ids() {
  diag_get "/api/v1/diagnostics/diagnoses?status=open&limit=100" |
    jq -r --arg i "$1" '.items[] | select(.issue_id == $i) | .id' 2>/dev/null || true
}

# iso_epoch TIMESTAMP — seconds since the epoch (fractions dropped).
iso_epoch() { date -d "$1" +%s.%N 2>/dev/null | cut -c1-14; }

# chaos_await_diagnosis ISSUE T0 BEFORE_IDS — waits for a new open diagnosis of ISSUE; sets
# CHAOS_ID and CHAOS_DETECT (seconds from T0 to the diagnosis' first_seen_at); 1 on timeout.
chaos_await_diagnosis() {
  local issue=$1 t0=$2 before=$3 id deadline
  deadline=$(($(date +%s) + $(chaos_detect_bound) + 20))
  CHAOS_ID="" CHAOS_DETECT=""
  while (($(date +%s) < deadline)); do
    for id in $(chaos_open_ids "$issue"); do
      [[ " $before " == *" $id "* ]] && continue
      CHAOS_ID=$id
      CHAOS_DETECT=$(awk -v a="$(iso_epoch "$(diag_get "/api/v1/diagnostics/diagnoses/$id" | jq -r .first_seen_at)")" \
        -v b="$t0" 'BEGIN { d = a - b; printf "%.0f", (d < 0 ? 0 : d) }')
      return 0
    done
    sleep 2
  done
  return 1
}

# chaos_await_resolved ID SINCE — waits for the diagnosis to be resolved; sets CHAOS_HEAL
# (seconds from SINCE); 1 on timeout.
chaos_await_resolved() {
  local id=$1 since=$2 deadline status
  deadline=$(($(date +%s) + $(chaos_heal_bound)))
  CHAOS_HEAL=""
  while (($(date +%s) < deadline)); do
    status=$(diag_get "/api/v1/diagnostics/diagnoses/$id" | jq -r .status 2>/dev/null || true)
    if [[ "$status" == resolved ]]; then
      CHAOS_HEAL=$(awk -v a="$(date +%s.%N)" -v b="$since" 'BEGIN { printf "%.0f", a - b }')
      return 0
    fi
    sleep 2
  done
  return 1
}

# What a diagnosis saw and did: symptoms, issue and top solution, the actions taken.
chaos_describe() {
  local view
  view=$(diag_get "/api/v1/diagnostics/diagnoses/$1" || true)
  [[ -n "$view" ]] || return 0
  CHAOS_SYMPTOMS=$(jq -r '[.symptoms[] | "\(.type) (\(.component))"] | unique | .[0:3] | join(", ")' <<<"$view")
  CHAOS_ISSUE=$(jq -r '"\(.issue_id) (rank \(.rank // 1), confidence \((.confidence * 100 | floor))%)"' <<<"$view")
  CHAOS_ACTIONS=$(jq -r '[(.actions // [])[] | "\(.type) \(.target): \(.status)\(if .reason then " (" + .reason + ")" else "" end)"] | join("; ")' <<<"$view")
  if [[ -z "$CHAOS_ACTIONS" ]]; then
    CHAOS_ACTIONS="proposed: $(jq -r '.solutions[0] | if .action == "none" then "advice: " + (.description | .[0:90]) else .action + " " + (.target // "") + " (not automatic)" end' <<<"$view")"
  fi
}

# chaos_row FAULT RESULT DETECT HEAL — appends a table row from the last chaos_describe.
chaos_row() {
  local fault=$1 result=$2 detect=${3:-} heal=${4:-}
  [[ "$result" == PASS ]] || CHAOS_FAILED=1
  CHAOS_ROWS+=("| $fault | ${CHAOS_SYMPTOMS:-none} | ${CHAOS_ISSUE:-none} | ${CHAOS_ACTIONS:-none} | ${detect:+${detect} s} | ${heal:+${heal} s} | $result |")
  info "chaos: $fault: $result (detect ${detect:-?} s, heal ${heal:-?} s)"
}

chaos_table() {
  printf '| fault | detected symptom | diagnosis | action | time to detect | time to heal | result |\n'
  printf '|---|---|---|---|---|---|---|\n'
  printf '%s\n' "${CHAOS_ROWS[@]}"
}

chaos_reset() { CHAOS_SYMPTOMS="" CHAOS_ISSUE="" CHAOS_ACTIONS=""; }

# chaos_detect FAULT ISSUE T0 BEFORE — the detection half every fault shares; 1 (row written) on
# a miss or a late detection.
chaos_detect() {
  local fault=$1 issue=$2 t0=$3 before=$4
  chaos_reset
  if ! chaos_await_diagnosis "$issue" "$t0" "$before"; then
    CHAOS_ISSUE="no $issue diagnosis"
    chaos_row "$fault" FAIL
    return 1
  fi
  chaos_describe "$CHAOS_ID"
  info "chaos: $fault: diagnosed $CHAOS_ISSUE after ${CHAOS_DETECT} s"
  if ((CHAOS_DETECT > $(chaos_detect_bound))); then
    chaos_row "$fault" "FAIL (detected after the $(chaos_detect_bound) s bound)" "$CHAOS_DETECT"
    return 1
  fi
}

now_epoch() { date +%s.%N | cut -c1-14; }

# chaos_helper ARGS... — ChaosTool in the background; waits for its first line.
chaos_helper() {
  local out="$MB_LOGS/chaos-helper.log" pid i
  : >"$out"
  "$JAVA_HOME/bin/java" -cp "$(chaos_classpath)" "$CHAOS_TOOL" "$@" >"$out" 2>&1 &
  pid=$!
  CHAOS_HELPER_PIDS+=("$pid")
  for ((i = 0; i < 240; i++)); do
    # Its own line (the Kafka client's SLF4J notices come first).
    if grep -qE '^(pg-connections|pg-lock|poison): ' "$out"; then
      info "chaos: $(grep -m1 -E '^(pg-connections|pg-lock|poison): ' "$out")"
      CHAOS_HELPER=$pid
      return 0
    fi
    pid_alive "$pid" || break
    sleep 0.5
  done
  cat "$out" >&2
  return 1
}

chaos_psql() {
  psql -X -q -At -h "$(pg_host)" -p "$(pg_port)" -U postgres -d postgres -c "$1"
}

# ---------------------------------------------------------------- the faults

# A service process killed (SIGKILL): service_down → service-process-down → restart_service
# runs automatically; healed when the service is ready again.
chaos_fault_service_kill() {
  local name=cost pid before t0 actions=0 i
  pid=$(svc_pid "$name")
  [[ -n "$pid" ]] || { chaos_reset; chaos_row service-kill "FAIL ($name not running)"; return; }
  before=$(chaos_open_ids service-process-down | xargs)
  t0=$(now_epoch)
  kill -KILL "$pid"
  info "chaos: killed $name-service (pid $pid, SIGKILL)"
  chaos_detect service-kill service-process-down "$t0" "$before" || return 0
  local deadline=$(($(date +%s) + $(chaos_heal_bound))) healed=""
  while (($(date +%s) < deadline)); do
    if [[ "$(svc_readiness "$name")" == UP ]]; then
      healed=$(awk -v a="$(now_epoch)" -v b="$t0" 'BEGIN { printf "%.0f", a - b }')
      break
    fi
    sleep 2
  done
  # The healer records its action when `bin/membank restart` returns, a moment after readiness.
  for ((i = 0; i < 30; i++)); do
    actions=$(diag_get "/api/v1/diagnostics/diagnoses/$CHAOS_ID" |
      jq -r '[(.actions // [])[] | select(.type == "restart_service" and .target == "cost-service" and (.status == "executed" or .status == "verified"))] | length' || echo 0)
    [[ "$actions" -ge 1 ]] && break
    sleep 2
  done
  chaos_describe "$CHAOS_ID"
  if [[ -n "$healed" && "$actions" -ge 1 ]]; then
    chaos_row service-kill PASS "$CHAOS_DETECT" "$healed"
  else
    chaos_row service-kill "FAIL (no executed restart, or not ready in $(chaos_heal_bound) s)" "$CHAOS_DETECT" "$healed"
  fi
}

# The broker stopped for 60 s: the devstack JVM (Kafka, and Neo4j with it) is frozen with SIGSTOP,
# then resumed. Expected: kafka-broker-down (one diagnosis for every service); the fix is the
# broker's (advice); healed when the diagnosis resolves after SIGCONT.
chaos_fault_kafka_stop() {
  local pids before t0 resumed hold=${MEMBANK_CHAOS_KAFKA_SECONDS:-60} pid
  pids=$(devstack_pids | xargs)
  before=$(chaos_open_ids kafka-broker-down | xargs)
  t0=$(now_epoch)
  for pid in $pids; do
    kill -STOP "$pid"
    CHAOS_STOPPED_PIDS+=("$pid")
  done
  info "chaos: devstack JVM (Kafka, Neo4j) frozen (SIGSTOP pid $pids) for ${hold} s"
  local detected=0
  chaos_detect kafka-stop kafka-broker-down "$t0" "$before" && detected=1
  while awk -v a="$(now_epoch)" -v b="$t0" -v h="$hold" 'BEGIN { exit !(a - b < h) }'; do sleep 1; done
  for pid in $pids; do kill -CONT "$pid"; done
  CHAOS_STOPPED_PIDS=()
  resumed=$(now_epoch)
  info "chaos: devstack resumed (SIGCONT)"
  ((detected)) || return 0
  if chaos_await_resolved "$CHAOS_ID" "$resumed"; then
    chaos_describe "$CHAOS_ID"
    chaos_row kafka-stop PASS "$CHAOS_DETECT" "$CHAOS_HEAL"
  else
    chaos_describe "$CHAOS_ID"
    chaos_row kafka-stop "FAIL (still open $(chaos_heal_bound) s after the broker came back)" "$CHAOS_DETECT"
  fi
}

# PostgreSQL connections exhausted: idle sessions on memory-service's database until the server
# is ~90 % full. Expected: postgres-connections-exhausted naming memory-service; advice only;
# healed when the diagnosis resolves after the sessions close.
chaos_fault_pg_connections() {
  local used accepted n before t0 released
  used=$(chaos_psql "select count(*) from pg_stat_activity where backend_type = 'client backend'")
  accepted=$(chaos_psql "select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int")
  n=$((accepted * 90 / 100 - used))
  before=$(chaos_open_ids postgres-connections-exhausted | xargs)
  chaos_helper pg-connections "jdbc:postgresql://$(pg_host):$(pg_port)/membank_memory" postgres "$n" 600 ||
    { chaos_reset; chaos_row pg-connections "FAIL (could not open sessions)"; return; }
  t0=$(now_epoch)
  local detected=0
  chaos_detect pg-connections postgres-connections-exhausted "$t0" "$before" && detected=1
  kill "$CHAOS_HELPER" 2>/dev/null || true
  wait "$CHAOS_HELPER" 2>/dev/null || true
  released=$(now_epoch)
  ((detected)) || return 0
  if chaos_await_resolved "$CHAOS_ID" "$released"; then
    chaos_describe "$CHAOS_ID"
    chaos_row pg-connections PASS "$CHAOS_DETECT" "$CHAOS_HEAL"
  else
    chaos_row pg-connections "FAIL (still open after the sessions closed)" "$CHAOS_DETECT"
  fi
}

# A slow database: an ACCESS EXCLUSIVE lock on memory-service's memories table, and reads of
# memories queueing behind it. Expected: database-lock-contention on memory-service; advice
# (end the blocking session); healed when the diagnosis resolves after the lock is released.
chaos_fault_db_lock() {
  local before t0 released i
  before=$(chaos_open_ids database-lock-contention | xargs)
  chaos_helper pg-lock "jdbc:postgresql://$(pg_host):$(pg_port)/membank_memory" postgres memories 600 ||
    { chaos_reset; chaos_row db-lock "FAIL (could not take the lock)"; return; }
  t0=$(now_epoch)
  # Real reads that wait on the lock (memory-service's own sessions).
  for i in 1 2 3; do
    curl -s -o /dev/null -m 90 -H "Authorization: Bearer $CHAOS_READER" \
      "$(svc_url memory)/api/v1/memories/00000000-0000-4000-8000-00000000000$i" &
    CHAOS_HELPER_PIDS+=("$!")
  done
  local detected=0
  chaos_detect db-lock database-lock-contention "$t0" "$before" && detected=1
  kill "$CHAOS_HELPER" 2>/dev/null || true
  wait "$CHAOS_HELPER" 2>/dev/null || true
  released=$(now_epoch)
  ((detected)) || return 0
  if chaos_await_resolved "$CHAOS_ID" "$released"; then
    chaos_describe "$CHAOS_ID"
    chaos_row db-lock PASS "$CHAOS_DETECT" "$CHAOS_HEAL"
  else
    chaos_row db-lock "FAIL (still open after the lock was released)" "$CHAOS_DETECT"
  fi
}

# Poison events: unreadable records on memory.events; its consumers dead-letter them. Expected:
# dlq-growth; the pause_consumer solution is high risk and waits for an admin (reported as such).
# Growth is counted over symptoms.window (15 min), so the diagnosis stays open that long: the
# heal column is empty by design.
chaos_fault_dlq_poison() {
  local before t0
  before=$(chaos_open_ids dlq-growth | xargs)
  t0=$(now_epoch)
  chaos_helper poison "$(kafka_bootstrap)" memory.events 20 ||
    { chaos_reset; chaos_row dlq-poison "FAIL (could not send)"; return; }
  chaos_detect dlq-poison dlq-growth "$t0" "$before" || return 0
  sleep 5 # let the healer decide on it
  chaos_describe "$CHAOS_ID"
  chaos_row dlq-poison PASS "$CHAOS_DETECT" ""
}

# A disk filling up: a file in the watched quota directory up to 97 % of its limit. Expected:
# disk-filling; advice (free space); healed when the diagnosis resolves after the file is gone.
chaos_fault_disk_fill() {
  local before t0 removed
  before=$(chaos_open_ids disk-filling | xargs)
  t0=$(now_epoch)
  head -c $((CHAOS_QUOTA_BYTES * 97 / 100)) /dev/zero >"$(chaos_quota_dir)/fill"
  info "chaos: $(du -sh "$(chaos_quota_dir)" | cut -f1) written to $(chaos_quota_dir) (quota $((CHAOS_QUOTA_BYTES / 1024 / 1024)) MiB)"
  local detected=0
  chaos_detect disk-fill disk-filling "$t0" "$before" && detected=1
  rm -f "$(chaos_quota_dir)/fill"
  removed=$(now_epoch)
  ((detected)) || return 0
  if chaos_await_resolved "$CHAOS_ID" "$removed"; then
    chaos_describe "$CHAOS_ID"
    chaos_row disk-fill PASS "$CHAOS_DETECT" "$CHAOS_HEAL"
  else
    chaos_row disk-fill "FAIL (still open after the file was removed)" "$CHAOS_DETECT"
  fi
}
