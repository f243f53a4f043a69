"""Relations from the dependency parse: each construction, modality, resolution.

Every case is a short text run through the real model and the real gazetteer;
the assertions name the relation the text states (or that it states none).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from seed_graph import seed_text

from conflictgraph.graph.model import Article, ArticleGraph, RelationType
from conflictgraph.loaders.extraction import get_extractor
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor
from conflictgraph.loaders.gazetteer import DATA_DIR, Gazetteer, read_entries

S = RelationType.SUPPORTS
A = RelationType.ALLIED_WITH
OPP = RelationType.OPPOSES
M = RelationType.MEDIATES
L = RelationType.LEADS
MINIMAL = Path(__file__).parent / "data" / "gazetteer_minimal.jsonl"


@pytest.fixture(scope="module")
def extractor() -> SpacyExtractor:
    return SpacyExtractor(load_model(), Gazetteer.load())


def graph(extractor: SpacyExtractor, text: str, source: str | None = None) -> ArticleGraph:
    return extractor.extract(Article.from_text(text, source=source))


def triples(g: ArticleGraph) -> set[tuple[RelationType, str, str]]:
    out = set()
    for c in g.claims:
        s, o = c.subject_id, c.object_id
        if c.type.symmetric:
            s, o = sorted((s, o))
        out.add((c.type, s, o))
    return out


def rels(
    extractor: SpacyExtractor, text: str, source: str | None = None
) -> set[tuple[RelationType, str, str]]:
    return triples(graph(extractor, text, source))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey backs the GNA.", (S, "turkey", "government-of-national-accord")),
        ("The LNA is backed by Egypt.", (S, "egypt", "libyan-national-army")),
        ("Iran-backed Houthis attacked ships.", (S, "iran", "houthis")),
        ("Russia sided with the LNA.", (A, "libyan-national-army", "russia")),
        ("Egypt is a main supporter of the LNA.", (S, "egypt", "libyan-national-army")),
        ("Qatar brokered a ceasefire between Israel and Hamas.", (M, "qatar", "hamas")),
        ("The LNA, headed by Khalifa Haftar, advanced.", (L, "khalifa-haftar", "libyan-national-army")),
        ("LNA commander Khalifa Haftar spoke.", (L, "khalifa-haftar", "libyan-national-army")),
        (
            "The fighting between the SAF and the RSF has killed thousands.",
            (OPP, "rapid-support-forces", "sudanese-armed-forces"),
        ),
        ("Turkish forces attacked Hezbollah.", (OPP, "hezbollah", "turkey")),
        ("Ankara condemned Moscow.", (OPP, "russia", "turkey")),
        ("Hezbollah attacked Israel in support of Hamas.", (S, "hezbollah", "hamas")),
        ("The Assad regime relies on Russia; its reliance on Iran grew.", (S, "iran", "assad-government")),
        ("Russia's support for the LNA grew.", (S, "russia", "libyan-national-army")),
        ("The United States helped Ethiopia.", (S, "united-states", "ethiopia")),
    ],
)
def test_constructions(extractor: SpacyExtractor, text: str, expected: tuple) -> None:
    assert expected in rels(extractor, text)


def test_coordination_on_both_sides(extractor: SpacyExtractor) -> None:
    found = rels(extractor, "The LNA, which is backed by Egypt, Russia and the UAE, fought on.")
    for backer in ("egypt", "russia", "united-arab-emirates"):
        assert (S, backer, "libyan-national-army") in found
    found = rels(extractor, "Egypt, along with Russia, backs the LNA.")
    assert {(S, "egypt", "libyan-national-army"), (S, "russia", "libyan-national-army")} <= found
    found = rels(
        extractor,
        "Russia and the United Arab Emirates are among other countries allied with Haftar's forces.",
    )
    assert (A, "libyan-national-army", "russia") in found
    assert (A, "libyan-national-army", "united-arab-emirates") in found


def test_apposition_names_the_head(extractor: SpacyExtractor) -> None:
    found = rels(
        extractor, "The head of the U.N. Support Mission in Libya, Stephanie Williams, says talks went well."
    )
    assert found == {(L, "stephanie-williams", "unsmil")}  # speech states nothing else


@pytest.mark.parametrize(
    "text",
    [
        "Turkey did not back the LNA.",
        "Turkey never supported the LNA.",
        "Turkey denied arming the LNA.",
        "Turkey formerly backed the LNA.",
        "Turkey stopped supporting the LNA.",
        "Turkey withdrew its support for the LNA.",
        "Turkey could back the LNA.",
        "Turkey plans to arm the LNA.",
        "If Turkey backs the LNA, the war will spread.",
        "Does Turkey back the LNA?",
        "Egypt is no longer an ally of the LNA.",
    ],
)
def test_negated_ended_and_hypothetical_relations_yield_nothing(extractor: SpacyExtractor, text: str) -> None:
    found = rels(extractor, text)
    assert not {t for t in found if t[0] in (S, A)}, found


@pytest.mark.parametrize(
    "text",
    [
        "Russia reportedly armed the LNA.",
        "Russia allegedly armed the LNA.",
        "Russia was accused of arming the LNA.",
        "Russia is said to back the LNA.",
    ],
)
def test_hedges_lower_confidence(extractor: SpacyExtractor, text: str) -> None:
    g = graph(extractor, text)
    claims = [c for c in g.claims if c.type is S and c.subject_id == "russia"]
    assert claims and all(c.hedged for c in claims)
    plain = graph(extractor, "Russia armed the LNA.").claims[0]
    assert not plain.hedged and all(c.confidence < plain.confidence for c in claims)


def test_places_are_not_actors(extractor: SpacyExtractor) -> None:
    g = graph(extractor, "The LNA attacked Tripoli. Talks took place in Geneva.")
    assert not g.claims and not g.actors


def test_surname_and_acronym_coreference(extractor: SpacyExtractor) -> None:
    text = (
        "Jane Quorvel met officials on Monday. Later, Quorvel said Egypt backs the "
        "Zintani Shield Brigade (ZSB). The ZSB is headed by Quorvel."
    )
    found = rels(extractor, text)
    assert (S, "egypt", "zintani-shield-brigade") in found
    assert (L, "jane-quorvel", "zintani-shield-brigade") in found
    g = graph(extractor, text)
    kinds = {a.id: a.kind.value for a in g.actors}
    assert kinds["zintani-shield-brigade"] == "armed_group"
    assert kinds["jane-quorvel"] == "person"


def test_first_person_is_the_issuing_government(extractor: SpacyExtractor) -> None:
    text = 'We condemn the Houthis. "We back the LNA," the envoy said.'
    found = rels(extractor, text, source="The White House")
    assert (OPP, "houthis", "united-states") in found
    assert not any(t[0] is S for t in found)  # quoted "we" is someone else
    assert not rels(extractor, "We condemn the Houthis.", source="The Washington Post")


def test_mediator_of_collective_parties(extractor: SpacyExtractor) -> None:
    text = (
        "A United Nations mediator reports progress after talks involving leaders from "
        "Libya's warring parties.\n\nA war between the GNA and the LNA goes on."
    )
    found = rels(extractor, text)
    assert (M, "united-nations", "government-of-national-accord") in found
    assert (M, "united-nations", "libyan-national-army") in found


def test_seed_by_construction_with_bare_names_only() -> None:
    """No descriptive aliases in this gazetteer: every seed relation comes from
    the parse (government in the capital, Haftar's forces, U.N. vs United Nations)."""
    minimal = Gazetteer.from_entries(read_entries(DATA_DIR / "states.jsonl"), read_entries(MINIMAL))
    extractor = SpacyExtractor(load_model(), minimal)
    found = rels(extractor, seed_text())
    gna, lna = "government-of-national-accord", "libyan-national-army"
    assert (S, "turkey", gna) in found
    assert (A, lna, "russia") in found
    assert (A, lna, "united-arab-emirates") in found
    assert (OPP, gna, lna) in found
    assert (L, "khalifa-haftar", lna) in found
    assert (L, "stephanie-williams", "unsmil") in found
    assert (M, "unsmil", gna) in found


def test_extract_many_keeps_order_and_matches_extract(extractor: SpacyExtractor) -> None:
    texts = ["Turkey backs the GNA.", "Nothing happened today.", "Egypt backs the LNA."]
    articles = [Article.from_text(t) for t in texts]
    many = list(extractor.extract_many(articles))
    assert [g.article.id for g in many] == [a.id for a in articles]
    assert [triples(g) for g in many] == [triples(extractor.extract(a)) for a in articles]


def test_get_extractor_is_cached_and_versioned() -> None:
    first = get_extractor()
    assert first is get_extractor()
    assert first.version.startswith("cg-rules-")
    assert "lemmatizer" not in first.nlp.pipe_names and "parser" in first.nlp.pipe_names
