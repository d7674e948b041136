# shellcheck shell=bash
# diagnostics-service on the local stack: what it scrapes and how it heals (restart), and the
# `restart` command its LocalRuntime calls.

# Writes diagnostics-service's config/application.properties in its working directory (Quarkus
# reads it from there): every other service's management URL as a scrape target, the local
# runtime (this script's `restart`), live healing, and the local PagerDuty-compatible receiver.
diagnostics_env() {
  local dir="$MB_HOME/data/diagnostics/config" peer file
  mkdir -p "$dir"
  file="$dir/application.properties"
  {
    printf '# Written by bin/membank up (bin/lib/diagnostics.sh); edits are overwritten.\n'
    for peer in "${SVC_NAMES[@]}"; do
      [[ "$peer" == diagnostics ]] && continue
      printf 'membank.diagnostics.collect.targets.%s-service=http://127.0.0.1:%s\n' "$peer" "$(svc_mgmt_port "$peer")"
    done
    printf 'membank.diagnostics.operations-tenant=%s\n' "${MEMBANK_OPERATIONS_TENANT:-operations}"
    printf 'membank.diagnostics.healing.runtime=local\n'
    printf 'membank.diagnostics.healing.dry-run=%s\n' "${MEMBANK_DIAGNOSTICS_DRY_RUN:-false}"
    printf 'membank.diagnostics.healing.local.command=%s\n' "$MB_ROOT/bin/membank"
    printf 'membank.diagnostics.pagerduty.url=%s\n' "$(alert_receiver_url)"
    printf 'membank.diagnostics.pagerduty.routing-key=local-stack\n'
  } >"$file"
}

# bin/membank restart <service>: stop one service of the running stack and start it again with
# the same environment, then wait until it is ready (what diagnostics' LocalRuntime runs).
cmd_restart() {
  local name=${1:-} pid start timeout=${MEMBANK_UP_TIMEOUT:-180}
  [[ -n "$name" ]] && is_service "$name" || die "restart: usage: restart <${SVC_NAMES[*]}>"
  pid=$(svc_pid "$name")
  if [[ -n "$pid" ]]; then
    info "service $name: stopping (pid $pid) for a restart"
    stop_pids "$pid" 15
  fi
  start_service "$name"
  start=$SECONDS
  until [[ "$(svc_readiness "$name")" == UP ]]; do
    ((SECONDS - start < timeout)) || service_failed "$name" "not ready ${timeout}s after a restart"
    sleep 1
  done
  info "service $name: restarted and ready ($((SECONDS - start))s)"
}
