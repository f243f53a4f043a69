"""Assemble the Neo4j server's jars from Maven Central into one lib/ folder, once.

The copy goes to a sibling ``.partial`` folder and is renamed into place only
after Maven succeeded, and a marker (versions + jar count) is written last: an
interrupted run leaves the previous lib untouched and is simply redone.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import shutil
import subprocess
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from .checks import require_mvn
from .errors import LocalNeo4jError

__all__ = ["MARKER_NAME", "assemble_lib", "lib_is_complete"]

MARKER_NAME = ".conflictgraph-lib.json"


def _marker(neo4j_version: str, browser_version: str, jars: int) -> dict[str, object]:
    return {"neo4j": neo4j_version, "browser": browser_version, "jars": jars}


def lib_is_complete(lib_dir: Path, neo4j_version: str, browser_version: str) -> bool:
    """The marker matches these versions and every jar it counted is still there."""
    try:
        data = json.loads((lib_dir / MARKER_NAME).read_text())
    except (FileNotFoundError, ValueError):
        return False
    jars = len(list(lib_dir.glob("*.jar")))
    return bool(data == _marker(neo4j_version, browser_version, jars) and jars > 0)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """One assembly at a time per lib dir (two terminals may start at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def assemble_lib(
    lib_dir: Path, neo4j_version: str, browser_version: str, timeout: float = 1800
) -> bool:
    """Fill `lib_dir` with the runtime jars; False when it already was complete."""
    lib_dir = lib_dir.resolve()
    with _lock(lib_dir.parent / f".{lib_dir.name}.lock"):
        if lib_is_complete(lib_dir, neo4j_version, browser_version):
            return False
        mvn = require_mvn()
        build = lib_dir.parent / f".{lib_dir.name}.build"
        partial = lib_dir.parent / f".{lib_dir.name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        build.mkdir(parents=True, exist_ok=True)
        pom = build / "pom.xml"
        pom.write_text(resources.files(__package__).joinpath("pom.xml").read_text())
        command = [
            mvn, "-q", "-B", "-f", str(pom),
            f"-Dneo4j.version={neo4j_version}",
            f"-Dneo4j-browser.version={browser_version}",
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={partial}",
        ]
        try:
            proc = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise LocalNeo4jError(
                f"Maven did not finish assembling Neo4j {neo4j_version} within {timeout:.0f} s; "
                "check the network to Maven Central and try again."
            ) from exc
        jars = len(list(partial.glob("*.jar"))) if partial.is_dir() else 0
        if proc.returncode != 0 or jars == 0:
            shutil.rmtree(partial, ignore_errors=True)
            raise LocalNeo4jError(
                f"Maven could not assemble Neo4j {neo4j_version} (exit {proc.returncode}, "
                f"{jars} jars). Its last lines:\n{_tail(proc.stdout + proc.stderr)}"
            )
        if lib_dir.exists():
            shutil.rmtree(lib_dir)
        partial.rename(lib_dir)
        marker = _marker(neo4j_version, browser_version, jars)
        (lib_dir / MARKER_NAME).write_text(json.dumps(marker) + "\n")
        return True
