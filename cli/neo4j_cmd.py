"""`conflictgraph neo4j start|stop|status`: a real local Neo4j, no Docker needed.

The commands live in neo4j_local.cli (runnable alone as `python -m conflictgraph.neo4j_local`).
"""

from __future__ import annotations

from ..neo4j_local.cli import app

__all__ = ["app"]
