"""Ended leadership: dead and former leaders lead nothing (docs/annotation.md, "Ended relations").

A sentence that makes the named leader the patient of a killing ("was
killed", "Israel killed X", "the killing of X", "X's death", "X, who was
assassinated"), says he died, or calls him former, late or slain, must not
yield a LEADS claim for him. The near misses keep LEADS: the leader survived,
the killing was only tried, planned or called for, someone else was killed, or
a second, living leader shares the sentence. Other claims of the sentence are
untouched. The sentences were written for this test.
"""

from __future__ import annotations

import pytest
from extraction_cases import OPP, L, Triple

from conflictgraph.graph.model import Article, Claim
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor

RSF = "rapid-support-forces"
LNA = "libyan-national-army"


def triples(extractor: SpacyExtractor, text: str) -> set[Triple]:
    claims: list[Claim] = list(extractor.extract(Article.from_text(text)).claims)
    return {(c.type, c.subject_id, c.object_id) for c in claims}


SUCCESSION = (
    "Hezbollah chief Hassan Nasrallah was killed in an Israeli airstrike, "
    "and Naim Qassem now leads the group."
)

# (name, sentence, the LEADS claim it must not yield)
GONE: list[tuple[str, str, Triple]] = [
    ("passive killed", "Hamas leader Yahya Sinwar was killed in Rafah.", (L, "yahya-sinwar", "hamas")),
    (
        "active killed",
        "Israeli forces killed Hezbollah leader Hassan Nasrallah in an airstrike in Beirut.",
        (L, "hassan-nasrallah", "hezbollah"),
    ),
    (
        "the killing of X",
        "The killing of Hezbollah leader Hassan Nasrallah shocked Lebanon.",
        (L, "hassan-nasrallah", "hezbollah"),
    ),
    (
        "assassinated",
        "Hamas leader Ismail Haniyeh was assassinated in Tehran.",
        (L, "ismail-haniyeh", "hamas"),
    ),
    ("died", "Hamas leader Ismail Haniyeh died in Tehran.", (L, "ismail-haniyeh", "hamas")),
    ("X's death", "Hamas leader Ismail Haniyeh's death angered Iran.", (L, "ismail-haniyeh", "hamas")),
    ("slain", "Slain Hamas leader Yahya Sinwar was praised by Iran.", (L, "yahya-sinwar", "hamas")),
    (
        "the late X",
        "The late Hezbollah leader Hassan Nasrallah was buried in Beirut.",
        (L, "hassan-nasrallah", "hezbollah"),
    ),
    (
        "relative clause",
        "Hezbollah mourned its longtime leader Hassan Nasrallah, who was killed in September.",
        (L, "hassan-nasrallah", "hezbollah"),
    ),
    ("who led", "Yahya Sinwar, who led Hamas, was killed in Rafah.", (L, "yahya-sinwar", "hamas")),
    (
        "dead, including",
        "Many of Hezbollah's senior leaders are dead, including its longtime leader Hassan Nasrallah.",
        (L, "hassan-nasrallah", "hezbollah"),
    ),
    (
        "found dead",
        "Hezbollah leader Hassan Nasrallah was found dead in Beirut.",
        (L, "hassan-nasrallah", "hezbollah"),
    ),
    (
        "unknown leader killed",
        "Amadou Kone, the leader of the Sahel Patriotic Front, was killed on Friday.",
        (L, "amadou-kone", "sahel-patriotic-front"),
    ),
    ("resigned", "LNA commander Khalifa Haftar resigned on Friday.", (L, "khalifa-haftar", LNA)),
    (
        "former title",
        "Former LNA commander Khalifa Haftar met officials in Cairo.",
        (L, "khalifa-haftar", LNA),
    ),
    (
        "the former head of",
        "Khalifa Haftar, the former head of the Libyan National Army, met officials in Cairo.",
        (L, "khalifa-haftar", LNA),
    ),
    (
        "ex- title",
        "Ex-RSF chief Mohamed Hamdan Dagalo met officials in Cairo.",
        (L, "mohamed-hamdan-dagalo", RSF),
    ),
    (
        "the ex-commander",
        "Khalifa Haftar, the ex-commander of the LNA, met officials in Cairo.",
        (L, "khalifa-haftar", LNA),
    ),
]

# (name, sentence, the LEADS claim it must keep)
KEPT: list[tuple[str, str, Triple]] = [
    (
        "survived an assassination attempt",
        "RSF chief Mohamed Hamdan Dagalo, who survived an assassination attempt, rejected the proposal.",
        (L, "mohamed-hamdan-dagalo", RSF),
    ),
    (
        "avenge the killing of another",
        "Hezbollah leader Naim Qassem vowed to avenge the killing of Hassan Nasrallah.",
        (L, "naim-qassem", "hezbollah"),
    ),
    (
        "ordered the killing of others",
        "RSF chief Mohamed Hamdan Dagalo ordered the killing of protesters.",
        (L, "mohamed-hamdan-dagalo", RSF),
    ),
    (
        "tried to kill",
        "Israel tried to kill Hamas leader Yahya Sinwar in Rafah.",
        (L, "yahya-sinwar", "hamas"),
    ),
    (
        "called for the killing",
        "Protesters called for the killing of Hamas leader Yahya Sinwar.",
        (L, "yahya-sinwar", "hamas"),
    ),
    (
        "not killed",
        "Hamas leader Yahya Sinwar was not killed in the strike, officials said.",
        (L, "yahya-sinwar", "hamas"),
    ),
    (
        "could be killed",
        "Hamas leader Yahya Sinwar could be killed in the offensive, officials warned.",
        (L, "yahya-sinwar", "hamas"),
    ),
    (
        "refused to resign",
        "LNA commander Khalifa Haftar refused to resign.",
        (L, "khalifa-haftar", LNA),
    ),
    (
        "X's killing of others",
        "Hamas leader Yahya Sinwar's killing of Israeli hostages drew condemnation.",
        (L, "yahya-sinwar", "hamas"),
    ),
    (
        "whose forces killed",
        "LNA commander Khalifa Haftar, whose forces killed dozens of fighters, met officials in Cairo.",
        (L, "khalifa-haftar", LNA),
    ),
    (
        "mourned the late predecessor",
        "Hezbollah leader Naim Qassem mourned the late Hassan Nasrallah.",
        (L, "naim-qassem", "hezbollah"),
    ),
    (
        "successor in the same sentence",
        SUCCESSION,
        (L, "naim-qassem", "hezbollah"),
    ),
]


@pytest.mark.parametrize(("name", "text", "triple"), GONE, ids=[c[0] for c in GONE])
def test_dead_or_former_leader_leads_nothing(
    extractor: SpacyExtractor, name: str, text: str, triple: Triple
) -> None:
    assert triple not in triples(extractor, text), name


@pytest.mark.parametrize(("name", "text", "triple"), KEPT, ids=[c[0] for c in KEPT])
def test_living_leader_still_leads(extractor: SpacyExtractor, name: str, text: str, triple: Triple) -> None:
    assert triple in triples(extractor, text), name


def test_successor_kept_and_predecessor_dropped(extractor: SpacyExtractor) -> None:
    """The check is per leader, not per sentence."""
    found = triples(
        extractor,
        SUCCESSION,
    )
    assert (L, "naim-qassem", "hezbollah") in found
    assert (L, "hassan-nasrallah", "hezbollah") not in found


def test_other_claims_of_the_sentence_stay(extractor: SpacyExtractor) -> None:
    """Dropping the dead leader's title keeps what the killing itself says."""
    found = triples(extractor, "Israel killed Hamas leader Yahya Sinwar in Rafah.")
    assert (L, "yahya-sinwar", "hamas") not in found
    assert (OPP, "israel", "yahya-sinwar") in found


def test_living_leader_of_the_same_title_leads(extractor: SpacyExtractor) -> None:
    """The same title without the death still yields LEADS, so the cases above test the death."""
    living = triples(extractor, "Hamas leader Yahya Sinwar rejected the proposal.")
    assert (L, "yahya-sinwar", "hamas") in living
    commander = triples(extractor, "LNA commander Khalifa Haftar met officials in Cairo.")
    assert (L, "khalifa-haftar", LNA) in commander
