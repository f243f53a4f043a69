"""Supporters of an actor, and the actors it supports: stated backing with its evidence.

A supporter of X is an actor stated to SUPPORT X, or allied with X (an alliance
is backing both ways), as in the cookbook's ``supporters`` query. The inverse,
what X supports, is X's SUPPORTS relations and its alliances. Items rank by
strength: the relation's confidence, then how many sentences state it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from ..graph.model import Actor, Direction, Origin, Relation, RelationType
from ..graph.store import GraphStore
from .evidence import ActorRef, EvidenceLookup, EvidenceSentence

__all__ = [
    "BACKING_TYPES",
    "Backing",
    "SupportItem",
    "SupportResult",
    "support",
]

BACKING_TYPES = (RelationType.SUPPORTS, RelationType.ALLIED_WITH)
DEFAULT_LIMIT = 25


class Backing(StrEnum):
    """Which side of the backing the answer lists."""

    SUPPORTERS = "supporters"  # who backs the actor
    SUPPORTED = "supported"  # whom the actor backs


class SupportItem(BaseModel):
    actor: ActorRef
    type: RelationType = Field(description="SUPPORTS, or ALLIED_WITH (backing both ways)")
    confidence: float
    evidence_count: int
    sources: dict[Origin, int] = Field(default_factory=dict, description=(
        "independent sources behind the relation by origin: distinct articles (text), "
        "distinct records (acled, ucdp, gdelt, polecat)"), examples=[{"text": 3, "acled": 2}])
    first_seen: date | None = None
    last_seen: date | None = None
    evidence: list[EvidenceSentence] = Field(description="the strongest sentences, at most 3")


class SupportResult(BaseModel):
    actor: ActorRef
    backing: Backing
    items: list[SupportItem]
    total: int = Field(description="backers (or backed actors) found, before the item limit")
    offset: int = 0
    truncated: bool = Field(default=False, description="more items follow the limit")


def support(store: GraphStore, actor: Actor, backing: Backing = Backing.SUPPORTERS, *,
            limit: int = DEFAULT_LIMIT, offset: int = 0, evidence_limit: int = 3,
            lookup: EvidenceLookup | None = None) -> SupportResult:
    """The actor's supporters (or the actors it supports), strongest first."""
    if limit < 1 or offset < 0:
        raise ValueError("limit must be positive and offset not negative")
    direction = Direction.IN if backing is Backing.SUPPORTERS else Direction.OUT
    # A closed relation (a later claim said the backing ended) backs nobody now.
    relations = [r for r in store.neighbours(actor.id, types=BACKING_TYPES, direction=direction)
                 if r.current]
    ranked = sorted(relations, key=lambda r: (-r.confidence, -r.evidence_count, r.key))
    page = ranked[offset:offset + limit]
    lookup = lookup or EvidenceLookup(store, limit=evidence_limit, actors={actor.id: actor})
    lookup.prefetch(page)

    def other(rel: Relation) -> str:
        return rel.target if rel.source == actor.id else rel.source

    items = [
        SupportItem(actor=lookup.actor(other(r)), type=r.type, confidence=r.confidence,
                    evidence_count=r.evidence_count, sources=r.sources, first_seen=r.first_seen,
                    last_seen=r.last_seen, evidence=lookup.sentences(r))
        for r in page
    ]
    return SupportResult(actor=lookup.actor(actor.id), backing=backing, items=items,
                         total=len(ranked), offset=offset,
                         truncated=len(ranked) > offset + limit)
