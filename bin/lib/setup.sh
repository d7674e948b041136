# shellcheck shell=bash
# setup: OS packages, the local JWT key pair, developer tools. Idempotent; one
# line per step.

ACTIONLINT_VERSION=v1.7.12
# schemathesis (PyPI): the API fuzzer of bin/membank test's "fuzz" phase, in its own venv.
SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS_VENV="$MB_HOME/tools/schemathesis"
# decK (Kong's declarative config tool). The Go module proxy reachable here did not
# serve github.com/kong/deck (403) on 2026-11-25; setup tries once, then remembers.
DECK_MODULE=github.com/kong/deck
DECK_VERSION=${MEMBANK_DECK_VERSION:-latest}

# package:probe — a probe is a file that proves the package (or an equivalent) is there.
SETUP_PACKAGES=(
  "postgresql-15:/usr/lib/postgresql/15/bin/postgres"
  "redis-server:redis-server"
  "nginx:nginx"
  "prometheus:promtool"
  "prometheus-alertmanager:amtool"
  "openssl:openssl"
  "curl:curl"
  "procps:pgrep"
  # graph-service's page test renders in headless Chromium; audit reports: PDF -> PNG
  "chromium:/usr/bin/chromium"
  "poppler-utils:pdftoppm"
)
# Daemons these packages ship; never left running by setup.
SETUP_DAEMONS=(nginx prometheus prometheus-alertmanager prometheus-node-exporter)

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo -n "$@"
  else
    die "setup needs root (or passwordless sudo) to run: $*"
  fi
}

pkg_present() {
  local pkg=$1 probe=$2
  if [[ "$probe" == /* ]]; then
    [[ -x "$probe" ]] && return 0
  elif command -v "$probe" >/dev/null 2>&1; then
    return 0
  fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'
}

setup_packages() {
  local entry pkg probe missing=()
  for entry in "${SETUP_PACKAGES[@]}"; do
    pkg=${entry%%:*}
    probe=${entry#*:}
    if pkg_present "$pkg" "$probe"; then
      info "setup: $pkg already present"
    else
      missing+=("$pkg")
    fi
  done
  ((${#missing[@]} > 0)) || return 0
  command -v apt-get >/dev/null || die "setup: missing ${missing[*]} and no apt-get here: install them by hand"
  info "setup: installing ${missing[*]} (apt-get)"
  apt_install "${missing[@]}"
  for pkg in "${missing[@]}"; do
    for entry in "${SETUP_PACKAGES[@]}"; do
      [[ "${entry%%:*}" == "$pkg" ]] || continue
      pkg_present "$pkg" "${entry#*:}" || die "setup: $pkg did not install"
    done
    info "setup: $pkg installed"
  done
  stop_package_daemons
}

# apt-get install with service starts blocked (policy-rc.d exit 101) so that no
# daemon (nginx on :80, prometheus, alertmanager) starts from the postinst.
apt_install() {
  local policy=/usr/sbin/policy-rc.d added_policy=0 rc=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\n# added by MemBank bin/membank setup for the duration of apt-get install\nexit 101\n' |
      as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    added_policy=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq || rc=$?
  if ((rc == 0)); then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      --no-install-recommends "$@" >"$MB_LOGS/setup-apt.log" 2>&1 || rc=$?
  fi
  ((added_policy)) && as_root rm -f "$policy"
  if ((rc != 0)); then
    tail -n 20 "$MB_LOGS/setup-apt.log" >&2 2>/dev/null || true
    die "setup: apt-get install $* failed (log: $MB_LOGS/setup-apt.log)"
  fi
}

# Where systemd runs (a workstation, a CI runner), make sure the packaged units
# are stopped and disabled: MemBank starts its own nginx with its own config.
stop_package_daemons() {
  local unit
  [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null || return 0
  for unit in "${SETUP_DAEMONS[@]}"; do
    if systemctl list-unit-files "$unit.service" >/dev/null 2>&1 &&
      systemctl is-enabled "$unit.service" >/dev/null 2>&1; then
      as_root systemctl disable --now "$unit.service" >/dev/null 2>&1 || true
      info "setup: $unit.service stopped and disabled"
    fi
  done
}

setup_keys() {
  local priv="$MB_KEYS/jwt-private.pem" pub="$MB_KEYS/jwt-public.pem"
  local spriv="$MB_KEYS/service-private.pem" spub="$MB_KEYS/service-public.pem"
  mkdir -p "$MB_KEYS"
  chmod 700 "$MB_KEYS"
  if [[ -s "$priv" && -s "$pub" ]]; then
    info "setup: dev JWT key pair already present (${MB_KEYS#"$MB_ROOT"/}/)"
  else
    new_key_pair "$priv" "$pub"
    info "setup: dev JWT key pair generated (RSA 2048, ${MB_KEYS#"$MB_ROOT"/}/jwt-private.pem + jwt-public.pem)"
  fi
  if [[ -s "$spriv" && -s "$spub" ]]; then
    info "setup: service key pair already present (${MB_KEYS#"$MB_ROOT"/}/service-*.pem)"
  else
    new_key_pair "$spriv" "$spub"
    info "setup: service key pair generated (RSA 2048, ${MB_KEYS#"$MB_ROOT"/}/service-private.pem + service-public.pem)"
  fi
  # What the services verify with: both public keys, told apart by the token's kid.
  if [[ ! -s "$MB_KEYS/jwks.json" || "$MB_KEYS/jwks.json" -ot "$pub" || "$MB_KEYS/jwks.json" -ot "$spub" ]]; then
    printf '{"keys":[%s,%s]}\n' "$(jwk_of "$pub" "$JWT_USER_KID")" "$(jwk_of "$spub" "$JWT_SERVICE_KID")" \
      >"$MB_KEYS/jwks.json"
    chmod 644 "$MB_KEYS/jwks.json"
    info "setup: verification key set written (${MB_KEYS#"$MB_ROOT"/}/jwks.json: $JWT_USER_KID, $JWT_SERVICE_KID)"
  fi
}

new_key_pair() {
  local priv=$1 pub=$2
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$priv" 2>/dev/null)
  chmod 600 "$priv"
  openssl pkey -in "$priv" -pubout -out "$pub"
  chmod 644 "$pub"
}

# jwk_of PUBLIC_PEM KID — the RSA public key as a JWK (RFC 7517) for RS256.
jwk_of() {
  local pub=$1 kid=$2 modulus exponent n e
  modulus=$(openssl rsa -pubin -in "$pub" -noout -modulus 2>/dev/null) || die "setup: cannot read $pub"
  modulus=${modulus#Modulus=}
  exponent=$(openssl rsa -pubin -in "$pub" -noout -text 2>/dev/null | sed -n 's/^Exponent: \([0-9]*\).*/\1/p')
  n=$(perl -e 'print pack("H*", $ARGV[0])' "$modulus" | b64url)
  e=$(perl -e 'my $x = $ARGV[0]; my $h = sprintf("%x", $x); $h = "0$h" if length($h) % 2; print pack("H*", $h)' "$exponent" | b64url)
  printf '{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}' "$kid" "$n" "$e"
}

go_bin() {
  if command -v go >/dev/null; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    printf '/usr/local/go/bin/go'
  fi
}

setup_actionlint() {
  local go have=""
  if [[ -x "$MB_TOOLS/actionlint" ]]; then
    have=$("$MB_TOOLS/actionlint" -version 2>/dev/null | head -n1 || true)
    if [[ "${have#v}" == "${ACTIONLINT_VERSION#v}" ]]; then
      info "setup: actionlint $have already present"
      return 0
    fi
  fi
  go=$(go_bin)
  if [[ -z "$go" ]]; then
    warn "setup: actionlint not installed: no Go toolchain (go) found"
    return 0
  fi
  if GOBIN="$MB_TOOLS" GOFLAGS=-mod=mod "$go" install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" \
    >"$MB_LOGS/setup-actionlint.log" 2>&1; then
    info "setup: actionlint $ACTIONLINT_VERSION installed (${MB_TOOLS#"$MB_ROOT"/}/actionlint)"
  else
    warn "setup: actionlint install failed (log: $MB_LOGS/setup-actionlint.log); continuing"
  fi
}

setup_deck() {
  local go marker="$MB_HOME/tools/deck.unavailable"
  if [[ -x "$MB_TOOLS/deck" ]]; then
    info "setup: deck already present"
    return 0
  fi
  if [[ -f "$marker" ]]; then
    warn "setup: deck not available ($(head -n1 "$marker")); delete $marker to retry"
    return 0
  fi
  go=$(go_bin)
  if [[ -z "$go" ]]; then
    warn "setup: deck not installed: no Go toolchain (go) found"
    return 0
  fi
  if GOBIN="$MB_TOOLS" GOFLAGS=-mod=mod timeout 600 "$go" install "$DECK_MODULE@$DECK_VERSION" \
    >"$MB_LOGS/setup-deck.log" 2>&1; then
    info "setup: deck $DECK_VERSION installed (${MB_TOOLS#"$MB_ROOT"/}/deck)"
  else
    printf 'go install %s@%s failed on %s: %s\n' "$DECK_MODULE" "$DECK_VERSION" "$(date -I)" \
      "$(grep -m1 -iE 'error|forbidden|not available|cannot' "$MB_LOGS/setup-deck.log" || echo 'see setup-deck.log')" >"$marker"
    warn "setup: deck not installed (go install $DECK_MODULE@$DECK_VERSION failed, log: $MB_LOGS/setup-deck.log); continuing without decK validation"
  fi
}

setup_schemathesis() {
  local st="$SCHEMATHESIS_VENV/bin/schemathesis" have=""
  if [[ -x "$st" ]]; then
    have=$("$SCHEMATHESIS_VENV/bin/pip" show schemathesis 2>/dev/null | sed -n 's/^Version: //p')
    if [[ "$have" == "$SCHEMATHESIS_VERSION" ]]; then
      info "setup: schemathesis $have already present"
      return 0
    fi
  fi
  if ! python3 -m venv "$SCHEMATHESIS_VENV" >"$MB_LOGS/setup-schemathesis.log" 2>&1 ||
    ! "$SCHEMATHESIS_VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION" \
      >>"$MB_LOGS/setup-schemathesis.log" 2>&1; then
    warn "setup: schemathesis install failed (log: $MB_LOGS/setup-schemathesis.log); the fuzz phase will fail"
    return 0
  fi
  info "setup: schemathesis $SCHEMATHESIS_VERSION installed (${SCHEMATHESIS_VENV#"$MB_ROOT"/})"
}

cmd_setup() {
  ensure_dirs
  find_jdk
  info "setup: JDK $(jdk_major "$JAVA_HOME") already present ($JAVA_HOME)"
  setup_packages
  setup_keys
  setup_actionlint
  setup_schemathesis
  setup_jaeger
  setup_deck
}
