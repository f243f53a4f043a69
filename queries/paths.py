"""Signed paths between two actors: how are they connected, and on which side?

Paths are searched on the undirected view (a relation links its two actors
whichever way it was stated) of a bounded neighbourhood: the source's ball
of radius ⌈max_hops/2⌉ and the target's of ⌊max_hops/2⌋, which together
hold every path of at most ``max_hops`` hops. Each hop reports the stored
relation it follows and whether it is walked forward or backward.

A path's sign is the product of its hop signs (structural balance): the
friend of an enemy is hostile, the enemy of an enemy cooperative, and a
neutral hop (MEDIATES) makes the whole path neutral.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import pairwise

import networkx as nx
from pydantic import BaseModel, Field

from ..graph.model import Polarity, Relation, RelationType
from ..graph.store import GraphStore
from .evidence import ActorRef, EvidenceLookup, Hop
from .neighbourhood import DEFAULT_HUB_DEGREE, DEFAULT_MAX_NODES, bounded_subgraph, undirected_view

__all__ = [
    "MAX_HOPS",
    "PathResult",
    "SignedPath",
    "path_polarity",
    "path_sign",
    "signed_paths",
]

MAX_HOPS = 6
# Candidate paths examined at most per request, whatever the filters.
_MAX_EXAMINED = 500
_POLARITY_OF_SIGN = {1: Polarity.COOPERATIVE, -1: Polarity.HOSTILE, 0: Polarity.NEUTRAL}


class SignedPath(BaseModel):
    length: int = Field(description="number of hops")
    sign: int = Field(description="+1 cooperative, -1 hostile, 0 neutral")
    polarity: Polarity
    score: float = Field(description="product of the hop confidences")
    actors: list[ActorRef]
    hops: list[Hop]


class PathResult(BaseModel):
    source: ActorRef
    target: ActorRef
    paths: list[SignedPath]
    message: str | None = Field(default=None, description="why the list is empty, when it is")
    truncated: bool = False


def path_sign(relations: Iterable[Relation]) -> int:
    """Product of the hop signs: 1, -1, or 0 as soon as one hop is neutral.

    >>> from conflictgraph.graph.model import Relation
    >>> def rel(t): return Relation(source="a", target="b", type=t, polarity=t.polarity,
    ...                             evidence_count=1, confidence=0.8)
    >>> path_sign([rel(RelationType.SUPPORTS), rel(RelationType.OPPOSES)])
    -1
    >>> path_sign([rel(RelationType.OPPOSES), rel(RelationType.OPPOSES)])
    1
    >>> path_sign([rel(RelationType.SUPPORTS), rel(RelationType.MEDIATES)])
    0
    """
    sign = 1
    for rel in relations:
        sign *= rel.polarity.sign
    return sign


def path_polarity(sign: int) -> Polarity:
    return _POLARITY_OF_SIGN[sign]


def signed_paths(
    store: GraphStore,
    source_id: str,
    target_id: str,
    *,
    max_hops: int = 4,
    k: int = 5,
    types: Sequence[RelationType] | None = None,
    polarity: Polarity | None = None,
    evidence_limit: int = 3,
    max_nodes: int = DEFAULT_MAX_NODES,
    hub_degree: int | None = DEFAULT_HUB_DEGREE,
) -> PathResult:
    """Up to ``k`` shortest simple paths of at most ``max_hops`` hops, shortest first.

    ``types`` restricts the relations a path may follow; ``polarity`` keeps
    only paths of that overall sign. Among paths of equal length the more
    confident come first. An empty list comes with a ``message``. The two
    walks do not enter actors with more than ``hub_degree`` relations (see
    ``bounded_subgraph``): a path through a hub is still found when the hub is
    within reach of both ends.
    """
    if not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max_hops must be between 1 and {MAX_HOPS}")
    if source_id == target_id:
        raise ValueError("source and target are the same actor")
    polarity = Polarity(polarity) if polarity is not None else None
    wanted = sorted({RelationType(t) for t in types}) if types else None
    # Actors are read only for the paths returned (the prefetch below), not for the balls.
    around_source = bounded_subgraph(store, [source_id], math.ceil(max_hops / 2),
                                     types=wanted, max_nodes=max_nodes, with_actors=False,
                                     hub_degree=hub_degree)
    around_target = bounded_subgraph(store, [target_id], max_hops // 2,
                                     types=wanted, max_nodes=max_nodes, with_actors=False,
                                     hub_degree=hub_degree)
    relations = {r.key: r for r in [*around_source.relations, *around_target.relations]}
    graph = undirected_view(sorted(relations.values(), key=lambda r: r.key))

    found: list[tuple[int, float, list[str], list[Relation]]] = []
    if source_id in graph and target_id in graph:
        found = _collect(graph, source_id, target_id, max_hops, k, polarity)
    found.sort(key=lambda f: (len(f[2]), -f[1], f[2]))
    lookup = EvidenceLookup(store, limit=evidence_limit)
    lookup.prefetch([rel for _, _, _, rels in found[:k] for rel in rels], [source_id, target_id])
    result = PathResult(source=lookup.actor(source_id), target=lookup.actor(target_id), paths=[],
                        truncated=around_source.truncated or around_target.truncated)
    for sign, score, nodes, rels in found[:k]:
        result.paths.append(SignedPath(
            length=len(rels),
            sign=sign,
            polarity=path_polarity(sign),
            score=score,
            actors=[lookup.actor(n) for n in nodes],
            hops=[lookup.hop(rel, start) for start, rel in zip(nodes, rels, strict=False)],
        ))
    if not result.paths:
        kind = f"{polarity.value} " if polarity else ""
        result.message = (
            f"no {kind}path of at most {max_hops} hops links {result.source.name} "
            f"and {result.target.name}"
        )
    return result


def _collect(
    graph: nx.Graph,
    source: str,
    target: str,
    max_hops: int,
    k: int,
    polarity: Polarity | None,
) -> list[tuple[int, float, list[str], list[Relation]]]:
    """Enumerate shortest simple paths; keep all ties of the k-th path's length."""
    found: list[tuple[int, float, list[str], list[Relation]]] = []
    try:
        for examined, nodes in enumerate(nx.shortest_simple_paths(graph, source, target)):
            hops = len(nodes) - 1
            if hops > max_hops or examined >= _MAX_EXAMINED:
                break
            if len(found) >= k and hops > len(found[-1][2]) - 1:
                break
            rels = [graph[a][b]["relations"][0] for a, b in pairwise(nodes)]
            sign = path_sign(rels)
            if polarity is not None and path_polarity(sign) is not polarity:
                continue
            score = round(math.prod(r.confidence for r in rels), 6)
            found.append((sign, score, list(nodes), rels))
    except nx.NetworkXNoPath:
        return found
    return found
