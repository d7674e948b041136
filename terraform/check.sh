#!/usr/bin/env bash
# Offline checks of terraform/ (run by `bin/membank test`, phase terraform):
#   1. tofu fmt -check -recursive: every file parses and is formatted (OpenTofu's parser);
#   2. checkov on the HCL: zero failed checks (skips with reasons in terraform/checkov.yaml);
#   3. pytest tests/: the invariants (encryption, public access blocked, 30-day backups,
#      multi-AZ staging/prod, TLS+IAM Kafka, private EKS, locked remote state).
# `tofu init/validate/plan` need the AWS provider, which cannot be downloaded here: they
# run in the pipeline (.github/workflows/cd.yml, job terraform).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/.." && pwd -P)
tools=${MEMBANK_HOME:-$root/.membank}/tools
tofu=$tools/bin/tofu checkov=$tools/venv/bin/checkov py=$tools/venv/bin/python
for t in "$tofu" "$checkov" "$py"; do
  [[ -x "$t" ]] || { echo "terraform/check: $t missing: run bin/membank setup" >&2; exit 2; }
done
[[ -z "${TF_CLI_CONFIG_FILE:-}" || -f "$TF_CLI_CONFIG_FILE" ]] || unset TF_CLI_CONFIG_FILE
"$tofu" fmt -check -recursive -diff "$here"
echo "tofu fmt: $(find "$here" -name '*.tf' | wc -l) files parse and are formatted"
"$checkov" --quiet --compact --skip-download --framework terraform --config-file "$here/checkov.yaml" -d "$here" --output cli
echo "checkov: 0 failed checks (failures are listed above and fail this script; skips: inline checkov:skip comments and terraform/checkov.yaml)"
MEMBANK_TF_ROOT=${MEMBANK_TF_ROOT:-$here} "$py" -m pytest -q -p no:cacheprovider "$here/tests"
echo "terraform/check: OK"
