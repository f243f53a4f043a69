"""The memory store keeps its objects out of the cyclic collector (see ``_exempt_from_gc``)."""

from __future__ import annotations

import gc
from pathlib import Path

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


def test_stored_objects_are_frozen_after_open_and_writes(tmp_path: Path) -> None:
    gc.unfreeze()
    store = MemoryStore(tmp_path / "graph.json")
    store.upsert([article(1)])
    frozen = gc.get_freeze_count()
    assert frozen > 0
    # A full collection no longer walks the store: its objects are in the permanent generation.
    assert not any(obj is store.graph for obj in gc.get_objects())
    store.upsert([article(2)])
    assert gc.get_freeze_count() > frozen
    reopened = MemoryStore(tmp_path / "graph.json")
    assert not any(obj is reopened.graph for obj in gc.get_objects())
    assert reopened.counts() == store.counts()
    gc.unfreeze()
