"""What scripts/quickstart.sh and scripts/test.sh share (scripts/lib.sh), run by real bash.

* which Debian packages are missing, each checked on its own;
* installing into .venv only when pyproject.toml or constraints.txt changed (a real venv and
  a real pip install of a one-module project);
* building the package with its pinned setuptools prints no warning.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LIB = REPO / "scripts" / "lib.sh"
BASH = shutil.which("bash") or "/bin/bash"
TRUE = shutil.which("true") or "/bin/true"


def _bash(script: str, *, cwd: Path, env: dict[str, str],
          timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BASH, "-c", f"set -euo pipefail; . {LIB}; {script}"], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=timeout, check=False)


# --- system packages -------------------------------------------------------------------------


def _missing(tmp_path: Path, *, java: bool = True, redis: bool = True, chromium: bool = True,
             driver: bool = True) -> list[str]:
    """cg_missing_packages with only the named programs present (a PATH of its own)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, present in (("java", java), ("redis-server", redis)):
        link = bin_dir / name
        link.unlink(missing_ok=True)
        if present:
            link.symlink_to(TRUE)
    env = {
        "PATH": str(bin_dir),
        "CG_CHROMIUM": TRUE if chromium else str(tmp_path / "no-chromium"),
        "CG_CHROMEDRIVER": TRUE if driver else str(tmp_path / "no-chromedriver"),
    }
    result = _bash("cg_missing_packages", cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_chromium_driver_is_checked_on_its_own(tmp_path: Path) -> None:
    """Chromium installed without its driver: the driver is still missing (and only it)."""
    assert _missing(tmp_path, driver=False) == ["chromium-driver"]
    assert _missing(tmp_path, chromium=False) == ["chromium"]
    assert _missing(tmp_path, chromium=False, driver=False) == ["chromium", "chromium-driver"]


def test_each_missing_program_names_its_package(tmp_path: Path) -> None:
    assert _missing(tmp_path) == []
    assert _missing(tmp_path, java=False) == ["openjdk-17-jre-headless"]
    assert _missing(tmp_path, redis=False) == ["redis-server"]


def test_both_scripts_use_the_shared_functions() -> None:
    test_sh = (REPO / "scripts" / "test.sh").read_text()
    quickstart_sh = (REPO / "scripts" / "quickstart.sh").read_text()
    assert ". scripts/lib.sh" in test_sh and ". scripts/lib.sh" in quickstart_sh
    assert "cg_missing_packages" in test_sh
    assert 'cg_install_if_changed ".[test]"' in test_sh
    assert "cg_install_if_changed ." in quickstart_sh
    assert "pip install" not in test_sh and "pip install" not in quickstart_sh


# --- install only when the declarations changed -----------------------------------------------

_PYPROJECT = """\
[build-system]
requires = ["setuptools==80.9.0"]
build-backend = "setuptools.build_meta"

[project]
name = "cg-stamp-probe"
version = "{version}"

[tool.setuptools]
py-modules = ["cg_stamp_probe"]
"""


def _installed_version(project: Path) -> str:
    result = subprocess.run(
        [str(project / ".venv" / "bin" / "python"), "-c",
         "import importlib.metadata as m, cg_stamp_probe; print(m.version('cg-stamp-probe'))"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.timeout(600)
def test_install_runs_once_until_the_declarations_change(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(_PYPROJECT.format(version="0.1.0"))
    (project / "constraints.txt").write_text("")
    (project / "cg_stamp_probe.py").write_text("VALUE = 1\n")
    subprocess.run([sys.executable, "-m", "venv", str(project / ".venv")], check=True,
                   timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}

    first = _bash("cg_install_if_changed .", cwd=project, env=env, timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Installing" in first.stdout
    assert _installed_version(project) == "0.1.0"
    stamp = project / ".venv" / ".conflictgraph-install"
    assert stamp.is_file()

    again = _bash("cg_install_if_changed .", cwd=project, env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "" and again.stderr == ""

    # Editable: a code change needs no install, and is seen at once.
    (project / "cg_stamp_probe.py").write_text("VALUE = 2\n")
    assert _bash("cg_install_if_changed .", cwd=project, env=env).stdout == ""

    (project / "pyproject.toml").write_text(_PYPROJECT.format(version="0.2.0"))
    changed = _bash("cg_install_if_changed .", cwd=project, env=env, timeout=300)
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert "Installing" in changed.stdout
    assert _installed_version(project) == "0.2.0"
    assert _bash("cg_install_if_changed .", cwd=project, env=env).stdout == ""

    # Another spec (the test extra) has its own stamp: installed once, then kept.
    extra = _bash('cg_install_if_changed ".[test]"', cwd=project, env=env, timeout=300)
    assert "Installing" in extra.stdout, extra.stdout + extra.stderr
    assert _bash('cg_install_if_changed ".[test]"', cwd=project, env=env).stdout == ""
    assert _bash("cg_install_if_changed .", cwd=project, env=env).stdout == ""


# --- the package builds without setuptools warnings -------------------------------------------

_NOT_SHIPPED = shutil.ignore_patterns(".venv", ".git", "tests", "build", "dist", "*.egg-info",
                                      "__pycache__", ".*_cache", "results", "conflictgraph-data")


@pytest.mark.timeout(600)
def test_building_the_package_prints_no_setuptools_warning(tmp_path: Path) -> None:
    """pyproject.toml gives setuptools nothing to warn about (the deprecated license table and
    data folders missing from `packages` printed about 170 lines on every install)."""
    source = tmp_path / "conflictgraph"
    shutil.copytree(REPO, source, ignore=_NOT_SHIPPED, symlinks=True)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
         "-v", "-w", str(tmp_path / "wheel"), str(source)],
        capture_output=True, text=True, timeout=540, check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    warnings = [line for line in output.splitlines() if re.search(r"\w*Warning\b:", line)]
    assert warnings == [], "\n".join(warnings)
    (wheel,) = (tmp_path / "wheel").glob("conflictgraph-*.whl")
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert "conflictgraph/data/samples/voa-libya-2020-10-21.txt" in names
    assert "conflictgraph/data/README.md" in names
    assert "conflictgraph/loaders/gazetteer/data/states.jsonl" in names
    assert "conflictgraph/loaders/extraction/rules/triggers.jsonl" in names
    assert "conflictgraph/loaders/extraction/rules/words.toml" in names
    assert "conflictgraph/neo4j_local/neo4j.conf" in names
