#!/usr/bin/env bash
# Offline checks of the Helm chart (run by `bin/membank test`, phase k8s):
#   1. files/topics.yaml matches platform/contracts (k8s/gen-topics.py --check)
#   2. helm lint with each environment's values
#   3. helm template per environment (and a blue-green release with both colours)
#   4. kubeconform -strict against Kubernetes $K8S_VERSION and the operators' CRD schemas
#   5. the Services agree with gateway-config/kong/kong.yaml (check_gateway.py)
#   6. the api-docs image's layout serves Swagger UI and openapi.json (api-docs/check.sh)
#   7. checkov on the rendered manifests: zero failed checks (skips listed with reasons in
#      k8s/checkov.yaml)
# Tools come from `bin/membank setup` (.membank/tools). Usage: k8s/check.sh [CHART_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
chart=${1:-$here/membank}
tools=${MEMBANK_HOME:-$root/.membank}/tools
out=${MEMBANK_HOME:-$root/.membank}/k8s
K8S_VERSION=1.34.4
ENVS=(dev staging prod)

need() { [[ -x "$1" ]] || { echo "k8s/check: $1 missing: run bin/membank setup" >&2; exit 2; }; }
helm=$tools/bin/helm kubeconform=$tools/bin/kubeconform checkov=$tools/venv/bin/checkov py=$tools/venv/bin/python
need "$helm"; need "$kubeconform"; need "$checkov"; need "$py"
[[ -f "$tools/schemas/k8s-$K8S_VERSION/deployment-apps-v1.json" ]] || { echo "k8s/check: schemas missing: run bin/membank setup" >&2; exit 2; }
export HELM_CACHE_HOME="$out/helm/cache" HELM_CONFIG_HOME="$out/helm/config" HELM_DATA_HOME="$out/helm/data"
rm -rf "$out/rendered" && mkdir -p "$out/rendered"
# checkov skips every file under a hidden directory (and .membank is one), so it scans a copy of
# the rendered manifests in a plain temporary directory, and the script checks it scanned them.
scan=$(mktemp -d "${TMPDIR:-/tmp}/membank-k8s-scan.XXXXXX")
trap 'rm -rf "$scan"' EXIT

"$py" "$here/gen-topics.py" --check

for env in "${ENVS[@]}"; do
  "$helm" lint "$chart" -f "$chart/values-$env.yaml" --namespace membank --quiet
done
echo "helm lint: ${ENVS[*]} OK"

render() { # render NAME ARGS...
  local name=$1
  shift
  "$helm" template membank "$chart" --namespace membank --kube-version "$K8S_VERSION" "$@" >"$out/rendered/$name.yaml"
}
for env in "${ENVS[@]}"; do render "$env" -f "$chart/values-$env.yaml"; done
render prod-bluegreen -f "$chart/values-prod.yaml" --set blueGreen.deployIdle=true --set blueGreen.tags.green=feedfacecafe
echo "helm template: $(ls "$out/rendered" | tr '\n' ' ')"

"$kubeconform" -strict -summary -output text -kubernetes-version "$K8S_VERSION" \
  -schema-location "$tools/schemas/k8s-$K8S_VERSION/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
  -schema-location "$tools/schemas/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
  -schema-location "$here/schemas/vendored/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
  "$out/rendered"

for env in "${ENVS[@]}"; do
  "$py" "$here/check_gateway.py" "$root/gateway-config/kong/kong.yaml" "$out/rendered/$env.yaml"
done

"$here/api-docs/check.sh"

cp "$out/rendered/"*.yaml "$scan/"
"$checkov" --quiet --compact --skip-download --framework kubernetes --config-file "$here/checkov.yaml" \
  -d "$scan" --output cli --output json --output-file-path "console,$scan/report"
passed=$("$py" -c 'import json,sys; r=json.load(open(sys.argv[1])); r=r if isinstance(r,list) else [r]; print(sum(x["summary"]["passed"] for x in r))' "$scan/report")
((passed > 0)) || { echo "k8s/check: checkov scanned nothing (0 passed checks)" >&2; exit 1; }
echo "checkov: $passed passed, 0 failed checks (failures are listed above and fail this script; skips: k8s/checkov.yaml)"
echo "k8s/check: OK"
