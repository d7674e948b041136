# shellcheck shell=bash
# diagnostics-service on the local stack: what it scrapes and how it heals (bin/membank restart).

# Writes diagnostics-service's config/application.properties in its working directory (Quarkus
# reads it from there): every other service's management URL as a scrape target, the local
# runtime (`bin/membank restart`), healing in dry-run unless MEMBANK_DIAGNOSTICS_DRY_RUN=false (the
# e2e suite injects faults of its own and must not race a healer), the local PagerDuty receiver.
diagnostics_env() {
  local dir="$MB_HOME/data/diagnostics/config" peer file
  mkdir -p "$dir"
  file="$dir/application.properties"
  {
    printf '# Written by bin/membank up (bin/lib/diagnostics.sh); edits are overwritten.\n'
    for peer in "${SVC_NAMES[@]}"; do
      [[ "$peer" == diagnostics ]] && continue
      printf 'membank.diagnostics.collect.targets.%s=http://127.0.0.1:%s\n' "${SVC_DIR[$peer]}" "$(svc_mgmt_port "$peer")"
    done
    # Longer than the services' own Kafka and database check bound (5 s): a dead broker must
    # read as a DOWN check in the readiness body, not as a readiness call that timed out.
    printf 'membank.diagnostics.collect.timeout=8s\n'
    # pg_stat_activity per service database (the devstack grants diagnostics pg_monitor).
    for peer in "${SVC_NAMES[@]}"; do
      [[ "$peer" == diagnostics ]] && continue
      svc_has_store "$peer" pg || continue
      printf 'membank.diagnostics.collect.postgres.databases.%s-service=membank_%s\n' "$peer" "$peer"
    done
    # The local Prometheus (up --observability) is the metrics source while it runs.
    if [[ -n "$(prometheus_pid)" ]]; then
      printf 'membank.diagnostics.collect.prometheus.url=%s\n' "$(prometheus_url)"
    fi
    # bin/membank chaos: a watched path with a small quota (the disk-filling fault).
    if [[ -n "${MEMBANK_CHAOS_QUOTA_DIR:-}" ]]; then
      printf 'membank.diagnostics.collect.disks.chaos-quota.path=%s\n' "$MEMBANK_CHAOS_QUOTA_DIR"
      printf 'membank.diagnostics.collect.disks.chaos-quota.limit-bytes=%s\n' "${MEMBANK_CHAOS_QUOTA_BYTES:-67108864}"
    fi
    # bin/membank chaos: a shorter symptom window (the leak regression looks this far back).
    if [[ -n "${MEMBANK_CHAOS_WINDOW:-}" ]]; then
      printf 'membank.diagnostics.symptoms.window=%s\n' "$MEMBANK_CHAOS_WINDOW"
    fi
    printf 'membank.diagnostics.operations-tenant=%s\n' "${MEMBANK_OPERATIONS_TENANT:-operations}"
    printf 'membank.diagnostics.healing.runtime=local\n'
    printf 'membank.diagnostics.healing.dry-run=%s\n' "${MEMBANK_DIAGNOSTICS_DRY_RUN:-true}"
    printf 'membank.diagnostics.healing.local.command=%s\n' "$MB_ROOT/bin/membank"
    printf 'membank.diagnostics.pagerduty.url=%s\n' "$(alert_receiver_url)"
    printf 'membank.diagnostics.pagerduty.routing-key=local-stack\n'
  } >"$file"
}
