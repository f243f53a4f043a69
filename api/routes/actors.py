"""Actors: fuzzy search, detail, relations with evidence, allies, adversaries, supporters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ...graph.model import ActorKind, Direction
from ...queries.actors import ActorDetail, direction_from
from ...queries.actors import actor_detail as read_actor_detail
from ...queries.alignment import DEFAULT_LIMIT, AlignmentResult, adversaries, allies
from ...queries.brief import BriefActor, BriefList, brief_actor, brief_alignment, brief_support
from ...queries.evidence import EvidenceLookup, actor_ref
from ...queries.search import ActorPage, search_actors
from ...queries.supporters import Backing, SupportResult, support
from ..deps import ActorDep, StoreDep, ViewDep
from ..examples import (
    GNA,
    GNA_LNA_HOP,
    HAFTAR,
    LEADS_HOP,
    LNA,
    RUSSIA,
    RUSSIA_HOP,
    TURKEY,
    TURKEY_HOP,
    UAE,
    brief_evidence,
    json_example,
    problem_examples,
    views_example,
)
from ..params import View, ViewParam, parse_types
from ..responses import model_response
from ..schemas import RelationOut, RelationsOut

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get(
    "", response_model=ActorPage, summary="Search actors by name or alias",
    responses={200: json_example({"items": [{**UAE, "aliases": ["the Emirates", "UAE"],
                                             "country": "AE", "score": 100.0, "matched": "UAE"}],
                                  "total": 1}),
               **problem_examples(422, 503)},
)
def search(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=300, description="name or alias, fuzzy",
                                   examples=["UAE"])] = None,
    kind: Annotated[ActorKind | None, Query(examples=["state"])] = None,
    limit: Annotated[int, Query(ge=1, le=200, examples=[20])] = 20,
    offset: Annotated[int, Query(ge=0, examples=[0])] = 0,
) -> ActorPage:
    """Ranked: exact name or alias, then prefix, then whole word, then fuzzy (rapidfuzz).

    Without ``q``, every actor (of ``kind``) in name order.
    """
    return search_actors(store, q, kind=kind, limit=limit, offset=offset)


@router.get(
    "/{ref}", response_model=ActorDetail | BriefActor,
    summary="An actor with aliases and relation summary",
    responses={
        200: json_example({
            **HAFTAR, "aliases": ["Haftar", "Khalifa Hifter"], "country": "LY",
            "relation_count": 1, "by_type": {"LEADS": 1}, "by_polarity": {"cooperative": 1},
            "relations": [{"other": LNA, "type": "LEADS", "direction": "out",
                           "polarity": "cooperative", "confidence": 0.85, "evidence_count": 1,
                           "first_seen": "2020-10-21", "last_seen": "2020-10-21"}],
        }),
        **problem_examples(404, 503),
    },
)
def actor_detail(actor: ActorDep, store: StoreDep, view: ViewParam = View.FULL) -> Response:
    """``ref`` is an id, a name or an alias, any case ("Haftar", "UAE", "the Emirates").

    ``view=brief``: the actor and its strongest relations, each with one sentence.
    """
    relations = store.neighbours(actor.id)
    lookup = EvidenceLookup(store, limit=1, actors={actor.id: actor})
    detail = read_actor_detail(store, actor, relations=relations, lookup=lookup)
    if view is View.BRIEF:
        return model_response(brief_actor(detail, relations, lookup))
    return model_response(detail)


@router.get(
    "/{ref}/relations", response_model=RelationsOut, summary="Relations with their evidence",
    responses={
        200: json_example({
            "actor": RUSSIA, "total": 1,
            "items": [{"source": LNA, "target": RUSSIA, "type": "ALLIED_WITH",
                       "polarity": "cooperative", "direction": "mutual", "confidence": 0.85,
                       "evidence_count": 1, "alignment_count": 1, "alignment_confidence": 0.85,
                       "sources": {"text": 1},
                       "first_seen": "2020-10-21", "last_seen": "2020-10-21",
                       "evidence": RUSSIA_HOP["evidence"]}],
        }),
        **problem_examples(404, 422, 503),
    },
)
def actor_relations(
    actor: ActorDep,
    store: ViewDep,
    type: Annotated[list[str] | None, Query(
        description="relation types, comma-separated or repeated", examples=["SUPPORTS,OPPOSES"],
    )] = None,
    direction: Annotated[Direction, Query(
        description="out: the actor is the subject; in: the object (symmetric types match both)",
    )] = Direction.BOTH,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0, examples=[0.5])] = 0.0,
    evidence_limit: Annotated[int, Query(ge=0, le=50, description="sentences per relation")] = 5,
) -> RelationsOut:
    """Each relation with its strongest evidence sentences and the articles they come from.

    ``as_of``, or ``since``/``until``: each relation as the claims dated inside the
    window state it (count, dates, confidence and sentences); relations without such
    claims are left out.
    """
    relations = store.neighbours(actor.id, types=parse_types(type, name="type"),
                                 direction=direction, min_confidence=min_confidence)
    lookup = EvidenceLookup(store, limit=evidence_limit, actors={actor.id: actor})
    lookup.prefetch(relations)
    items = [
        RelationOut(
            source=lookup.actor(r.source), target=lookup.actor(r.target), type=r.type,
            polarity=r.polarity, direction=direction_from(r, actor.id), confidence=r.confidence,
            evidence_count=r.evidence_count, alignment_count=r.alignment_count,
            alignment_confidence=r.alignment_confidence, sources=r.sources, first_seen=r.first_seen,
            last_seen=r.last_seen, closed_on=r.closed_on,
            evidence=lookup.sentences(r, limit=evidence_limit),
        )
        for r in sorted(relations, key=lambda r: (-r.confidence, r.key))
    ]
    return RelationsOut(actor=actor_ref(actor), items=items, total=len(items))


_ALLY_EXAMPLE = {
    "actor": HAFTAR, "truncated": False,
    "items": [
        {"actor": LNA, "basis": "direct", "via_leadership": True, "reasons": ["leadership"],
         "score": 0.85, "paths": [{"reason": "leadership", "via_leadership": True,
                                   "score": 0.85, "hops": [LEADS_HOP]}]},
        {"actor": RUSSIA, "basis": "direct", "via_leadership": True, "reasons": ["direct"],
         "score": 0.7225, "paths": [{"reason": "direct", "via_leadership": True,
                                     "score": 0.7225, "hops": [LEADS_HOP, RUSSIA_HOP]}]},
    ],
}
_ADVERSARY_EXAMPLE = {
    "actor": TURKEY, "truncated": False,
    "items": [{"actor": LNA, "basis": "inferred", "via_leadership": False,
               "reasons": ["enemy_of_friend"], "score": 0.6456,
               "paths": [{"reason": "enemy_of_friend", "via_leadership": False, "score": 0.6456,
                          "hops": [TURKEY_HOP, GNA_LNA_HOP]}]}],
}
_ALLY_BRIEF = {
    "actor": HAFTAR, "total": 3, "offset": 0, "truncated": False,
    "items": [{**RUSSIA, "relation": "ALLIED_WITH", "direction": "mutual", "strength": 0.7225,
               "reason": "direct", "via": ["Libyan National Army"],
               "evidence": brief_evidence(RUSSIA_HOP["evidence"][0]["sentence"])}],
}
_ADVERSARY_BRIEF = {
    "actor": TURKEY, "total": 2, "offset": 0, "truncated": False,
    "items": [{**LNA, "relation": "OPPOSES", "direction": "mutual", "strength": 0.6456,
               "reason": "enemy_of_friend", "via": ["Government of National Accord"],
               "evidence": brief_evidence(GNA_LNA_HOP["evidence"][0]["sentence"])}],
}
AlignmentLimit = Annotated[
    int, Query(ge=1, le=1000, description="Most items returned, best first (see `total`).")
]
AlignmentOffset = Annotated[
    int, Query(ge=0, le=10_000, description="Items to skip, to page through `total`.")
]
_ALIGNMENT_DOC = """
Direct items come from relations stated between the two (SUPPORTS, ALLIED_WITH,
COOPERATES for allies; OPPOSES for adversaries, either direction). Inferred
items follow structural balance over two hops (friend of a friend, enemy of
an enemy → ally; friend of an enemy, enemy of a friend → adversary). A
leader and the force he leads share alignments (``via_leadership``). Each
item lists up to three explaining paths, each hop with its evidence.
"""


@router.get("/{ref}/allies", response_model=AlignmentResult | BriefList,
            summary="Allies, stated and inferred", description=_ALIGNMENT_DOC,
            responses={200: views_example(_ALLY_EXAMPLE, _ALLY_BRIEF),
                       **problem_examples(404, 422, 503)})
def actor_allies(actor: ActorDep, store: ViewDep, limit: AlignmentLimit = DEFAULT_LIMIT,
                 offset: AlignmentOffset = 0, view: ViewParam = View.FULL) -> Response:
    result = allies(store, actor.id, limit=limit, offset=offset, actor=actor,
                    evidence_limit=1 if view is View.BRIEF else 3)
    return model_response(brief_alignment(result) if view is View.BRIEF else result)


@router.get("/{ref}/adversaries", response_model=AlignmentResult | BriefList,
            summary="Adversaries, stated and inferred", description=_ALIGNMENT_DOC,
            responses={200: views_example(_ADVERSARY_EXAMPLE, _ADVERSARY_BRIEF),
                       **problem_examples(404, 422, 503)})
def actor_adversaries(actor: ActorDep, store: ViewDep, limit: AlignmentLimit = DEFAULT_LIMIT,
                      offset: AlignmentOffset = 0, view: ViewParam = View.FULL) -> Response:
    result = adversaries(store, actor.id, limit=limit, offset=offset, actor=actor,
                         evidence_limit=1 if view is View.BRIEF else 3)
    return model_response(brief_alignment(result) if view is View.BRIEF else result)


_SUPPORTERS_EXAMPLE = {
    "actor": GNA, "backing": "supporters", "total": 1, "offset": 0, "truncated": False,
    "items": [{"actor": TURKEY, "type": "SUPPORTS", "confidence": 0.807, "evidence_count": 1,
               "first_seen": "2020-10-21", "last_seen": "2020-10-21",
               "evidence": TURKEY_HOP["evidence"]}],
}
_SUPPORT_DOC = """
A supporter is an actor stated to SUPPORT this one, or allied with it (ALLIED_WITH:
an alliance is backing both ways); ``/supported`` lists the inverse, the actors this
one SUPPORTS or is allied with. Strongest first (confidence, then how many sentences
state it), each with up to three sentences of evidence.
"""


def _support(actor: ActorDep, store: ViewDep, backing: Backing, limit: int, offset: int,
             view: View) -> Response:
    result = support(store, actor, backing, limit=limit, offset=offset,
                     evidence_limit=1 if view is View.BRIEF else 3)
    return model_response(brief_support(result) if view is View.BRIEF else result)


@router.get("/{ref}/supporters", response_model=SupportResult | BriefList,
            summary="Who backs this actor", description=_SUPPORT_DOC,
            responses={200: json_example(_SUPPORTERS_EXAMPLE), **problem_examples(404, 422, 503)})
def actor_supporters(actor: ActorDep, store: ViewDep, limit: AlignmentLimit = DEFAULT_LIMIT,
                     offset: AlignmentOffset = 0, view: ViewParam = View.FULL) -> Response:
    return _support(actor, store, Backing.SUPPORTERS, limit, offset, view)


@router.get("/{ref}/supported", response_model=SupportResult | BriefList,
            summary="Whom this actor backs", description=_SUPPORT_DOC,
            responses={200: json_example({**_SUPPORTERS_EXAMPLE, "actor": TURKEY,
                                          "backing": "supported",
                                          "items": [{**_SUPPORTERS_EXAMPLE["items"][0],  # type: ignore[index]
                                                     "actor": GNA}]}),
                       **problem_examples(404, 422, 503)})
def actor_supported(actor: ActorDep, store: ViewDep, limit: AlignmentLimit = DEFAULT_LIMIT,
                    offset: AlignmentOffset = 0, view: ViewParam = View.FULL) -> Response:
    return _support(actor, store, Backing.SUPPORTED, limit, offset, view)


__all__ = ["router"]
