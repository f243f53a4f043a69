"""Server settings that keep analysts' Cypher inside the graph, and a check that a server has them.

The API's sandbox (:mod:`conflictgraph.graph.neo4j_sandbox`) refuses queries that reach
outside the graph before they run. These settings are the second wall: they hold for a
query that got past the sandbox and for anyone who talks to Bolt directly.

``conflictgraph neo4j start`` writes them into the server's neo4j.conf, docker-compose.yml
passes them as ``NEO4J_*`` environment variables (tests check both), and a server the
project is pointed at is checked with :func:`missing_hardening` at startup and by
``/readyz``, which warns about each one it lacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import neo4j
from neo4j.exceptions import Neo4jError

from .cypher import PROBE_LOAD_CSV_BLOCKED, SHOW_HARDENING_SETTINGS

__all__ = [
    "ALLOWED_PROCEDURES",
    "REQUIRED_SETTINGS",
    "TRANSACTION_MEMORY",
    "HardeningGap",
    "compose_environment",
    "conf_lines",
    "gaps",
    "missing_hardening",
]

# Read procedures an analyst may call through the API (the sandbox's allow-list).
ALLOWED_PROCEDURES = (
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
    "db.index.vector.queryNodes",
    "db.index.vector.queryRelationships",
    # APOC's path expanders only read (loaded only where APOC is installed).
    "apoc.path.expand",
    "apoc.path.expandConfig",
    "apoc.path.subgraphNodes",
    "apoc.path.subgraphAll",
    "apoc.path.spanningTree",
)
# What Neo4j Browser calls after connecting (server version, its own settings, the user).
BROWSER_PROCEDURES = (
    "dbms.components",
    "dbms.clientConfig",
    "dbms.showCurrentUser",
    "dbms.routing.getRoutingTable",
)

# Tracked memory one transaction may hold (collect, ORDER BY, DISTINCT, hash joins ...).
TRANSACTION_MEMORY = "256m"

_BLOCKLIST = "internal.dbms.cypher_ip_blocklist"

# setting -> value. Each line says what it stops.
REQUIRED_SETTINGS: dict[str, str] = {
    # LOAD CSV reads no file of the server's: file:/// URLs are refused outright.
    "dbms.security.allow_csv_import_from_file_urls": "false",
    # ... and reaches no network address: every IPv4 and IPv6 address is blocked.
    "internal.dbms.cypher_ip_blocklist": "0.0.0.0/0,::/0",
    # Only the procedures analysts and Browser use are loaded at all
    # (db.stats.*, dbms.listConfig, apoc.* ... do not exist on this server).
    "dbms.security.procedures.allowlist": ",".join(ALLOWED_PROCEDURES + BROWSER_PROCEDURES),
    # No single transaction can take the heap for itself.
    "db.memory.transaction.max": TRANSACTION_MEMORY,
}


def conf_lines() -> str:
    """The settings as neo4j.conf lines."""
    return "\n".join(f"{name}={value}" for name, value in REQUIRED_SETTINGS.items())


def compose_environment() -> dict[str, str]:
    """The settings as the Neo4j Docker image's ``NEO4J_*`` variables (``_`` -> ``__``, ``.`` -> ``_``)."""
    return {
        "NEO4J_" + name.replace("_", "__").replace(".", "_"): value
        for name, value in REQUIRED_SETTINGS.items()
    }


@dataclass(frozen=True)
class HardeningGap:
    """A required setting the server does not have (``actual`` None: not reported by the server)."""

    setting: str
    expected: str
    actual: str | None

    def __str__(self) -> str:
        have = "unset" if self.actual is None else repr(self.actual)
        return f"{self.setting} is {have}, expected {self.expected!r}"


def _normalise(value: str) -> str:
    return ",".join(part.strip() for part in value.lower().split(","))


def _memory_bytes(value: str) -> int | None:
    text = value.strip().lower().replace("ib", "").replace("b", "")
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
    try:
        if text and text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])
        return int(float(text))
    except ValueError:
        return None


def _satisfies(setting: str, expected: str, actual: str | None) -> bool:
    if actual is None:
        return False
    if setting == "db.memory.transaction.max":
        # Any cap at or below ours will do; 0 means "no cap".
        cap, limit = _memory_bytes(actual), _memory_bytes(expected)
        return cap is not None and limit is not None and 0 < cap <= limit
    if setting == "dbms.security.procedures.allowlist":
        # A narrower allow-list is fine; '*' or any extra entry is not.
        allowed = set(_normalise(expected).split(","))
        listed = {p for p in _normalise(actual).split(",") if p}
        return bool(listed) and listed <= allowed
    return _normalise(actual) == _normalise(expected)


def gaps(settings: Mapping[str, str], network_blocked: bool) -> list[HardeningGap]:
    """The required settings missing from ``settings`` (as SHOW SETTINGS reports them)."""
    found = [
        HardeningGap(name, want, settings.get(name))
        for name, want in REQUIRED_SETTINGS.items()
        if name != _BLOCKLIST and not _satisfies(name, want, settings.get(name))
    ]
    if not network_blocked:
        found.append(HardeningGap(_BLOCKLIST, REQUIRED_SETTINGS[_BLOCKLIST], None))
    return found


def missing_hardening(driver: neo4j.Driver, database: str) -> list[HardeningGap]:
    """The required settings the server lacks; empty when it has them all.

    ``SHOW SETTINGS`` does not list internal settings, so the IP block list is probed
    instead (:func:`_network_blocked`).
    """
    records, _, _ = driver.execute_query(
        SHOW_HARDENING_SETTINGS, names=list(REQUIRED_SETTINGS), database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return gaps({r["name"]: str(r["value"]) for r in records}, _network_blocked(driver, database))


def _network_blocked(driver: neo4j.Driver, database: str) -> bool:
    """True when the server refuses LOAD CSV from a loopback address (the block list holds).

    The probe names port 1 of 127.0.0.1, where nothing listens: a server without the
    block list only fails to connect; one with it refuses before connecting.
    """
    try:
        driver.execute_query(PROBE_LOAD_CSV_BLOCKED, database_=database,
                             routing_=neo4j.RoutingControl.READ)
    except Neo4jError as exc:
        return "blocked" in (exc.message or "").lower()
    return False
