"""One-sentence event reports: the event dev set (tests/data/eventsdev).

The set holds 67 verbatim one-sentence reports from public-domain U.S. Government
texts (sentences of the news dev set's articles and State Department releases), each
with its event coded by hand in PLOVER (source, target, category, polarity), the gold
committed before the extractor ran on them. Its first, blind score was 29 of 67 reports
with dyad and polarity right (0.433), 12 with the category right; with the event rules
tuned on it, 40 (0.597) and 16. It is a dev set: the
floors below guard what the event rules reach on it now, so a change that loses a
report fails. The blind event set (tests/data/events) is scored, never tuned on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conflictgraph.cli import app

DATA = Path(__file__).parent / "data"
EVENTSDEV = DATA / "eventsdev" / "events.jsonl"
CATEGORIES = {
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
    "ASSAULT", "FIGHT",
}
FIELDS = ("id", "text", "url", "provenance", "source", "target", "category", "polarity")
# Today 40 of 67 reports have dyad and polarity right (0.597) and 16 the category; the floors
# keep one report of slack for the parser's small run-to-run differences.
FLOOR_DYAD_AND_POLARITY = 39
FLOOR_CATEGORY = 15


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_eventsdev_floor() -> None:
    """A regression guard: no fewer reports with dyad and polarity (and category) right than today."""
    result = CliRunner().invoke(app, ["evaluate-events", str(EVENTSDEV), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["reports"] == 67
    assert report["dyad_and_polarity"] >= FLOOR_DYAD_AND_POLARITY
    assert report["category"] >= FLOOR_CATEGORY


def test_eventsdev_set_is_consistent() -> None:
    """Fields and codes are known, ids unique, no sentence or url is shared with the blind sets
    or the dev and held-out sets, and a sentence taken from a news dev article is verbatim in it."""
    rows = _rows(EVENTSDEV)
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert all(row.get(field) for field in FIELDS), row["id"]
        assert row["category"] in CATEGORIES, row["id"]
        assert row["polarity"] in {"cooperative", "hostile", "neutral"}, row["id"]
        assert row["source"] != row["target"], row["id"]
        assert row["provenance"].get("publisher"), row["id"]
    blind = _rows(DATA / "events" / "events.jsonl")
    others = {
        row["url"].rstrip("/")
        for name in ("newsblind", "devset", "heldout")
        for row in _rows(DATA / name / "articles.jsonl")
    } | {row["url"].rstrip("/") for row in blind}
    assert not [row["id"] for row in rows if row["url"].rstrip("/") in others]
    assert not {row["text"] for row in rows} & {row["text"] for row in blind}
    articles = {row["id"]: row for row in _rows(DATA / "newsdev" / "articles.jsonl")}
    for row in rows:
        article_id = row["provenance"].get("article_id")
        if article_id is not None:
            article = articles[article_id]
            assert row["url"] == article["url"], row["id"]
            assert row["text"] in re.sub(r"\s+", " ", article["text"]), row["id"]
