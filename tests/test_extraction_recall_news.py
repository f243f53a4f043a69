"""Recall constructions found missing on wire-service news: each on sentences written for it.

Every case runs the real model and the real gazetteer. Positive sentences are
paraphrases of common news English; the near misses pin readings the rules
must not make.
"""

from __future__ import annotations

import pytest
from extraction_cases import OPP, L, S, rels

from conflictgraph.graph.model import Article
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor


# -- 1. "Osama bin Laden's Al Qaeda network": the owner of a named group leads it ----------
@pytest.mark.parametrize(
    "text",
    [
        "Investigators say the cell took orders from Osama bin Laden's Al Qaeda network.",
        "Villagers said bin Laden's Al Qaeda fighters had left the valley overnight.",
    ],
)
def test_possessive_leader(extractor: SpacyExtractor, text: str) -> None:
    assert (L, "osama-bin-laden", "al-qaeda") in rels(extractor, text)


def test_possessive_leader_of_party(extractor: SpacyExtractor) -> None:
    text = "A spokesman for Yasser Arafat's Fatah movement denied any role in the shooting."
    assert (L, "yasser-arafat", "fatah") in rels(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Observers compared Vladimir Putin's Russia with the Soviet Union of the 1970s.",  # a state
        "The singer's widow Olivia attended a small ceremony in India.",  # not a known organisation
    ],
)
def test_possessive_leader_near_miss(extractor: SpacyExtractor, text: str) -> None:
    assert not {r for r in rels(extractor, text) if r[0] is L}


# -- 2. aircraft named by their state: "Israeli helicopters", "US bombers" -------------------
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Israeli helicopter gunships fired missiles at Hamas positions overnight.", ("hamas", "israel")),
        ("US bombers pounded Taliban positions north of the capital.", ("taliban", "united-states")),
        ("Israeli helicopters attacked Hezbollah targets in the south.", ("hezbollah", "israel")),
    ],
)
def test_aircraft_of_a_state(extractor: SpacyExtractor, text: str, pair: tuple[str, str]) -> None:
    assert (OPP, *pair) in rels(extractor, text)


def test_aircraft_near_miss(extractor: SpacyExtractor) -> None:
    """Aircraft over a place attack no actor; a crash is no attack."""
    text = "Two US helicopters crashed in bad weather near the Pakistan border."
    assert not {r for r in rels(extractor, text) if r[0] is OPP}


# -- 3. targets: "Palestinian security installations" -----------------------------------------
def test_installations_of_an_actor(extractor: SpacyExtractor) -> None:
    text = "US bombers struck Taliban installations near Kandahar before dawn."
    assert (OPP, "taliban", "united-states") in rels(extractor, text)


def test_installations_near_miss(extractor: SpacyExtractor) -> None:
    text = "Israeli engineers inspected the water installations of the town."
    assert not {r for r in rels(extractor, text) if r[0] is OPP}


# -- 4. accusing a state's agency: "Pakistan's military intelligence" -------------------------
@pytest.mark.parametrize(
    "text",
    [
        "India accused Pakistan's military intelligence of planning the raid on its parliament.",
        "India has accused Pakistani intelligence of arming the gunmen.",
    ],
)
def test_accused_intelligence_agency(extractor: SpacyExtractor, text: str) -> None:
    assert (OPP, "india", "pakistan") in rels(extractor, text)


def test_intelligence_near_miss(extractor: SpacyExtractor) -> None:
    """Sharing intelligence is no accusation and no attack."""
    text = "India shared intelligence with Pakistan on the hijacked plane."
    assert not {r for r in rels(extractor, text) if r[0] is OPP}


# -- 5. "backed by their Afghan allies": the named modifier, not "their" ----------------------
def test_backed_by_their_named_allies(extractor: SpacyExtractor) -> None:
    text = "US troops backed by their Afghan allies swept through the caves."
    assert (S, "afghanistan", "united-states") in rels(extractor, text)


def test_their_allies_without_a_name(extractor: SpacyExtractor) -> None:
    """ "their allies" with no name is not an actor of its own: no self-support either."""
    found = rels(extractor, "US troops backed by their allies swept through the caves.")
    assert not {r for r in found if r[0] is S and r[1] == r[2]}
    assert not {r for r in found if r[0] is S and r[1] != "united-states" and r[2] == "united-states"}


# -- gazetteer: one Ahmed Yassin; a chancellor is a person, not the government ----------------
def test_yassin_with_and_without_honorific(extractor: SpacyExtractor) -> None:
    text = (
        "Hamas spiritual leader Sheikh Ahmed Yassin called for calm. "
        "Police later surrounded the home of Ahmed Yassin in Gaza City."
    )
    graph = extractor.extract(Article.from_text(text))
    ids = {a.id for a in graph.actors}
    assert "ahmed-yassin" in ids
    assert not {i for i in ids if "yassin" in i and i != "ahmed-yassin"}
