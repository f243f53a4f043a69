"""The ingest pipeline end to end: real sources, the real extractor, both real stores."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from conflictgraph.graph.model import Article
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import GraphStore
from conflictgraph.loaders.extraction import get_extractor
from conflictgraph.loaders.pipeline import Ingestor, IngestSummary
from conflictgraph.loaders.records import ArticleRecord
from conflictgraph.loaders.sources import Skipped, load_path

MIXED = Path(__file__).resolve().parent / "data" / "sources" / "mixed"
URL = "https://news.example.org/libya/backers"
TURKEY_TEXT = "Turkey is a main supporter of the U.N.-recognized government in Tripoli."
RUSSIA_TEXT = ("Russia and the United Arab Emirates are among other countries allied with "
               "Haftar's forces.")


def snapshot(store: GraphStore) -> tuple:
    return (
        store.counts(),
        [a.model_dump() for a in store.actors()],
        [r.model_dump() for r in store.relations()],
        [a.model_dump() for a in store.articles()],
    )


def ingest_mixed(store: GraphStore) -> IngestSummary:
    return Ingestor(store, get_extractor()).ingest(load_path(MIXED))


def assert_claims_point_into_clean_text(store: GraphStore, article: Article) -> None:
    for claim in store.article_claims(article.id):
        assert article.text[claim.start:claim.end] == claim.sentence


def test_mixed_folder_reports_the_broken_file_and_stores_the_rest(store: GraphStore) -> None:
    ticks: list[int] = []
    summary = Ingestor(store, get_extractor(), batch_size=4).ingest(
        load_path(MIXED), progress=ticks.append)
    assert summary.skipped == [Skipped(
        name=str(MIXED / "broken.json"),
        reason=summary.skipped[0].reason)]
    assert summary.skipped[0].reason.startswith("invalid JSON at line 1")
    assert (summary.articles, summary.created, summary.updated, summary.unchanged) == (6, 6, 0, 0)
    assert sum(ticks) == 7  # every input item, the broken one included
    assert summary.error is None and summary.not_stored == [] and not summary.store_unavailable

    counts = store.counts()
    assert counts["articles"] == 6
    assert counts["claims"] == summary.claims > 0
    assert counts["actors"] == summary.actors >= 3
    assert {r.status for r in summary.results} == {"created"}

    titles = {a.title for a in store.articles()}
    assert "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks" in titles
    assert "Libyan Delegations Agree to Reopen Land Routes and Resume Flights" in titles
    for listed in store.articles():
        article = store.get_article(listed.id)
        assert article is not None
        for chrome in ("JOIN NOW", "mailing list", "Yglesias", "By Lisa Schlein", "Share on"):
            assert chrome not in article.text
        assert_claims_point_into_clean_text(store, article)
    supported = {r.target for r in store.relations() if r.source == "turkey"}
    assert supported, "the Turkey sentence in three inputs must yield a relation"


def test_reingesting_changes_nothing(store: GraphStore) -> None:
    ingest_mixed(store)
    before = snapshot(store)
    again = ingest_mixed(store)
    assert (again.articles, again.created, again.updated, again.unchanged) == (6, 0, 0, 6)
    assert snapshot(store) == before


def test_changed_text_replaces_the_earlier_claims(store: GraphStore) -> None:
    ingestor = Ingestor(store, get_extractor())
    first = ingestor.ingest([ArticleRecord(text=TURKEY_TEXT, url=URL, title="Backers")])
    assert first.created == 1 and first.claims >= 1
    (article_id,) = [r.article_id for r in first.results]
    old = store.article_claims(article_id)
    assert old and all(c.sentence == TURKEY_TEXT for c in old)
    assert store.get_actor("turkey") is not None

    second = ingestor.ingest([ArticleRecord(text=RUSSIA_TEXT, url=URL, title="Backers")])
    assert (second.created, second.updated, second.unchanged) == (0, 1, 0)
    assert [r.article_id for r in second.results] == [article_id]
    new = store.article_claims(article_id)
    assert new and all(c.sentence == RUSSIA_TEXT for c in new)
    assert store.counts()["articles"] == 1
    replaced = store.get_article(article_id)
    assert replaced is not None and replaced.text == RUSSIA_TEXT
    # Turkey was only in the replaced text: its relations and the actor itself are gone.
    assert not any("turkey" in (r.source, r.target) for r in store.relations())
    assert store.get_actor("turkey") is None


def test_api_shaped_call_loads_the_extractor_lazily(store: GraphStore) -> None:
    ingestor = Ingestor(store)
    assert ingestor._extractor is None
    summary = ingestor.ingest([ArticleRecord(text=TURKEY_TEXT)])
    assert summary.articles == 1 and summary.created == 1
    (listed,) = store.articles()
    article = store.get_article(listed.id)
    assert article is not None and article.url is None and article.text == TURKEY_TEXT


def test_store_failure_stops_and_names_the_articles_not_stored() -> None:
    with socket.socket() as sock:  # a port that was just free: no Neo4j listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    driver = GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", "x"),
                                  max_transaction_retry_time=0.5, connection_timeout=1.0)
    dead = Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "x", ensure_schema=False,
                      driver=driver)
    try:
        ticks: list[int] = []
        summary = Ingestor(dead, get_extractor(), batch_size=2).ingest(
            load_path(MIXED), progress=ticks.append)
    finally:
        dead.close()
    assert summary.error is not None and "unreachable" in summary.error
    assert summary.store_unavailable
    assert summary.articles == 0 and summary.results == []
    # broken.json came first and was reported; the next two articles formed the failed batch.
    assert [s.name for s in summary.skipped] == [str(MIXED / "broken.json")]
    assert len(summary.not_stored) == 2
    assert all(a.startswith("a-") for a in summary.not_stored)
    assert sum(ticks) == 3  # later input was not read


@pytest.mark.parametrize("batch_size", [0, -1])
def test_batch_size_must_be_positive(batch_size: int) -> None:
    from conflictgraph.graph.memory_store import MemoryStore

    with pytest.raises(ValueError, match="batch_size"):
        Ingestor(MemoryStore(), batch_size=batch_size)


def test_seed_article_end_to_end(store: GraphStore) -> None:
    seed = Path(__file__).resolve().parent.parent / "data" / "samples" / "voa-libya-2020-10-21.txt"
    summary = Ingestor(store, get_extractor()).ingest(load_path(seed))
    assert summary.created == 1 and summary.skipped == []
    (listed,) = store.articles()
    article = store.get_article(listed.id)
    assert article is not None
    assert article.title == "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks"
    assert article.published is not None and article.published.isoformat() == "2020-10-21"
    assert article.text.startswith("A United Nations mediator reports positive developments")
    assert article.text.endswith("fueling Libya's destructive, chaotic civil war.")
    assert ("turkey", "SUPPORTS") in {(r.source, r.type.value) for r in store.relations()}
    # Names in the page chrome (byline, book promotion) never become actors.
    names = " ".join(name for actor in store.actors() for name in actor.names())
    assert "Schlein" not in names and "Yglesias" not in names
    assert_claims_point_into_clean_text(store, article)
