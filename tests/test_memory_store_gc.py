"""A server's memory store keeps its objects out of the cyclic collector.

The policy lives in ``api/heap.py``; the store only says when it has built a new graph
(``settled``), and a store used outside the server leaves the collector alone.
"""

from __future__ import annotations

import gc
from pathlib import Path

from conflictgraph.api.runtime import Runtime
from conflictgraph.config import Settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import Actor, Article, ArticleGraph, Claim, RelationType


def article(n: int) -> ArticleGraph:
    sentence = f"Turkey backs the GNA (report {n})."
    art = Article.from_text(sentence, url=f"https://example.org/{n}", title=str(n), source="test")
    actors = [Actor(id="turkey", name="Turkey", kind="state"),
              Actor(id="gna", name="GNA", kind="government")]
    return ArticleGraph(article=art, actors=actors, claims=[Claim(
        article_id=art.id, subject_id="turkey", object_id="gna", type=RelationType.SUPPORTS,
        sentence=sentence, start=0, end=len(sentence), subject_text="Turkey",
        object_text="GNA", extractor="test")])


def test_a_servers_store_is_frozen_after_open_and_writes(tmp_path: Path) -> None:
    gc.unfreeze()
    runtime = Runtime(Settings(store="memory", data_dir=tmp_path))
    store = runtime.store()
    assert isinstance(store, MemoryStore)
    store.upsert([article(1)])
    frozen = gc.get_freeze_count()
    assert frozen > 0
    # A full collection no longer walks the store: its objects are in the permanent generation.
    assert not any(obj is store.graph for obj in gc.get_objects())
    store.upsert([article(2)])
    assert gc.get_freeze_count() > frozen
    runtime.close()
    reopened = Runtime(Settings(store="memory", data_dir=tmp_path)).store()
    assert not any(obj is reopened.graph for obj in gc.get_objects())
    assert reopened.counts() == store.counts()
    gc.unfreeze()


def test_a_store_outside_the_server_leaves_the_collector_alone(tmp_path: Path) -> None:
    gc.unfreeze()
    store = MemoryStore(tmp_path / "graph.json")
    store.upsert([article(1)])
    assert gc.get_freeze_count() == 0
    assert any(obj is store.graph for obj in gc.get_objects())
