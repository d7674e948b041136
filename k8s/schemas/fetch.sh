#!/usr/bin/env bash
# Fetches the Kubernetes OpenAPI spec and the CRDs of the operators the chart uses from the
# Go module proxy (pinned versions, checksummed by the Go checksum database) and converts
# them for kubeconform into $1 (default .membank/tools/schemas). Idempotent: a version
# already converted is kept. Called by `bin/membank setup`. Versions: k8s/schemas/SOURCES.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
out=${1:-$here/../../.membank/tools/schemas}
K8S_VERSION=1.34.4
MODULES=(
  "github.com/prometheus-operator/prometheus-operator@v0.85.0:example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml"
  "github.com/kedacore/keda/v2@v2.21.1:config/crd/bases/keda.sh_scaledobjects.yaml config/crd/bases/keda.sh_triggerauthentications.yaml"
  "github.com/external-secrets/external-secrets@v0.16.2:config/crds/bases/external-secrets.io_externalsecrets.yaml"
)
go=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
py=${PYTHON:-python3}
stamp="$out/.versions"
want="k8s=$K8S_VERSION ${MODULES[*]}"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "schemas: already converted ($out)"
  exit 0
fi
# modfile MODULE@VERSION PATH... — extracts files of a module's zip (checksummed by go) into
# $out.tmp/src; only the zip is needed (a module may ask for a newer Go than this one to build).
modfiles() {
  local mod=$1 zip
  shift
  zip=$("$go" mod download -json "$mod" 2>/dev/null | "$py" -c 'import json,sys; print(json.load(sys.stdin).get("Zip",""))') || true
  [[ -s "$zip" ]] || { echo "schemas: go mod download $mod failed" >&2; exit 1; }
  "$py" - "$zip" "$mod" "$out.tmp/src" "$@" <<'PY'
import sys, zipfile, pathlib
zf, mod, dest, names = zipfile.ZipFile(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3]), sys.argv[4:]
for n in names:
    data = zf.read(f"{mod}/{n}")
    p = dest / pathlib.Path(n).name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    print(p)
PY
}
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
swagger=$(modfiles "k8s.io/kubernetes@v$K8S_VERSION" api/openapi-spec/swagger.json)
"$py" "$here/convert.py" k8s "$swagger" "$out.tmp/k8s-$K8S_VERSION"
files=()
for m in "${MODULES[@]}"; do
  # shellcheck disable=SC2086 # the file list is space-separated on purpose
  mapfile -t -O "${#files[@]}" files < <(modfiles "${m%%:*}" ${m#*:})
done
"$py" "$here/convert.py" crd "$out.tmp/crds" "${files[@]}"
rm -rf "$out.tmp/src"
rm -rf "$out" && mv "$out.tmp" "$out"
echo "$want" >"$stamp"
echo "schemas: Kubernetes $K8S_VERSION and ${#MODULES[@]} operator CRD sets converted into $out"
