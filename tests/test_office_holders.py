"""Office holders are date-aware: "the president of X" names whoever held the office on the
article's date, by the terms the gazetteer records (``terms`` in loaders/gazetteer/data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conflictgraph.graph.model import Article, RelationType
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor
from conflictgraph.loaders.gazetteer import Gazetteer, GazetteerError, read_entries

OPP = RelationType.OPPOSES


def _claims(extractor: SpacyExtractor, text: str, day: date | None) -> set[tuple[RelationType, str, str]]:
    graph = extractor.extract(Article.from_text(text, published=day))
    return {(c.type, c.subject_id, c.object_id) for c in graph.claims}


@pytest.mark.parametrize(
    ("text", "day", "holder"),
    [
        ("Russia's president condemned Georgia.", date(2010, 6, 1), "dmitry-medvedev"),
        ("Russia's president condemned Georgia.", date(2015, 6, 1), "vladimir-putin"),
        ("The U.S. president condemned Russia.", date(2022, 3, 1), "joe-biden"),
        ("The American president condemned Russia.", date(2018, 3, 1), "donald-trump"),
        ("The president of Kenya condemned Russia.", date(2024, 1, 1), "william-ruto"),
        ("Israel's prime minister condemned Russia.", date(2023, 3, 1), "benjamin-netanyahu"),
    ],
)
def test_an_unnamed_office_is_its_holder_on_the_articles_date(
    extractor: SpacyExtractor, text: str, day: date, holder: str
) -> None:
    found = _claims(extractor, text, day)
    target = "georgia" if "Georgia" in text else "russia"
    assert any(c[0] is OPP and holder in (c[1], c[2]) and target in (c[1], c[2]) for c in found), found


def test_no_date_or_no_recorded_term_names_nobody(extractor: SpacyExtractor) -> None:
    assert _claims(extractor, "The president of Kenya condemned the RSF.", None) == set()
    assert _claims(extractor, "The president of Kenya condemned the RSF.", date(2020, 1, 1)) == set()


def test_a_former_office_is_not_the_present_holder(extractor: SpacyExtractor) -> None:
    assert _claims(extractor, "The former U.S. president condemned Russia.", date(2022, 3, 1)) == set()


def test_terms_are_read_and_checked(tmp_path: Path) -> None:
    gazetteer = Gazetteer.load()

    def holder(day: date) -> str | None:
        entry = gazetteer.holder("president", "russia", day)
        return entry.id if entry else None

    assert holder(date(2010, 1, 1)) == "dmitry-medvedev"
    assert holder(date(2008, 5, 7)) == "dmitry-medvedev"  # a term starts on its first day
    assert holder(date(2008, 5, 6)) == "vladimir-putin"
    assert gazetteer.holder("president", "kenya", date(2020, 1, 1)) is None  # no term recorded
    broken = tmp_path / "user.jsonl"
    broken.write_text(
        '{"id": "x", "name": "X", "kind": "person", '
        '"terms": [{"office": "president", "of": "kenya", "start": "2022-13-01"}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(GazetteerError, match="YYYY-MM-DD"):
        read_entries(broken)
