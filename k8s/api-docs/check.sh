#!/usr/bin/env bash
# Serves the API docs bundle the way the api-docs image does (k8s/api-docs/Dockerfile: the same
# layout under /srv, the same `java -m jdk.httpserver` command) and checks what Kong's api-docs
# routes ask of it: /api/v1/docs/ is the Swagger UI page, its assets and /api/v1/openapi.json
# answer 200 with their types, HEAD works, a write is refused. Run by k8s/check.sh.
# Usage: k8s/api-docs/check.sh [BUNDLE_DIR] (default gateway-config/target/api-docs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
bundle=${1:-$root/gateway-config/target/api-docs}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
[[ -f "$bundle/index.html" && -f "$bundle/openapi.json" && -f "$bundle/swagger-ui-bundle.js" ]] ||
  { echo "api-docs/check: no bundle at $bundle (./mvnw -pl gateway-config package)" >&2; exit 2; }
work=$(mktemp -d)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
# The Dockerfile's two COPY lines.
mkdir -p "$work/srv/api/v1/docs"
cp -R "$bundle/." "$work/srv/api/v1/docs/"
cp "$bundle/openapi.json" "$work/srv/api/v1/openapi.json"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$java" -Xmx48m -m jdk.httpserver --bind-address 127.0.0.1 --port "$port" --directory "$work/srv" --output none \
  >"$work/server.log" 2>&1 &
pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 1 100); do curl -fs -o /dev/null "$base/api/v1/openapi.json" && break; sleep 0.1; done
fail=0
expect() { # expect METHOD PATH STATUS [CONTENT-TYPE-PREFIX]
  local got type
  local -a how=(-X "$1")
  [[ "$1" == HEAD ]] && how=(--head)
  got=$(curl -s -o /dev/null "${how[@]}" -w '%{http_code} %{content_type}' "$base$2") || true
  type=${got#* }
  if [[ "${got%% *}" != "$3" || ( -n "${4:-}" && "$type" != "$4"* ) ]]; then
    echo "api-docs/check: $1 $2 -> $got, want $3 ${4:-}" >&2
    fail=1
  fi
}
expect GET /api/v1/docs/ 200 text/html
expect HEAD /api/v1/docs/ 200 text/html
expect GET /api/v1/docs/swagger-ui-bundle.js 200
expect GET /api/v1/docs/swagger-ui.css 200 text/css
expect GET /api/v1/docs/docs.js 200
expect GET /api/v1/openapi.json 200 application/json
expect GET /api/v1/docs/no-such-file.js 404
expect POST /api/v1/openapi.json 405
# The document served is the checked-in one (gateway-config/openapi/openapi.json).
curl -fs "$base/api/v1/openapi.json" | cmp -s - "$root/gateway-config/openapi/openapi.json" ||
  { echo "api-docs/check: served openapi.json differs from gateway-config/openapi/openapi.json" >&2; fail=1; }
((fail == 0)) || { cat "$work/server.log" >&2; exit 1; }
echo "api-docs/check: the api-docs layout serves Swagger UI and openapi.json (jdk.httpserver on :$port)"
