"""Extraction tags and parses only the sentences that can hold a claim, and finds the same claims.

The first pass (tokenizer, sentence recognizer, NER, gazetteer) runs on everything; the
tagger and parser run on the sentences with two actor candidates (names, or a name and a
word coreference, an office or a title may turn into an actor), with the sentences before a
backward reference. The claims must be the ones a parse of every sentence yields, on the
sentence cases and on real articles of the quality corpora.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extraction_cases import load_cases

from conflictgraph.config import Settings
from conflictgraph.graph.model import Article, Claim
from conflictgraph.loaders.extraction.selective import parsed
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor

DATA = Path(__file__).parent / "data"
# Real articles: every third of each quality corpus (its first sixty), enough to hold
# pronouns, descriptions, quotes and datelines; the sentence cases are all taken.
CORPORA = (
    "devset/articles.jsonl",
    "heldout/articles.jsonl",
    "paragraphs/texts.jsonl",
    "paragraphs2/texts.jsonl",
    "newsdev/articles.jsonl",
)
_FIELDS = ("id", "url", "title", "published", "source", "text")


@pytest.fixture(scope="module")
def full(extractor: SpacyExtractor) -> SpacyExtractor:
    return SpacyExtractor(extractor.nlp, extractor.gazetteer, parse_all=True)


@pytest.fixture(scope="module")
def selective(extractor: SpacyExtractor) -> SpacyExtractor:
    return SpacyExtractor(extractor.nlp, extractor.gazetteer, parse_all=False)


def _corpus_sample() -> list[Article]:
    out = []
    for name in CORPORA:
        lines = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        for line in lines[:60:3]:
            row = json.loads(line)
            out.append(Article(**{k: v for k, v in row.items() if k in _FIELDS}))
    return out


def _case_articles() -> list[Article]:
    seen: set[tuple[str, str | None, str | None]] = set()
    out = []
    for cases in load_cases().values():
        for case in cases:
            key = (case.text, case.source, case.title)
            if key not in seen:
                seen.add(key)
                out.append(Article.from_text(case.text, source=case.source, title=case.title))
    return out


def _claims(extractor: SpacyExtractor, articles: list[Article]) -> dict[str, list[Claim]]:
    return {graph.article.id: graph.claims for graph in extractor.extract_many(articles)}


def _show(claim: Claim) -> str:
    return f"{claim.subject_id} {claim.type} {claim.object_id}: {claim.sentence[:80]}"


def _differences(selective: dict[str, list[Claim]], full: dict[str, list[Claim]]) -> list[str]:
    out = []
    for article_id, claims in full.items():
        mine = selective[article_id]
        if mine != claims:
            lost = [_show(c) for c in claims if c not in mine]
            new = [_show(c) for c in mine if c not in claims]
            out.append(f"{article_id}: lost {lost}, new {new}")
    return out


def test_every_sentence_is_parsed_by_default_and_the_selective_parse_is_asked_for(
    selective: SpacyExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On conflict news the selective parse skips few sentences and costs more than it saves
    (docs/quality.md), so it is off unless ``CONFLICTGRAPH_PARSE_ALL`` is false."""
    monkeypatch.delenv("CONFLICTGRAPH_PARSE_ALL", raising=False)
    assert Settings().parse_all is True
    assert SpacyExtractor(selective.nlp, selective.gazetteer).selective is None
    monkeypatch.setenv("CONFLICTGRAPH_PARSE_ALL", "0")
    assert Settings().parse_all is False
    assert selective.selective is not None


def test_every_sentence_case_yields_the_claims_of_a_full_parse(
    selective: SpacyExtractor, full: SpacyExtractor
) -> None:
    articles = _case_articles()
    assert len(articles) > 500
    differences = _differences(_claims(selective, articles), _claims(full, articles))
    assert not differences, "\n".join(differences)


def test_corpus_articles_yield_the_claims_of_a_full_parse(
    selective: SpacyExtractor, full: SpacyExtractor
) -> None:
    articles = _corpus_sample()
    expected = _claims(full, articles)
    assert sum(len(claims) for claims in expected.values()) > 100
    differences = _differences(_claims(selective, articles), expected)
    assert not differences, "\n".join(differences)


def test_a_long_article_parsed_in_pieces_keeps_its_claims(
    selective: SpacyExtractor, full: SpacyExtractor
) -> None:
    """A text past ``chunk_chars`` gets the first pass piece by piece and its chosen sentences
    parsed on the joined Doc: the claims of a whole parse, at the same offsets."""
    article = _corpus_sample()[0]
    text = "\n\n".join([article.text] * 4)
    long = Article(id="long", text=text, published=article.published, source=article.source)
    pieces = SpacyExtractor(selective.nlp, selective.gazetteer, chunk_chars=len(article.text) + 10,
                            parse_all=False)
    assert pieces.selective is not None
    mine = pieces.extract(long).claims
    assert mine and mine == full.extract(long).claims


def _parsed(selective: SpacyExtractor, text: str) -> list[tuple[str, bool]]:
    doc, _ = selective.parse(Article.from_text(text))
    return [(sent.text.split()[0], parsed(sent)) for sent in doc.sents]


def test_a_sentence_with_fewer_than_two_candidates_is_not_parsed(selective: SpacyExtractor) -> None:
    """Only the sentence with two actors is parsed, with the one before it (so the parser
    places the break between them as a full parse does); a name alone is not enough."""
    text = (
        "The weather stayed cold in the mountains all week. "
        "Russian forces attacked Ukraine on Monday. "
        "Prices of bread rose again in the capital. "
        "Hamas said on Tuesday that prices had risen. "
        "The weather stayed cold."
    )
    assert _parsed(selective, text) == [
        ("The", True), ("Russian", True), ("Prices", False), ("Hamas", False), ("The", False)
    ]
    doc, _ = selective.parse(Article.from_text(text))
    unparsed = [t for sent in doc.sents if not parsed(sent) for t in sent]
    assert len(unparsed) > 20 and all(t.dep_ == "" and t.tag_ == "" for t in unparsed)
    assert all(t.head.i == t.i and not list(t.children) for t in unparsed)
    claims = selective.extract(Article.from_text(text)).claims
    assert {(c.subject_id, c.object_id) for c in claims} == {("russia", "ukraine")}


def test_a_backward_reference_is_parsed_with_the_names_before_it(selective: SpacyExtractor) -> None:
    """ "Their governments" refers back: the sentences up to two before it that name actors are
    parsed with it (coreference reads coordinations and subjects there)."""
    after = (
        "The sky was grey over the hills. "
        "Their governments accused Iran of arming militias. "
        "Bread prices rose again. "
        "The sky was grey again."
    )
    named = _parsed(selective, "Israel and Lebanon exchanged fire across the border. " + after)
    nameless = _parsed(selective, "The fighting went on across the border. " + after)
    assert [p for _, p in named] == [True, True, True, False, False]
    assert [p for _, p in nameless] == [False, True, True, False, False]


def test_on_real_articles_every_sentence_with_two_candidates_is_parsed_and_some_are_not(
    selective: SpacyExtractor,
) -> None:
    """The quality corpora name many actors a sentence, yet some of their sentences name fewer
    than two: those are left unparsed, and every sentence with two candidates is parsed."""
    parser = selective.selective
    assert parser is not None
    total = skipped = chosen = 0
    for article in _corpus_sample():
        doc, _ = selective.parse(article)
        first = parser.first(doc.text)
        sents = list(first.sents)
        named, references, _ = parser.candidates(first, sents)
        for sent, names, refs in zip(sents, named, references, strict=True):
            if names + refs >= 2:
                chosen += 1
                assert all(token.dep_ for token in doc[sent.start : sent.end]), sent.text
        total += sum(1 for _ in doc.sents)
        skipped += sum(not parsed(sent) for sent in doc.sents)
    assert chosen > 100 and 0 < skipped < total
