# Shell functions shared by scripts/quickstart.sh and scripts/test.sh (sourced, not run).
# Each works on the current directory, which must be the repository root.

# Debian packages the tests need that this machine lacks, space-separated (empty: none).
# Each package is checked on its own. The paths can be overridden (tests do):
#   CG_CHROMIUM       [/usr/bin/chromium]       the browser (package chromium)
#   CG_CHROMEDRIVER   [/usr/bin/chromedriver]   its WebDriver (package chromium-driver)
cg_missing_packages() {
    local missing=()
    command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
    [ -x "${CG_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
    [ -x "${CG_CHROMEDRIVER:-/usr/bin/chromedriver}" ] || missing+=(chromium-driver)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    echo "${missing[*]}"
}

# Install the package into .venv (editable) unless the same spec was installed from the
# same pyproject.toml and constraints.txt: code changes need no reinstall, dependency
# changes do. Usage: cg_install_if_changed [SPEC]   (SPEC: "." [default] or ".[test]")
# Prints "Installing ..." when it installs, nothing when the install is up to date.
cg_install_if_changed() {
    local spec="${1:-.}"
    local name="${spec#.}"
    name="${name//[^A-Za-z0-9]/}"
    local stamp=".venv/.conflictgraph-install${name:+-$name}"
    local want
    want="$(cat pyproject.toml constraints.txt | cksum) $spec"
    if [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ]; then
        return 0
    fi
    echo "Installing conflictgraph ($spec) into .venv"
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
    # The repository root is the package (package-dir "." in pyproject.toml), so setuptools
    # always adds an information-only "Editable installation" notice (don't keep a folder
    # named conflictgraph in the working directory); every other build warning still shows.
    PYTHONWARNINGS="ignore:Editable installation:UserWarning" \
        .venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt \
        -e "$spec"
    echo "$want" > "$stamp"
}
