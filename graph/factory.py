"""Open the store the settings ask for."""

from __future__ import annotations

from collections.abc import Callable

from ..config import Settings
from .memory_store import MemoryStore
from .neo4j_store import Neo4jStore
from .store import GraphStore, StoreHolder

__all__ = ["open_store"]


def open_store(settings: Settings, store: str | None = None, *,
               holder: StoreHolder | None = None, claim: bool = False,
               settled: Callable[[], None] | None = None) -> GraphStore:
    """``store`` overrides ``settings.store`` (the CLI's ``--store``).

    ``holder`` is who this process says it is when it becomes the memory store's one
    writer; ``claim=True`` becomes it now (StoreLocked when another process is), rather
    than at the first write. Neo4j serialises its writers itself: both are ignored.
    ``settled`` is the memory store's hook after each new graph (the server's GC policy).
    """
    kind = store or settings.store
    if kind == "memory":
        return MemoryStore(settings.memory_path, holder=holder, claim=claim, settled=settled)
    if kind == "neo4j":
        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
        )
    raise ValueError(f"unknown store {kind!r}: choose memory or neo4j")
