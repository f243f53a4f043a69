#!/usr/bin/env bash
# The main job on the embedded default store: install, load the sample articles, serve the API.
# Usage: ./scripts/quickstart.sh [--port 8000]
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e .

export CONFLICTGRAPH_STORE=${CONFLICTGRAPH_STORE:-memory}
exec .venv/bin/conflictgraph quickstart "$@"
