#!/usr/bin/env bash
# The test command: ./scripts/test.sh [pytest args...]
#
# Creates (or reuses) .venv, installs the package with its test extra, starts a
# real local Neo4j for the tests (its own home, ~/.cache/conflictgraph/neo4j-test),
# lints, runs pytest, and always stops that Neo4j again. Exit code: pytest's,
# or 1 when only the lint failed.
#
# Environment (all optional):
#   NEO4J_PASSWORD               password of the test server   [conflictgraph-test]
#   CONFLICTGRAPH_NEO4J_HOME     home of the test server        [~/.cache/conflictgraph/neo4j-test]
#   CONFLICTGRAPH_TEST_BOLT_PORT / _HTTP_PORT / _ROUTING_PORT   [7687 / 7474 / 7688]
#   CONFLICTGRAPH_TEST_SPARE_PORTS  bolt,http,routing of the second server that
#                                tests/test_neo4j_local.py starts   [7710,7410,7810]
#   CONFLICTGRAPH_TEST_FAULT_PORTS  bolt,http,routing of the server tests/test_faults.py
#                                kills on purpose                 [7720,7420,7820]
#   PYTHON                       interpreter for the venv       [python3.11]
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${HOME:=$(cd ~ && pwd)}"
cd "$REPO"

# shellcheck source=scripts/lib.sh
. scripts/lib.sh

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nerror: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# --- system packages the tests need (Debian names) ---------------------------------------
# Maven is only needed while the Neo4j jars are not assembled yet; the manager says so itself.
read -r -a missing_pkgs <<< "$(cg_missing_packages)"
if [ "${#missing_pkgs[@]}" -gt 0 ]; then
    if is_root && command -v apt-get >/dev/null 2>&1; then
        say "Installing ${missing_pkgs[*]} (apt-get)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing_pkgs[@]}" >/dev/null
    else
        die "the tests need these Debian packages: ${missing_pkgs[*]} (Chromium must be at /usr/bin/chromium, its driver at /usr/bin/chromedriver).
       Install them as root, e.g. \`sudo apt-get install ${missing_pkgs[*]}\`, then run this again."
    fi
fi

# --- virtualenv ---------------------------------------------------------------------------
PYTHON="${PYTHON:-python3.11}"
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: install Python 3.11 or set PYTHON=/path/to/python3.11"
    say "Creating .venv with $PYTHON"
    rm -rf .venv
    "$PYTHON" -m venv .venv
fi
# Reinstall only when the dependency declarations changed (editable: code changes need none).
cg_install_if_changed ".[test]"
export PATH="$REPO/.venv/bin:$PATH"

# --- the test server: always local, never a database from the caller's environment -------
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-conflictgraph-test}"
export CONFLICTGRAPH_NEO4J_HOME="${CONFLICTGRAPH_NEO4J_HOME:-$HOME/.cache/conflictgraph/neo4j-test}"
bolt_port="${CONFLICTGRAPH_TEST_BOLT_PORT:-7687}"
export NEO4J_URI="bolt://127.0.0.1:${bolt_port}"
export NEO4J_USER=neo4j NEO4J_DATABASE=neo4j
export NEO4J_HTTP_PORT="${CONFLICTGRAPH_TEST_HTTP_PORT:-7474}"

# `conflictgraph neo4j ...` without the CLI's other command modules: a module that fails
# to import must not keep the server from starting, nor from being stopped.
neo4j_ctl() { python -m conflictgraph.neo4j_local "$@"; }

stop_neo4j() {
    local rc=$?
    trap - EXIT INT TERM
    neo4j_ctl stop >&2 || printf 'warning: could not stop the test Neo4j (home %s)\n' \
        "$CONFLICTGRAPH_NEO4J_HOME" >&2
    exit "$rc"
}
trap stop_neo4j EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "Starting the test Neo4j on ${NEO4J_URI} (home ${CONFLICTGRAPH_NEO4J_HOME})"
neo4j_ctl start --timeout 180 \
    --http-port "${CONFLICTGRAPH_TEST_HTTP_PORT:-7474}" \
    --routing-port "${CONFLICTGRAPH_TEST_ROUTING_PORT:-7688}"

# --- lint (a failure is reported, and pytest still runs) ---------------------------------
lint_rc=0
say "ruff check ."
ruff check . || lint_rc=1
say "conflictgraph rules check"
# The packaged extraction rules (and CONFLICTGRAPH_RULES, when set): every problem with its line.
conflictgraph rules check || lint_rc=1
say "mypy ."
# The repo root is the package (it has __init__.py), so mypy names modules after the
# directory the checkout sits in; a clone in e.g. "ci-clone" is not a valid module name.
# Check through a link with a fixed, valid name instead.
mypy_root="$(mktemp -d)"
ln -s "$PWD" "$mypy_root/checkout"
mypy "$mypy_root/checkout" || lint_rc=1
rm -rf "$mypy_root"
if [ "$lint_rc" -ne 0 ]; then
    printf '\nLINT FAILED (see above); running the tests anyway.\n' >&2
fi

# --- tests --------------------------------------------------------------------------------
say "pytest $*"
set +e
python -m pytest "$@"
test_rc=$?
set -e

if [ "$test_rc" -ne 0 ]; then
    exit "$test_rc"
fi
exit "$lint_rc"
