"""The date a sentence gives for its event: resolved against the article's date, or none.

``resolve_date`` reads one date expression (what spaCy marks as a DATE entity); the extractor
sets ``Claim.event_date`` from the one date of the claim's sentence, and the claim's ``when``
falls back to the article's publication date when the sentence gives none.
"""

from __future__ import annotations

from datetime import date

import pytest

from conflictgraph.graph.model import Article
from conflictgraph.loaders.extraction.dates import resolve_date
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor

TUESDAY = date(2020, 6, 2)


@pytest.mark.parametrize(("expression", "day"), [
    ("Friday", date(2020, 5, 29)),  # the most recent Friday before the report
    ("on Tuesday", TUESDAY),  # the report's own day
    ("Tuesday night", TUESDAY),
    ("last Tuesday", date(2020, 5, 26)),
    ("March 3", date(2020, 3, 3)),
    ("July 4", date(2019, 7, 4)),  # a day after publication is last year's
    ("March 3, 2019", date(2019, 3, 3)),
    ("3 March 2019", date(2019, 3, 3)),
    ("Sept. 5", date(2019, 9, 5)),
    ("March 2019", date(2019, 3, 1)),
    ("in 2019", date(2019, 1, 1)),
    ("yesterday", date(2020, 6, 1)),
    ("2021", None),  # after publication: a plan, not the event
    ("next week", None),
    ("the 1990s", None),
    ("two years ago", None),
])
def test_date_expressions_resolve_against_the_publication_date(expression: str,
                                                               day: date | None) -> None:
    assert resolve_date(expression, TUESDAY) == day


def test_without_a_publication_date_only_full_dates_resolve() -> None:
    assert resolve_date("Friday", None) is None and resolve_date("March 3", None) is None
    assert resolve_date("March 3, 2019", None) == date(2019, 3, 3)


@pytest.mark.parametrize(("text", "event_date"), [
    ("Russia sent weapons to the LNA on Friday.", date(2020, 5, 29)),
    ("Russia sent weapons to the LNA on March 3, 2019.", date(2019, 3, 3)),
    ("In 2019 Russia sent weapons to the LNA.", date(2019, 1, 1)),
    ("Russia sent weapons to the LNA.", None),  # no date: the article's
    ("Russia has backed the LNA since 2019.", None),  # a span, not a day
    ("Russia sent weapons to the LNA last week.", None),  # not one day
    ("Russia sent weapons to the LNA, officials said on Monday.", None),  # when it was said
])
def test_claims_carry_the_date_their_sentence_gives(extractor: SpacyExtractor, text: str,
                                                    event_date: date | None) -> None:
    graph = extractor.extract(Article.from_text(text, published=TUESDAY))
    (claim,) = [c for c in graph.claims if c.subject_id == "russia"]
    assert claim.event_date == event_date and claim.published == TUESDAY
    assert claim.when == (event_date or TUESDAY)


def test_a_claim_saying_the_relation_ended_keeps_its_date(extractor: SpacyExtractor) -> None:
    graph = extractor.extract(Article.from_text("On Friday Russia ended its support for the LNA.",
                                                published=TUESDAY))
    (claim,) = graph.claims
    assert claim.ended and claim.when == date(2020, 5, 29)
