# shellcheck shell=bash
# build / up / down: the dev stack process, the services, the local gateway.

DEVSTACK_MAIN=io.membank.devstack.DevStack
DEVSTACK_PIDFILE="$MB_RUN/devstack.pid"
# The generated nginx.conf writes its pid relative to the prefix (.membank/nginx/).
NGINX_PIDFILE="$MB_HOME/nginx/nginx.pid"
NGINX_CONF="$MB_ROOT/gateway-config/local/nginx.conf"
SERVICE_JVM_OPTS=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector)
# Heap per service (MEMBANK_<NAME>_XMX overrides): search-service holds two embedding models.
SERVICE_XMX_DEFAULT=256m
declare -A SERVICE_XMX=([search]=640m)

# ---------------------------------------------------------------- build

devstack_cp() {
  printf '%s' "$MB_ROOT/platform/devstack/target/classes:$MB_ROOT/platform/devstack/target/lib/*"
}

# Lists what `up` needs from a build and is missing (empty: nothing missing).
missing_artifacts() {
  local name jar
  for name in "${SVC_NAMES[@]}"; do
    jar=$(svc_jar "$name")
    [[ -f "$jar" ]] || printf '%s\n' "${jar#"$MB_ROOT"/}"
  done
  if ! external_stores; then
    [[ -d "$MB_ROOT/platform/devstack/target/classes" ]] || printf '%s\n' platform/devstack/target/classes
  fi
  [[ -f "$MB_ROOT/gateway-config/target/api-docs/openapi.json" ]] || printf '%s\n' gateway-config/target/api-docs
  return 0
}

cmd_build() {
  find_jdk
  info "build: ./mvnw -B -q install -DskipTests (JDK $JAVA_HOME)"
  mvnw -q install -DskipTests
  info "build: done"
}

# ---------------------------------------------------------------- devstack

devstack_cmd() {
  DEVSTACK_CMD=("$JAVA_HOME/bin/java" -Xmx768m -XX:+UseSerialGC -cp "$(devstack_cp)" "$DEVSTACK_MAIN")
}

# Pids of dev stack processes for this repo: our pid file, the devstack's own pid
# file, ready.json, and the command line (a test kit may have started it).
devstack_pids() {
  local pid needle="$DEVSTACK_MAIN run --home $MB_HOME"
  {
    pid=$(read_pidfile "$DEVSTACK_PIDFILE")
    [[ -n "$pid" ]] && pid_matches "$pid" "$DEVSTACK_MAIN" && printf '%s\n' "$pid"
    pid=$(read_pidfile "$MB_HOME/devstack/devstack.pid")
    [[ -n "$pid" ]] && pid_matches "$pid" "$DEVSTACK_MAIN" && printf '%s\n' "$pid"
    pid=$(ready_json_pid)
    [[ -n "$pid" ]] && pid_matches "$pid" "$DEVSTACK_MAIN" && printf '%s\n' "$pid"
    pids_by_cmdline "$needle"
  } | sort -un
}

ready_json_pid() {
  [[ -f "$MB_READY_JSON" ]] || return 0
  jq -r '.pid // empty' "$MB_READY_JSON" 2>/dev/null || true
}

# READY (running, ready.json written), STARTING, STOPPED, or EXTERNAL (MEMBANK_EXTERNAL_STORES=1)
devstack_state() {
  local pids
  pids=$(devstack_pids)
  if [[ -n "$pids" && -f "$MB_READY_JSON" ]]; then
    printf 'READY'
  elif [[ -n "$pids" ]]; then
    printf 'STARTING'
  elif external_stores; then
    printf 'EXTERNAL'
  else
    printf 'STOPPED'
  fi
}

start_devstack() {
  local pids pid
  if external_stores; then
    info "devstack: skipped (MEMBANK_EXTERNAL_STORES=1: stores at pg $(pg_host):$(pg_port), redis $(redis_host):$(redis_port), kafka $(kafka_bootstrap), neo4j $(neo4j_uri))"
    return 0
  fi
  pids=$(devstack_pids)
  if [[ -n "$pids" ]]; then
    if [[ -f "$MB_READY_JSON" ]]; then
      info "devstack: already running (pid $(words "$pids")), ready"
    else
      info "devstack: already running (pid $(words "$pids")), not ready yet"
    fi
    return 0
  fi
  [[ -d "$MB_ROOT/platform/devstack/target/classes" ]] || die "devstack is not built: run bin/membank build"
  rm -f "$MB_READY_JSON"
  devstack_cmd
  (cd "$MB_ROOT" && exec setsid nohup "${DEVSTACK_CMD[@]}" run --home "$MB_HOME" \
    >>"$MB_LOGS/devstack.log" 2>&1 </dev/null 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-) &
  pid=$!
  printf '%s\n' "$pid" >"$DEVSTACK_PIDFILE"
  info "devstack: started (pid $pid, log ${MB_LOGS#"$MB_ROOT"/}/devstack.log)"
}

wait_devstack() {
  local timeout=${MEMBANK_DEVSTACK_TIMEOUT:-180} i
  external_stores && return 0
  for ((i = 0; i < timeout; i++)); do
    if [[ -f "$MB_READY_JSON" ]]; then
      info "devstack: ready ($((i))s)"
      return 0
    fi
    if [[ -z "$(devstack_pids)" ]]; then
      tail -n 30 "$MB_LOGS/devstack.log" >&2 || true
      die "devstack exited before it was ready (log: $MB_LOGS/devstack.log)"
    fi
    sleep 1
  done
  tail -n 30 "$MB_LOGS/devstack.log" >&2 || true
  die "devstack not ready after ${timeout}s (no $MB_READY_JSON; log: $MB_LOGS/devstack.log)"
}

stop_devstack() {
  local pids
  pids=$(devstack_pids)
  if [[ -n "$pids" ]]; then
    info "devstack: stopping (pid $(words "$pids"))"
    stop_pids "$(words "$pids")" 30
  fi
  rm -f "$DEVSTACK_PIDFILE"
}

# PostgreSQL and Redis are daemons that outlive the dev stack process.
stop_stores() {
  if [[ -d "$MB_ROOT/platform/devstack/target/classes" ]]; then
    devstack_cmd
    (cd "$MB_ROOT" && "${DEVSTACK_CMD[@]}" stop-stores --home "$MB_HOME" >>"$MB_LOGS/devstack.log" 2>&1) ||
      warn "devstack stop-stores failed (see $MB_LOGS/devstack.log); stopping leftovers by pid"
  fi
  stop_leftovers
}

# Store daemons of this repo's .membank that are still running (pids, one a line):
# processes whose command line names .membank, or whose working directory is in it.
store_leftover_pids() {
  local pid cwd
  pids_by_cmdline "$MB_HOME/"
  for pid in $(pgrep -x redis-server 2>/dev/null) $(pgrep -x redis-check-rdb 2>/dev/null); do
    cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
    if [[ "$cwd" == "$MB_HOME" || "$cwd" == "$MB_HOME"/* ]]; then printf '%s\n' "$pid"; fi
  done
  return 0
}

stop_leftovers() {
  local pids pid postmasters="" others=""
  pids=$(store_leftover_pids | sort -un)
  [[ -n "$pids" ]] || return 0
  for pid in $pids; do
    # PostgreSQL: SIGINT to the postmaster is a fast shutdown; its children follow.
    if pid_matches "$pid" "postgres" && pid_matches "$pid" " -D "; then
      postmasters+="$pid "
    elif ! pid_matches "$pid" "postgres:"; then
      others+="$pid "
    fi
  done
  [[ -n "$postmasters" ]] && stop_pids "$postmasters" 15 INT
  [[ -n "$others" ]] && stop_pids "$others" 10 TERM
  pids=$(store_leftover_pids | sort -un)
  [[ -n "$pids" ]] && stop_pids "$(words "$pids")" 5 TERM
  return 0
}

# ---------------------------------------------------------------- services

# Fills SVC_ENV with the environment of service $1.
service_env() {
  local name=$1 db="membank_$1" line peer
  SVC_ENV=(
    "QUARKUS_HTTP_PORT=$(svc_port "$name")"
    "QUARKUS_MANAGEMENT_PORT=$(svc_mgmt_port "$name")"
    "QUARKUS_HTTP_HOST=127.0.0.1"
    "QUARKUS_MANAGEMENT_HOST=127.0.0.1"
    "MP_JWT_VERIFY_PUBLICKEY_LOCATION=$MB_KEYS/jwks.json"
    "MP_JWT_VERIFY_ISSUER=membank-local"
    "MEMBANK_IDENTITY_SERVICE_KEY_LOCATION=$MB_KEYS/service-private.pem"
    "QUARKUS_REDIS_HOSTS=redis://$(redis_host):$(redis_port)/${SVC_REDIS_DB[$name]}"
    "KAFKA_BOOTSTRAP_SERVERS=$(kafka_bootstrap)"
    "MEMBANK_NEO4J_URI=$(neo4j_uri)"
    "DJL_CACHE_DIR=$MB_HOME/cache/djl"
  )
  observability_env "$name"
  if [[ "$name" == diagnostics ]]; then diagnostics_env; fi
  # The privacy keyring: governance-service opens tokens with it, memory-service protects every
  # write with it (hash, tokenize, encrypt).
  if [[ ( "$name" == governance || "$name" == memory ) && -s "$MB_KEYS/privacy.keys" ]]; then
    SVC_ENV+=("MEMBANK_PRIVACY_KEYS=$(<"$MB_KEYS/privacy.keys")")
  fi
  # Webhooks from a local stack go to receivers on this machine (the e2e receiver among them);
  # production keeps the SSRF defaults (https, public addresses only).
  if [[ "$name" == audit ]]; then
    SVC_ENV+=(
      "MEMBANK_WEBHOOKS_ALLOW_HTTP=${MEMBANK_WEBHOOKS_ALLOW_HTTP:-true}"
      "MEMBANK_WEBHOOKS_ALLOW_PRIVATE_TARGETS=${MEMBANK_WEBHOOKS_ALLOW_PRIVATE_TARGETS:-true}"
    )
  fi
  # mcp-server calls the services that answer each tool directly (the gateway may not run).
  if [[ "$name" == mcp ]]; then
    SVC_ENV+=(
      "MEMBANK_MCP_API_URL=$(svc_url memory)"
      "MEMBANK_MCP_SEARCH_URL=$(svc_url search)"
      "MEMBANK_MCP_GRAPH_URL=$(svc_url graph)"
    )
  fi
  if [[ "$name" == governance ]]; then
    SVC_ENV+=("MEMBANK_GOVERNANCE_CATALOG_OPERATOR_TENANT=${MEMBANK_OPERATIONS_TENANT:-operations}")
    # A local stack lets an admin run retention "as of" a later time (RetentionIT moves the clock
    # this way); off by default and in production.
    SVC_ENV+=("MEMBANK_GOVERNANCE_RETENTION_ALLOW_AS_OF=${MEMBANK_GOVERNANCE_RETENTION_ALLOW_AS_OF:-true}")
  fi
  # The tenant whose admins run the platform (cost-service: prices and global budgets); the same
  # operations tenant diagnostics-service answers to.
  if [[ "$name" == cost ]]; then
    SVC_ENV+=("MEMBANK_COST_OPERATOR_TENANT=${MEMBANK_OPERATIONS_TENANT:-operations}")
    # Cloud recommendations: requests from the chart's dev values, usage from the local
    # Prometheus while it runs (up --observability).
    SVC_ENV+=("MEMBANK_COST_RECOMMENDATIONS_CLOUD_VALUES_FILES=$MB_ROOT/k8s/membank/values.yaml,$MB_ROOT/k8s/membank/values-dev.yaml")
    if [[ -n "$(prometheus_pid)" ]]; then
      SVC_ENV+=("MEMBANK_COST_RECOMMENDATIONS_CLOUD_PROMETHEUS_URL=$(prometheus_url)")
    fi
  fi
  # Where the other services answer (REST clients named after them, e.g. quarkus.rest-client.search.url).
  for peer in "${SVC_NAMES[@]}"; do
    [[ "$peer" == "$name" ]] || SVC_ENV+=("QUARKUS_REST_CLIENT_$(env_upper "$peer")_URL=http://127.0.0.1:$(svc_port "$peer")")
  done
  if svc_has_store "$name" pg; then
    SVC_ENV+=(
      "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$(pg_host):$(pg_port)/$db"
      "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://$(pg_host):$(pg_port)/$db"
      "QUARKUS_DATASOURCE_USERNAME=$db"
      "QUARKUS_DATASOURCE_PASSWORD=$db"
    )
    # Migrations as the owner; the service's own role has only what they grant it.
    if svc_has_store "$name" pg-owner; then
      SVC_ENV+=("QUARKUS_FLYWAY_USERNAME=${db}_owner" "QUARKUS_FLYWAY_PASSWORD=${db}_owner")
    fi
  fi
  # bin/membank chaos only: the test-only fault switches (/q/faults, platform/http FaultSwitches)
  # for the services named in MEMBANK_CHAOS_FAULTS; they need the chaos profile on top of prod.
  if [[ " ${MEMBANK_CHAOS_FAULTS:-} " == *" $name "* ]]; then
    SVC_ENV+=("QUARKUS_PROFILE=prod,chaos" "MEMBANK_HTTP_FAULTS_ENABLED=true")
  fi
  # bin/membank chaos only: memory-service extracts through a slow OpenAI stand-in.
  if [[ "$name" == memory && -n "${MEMBANK_CHAOS_LLM_URL:-}" ]]; then
    SVC_ENV+=(
      "MEMBANK_LLM_EXTRACTOR=openai"
      "MEMBANK_LLM_BASE_URL=$MEMBANK_CHAOS_LLM_URL"
      "MEMBANK_LLM_MAX_RETRIES=0"
    )
  fi
  # Optional per-service overrides, KEY=VALUE lines (e.g. an external database).
  if [[ -f "$MB_HOME/env/$name.env" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      [[ -z "$line" || "$line" == \#* || "$line" != *=* ]] && continue
      SVC_ENV+=("$line")
    done <"$MB_HOME/env/$name.env"
  fi
}

start_service() {
  local name=$1 jar pid workdir
  jar=$(svc_jar "$name")
  pid=$(svc_pid "$name")
  if [[ -n "$pid" ]]; then
    # Liveness DOWN (a Kafka channel that gave up, for one) is what makes Kubernetes restart a
    # pod; the local stack does the same here, or the service would stay dead.
    if [[ "$(http_code "$(svc_mgmt_url "$name")/q/health/live")" == 503 ]]; then
      warn "service $name: liveness DOWN (pid $pid; see $(svc_log "$name")): restarting it"
      stop_pids "$pid" 15
    else
      info "service $name: already running (pid $pid)"
      printf '%s\n' "$pid" >"$(svc_pidfile "$name")"
      return 0
    fi
  fi
  [[ -f "$jar" ]] || die "service $name: $jar is missing (run bin/membank build)"
  service_env "$name"
  workdir="$MB_HOME/data/$name"
  mkdir -p "$workdir/tmp" "$MB_HOME/cache/djl"
  {
    printf '\n===== %s start %s =====\n' "$name" "$(date -Is)"
  } >>"$(svc_log "$name")"
  (cd "$workdir" && exec setsid nohup env "${SVC_ENV[@]}" "$JAVA_HOME/bin/java" "${SERVICE_JVM_OPTS[@]}" \
    "-Xmx$(env_or "MEMBANK_$(env_upper "$name")_XMX" "${SERVICE_XMX[$name]:-$SERVICE_XMX_DEFAULT}")" \
    "-Djava.io.tmpdir=$workdir/tmp" -jar "$jar" >>"$(svc_log "$name")" 2>&1 </dev/null \
    3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-) &
  pid=$!
  printf '%s\n' "$pid" >"$(svc_pidfile "$name")"
  info "service $name: started (pid $pid, http $(svc_port "$name"), management $(svc_mgmt_port "$name"))"
}

# Waits until every service answers UP; on timeout shows the failing log, exits 1.
wait_services() {
  local timeout=${MEMBANK_UP_TIMEOUT:-180} start name pending state
  start=$SECONDS
  while :; do
    pending=()
    for name in "${SVC_NAMES[@]}"; do
      state=$(svc_readiness "$name")
      if [[ "$state" == NOT_RUNNING ]] && [[ -z "$(svc_pid "$name")" ]]; then
        service_failed "$name" "exited before it was ready"
      fi
      [[ "$state" == UP ]] || pending+=("$name")
    done
    if ((${#pending[@]} == 0)); then
      info "services: all ready ($((SECONDS - start))s)"
      return 0
    fi
    if ((SECONDS - start >= timeout)); then
      service_failed "${pending[0]}" "not ready after ${timeout}s (still waiting for: ${pending[*]})"
    fi
    sleep 1
  done
}

service_failed() {
  local name=$1 why=$2
  printf '\n----- last 30 lines of %s -----\n' "$(svc_log "$name")" >&2
  tail -n 30 "$(svc_log "$name")" >&2 2>/dev/null || true
  printf -- '-----\n' >&2
  die "service $name $why (GET $(svc_mgmt_url "$name")/q/health/ready). Stop everything with: bin/membank down"
}

stop_services() {
  local name pid pids="" jar p
  for name in "${SVC_NAMES[@]}"; do
    jar=$(svc_jar "$name")
    pid=$(read_pidfile "$(svc_pidfile "$name")")
    if [[ -n "$pid" ]] && pid_matches "$pid" "$jar"; then pids+="$pid "; fi
    for p in $(pids_by_cmdline "$jar"); do
      [[ " $pids " == *" $p "* ]] || pids+="$p "
    done
  done
  if [[ -n "$pids" ]]; then
    info "services: stopping (pids $pids)"
    stop_pids "$pids" 15
  fi
  for name in "${SVC_NAMES[@]}"; do rm -f "$(svc_pidfile "$name")"; done
}

# ---------------------------------------------------------------- gateway (nginx)

nginx_args() {
  NGINX_ARGS=(-p "$MB_HOME/nginx/" -e "$MB_LOGS/nginx-error.log" -c "$NGINX_CONF")
}

# The gateway's config for this machine's ports: with MEMBANK_GATEWAY_PORT or a service port
# overridden, generated from routes.yaml into .membank/nginx/nginx.conf (the checked-in file has
# the default ports); the API docs bundle (Swagger UI + /api/v1/openapi.json) copied next to it.
prepare_gateway() {
  local gen_cp="$MB_ROOT/gateway-config/target/classes" bundle="$MB_ROOT/gateway-config/target/api-docs"
  local name overridden=0
  [[ -n "${MEMBANK_GATEWAY_PORT:-}" ]] && overridden=1
  for name in "${SVC_NAMES[@]}"; do
    [[ -n "$(env_or "MEMBANK_$(env_upper "$name")_PORT" "")" ]] && overridden=1
  done
  if ((overridden)) && [[ -d "$gen_cp" && -f "$MB_ROOT/gateway-config/target/classpath.txt" ]]; then
    "$JAVA_HOME/bin/java" -cp "$gen_cp:$(cat "$MB_ROOT/gateway-config/target/classpath.txt")" \
      io.membank.gateway.GatewayConfigGenerator --dir "$MB_ROOT/gateway-config" \
      --local-out "$MB_HOME/nginx/nginx.conf" --ports-from-env >/dev/null ||
      die "gateway: could not generate $MB_HOME/nginx/nginx.conf for the overridden ports"
    NGINX_CONF="$MB_HOME/nginx/nginx.conf"
  fi
  rm -rf "$MB_HOME/nginx/api-docs"
  if [[ -f "$bundle/index.html" && -f "$bundle/openapi.json" ]]; then
    cp -R "$bundle" "$MB_HOME/nginx/api-docs"
    # nginx's workers run as nobody when the master runs as root: the files must be readable.
    chmod -R a+rX "$MB_HOME/nginx/api-docs"
  else
    warn "gateway: no API docs bundle at ${bundle#"$MB_ROOT"/} (bin/membank build): /api/v1/docs/ will be 404"
  fi
}

nginx_pid() {
  local pid
  pid=$(read_pidfile "$NGINX_PIDFILE")
  if [[ -n "$pid" ]] && pid_matches "$pid" nginx; then printf '%s' "$pid"; fi
}

start_gateway() {
  local pid
  if [[ ! -f "$NGINX_CONF" ]]; then
    info "gateway: skipped (no gateway-config/local/nginx.conf yet)"
    return 0
  fi
  command -v nginx >/dev/null || die "gateway: nginx not installed (run bin/membank setup)"
  pid=$(nginx_pid)
  if [[ -n "$pid" ]]; then
    info "gateway: already running (pid $pid)"
    return 0
  fi
  mkdir -p "$MB_HOME/nginx/logs" "$MB_HOME/nginx/tmp"
  prepare_gateway
  nginx_args
  nginx "${NGINX_ARGS[@]}" -t -q || die "gateway: nginx -t rejected $NGINX_CONF"
  nginx "${NGINX_ARGS[@]}" || die "gateway: nginx failed to start (see $MB_LOGS/nginx-error.log)"
  info "gateway: started (pid $(read_pidfile "$NGINX_PIDFILE"), $(gateway_url))"
}

stop_gateway() {
  local pid
  pid=$(nginx_pid)
  if [[ -n "$pid" ]]; then
    info "gateway: stopping (pid $pid)"
    # nginx's master leads its own process group (master + workers).
    kill -QUIT "$pid" 2>/dev/null || true
    stop_pids "$pid" 10 QUIT
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$NGINX_PIDFILE"
}

# ---------------------------------------------------------------- up / down

cmd_up() {
  local build=0 observability=0 arg
  for arg in "$@"; do
    case "$arg" in
      --build) build=1 ;;
      --observability) observability=1 ;;
      --timeout=*) export MEMBANK_UP_TIMEOUT=${arg#--timeout=} ;;
      *) usage_error up "unknown argument '$arg'" ;;
    esac
  done
  # Jaeger is built (Go, minutes) only for a stack that runs it.
  MB_SETUP_OBSERVABILITY=$observability cmd_setup
  find_jdk
  if ((build)); then
    cmd_build
  elif [[ -n "$(missing_artifacts)" ]]; then
    info "build: needed (missing: $(missing_artifacts | tr '\n' ' '))"
    cmd_build
  else
    info "build: skipped (every service jar exists; bin/membank up --build to rebuild)"
  fi
  [[ -z "$(missing_artifacts)" ]] || die "build did not produce: $(missing_artifacts | tr '\n' ' ')"
  start_devstack
  wait_devstack
  # Before the services: they start with tracing on only while the backends run.
  ((observability)) && start_observability
  local name
  for name in "${SVC_NAMES[@]}"; do start_service "$name"; done
  wait_services
  start_gateway
  write_status_json
  print_summary
}

print_summary() {
  local name
  printf '\n%-12s %-24s %-24s %-7s %s\n' SERVICE API MANAGEMENT READY PID
  for name in "${SVC_NAMES[@]}"; do
    printf '%-12s %-24s %-24s %-7s %s\n' "$name" "$(svc_url "$name")" "$(svc_mgmt_url "$name")" \
      "$(svc_readiness "$name")" "$(svc_pid "$name")"
  done
  printf '\ngateway:  %s%s\n' "$(gateway_url)" "$([[ -n "$(nginx_pid)" ]] || printf ' (not started)')"
  printf 'API docs: %s/api/v1/docs/ (Swagger UI; the document: %s/api/v1/openapi.json)\n' "$(gateway_url)" "$(gateway_url)"
  printf 'graph:    %s/graph/ (bin/membank graph <user_id> prints a link with a credential)\n' "$(gateway_url)"
  if observability_on; then
    printf 'traces:   %s (Jaeger UI and query API)\nmetrics:  %s (Prometheus; targets: %s/targets)\n' \
      "$(jaeger_url)" "$(prometheus_url)" "$(prometheus_url)"
  fi
  printf 'devstack: %s\n' "$(devstack_state)"
  printf 'status:   %s\n' "$MB_STATUS_JSON"
  printf '\ncredential (tenant demo, subject demo-user, roles reader,writer,admin; 1 h):\n'
  printf 'export MEMBANK_TOKEN=%s\n' "$(make_token demo demo-user reader,writer,admin 3600)"
  printf '%s\n' "curl -H \"Authorization: Bearer \$MEMBANK_TOKEN\" $(gateway_url)/api/v1/users/<user_id>/memories"
  printf 'stop with: bin/membank down\n'
}

cmd_down() {
  ensure_dirs
  stop_services
  stop_gateway
  stop_observability
  stop_devstack
  stop_stores
  rm -f "$MB_STATUS_JSON"
  verify_down
}

# Every process of ours: service jars of this repo, the dev stack, nginx with
# our prefix, store daemons of .membank.
our_pids() {
  local name
  {
    for name in "${SVC_NAMES[@]}"; do pids_by_cmdline "$(svc_jar "$name")"; done
    devstack_pids
    pids_by_cmdline "$MB_HOME/nginx"
    nginx_pid
    observability_pids
    store_leftover_pids
  } | sed '/^$/d' | sort -un
}

verify_down() {
  local left pid
  left=$(our_pids)
  if [[ -n "$left" ]]; then
    warn "still running after stop: $(words "$left"); sending KILL"
    for pid in $left; do kill -KILL "$pid" 2>/dev/null || true; done
    sleep 1
    left=$(our_pids)
  fi
  if [[ -n "$left" ]]; then
    for pid in $left; do ps -o pid=,args= -p "$pid" >&2 || true; done
    die "membank.down FAILED: processes of $MB_ROOT still running: $(words "$left")"
  fi
  info "membank.down ok"
}

# ---------------------------------------------------------------- restart

# Waits until service $1 answers UP (MEMBANK_UP_TIMEOUT, default 180 s).
wait_service() {
  local name=$1 timeout=${MEMBANK_UP_TIMEOUT:-180} start=$SECONDS
  until [[ "$(svc_readiness "$name")" == UP ]]; do
    [[ -n "$(svc_pid "$name")" ]] || service_failed "$name" "exited before it was ready"
    ((SECONDS - start < timeout)) || service_failed "$name" "not ready after ${timeout}s"
    sleep 1
  done
  info "service $name: ready ($((SECONDS - start))s)"
}

# restart <service|gateway>: one part of the running suite, e.g. after editing its env file.
cmd_restart() {
  local name=${1:-} pid
  (($# <= 1)) || usage_error restart "unknown argument '$2' (one service at a time)"
  [[ -n "$name" ]] || usage_error restart "name a service (${SVC_NAMES[*]}) or gateway"
  name=${name%-service}
  ensure_dirs
  find_jdk
  if [[ "$name" == gateway ]]; then
    stop_gateway
    start_gateway
    return 0
  fi
  is_service "$name" || usage_error restart "unknown service '$name' (services: ${SVC_NAMES[*]}, gateway)"
  # One restart of a service at a time: a second caller (diagnostics' healer seeing the first
  # restart's stop as a crash) waits for the first and takes its result instead of restarting again.
  local lock_fd
  exec {lock_fd}>"$MB_RUN/restart-$name.lock"
  if ! flock -n "$lock_fd"; then
    info "service $name: another restart is under way; waiting for it"
    flock "$lock_fd"
    if [[ "$(svc_readiness "$name")" == UP ]]; then
      info "service $name: restarted by the other caller, ready"
      return 0
    fi
  fi
  pid=$(svc_pid "$name")
  if [[ -n "$pid" ]]; then
    info "service $name: stopping (pid $pid)"
    stop_pids "$pid" 15
  else
    info "service $name: was not running"
  fi
  # The service must not inherit the lock's descriptor: it would hold the lock for its lifetime.
  start_service "$name" {lock_fd}>&-
  wait_service "$name"
  write_status_json
}

# ---------------------------------------------------------------- reindex

# reindex [--no-wait]: search-service's operator endpoint on its management port.
cmd_reindex() {
  local wait=1 arg url code body state
  for arg in "$@"; do
    case "$arg" in
      --no-wait) wait=0 ;;
      *) usage_error reindex "unknown argument '$arg'" ;;
    esac
  done
  url="http://127.0.0.1:$(svc_mgmt_port search)/admin/reindex"
  body=$(curl -sS -o /dev/stdout -w '\n%{http_code}' -X POST "$url" 2>&1) || die "reindex: search-service does not answer at $url (bin/membank up)"
  code=${body##*$'\n'}
  body=${body%$'\n'*}
  case "$code" in
    202) info "reindex: started" ;;
    409) info "reindex: one is already running; following it" ;;
    *) die "reindex: search-service answered $code: $body" ;;
  esac
  ((wait)) || return 0
  while :; do
    body=$(curl -sS "$url") || die "reindex: lost search-service at $url"
    state=$(jq -r '.state // empty' <<<"$body" 2>/dev/null || true)
    info "reindex: $(jq -r 'to_entries | map("\(.key)=\(.value)") | join(" ")' <<<"$body" 2>/dev/null || printf '%s' "$body")"
    case "$state" in
      completed) return 0 ;;
      failed) die "reindex: failed (the live index is unchanged)" ;;
    esac
    sleep 2
  done
}

# loadtest [--messages N] [--clients N] [--per-batch N] [--timeout S]: bench/loadtest.py on the
# running suite (its checks decide the exit status).
cmd_loadtest() {
  local args=() opt
  while (($#)); do
    opt=$1
    case "$opt" in
      --messages | --clients | --per-batch | --timeout)
        [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage_error loadtest "$opt needs a positive whole number"
        args+=("$opt" "$2")
        shift 2
        ;;
      *) usage_error loadtest "unknown argument '$opt'" ;;
    esac
  done
  [[ -f "$MB_STATUS_JSON" ]] || die "loadtest: the suite is not up (bin/membank up)"
  python3 "$MB_ROOT/bench/loadtest.py" "${args[@]}"
}
