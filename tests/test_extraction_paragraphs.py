"""Whole texts: relations whose actors are named in one sentence and related in another (cg-rules-0.7).

The corpus in tests/data/paragraphs holds twelve short statements, wire
reports and analyses written for the project, with gold relations annotated
under `docs/annotation.md`. Its score is kept above a floor. The
constructions cg-rules-0.7 added for it (truces named as a stop to fighting,
"the two sides", wire datelines, the army of a civil war, juntas, first person
in titled briefings and joint statements, mediators in an aside) are checked
on short texts in tests/data/extraction_cases, run by test_extraction_cases.py.
"""

from __future__ import annotations

from pathlib import Path

from extraction_cases import corpus_scores, read_corpus

PARAGRAPHS = Path(__file__).parent / "data" / "paragraphs"


def test_paragraph_quality_floor() -> None:
    """A regression guard on the paragraphs corpus (figures in docs/quality.md)."""
    overall = corpus_scores(PARAGRAPHS)
    assert overall["precision"] >= 0.93
    assert overall["recall"] >= 0.58


def test_paragraph_corpus_is_consistent() -> None:
    """Every gold line names a text of the corpus and quotes it verbatim."""
    texts, gold = read_corpus(PARAGRAPHS)
    assert len(texts) == 12
    for row in texts.values():
        assert {"id", "title", "source", "published", "text"} <= row.keys()
        assert 100 <= len(row["text"].split()) <= 300
    keys = set()
    for line in gold:
        assert line["article_id"] in texts
        assert line["sentence"] in texts[line["article_id"]]["text"]
        key = (line["article_id"], line["type"], *sorted((line["source"], line["target"])))
        assert key not in keys, key
        keys.add(key)
