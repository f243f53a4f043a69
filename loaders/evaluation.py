"""Extraction quality against hand-annotated gold relations.

Gold lines are ``{"article_id", "source", "target", "type", "sentence"}`` with
canonical actor names (tests/data/devset, rules in docs/annotation.md).
Predicted and gold relations are compared per article as (type, source,
target) after resolving names through the gazetteer: the same id, or a
case-insensitive match on a name or alias. Symmetric types compare unordered
pairs. The strict score counts types exactly; the lenient score also accepts
SUPPORTS for ALLIED_WITH and the reverse, as unordered pairs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, Field, ValidationError

from ..graph.model import (
    Actor,
    Article,
    ArticleGraph,
    Polarity,
    RelationType,
    relation_key,
    slugify,
)
from .gazetteer import Gazetteer

__all__ = [
    "SCORED_TYPES",
    "EvaluationError",
    "EvaluationReport",
    "EventMiss",
    "EventReport",
    "GoldEvent",
    "GoldRelation",
    "Mismatch",
    "Score",
    "evaluate",
    "evaluate_events",
    "event_articles",
    "load_articles",
    "load_events",
    "load_gold",
]

SCORED_TYPES: tuple[RelationType, ...] = (
    RelationType.SUPPORTS,
    RelationType.ALLIED_WITH,
    RelationType.OPPOSES,
    RelationType.MEDIATES,
    RelationType.LEADS,
    RelationType.MEMBER_OF,
)
_LENIENT = {RelationType.SUPPORTS, RelationType.ALLIED_WITH}

Key = tuple[str, str, str]  # (type, source key, target key)


class EvaluationError(ValueError):
    """A gold or articles file that cannot be read: names the file and line."""


class GoldRelation(BaseModel):
    article_id: str
    source: str
    target: str
    type: RelationType
    sentence: str = ""
    note: str | None = None


class Score(BaseModel):
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


class Mismatch(BaseModel):
    """One false positive or false negative, for error analysis."""

    article_id: str
    kind: str  # "fp" | "fn"
    type: str
    source: str
    target: str
    sentence: str = ""


class EvaluationReport(BaseModel):
    articles: int
    gold: int
    predicted: int
    per_type: dict[str, Score]
    overall: Score
    lenient: Score
    mismatches: list[Mismatch] = Field(default_factory=list)
    extractor: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "extractor": self.extractor,
            "articles": self.articles,
            "gold": self.gold,
            "predicted": self.predicted,
            "per_type": {k: v.as_dict() for k, v in self.per_type.items()},
            "overall": self.overall.as_dict(),
            "lenient": self.lenient.as_dict(),
            "mismatches": [m.model_dump() for m in self.mismatches],
        }


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, object]]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"cannot read {path}: {exc}") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise EvaluationError(f"{path}:{number}: expected a JSON object")
        rows.append((number, row))
    return rows


M = TypeVar("M", bound=BaseModel)


def _validated(model: type[M], row: dict[str, object], path: Path, number: int) -> M:
    """One line as ``model``, or EvaluationError naming the file, line and field."""
    try:
        return model.model_validate(row)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise EvaluationError(f"{path}:{number}: {where}: {problem['msg']}") from None


def load_gold(path: Path) -> list[GoldRelation]:
    return [_validated(GoldRelation, row, path, number) for number, row in _read_jsonl(path)]


def load_articles(path: Path) -> list[Article]:
    """Articles as ``{"id", "text", "url"?, "title"?, "published"?, "source"?}`` lines."""
    articles = []
    for number, row in _read_jsonl(path):
        text = row.get("text")
        ident = row.get("id")
        if not isinstance(text, str) or not isinstance(ident, str):
            raise EvaluationError(f"{path}:{number}: an article needs string 'id' and 'text'")
        published = row.get("published")
        try:
            day = date.fromisoformat(str(published)[:10]) if published else None
        except ValueError:
            raise EvaluationError(f"{path}:{number}: bad 'published' date {published!r}") from None
        articles.append(
            Article(
                id=ident,
                text=text,
                url=_opt(row.get("url")),
                title=_opt(row.get("title")),
                published=day,
                source=_opt(row.get("source")),
            )
        )
    return articles


def _opt(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class _Names:
    """Maps gold names and predicted actors to one comparable key."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def gold_key(self, name: str, actors: Sequence[Actor]) -> str:
        entry = self.gazetteer.resolve(name)
        if entry is not None:
            return entry.id
        folded = name.casefold().strip()
        for actor in actors:
            if actor.id == name or any(n.casefold() == folded for n in actor.names()):
                return self.actor_key(actor)
        return slugify(name)

    def actor_key(self, actor: Actor) -> str:
        if actor.id in self.gazetteer:
            return actor.id
        entry = self.gazetteer.lookup(actor.name)
        return entry.id if entry is not None else actor.id


def _key(rel_type: RelationType, source: str, target: str) -> Key:
    source, target, _ = relation_key(source, target, rel_type)
    return rel_type.value, source, target


def _lenient(key: Key) -> Key:
    rel_type, source, target = key
    if RelationType(rel_type) in _LENIENT:
        low, high = sorted((source, target))
        return "SUPPORTS|ALLIED_WITH", low, high
    return key


def evaluate(
    graphs: Iterable[ArticleGraph],
    gold: Sequence[GoldRelation],
    gazetteer: Gazetteer,
    *,
    extractor: str = "",
) -> EvaluationReport:
    """Score predicted article graphs against gold relations."""
    names = _Names(gazetteer)
    gold_by_article: dict[str, list[GoldRelation]] = defaultdict(list)
    for relation in gold:
        gold_by_article[relation.article_id].append(relation)
    per_type = {t.value: Score() for t in SCORED_TYPES}
    lenient = Score()
    mismatches: list[Mismatch] = []
    articles = predicted_total = gold_total = 0
    for graph in graphs:
        articles += 1
        actors = {a.id: a for a in graph.actors}
        predicted: dict[Key, str] = {}
        for claim in graph.claims:
            # A disputed claim is kept as evidence but is no relation the text states
            # (docs/annotation.md: negation, and so denial, gives none); nor is a relation
            # said to have ended.
            if claim.type not in SCORED_TYPES or claim.disputed or claim.ended:
                continue
            source = names.actor_key(actors[claim.subject_id])
            target = names.actor_key(actors[claim.object_id])
            if source != target:
                predicted.setdefault(_key(claim.type, source, target), claim.sentence)
        expected: dict[Key, str] = {}
        for relation in gold_by_article.get(graph.article.id, []):
            source = names.gold_key(relation.source, graph.actors)
            target = names.gold_key(relation.target, graph.actors)
            expected.setdefault(_key(relation.type, source, target), relation.sentence)
        predicted_total += len(predicted)
        gold_total += len(expected)
        for key in predicted.keys() | expected.keys():
            score = per_type[key[0]]
            if key in predicted and key in expected:
                score.tp += 1
                continue
            kind = "fp" if key in predicted else "fn"
            if kind == "fp":
                score.fp += 1
            else:
                score.fn += 1
            mismatches.append(
                Mismatch(
                    article_id=graph.article.id,
                    kind=kind,
                    type=key[0],
                    source=key[1],
                    target=key[2],
                    sentence=(predicted if kind == "fp" else expected)[key],
                )
            )
        loose_predicted = {_lenient(k) for k in predicted}
        loose_expected = {_lenient(k) for k in expected}
        lenient.add(
            Score(
                tp=len(loose_predicted & loose_expected),
                fp=len(loose_predicted - loose_expected),
                fn=len(loose_expected - loose_predicted),
            )
        )
    overall = Score()
    for score in per_type.values():
        overall.add(score)
    return EvaluationReport(
        articles=articles,
        gold=gold_total,
        predicted=predicted_total,
        per_type=per_type,
        overall=overall,
        lenient=lenient,
        mismatches=mismatches,
        extractor=extractor,
    )


# -- one-sentence event reports -------------------------------------------------------------


class GoldEvent(BaseModel):
    """One report: the sentence and the event it states (who did what to whom)."""

    id: str
    text: str
    source: str
    target: str
    category: str
    polarity: Polarity
    publisher: str | None = Field(default=None, description="Who issued the text ('we')")


class EventMiss(BaseModel):
    id: str
    why: str  # "no dyad" | "wrong polarity"
    text: str


class EventReport(BaseModel):
    """How many reports the extractor gets right: the dyad, then its polarity, then its category.

    A report's dyad is right when some claim links its source to its target (either way
    round for a symmetric type); its polarity is right when one such claim has the gold
    polarity; its category when one has the gold PLOVER category.
    """

    extractor: str = ""
    reports: int = 0
    dyad: int = 0
    dyad_and_polarity: int = 0
    category: int = 0
    per_category: dict[str, dict[str, int]] = Field(default_factory=dict)
    misses: list[EventMiss] = Field(default_factory=list)

    @property
    def dyad_and_polarity_rate(self) -> float:
        return self.dyad_and_polarity / self.reports if self.reports else 0.0


def load_events(path: Path) -> list[GoldEvent]:
    events = []
    for number, row in _read_jsonl(path):
        provenance = row.get("provenance")
        if isinstance(provenance, dict) and "publisher" not in row:
            row = {**row, "publisher": provenance.get("publisher")}
        events.append(_validated(GoldEvent, row, path, number))
    return events


def event_articles(events: Iterable[GoldEvent]) -> list[Article]:
    """Each report as the article it is: its sentence, issued by its publisher."""
    return [Article(id=e.id, text=e.text, source=e.publisher) for e in events]


def evaluate_events(
    events: Sequence[GoldEvent],
    graphs: Iterable[ArticleGraph],
    gazetteer: Gazetteer,
    *,
    extractor: str = "",
) -> EventReport:
    """Score the graphs extracted from ``event_articles(events)`` against the reports."""
    names = _Names(gazetteer)
    by_id = {e.id: e for e in events}
    report = EventReport(extractor=extractor)
    for graph in graphs:
        event = by_id[graph.article.id]
        actors = {a.id: a for a in graph.actors}
        source = names.gold_key(event.source, graph.actors)
        target = names.gold_key(event.target, graph.actors)
        matching = []
        for claim in graph.claims:
            if claim.disputed or claim.ended:
                continue
            pair = (names.actor_key(actors[claim.subject_id]), names.actor_key(actors[claim.object_id]))
            if pair == (source, target) or (claim.type.symmetric and pair == (target, source)):
                matching.append(claim)
        tally = report.per_category.setdefault(event.category, {"reports": 0, "right": 0})
        tally["reports"] += 1
        report.reports += 1
        if not matching:
            report.misses.append(EventMiss(id=event.id, why="no dyad", text=event.text))
            continue
        report.dyad += 1
        if any(c.polarity == event.polarity for c in matching):
            report.dyad_and_polarity += 1
            tally["right"] += 1
        else:
            report.misses.append(EventMiss(id=event.id, why="wrong polarity", text=event.text))
        if any(str(c.category) == event.category for c in matching):
            report.category += 1
    report.per_category = dict(sorted(report.per_category.items()))
    return report
