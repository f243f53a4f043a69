"""Messages more than one command prints."""

from __future__ import annotations

from rich.markup import escape

from ..graph.store import GraphStore
from ..queries.search import ActorNotFound

__all__ = ["unknown_actor"]


def unknown_actor(exc: ActorNotFound, store: GraphStore) -> str:
    """Rich markup for an actor reference that resolved to nothing: the suggestions, or,
    when the store is empty, how to fill it."""
    message = f"[red]Unknown actor:[/red] {escape(exc.detail)}"
    if not exc.suggestions and store.counts().get("actors", 0) == 0:
        message += ("\nThe store holds no actors yet: load articles with "
                    "`conflictgraph ingest PATH...` (and the same --store).")
    return message
