# shellcheck shell=bash
# chaos: the fault-injection suite of diagnostics-service (issue 19). Injects faults, one at a
# time, into the running local suite and checks that diagnostics-service detects the symptom,
# names the right known issue, and heals it (restart) or proposes the right action, in time.
#
# Healing runs for real during the run (dry-run off, runtime local): the only action allowed to
# run without an admin is restart_service, which is safe on the local stack. diagnostics-service
# is restarted with that config first and, unless MEMBANK_CHAOS_RESTORE=0, again at the end with
# the stack's own setting.

CHAOS_FAULTS=(service-kill kafka-stop pg-connections db-lock dlq-poison disk-fill consumer-stall error-burst llm-slow heap-leak)
# The subset `bin/membank test` runs (CI): one auto-healed fault, one advice-only fault.
CHAOS_QUICK=(service-kill db-lock)
CHAOS_TOOL="$MB_ROOT/chaos/ChaosTool.java"
CHAOS_QUOTA_BYTES=$((64 * 1024 * 1024))
CHAOS_ROWS=()
CHAOS_FAILED=0
CHAOS_HELPER_PIDS=()
CHAOS_STOPPED_PIDS=()
# Services restarted with the test-only fault switches (or memory-service with the slow LLM):
# restarted again without them at the end.
CHAOS_SWITCHED=()
# The service the switch faults target: small, quick to restart, with a Kafka consumer.
CHAOS_SWITCH_TARGET=cost

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
  chaos_receiver
  if grep -q '^membank.diagnostics.healing.dry-run=false$' "$props" 2>/dev/null &&
    grep -q "^membank.diagnostics.symptoms.window=$(chaos_window)$" "$props" &&
    grep -q "^membank.diagnostics.collect.disks.chaos-quota.path=$(chaos_quota_dir)$" "$props"; then
    info "chaos: diagnostics-service already heals and watches $(chaos_quota_dir)"
    CHAOS_RESTORE=0
    return 0
  fi
  info "chaos: restarting diagnostics-service with healing on (dry-run off, local runtime; restart_service is the only automatic action) and a ${CHAOS_QUOTA_BYTES}-byte quota on $(chaos_quota_dir)"
  CHAOS_RESTORE=${MEMBANK_CHAOS_RESTORE:-1}
  CHAOS_PREVIOUS_DRY_RUN=${MEMBANK_DIAGNOSTICS_DRY_RUN:-true}
  MEMBANK_DIAGNOSTICS_DRY_RUN=false MEMBANK_CHAOS_QUOTA_DIR="$(chaos_quota_dir)" \
    MEMBANK_CHAOS_WINDOW="$(chaos_window)" \
    MEMBANK_CHAOS_QUOTA_BYTES=$CHAOS_QUOTA_BYTES "$MB_ROOT/bin/membank" restart diagnostics
}

# The symptom window during the run: the leak regression looks this far back, so a leak injected
# for a minute is a rise over the window, not a blip in 15 minutes of flat history.
chaos_window() { env_or MEMBANK_CHAOS_WINDOW 3m; }
chaos_pages() { printf '%s/chaos-pages.jsonl' "$MB_LOGS"; }

# The local PagerDuty-compatible receiver diagnostics pages (nothing listens on the alert
# receiver port otherwise): ChaosTool records every event it receives, one JSON per line.
chaos_receiver() {
  local port
  port=$(env_or MEMBANK_ALERT_RECEIVER_PORT 18099)
  if curl -s -o /dev/null -m 2 "http://127.0.0.1:$port/"; then
    info "chaos: something already listens on the alert receiver port $port: pages are checked only if it is ours"
    return 0
  fi
  : >"$(chaos_pages)"
  chaos_helper receiver "$port" "$(chaos_pages)" 7200 ||
    die "chaos: could not start the alert receiver on port $port"
}

# chaos_switches_on SERVICE — the service with its test-only fault switches (/q/faults), restarted
# with them (the chaos profile) if it does not have them yet.
chaos_switches_on() {
  local name=$1
  if [[ "$(http_code "$(svc_mgmt_url "$name")/q/faults")" == 200 ]]; then
    return 0
  fi
  info "chaos: restarting $name-service with its test-only fault switches (QUARKUS_PROFILE=prod,chaos)"
  CHAOS_SWITCHED+=("$name")
  MEMBANK_CHAOS_FAULTS=$name "$MB_ROOT/bin/membank" restart "$name" >/dev/null
  [[ "$(http_code "$(svc_mgmt_url "$name")/q/faults")" == 200 ]]
}

# chaos_fault_call SERVICE METHOD PATH — a call to a service's fault switches.
chaos_fault_call() {
  curl -sS -m 20 -X "$2" "$(svc_mgmt_url "$1")/q/faults$3"
}

chaos_evidence_bound() { env_or MEMBANK_CHAOS_EVIDENCE_SECONDS 90; }

# chaos_evidence — what the page receiver and audit-service hold for CHAOS_ID, into
# CHAOS_EVIDENCE ("page: …; audit: …"); a critical diagnosis must have paged, the diagnosis and
# every action it took must be audited. Both arrive asynchronously (the page after the run that
# opened it; audit records through the outbox relay, Kafka and audit-service's batch consumer),
# so every part is polled until it is there or the bound (MEMBANK_CHAOS_EVIDENCE_SECONDS) is up,
# re-reading the diagnosis each time (its severity can rise, its actions grow). Sets
# CHAOS_EVIDENCE_OK=0 when a part is still missing at the bound.
chaos_evidence() {
  local view severity pages audited actions_total actions_audited id deadline
  deadline=$(($(date +%s) + $(chaos_evidence_bound)))
  while :; do
    view=$(diag_get "/api/v1/diagnostics/diagnoses/$CHAOS_ID" || true)
    severity=$(jq -r '.severity // "?"' <<<"$view" 2>/dev/null || echo "?")
    pages=$(grep -c -F "$CHAOS_ID" "$(chaos_pages)" 2>/dev/null || true)
    pages=${pages:-0}
    audited=$(chaos_audit_count diagnosis "$CHAOS_ID")
    actions_total=0 actions_audited=0
    for id in $(jq -r '(.actions // [])[].id' <<<"$view" 2>/dev/null); do
      actions_total=$((actions_total + 1))
      [[ "$(chaos_audit_count healing_action "$id")" -ge 1 ]] && actions_audited=$((actions_audited + 1))
    done
    CHAOS_EVIDENCE_OK=1
    [[ "$severity" != critical || "$pages" -ge 1 ]] || CHAOS_EVIDENCE_OK=0
    [[ "$audited" -ge 1 && "$actions_audited" -eq "$actions_total" ]] || CHAOS_EVIDENCE_OK=0
    ((CHAOS_EVIDENCE_OK == 0 && $(date +%s) < deadline)) || break
    sleep 3
  done
  if [[ "$severity" == critical ]]; then
    CHAOS_EVIDENCE="page: ${pages} event(s)"
  else
    CHAOS_EVIDENCE="page: none (severity $severity; only critical diagnoses page)"
  fi
  CHAOS_EVIDENCE+="; audit: ${audited} diagnosis record(s), ${actions_audited}/${actions_total} action(s)"
  ((CHAOS_EVIDENCE_OK)) || info "chaos: evidence still missing after $(chaos_evidence_bound) s: $CHAOS_EVIDENCE (diagnosis $CHAOS_ID)"
}

# chaos_audit_count TYPE ID — audit records of the operations tenant about one resource (audit-
# service's page holds them under "events", not "items" as diagnostics-service's pages do; 0
# while audit-service does not answer).
chaos_audit_count() {
  curl -sS -m 10 -H "Authorization: Bearer $CHAOS_TOKEN" \
    "$(svc_url audit)/api/v1/audit/events?resource_type=$1&resource_id=$2&limit=100" 2>/dev/null |
    jq -r '(.events // []) | length' 2>/dev/null || echo 0
}

chaos_cleanup() {
  local rc=$? pid name
  trap - EXIT INT TERM
  for pid in "${CHAOS_STOPPED_PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null || true; done
  for pid in "${CHAOS_HELPER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -f "$(chaos_quota_dir)/fill"
  for name in "${CHAOS_SWITCHED[@]}"; do
    [[ -n "$name" ]] || continue
    info "chaos: restarting $name-service without its fault switches"
    "$MB_ROOT/bin/membank" restart "$name" >/dev/null ||
      warn "chaos: $name-service could not be restarted: bin/membank restart $name"
  done
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
  [[ "$result" == PASS* ]] || CHAOS_FAILED=1
  if [[ -n "${CHAOS_ID:-}" && "$result" == PASS* ]]; then
    chaos_evidence
    if ((CHAOS_EVIDENCE_OK == 0)); then
      result="FAIL (page or audit record missing)"
      CHAOS_FAILED=1
    fi
  elif [[ -n "${CHAOS_ID:-}" ]]; then
    chaos_evidence
  fi
  CHAOS_ROWS+=("| $fault | ${CHAOS_SYMPTOMS:-none} | ${CHAOS_ISSUE:-none} | ${CHAOS_ACTIONS:-none} | ${CHAOS_EVIDENCE:-—} | ${detect:+${detect} s} | ${heal:+${heal} s} | $result |")
  info "chaos: $fault: $result (detect ${detect:-?} s, heal ${heal:-?} s)"
}

chaos_table() {
  printf '| fault | detected symptom | diagnosis | action | page and audit | time to detect | time to heal | result |\n'
  printf '|---|---|---|---|---|---|---|---|\n'
  printf '%s\n' "${CHAOS_ROWS[@]}"
}

chaos_reset() { CHAOS_SYMPTOMS="" CHAOS_ISSUE="" CHAOS_ACTIONS="" CHAOS_ID="" CHAOS_EVIDENCE=""; }

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
  local out="$MB_LOGS/chaos-helper-$1.log" pid i
  : >"$out"
  "$JAVA_HOME/bin/java" -cp "$(chaos_classpath)" "$CHAOS_TOOL" "$@" >"$out" 2>&1 &
  pid=$!
  CHAOS_HELPER_PIDS+=("$pid")
  for ((i = 0; i < 240; i++)); do
    # Its own line (the Kafka client's SLF4J notices come first).
    if grep -qE '^(pg-connections|pg-lock|poison|usage|llm|receiver): ' "$out"; then
      info "chaos: $(grep -m1 -E '^(pg-connections|pg-lock|poison|usage|llm|receiver): ' "$out")"
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
# runs automatically; healed when the service is ready again. A safeguard may refuse the restart
# (the rate limit: at most 2 restarts of one service per 30 min, so a second `chaos` run within
# that time meets it): the issue accepts that when the refusal carries its reason; chaos then
# restarts the service itself (heal column empty) so the next fault finds the whole suite.
chaos_fault_service_kill() {
  local name=cost pid before t0 state="" i
  pid=$(svc_pid "$name")
  [[ -n "$pid" ]] || { chaos_reset; chaos_row service-kill "FAIL ($name not running)"; return; }
  before=$(chaos_open_ids service-process-down | xargs)
  t0=$(now_epoch)
  kill -KILL "$pid"
  info "chaos: killed $name-service (pid $pid, SIGKILL)"
  chaos_detect service-kill service-process-down "$t0" "$before" || { chaos_restore_service "$name"; return 0; }
  local deadline=$(($(date +%s) + $(chaos_heal_bound))) healed=""
  # The healer records its action when `bin/membank restart` returns (executed) or at once when a
  # safeguard refuses it.
  while (($(date +%s) < deadline)); do
    state=$(diag_get "/api/v1/diagnostics/diagnoses/$CHAOS_ID" |
      jq -r --arg t "$name-service" '[(.actions // [])[] | select(.type == "restart_service" and .target == $t) | .status] | first // ""' || true)
    if [[ "$state" == refused ]]; then break; fi
    if [[ ("$state" == executed || "$state" == verified) && "$(svc_readiness "$name")" == UP ]]; then
      healed=$(awk -v a="$(now_epoch)" -v b="$t0" 'BEGIN { printf "%.0f", a - b }')
      break
    fi
    sleep 2
  done
  chaos_describe "$CHAOS_ID"
  if [[ -n "$healed" ]]; then
    chaos_row service-kill PASS "$CHAOS_DETECT" "$healed"
  elif [[ "$state" == refused ]]; then
    info "chaos: service-kill: the restart was refused by a safeguard; restarting $name-service here"
    chaos_restore_service "$name"
    chaos_row service-kill "PASS (restart refused by a safeguard, with its reason)" "$CHAOS_DETECT"
  else
    chaos_restore_service "$name"
    chaos_row service-kill "FAIL (no executed restart, or not ready in $(chaos_heal_bound) s)" "$CHAOS_DETECT"
  fi
}

# chaos_restore_service NAME — the service restarted by chaos if it is not ready (a fault left it down).
chaos_restore_service() {
  [[ "$(svc_readiness "$1")" == UP ]] && return 0
  "$MB_ROOT/bin/membank" restart "$1" >/dev/null || warn "chaos: $1-service could not be restarted: bin/membank restart $1"
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

# The faults below use the services' test-only fault switches (platform/http FaultSwitches: off
# unless the service runs with the chaos profile, see chaos_switches_on) or a stand-in.

# chaos_switch_fault FAULT — shared start of a switch fault: the target service with its switches;
# sets BEFORE for ISSUE; 1 (row written) when the switches cannot be had.
chaos_switch_ready() {
  local fault=$1
  if ! chaos_switches_on "$CHAOS_SWITCH_TARGET"; then
    chaos_reset
    chaos_row "$fault" "FAIL ($CHAOS_SWITCH_TARGET-service has no fault switches)"
    return 1
  fi
}

# chaos_heal_row FAULT SINCE — waits for the diagnosis to resolve after the fault was removed.
chaos_heal_row() {
  local fault=$1 since=$2
  if chaos_await_resolved "$CHAOS_ID" "$since"; then
    chaos_describe "$CHAOS_ID"
    chaos_row "$fault" PASS "$CHAOS_DETECT" "$CHAOS_HEAL"
  else
    chaos_describe "$CHAOS_ID"
    chaos_row "$fault" "FAIL (still open $(chaos_heal_bound) s after the fault was removed)" "$CHAOS_DETECT"
  fi
}

# A stalled consumer: cost-service's llm-usage consumer paused (its group stops committing while
# the service stays healthy) and 1,500 valid usage records of the tenant "chaos" sent to
# llm.usage. Expected: consumer_lag → consumer-backlog; scaling is proposed (not automatic); healed
# when the consumer resumes and the diagnosis resolves.
chaos_fault_consumer_stall() {
  local before t0 resumed detected=0 name=$CHAOS_SWITCH_TARGET
  chaos_switch_ready consumer-stall || return 0
  before=$(chaos_open_ids consumer-backlog | xargs)
  chaos_fault_call "$name" POST "/stall?channel=llm-usage&seconds=600" >/dev/null
  t0=$(now_epoch)
  info "chaos: $name-service's llm-usage consumer paused"
  chaos_helper usage "$(kafka_bootstrap)" llm.usage 1500 ||
    { chaos_fault_call "$name" DELETE "" >/dev/null; chaos_reset; chaos_row consumer-stall "FAIL (could not send)"; return; }
  chaos_detect consumer-stall consumer-backlog "$t0" "$before" && detected=1
  chaos_fault_call "$name" DELETE "" >/dev/null
  resumed=$(now_epoch)
  info "chaos: consumer resumed"
  ((detected)) || return 0
  chaos_heal_row consumer-stall "$resumed"
}

# A burst of 5xx: every /api/ request to cost-service answered 500 by its fault filter while
# readers keep calling it. Expected: high_error_rate → error-burst (critical: paged); a restart is
# proposed, not automatic; healed when the filter is off and the diagnosis resolves.
chaos_fault_error_burst() {
  local before t0 cleared detected=0 name=$CHAOS_SWITCH_TARGET traffic
  chaos_switch_ready error-burst || return 0
  before=$(chaos_open_ids error-burst | xargs)
  chaos_fault_call "$name" POST "/errors?ratio=1&seconds=600" >/dev/null
  t0=$(now_epoch)
  info "chaos: $name-service answers 500 to every /api/ request; calling it 5 times a second"
  (
    while :; do
      curl -s -o /dev/null -m 5 -H "Authorization: Bearer $CHAOS_TOKEN" "$(svc_url "$name")/api/v1/cost/usage" || true
      sleep 0.2
    done
  ) &
  traffic=$!
  CHAOS_HELPER_PIDS+=("$traffic")
  chaos_detect error-burst error-burst "$t0" "$before" && detected=1
  chaos_fault_call "$name" DELETE "" >/dev/null
  cleared=$(now_epoch)
  info "chaos: fault filter off (traffic goes on, answered normally)"
  if ((detected)); then chaos_heal_row error-burst "$cleared"; fi
  kill "$traffic" 2>/dev/null || true
}

# A heap leak: cost-service keeps 1/40 of 75 % of its heap more every second up to that, a full GC
# every 5 s (heap after GC rises). Expected: memory_leak → heap-leak (critical: paged); the
# automatic restart_service runs and heals it (the restarted service has no switches).
chaos_fault_heap_leak() {
  local before t0 detected=0 name=$CHAOS_SWITCH_TARGET max_mib i actions=0 healed="" deadline
  chaos_switch_ready heap-leak || return 0
  chaos_await_warm "$name"
  max_mib=$(curl -s -m 5 "$(svc_mgmt_url "$name")/q/metrics" |
    awk '/^jvm_memory_max_bytes\{.*area="heap"/ { if ($NF > 0) s += $NF } END { printf "%d", s * 0.75 / 1048576 }')
  ((max_mib > 0)) || max_mib=200
  before=$(chaos_open_ids heap-leak | xargs)
  chaos_fault_call "$name" POST "/leak?mib=$(((max_mib + 39) / 40))&max_mib=$max_mib&seconds=600" >/dev/null
  t0=$(now_epoch)
  info "chaos: $name-service leaks $(((max_mib + 39) / 40)) MiB/s up to $max_mib MiB"
  chaos_detect heap-leak heap-leak "$t0" "$before" && detected=1
  if ((!detected)); then
    chaos_fault_call "$name" DELETE "" >/dev/null
    return 0
  fi
  deadline=$(($(date +%s) + $(chaos_heal_bound)))
  while (($(date +%s) < deadline)); do
    actions=$(diag_get "/api/v1/diagnostics/diagnoses/$CHAOS_ID" |
      jq -r --arg t "$name-service" '[(.actions // [])[] | select(.type == "restart_service" and .target == $t and (.status == "executed" or .status == "verified"))] | length' || echo 0)
    if [[ "$actions" -ge 1 && "$(svc_readiness "$name")" == UP ]]; then
      healed=$(awk -v a="$(now_epoch)" -v b="$t0" 'BEGIN { printf "%.0f", a - b }')
      break
    fi
    sleep 2
  done
  # Restarted by the healer: no switches (nor leak) any more; nothing to restore at the end.
  if [[ "$(http_code "$(svc_mgmt_url "$name")/q/faults")" != 200 ]]; then
    CHAOS_SWITCHED=("${CHAOS_SWITCHED[@]/$name/}")
  else
    chaos_fault_call "$name" DELETE "" >/dev/null
  fi
  chaos_describe "$CHAOS_ID"
  if [[ -n "$healed" ]]; then
    chaos_row heap-leak PASS "$CHAOS_DETECT" "$healed"
  else
    chaos_row heap-leak "FAIL (no executed restart, or not ready in $(chaos_heal_bound) s)" "$CHAOS_DETECT"
  fi
}

# The leak regression ignores a process's warm-up (symptoms.leak-warm-up, 5 min: a young JVM's
# old generation grows without leaking); a leak injected earlier would be seen only after it.
chaos_leak_warmup() { env_or MEMBANK_CHAOS_LEAK_WARMUP_SECONDS 300; }

# chaos_await_warm SERVICE — waits until the service has been up for the leak warm-up (its
# process_uptime_seconds), so the leak's detection time is the detector's, not the warm-up's.
chaos_await_warm() {
  local name=$1 uptime wait_s
  uptime=$(curl -s -m 5 "$(svc_mgmt_url "$name")/q/metrics" |
    awk '/^process_uptime_seconds/ { printf "%d", $NF }')
  wait_s=$(($(chaos_leak_warmup) + 15 - ${uptime:-0}))
  if ((wait_s > 0)); then
    info "chaos: $name-service is up ${uptime:-?} s: waiting ${wait_s} s for the leak detector's $(chaos_leak_warmup) s warm-up"
    sleep "$wait_s"
  fi
}

# A slow LLM: memory-service restarted to extract through an OpenAI-compatible stand-in
# (ChaosTool llm) that answers after 10 s, and memories written. Expected: external_timeout on
# llm_latency_seconds → llm-provider-timeouts; switching to the fallback is proposed (not
# automatic); healed when memory-service is back on its own extractor and the diagnosis resolves.
chaos_fault_llm_slow() {
  local before t0 port restored detected=0 i writer
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  chaos_helper llm "$port" "${MEMBANK_CHAOS_LLM_DELAY:-10}" 1800 ||
    { chaos_reset; chaos_row llm-slow "FAIL (no stand-in)"; return; }
  local standin=$CHAOS_HELPER
  info "chaos: restarting memory-service to extract through the stand-in on port $port"
  CHAOS_SWITCHED+=(memory)
  MEMBANK_CHAOS_LLM_URL="http://127.0.0.1:$port/v1" "$MB_ROOT/bin/membank" restart memory >/dev/null ||
    { chaos_reset; chaos_row llm-slow "FAIL (memory-service did not restart)"; return; }
  before=$(chaos_open_ids llm-provider-timeouts | xargs)
  writer=$(make_token chaos chaos-user writer 3600)
  t0=$(now_epoch)
  for i in 1 2 3 4 5 6; do
    curl -s -o /dev/null -m 10 -H "Authorization: Bearer $writer" -H 'Content-Type: application/json' \
      -d "{\"user_id\":\"chaos-llm\",\"content\":\"Chaos note $i: I like slow answers.\"}" \
      "$(svc_url memory)/api/v1/memories" || true
  done
  chaos_detect llm-slow llm-provider-timeouts "$t0" "$before" && detected=1
  kill "$standin" 2>/dev/null || true
  info "chaos: restarting memory-service on its own extractor"
  "$MB_ROOT/bin/membank" restart memory >/dev/null || warn "chaos: memory-service did not restart"
  CHAOS_SWITCHED=("${CHAOS_SWITCHED[@]/memory/}")
  restored=$(now_epoch)
  ((detected)) || return 0
  chaos_heal_row llm-slow "$restored"
}
