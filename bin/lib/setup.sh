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

# jwk_of PUBLIC_PEM KID — the RSA public key as a JWK (RFC 7517) for RS256 (PyJWT).
jwk_of() { jwt_tool jwk "$1" "$2" || die "setup: cannot read $1"; }

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

# What bin/membank itself and its tests need (package:probe, as SETUP_PACKAGES): jq for every
# JSON it reads or writes, PyJWT for the dev credentials, bats for the CLI tests, CJK fonts so
# that headless Chromium renders Chinese labels on the graph page.
CLI_PACKAGES=(
  "jq:jq"
  "python3-jwt:/usr/lib/python3/dist-packages/jwt/__init__.py"
  "python3-cryptography:/usr/lib/python3/dist-packages/cryptography/__init__.py"
  "bats:bats"
  "fonts-noto-cjk:/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
)

setup_cli_packages() {
  local entry missing=()
  for entry in "${CLI_PACKAGES[@]}"; do
    if [[ "${entry#*:}" == /* && -e "${entry#*:}" ]] || pkg_present "${entry%%:*}" "${entry#*:}"; then
      continue
    fi
    missing+=("${entry%%:*}")
  done
  if ((${#missing[@]} == 0)); then
    info "setup: CLI tools already present (jq, PyJWT, bats, CJK fonts)"
    return 0
  fi
  command -v apt-get >/dev/null || die "setup: missing ${missing[*]} and no apt-get here: install them by hand"
  info "setup: installing ${missing[*]} (apt-get)"
  apt_install "${missing[@]}"
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

# The dev privacy keyring (platform/privacy: id=base64 key, oldest first) that governance-service
# seals and opens tokens with; production takes it from the MEMBANK_PRIVACY_KEYS Secret.
setup_privacy_keys() {
  local file="$MB_KEYS/privacy.keys"
  if [[ -s "$file" ]]; then
    info "setup: dev privacy keyring already present (${file#"$MB_ROOT"/})"
    return 0
  fi
  (umask 077 && printf 'dev1=%s\n' "$(openssl rand -base64 32)" >"$file")
  info "setup: dev privacy keyring generated (${file#"$MB_ROOT"/}, one 256-bit key)"
}

cmd_setup() {
  ensure_dirs
  find_jdk
  info "setup: JDK $(jdk_major "$JAVA_HOME") already present ($JAVA_HOME)"
  setup_packages
  setup_cli_packages
  setup_keys
  setup_privacy_keys
  setup_actionlint
  setup_schemathesis
  setup_jaeger
  setup_deck
  setup_delivery_tools
  setup_sdks
}

# ---------------------------------------------------------------- SDK tools
# The Python SDK's dev tools (ruff, mypy, pytest, build, datamodel-code-generator; pinned in
# sdks/python/requirements-dev.txt) in the venv .membank/tools/sdk-python, and the TypeScript
# workspace's packages (tsc, tsup, vitest, openapi-typescript, React) by `npm ci` from the
# checked-in lock file. Each is skipped while its pin file is unchanged since the last install.
SDK_PYTHON_VENV="$MB_HOME/tools/sdk-python"

setup_sdks() {
  local req="$MB_ROOT/sdks/python/requirements-dev.txt" venv="$SDK_PYTHON_VENV"
  local ts="$MB_ROOT/sdks/typescript" stamp
  if [[ -x "$venv/bin/python" ]] && cmp -s "$req" "$venv/requirements-dev.txt"; then
    info "setup: Python SDK tools already present (${venv#"$MB_ROOT"/})"
  elif { [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"; } &&
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >"$MB_LOGS/setup-sdk-python.log" 2>&1; then
    cp "$req" "$venv/requirements-dev.txt"
    info "setup: Python SDK tools installed from PyPI (${venv#"$MB_ROOT"/})"
  else
    warn "setup: Python SDK tools not installed (log: $MB_LOGS/setup-sdk-python.log); the sdks phase will fail"
  fi
  command -v npm >/dev/null || { warn "setup: npm not found: the TypeScript SDK's tools are not installed"; return 0; }
  stamp="$MB_HOME/tools/sdk-typescript.lock"
  if [[ -d "$ts/node_modules" ]] && cmp -s "$ts/package-lock.json" "$stamp"; then
    info "setup: TypeScript SDK packages already present (sdks/typescript/node_modules)"
  elif (cd "$ts" && npm ci --no-audit --no-fund) >"$MB_LOGS/setup-sdk-typescript.log" 2>&1; then
    cp "$ts/package-lock.json" "$stamp"
    info "setup: TypeScript SDK packages installed (npm ci, sdks/typescript/node_modules)"
  else
    warn "setup: npm ci in sdks/typescript failed (log: $MB_LOGS/setup-sdk-typescript.log); the sdks phase will fail"
  fi
}

# ---------------------------------------------------------------- delivery tools
# helm, kubeconform and OpenTofu built from the Go module proxy into .membank/tools/bin;
# checkov, python-hcl2 and pytest in a venv (.membank/tools/venv); the Kubernetes and CRD
# schemas for kubeconform converted from Go modules (k8s/schemas/fetch.sh). Used by
# k8s/check.sh and terraform/check.sh (bin/membank test, phases k8s and terraform).
DELIVERY_GO_TOOLS=(
  "helm:helm.sh/helm/v4/cmd/helm@v4.3.2"
  "kubeconform:github.com/yannh/kubeconform/cmd/kubeconform@v0.7.0"
  # OpenTofu's go.mod has a replace directive, which `go install pkg@version` refuses:
  # built inside its module (downloaded through the proxy) instead, see setup_go_tool.
  "tofu:github.com/opentofu/opentofu@v1.10.10//cmd/tofu"
)

setup_go_tool() {
  local name=$1 target=$2 go stamp="$MB_TOOLS/.$1.version"
  if [[ -x "$MB_TOOLS/$name" && "$(cat "$stamp" 2>/dev/null)" == "$target" ]]; then
    info "setup: $name ${target##*@} already present"
    return 0
  fi
  go=$(go_bin)
  [[ -n "$go" ]] || { warn "setup: $name not installed: no Go toolchain (go) found"; return 0; }
  info "setup: building $name ${target##*@} from the Go module proxy (once; several minutes)"
  if [[ "$target" == *//* ]]; then
    # MODULE@VERSION//PACKAGE: go build inside the downloaded module (honours its replaces)
    local dir
    dir=$("$go" mod download -json "${target%%//*}" 2>>"$MB_LOGS/setup-$name.log" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    if [[ -n "$dir" ]] && (cd "$dir" && GOFLAGS="-trimpath -mod=readonly" "$go" build -ldflags="-s -w" \
      -o "$MB_TOOLS/$name" "./${target#*//}") >>"$MB_LOGS/setup-$name.log" 2>&1; then
      printf '%s\n' "$target" >"$stamp"
      info "setup: $name ${target##*@} installed (${MB_TOOLS#"$MB_ROOT"/}/$name)"
    else
      warn "setup: $name build failed (log: $MB_LOGS/setup-$name.log); continuing"
    fi
    return 0
  fi
  if GOBIN="$MB_TOOLS" GOFLAGS=-trimpath "$go" install -ldflags="-s -w" "$target" >"$MB_LOGS/setup-$name.log" 2>&1; then
    printf '%s\n' "$target" >"$stamp"
    info "setup: $name ${target##*@} installed (${MB_TOOLS#"$MB_ROOT"/}/$name)"
  else
    warn "setup: $name install failed (log: $MB_LOGS/setup-$name.log); continuing"
  fi
}

setup_delivery_tools() {
  local entry venv="$MB_HOME/tools/venv" req="$MB_ROOT/k8s/requirements.txt"
  for entry in "${DELIVERY_GO_TOOLS[@]}"; do
    setup_go_tool "${entry%%:*}" "${entry#*:}"
  done
  if [[ -x "$venv/bin/python" ]] && cmp -s "$req" "$venv/requirements.txt"; then
    info "setup: checkov, python-hcl2, pytest already present (${venv#"$MB_ROOT"/})"
  elif { [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"; } &&
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >"$MB_LOGS/setup-pip.log" 2>&1; then
    cp "$req" "$venv/requirements.txt"
    info "setup: checkov, python-hcl2, pytest installed from PyPI (${venv#"$MB_ROOT"/})"
  else
    warn "setup: pip install -r k8s/requirements.txt failed (log: $MB_LOGS/setup-pip.log); continuing"
  fi
  if [[ -x "$venv/bin/python" ]] &&
    PYTHON="$venv/bin/python" GO="$(go_bin)" "$MB_ROOT/k8s/schemas/fetch.sh" "$MB_HOME/tools/schemas" >"$MB_LOGS/setup-schemas.log" 2>&1; then
    info "setup: $(tail -n1 "$MB_LOGS/setup-schemas.log")"
  else
    warn "setup: kubeconform schemas not converted (log: $MB_LOGS/setup-schemas.log); continuing"
  fi
}
