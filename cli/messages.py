"""Messages more than one command prints, and the store reading the query commands share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum

import typer
from rich.console import Console
from rich.markup import escape

from ..config import get_settings
from ..graph.factory import open_store
from ..graph.model import Actor
from ..graph.store import GraphStore, StoreError
from ..queries.search import ActorNotFound, reading_note, resolve_actor

__all__ = ["StoreChoice", "named_actor", "reading_store", "unknown_actor"]

_err = Console(stderr=True)


class StoreChoice(StrEnum):
    memory = "memory"
    neo4j = "neo4j"


@contextmanager
def reading_store(store: StoreChoice | None) -> Iterator[GraphStore]:
    """The store, with unknown actors and store failures turned into messages and exit codes
    (1 for an unknown actor, 2 for a store that cannot be read)."""
    try:
        with open_store(get_settings(), store.value if store else None) as graph_store:
            try:
                yield graph_store
            except ActorNotFound as exc:
                _err.print(unknown_actor(exc, graph_store))
                raise typer.Exit(1) from exc
    except StoreError as exc:
        _err.print(f"[red]Cannot read the store:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def named_actor(store: GraphStore, ref: str) -> Actor:
    """``ref`` resolved as the API resolves it, with a note when it was read as another name."""
    actor = resolve_actor(store, ref)
    note = reading_note(ref, actor)
    if note:
        _err.print(escape(note))
    return actor


def unknown_actor(exc: ActorNotFound, store: GraphStore) -> str:
    """Rich markup for an actor reference that resolved to nothing: the suggestions, or,
    when the store is empty, how to fill it."""
    message = f"[red]Unknown actor:[/red] {escape(exc.detail)}"
    if not exc.suggestions and store.counts().get("actors", 0) == 0:
        message += ("\nThe store holds no actors yet: load articles with "
                    "`conflictgraph ingest PATH...` (and the same --store).")
    return message
