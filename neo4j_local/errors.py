"""The one exception the local Neo4j manager raises: its message says what to do."""

from __future__ import annotations

__all__ = ["LocalNeo4jError"]


class LocalNeo4jError(RuntimeError):
    """Raised for anything a user can fix: missing Java/Maven, taken port, bad password, ..."""
