# shellcheck shell=bash
# backup / restore / restore-drill: backups of every store of the local stack, and the drill that
# proves they restore (docs/backup.md; the cluster's CronJobs do the same per store).
#
# A local backup is taken with the services stopped (a quiesced, consistent point across the
# stores; the stores themselves keep running except the dev stack JVM):
#   PostgreSQL  pg_dump -Fc per service database + pg_dumpall --globals-only (roles)
#   Redis       SAVE -> dump.rdb (rate-limit windows and caches only: restoring it is optional)
#   Neo4j       the embedded database's store files, copied while the dev stack JVM is stopped
#               (what `neo4j-admin database dump` does offline; the devstack embeds Neo4j, so
#               there is no neo4j-admin here: the chart's CronJob runs the real one)
#   Kafka       the broker's log directory (topics and consumer offsets), copied while stopped:
#               memory.events is kept forever and is the source of a search rebuild, and the
#               compacted topics (cost.budgets, governance.policies) hold live decisions
#   Lucene      search-service's index directory, copied while search-service is stopped (a
#               closed index is a consistent snapshot; `bin/membank reindex` can rebuild it from
#               memory.events instead, slower)
# Each file gets a sha256 in manifest.json; restore refuses a backup whose files do not match.

BACKUP_PG_DUMP_ARGS=(-h 127.0.0.1 -U postgres)

backup_root() { printf '%s/backups' "$MB_HOME"; }

# Services whose data is in PostgreSQL (services.conf: store "pg").
backup_pg_services() {
  local name
  for name in "${SVC_NAMES[@]}"; do
    if svc_has_store "$name" pg; then printf '%s\n' "$name"; fi
  done
}

search_index_dir() { printf '%s/data/search/data/search-index' "$MB_HOME"; }

backup_require_local_stack() {
  external_stores && die "$1: MEMBANK_EXTERNAL_STORES=1: back up the external stores with their own tools (docs/backup.md)"
  [[ "$(devstack_state)" == READY ]] || die "$1: the stack is not running (bin/membank up)"
  command -v pg_dump >/dev/null && command -v pg_restore >/dev/null && command -v redis-cli >/dev/null ||
    die "$1: pg_dump, pg_restore and redis-cli are needed (bin/membank setup installs them)"
}

backup_psql() { psql "${BACKUP_PG_DUMP_ARGS[@]}" -p "$(pg_port)" -v ON_ERROR_STOP=1 -qAt "$@"; }

# Seconds since $1 (an epoch with nanoseconds from `date +%s.%N`), one decimal.
backup_elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# tar + gzip of directory $1 (its contents) into file $2.
backup_tar() { tar -C "$1" -czf "$2" .; }

start_stack_services() {
  local name
  for name in "${SVC_NAMES[@]}"; do start_service "$name"; done
  wait_services
}

# backup [DIR]: writes a backup of the running local stack to DIR (default
# .membank/backups/<UTC time>) and prints its directory as the last line.
cmd_backup() {
  local dir="" arg
  for arg in "$@"; do
    case "$arg" in
      -*) usage_error backup "unknown argument '$arg'" ;;
      *) [[ -z "$dir" ]] || usage_error backup "one directory only"; dir=$arg ;;
    esac
  done
  ensure_dirs
  find_jdk
  backup_require_local_stack backup
  [[ -n "$dir" ]] || dir="$(backup_root)/$(date -u +%Y%m%dT%H%M%SZ)"
  [[ ! -e "$dir" || -z "$(ls -A "$dir" 2>/dev/null)" ]] || die "backup: $dir exists and is not empty"
  mkdir -p "$dir/pg"
  dir=$(cd "$dir" && pwd -P)
  local t0 t name db pause
  t0=$(date +%s.%N)
  info "backup: to ${dir#"$MB_ROOT"/}"
  # 1. Quiesce: no service writes while the stores are copied.
  stop_services
  pause=$(date +%s.%N)
  # 2. PostgreSQL (running): one custom-format dump per database, and the roles.
  t=$(date +%s.%N)
  pg_dumpall "${BACKUP_PG_DUMP_ARGS[@]}" -p "$(pg_port)" --globals-only --no-role-passwords -f "$dir/pg/globals.sql"
  for name in $(backup_pg_services); do
    db="membank_$name"
    pg_dump "${BACKUP_PG_DUMP_ARGS[@]}" -p "$(pg_port)" -Fc -Z 6 -d "$db" -f "$dir/pg/$db.dump" ||
      die "backup: pg_dump $db failed"
  done
  info "backup: postgres: $(backup_pg_services | wc -l) databases ($(backup_elapsed "$t") s)"
  # 3. Redis (running): a synchronous snapshot.
  redis-cli -h "$(redis_host)" -p "$(redis_port)" SAVE >/dev/null || die "backup: redis SAVE failed"
  cp "$MB_HOME/redis/dump.rdb" "$dir/redis-dump.rdb"
  info "backup: redis: dump.rdb ($(redis-cli -h "$(redis_host)" -p "$(redis_port)" DBSIZE) keys in db 0)"
  # 4. The dev stack JVM (Kafka, Neo4j) stops cleanly, then its files are copied.
  t=$(date +%s.%N)
  stop_devstack
  backup_tar "$MB_HOME/devstack/neo4j" "$dir/neo4j.tar.gz"
  backup_tar "$MB_HOME/devstack/kafka" "$dir/kafka.tar.gz"
  if [[ -d "$(search_index_dir)" ]]; then
    backup_tar "$(search_index_dir)" "$dir/search-index.tar.gz"
  else
    warn "backup: no search index at $(search_index_dir) (nothing indexed yet)"
  fi
  info "backup: neo4j, kafka, search index copied ($(backup_elapsed "$t") s)"
  backup_manifest "$dir"
  # 5. Back to service.
  start_devstack
  wait_devstack
  start_stack_services
  write_status_json
  info "backup: done in $(backup_elapsed "$t0") s (services paused $(backup_elapsed "$pause") s), $(du -sh "$dir" | cut -f1)"
  BACKUP_LAST_DIR=$dir
  printf '%s\n' "$dir"
}

backup_manifest() {
  local dir=$1
  (cd "$dir" && find . -type f ! -name manifest.json -printf '%P\n' | sort | while read -r f; do
    jq -cn --arg path "$f" --arg sha "$(sha256sum "$f" | cut -d' ' -f1)" --argjson bytes "$(stat -c %s "$f")" \
      '{path: $path, sha256: $sha, bytes: $bytes}'
  done) | jq -s --arg at "$(date -u +%FT%TZ)" --arg commit "$(git -C "$MB_ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)" \
    '{format: "membank-local-backup/1", created_at: $at, commit: $commit, files: .}' >"$dir/manifest.json"
}

backup_verify_manifest() {
  local dir=$1 f sha bytes
  [[ -f "$dir/manifest.json" ]] || die "restore: $dir has no manifest.json (not a bin/membank backup)"
  [[ "$(jq -r .format "$dir/manifest.json")" == membank-local-backup/1 ]] || die "restore: $dir/manifest.json: unknown format"
  while IFS=$'\t' read -r f sha bytes; do
    [[ -f "$dir/$f" ]] || die "restore: $dir/$f is missing"
    [[ "$(sha256sum "$dir/$f" | cut -d' ' -f1)" == "$sha" ]] || die "restore: $dir/$f does not match its sha256 in manifest.json"
  done < <(jq -r '.files[] | [.path, .sha256, .bytes] | @tsv' "$dir/manifest.json")
}

# The PostgreSQL data directory of the running cluster (it may live outside .membank when the
# server runs as root: PostgresNode.layout()).
backup_pg_data_dir() { backup_psql -c 'SHOW data_directory'; }

# restore DIR: stops everything, wipes every store of the local stack, restores DIR into them and
# starts the suite again.
cmd_restore() {
  local dir="" arg yes=0
  for arg in "$@"; do
    case "$arg" in
      --yes) yes=1 ;;
      -*) usage_error restore "unknown argument '$arg'" ;;
      *) [[ -z "$dir" ]] || usage_error restore "one directory only"; dir=$arg ;;
    esac
  done
  [[ -n "$dir" ]] || usage_error restore "name the backup directory (bin/membank backup prints it)"
  [[ -d "$dir" ]] || die "restore: no directory $dir"
  dir=$(cd "$dir" && pwd -P)
  ((yes)) || [[ ! -t 0 ]] || {
    read -r -p "restore: this DELETES every store of $MB_HOME and restores $dir. Continue? [y/N] " arg
    [[ "$arg" == [yY]* ]] || die "restore: cancelled"
  }
  ensure_dirs
  find_jdk
  external_stores && die "restore: MEMBANK_EXTERNAL_STORES=1: restore the external stores with their own tools (docs/backup.md)"
  local t0 t pgdata name db
  t0=$(date +%s.%N)
  backup_verify_manifest "$dir"
  info "restore: from ${dir#"$MB_ROOT"/} (checksums OK)"
  # Where PostgreSQL keeps its files: ask the running server (started if needed).
  if [[ "$(devstack_state)" != READY ]]; then start_devstack; wait_devstack; fi
  pgdata=$(backup_pg_data_dir)
  [[ -n "$pgdata" && -f "$pgdata/PG_VERSION" ]] || die "restore: cannot find PostgreSQL's data directory"
  # 1. Everything down, then the stores are destroyed.
  t=$(date +%s.%N)
  stop_services
  stop_gateway
  stop_devstack
  stop_stores
  rm -rf "$pgdata" "$MB_HOME/redis" "$MB_HOME/devstack/kafka" "$MB_HOME/devstack/neo4j" "$(search_index_dir)"
  info "restore: stores wiped (postgres $pgdata, redis, kafka, neo4j, search index; $(backup_elapsed "$t") s)"
  # 2. The file-level stores go back before anything starts; Redis loads dump.rdb at start.
  t=$(date +%s.%N)
  mkdir -p "$MB_HOME/devstack/kafka" "$MB_HOME/devstack/neo4j" "$MB_HOME/redis"
  tar -C "$MB_HOME/devstack/neo4j" -xzf "$dir/neo4j.tar.gz"
  tar -C "$MB_HOME/devstack/kafka" -xzf "$dir/kafka.tar.gz"
  if [[ -f "$dir/search-index.tar.gz" ]]; then
    mkdir -p "$(search_index_dir)"
    tar -C "$(search_index_dir)" -xzf "$dir/search-index.tar.gz"
  fi
  cp "$dir/redis-dump.rdb" "$MB_HOME/redis/dump.rdb"
  # 3. The dev stack makes a new PostgreSQL cluster with the roles and empty databases, then each
  #    database is restored from its dump (objects keep their owners; one transaction each).
  start_devstack
  wait_devstack
  # Roles: the dev stack has made the services' roles already; "already exists" errors are
  # expected (logged), anything a later release adds is created.
  backup_psql -v ON_ERROR_STOP=0 -d postgres -f "$dir/pg/globals.sql" >/dev/null 2>"$MB_LOGS/restore-globals.log" || true
  local f
  for f in "$dir"/pg/membank_*.dump; do
    db=$(basename "$f" .dump)
    pg_restore "${BACKUP_PG_DUMP_ARGS[@]}" -p "$(pg_port)" -d "$db" --exit-on-error --single-transaction "$f" ||
      die "restore: pg_restore $db failed"
  done
  info "restore: stores restored ($(backup_elapsed "$t") s)"
  # 4. The suite again.
  start_stack_services
  start_gateway
  write_status_json
  info "restore: done in $(backup_elapsed "$t0") s"
}

# ---------------------------------------------------------------- the drill

# drill_call METHOD PATH [BODY]: the JSON answer on stdout; a non-2xx answer is an error naming it.
drill_call() {
  local method=$1 path=$2 body=${3:-} out code
  local -a args=(-sS -o /dev/stdout -w '\n%{http_code}' -X "$method" -H "Authorization: Bearer $DRILL_TOKEN" -H 'Accept: application/json')
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  local attempt
  # A loaded machine times out a read now and then (Neo4j's transaction timeout, a 429): 5xx,
  # 429 and no answer are tried again, up to 5 times; anything else is an error at once.
  for attempt in 1 2 3 4 5; do
    out=$(curl "${args[@]}" "$(gateway_url)$path") || out=$'\n000'
    code=${out##*$'\n'}
    out=${out%$'\n'*}
    [[ "$code" == 5?? || "$code" == 429 || "$code" == 000 ]] || break
    sleep $((attempt * 2))
  done
  if [[ "$code" != 2?? ]]; then
    warn "restore-drill: $method $path answered $code: ${out:0:300}"
    return 1
  fi
  printf '%s' "$out"
}

# Submits one memory for the drill's user; prints the job id.
drill_add() {
  drill_call POST /api/v1/memories "$(jq -cn --arg user "$DRILL_USER" --arg content "$1" \
    '{user_id: $user, session_id: "restore-drill", content: $content}')" | jq -r '.job_id // empty'
}

drill_wait_jobs() {
  local job status _
  for job in "$@"; do
    for _ in $(seq 1 300); do
      status=$(drill_call GET "/api/v1/jobs/$job" | jq -r '.status // empty')
      [[ "$status" == completed || "$status" == failed ]] && break
      sleep 0.2
    done
    [[ "$status" == completed ]] || die "restore-drill: job $job is $status"
  done
}

# What the drill compares before and after, as one JSON document: the user's memories (every
# field the API returns), each one's history, the ids a search for each memory's own keyword
# finds, the user's graph (entities and relationships) and the audit chain's verdict.
drill_snapshot() {
  local memories ids id history="{}" search="{}" graph audit
  local h r i
  memories=$(drill_call GET "/api/v1/users/$DRILL_USER/memories?include_invalidated=true&limit=100&sort_by=created_at&sort_order=asc") || return 1
  ids=$(jq -r '.memories[].id' <<<"$memories")
  for id in $ids; do
    h=$(drill_call GET "/api/v1/memories/$id/history") || return 1
    history=$(jq -c --arg id "$id" --argjson h "$h" '. + {($id): $h}' <<<"$history")
  done
  for ((i = 1; i <= DRILL_N; i++)); do
    r=$(drill_call POST /api/v1/memories/search \
      "$(jq -cn --arg user "$DRILL_USER" --arg q "$(drill_keyword "$i")" '{user_id: $user, query: $q, limit: 5, mode: "keyword"}')") || return 1
    search=$(jq -c --arg k "$(drill_keyword "$i")" --argjson r "$r" '. + {($k): [$r.memories[].id]}' <<<"$search")
  done
  graph=$(drill_call GET "/api/v1/users/$DRILL_USER/graph?limit=200") || return 1
  # The audit chain up to DRILL_AUDIT_TO (set once settled, before the backup): memory-service
  # audits reads, so the chain's head moves with every snapshot; the part before that instant
  # must come back exactly.
  audit='{}'
  if [[ -n "${DRILL_AUDIT_TO:-}" ]]; then
    audit=$(drill_call GET "/api/v1/audit/verify?to=$DRILL_AUDIT_TO") || return 1
  fi
  jq -n --argjson m "$memories" --argjson h "$history" --argjson s "$search" --argjson g "$graph" --argjson a "$audit" \
    '{memories: $m.memories, history: $h, search: $s,
      graph: {nodes: ($g.nodes | sort_by(.id)), edges: ($g.edges | sort_by(.id))},
      audit: ($a | {ok, from_seq, to_seq, records_checked})}'
}

drill_keyword() { printf 'drillmark%03d' "$1"; }

drill_counts() {
  jq -r '"\(.memories | length) memories, \([.history[] | .history | length] | add // 0) history entries, \([.search[] | select(length > 0)] | length)/\(.search | length) keyword searches find their memory, \(.graph.nodes | length) graph nodes, \(.graph.edges | length) graph edges, audit chain ok=\(.audit.ok) over \(.audit.records_checked) records"' <<<"$1"
}

# restore-drill [--memories N]: the end-to-end proof that the backups restore, on the local stack.
cmd_restore_drill() {
  local arg
  DRILL_N=20
  for arg in "$@"; do
    case "$arg" in
      --memories=*) DRILL_N=${arg#--memories=} ;;
      *) usage_error restore-drill "unknown argument '$arg'" ;;
    esac
  done
  [[ "$DRILL_N" =~ ^[1-9][0-9]?$ ]] || usage_error restore-drill "--memories takes 1..99"
  ensure_dirs
  find_jdk
  if [[ "$(devstack_state)" != READY ]] || ! gateway_answers; then cmd_up; fi
  backup_require_local_stack restore-drill
  DRILL_USER="drill-$(date +%s)"
  DRILL_TOKEN=$(make_token drill drill-operator reader,writer,admin,auditor 3600)
  local t0 t jobs=() i before after backup dir_line late_job late_found
  local cities=(Lisbon Nairobi Osaka Quito Tallinn Hobart Recife Gdansk Da\ Nang Accra)
  local orgs=("Acme Robotics" "Orbital Labs" "Blue Heron Bank" "Kestrel Foods" "Northwind Trading")
  t0=$(date +%s.%N)
  info "restore-drill: writing $DRILL_N memories for user $DRILL_USER (tenant drill)"
  for ((i = 1; i <= DRILL_N; i++)); do
    jobs+=("$(drill_add "Fact $(drill_keyword "$i"): my colleague Person$i works at ${orgs[i % 5]} in ${cities[i % 10]} and likes hobby$i.")")
    [[ -n "${jobs[-1]}" ]] || die "restore-drill: write $i was not accepted (see the warning above)"
    sleep 0.2 # under the write tier's 10 per second
  done
  drill_wait_jobs "${jobs[@]}"
  # search-service and graph-service follow memory.events asynchronously: wait until both settle.
  t=$(date +%s.%N)
  before=""
  # (a snapshot is ~2N+5 reads: one every 5 s stays well under the read and search tiers)
  for _ in $(seq 1 48); do
    local snap
    snap=$(drill_snapshot) || die "restore-drill: could not read the stack back (see the warning above)"
    if [[ "$snap" == "$before" ]] && (($(jq '[.search[] | select(length > 0)] | length' <<<"$snap") == DRILL_N)) &&
      (($(jq '.graph.nodes | length' <<<"$snap") > 0)); then break; fi
    before=$snap
    sleep 5
  done
  [[ -n "$before" ]] && (($(jq '[.search[] | select(length > 0)] | length' <<<"$before") == DRILL_N)) ||
    die "restore-drill: search and graph did not settle with every memory within 4 minutes (is graph-service's consumer up? bin/membank status)"
  ((DRILL_N == 0 || $(jq '.graph.nodes | length' <<<"$before") > 0)) || die "restore-drill: the graph has no node of the user"
  DRILL_AUDIT_TO=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  sleep 1
  before=$(drill_snapshot) || die "restore-drill: could not read the stack back (see the warning above)"
  jq -e '.audit.ok == true' <<<"$before" >/dev/null || die "restore-drill: the audit chain does not verify before the backup: $(jq -c .audit <<<"$before")"
  info "restore-drill: before: $(drill_counts "$before") (settled in $(backup_elapsed "$t") s)"
  printf '%s\n' "$before" >"$MB_LOGS/restore-drill-before.json"
  # Backup.
  t=$(date +%s.%N)
  cmd_backup
  dir_line=$BACKUP_LAST_DIR
  [[ -f "$dir_line/manifest.json" ]] || die "restore-drill: the backup failed (no manifest in '$dir_line')"
  local backup_s size
  backup_s=$(backup_elapsed "$t")
  size=$(du -sb "$dir_line" | cut -f1)
  # A write after the backup: the restore must not have it.
  late_job=$(drill_add "Fact drilllate: written after the backup, gone after the restore.")
  [[ -n "$late_job" ]] || die "restore-drill: the write after the backup was not accepted"
  drill_wait_jobs "$late_job"
  # Wipe and restore.
  t=$(date +%s.%N)
  cmd_restore --yes "$dir_line"
  local restore_s
  restore_s=$(backup_elapsed "$t")
  DRILL_TOKEN=$(make_token drill drill-operator reader,writer,admin,auditor 3600)
  after=$(drill_snapshot) || die "restore-drill: FAILED: the restored stack does not answer (see the warning above)"
  printf '%s\n' "$after" >"$MB_LOGS/restore-drill-after.json"
  info "restore-drill: after:  $(drill_counts "$after")"
  late_found=$(drill_call POST /api/v1/memories/search "$(jq -cn --arg user "$DRILL_USER" '{user_id: $user, query: "drilllate", limit: 5, mode: "keyword"}')" | jq '.memories | length') ||
    die "restore-drill: FAILED: search does not answer after the restore"
  if [[ "$before" != "$after" ]]; then
    diff <(jq -S . <<<"$before") <(jq -S . <<<"$after") | head -n 40 >&2 || true
    die "restore-drill: FAILED: the restored stack differs from the backed-up one (before/after: $MB_LOGS/restore-drill-{before,after}.json)"
  fi
  ((late_found == 0)) || die "restore-drill: FAILED: the memory written after the backup is still there"
  info "restore-drill: OK: every memory, history entry, search hit, graph node and edge and the audit verdict are back; the write after the backup is not"
  info "restore-drill: backup $backup_s s, restore (wipe + restore + start) $restore_s s, backup size $((size / 1024)) KiB, whole drill $(backup_elapsed "$t0") s"
}
