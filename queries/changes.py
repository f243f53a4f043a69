"""What changed in a window of time: alignments that began, ones that went silent, and flips.

* **new**: a relation whose first claim falls in the window (and that a claim in the
  window states, not only one saying it ended).
* **ended**: a relation closed in the window (``closed_on`` in it: a claim said it ended,
  later than every claim stating it), or one that went silent in the window: its last
  claim is older than the staleness at some day of the window (``last_seen + staleness``
  falls in it), and nothing came after. ``reason`` says which.
* **flips**: a pair whose dominant polarity (the larger confidence sum of cooperative or
  hostile claims) in the window is the opposite of the period of equal length before it.

Claims are dated by ``Claim.when`` (the event's date, else the article's); claims saying a
relation ended count for no polarity.

Each list is ranked by evidence strength: the noisy-or confidence of the claims that
make the change (those in the window; for an ended relation, all of its claims), and
each item shows its strongest sentence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, Field

from ..graph.aggregate import closing_date, noisy_or
from ..graph.model import Claim, Polarity, Relation, RelationType
from ..graph.store import GraphStore, strongest_asserted
from .evidence import ActorRef, EvidenceLookup, EvidenceSentence

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_STALENESS_DAYS",
    "Changes",
    "EndReason",
    "Flip",
    "RelationChange",
    "changes_between",
]

DEFAULT_STALENESS_DAYS = 180
DEFAULT_LIMIT = 50


class EndReason(StrEnum):
    CLOSED = "closed"  # a claim said the relation ended
    SILENT = "silent"  # no claim for longer than the staleness


class RelationChange(BaseModel):
    """A relation that began, closed or went silent in the window."""

    source: ActorRef
    target: ActorRef
    type: RelationType
    polarity: Polarity
    first_seen: date | None
    last_seen: date | None
    claims: int = Field(description="Claims behind the change (in the window; all, when ended)")
    strength: float = Field(description="Noisy-or confidence of those claims")
    evidence: EvidenceSentence | None = None
    closed_on: date | None = Field(default=None, description="When a claim said it ended")
    reason: EndReason | None = Field(default=None, description="Why an ended relation ended")


class Flip(BaseModel):
    """A pair whose dominant polarity turned between the period before and the window."""

    a: ActorRef
    b: ActorRef
    before: Polarity
    after: Polarity
    before_claims: int
    window_claims: int
    strength: float = Field(description="Noisy-or confidence of the window's claims")
    evidence: EvidenceSentence | None = Field(
        default=None, description="The window's strongest sentence of the new polarity")


class Changes(BaseModel):
    since: date
    until: date
    staleness_days: int
    previous_since: date = Field(description="First day of the period the flips compare with")
    new: list[RelationChange] = Field(default_factory=list)
    ended: list[RelationChange] = Field(default_factory=list)
    flips: list[Flip] = Field(default_factory=list)
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class _Window:
    since: date
    until: date

    def holds(self, day: date | None) -> bool:
        return day is not None and self.since <= day <= self.until


def _shifted(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept within the calendar (year 1 to 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def _dominant(claims: list[Claim]) -> Polarity | None:
    """The polarity with the larger confidence sum among cooperative and hostile claims."""
    weight: dict[Polarity, float] = defaultdict(float)
    for claim in claims:
        if claim.polarity is not None and not claim.ended:
            weight[claim.polarity] += claim.confidence
    cooperative, hostile = weight[Polarity.COOPERATIVE], weight[Polarity.HOSTILE]
    if cooperative == hostile:
        return None
    return Polarity.COOPERATIVE if cooperative > hostile else Polarity.HOSTILE


def changes_between(
    store: GraphStore,
    since: date,
    until: date,
    *,
    staleness_days: int = DEFAULT_STALENESS_DAYS,
    limit: int = DEFAULT_LIMIT,
) -> Changes:
    """New, ended and flipped relations of the window ``since``..``until`` (inclusive)."""
    if since > until:
        raise ValueError("'since' is after 'until'")
    window = _Window(since, until)
    previous = _Window(_shifted(since, -((until - since).days + 1)), _shifted(since, -1))
    # A relation went silent in the window when its last claim is a staleness before a day of it.
    silent_from, silent_to = _shifted(since, -staleness_days), _shifted(until, -staleness_days)
    lookup = EvidenceLookup(store, limit=1)
    answer = Changes(since=since, until=until, staleness_days=staleness_days,
                     previous_since=previous.since)

    relations = store.relations()
    began = [r for r in relations if window.holds(r.first_seen)]
    silent = [r for r in relations if r.closed_on is None
              and r.last_seen is not None and silent_from <= r.last_seen <= silent_to]
    # Flips need the claims of every relation alive in the period before or in the window;
    # so do closings (a relation closed in the window may have reopened since).
    alive = [r for r in relations if r.first_seen is not None and r.last_seen is not None
             and r.first_seen <= until and r.last_seen >= previous.since]
    lookup.prefetch([*began, *silent, *alive], all_claims=True)  # claims, articles, actors

    def change(relation: Relation, behind: list[Claim], reason: EndReason | None = None,
               shown: Claim | None = None, closed_on: date | None = None) -> RelationChange:
        best = shown or strongest_asserted(behind)
        return RelationChange(
            source=lookup.actor(relation.source), target=lookup.actor(relation.target),
            type=relation.type, polarity=relation.polarity, first_seen=relation.first_seen,
            last_seen=relation.last_seen, claims=len(behind),
            strength=noisy_or(c.confidence for c in behind),
            evidence=lookup.sentence(best) if best is not None else None,
            closed_on=closed_on, reason=reason,
        )

    new = []
    for relation in began:
        inside = [c for c in lookup.claims(relation) if window.holds(c.when)]
        if any(not c.ended for c in inside):
            new.append(change(relation, inside))

    ended = []
    for relation in alive:
        # Closed as of the window's last day (``closing_date`` of the claims up to it), on
        # a day of the window: ranked by the claims that ended it, showing the day's one.
        known = [c for c in lookup.claims(relation) if c.when is not None and c.when <= until]
        ending = [c for c in known if c.ended]
        closed_on = closing_date((c.when for c in known if not c.ended), (c.when for c in ending))
        if window.holds(closed_on):
            on_the_day = [c for c in ending if c.when == closed_on]
            ended.append(change(relation, ending, EndReason.CLOSED, strongest_asserted(on_the_day),
                                closed_on))
    ended += [change(r, lookup.claims(r), EndReason.SILENT) for r in silent]

    by_pair: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for relation in alive:
        pair = (min(relation.source, relation.target), max(relation.source, relation.target))
        by_pair[pair].extend(lookup.claims(relation))
    flips = []
    for (a, b), pair_claims in by_pair.items():
        now = [c for c in pair_claims if window.holds(c.when) and not c.ended]
        before = [c for c in pair_claims if previous.holds(c.when) and not c.ended]
        after_polarity, before_polarity = _dominant(now), _dominant(before)
        if after_polarity is None or before_polarity is None or after_polarity == before_polarity:
            continue
        best = strongest_asserted([c for c in now if c.polarity == after_polarity])
        flips.append(Flip(
            a=lookup.actor(a), b=lookup.actor(b), before=before_polarity, after=after_polarity,
            before_claims=len(before), window_claims=len(now),
            strength=noisy_or(c.confidence for c in now),
            evidence=lookup.sentence(best) if best is not None else None,
        ))

    def ranked_changes(items: list[RelationChange]) -> list[RelationChange]:
        return sorted(items, key=lambda i: (-i.strength, i.source.id, i.target.id, i.type))

    answer.new = ranked_changes(new)
    answer.ended = ranked_changes(ended)
    answer.flips = sorted(flips, key=lambda f: (-f.strength, f.a.id, f.b.id))
    answer.truncated = any(len(x) > limit for x in (answer.new, answer.ended, answer.flips))
    answer.new, answer.ended, answer.flips = (answer.new[:limit], answer.ended[:limit],
                                              answer.flips[:limit])
    return answer
