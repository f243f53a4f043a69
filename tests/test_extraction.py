"""The extractor as a whole: what the sentence cases cannot state as claims.

The sentence cases (tests/data/extraction_cases, run by test_extraction_cases.py)
check claims. The tests here check the rest on the real model and the real
gazetteer: the actors an article yields and their kinds, an exact set of claims,
a parse built by hand, the seed article with a gazetteer of bare names, batch
extraction and the extractor's version.
"""

from __future__ import annotations

from pathlib import Path

from extraction_cases import OPP, A, L, M, S, rels
from seed_graph import seed_text
from spacy.tokens import Doc

from conflictgraph.graph.model import Article, ArticleGraph, RelationType
from conflictgraph.loaders.extraction import get_extractor
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.extraction.spacy_extractor import EXTRACTOR_VERSION, SpacyExtractor
from conflictgraph.loaders.gazetteer import DATA_DIR, Gazetteer, read_entries

MINIMAL = Path(__file__).parent / "data" / "gazetteer_minimal.jsonl"


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


def test_apposition_names_the_head(extractor: SpacyExtractor) -> None:
    found = rels(
        extractor, "The head of the U.N. Support Mission in Libya, Stephanie Williams, says talks went well."
    )
    assert found == {(L, "stephanie-williams", "unsmil")}  # speech states nothing else


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


def test_title_and_surname_is_the_person_named_earlier(extractor: SpacyExtractor) -> None:
    text = (
        "Special Envoy Lina Okafor travelled to Juba. "
        "Envoy Okafor met with President Kiir and Vice President Machar to secure commitments "
        "to a ceasefire."
    )
    mediators = {c.subject_id for c in graph(extractor, text).claims if c.type is M}
    assert mediators == {"lina-okafor"}


def test_leads_only_from_people(extractor: SpacyExtractor) -> None:
    """LEADS is a person's relation; a compound or title never makes a state a leader."""
    for text in (
        "The Saudi-led coalition struck Houthi targets in Sanaa.",
        "The US-led coalition, which is led by the United States, struck Islamic State targets.",
    ):
        g = graph(extractor, text)
        leaders = {c.subject_id for c in g.claims if c.type is L}
        kinds = {a.id: a.kind for a in g.actors}
        assert all(kinds[s].value == "person" for s in leaders), (text, leaders)


def test_yassin_with_and_without_honorific(extractor: SpacyExtractor) -> None:
    text = (
        "Hamas spiritual leader Sheikh Ahmed Yassin called for calm. "
        "Police later surrounded the home of Ahmed Yassin in Gaza City."
    )
    ids = {a.id for a in graph(extractor, text).actors}
    assert "ahmed-yassin" in ids
    assert not {i for i in ids if "yassin" in i and i != "ahmed-yassin"}


def test_support_misparsed_as_the_subject(extractor: SpacyExtractor) -> None:
    """The small parser sometimes makes "support" the subject of "X, with support
    from Y, struck Z"; the subject is then the actor named before "with"."""
    text = "The navies of France and Italy, with support from Greece, then struck the Houthis."
    rows = [
        ("The", "DT", "det", 1), ("navies", "NNS", "appos", 3), ("of", "IN", "prep", 1),
        ("France", "NNP", "pobj", 2), ("and", "CC", "cc", 3), ("Italy", "NNP", "conj", 3),
        (",", ",", "punct", 1), ("with", "IN", "prep", 1), ("support", "NN", "nsubj", 13),
        ("from", "IN", "prep", 8), ("Greece", "NNP", "pobj", 9), (",", ",", "punct", 13),
        ("then", "RB", "advmod", 13), ("struck", "VBD", "ROOT", 13), ("the", "DT", "det", 15),
        ("Houthis", "NNPS", "dobj", 13), (".", ".", "punct", 13),
    ]  # fmt: skip
    words = [r[0] for r in rows]
    spaces, position = [], 0
    for word in words:
        position = text.index(word, position) + len(word)
        spaces.append(position < len(text) and text[position] == " ")
    doc = Doc(
        extractor.nlp.vocab,
        words=words,
        spaces=spaces,
        tags=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
    )
    assert doc.text == text
    g = extractor.graph(Article.from_text(text), doc)
    found = {(c.type, c.subject_id, c.object_id) for c in g.claims}
    assert (OPP, "france", "houthis") in found and (OPP, "italy", "houthis") in found
    assert (S, "greece", "france") in found
    assert not any(c.subject_id == "greece" and c.type is OPP for c in g.claims)


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


def test_claims_carry_the_new_version(extractor: SpacyExtractor) -> None:
    g = graph(extractor, "Russia's war against Ukraine has killed thousands.")
    assert g.claims and {c.extractor for c in g.claims} == {EXTRACTOR_VERSION}
    assert EXTRACTOR_VERSION == "cg-rules-0.8"
