"""Shared vocabulary of the extraction tests: claim triples, the case-file format and its checks.

The sentence cases live as data in tests/data/extraction_cases/*.jsonl (one
case a line; the format is described in that folder's README.md) and are run
by tests/test_extraction_cases.py. Keeping the model of a case and the
comparison here means every case normalises symmetric relations and reads
"asserted", "must not assert" and "must not produce" the same way; the few
extraction tests that stay code use the same helpers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
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

CASE_DIR = Path(__file__).parent / "data" / "extraction_cases"

Triple = tuple[RelationType, str, str]


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


# -- the case-file format ---------------------------------------------------------------------

WILDCARD = "*"
# A pattern's type: one relation type, "SCORED" (the five annotated types) or "ANY" (every type).
TypeSpec: TypeAlias = RelationType | Literal["SCORED", "ANY"]
Pattern: TypeAlias = tuple[TypeSpec, str, str]


class CaseFileError(ValueError):
    """A case file that cannot be read: the message names the file, the line and the fault."""


class Modality(BaseModel):
    """How one `must` claim is stated: hedged instead of asserted, with a confidence ceiling."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: Triple
    hedged: bool = False
    confidence_below: float | None = Field(default=None, gt=0.0, le=1.0)


class Event(BaseModel):
    """The PLOVER category (and mode) a `must` claim carries: an event reading."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: Triple
    category: str = Field(min_length=1)
    mode: str | None = None


class ExtractionCase(BaseModel):
    """One text, the claims it must yield and the readings it must not make."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    text: str = Field(min_length=1)
    source: str | None = None
    title: str | None = None
    must: list[Triple] = []
    must_not_assert: list[Pattern] = []
    must_not_produce: list[Pattern] = []
    modality: list[Modality] = []
    events: list[Event] = []
    note: str | None = None
    xfail: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> ExtractionCase:
        if not (self.must or self.must_not_assert or self.must_not_produce):
            raise ValueError("a case must check something: give must, must_not_assert or must_not_produce")
        for kind, subject, obj in self.must:
            if WILDCARD in (subject, obj) or subject == obj:
                raise ValueError(f"a must claim names two different actors, not {[kind, subject, obj]}")
        must = {norm(t) for t in self.must}
        for mod in self.modality:
            if norm(mod.claim) not in must:
                raise ValueError(f"modality names {list(mod.claim)}, which is not a must claim")
        for event in self.events:
            if norm(event.claim) not in must:
                raise ValueError(f"events names {list(event.claim)}, which is not a must claim")
        for pattern in [*self.must_not_assert, *self.must_not_produce]:
            hit = [t for t in self.must if _matches(pattern, *t)]
            if hit:
                raise ValueError(f"{list(pattern)} forbids the must claim {list(hit[0])}")
        return self


def load_case_file(path: Path) -> list[ExtractionCase]:
    """The cases of one JSONL file, each line validated; blank lines are allowed."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cases.append(ExtractionCase.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise CaseFileError(f"{path.name}:{number}: {exc}") from exc
    return cases


def load_cases(folder: Path = CASE_DIR) -> dict[str, list[ExtractionCase]]:
    """Every case file of `folder` by file stem; case ids are unique across all files."""
    files = {path.stem: load_case_file(path) for path in sorted(folder.glob("*.jsonl"))}
    seen: dict[str, str] = {}
    for stem, cases in files.items():
        for case in cases:
            if case.id in seen:
                other = seen[case.id]
                raise CaseFileError(f"{stem}.jsonl: case id {case.id!r} is also used in {other}.jsonl")
            seen[case.id] = stem
    return files


def _type_fits(spec: TypeSpec, kind: RelationType) -> bool:
    if spec == "ANY":
        return True
    if spec == "SCORED":
        return kind in SCORED
    return spec == kind


def _matches(pattern: Pattern, kind: RelationType, subject: str, obj: str) -> bool:
    """Does a claim fit a pattern? "*" fits any actor; symmetric types fit either way round."""
    spec, want_subject, want_object = pattern
    if not _type_fits(spec, kind):
        return False
    pairs = [(subject, obj), (obj, subject)] if kind.symmetric else [(subject, obj)]
    return any(want_subject in (WILDCARD, s) and want_object in (WILDCARD, o) for s, o in pairs)


def _show(claim: Claim) -> str:
    hedge = " (hedged)" if claim.hedged else ""
    return f"{claim.type.value} {claim.subject_id} -> {claim.object_id}{hedge} {claim.confidence:.2f}"


def case_problems(extractor: SpacyExtractor, case: ExtractionCase) -> list[str]:
    """What the extractor gets wrong on `case`: an empty list when every check holds."""
    article = Article.from_text(case.text, source=case.source, title=case.title)
    claims = list(extractor.extract(article).claims)
    modality = {norm(m.claim): m for m in case.modality}
    problems = []
    for triple in case.must:
        key = norm(triple)
        hits = [c for c in claims if claim_key(c) == key]
        mod = modality.get(key, Modality(claim=key))
        asserted = [c for c in hits if not c.hedged]
        if not hits:
            problems.append(f"missing {key[0].value} {key[1]} -> {key[2]}")
        elif mod.hedged and asserted:
            problems.append(f"asserted, should be hedged: {_show(asserted[0])}")
        elif not mod.hedged and not asserted:
            problems.append(f"only hedged, should be asserted: {_show(hits[0])}")
        if mod.confidence_below is not None:
            problems += [
                f"confidence not below {mod.confidence_below}: {_show(c)}"
                for c in hits
                if c.confidence >= mod.confidence_below
            ]
    for event in case.events:
        key = norm(event.claim)
        hits = [c for c in claims if claim_key(c) == key]
        if hits and not any((c.category, c.mode) == (event.category, event.mode) for c in hits):
            problems.append(f"{key[0].value} {key[1]} -> {key[2]} is not {event.category} "
                            f"{event.mode or '(no mode)'}: "
                            + ", ".join(f"{c.category} {c.mode or '(no mode)'}" for c in hits))
    for pattern in case.must_not_assert:
        problems += [
            f"asserted {list(pattern)}: {_show(c)}"
            for c in claims
            if not c.hedged and _matches(pattern, c.type, c.subject_id, c.object_id)
        ]
    for pattern in case.must_not_produce:
        problems += [
            f"produced {list(pattern)}: {_show(c)}"
            for c in claims
            if _matches(pattern, c.type, c.subject_id, c.object_id)
        ]
    if problems:
        problems.append("got: " + ("; ".join(_show(c) for c in claims) or "no claims"))
    return problems


# -- whole-text corpora -----------------------------------------------------------------------


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
