"""Cleaning strips page chrome by shape and keeps every body paragraph as it was."""

from __future__ import annotations

from datetime import date

import pytest
from seed_graph import seed_text

from conflictgraph.loaders.cleaning import clean_text, parse_date

CHROME = [
    "The Largest Security-Cleared Career Network for Defense and Intelligence Jobs - JOIN NOW",
    "Weapons of Mass Destruction (WMD)",
    "Join the mailing list",
    "One Billion Americans: The Case for Thinking Bigger - by Matthew Yglesias",
    "By Lisa Schlein October 21, 2020",
]


def seed_body_paragraphs() -> list[str]:
    """The seed's paragraphs between the byline and the footer, as the file has them."""
    paragraphs = [p.strip() for p in seed_text().split("\n\n") if p.strip()]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("By Lisa Schlein")) + 1
    end = next(i for i, p in enumerate(paragraphs) if p == "Join the mailing list")
    return paragraphs[start:end]


def test_seed_header_footer_and_byline_go_body_stays_intact() -> None:
    cleaned = clean_text(seed_text())
    body = seed_body_paragraphs()
    assert len(body) == 10
    assert cleaned.text == "\n\n".join(body)
    for line in CHROME:
        assert line not in cleaned.text
    assert "UN Mediator 'Very Optimistic'" not in cleaned.text
    assert cleaned.title == "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks"
    assert cleaned.author == "Lisa Schlein"
    assert cleaned.published == date(2020, 10, 21)
    assert set(CHROME) <= set(cleaned.removed)


def test_cleaning_is_idempotent() -> None:
    once = clean_text(seed_text())
    twice = clean_text(once.text)
    assert twice.text == once.text
    assert twice.title is None and twice.removed == []


def test_rules_generalise_by_shape_not_by_string() -> None:
    text = "\n\n".join([
        "Breaking Defence Weekly - Subscribe Today",
        "Middle East",
        "Rebels Seize Port as Talks Stall",
        "By Jane Doe and John Smith | 3 March 2021",
        "Share on Facebook",
        "Rebel fighters seized the port of Hodeidah on Tuesday. The government condemned the move.",
        "Advertisement",
        "The United Nations called for restraint.",
        "Sign up for our newsletter",
        "Follow us on Twitter",
        "The Revenge of Geography: What the Map Tells Us - by Robert Kaplan",
    ])
    cleaned = clean_text(text)
    assert cleaned.text == (
        "Rebel fighters seized the port of Hodeidah on Tuesday. The government condemned the move."
        "\n\nThe United Nations called for restraint."
    )
    assert cleaned.title == "Rebels Seize Port as Talks Stall"
    assert cleaned.author == "Jane Doe and John Smith"
    assert cleaned.published == date(2021, 3, 3)


def test_sentences_that_mention_cta_words_stay() -> None:
    text = (
        "Russia did not subscribe to the plan. Turkey said it would join the talks.\n\n"
        "Share prices fell. Officials will sign up to the accord on Friday.\n\n"
        "The advertisement campaign by the rebels failed."
    )
    assert clean_text(text).text == text


def test_hard_wrapped_paragraphs_are_unwrapped_and_end_marks_dropped() -> None:
    text = (
        "Statement on the Truce in Yemen\n\n"
        "Mr. Sullivan stressed that the United States is ready to help Ethiopia\n"
        "address the crisis, building on our longstanding bilateral partnership\n"
        "and friendship.\n\n"
        "\\###\n"
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Statement on the Truce in Yemen"
    assert cleaned.text == (
        "Mr. Sullivan stressed that the United States is ready to help Ethiopia address the crisis, "
        "building on our longstanding bilateral partnership and friendship."
    )


def test_text_without_a_body_shape_is_kept_not_emptied() -> None:
    cleaned = clean_text("Turkey backs the GNA")
    assert cleaned.text == "Turkey backs the GNA"
    assert cleaned.title is None


def test_byline_without_date_and_dateline() -> None:
    cleaned = clean_text(
        "Ceasefire Holds in Tripoli\n\nBy LISA SCHLEIN\n\nPublished: 2020-10-22\n\n"
        "The ceasefire held overnight.\n"
    )
    assert (cleaned.title, cleaned.author, cleaned.published) == (
        "Ceasefire Holds in Tripoli", "LISA SCHLEIN", date(2020, 10, 22))
    assert cleaned.text == "The ceasefire held overnight."


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    text = "By the end of the war, Turkey had sent drones to Tripoli."
    cleaned = clean_text(text)
    assert cleaned.text == text and cleaned.author is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("October 21, 2020", date(2020, 10, 21)),
        ("Oct. 21, 2020", date(2020, 10, 21)),
        ("21 October 2020", date(2020, 10, 21)),
        ("Wed, 21st Oct 2020 at 10:30", date(2020, 10, 21)),
        ("2020-10-21T14:05:00Z", date(2020, 10, 21)),
        ("February 30, 2020", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected
