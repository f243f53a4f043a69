"""Load one synthetic graph into each store and describe how to serve it.

Shared by the API benchmarks: the in-process store answers the direct
calls, and the environment returned points a uvicorn child at the same data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conflictgraph.api.heap import exempt_new
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import ArticleGraph
from conflictgraph.graph.store import GraphStore

from .context import Context
from .synthetic import batched

__all__ = ["LoadedGraph", "loaded_store", "server_env"]


@dataclass
class LoadedGraph:
    store: GraphStore
    env: dict[str, str]
    counts: dict[str, int]
    load_s: float


def server_env(ctx: Context, store_name: str, data_dir: Path | None = None) -> dict[str, str]:
    """Environment for an API child process serving ``store_name``."""
    env = {"CONFLICTGRAPH_STORE": store_name, "CONFLICTGRAPH_API_KEY": ""}
    if store_name == "memory":
        if data_dir is None:
            raise ValueError("the memory store needs a data directory")
        env["CONFLICTGRAPH_DATA_DIR"] = str(data_dir)
    else:
        assert ctx.neo4j is not None
        env.update(NEO4J_URI=ctx.neo4j.uri, NEO4J_USER=ctx.neo4j.user,
                   NEO4J_PASSWORD=ctx.neo4j.password, NEO4J_DATABASE=ctx.neo4j.database)
    return env


@contextmanager
def loaded_store(ctx: Context, store_name: str, graphs: list[ArticleGraph], label: str,
                 ) -> Iterator[LoadedGraph]:
    """The graphs stored in a fresh ``store_name`` store; Neo4j is cleared afterwards."""
    import time

    start = time.perf_counter()
    if store_name == "memory":
        data_dir = ctx.workdir / f"memory-{label}"
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "graph.json").unlink(missing_ok=True)
        memory = MemoryStore(data_dir / "graph.json", settled=exempt_new)  # as the server does
        memory.upsert(graphs)  # one call: the file is written once
        memory.close()  # the server benchmarked next is the file's writer, as in production
        loaded = LoadedGraph(memory, server_env(ctx, "memory", data_dir), memory.counts(),
                             time.perf_counter() - start)
        yield loaded
        return
    neo4j = ctx.neo4j_store()
    try:
        done = 0
        for batch in batched(iter(graphs), 250):
            neo4j.upsert(batch)
            done += len(batch)
            ctx.progress(f"loading {label} into Neo4j: {done}/{len(graphs)} articles")
        yield LoadedGraph(neo4j, server_env(ctx, "neo4j"), neo4j.counts(),
                          time.perf_counter() - start)
    finally:
        ctx.release_neo4j(neo4j)
