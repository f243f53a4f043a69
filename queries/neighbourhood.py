"""Bounded neighbourhoods: the only way query code reads more than one actor's edges.

Why not ``store.relations()``: on Neo4j that is a full-graph load, and a
request must cost in proportion to what it looks at. Every analysis here
(alignment, paths, blocs, the visualisation graph) starts from a few seed
actors and walks outwards a fixed number of hops, with a cap on the number
of actors, through ``GraphStore.neighbours`` — so it works the same on both
stores.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from pydantic import BaseModel, Field

from ..graph.model import Actor, Relation, RelationType
from ..graph.store import GraphStore

__all__ = [
    "DEFAULT_HUB_DEGREE",
    "DEFAULT_MAX_NODES",
    "DEFAULT_PER_NODE",
    "Neighbourhood",
    "bounded_subgraph",
    "undirected_view",
]

# Enough for any regional conflict; a hub such as "United States" is cut here.
DEFAULT_MAX_NODES = 400
# Relations read per actor walked through, strongest first: a hub has tens of thousands,
# and reading them all made one request cost seconds on a 100k-actor graph.
DEFAULT_PER_NODE = 50
# Actors with more relations than this are reached but not walked through (the seeds
# always are): even their strongest few cost a read of every relation they have
# (~4 µs each on Neo4j), and a path through a hub still shows when the hub is within
# reach of both ends.
DEFAULT_HUB_DEGREE = 200


class Neighbourhood(BaseModel):
    """Actors around some seeds and the relations found among them."""

    seeds: list[str]
    actors: dict[str, Actor] = Field(default_factory=dict)
    relations: list[Relation] = Field(default_factory=list)
    truncated: bool = Field(
        default=False, description="True when the actor cap stopped the walk early"
    )


def bounded_subgraph(
    store: GraphStore,
    seeds: Iterable[str],
    depth: int,
    *,
    types: Iterable[RelationType] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    closed: bool = False,
    with_actors: bool = True,
    per_node: int | None = DEFAULT_PER_NODE,
    hub_degree: int | None = DEFAULT_HUB_DEGREE,
) -> Neighbourhood:
    """Walk ``depth`` hops out from ``seeds`` and collect what was seen.

    Relations are those touching an actor within ``depth - 1`` hops (the ones
    whose neighbours were fetched); ``closed=True`` also fetches the outer
    ring's relations and keeps those among seen actors, so the result is the
    induced subgraph (what a picture of the neighbourhood needs).

    The walk is deterministic (frontiers are visited in id order) and stops
    adding actors at ``max_nodes``, setting ``truncated``. Each actor walked
    through contributes at most its ``per_node`` strongest relations (``None``:
    all), which also sets ``truncated`` when it cuts; actors other than the seeds
    with more than ``hub_degree`` relations are not walked through (``None``: all
    are), which sets ``truncated`` too. ``with_actors=False``
    skips reading the actors themselves (callers that only need some of them).
    """
    wanted = sorted(set(types)) if types else None
    seed_ids = list(dict.fromkeys(seeds))
    seen: list[str] = list(seed_ids)
    seen_set: set[str] = set(seed_ids)
    relations: dict[tuple[str, str, RelationType], Relation] = {}
    frontier = sorted(seen_set)
    expanded: set[str] = set()
    truncated = False
    for _ in range(max(depth, 0)):
        next_frontier: set[str] = set()
        frontier, hubs = _split_hubs(store, frontier, seed_ids, wanted, hub_degree)
        truncated |= bool(hubs)
        expanded.update(hubs)  # reached, never walked: the closed ring must skip them too
        level = store.neighbours_of(frontier, types=wanted, strongest=per_node)
        truncated |= per_node is not None and any(len(r) >= per_node for r in level.values())
        for node in frontier:
            expanded.add(node)
            for rel in level.get(node, []):
                other = rel.target if rel.source == node else rel.source
                if other not in seen_set:
                    if len(seen_set) >= max_nodes:
                        truncated = True
                        continue
                    seen_set.add(other)
                    seen.append(other)
                    next_frontier.add(other)
                relations[rel.key] = rel
        frontier = sorted(next_frontier)
        if not frontier:
            break
    if closed:
        rest, hubs = _split_hubs(store, sorted(seen_set - expanded), seed_ids, wanted, hub_degree)
        truncated |= bool(hubs)
        for rels in store.neighbours_of(rest, types=wanted, strongest=per_node).values():
            for rel in rels:
                if rel.source in seen_set and rel.target in seen_set:
                    relations[rel.key] = rel
    if not with_actors:
        return Neighbourhood(seeds=seed_ids, actors={}, truncated=truncated,
                             relations=sorted(relations.values(), key=lambda r: r.key))
    found = store.get_actors(seen)
    actors = {actor_id: found[actor_id] for actor_id in seen if actor_id in found}
    kept = [r for r in relations.values() if r.source in actors and r.target in actors]
    return Neighbourhood(
        seeds=[s for s in seed_ids if s in actors],
        actors=actors,
        relations=sorted(kept, key=lambda r: r.key),
        truncated=truncated,
    )


def _split_hubs(store: GraphStore, frontier: list[str], seeds: list[str],
                wanted: list[RelationType] | None,
                hub_degree: int | None) -> tuple[list[str], list[str]]:
    """(actors to walk through, hubs to leave unwalked); seeds are always walked."""
    candidates = [a for a in frontier if a not in seeds]
    if hub_degree is None or not candidates:
        return frontier, []
    degrees = store.degrees(candidates, types=wanted)
    hubs = {a for a in candidates if degrees.get(a, 0) > hub_degree}
    return [a for a in frontier if a not in hubs], sorted(hubs)


def undirected_view(relations: Iterable[Relation]) -> nx.Graph:
    """One undirected edge per actor pair, holding every relation between them.

    ``G[u][v]["relations"]`` lists the stored relations (with their own
    direction), strongest first, so path search sees a simple graph while
    each hop can still report what the store says.
    """
    graph = nx.Graph()
    for rel in relations:
        if graph.has_edge(rel.source, rel.target):
            graph[rel.source][rel.target]["relations"].append(rel)
        else:
            graph.add_edge(rel.source, rel.target, relations=[rel])
    for _, _, data in graph.edges(data=True):
        data["relations"].sort(key=lambda r: (-r.confidence, -r.evidence_count, r.type.value))
    return graph
