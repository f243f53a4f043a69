"""Shared vocabulary of the extraction tests: relation shorthands, claim triples, one-case checks.

The sentence suites compare what the real extractor finds against hand-written
triples; keeping the comparison here means every suite normalises symmetric
relations and filters scored, asserted claims the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.graph.model import Article, Claim, RelationType
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor

S = RelationType.SUPPORTS
A = RelationType.ALLIED_WITH
OPP = RelationType.OPPOSES
M = RelationType.MEDIATES
L = RelationType.LEADS
# The relation types the evaluation scores: every one but COOPERATES and MEMBER_OF.
SCORED = frozenset({S, A, OPP, M, L})

Triple = tuple[RelationType, str, str]
# (name, text, claims it must yield, claims it must not yield)
Case = tuple[str, str, list[Triple], list[Triple]]


def norm(triple: Triple) -> Triple:
    """Symmetric relations compare as unordered pairs, so their ids are sorted."""
    kind, subject, obj = triple
    if kind.symmetric:
        subject, obj = sorted((subject, obj))
    return (kind, subject, obj)


def claim_key(claim: Claim) -> Triple:
    """A claim as a comparable triple, symmetric relations in sorted order."""
    return norm((claim.type, claim.subject_id, claim.object_id))


def found(extractor: SpacyExtractor, text: str) -> set[Triple]:
    """The scored claims the extractor asserts (hedged ones are not facts) for `text`."""
    graph = extractor.extract(Article.from_text(text))
    return {claim_key(c) for c in graph.claims if c.type in SCORED and not c.hedged}


def rels(extractor: SpacyExtractor, text: str, source: str | None = None) -> set[Triple]:
    """Every claim for `text`, of any type and hedged or not, for checks about all output."""
    graph = extractor.extract(Article.from_text(text, source=source))
    return {claim_key(c) for c in graph.claims}


def assert_case(
    extractor: SpacyExtractor, name: str, text: str, must: list[Triple], must_not: list[Triple]
) -> None:
    """One sentence case: each `must` claim is asserted and no `must_not` claim is."""
    got = found(extractor, text)
    missing = {norm(t) for t in must} - got
    wrong = {norm(t) for t in must_not} & got
    assert not missing and not wrong, f"{name}: missing {missing}, wrong {wrong}, got {sorted(got)}"


def read_corpus(folder: Path) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """A whole-text corpus folder: its texts by id (texts.jsonl) and its gold lines (gold.jsonl)."""
    lines = (folder / "texts.jsonl").read_text(encoding="utf-8").splitlines()
    texts = {row["id"]: row for row in map(json.loads, lines)}
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return texts, gold


def corpus_scores(folder: Path) -> dict[str, float]:
    """Overall precision and recall of `conflictgraph evaluate` on a whole-text corpus folder."""
    result = CliRunner().invoke(app, ["evaluate", str(folder / "gold.jsonl"),
                                      "--articles", str(folder / "texts.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    overall: dict[str, float] = json.loads(result.output)["overall"]
    return overall
