"""One actor at a glance: aliases, relation counts, and its strongest relations."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from ..graph.model import Actor, ActorKind, DatasetName, Polarity, Relation, RelationType
from ..graph.store import GraphStore
from .evidence import ActorRef, EvidenceLookup

__all__ = ["DETAIL_RELATIONS", "ActorDetail", "RelationSummary", "actor_detail", "direction_from"]

DETAIL_RELATIONS = 50
RelationDirection = Literal["out", "in", "mutual"]


class RelationSummary(BaseModel):
    """One relation seen from the actor asked about."""

    other: ActorRef
    type: RelationType
    direction: RelationDirection = Field(
        description="out: the actor is the subject; in: the object; mutual: a symmetric type"
    )
    polarity: Polarity
    confidence: float
    evidence_count: int
    first_seen: date | None = None
    last_seen: date | None = None
    closed_on: date | None = Field(default=None, description="when the relation was said to end")


class ActorDetail(BaseModel):
    id: str
    name: str
    kind: ActorKind
    aliases: list[str]
    country: str | None = None
    dataset_names: list[DatasetName] = Field(
        default_factory=list,
        description="Names datasets give this actor, each with why it was matched "
                    "(code, pattern, exact, alias, store, fuzzy with its score, or new)",
    )
    relation_count: int
    by_type: dict[str, int] = Field(description="relations per type",
                                    examples=[{"ALLIED_WITH": 2, "LEADS": 1}])
    by_polarity: dict[str, int] = Field(examples=[{"cooperative": 3, "hostile": 1}])
    relations: list[RelationSummary] = Field(description="strongest first, at most 50")


def direction_from(rel: Relation, actor_id: str) -> RelationDirection:
    """How ``rel`` reads from ``actor_id``: its subject (out), its object (in), or mutual."""
    if rel.type.symmetric:
        return "mutual"
    return "out" if rel.source == actor_id else "in"


def strongest(relations: list[Relation]) -> list[Relation]:
    return sorted(relations, key=lambda r: (-r.confidence, -r.evidence_count, r.key))


def actor_detail(store: GraphStore, actor: Actor, *, relations: list[Relation] | None = None,
                 lookup: EvidenceLookup | None = None) -> ActorDetail:
    """The actor with its relation counts and its ``DETAIL_RELATIONS`` strongest relations
    (``relations``: all of the actor's, when the caller has read them already)."""
    if relations is None:
        relations = store.neighbours(actor.id)
    lookup = lookup or EvidenceLookup(store, actors={actor.id: actor})
    ranked = strongest(relations)[:DETAIL_RELATIONS]
    lookup.prefetch((), {i for r in ranked for i in (r.source, r.target)})
    return ActorDetail(
        id=actor.id, name=actor.name, kind=actor.kind, aliases=actor.aliases,
        country=actor.country, dataset_names=actor.dataset_names, relation_count=len(relations),
        by_type=dict(sorted(Counter(r.type.value for r in relations).items())),
        by_polarity=dict(sorted(Counter(r.polarity.value for r in relations).items())),
        relations=[
            RelationSummary(
                other=lookup.actor(r.target if r.source == actor.id else r.source),
                type=r.type, direction=direction_from(r, actor.id),
                polarity=r.polarity, confidence=r.confidence, evidence_count=r.evidence_count,
                first_seen=r.first_seen, last_seen=r.last_seen, closed_on=r.closed_on,
            )
            for r in ranked
        ],
    )
