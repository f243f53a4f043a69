"""The brief view of an answer: one flat item per actor or hop, one sentence of evidence.

The full answers (allies with their explaining paths, paths with every hop's
sentences) repeat actors and evidence; a person reading a table, or a client
showing a list, wants who, how, how strongly, and one sentence with where it
comes from. Each function here turns a full answer into its brief view, so the
API's ``view=brief`` and ``conflictgraph ask`` print the same thing.

In an item, ``relation`` and ``direction`` describe the stated relation that
reaches the listed actor from the actor before it (the actor asked about, or
the previous actor on the path, or in ``via``): ``out`` when that actor is the
subject, ``in`` when it is the object, ``mutual`` for a symmetric type.
``strength`` is the relation's confidence, or for an inferred alignment the
product of the confidences along the best path. ``sources`` counts the
independent sources of that stated relation by origin, as the full answers do.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from ..graph.model import ActorKind, Origin, Polarity, Relation, RelationType
from .actors import ActorDetail, RelationDirection, direction_from, strongest
from .alignment import AlignmentItem, AlignmentResult, Reason
from .blocs import Partition
from .evidence import ActorRef, EvidenceLookup, EvidenceSentence, Hop
from .paths import PathResult
from .supporters import Backing, SupportResult

__all__ = [
    "BriefActor",
    "BriefBlocMember",
    "BriefBlocs",
    "BriefEvidence",
    "BriefHop",
    "BriefItem",
    "BriefList",
    "BriefPath",
    "BriefPaths",
    "brief_actor",
    "brief_alignment",
    "brief_blocs",
    "brief_paths",
    "brief_support",
]


class BriefEvidence(BaseModel):
    """One sentence and the article it comes from."""

    sentence: str = Field(examples=["Turkey is a main supporter of the U.N.-recognized "
                                    "government in Tripoli."])
    title: str | None = Field(default=None, examples=["UN Mediator 'Very Optimistic' About "
                                                      "Latest Steps in Libya Peace Talks"])
    url: str | None = None
    published: date | None = Field(default=None, examples=["2020-10-21"])
    source: str | None = Field(default=None, examples=["VOA"])


_SOURCES = ("independent sources behind the stated relation by origin: distinct articles "
            "(text), distinct records (each dataset)")


class BriefHop(BaseModel):
    """The actor a hop reaches: who, by which relation, how strongly, one sentence."""

    id: str = Field(examples=["libyan-national-army"])
    name: str = Field(examples=["Libyan National Army"])
    kind: ActorKind = ActorKind.OTHER
    relation: RelationType = Field(description="the stated relation that reaches this actor")
    direction: RelationDirection = Field(description=(
        "out: the actor before this one is the subject; in: it is the object; mutual: a "
        "symmetric type"))
    strength: float = Field(description="confidence, or the product along the path")
    sources: dict[Origin, int] = Field(default_factory=dict, description=_SOURCES)
    evidence: BriefEvidence | None = None


class BriefItem(BriefHop):
    """One actor of a list: a hop from the actor asked about, or the last hop of a path."""

    reason: Reason | None = Field(default=None, description="allies and adversaries: why")
    via: list[str] = Field(default_factory=list, description=(
        "names of the actors between the one asked about and this one"))


class BriefList(BaseModel):
    """Allies, adversaries, supporters or supported actors, brief."""

    actor: ActorRef
    items: list[BriefItem]
    total: int
    offset: int = 0
    truncated: bool = False


class BriefActor(BaseModel):
    id: str
    name: str
    kind: ActorKind
    aliases: list[str]
    country: str | None = None
    relation_count: int
    items: list[BriefItem] = Field(description="its strongest relations, at most 50")


class BriefPath(BaseModel):
    polarity: Polarity
    strength: float = Field(description="product of the hop confidences")
    hops: list[BriefHop] = Field(description="the actors reached, in order from the source")


class BriefPaths(BaseModel):
    source: ActorRef
    target: ActorRef
    paths: list[BriefPath]
    message: str | None = None
    truncated: bool = False


class BriefBlocMember(BaseModel):
    """An actor with its bloc and the strongest relation that puts it there."""

    id: str
    name: str
    kind: ActorKind = ActorKind.OTHER
    bloc: int = Field(description="1-based; the first bloc holds the first actor named")
    component: int = Field(description="blocs with the same component oppose each other")
    relation: RelationType | None = None
    direction: RelationDirection | None = None
    other: str | None = Field(default=None, description="the actor at the relation's other end")
    strength: float | None = None
    sources: dict[Origin, int] = Field(default_factory=dict, description=_SOURCES)
    evidence: BriefEvidence | None = None


class BriefBlocs(BaseModel):
    members: list[BriefBlocMember]
    frustration: int
    unaligned: list[str] = Field(description="names of actors on no side")
    method: Literal["exact", "local_search"]
    truncated: bool = False


def _evidence(sentences: list[EvidenceSentence]) -> BriefEvidence | None:
    if not sentences:
        return None
    best = sentences[0]
    return BriefEvidence(sentence=best.sentence, title=best.article.title, url=best.article.url,
                         published=best.published or best.article.published,
                         source=best.article.source)


def _hop_direction(hop: Hop) -> RelationDirection:
    if hop.type.symmetric:
        return "mutual"
    return "out" if hop.direction == "forward" else "in"


def _hop_item(hop: Hop) -> BriefHop:
    return BriefHop(id=hop.target.id, name=hop.target.name, kind=hop.target.kind,
                    relation=hop.type, direction=_hop_direction(hop), strength=hop.confidence,
                    sources=hop.sources, evidence=_evidence(hop.evidence))


def _alignment_item(item: AlignmentItem) -> BriefItem:
    best = item.paths[0]
    last = best.hops[-1]
    return BriefItem(id=item.actor.id, name=item.actor.name, kind=item.actor.kind,
                     relation=last.type, direction=_hop_direction(last), strength=item.score,
                     reason=best.reason, via=[hop.target.name for hop in best.hops[:-1]],
                     sources=last.sources, evidence=_evidence(last.evidence))


def brief_alignment(result: AlignmentResult) -> BriefList:
    """Allies or adversaries: each actor with the last hop of its best explaining path."""
    return BriefList(actor=result.actor, items=[_alignment_item(i) for i in result.items],
                     total=result.total, offset=result.offset, truncated=result.truncated)


def brief_support(result: SupportResult) -> BriefList:
    direction: RelationDirection = "in" if result.backing is Backing.SUPPORTERS else "out"
    items = [
        BriefItem(id=i.actor.id, name=i.actor.name, kind=i.actor.kind, relation=i.type,
                  direction="mutual" if i.type.symmetric else direction,
                  strength=i.confidence, sources=i.sources, evidence=_evidence(i.evidence))
        for i in result.items
    ]
    return BriefList(actor=result.actor, items=items, total=result.total, offset=result.offset,
                     truncated=result.truncated)


def brief_paths(result: PathResult) -> BriefPaths:
    return BriefPaths(
        source=result.source, target=result.target, message=result.message,
        truncated=result.truncated,
        paths=[BriefPath(polarity=p.polarity, strength=p.score,
                         hops=[_hop_item(hop) for hop in p.hops]) for p in result.paths],
    )


def brief_actor(detail: ActorDetail, relations: list[Relation],
                lookup: EvidenceLookup) -> BriefActor:
    """The actor and its strongest relations (``detail.relations``, read from ``relations``),
    each with one sentence."""
    ranked = strongest(relations)[:len(detail.relations)]
    lookup.prefetch(ranked)
    items = []
    for rel in ranked:
        other = lookup.actor(rel.target if rel.source == detail.id else rel.source)
        items.append(BriefItem(id=other.id, name=other.name, kind=other.kind, relation=rel.type,
                               direction=direction_from(rel, detail.id),
                               strength=rel.confidence, sources=rel.sources,
                               evidence=_evidence(lookup.sentences(rel, limit=1))))
    return BriefActor(id=detail.id, name=detail.name, kind=detail.kind, aliases=detail.aliases,
                      country=detail.country, relation_count=detail.relation_count, items=items)


def brief_blocs(partition: Partition, lookup: EvidenceLookup) -> BriefBlocs:
    """Each member with its bloc and its strongest relation that agrees with the partition
    (cooperative within its bloc, hostile across)."""
    answer = partition.answer
    bloc_of: dict[str, tuple[int, int]] = {}
    for index, bloc in enumerate(answer.blocs, start=1):
        for member in bloc.members:
            bloc_of[member.id] = (index, bloc.component)
    agreeing: dict[str, Relation] = {}
    for rel in strongest(partition.relations):
        if rel.source not in bloc_of or rel.target not in bloc_of or not rel.alignment_sign:
            continue
        together = bloc_of[rel.source][0] == bloc_of[rel.target][0]
        if together == (rel.alignment_sign > 0):
            for end in (rel.source, rel.target):
                agreeing.setdefault(end, rel)
    lookup.prefetch(agreeing.values(), bloc_of)
    members = []
    for bloc in answer.blocs:
        for member in bloc.members:
            index, component = bloc_of[member.id]
            tie = agreeing.get(member.id)
            entry = BriefBlocMember(id=member.id, name=member.name, kind=member.kind, bloc=index,
                                    component=component)
            if tie is not None:
                other = tie.target if tie.source == member.id else tie.source
                entry = entry.model_copy(update={
                    "relation": tie.type, "direction": direction_from(tie, member.id),
                    "other": lookup.actor(other).name, "strength": tie.confidence,
                    "sources": tie.sources,
                    "evidence": _evidence(lookup.sentences(tie, limit=1)),
                })
            members.append(entry)
    return BriefBlocs(members=members, frustration=answer.frustration,
                      unaligned=[a.name for a in answer.unaligned], method=answer.method,
                      truncated=answer.truncated)
