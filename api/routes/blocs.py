"""Opposing blocs among a set of actors or around one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...graph.model import Actor, Relation
from ...graph.store import GraphStore
from ...queries.blocs import balanced_partition, frustrated_edges, signed_graph
from ...queries.evidence import ActorRef, actor_ref
from ...queries.neighbourhood import bounded_subgraph
from ...queries.search import resolve_actor
from ..deps import StoreDep
from ..errors import ApiProblem
from ..examples import GNA, HAFTAR, LNA, RUSSIA, TURKEY, UAE, json_example, problem_examples
from ..params import parse_list
from ..schemas import BlocOut, BlocsOut, FrustratedEdge

router = APIRouter(tags=["blocs"])

MAX_ACTORS = 100
_EXAMPLE = {
    "blocs": [{"members": [GNA, TURKEY], "component": 0},
              {"members": [HAFTAR, LNA, RUSSIA, UAE], "component": 0}],
    "frustration": 0, "frustrated": [], "unaligned": [], "method": "exact", "truncated": False,
}


@router.get(
    "/blocs", response_model=BlocsOut, summary="Partition actors into opposing blocs",
    responses={200: json_example(_EXAMPLE), **problem_examples(404, 422, 503)},
)
def blocs(
    store: StoreDep,
    actors: Annotated[list[str] | None, Query(
        description="actors to partition, comma-separated or repeated (ids, names or aliases)",
        examples=["Turkey,GNA,Russia,UAE,LNA,Haftar"],
    )] = None,
    around: Annotated[str | None, Query(max_length=300, description="or: every actor near this one",
                                        examples=["Haftar"])] = None,
    depth: Annotated[int, Query(ge=1, le=3, description="hops out from 'around'")] = 2,
) -> BlocsOut:
    """Signed-graph partition: cooperative relations pull together, hostile ones apart.

    Neutral relations (MEDIATES) are ignored; actors with no other relation are
    ``unaligned``. ``frustration`` counts the relations the partition contradicts
    (0: perfectly balanced). Each connected component is split on its own (blocs
    sharing a ``component`` oppose each other): exactly up to 20 actors, by
    deterministic local search beyond.
    """
    listed = bool(parse_list(actors))
    if not listed and not around:
        raise ApiProblem(
            422, "Say which actors to partition: give around=ACTOR (one actor and its "
                 "neighbourhood, e.g. around=Haftar&depth=2) or actors=A,B,... (a list, e.g. "
                 "actors=Turkey,GNA,Russia,LNA).",
            slug="invalid-request")
    if listed and around:
        raise ApiProblem(422, "Give either 'actors' (a list) or 'around' (one actor), not both.",
                         slug="invalid-request")
    anchor: str | None = None
    truncated = False
    if around:
        centre = resolve_actor(store, around, given_as="the 'around' parameter")
        anchor = centre.id
        hood = bounded_subgraph(store, [centre.id], depth, closed=True)
        members, relations, truncated = hood.actors, hood.relations, hood.truncated
    else:
        members, relations = _among(store, parse_list(actors))
        anchor = next(iter(members))
    graph = signed_graph(relations)
    parts, exact = balanced_partition(graph, anchor=anchor)
    out: list[BlocOut] = []
    for index, pair in enumerate(parts):
        out.extend(BlocOut(members=_refs(members, side), component=index) for side in pair if side)
    frustrated = []
    for u, v, key in frustrated_edges(graph, [side for pair in parts for side in pair]):
        rel: Relation = graph.edges[u, v, key]["relation"]
        frustrated.append(FrustratedEdge(source=rel.source, target=rel.target, type=rel.type))
    unaligned = [actor_ref(a) for i, a in members.items() if i not in graph]
    return BlocsOut(
        blocs=out, frustration=len(frustrated), frustrated=frustrated,
        unaligned=sorted(unaligned, key=lambda a: (a.name.casefold(), a.id)),
        method="exact" if exact else "local_search", truncated=truncated,
    )


def _among(store: GraphStore, refs: list[str]) -> tuple[dict[str, Actor], list[Relation]]:
    if len(refs) < 2:
        raise ApiProblem(422, "'actors' needs at least two actors.", slug="invalid-request")
    if len(refs) > MAX_ACTORS:
        raise ApiProblem(422, f"'actors' takes at most {MAX_ACTORS} actors.",
                         slug="invalid-request")
    members: dict[str, Actor] = {}
    for ref in refs:
        actor = resolve_actor(store, ref, given_as="an item of the 'actors' parameter")
        members.setdefault(actor.id, actor)
    relations = {
        rel.key: rel
        for actor_id in members
        for rel in store.neighbours(actor_id)
        if rel.source in members and rel.target in members
    }
    return members, sorted(relations.values(), key=lambda r: r.key)


def _refs(members: dict[str, Actor], ids: list[object]) -> list[ActorRef]:
    refs = [actor_ref(members[str(i)]) for i in ids if str(i) in members]
    return sorted(refs, key=lambda a: (a.name.casefold(), a.id))
