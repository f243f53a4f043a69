"""The seed article, as scraped (header and footer included), through the real
extractor and gazetteer data, into both stores: the relations it states come
back out of the store, and nothing from the page furniture becomes an actor."""

from __future__ import annotations

from datetime import date

import pytest
from seed_graph import SEED_SOURCE, SEED_URL, seed_text

from conflictgraph.graph.model import Article, ArticleGraph, RelationType
from conflictgraph.graph.store import GraphStore
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor
from conflictgraph.loaders.gazetteer import Gazetteer

GNA = "government-of-national-accord"
LNA = "libyan-national-army"
UNSMIL = "unsmil"
FURNITURE = (
    "Matthew Yglesias",
    "Lisa Schlein",
    "Weapons of Mass Destruction",
    "One Billion Americans",
    "Defense and Intelligence Jobs",
    "Security-Cleared Career Network",
    "Join the mailing list",
)


@pytest.fixture(scope="module")
def seed_graph() -> ArticleGraph:
    extractor = SpacyExtractor(load_model(), Gazetteer.load())
    article = Article.from_text(
        seed_text(),
        url=SEED_URL,
        published=date(2020, 10, 21),
        source=SEED_SOURCE,
    )
    return extractor.extract(article)


def _has(store: GraphStore, source: str, target: str, *types: RelationType) -> bool:
    for rel in store.relations():
        if rel.type not in types:
            continue
        pair = {rel.source, rel.target}
        if rel.type.symmetric and pair == {source, target}:
            return True
        if rel.source == source and rel.target == target:
            return True
    return False


def test_seed_relations_round_trip_through_the_store(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.upsert([seed_graph])
    support = (RelationType.SUPPORTS, RelationType.ALLIED_WITH)
    assert _has(store, "turkey", GNA, RelationType.SUPPORTS)
    assert _has(store, "russia", LNA, *support)
    assert _has(store, "united-arab-emirates", LNA, *support)
    assert _has(store, GNA, LNA, RelationType.OPPOSES)
    assert _has(store, "khalifa-haftar", LNA, RelationType.LEADS)
    assert _has(store, "stephanie-williams", UNSMIL, RelationType.LEADS)
    mediations = [r for r in store.relations() if r.type is RelationType.MEDIATES]
    assert any(r.source == UNSMIL for r in mediations)
    assert {r.target for r in mediations if r.source == UNSMIL} <= {GNA, LNA}
    # Evidence is kept with the relation, dated by the article.
    evidence = store.evidence("turkey", GNA, RelationType.SUPPORTS)
    assert evidence and evidence[0].sentence.startswith("Turkey is a main supporter")
    assert evidence[0].published == date(2020, 10, 21)


def test_page_furniture_yields_no_actor(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.upsert([seed_graph])
    names = [n for actor in store.actors() for n in actor.names()]
    for junk in FURNITURE:
        assert not any(junk.lower() in n.lower() or n.lower() in junk.lower() for n in names), junk
    # Only actors that take part in a claim are in the graph: no place-only GPEs.
    in_claims = {i for c in seed_graph.claims for i in (c.subject_id, c.object_id)}
    assert {a.id for a in seed_graph.actors} == in_claims
    assert "geneva" not in in_claims


def test_every_claim_quotes_its_sentence_exactly(seed_graph: ArticleGraph) -> None:
    text = seed_graph.article.text
    assert seed_graph.claims
    for claim in seed_graph.claims:
        assert claim.sentence == text[claim.start : claim.end]
        assert claim.sentence.strip() == claim.sentence
        assert "\n\n" not in claim.sentence
        assert claim.extractor == SpacyExtractor.version
        assert claim.published == date(2020, 10, 21)
        assert 0.0 < claim.confidence < 1.0


def test_the_sample_names_its_source_in_every_evidence_item(store: GraphStore) -> None:
    """Loaded as a user loads it, the sample's front matter reaches every evidence item:
    an answer always says where its sentence was published, by whom, and when."""
    from fastapi.testclient import TestClient
    from seed_graph import SEED_TITLE, load_seed

    from conflictgraph.api.app import create_app
    from conflictgraph.config import Settings

    summary = load_seed(store)
    assert summary.created == 1
    actor_ids = sorted({i for rel in store.relations() for i in (rel.source, rel.target)})
    assert {"turkey", "russia", GNA, LNA} <= set(actor_ids)
    settings = Settings(_env_file=None, api_key=None, cors_origins=[])
    seen = 0
    with TestClient(create_app(settings, store)) as client:
        for actor_id in actor_ids:
            response = client.get(f"/actors/{actor_id}/relations")
            assert response.status_code == 200, response.text
            for item in response.json()["items"]:
                assert item["evidence"], item
                for evidence in item["evidence"]:
                    seen += 1
                    article = evidence["article"]
                    assert article["url"] == SEED_URL
                    assert article["title"] == SEED_TITLE
                    assert article["source"] == SEED_SOURCE
                    assert article["published"] == "2020-10-21"
                    assert evidence["published"] == "2020-10-21"
    assert seen >= len(store.relations())
