"""How the relation between two actors moved over time: claims counted per month, quarter or year.

Every claim between the pair counts, of every type and in both directions, once, in the
bucket of its date (``Claim.when``: the date the sentence gives for the event, else the
article's publication date). Each bucket says how many claims were cooperative, hostile or
neutral, by relation type and by PLOVER category, how many said a relation ended
(``ended``, counted apart from the others), and shows the strongest sentence of the bucket
(asserted before hedged or ended, then most confident, newest).
Buckets run without gaps from the first dated claim to the last, so a plot has an even
time axis; claims without a date are counted apart (``undated``).

``marks`` say where a relation of one type between the pair opened (its first claim, or
the first after it closed) and where it closed (a claim saying it ended, later than every
claim stating it: the relation's ``closed_on``, ``aggregate.closing_date``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from ..graph.model import Actor, Claim, Polarity, RelationType, relation_key
from ..graph.store import GraphStore, strongest_asserted
from .evidence import ActorRef, EvidenceLookup, EvidenceSentence, actor_ref

__all__ = [
    "MAX_BUCKETS",
    "Bucket",
    "MarkKind",
    "Timeline",
    "TimelineBucket",
    "TimelineMark",
    "TimelineTooLong",
    "relation_timeline",
]

# A month bucket over a century is 1,200 rows; beyond that the request asks for too much.
MAX_BUCKETS = 1_200


class Bucket(StrEnum):
    """How long one step of a timeline is."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    def start_of(self, day: date) -> date:
        """The first day of the bucket ``day`` falls in."""
        if self is Bucket.YEAR:
            return date(day.year, 1, 1)
        if self is Bucket.QUARTER:
            return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return date(day.year, day.month, 1)

    def after(self, start: date) -> date:
        """The first day of the next bucket."""
        months = {Bucket.MONTH: 1, Bucket.QUARTER: 3, Bucket.YEAR: 12}[self]
        index = start.year * 12 + start.month - 1 + months
        return date(index // 12, index % 12 + 1, 1)

    def label(self, start: date) -> str:
        """"2023-04", "2023-Q2" or "2023"."""
        if self is Bucket.YEAR:
            return f"{start.year}"
        if self is Bucket.QUARTER:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        return f"{start.year}-{start.month:02d}"

    def starts(self, first: date, last: date) -> Iterator[date]:
        """Every bucket's first day from ``first``'s bucket to ``last``'s, in order."""
        current, end = self.start_of(first), self.start_of(last)
        while current <= end:
            yield current
            current = self.after(current)


class TimelineTooLong(ValueError):
    """The pair's dated claims span more buckets than one answer holds (``MAX_BUCKETS``)."""


class MarkKind(StrEnum):
    OPENED = "opened"
    CLOSED = "closed"


class TimelineMark(BaseModel):
    """Where a relation of one type between the pair opens (its first dated claim, or the
    first after it closed) or closes (a claim saying it ended)."""

    kind: MarkKind
    type: RelationType
    date: date
    bucket: str = Field(description="Label of the bucket the mark falls in", examples=["2019-04"])


class TimelineBucket(BaseModel):
    """The claims of one period."""

    start: date = Field(description="First day of the period")
    label: str = Field(examples=["2019-Q2"])
    cooperative: int = 0
    hostile: int = 0
    neutral: int = 0
    ended: int = Field(0, description="Claims saying a relation ended (not in the counts above)")
    by_type: dict[RelationType, int] = Field(default_factory=dict)
    by_category: dict[str, int] = Field(default_factory=dict,
                                        description="Claims per PLOVER-style event category")
    strongest: EvidenceSentence | None = Field(
        default=None, description="The bucket's strongest sentence (asserted first)")


class Timeline(BaseModel):
    """Claims between ``a`` and ``b`` per period, oldest first."""

    a: ActorRef
    b: ActorRef
    bucket: Bucket
    since: date | None = None
    until: date | None = None
    claims: int = Field(description="Dated claims counted in the buckets")
    undated: int = Field(0, description="Claims without a date (not in any bucket)")
    buckets: list[TimelineBucket] = Field(default_factory=list)
    marks: list[TimelineMark] = Field(default_factory=list)


def _pair_keys(a: str, b: str) -> list[tuple[str, str, RelationType]]:
    """Every relation key the pair can be stored under: each type, both directions."""
    keys = {relation_key(s, t, rel_type) for rel_type in RelationType for s, t in ((a, b), (b, a))}
    return sorted(keys)


def _pair_claims(store: GraphStore, a: str, b: str) -> list[Claim]:
    found = store.evidence_many(_pair_keys(a, b))
    unique = {c.id: c for claims in found.values() for c in claims}
    return sorted(unique.values(), key=lambda c: (c.when or date.min, c.ended, c.id))


def relation_timeline(
    store: GraphStore,
    a: Actor,
    b: Actor,
    *,
    bucket: Bucket = Bucket.MONTH,
    since: date | None = None,
    until: date | None = None,
) -> Timeline:
    """The pair's claims per period between ``since`` and ``until`` (both inclusive)."""
    claims = _pair_claims(store, a.id, b.id)
    dated = [c for c in claims if c.when is not None]
    undated = len(claims) - len(dated)
    if since is not None:
        dated = [c for c in dated if c.when is not None and c.when >= since]
    if until is not None:
        dated = [c for c in dated if c.when is not None and c.when <= until]
    timeline = Timeline(a=actor_ref(a), b=actor_ref(b), bucket=bucket, since=since, until=until,
                        claims=len(dated), undated=undated)
    if not dated:
        return timeline
    first = since or dated[0].when
    last = until or dated[-1].when
    assert first is not None and last is not None
    starts = list(_bounded(bucket.starts(first, last)))
    grouped: dict[date, list[Claim]] = {start: [] for start in starts}
    for claim in dated:
        assert claim.when is not None
        grouped[bucket.start_of(claim.when)].append(claim)
    lookup = EvidenceLookup(store, limit=1)
    for start in starts:
        everything = grouped[start]
        members = [c for c in everything if not c.ended]
        polarities = Counter(c.polarity for c in members)
        best = strongest_asserted(everything)
        timeline.buckets.append(TimelineBucket(
            start=start,
            label=bucket.label(start),
            cooperative=polarities[Polarity.COOPERATIVE],
            hostile=polarities[Polarity.HOSTILE],
            neutral=polarities[Polarity.NEUTRAL],
            ended=len(everything) - len(members),
            by_type=dict(sorted(Counter(c.type for c in members).items())),
            by_category=dict(sorted(Counter(c.category for c in members).items())),
            strongest=lookup.sentence(best) if best is not None else None,
        ))
    timeline.marks = [
        TimelineMark(kind=kind, type=rel_type, date=day, bucket=bucket.label(bucket.start_of(day)))
        for day, rel_type, kind in sorted(_openings_and_closings(dated),
                                          key=lambda m: (m[0], m[1], m[2] is MarkKind.CLOSED))
    ]
    return timeline


def _openings_and_closings(dated: list[Claim]) -> Iterator[tuple[date, RelationType, MarkKind]]:
    """Per relation type, oldest first: where it opens, closes and opens again.

    A claim saying the relation ended closes it when it is later than the last claim
    stating it; a stating claim after that opens it again. The last closing mark of a type
    is ``closing_date`` of the same claims (the relation's ``closed_on``)."""
    last_stated: dict[RelationType, date] = {}
    closed: set[RelationType] = set()
    for claim in dated:  # oldest first, stating before ended on one day
        day, rel_type = claim.when, claim.type
        assert day is not None
        if claim.ended:
            stated = last_stated.get(rel_type)
            if rel_type not in closed and (stated is None or day > stated):
                closed.add(rel_type)
                yield day, rel_type, MarkKind.CLOSED
            continue
        if rel_type not in last_stated or rel_type in closed:
            closed.discard(rel_type)
            yield day, rel_type, MarkKind.OPENED
        last_stated[rel_type] = day


def _bounded(starts: Iterator[date]) -> Iterator[date]:
    for count, start in enumerate(starts, 1):
        if count > MAX_BUCKETS:
            raise TimelineTooLong(
                f"the timeline would have more than {MAX_BUCKETS:,} buckets: "
                "choose a longer bucket, or narrow it with since/until"
            )
        yield start
