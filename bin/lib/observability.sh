# shellcheck shell=bash
# The local observability backends, started by `up --observability` (the test command does):
#   Jaeger v2   traces: OTLP in, query API + UI out (built by setup from the Go module proxy)
#   Prometheus  metrics: scrapes every service's management port, loads the alert rules
# Both listen on the loopback only and keep their data under .membank/. While they run, the
# services start with the OpenTelemetry SDK on, exporting to Jaeger; without them it stays off.

JAEGER_CONFIG="$MB_ROOT/observability/jaeger/jaeger.yaml"
JAEGER_MODULE_DIR="$MB_ROOT/observability/jaeger"
JAEGER_PIDFILE="$MB_RUN/jaeger.pid"
PROMETHEUS_PIDFILE="$MB_RUN/prometheus.pid"
PROMETHEUS_HOME="$MB_HOME/prometheus"
# Present while the backends are meant to run: a service restarted by `up` gets the same
# OpenTelemetry settings as the others.
OBSERVABILITY_MARKER="$MB_RUN/observability.on"

jaeger_otlp_port() { env_or MEMBANK_JAEGER_OTLP_PORT 14317; }
jaeger_ui_port() { env_or MEMBANK_JAEGER_UI_PORT 16686; }
jaeger_url() { printf 'http://127.0.0.1:%s' "$(jaeger_ui_port)"; }
prometheus_port() { env_or MEMBANK_PROMETHEUS_PORT 9390; }
prometheus_url() { printf 'http://127.0.0.1:%s' "$(prometheus_port)"; }
# Where audit-service sends PagerDuty events (Events API v2) in the local stack: nothing
# listens there unless a test does (the e2e alert test runs a receiver on it).
alert_receiver_url() { printf 'http://127.0.0.1:%s/v2/enqueue' "$(env_or MEMBANK_ALERT_RECEIVER_PORT 18099)"; }
observability_on() { [[ -f "$OBSERVABILITY_MARKER" ]]; }

# ---------------------------------------------------------------- setup

# Builds the Jaeger binary pinned by observability/jaeger/go.mod (a `tool` dependency) once;
# the Go build cache makes later runs instant.
setup_jaeger() {
  local go want have=""
  if [[ "${MB_SETUP_OBSERVABILITY:-1}" == 0 ]]; then
    info "setup: jaeger not needed (only up --observability runs it)"
    return 0
  fi
  want=$(sed -n 's#^\tgithub.com/jaegertracing/jaeger \(v[^ ]*\).*#\1#p' "$JAEGER_MODULE_DIR/go.mod" | head -n1)
  if [[ -x "$MB_TOOLS/jaeger" && -f "$MB_TOOLS/jaeger.version" ]]; then
    have=$(cat "$MB_TOOLS/jaeger.version")
    if [[ "$have" == "$want" ]]; then
      info "setup: jaeger $have already present"
      return 0
    fi
  fi
  go=$(go_bin)
  if [[ -z "$go" ]]; then
    warn "setup: jaeger not built: no Go toolchain (go) found; up --observability will not trace"
    return 0
  fi
  info "setup: building jaeger $want (first time: several minutes)"
  if (cd "$JAEGER_MODULE_DIR" && GOFLAGS=-mod=mod "$go" build -o "$MB_TOOLS/jaeger" github.com/jaegertracing/jaeger/cmd/jaeger) \
    >"$MB_LOGS/setup-jaeger.log" 2>&1; then
    printf '%s\n' "$want" >"$MB_TOOLS/jaeger.version"
    info "setup: jaeger $want built (${MB_TOOLS#"$MB_ROOT"/}/jaeger)"
  else
    warn "setup: jaeger build failed (log: $MB_LOGS/setup-jaeger.log); up --observability will not trace"
  fi
}

# ---------------------------------------------------------------- environment of the services

# Observability settings of service $1: the OpenTelemetry SDK on and exporting to Jaeger while
# the backends run, and audit-service's PagerDuty events to the local receiver URL.
observability_env() {
  if observability_on; then
    if [[ "$1" == audit ]]; then
      SVC_ENV+=(
        "MEMBANK_AUDIT_ALERTS_PAGERDUTY_URL=$(alert_receiver_url)"
        "MEMBANK_AUDIT_ALERTS_PAGERDUTY_ROUTING_KEY=local-stack"
      )
    fi
    SVC_ENV+=(
      "QUARKUS_OTEL_SDK_DISABLED=false"
      "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:$(jaeger_otlp_port)"
      "QUARKUS_OTEL_TRACES_SAMPLER_ARG=${MEMBANK_TRACE_SAMPLE_RATIO:-1.0}"
    )
  else
    SVC_ENV+=("QUARKUS_OTEL_SDK_DISABLED=${QUARKUS_OTEL_SDK_DISABLED:-true}")
  fi
}

# ---------------------------------------------------------------- start / stop

jaeger_pid() {
  local pid
  pid=$(read_pidfile "$JAEGER_PIDFILE")
  if [[ -n "$pid" ]] && pid_matches "$pid" "$JAEGER_CONFIG"; then printf '%s' "$pid"; fi
}

prometheus_pid() {
  local pid
  pid=$(read_pidfile "$PROMETHEUS_PIDFILE")
  if [[ -n "$pid" ]] && pid_matches "$pid" "$PROMETHEUS_HOME"; then printf '%s' "$pid"; fi
}

start_jaeger() {
  local pid
  [[ -x "$MB_TOOLS/jaeger" ]] || die "observability: jaeger is not built (run bin/membank setup; log: $MB_LOGS/setup-jaeger.log)"
  pid=$(jaeger_pid)
  if [[ -n "$pid" ]]; then
    info "jaeger: already running (pid $pid)"
    return 0
  fi
  (cd "$MB_HOME" && exec setsid nohup env \
    "MEMBANK_JAEGER_OTLP_PORT=$(jaeger_otlp_port)" \
    "MEMBANK_JAEGER_OTLP_HTTP_PORT=$(env_or MEMBANK_JAEGER_OTLP_HTTP_PORT 14318)" \
    "MEMBANK_JAEGER_UI_PORT=$(jaeger_ui_port)" \
    "MEMBANK_JAEGER_QUERY_GRPC_PORT=$(env_or MEMBANK_JAEGER_QUERY_GRPC_PORT 16685)" \
    "MEMBANK_JAEGER_HEALTH_PORT=$(env_or MEMBANK_JAEGER_HEALTH_PORT 13133)" \
    "$MB_TOOLS/jaeger" --config "$JAEGER_CONFIG" >>"$MB_LOGS/jaeger.log" 2>&1 </dev/null) &
  pid=$!
  printf '%s\n' "$pid" >"$JAEGER_PIDFILE"
  info "jaeger: started (pid $pid, UI and query API $(jaeger_url), OTLP 127.0.0.1:$(jaeger_otlp_port))"
}

# The checked-in prometheus.yml with the targets and ports of this stack (they can be
# overridden per service), a faster scrape, and the rule files by absolute path.
write_prometheus_config() {
  local name
  mkdir -p "$PROMETHEUS_HOME/data"
  {
    printf '# Generated by bin/membank up --observability from bin/services.conf; do not edit.\n'
    printf 'global:\n  scrape_interval: 5s\n  scrape_timeout: 4s\n  evaluation_interval: 15s\n'
    printf '  external_labels:\n    system: membank\n'
    printf 'rule_files:\n  - %s/observability/prometheus/rules/*.rules.yml\n' "$MB_ROOT"
    printf 'scrape_configs:\n  - job_name: membank\n    metrics_path: /q/metrics\n    static_configs:\n'
    for name in "${SVC_NAMES[@]}"; do
      printf '      - targets: ["127.0.0.1:%s"]\n        labels: { service: %s }\n' \
        "$(svc_mgmt_port "$name")" "${SVC_DIR[$name]}"
    done
  } >"$PROMETHEUS_HOME/prometheus.yml"
}

start_prometheus() {
  local pid
  command -v prometheus >/dev/null || die "observability: prometheus is not installed (run bin/membank setup)"
  pid=$(prometheus_pid)
  if [[ -n "$pid" ]]; then
    info "prometheus: already running (pid $pid)"
    return 0
  fi
  write_prometheus_config
  promtool check config "$PROMETHEUS_HOME/prometheus.yml" >/dev/null ||
    die "observability: promtool rejected $PROMETHEUS_HOME/prometheus.yml"
  (cd "$PROMETHEUS_HOME" && exec setsid nohup prometheus \
    --config.file="$PROMETHEUS_HOME/prometheus.yml" \
    --storage.tsdb.path="$PROMETHEUS_HOME/data" \
    --storage.tsdb.retention.time=2d \
    --web.listen-address="127.0.0.1:$(prometheus_port)" >>"$MB_LOGS/prometheus.log" 2>&1 </dev/null) &
  pid=$!
  printf '%s\n' "$pid" >"$PROMETHEUS_PIDFILE"
  info "prometheus: started (pid $pid, $(prometheus_url))"
}

# wait_http NAME URL — waits up to 60 s for URL to answer 200.
wait_http() {
  local name=$1 url=$2 i
  for ((i = 0; i < 60; i++)); do
    [[ "$(http_code "$url" 2)" == 200 ]] && return 0
    sleep 1
  done
  tail -n 20 "$MB_LOGS/$name.log" >&2 2>/dev/null || true
  die "$name: $url did not answer within 60 s (log: $MB_LOGS/$name.log)"
}

start_observability() {
  touch "$OBSERVABILITY_MARKER"
  start_jaeger
  start_prometheus
  wait_http jaeger "$(jaeger_url)/api/services"
  wait_http prometheus "$(prometheus_url)/-/ready"
}

stop_observability() {
  local pid pids=""
  pid=$(jaeger_pid)
  [[ -n "$pid" ]] && pids+="$pid "
  pid=$(prometheus_pid)
  [[ -n "$pid" ]] && pids+="$pid "
  if [[ -n "$pids" ]]; then
    info "observability: stopping (pids $pids)"
    stop_pids "$pids" 15
  fi
  rm -f "$JAEGER_PIDFILE" "$PROMETHEUS_PIDFILE" "$OBSERVABILITY_MARKER"
}

observability_pids() {
  jaeger_pid
  printf '\n'
  prometheus_pid
  printf '\n'
  pids_by_cmdline "$JAEGER_CONFIG"
  pids_by_cmdline "$PROMETHEUS_HOME/prometheus.yml"
}
