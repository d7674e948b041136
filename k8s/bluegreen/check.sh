#!/usr/bin/env bash
# Tests of the blue-green switch/rollback program against the real chart (helm template).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
tools=${MEMBANK_HOME:-$here/../../.membank}/tools
[[ -x "$tools/bin/helm" && -x "$tools/venv/bin/python" ]] || { echo "bluegreen: tools missing: run bin/membank setup" >&2; exit 2; }
cd "$here"
HELM="$tools/bin/helm" "$tools/venv/bin/python" -m pytest -q -p no:cacheprovider test_bluegreen.py
