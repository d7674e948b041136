# shellcheck shell=bash
# status / status --json / logs.

gateway_answers() {
  local code
  code=$(http_code "$(gateway_url)/" 2)
  [[ -n "$code" && "$code" != 000 ]]
}

# The stack's state as JSON, snake_case keys like the API (the schema the e2e tests read from
# .membank/status.json). Built by jq: every value is passed as an argument, never spliced in.
status_json() {
  local name pid gw_pid ds_pid services="[]"
  gw_pid=$(nginx_pid)
  ds_pid=$(devstack_pids | head -n1)
  for name in "${SVC_NAMES[@]}"; do
    pid=$(svc_pid "$name")
    services=$(jq -c --arg name "$name" --arg application "${SVC_DIR[$name]}" \
      --arg url "$(svc_url "$name")" --arg management_url "$(svc_mgmt_url "$name")" \
      --argjson port "$(svc_port "$name")" --argjson management_port "$(svc_mgmt_port "$name")" \
      --arg readiness "$(svc_readiness "$name")" --arg pid "$pid" --arg log "$(svc_log "$name")" \
      '. + [{name: $name, application: $application, url: $url, management_url: $management_url,
        port: $port, management_port: $management_port, readiness: $readiness,
        pid: ($pid | if . == "" then null else tonumber end), log: $log}]' <<<"$services")
  done
  jq -n --arg generated_at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg root "$MB_ROOT" --arg home "$MB_HOME" \
    --arg version "$(project_version)" --arg gw_url "$(gateway_url)" --arg gw_pid "$gw_pid" \
    --argjson gw_answers "$(gateway_answers && echo true || echo false)" \
    --arg ds_state "$(devstack_state)" --arg ds_pid "$ds_pid" --arg ready_file "$MB_READY_JSON" \
    --argjson external "$(external_stores && echo true || echo false)" \
    --arg postgres "$(pg_host):$(pg_port)" --arg redis "$(redis_host):$(redis_port)" \
    --arg kafka "$(kafka_bootstrap)" --arg neo4j "$(neo4j_uri)" \
    --argjson obs "$(observability_on && echo true || echo false)" --arg jaeger "$(jaeger_url)" \
    --arg prometheus "$(prometheus_url)" --arg alert_receiver "$(alert_receiver_url)" \
    --argjson services "$services" '
    def pid: if . == "" then null else tonumber end;
    {generated_at: $generated_at, root: $root, home: $home, version: $version,
     gateway: {url: $gw_url, running: ($gw_pid != ""), answers: $gw_answers, pid: ($gw_pid | pid),
               api_docs: "\($gw_url)/api/v1/docs/", openapi: "\($gw_url)/api/v1/openapi.json",
               graph_page: "\($gw_url)/graph/"},
     devstack: {state: $ds_state, pid: ($ds_pid | pid), ready_file: $ready_file, external: $external},
     stores: {postgres: $postgres, redis: $redis, kafka: $kafka, neo4j: $neo4j},
     observability: {enabled: $obs, jaeger: $jaeger, prometheus: $prometheus,
                     alert_receiver: $alert_receiver},
     services: $services}'
}

project_version() {
  sed -n '/<parent>/,/<\/parent>/d; s|^  <version>\(.*\)</version>.*|\1|p' "$MB_ROOT/pom.xml" | head -n1
}

write_status_json() {
  # Per writer: two bin/membank processes (a restart and the healer's) may write at once.
  local tmp="$MB_STATUS_JSON.tmp.$$"
  status_json >"$tmp"
  mv -f "$tmp" "$MB_STATUS_JSON"
}

cmd_status() {
  local json=0 arg name
  for arg in "$@"; do
    case "$arg" in
      --json) json=1 ;;
      *) usage_error status "unknown argument '$arg'" ;;
    esac
  done
  if ((json)); then
    status_json
    return 0
  fi
  printf '%-12s %-24s %-24s %-12s %s\n' SERVICE API MANAGEMENT READINESS PID
  for name in "${SVC_NAMES[@]}"; do
    printf '%-12s %-24s %-24s %-12s %s\n' "$name" "$(svc_url "$name")" "$(svc_mgmt_url "$name")" \
      "$(svc_readiness "$name")" "$(svc_pid "$name")"
  done
  printf '\ngateway:  %s (%s, %s)\n' "$(gateway_url)" \
    "$([[ -n "$(nginx_pid)" ]] && echo "nginx pid $(nginx_pid)" || echo "not running")" \
    "$(gateway_answers && echo answers || echo 'does not answer')"
  printf 'devstack: %s%s\n' "$(devstack_state)" \
    "$(pids=$(devstack_pids); [[ -n "$pids" ]] && printf ' (pid %s)' "$(words "$pids")")"
}

# A service's JSON log lines as `time level [logger] message` (+ the stack trace); other lines
# (the dev stack's, nginx's, a line before the JSON logger) as they are.
LOG_PRETTY_JQ='. as $line | (try fromjson catch null) as $j
  | if ($j | type) == "object" and $j.message != null then
      "\($j.timestamp // "" | sub("\\.[0-9]+"; "") ) \($j.level // "" | .[0:5]) [\($j.loggerName // "" | split(".") | last)] \($j.message)"
      + (if $j.exception then "\n" + ($j.exception | tostring) else "" end)
      + (if $j.stackTrace then "\n" + $j.stackTrace else "" end)
    else $line end'

log_pretty() { jq --unbuffered -Rr "$LOG_PRETTY_JQ"; }

cmd_logs() {
  local follow=1 raw=0 target="" arg log
  for arg in "$@"; do
    case "$arg" in
      --no-follow) follow=0 ;;
      --json) raw=1 ;;
      -*) usage_error logs "unknown argument '$arg'" ;;
      *)
        [[ -z "$target" ]] || usage_error logs "one log at a time ('$target' and '$arg')"
        target=$arg
        ;;
    esac
  done
  [[ -n "$target" ]] || usage_error logs "name a service (${SVC_NAMES[*]}) or devstack"
  target=${target%-service}
  if [[ "$target" == devstack || "$target" == nginx-error ]]; then
    log="$MB_LOGS/$target.log"
  elif is_service "$target"; then
    log=$(svc_log "$target")
  else
    usage_error logs "unknown service '$target' (services: ${SVC_NAMES[*]}, devstack, nginx-error)"
  fi
  [[ -f "$log" ]] || die "logs: no log yet at $log"
  if ((raw && follow)); then
    exec tail -n 100 -F "$log"
  elif ((raw)); then
    tail -n 200 "$log"
  elif ((follow)); then
    tail -n 100 -F "$log" | log_pretty
  else
    tail -n 200 "$log" | log_pretty
  fi
}

# graph USER [--tenant T]: the graph page of one user through the gateway, with a reader
# credential in the URL fragment (browsers never send the fragment to a server).
cmd_graph() {
  local user="" tenant=demo arg token
  while (($#)); do
    case "$1" in
      --tenant) tenant=${2:-}; shift 2 || usage_error graph "--tenant needs a value" ;;
      --tenant=*) tenant=${1#*=}; shift ;;
      -*) usage_error graph "unknown argument '$1'" ;;
      *)
        [[ -z "$user" ]] || usage_error graph "one user at a time ('$user' and '$1')"
        user=$1
        shift
        ;;
    esac
  done
  [[ -n "$user" ]] || usage_error graph "name the user: graph <user_id>"
  token=$(make_token "$tenant" graph-page reader 3600)
  gateway_answers || warn "the gateway does not answer at $(gateway_url) (bin/membank up); the URL works once it does"
  jq -rn --arg base "$(gateway_url)" --arg user "$user" --arg token "$token" \
    '"\($base)/graph/#user=\($user | @uri)&token=\($token)"'
}
