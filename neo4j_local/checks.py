"""Preconditions for running Neo4j locally, each failing with a message a user can act on."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
from pathlib import Path

from .errors import LocalNeo4jError

__all__ = [
    "MIN_JAVA",
    "MIN_PASSWORD_LENGTH",
    "java_major_version",
    "parse_size",
    "port_in_use",
    "require_free_ports",
    "require_java",
    "require_memory",
    "require_mvn",
    "require_password",
]

MIN_JAVA = 17
MIN_PASSWORD_LENGTH = 8  # Neo4j's own default for dbms.security.auth_minimum_password_length

_VERSION_RE = re.compile(r'version "(\d+)(?:\.(\d+))?')
_SIZE_RE = re.compile(r"^\s*(\d+)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def _find_java() -> str | None:
    """JAVA_HOME wins (as in Neo4j's own scripts), then PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("java")


def java_major_version(java: str) -> int:
    """`java -version` prints e.g. `version "17.0.15"` (or `"1.8.0_392"` for Java 8) on stderr."""
    try:
        proc = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError as exc:
        raise LocalNeo4jError(f"could not run {java} -version: {exc}") from exc
    match = _VERSION_RE.search(proc.stderr + proc.stdout)
    if not match:
        raise LocalNeo4jError(
            f"could not read the Java version from `{java} -version`: "
            f"{(proc.stderr or proc.stdout).strip()[:200]!r}"
        )
    major = int(match.group(1))
    if major == 1 and match.group(2):
        major = int(match.group(2))
    return major


def require_java() -> str:
    """Path of a Java >= 17 (Neo4j 5 needs 17 or 21)."""
    java = _find_java()
    if java is None:
        raise LocalNeo4jError(
            f"Java was not found: Neo4j needs Java {MIN_JAVA} or 21. Install a JDK "
            "(Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`), "
            "or set JAVA_HOME, and try again."
        )
    major = java_major_version(java)
    if major < MIN_JAVA:
        raise LocalNeo4jError(
            f"{java} is Java {major}; Neo4j needs Java {MIN_JAVA} or 21. Install a newer JDK "
            "and put it first on PATH (or set JAVA_HOME)."
        )
    return java


def require_mvn() -> str:
    """Maven is only needed to assemble the server's jars the first time."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNeo4jError(
            "Maven (`mvn`) was not found, and the Neo4j jars are not assembled yet. "
            "Install Maven once (Debian/Ubuntu: `apt-get install maven`) and try again; "
            "later starts reuse the assembled jars and do not need it."
        )
    return mvn


def require_password(password: str | None) -> str:
    if not password:
        raise LocalNeo4jError(
            "no Neo4j password: set NEO4J_PASSWORD (at least "
            f"{MIN_PASSWORD_LENGTH} characters), e.g. `export NEO4J_PASSWORD=change-me-please`."
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise LocalNeo4jError(
            f"NEO4J_PASSWORD is {len(password)} characters long; Neo4j requires at least "
            f"{MIN_PASSWORD_LENGTH}. Choose a longer one."
        )
    return password


def port_in_use(host: str, port: int) -> bool:
    """True when something listens on host:port (or the port cannot be bound)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        if probe.connect_ex((host, port)) == 0:
            return True
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def require_free_ports(host: str, ports: dict[str, int]) -> None:
    """`ports` maps a role (bolt, http, routing) to its port; the error names the first taken."""
    seen: dict[int, str] = {}
    for role, port in ports.items():
        if port in seen:
            raise LocalNeo4jError(
                f"the {role} port and the {seen[port]} port are both {port}: choose distinct ports."
            )
        seen[port] = role
    for role, port in ports.items():
        if port_in_use(host, port):
            raise LocalNeo4jError(
                f"port {port} ({role}) on {host} is already in use: stop what listens there "
                f"or choose another {role} port (e.g. `conflictgraph neo4j start --{role}-port "
                f"{port + 1000}`)."
            )


def parse_size(size: str) -> int:
    """'512m', '1g', '1024k', '2G' -> bytes (Neo4j's own notation)."""
    match = _SIZE_RE.match(size)
    if not match:
        raise LocalNeo4jError(f"cannot read the memory size {size!r}: use e.g. 512m or 1g.")
    number, unit = int(match.group(1)), match.group(2).lower()
    return number * _UNITS[unit]


def require_memory(heap: str, pagecache: str) -> None:
    """Neo4j refuses to start when heap + page cache exceed the machine's RAM: say so first."""
    wanted = parse_size(heap) + parse_size(pagecache)
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return
    if wanted >= total:
        raise LocalNeo4jError(
            f"heap {heap} + page cache {pagecache} do not fit in this machine's "
            f"{total // 2**20} MiB of RAM: choose smaller --heap / --pagecache."
        )
