#!/usr/bin/env bash
# Offline validation of the generated gateway configuration (docs/gateway.md):
#   1. kong/kong.yaml and local/nginx.conf equal a regeneration from routes.yaml
#   2. nginx -t accepts local/nginx.conf
#   3. decK validates kong/kong.yaml (`deck file validate`, offline)
# Exits non-zero on any failure, and when nginx or decK is missing (bin/membank setup installs
# them). `--skip-deck` skips step 3 explicitly and says so; nothing is skipped silently.
# Uses JAVA_HOME when set, else java on PATH; builds the module first when it is not built.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
skip_deck=0
for arg in "$@"; do
  case "$arg" in
    --skip-deck) skip_deck=1 ;;
    *) echo "usage: gateway-config/validate.sh [--skip-deck]" >&2; exit 2 ;;
  esac
done

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java" >/dev/null || { echo "validate: no java (set JAVA_HOME)" >&2; exit 1; }

# 1. generated files are up to date
if [[ ! -s "$here/target/classpath.txt" || ! -d "$here/target/classes/io" ]]; then
  (cd "$root" && ./mvnw -B -q -f gateway-config/pom.xml package -DskipTests)
fi
"$java" -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  io.membank.gateway.GatewayConfigGenerator --dir "$here" --check

# 2. nginx accepts the local gateway configuration
nginx_bin=$(command -v nginx || true)
[[ -z "$nginx_bin" && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
if [[ -z "$nginx_bin" ]]; then
  echo "validate: nginx not found; bin/membank setup installs it (apt-get install -y nginx)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$nginx_bin" -t -q -p "$tmp" -e error.log -c "$here/local/nginx.conf"
echo "validate: nginx -t OK ($here/local/nginx.conf)"

# 3. decK accepts the Kong declarative configuration
deck_bin=$(command -v deck || true)
[[ -z "$deck_bin" && -x "$root/.membank/tools/bin/deck" ]] && deck_bin="$root/.membank/tools/bin/deck"
if [[ -z "$deck_bin" ]]; then
  if ((skip_deck)); then
    echo "validate: SKIPPED decK validation of kong/kong.yaml (--skip-deck given)"
    exit 0
  fi
  echo "validate: decK not found (PATH or .membank/tools/bin/deck); bin/membank setup installs it:" >&2
  echo "  GOBIN=\$PWD/.membank/tools/bin GOFLAGS=-mod=mod go install github.com/kong/deck@<version>" >&2
  echo "  (or run gateway-config/validate.sh --skip-deck to run the other checks only)" >&2
  exit 1
fi
"$deck_bin" file validate "$here/kong/kong.yaml"
echo "validate: deck file validate OK ($here/kong/kong.yaml)"
