"""Restart the local Neo4j server the bench talks to, for the cold-server rows.

Only a server this machine runs from a ``conflictgraph neo4j`` home (neo4j_local)
is restarted, and only when it is the one at the bench's Bolt address: its pid
file, ports and memory settings come from that home, so the restarted server is
the same server, with nothing in its page cache, plan cache or JIT.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from conflictgraph.neo4j_local.errors import LocalNeo4jError
from conflictgraph.neo4j_local.manager import LocalNeo4j, LocalNeo4jConfig

from .context import BenchError

__all__ = ["restart_local_neo4j"]

_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# conf keys -> LocalNeo4jConfig fields: a restart keeps the memory the server was given
_MEMORY_KEYS = {"server.memory.heap.max_size": "heap", "server.memory.pagecache.size": "pagecache"}


def _memory_settings(conf: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except OSError:
        return found
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() in _MEMORY_KEYS and value.strip():
            found[_MEMORY_KEYS[key.strip()]] = value.strip()
    return found


def restart_local_neo4j(home: Path, uri: str, user: str, password: str, *,
                        timeout_s: float = 600.0) -> float:
    """Stop and start the server of ``home`` that serves ``uri``; seconds it took.

    Raises BenchError when no such server runs (the caller skips the cold rows).
    """
    address = urlsplit(uri)
    if address.hostname not in _LOCAL_HOSTS:
        raise BenchError(f"{uri} is not a server on this machine: the bench cannot restart it")
    config = LocalNeo4jConfig.from_settings(home=home, user=user, password=password)
    status = LocalNeo4j(config).status()
    if not status.running:
        raise BenchError(f"no local Neo4j runs from {home} (set CONFLICTGRAPH_NEO4J_HOME or "
                         "pass --neo4j-home to the home of the server at the bench's URI)")
    if status.ports.get("bolt") != address.port:
        raise BenchError(f"the local Neo4j of {home} listens on Bolt port "
                         f"{status.ports.get('bolt')}, not on the bench's {uri}")
    ports = {f"{name}_port": port for name, port in status.ports.items()
             if name in ("bolt", "http", "routing")}
    server = LocalNeo4j(replace(config, **ports, **_memory_settings(
        config.home_dir / "conf" / "neo4j.conf")))
    started = time.perf_counter()
    try:
        server.stop()
        server.start(wait=True, timeout=timeout_s)
    except LocalNeo4jError as exc:
        raise BenchError(f"restarting the local Neo4j of {home} failed: {exc}") from exc
    return time.perf_counter() - started
