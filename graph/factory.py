"""Open the store the settings ask for."""

from __future__ import annotations

from ..config import Settings
from .memory_store import MemoryStore
from .neo4j_store import Neo4jStore
from .store import GraphStore

__all__ = ["open_store"]


def open_store(settings: Settings, store: str | None = None) -> GraphStore:
    """``store`` overrides ``settings.store`` (the CLI's ``--store``)."""
    kind = store or settings.store
    if kind == "memory":
        return MemoryStore(settings.memory_path)
    if kind == "neo4j":
        return Neo4jStore(
            settings.neo4j_uri,
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            database=settings.neo4j_database,
        )
    raise ValueError(f"unknown store {kind!r}: choose memory or neo4j")
