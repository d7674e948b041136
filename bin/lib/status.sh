# shellcheck shell=bash
# status / status --json / logs.

gateway_answers() {
  local code
  code=$(http_code "$(gateway_url)/" 2)
  [[ -n "$code" && "$code" != 000 ]]
}

# The stack's state as JSON (the schema the e2e tests read from .membank/status.json).
status_json() {
  local name first=1 pid gw_pid ds_pids ds_pid
  gw_pid=$(nginx_pid)
  ds_pids=$(devstack_pids)
  ds_pid=$(printf '%s\n' "$ds_pids" | head -n1)
  printf '{\n'
  printf '  "generatedAt": %s,\n' "$(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)")"
  printf '  "root": %s,\n' "$(json_str "$MB_ROOT")"
  printf '  "home": %s,\n' "$(json_str "$MB_HOME")"
  printf '  "version": %s,\n' "$(json_str "$(project_version)")"
  printf '  "gateway": {"url": %s, "running": %s, "answers": %s, "pid": %s},\n' \
    "$(json_str "$(gateway_url)")" "$([[ -n "$gw_pid" ]] && echo true || echo false)" \
    "$(gateway_answers && echo true || echo false)" "${gw_pid:-null}"
  printf '  "devstack": {"state": %s, "pid": %s, "readyFile": %s, "external": %s},\n' \
    "$(json_str "$(devstack_state)")" "${ds_pid:-null}" "$(json_str "$MB_READY_JSON")" \
    "$(external_stores && echo true || echo false)"
  printf '  "stores": {"postgres": %s, "redis": %s, "kafka": %s, "neo4j": %s},\n' \
    "$(json_str "$(pg_host):$(pg_port)")" "$(json_str "$(redis_host):$(redis_port)")" \
    "$(json_str "$(kafka_bootstrap)")" "$(json_str "$(neo4j_uri)")"
  printf '  "observability": {"enabled": %s, "jaeger": %s, "prometheus": %s, "alertReceiver": %s},\n' \
    "$(observability_on && echo true || echo false)" "$(json_str "$(jaeger_url)")" \
    "$(json_str "$(prometheus_url)")" "$(json_str "$(alert_receiver_url)")"
  printf '  "services": [\n'
  for name in "${SVC_NAMES[@]}"; do
    pid=$(svc_pid "$name")
    ((first)) || printf ',\n'
    first=0
    printf '    {"name": %s, "application": %s, "url": %s, "managementUrl": %s, "port": %s, "managementPort": %s, "readiness": %s, "pid": %s, "log": %s}' \
      "$(json_str "$name")" "$(json_str "${SVC_DIR[$name]}")" "$(json_str "$(svc_url "$name")")" \
      "$(json_str "$(svc_mgmt_url "$name")")" "$(svc_port "$name")" "$(svc_mgmt_port "$name")" \
      "$(json_str "$(svc_readiness "$name")")" "${pid:-null}" "$(json_str "$(svc_log "$name")")"
  done
  printf '\n  ]\n}\n'
}

project_version() {
  sed -n '/<parent>/,/<\/parent>/d; s|^  <version>\(.*\)</version>.*|\1|p' "$MB_ROOT/pom.xml" | head -n1
}

write_status_json() {
  local tmp="$MB_STATUS_JSON.tmp"
  status_json >"$tmp"
  mv -f "$tmp" "$MB_STATUS_JSON"
}

cmd_status() {
  local json=0 arg name
  for arg in "$@"; do
    case "$arg" in
      --json) json=1 ;;
      *) die "status: unknown option $arg (options: --json)" ;;
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

cmd_logs() {
  local follow=1 target="" arg log
  for arg in "$@"; do
    case "$arg" in
      --no-follow) follow=0 ;;
      -*) die "logs: unknown option $arg (options: --no-follow)" ;;
      *) target=$arg ;;
    esac
  done
  [[ -n "$target" ]] || die "logs: usage: logs <service|devstack> [--no-follow] (services: ${SVC_NAMES[*]})"
  target=${target%-service}
  if [[ "$target" == devstack || "$target" == nginx-error ]]; then
    log="$MB_LOGS/$target.log"
  elif is_service "$target"; then
    log=$(svc_log "$target")
  else
    die "logs: unknown service '$target' (services: ${SVC_NAMES[*]}, devstack)"
  fi
  [[ -f "$log" ]] || die "logs: no log yet at $log"
  if ((follow)); then
    exec tail -n 100 -F "$log"
  else
    tail -n 200 "$log"
  fi
}
