"""Hubs' strongest relations are cached per process and dropped as soon as the graph changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from conflictgraph.graph.hub_cache import HubCache
from conflictgraph.graph.model import Actor, Article, ArticleGraph, Claim, Relation, RelationType
from conflictgraph.graph.neo4j_store import Neo4jStore

GNA = Actor(id="gna", name="Government of National Accord", kind="government")
SUPPORTS = [RelationType.SUPPORTS]


def backing(n: int, backer: Actor, confidence: float) -> ArticleGraph:
    article = Article(id=f"a-{n}", url=f"https://example.org/{n}", text=f"{backer.name} backs the GNA.",
                      published=date(2021, 1, 1 + n % 28))
    claim = Claim(article_id=article.id, subject_id=backer.id, object_id=GNA.id,
                  type=RelationType.SUPPORTS, confidence=confidence, sentence=article.text, start=0,
                  end=len(article.text), subject_text=backer.name, object_text="the GNA",
                  published=article.published)
    return ArticleGraph(article=article, actors=[backer, GNA], claims=[claim])


def backer(i: int) -> Actor:
    return Actor(id=f"backer-{i}", name=f"Backer {i}", kind="state")


@pytest.fixture
def cached(neo4j_store: Neo4jStore) -> Iterator[Neo4jStore]:
    """The test store with a cache that takes any actor of 3 relations or more."""
    previous = neo4j_store.hub_cache
    neo4j_store.hub_cache = HubCache(min_degree=3)
    yield neo4j_store
    neo4j_store.hub_cache = previous


def strongest_backers(store: Neo4jStore, k: int = 2) -> list[str]:
    return [r.source for r in store.neighbours_of(["gna"], types=SUPPORTS, strongest=k)["gna"]]


@pytest.mark.neo4j
def test_a_hub_is_read_once_until_the_graph_changes(cached: Neo4jStore, monkeypatch) -> None:
    cached.upsert([backing(i, backer(i), 0.3 + 0.1 * i) for i in range(4)])
    reads: list[list[str]] = []
    original = Neo4jStore._read_strongest

    def counting(self, ids, *args):  # the signature of the original
        reads.append(list(ids))
        return original(self, ids, *args)

    monkeypatch.setattr(Neo4jStore, "_read_strongest", counting)
    assert strongest_backers(cached) == ["backer-3", "backer-2"]
    assert strongest_backers(cached) == ["backer-3", "backer-2"]
    assert reads == [["gna"], []]  # the second answer came from the cache
    assert len(cached.hub_cache) == 1
    # A write bumps the version: the entry is read again and shows the new backer.
    cached.upsert([backing(9, backer(9), 0.95)])
    assert strongest_backers(cached) == ["backer-9", "backer-3"]
    assert reads[-2:] == [[], ["gna"]]
    # So does a retraction, and so does clearing the graph.
    assert cached.retract("a-9")
    assert strongest_backers(cached) == ["backer-3", "backer-2"]
    cached.clear()
    assert strongest_backers(cached) == []


@pytest.mark.neo4j
def test_small_actors_are_not_cached(cached: Neo4jStore) -> None:
    cached.upsert([backing(i, backer(i), 0.5) for i in range(2)])
    assert strongest_backers(cached, k=5) == ["backer-0", "backer-1"]
    assert len(cached.hub_cache) == 0  # two relations: below min_degree


def relation(source: str) -> Relation:
    return Relation(source=source, target="gna", type=RelationType.SUPPORTS,
                    polarity=RelationType.SUPPORTS.polarity, evidence_count=1, confidence=0.5)


def test_cache_evicts_the_least_recently_used_past_its_size() -> None:
    cache = HubCache(min_degree=1, max_relations=4)
    cache.put("a", None, 2, 1, degree=10, relations=[relation("x"), relation("y")])
    cache.put("b", None, 2, 1, degree=10, relations=[relation("x"), relation("y")])
    assert set(cache.get(["a", "b"], None, 2)) == {"a", "b"}
    cache.get(["a"], None, 2)  # a is now the most recently used
    cache.put("c", None, 2, 1, degree=10, relations=[relation("z")])
    assert set(cache.get(["a", "b", "c"], None, 2)) == {"a", "c"}
    assert cache.get(["a"], None, 3) == {} and cache.get(["a"], ("OPPOSES",), 2) == {}
    assert cache.get(["a"], None, 2, version=2) == {}  # read at version 1
    cache.put("d", None, 2, 1, degree=0, relations=[relation("w")])
    assert cache.get(["d"], None, 2) == {}  # below min_degree
