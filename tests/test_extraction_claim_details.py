"""What a claim carries besides its triple: hedge and confidence, category, its words and its sentence.

The sentence cases (tests/data/extraction_cases) check which claims a text
yields and whether they are hedged. The tests here compare what the data
cannot: a claim's confidence against the same claim in another text, its
PLOVER category, the words it names its actors by, and the sentence it cites.
Every test runs the real model and the packaged gazetteer.
"""

from __future__ import annotations

import pytest
from extraction_cases import OPP, SCORED, M, S, norm, rels

from conflictgraph.graph.model import Article, RelationType
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor


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
    g = extractor.extract(Article.from_text(text))
    claims = [c for c in g.claims if c.type is S and c.subject_id == "russia"]
    assert claims and all(c.hedged for c in claims)
    plain = extractor.extract(Article.from_text("Russia armed the LNA.")).claims[0]
    assert not plain.hedged and all(c.confidence < plain.confidence for c in claims)


def test_the_army_claim_keeps_its_words(extractor: SpacyExtractor) -> None:
    """A claim made through "the army" names the words of the reference, lower confidence."""
    graph = extractor.extract(
        Article.from_text("Israel launched strikes on Hezbollah. The military also attacked Hamas in Gaza.")
    )
    claim = next(c for c in graph.claims if c.object_id == "hamas")
    assert claim.subject_id == "israel"
    assert claim.subject_text == "Israel"
    assert claim.confidence < 0.85


def test_description_keeps_its_text(extractor: SpacyExtractor) -> None:
    """A description resolved to an earlier actor keeps the earlier name as its text and a lower
    confidence than a name in the sentence itself."""
    graph = extractor.extract(
        Article.from_text("NATO leaders met in Vilnius. Russia condemned the alliance on Wednesday.")
    )
    claim = next(c for c in graph.claims if c.type is OPP)
    direct = extractor.extract(Article.from_text("Russia condemned NATO on Wednesday."))
    same = next(c for c in direct.claims if c.type is OPP)
    assert (claim.subject_id, claim.object_id) == ("russia", "nato")
    assert claim.confidence < same.confidence


def test_credited_mediation_is_less_sure_without_named_parties(extractor: SpacyExtractor) -> None:
    """Parties taken from the article's fighting pair lower the confidence against parties named in
    the sentence."""
    named = extractor.extract(
        Article.from_text("We thank Egypt for its role in brokering the ceasefire between Israel and Hamas.")
    )
    implied = extractor.extract(
        Article.from_text(
            "The war between Israel and Hamas has lasted months. We thank Egypt for its role in brokering "
            "the ceasefire."
        )
    )
    first = next(c for c in named.claims if c.type is M and c.object_id == "hamas")
    second = next(c for c in implied.claims if c.type is M and c.object_id == "hamas")
    assert second.confidence < first.confidence


def test_call_to_stop_keeps_the_caller_out(extractor: SpacyExtractor) -> None:
    """The one who calls for an end is no party: "we call on X to cease ..." gives no claim of "we"."""
    graph = extractor.extract(
        Article.from_text(
            "We call on Iran to cease its support for the Houthis.", source="U.S. Department of State"
        )
    )
    assert [(c.subject_id, c.object_id) for c in graph.claims if c.type in SCORED] == [("iran", "houthis")]
    claim = next(c for c in graph.claims if c.type in SCORED)
    assert claim.subject_text == "its" and claim.object_text.endswith("Houthis")


def test_criticism_under_fire(extractor: SpacyExtractor) -> None:
    """ "came under fire from X" with no weapon is criticism: an accusation, not an assault."""
    graph = extractor.extract(
        Article.from_text("Israel came under fire from the United Nations over its blockade of Gaza.")
    )
    claims = [c for c in graph.claims if c.type is RelationType.OPPOSES]
    assert [(c.subject_id, c.object_id, c.category) for c in claims] == [
        ("united-nations", "israel", "ACCUSE")
    ]


def test_dateline_place_is_no_actor(extractor: SpacyExtractor) -> None:
    """A wire dateline ("DOHA, July 19 -") names where a story was filed: no actor, not the sentence."""
    text = "DOHA, July 19 - Israel and Hamas agreed to a ceasefire on Saturday."
    got = rels(extractor, text)
    assert norm((OPP, "israel", "hamas")) in got
    assert not any("qatar" in (s, o) for _, s, o in got), got
    claims = extractor.extract(Article.from_text(text)).claims
    assert claims and all(c.sentence.startswith("Israel and Hamas") for c in claims)
