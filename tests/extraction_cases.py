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
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.graph.model import Article, Claim, Polarity, RelationType
from conflictgraph.loaders.evaluation import SCORED_TYPES
from conflictgraph.loaders.extraction.anchors import anchor_sets, anchored
from conflictgraph.loaders.extraction.constructions import REGISTERED, TABLE_READERS
from conflictgraph.loaders.extraction.lemmas import noun_lemma, verb_lemma
from conflictgraph.loaders.extraction.rulefiles import PACKAGED_ANCHORS, check_rules, read_anchors
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor

if TYPE_CHECKING:
    from spacy.tokens import Doc

S = RelationType.SUPPORTS
A = RelationType.ALLIED_WITH
OPP = RelationType.OPPOSES
M = RelationType.MEDIATES
L = RelationType.LEADS
# The relation types the evaluation scores: every one but COOPERATES and MEMBER_OF.
SCORED = frozenset(SCORED_TYPES)

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
    """The scored claims the extractor asserts (hedged or disputed ones are not facts)."""
    graph = extractor.extract(Article.from_text(text))
    return {claim_key(c) for c in graph.claims if c.type in SCORED and c.asserted}


def rels(extractor: SpacyExtractor, text: str, source: str | None = None) -> set[Triple]:
    """Every claim stating a relation for `text`, of any type and hedged or not (not those
    saying a relation ended), for checks about all output."""
    graph = extractor.extract(Article.from_text(text, source=source))
    return {claim_key(c) for c in graph.claims if not c.ended}


# -- the case-file format ---------------------------------------------------------------------

WILDCARD = "*"
# A pattern's type: one relation type, "SCORED" (loaders.evaluation.SCORED_TYPES), "ANY" (every
# type) or "ALLY" (a claim that makes its actors allies: cooperative and evidence of
# alignment, ``Claim.aligns``; an agreed ceasefire or talks are not).
TypeSpec: TypeAlias = RelationType | Literal["SCORED", "ANY", "ALLY"]
# Types whose every claim makes allies: what "ALLY" forbids among the must claims.
_ALWAYS_ALLIES = frozenset({A, RelationType.MEMBER_OF, L})
Pattern: TypeAlias = tuple[TypeSpec, str, str]


class CaseFileError(ValueError):
    """A case file that cannot be read: the message names the file, the line and the fault."""


class Modality(BaseModel):
    """How one `must` claim is stated: hedged or disputed instead of asserted, attributed to a
    source, with a confidence ceiling."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: Triple
    hedged: bool = False
    disputed: bool = False
    attributed_to: str | None = None
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
    allies: list[tuple[str, str]] = []
    must_not_assert: list[Pattern] = []
    must_not_produce: list[Pattern] = []
    ended: list[Triple] = []
    modality: list[Modality] = []
    events: list[Event] = []
    note: str | None = None
    xfail: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> ExtractionCase:
        if not (self.must or self.allies or self.must_not_assert or self.must_not_produce
                or self.ended):
            raise ValueError("a case must check something: give must, allies, must_not_assert, "
                             "must_not_produce or ended")
        for subject, obj in self.allies:
            if WILDCARD in (subject, obj) or subject == obj:
                raise ValueError(f"allies names two different actors, not {[subject, obj]}")
            if any(p[0] == "ALLY" and _matches(p, A, subject, obj, ally=True)
                   for p in self.must_not_produce):
                raise ValueError(f"must_not_produce forbids the allies {[subject, obj]}")
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


def _type_fits(spec: TypeSpec, kind: RelationType, ally: bool | None) -> bool:
    if spec == "ANY":
        return True
    if spec == "SCORED":
        return kind in SCORED
    if spec == "ALLY":  # a must triple has no category: only its type can say
        return ally if ally is not None else kind in _ALWAYS_ALLIES
    return spec == kind


def makes_allies(claim: Claim) -> bool:
    """A cooperative claim that is evidence of alignment: its actors are on one side."""
    return claim.aligns and claim.type.polarity is Polarity.COOPERATIVE


def _matches(pattern: Pattern, kind: RelationType, subject: str, obj: str,
             ally: bool | None = None) -> bool:
    """Does a claim fit a pattern? "*" fits any actor; symmetric types fit either way round,
    and so does "ALLY" (an alliance has no direction)."""
    spec, want_subject, want_object = pattern
    if not _type_fits(spec, kind, ally):
        return False
    either_way = kind.symmetric or spec == "ALLY"
    pairs = [(subject, obj), (obj, subject)] if either_way else [(subject, obj)]
    return any(want_subject in (WILDCARD, s) and want_object in (WILDCARD, o) for s, o in pairs)


def _show(claim: Claim) -> str:
    hedge = (" (hedged)" if claim.hedged else "") + (" (disputed)" if claim.disputed else "") + (
        f" (according to {claim.attributed_to})" if claim.attributed_to else "")
    hedge += " (ended)" if claim.ended else ""
    return (f"{claim.type.value} {claim.subject_id} -> {claim.object_id} [{claim.category}]"
            f"{hedge} {claim.confidence:.2f}")


# -- one extraction per case, kept for the rule coverage ----------------------------------------


@dataclass(frozen=True)
class Rule:
    """One rule of the packaged rule files: a trigger line or a construction's anchor."""

    id: str
    kind: Literal["trigger", "anchor"]
    types: frozenset[RelationType]  # what a trigger states; empty for an anchor (read off its claims)
    reader: str = ""  # a trigger's: the anchor of its table's reader (constructions.TABLE_READERS)
    word: str = ""  # a trigger's lemma


@dataclass(frozen=True)
class CaseRun:
    """What the extractor made of one case's text, and which rules' cues the text holds: the
    trigger lines whose word it contains and the anchors that matched one of its tokens."""

    claims: tuple[Claim, ...]
    cues: frozenset[str]


def packaged_rules() -> list[Rule]:
    """Every trigger line of rules/triggers.jsonl and every anchor of rules/anchors.jsonl.

    The triggers converted from the CAMEO dictionary (rules/cameo_triggers.jsonl, about
    28,000 generated lines) are not rules written here one by one: their categories have
    case files of their own (events_*.jsonl) instead of a case per line."""
    check = check_rules()
    assert not check.problems, check.problems
    anchors, problems = read_anchors(REGISTERED, anchor_sets(), PACKAGED_ANCHORS)
    assert not problems, problems
    reader = {table: anchor for anchor, tables in TABLE_READERS.items() for table in tables}
    triggers = [Rule(t.id, "trigger", frozenset({t.sense.type}), reader[t.table], t.lemma)
                for t in check.triggers if not t.cameo]
    return triggers + [Rule(a.id, "anchor", frozenset()) for a in anchors]


@cache
def _trigger_words() -> dict[tuple[str, str], frozenset[str]]:
    """(how a token is looked up, the word) -> the trigger ids of that word."""
    found: dict[tuple[str, str], set[str]] = {}
    for trigger in check_rules().triggers:
        if trigger.cameo:
            continue
        pos = trigger.pos.value
        # A phrase ("cut ties") is cued by its head verb; its other words are its reading's.
        found.setdefault((pos, trigger.lemma.split(" ")[0]), set()).add(trigger.id)
    return {key: frozenset(ids) for key, ids in found.items()}


def _cues(doc: Doc) -> frozenset[str]:
    """The rules whose cue is in the Doc: a token of a trigger's word (its verb or noun lemma,
    whatever the tagger made of it, or the participle after a hyphen) or an anchor's match."""
    cues: set[str] = set()
    for ids in anchored(doc, REGISTERED).values():
        cues |= ids
    after_hyphen = False
    for token in doc:
        cues |= _word_cues(token.lower_, after_hyphen)
        after_hyphen = token.text == "-"
    return frozenset(cues)


@cache
def _word_cues(lower: str, after_hyphen: bool) -> frozenset[str]:
    words = _trigger_words()
    keys = [("VERB", verb_lemma(lower)), ("NOUN", noun_lemma(lower)), ("NOUN", lower),
            ("PARTICIPLE", lower.rpartition("-")[2] if "-" in lower or after_hyphen else "")]
    return frozenset().union(*(words.get(key, frozenset()) for key in keys))


_RUNS: dict[tuple[str, str | None, str | None], CaseRun] = {}


def run_case(extractor: SpacyExtractor, case: ExtractionCase) -> CaseRun:
    """The case's claims and cues; kept, so the coverage reuses the run. The cues are read off
    a parse of every sentence: a cue is in the text whether or not the extractor parses the
    sentence that holds it (it parses only sentences with two actor candidates)."""
    key = (case.text, case.source, case.title)
    run = _RUNS.get(key)
    if run is None:
        article = Article.from_text(case.text, source=case.source, title=case.title)
        doc, body = extractor.parse(article)
        claims = tuple(extractor.graph(article, doc, body).claims)
        text = body.without_datelines(article.text)
        whole = extractor.nlp(text) if extractor.selective is not None else doc
        run = _RUNS[key] = CaseRun(claims, _cues(whole))
    return run


@dataclass
class Coverage:
    """Which rules have a positive case (a claim the rule made meets a `must`) and which a near
    miss (a passing case whose text holds the rule's cue and that forbids what it states)."""

    positive: dict[str, list[str]]  # rule id -> case ids
    near_miss: dict[str, list[str]]
    stated: dict[str, set[RelationType]]  # rule id -> the types of the claims it made

    def uncovered(self, rules: list[Rule]) -> list[str]:
        lines = []
        for rule in rules:
            lacks = [name for name, cases in (("positive", self.positive), ("near miss", self.near_miss))
                     if not cases.get(rule.id)]
            if lacks:
                lines.append(f"{rule.id} ({rule.kind}): no {' and no '.join(lacks)} case")
        return lines


def _forbids(pattern: Pattern, types: frozenset[RelationType] | set[RelationType]) -> bool:
    spec = pattern[0]
    return not types or any(_type_fits(spec, kind, None) for kind in types)


def coverage(rules: list[Rule], cases: list[ExtractionCase], runs: dict[str, CaseRun]) -> Coverage:
    """The rule coverage of the cases that are not xfail, from their runs (by case id). A claim
    that names a trigger was made by its table's reader: it counts for that anchor too."""
    kept = [c for c in cases if not c.xfail]
    by_id = {rule.id: rule for rule in rules}
    positive: dict[str, list[str]] = {}
    stated: dict[str, set[RelationType]] = {}
    for case in kept:
        must = {norm(t) for t in case.must}
        ended = {norm(t) for t in case.ended}
        for claim in runs[case.id].claims:
            rule = by_id.get(claim.rule)
            makers = [claim.rule, rule.reader] if rule is not None and rule.reader else [claim.rule]
            for maker in makers:
                stated.setdefault(maker, set()).add(claim.type)
                if (claim.asserted and claim_key(claim) in must) or (
                        claim.ended and claim_key(claim) in ended):
                    positive.setdefault(maker, []).append(case.id)
    near_miss: dict[str, list[str]] = {}
    for case in kept:
        patterns = [*case.must_not_assert, *case.must_not_produce]
        if not patterns:
            continue
        for rule_id in runs[case.id].cues & by_id.keys():
            rule = by_id[rule_id]
            types = rule.types or stated.get(rule.id, set())
            if any(_forbids(p, types) for p in patterns):
                near_miss.setdefault(rule_id, []).append(case.id)
    return Coverage(positive, near_miss, stated)


def case_problems(extractor: SpacyExtractor, case: ExtractionCase) -> list[str]:
    """What the extractor gets wrong on `case`: an empty list when every check holds."""
    claims = list(run_case(extractor, case).claims)
    modality = {norm(m.claim): m for m in case.modality}
    problems = []
    for triple in case.must:
        key = norm(triple)
        hits = [c for c in claims if claim_key(c) == key]
        mod = modality.get(key, Modality(claim=key))
        stated = [c for c in hits if not c.ended]
        asserted = [c for c in stated if c.asserted]
        if not stated:
            problems.append(f"missing {key[0].value} {key[1]} -> {key[2]}")
        elif mod.hedged and asserted:
            problems.append(f"asserted, should be hedged: {_show(asserted[0])}")
        elif mod.disputed and asserted:
            problems.append(f"asserted, should be disputed: {_show(asserted[0])}")
        elif not (mod.hedged or mod.disputed) and not asserted:
            problems.append(f"only hedged or disputed, should be asserted: {_show(stated[0])}")
        # "attributed_to": null, given, says the text states it itself (no third party).
        if stated and "attributed_to" in mod.model_fields_set and not any(
            c.attributed_to == mod.attributed_to for c in stated
        ):
            problems.append(f"not attributed to {mod.attributed_to!r}: {_show(stated[0])}")
        if mod.confidence_below is not None:
            problems += [
                f"confidence not below {mod.confidence_below}: {_show(c)}"
                for c in hits
                if c.confidence >= mod.confidence_below
            ]
    for subject, obj in case.allies:
        if not any(c.asserted and makes_allies(c) and {c.subject_id, c.object_id} == {subject, obj}
                   for c in claims):
            problems.append(f"no asserted claim makes {subject} and {obj} allies")
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
            if c.asserted and _matches(pattern, c.type, c.subject_id, c.object_id, makes_allies(c))
        ]
    ended = {norm(t) for t in case.ended}
    for triple in sorted(ended):
        if not any(c.ended and claim_key(c) == triple for c in claims):
            problems.append(f"not read as ended: {triple[0].value} {triple[1]} -> {triple[2]}")
    for pattern in case.must_not_produce:
        problems += [
            f"produced {list(pattern)}: {_show(c)}"
            for c in claims
            if _matches(pattern, c.type, c.subject_id, c.object_id, makes_allies(c))
            and not (c.ended and claim_key(c) in ended)
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
