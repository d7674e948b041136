# shellcheck shell=bash
# Shared helpers of bin/membank: paths, output, the JDK, the service table,
# processes. Sourced by bin/membank; defines functions and globals only.

MB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
MB_HOME="${MEMBANK_HOME:-$MB_ROOT/.membank}"
MB_LOGS="$MB_HOME/logs"
MB_RUN="$MB_HOME/run"
MB_KEYS="$MB_HOME/keys"
MB_TOOLS="$MB_HOME/tools/bin"
MB_READY_JSON="$MB_HOME/devstack/ready.json"
MB_STATUS_JSON="$MB_HOME/status.json"
MB_SERVICES_CONF="$MB_ROOT/bin/services.conf"
MB_MVN_FLAGS=(-B -ntp -Dquarkus.analytics.disabled=true)

# ---------------------------------------------------------------- output

info() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

ensure_dirs() {
  mkdir -p "$MB_LOGS" "$MB_RUN" "$MB_KEYS" "$MB_TOOLS" "$MB_HOME/devstack"
}

# Escape a string for a JSON string literal (quotes, backslashes, control chars).
# Joins whitespace/newline separated words with single spaces.
words() {
  local w
  w=$(printf '%s' "$*" | tr -s ' \n\t' '   ')
  w=${w# }
  printf '%s' "${w% }"
}

# ---------------------------------------------------------------- JDK >= 21

# Prints the major version of the JDK at $1 (empty if it is no JDK).
jdk_major() {
  local home=$1 v=""
  [[ -x "$home/bin/java" ]] || return 0
  if [[ -f "$home/release" ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [[ -z "$v" ]]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  [[ "$v" == 1.* ]] && v=${v#1.}
  printf '%s' "${v%%[.+-]*}"
}

# Sets and exports JAVA_HOME to a JDK >= 21: JAVA_HOME if it qualifies, else the
# newest one under /usr/lib/jvm; stops with a clear message when there is none.
find_jdk() {
  local cand major best="" best_major=0
  if [[ -n "${JAVA_HOME:-}" ]]; then
    major=$(jdk_major "$JAVA_HOME")
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  fi
  for cand in /usr/lib/jvm/*; do
    [[ -d "$cand" && ! -L "$cand" ]] || continue
    major=$(jdk_major "$cand")
    [[ -n "$major" && -x "$cand/bin/javac" ]] || continue
    if ((major >= 21 && major > best_major)); then
      best=$cand
      best_major=$major
    fi
  done
  if [[ -z "$best" ]]; then
    die "MemBank needs a JDK 21 or newer (prerequisite). None found: JAVA_HOME=${JAVA_HOME:-<unset>} is older or unset, and /usr/lib/jvm has no JDK >= 21. Install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or point JAVA_HOME at it."
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

mvnw() {
  (cd "$MB_ROOT" && ./mvnw "${MB_MVN_FLAGS[@]}" "$@")
}

# ---------------------------------------------------------------- services.conf

SVC_NAMES=()
declare -A SVC_DIR=() SVC_HTTP=() SVC_REDIS_DB=() SVC_STORES=()

load_services() {
  local name dir http db stores
  SVC_NAMES=()
  [[ -f "$MB_SERVICES_CONF" ]] || die "missing $MB_SERVICES_CONF"
  while read -r name dir http db stores _; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    SVC_NAMES+=("$name")
    SVC_DIR[$name]=$dir
    SVC_HTTP[$name]=$http
    SVC_REDIS_DB[$name]=$db
    SVC_STORES[$name]=${stores:-}
  done <"$MB_SERVICES_CONF"
}

is_service() {
  local n
  for n in "${SVC_NAMES[@]}"; do [[ "$n" == "$1" ]] && return 0; done
  return 1
}

env_upper() { local u=${1^^}; printf '%s' "${u//-/_}"; }

# Value of environment variable named $1, or $2 when unset/empty.
env_or() {
  local v="${!1:-}"
  printf '%s' "${v:-$2}"
}

svc_port() { env_or "MEMBANK_$(env_upper "$1")_PORT" "${SVC_HTTP[$1]}"; }
svc_mgmt_port() { env_or "MEMBANK_$(env_upper "$1")_MGMT_PORT" "$(($(svc_port "$1") + 10))"; }
svc_url() { printf 'http://127.0.0.1:%s' "$(svc_port "$1")"; }
svc_mgmt_url() { printf 'http://127.0.0.1:%s' "$(svc_mgmt_port "$1")"; }
svc_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$MB_ROOT" "${SVC_DIR[$1]}"; }
svc_pidfile() { printf '%s/%s.pid' "$MB_RUN" "$1"; }
svc_log() { printf '%s/%s.log' "$MB_LOGS" "$1"; }
svc_has_store() { [[ ",${SVC_STORES[$1]}," == *",$2,"* ]]; }

gateway_port() { env_or MEMBANK_GATEWAY_PORT 8080; }
gateway_url() { printf 'http://127.0.0.1:%s' "$(gateway_port)"; }
pg_host() { env_or MEMBANK_PG_HOST 127.0.0.1; }
pg_port() { env_or MEMBANK_PG_PORT 15432; }
redis_host() { env_or MEMBANK_REDIS_HOST 127.0.0.1; }
redis_port() { env_or MEMBANK_REDIS_PORT 16379; }
kafka_bootstrap() { env_or KAFKA_BOOTSTRAP_SERVERS "127.0.0.1:$(env_or MEMBANK_KAFKA_PORT 19092)"; }
neo4j_uri() { env_or MEMBANK_NEO4J_URI "bolt://127.0.0.1:$(env_or MEMBANK_NEO4J_BOLT_PORT 17687)"; }
external_stores() { [[ "${MEMBANK_EXTERNAL_STORES:-0}" == 1 || "${MEMBANK_EXTERNAL_STORES:-}" == true ]]; }

# ---------------------------------------------------------------- processes

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

read_pidfile() {
  local f=$1 pid=""
  if [[ -f "$f" ]]; then read -r pid <"$f" || true; fi
  [[ "$pid" =~ ^[0-9]+$ ]] && printf '%s' "$pid"
  return 0
}

# True when process $1 is alive and its command line contains $2.
pid_matches() {
  local pid=$1 needle=$2 cmd
  pid_alive "$pid" || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmd" == *"$needle"* ]]
}

# Escape $1 for an extended regular expression (pgrep -f).
regex_quote() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'; }

# pids (one a line) whose full command line contains the literal $1.
pids_by_cmdline() {
  pgrep -f -- "$(regex_quote "$1")" 2>/dev/null | grep -vx -e "$$" -e "${BASHPID:-$$}" || true
}

# Send TERM (or $3) to the pids in $1 (space separated), wait up to $2 s, then KILL.
stop_pids() {
  local pids=$1 timeout=$2 sig=${3:-TERM} pid alive i
  [[ -n "${pids// /}" ]] || return 0
  for pid in $pids; do kill "-$sig" "$pid" 2>/dev/null || true; done
  for ((i = 0; i < timeout * 5; i++)); do
    alive=""
    for pid in $pids; do pid_alive "$pid" && alive+="$pid "; done
    [[ -z "$alive" ]] && return 0
    sleep 0.2
  done
  for pid in $pids; do
    if pid_alive "$pid"; then
      warn "pid $pid did not stop within ${timeout}s: KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  sleep 0.5
}

# HTTP status code of GET $1 ("000" when nothing answers).
http_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-3}" "$1" 2>/dev/null || true
}

# Readiness of a service: UP, DOWN or NOT_RUNNING.
svc_readiness() {
  local name=$1 pid code
  pid=$(svc_pid "$name")
  # By the HTTP status (200 UP, 503 DOWN): the body's checks have statuses of their own, and one
  # check UP says nothing of the others.
  code=$(http_code "$(svc_mgmt_url "$name")/q/health/ready")
  if [[ "$code" == 200 ]]; then
    printf 'UP'
  elif [[ -n "$pid" || ( -n "$code" && "$code" != 000 ) ]]; then
    printf 'DOWN'
  else
    printf 'NOT_RUNNING'
  fi
}

# Pid of the running service (from its pid file, else by its jar path).
svc_pid() {
  local name=$1 jar pid
  jar=$(svc_jar "$name")
  pid=$(read_pidfile "$(svc_pidfile "$name")")
  if [[ -n "$pid" ]] && pid_matches "$pid" "$jar"; then
    printf '%s' "$pid"
    return 0
  fi
  pids_by_cmdline "$jar" | head -n1
}
