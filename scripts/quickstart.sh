#!/usr/bin/env bash
# The main job on the embedded default store: install, load the sample articles, serve the API.
# Usage: ./scripts/quickstart.sh [--port 8000]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Installs only on the first run and after pyproject.toml or constraints.txt change.
cg_install_if_changed .

export CONFLICTGRAPH_STORE=${CONFLICTGRAPH_STORE:-memory}
exec .venv/bin/conflictgraph quickstart "$@"
