"""Opposing blocs in a signed graph (structural balance).

Cooperative relations are positive edges, hostile ones negative; neutral
ones (MEDIATES) say nothing about sides and are left out, and so are relations
that only report events between the two (a ceasefire agreed, talks held: see
``graph.model.counts_as_alignment``), which adversaries have all the time. A partition of each
connected component into two blocs *frustrates* a positive edge between the
blocs and a negative edge inside one; the best partition frustrates the
fewest edges. That number (the frustration index) is 0 exactly when the
component is balanced — the friends of my friends are my friends and so on.

Finding the minimum is NP-hard in general, so a component of at most
``exact_limit`` actors is solved exactly (branch and bound seeded with the
local-search answer) and a larger one by deterministic local search from the
better of two starts: a greedy breadth-first assignment and the signs of the
leading eigenvector of the signed adjacency matrix (a spectral start).
Every function takes the graph first; edges carry a ``sign`` attribute of
+1 or -1 and may be parallel (a ``MultiGraph``: each relation counts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import Literal

import networkx as nx
from pydantic import BaseModel, Field

from ..graph.model import Actor, Relation, RelationType
from ..graph.store import GraphStore
from .evidence import ActorRef, actor_ref
from .neighbourhood import bounded_subgraph
from .search import resolve_actor

__all__ = [
    "EXACT_LIMIT",
    "MAX_ACTORS",
    "BlocOut",
    "BlocsOut",
    "BlocsRequestError",
    "FrustratedEdge",
    "Partition",
    "balanced_partition",
    "find_blocs",
    "frustrated_edges",
    "frustration",
    "signed_graph",
]

EXACT_LIMIT = 20
MAX_ACTORS = 100


class BlocsRequestError(ValueError):
    """The actors to partition are given wrongly (none, too few, too many, or both ways)."""


class BlocOut(BaseModel):
    members: list[ActorRef]
    component: int = Field(description="blocs with the same component oppose each other")


class FrustratedEdge(BaseModel):
    source: str
    target: str
    type: RelationType


class BlocsOut(BaseModel):
    blocs: list[BlocOut]
    frustration: int = Field(description="relations that contradict the partition")
    frustrated: list[FrustratedEdge]
    unaligned: list[ActorRef] = Field(
        description="actors with no cooperative or hostile relation among those asked about"
    )
    method: Literal["exact", "local_search"]
    truncated: bool = False


class Partition(BaseModel):
    """The answer with what it was computed from: the actors and relations considered."""

    answer: BlocsOut
    members: dict[str, Actor]
    relations: list[Relation]


def find_blocs(store: GraphStore, *, actors: Sequence[str] = (), around: str | None = None,
               depth: int = 2) -> Partition:
    """Opposing blocs among ``actors`` (2 to ``MAX_ACTORS`` references), or among every
    actor within ``depth`` hops of ``around``; the first bloc holds the first actor named.

    References resolve as everywhere (``resolve_actor``: ``ActorNotFound`` when one
    names no actor); ``BlocsRequestError`` when the actors are given wrongly.
    """
    if not actors and not around:
        raise BlocsRequestError(
            "Say which actors to partition: give around=ACTOR (one actor and its "
            "neighbourhood, e.g. around=Haftar&depth=2) or actors=A,B,... (a list, e.g. "
            "actors=Turkey,GNA,Russia,LNA).")
    if actors and around:
        raise BlocsRequestError("Give either 'actors' (a list) or 'around' (one actor), not both.")
    truncated = False
    if around:
        centre = resolve_actor(store, around, given_as="the 'around' parameter")
        anchor = centre.id
        hood = bounded_subgraph(store, [centre.id], depth, closed=True)
        members, relations, truncated = hood.actors, hood.relations, hood.truncated
    else:
        members, relations = _among(store, list(actors))
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
    answer = BlocsOut(
        blocs=out, frustration=len(frustrated), frustrated=frustrated,
        unaligned=sorted(unaligned, key=lambda a: (a.name.casefold(), a.id)),
        method="exact" if exact else "local_search", truncated=truncated,
    )
    return Partition(answer=answer, members=members, relations=relations)


def _among(store: GraphStore, refs: list[str]) -> tuple[dict[str, Actor], list[Relation]]:
    if len(refs) < 2:
        raise BlocsRequestError("'actors' needs at least two actors.")
    if len(refs) > MAX_ACTORS:
        raise BlocsRequestError(f"'actors' takes at most {MAX_ACTORS} actors.")
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


def _refs(members: dict[str, Actor], ids: list[Node]) -> list[ActorRef]:
    refs = [actor_ref(members[str(i)]) for i in ids if str(i) in members]
    return sorted(refs, key=lambda a: (a.name.casefold(), a.id))

Node = Hashable
Side = dict[Node, int]


def signed_graph(relations: Iterable[Relation]) -> nx.MultiGraph:
    """A ``MultiGraph`` of the relations that are evidence of alignment, one edge each,
    keyed by type (``Relation.alignment_sign``: neither neutral ones nor events).

    Parameters
    ----------
    relations : iterable of Relation

    Returns
    -------
    MultiGraph with edge attributes ``sign`` (+1/-1) and ``relation``.

    Examples
    --------
    >>> from conflictgraph.graph.model import Relation, RelationType as T
    >>> rel = lambda s, t, ty: Relation(source=s, target=t, type=ty, polarity=ty.polarity,
    ...                                 evidence_count=1, confidence=0.8)
    >>> G = signed_graph([rel("a", "b", T.SUPPORTS), rel("b", "c", T.MEDIATES)])
    >>> sorted(G.edges(data="sign"))
    [('a', 'b', 1)]
    """
    graph = nx.MultiGraph()
    for rel in sorted(relations, key=lambda r: r.key):
        sign = rel.alignment_sign
        if sign:
            graph.add_edge(rel.source, rel.target, key=rel.type.value, sign=sign, relation=rel)
    return graph


def _blocs_to_side(blocs: Iterable[Iterable[Node]]) -> dict[Node, int]:
    side: dict[Node, int] = {}
    for index, bloc in enumerate(blocs):
        for node in bloc:
            side[node] = index
    return side


def frustrated_edges(G: nx.Graph, blocs: Iterable[Iterable[Node]]) -> list[tuple[Node, ...]]:
    """Edges that contradict a partition: positive across blocs, negative within one.

    Nodes outside every bloc are ignored, and so are their edges. Edges come
    as ``(u, v)``, or ``(u, v, key)`` in a multigraph.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", sign=1); G.add_edge("b", "c", sign=-1); G.add_edge("a", "c", sign=1)
    >>> frustrated_edges(G, [{"a", "b"}, {"c"}])
    [('a', 'c')]
    """
    side = _blocs_to_side(blocs)
    edges = (G.edges(keys=True, data="sign") if G.is_multigraph()
             else ((u, v, None, s) for u, v, s in G.edges(data="sign")))
    bad: list[tuple[Node, ...]] = []
    for u, v, key, sign in edges:
        if u not in side or v not in side:
            continue
        same = side[u] == side[v]
        if (sign > 0 and not same) or (sign < 0 and same):
            bad.append((u, v) if key is None else (u, v, key))
    return bad


def frustration(G: nx.Graph, blocs: Iterable[Iterable[Node]]) -> int:
    """How many edges contradict the partition ``blocs`` (a list of node sets).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("turkey", "gna", sign=1); G.add_edge("gna", "lna", sign=-1)
    >>> frustration(G, [{"turkey", "gna"}, {"lna"}])
    0
    >>> frustration(G, [{"turkey", "gna", "lna"}])
    1
    """
    return len(frustrated_edges(G, blocs))


def balanced_partition(
    G: nx.Graph,
    *,
    exact_limit: int = EXACT_LIMIT,
    anchor: Node | None = None,
) -> tuple[list[tuple[list[Node], list[Node]]], bool]:
    """Split each connected component into the two blocs that frustrate fewest edges.

    Parameters
    ----------
    G : Graph or MultiGraph
        Edges carry ``sign`` = +1 or -1.
    exact_limit : int
        Components with at most this many nodes are solved exactly.
    anchor : node, optional
        Its component comes first, and its bloc first within it.

    Returns
    -------
    (components, exact)
        ``components`` is a list of ``(bloc, opposing_bloc)`` pairs of sorted node
        lists (the opposing bloc may be empty), the anchor's component first, then
        larger components first. ``exact`` is True when every component was
        solved exactly.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> for u, v, s in [("turkey", "gna", 1), ("gna", "lna", -1), ("russia", "lna", 1),
    ...                 ("uae", "lna", 1), ("haftar", "lna", 1)]:
    ...     _ = G.add_edge(u, v, sign=s)
    >>> parts, exact = balanced_partition(G, anchor="turkey")
    >>> parts
    [(['gna', 'turkey'], ['haftar', 'lna', 'russia', 'uae'])]
    >>> exact, frustration(G, parts[0])
    (True, 0)
    """
    components = [sorted(c, key=str) for c in nx.connected_components(G)]
    components.sort(key=lambda c: (anchor not in c, -len(c), str(c[0])))
    pairs = []
    all_exact = True
    for nodes in components:
        costs = _pair_costs(G, nodes)
        starts = [_greedy_start(nodes, costs), _spectral_start(nodes, costs)]
        side = min((_local_search(nodes, costs, start) for start in starts),
                   key=lambda s: _total(s, costs))
        if len(nodes) <= exact_limit:
            side = _branch_and_bound(nodes, costs, side)
        else:
            all_exact = False
        first = anchor if anchor in side else nodes[0]
        mine = sorted((n for n in nodes if side[n] == side[first]), key=str)
        theirs = sorted((n for n in nodes if side[n] != side[first]), key=str)
        pairs.append((mine, theirs))
    return pairs, all_exact


# -- solvers --------------------------------------------------------------------------
# costs[u][v] = (cost if u and v share a bloc, cost if they do not)
Costs = dict[Node, dict[Node, tuple[int, int]]]


def _pair_costs(G: nx.Graph, nodes: Sequence[Node]) -> Costs:
    costs: dict[Node, dict[Node, list[int]]] = {n: defaultdict(lambda: [0, 0]) for n in nodes}
    for u, v, sign in G.subgraph(nodes).edges(data="sign"):
        if u == v:
            continue
        slot = 0 if sign < 0 else 1  # negative hurts together, positive hurts apart
        costs[u][v][slot] += 1
        costs[v][u][slot] += 1
    return {u: {v: (c[0], c[1]) for v, c in sorted(nbrs.items(), key=lambda i: str(i[0]))}
            for u, nbrs in costs.items()}


def _cost_of(node: Node, value: int, side: Side, costs: Costs) -> int:
    total = 0
    for other, (together, apart) in costs[node].items():
        if other in side:
            total += together if side[other] == value else apart
    return total


def _total(side: Side, costs: Costs) -> int:
    return sum(_cost_of(n, side[n], side, costs) for n in side) // 2


def _greedy_start(nodes: Sequence[Node], costs: Costs) -> Side:
    """Breadth-first from the best-connected node, each node joining its cheaper side."""
    start = min(nodes, key=lambda n: (-len(costs[n]), str(n)))
    side: Side = {}
    order = [start, *(v for _, v in nx.bfs_edges(_as_graph(costs), start, sort_neighbors=sorted))]
    for node in order:
        zero, one = _cost_of(node, 0, side, costs), _cost_of(node, 1, side, costs)
        side[node] = 0 if zero <= one else 1
    return side


def _spectral_start(nodes: Sequence[Node], costs: Costs, iterations: int = 300) -> Side:
    """Signs of the leading eigenvector of the signed adjacency matrix (power iteration).

    On a balanced component this vector is positive on one bloc and negative
    on the other, so it sees the global split that one-node flips cannot
    reach from a bad start. The matrix is shifted by the largest degree so the
    iteration converges to the algebraically largest eigenvalue.
    """
    weight = {u: {v: apart - together for v, (together, apart) in nbrs.items()}
              for u, nbrs in costs.items()}
    shift = max((sum(abs(w) for w in nbrs.values()) for nbrs in weight.values()), default=0) or 1
    count = len(nodes)
    vector = {n: 1.0 + i / count for i, n in enumerate(nodes)}
    for _ in range(iterations):
        nxt = {u: shift * vector[u] + sum(w * vector[v] for v, w in weight[u].items())
               for u in nodes}
        norm = max(abs(x) for x in nxt.values()) or 1.0
        vector = {u: x / norm for u, x in nxt.items()}
    return {n: 0 if vector[n] >= 0 else 1 for n in nodes}


def _as_graph(costs: Costs) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(costs)
    graph.add_edges_from((u, v) for u, nbrs in costs.items() for v in nbrs)
    return graph


def _local_search(nodes: Sequence[Node], costs: Costs, side: Side) -> Side:
    """Flip the node that removes the most frustration until no flip helps."""
    side = dict(side)
    while True:
        best_gain, best_node = 0, None
        for node in nodes:
            here = _cost_of(node, side[node], side, costs)
            there = _cost_of(node, 1 - side[node], side, costs)
            if here - there > best_gain:
                best_gain, best_node = here - there, node
        if best_node is None:
            return side
        side[best_node] = 1 - side[best_node]


def _branch_and_bound(nodes: Sequence[Node], costs: Costs, incumbent: Side) -> Side:
    """Exact minimum, starting from a known partition as the bound to beat."""
    best_cost, best_side = _total(incumbent, costs), dict(incumbent)
    if best_cost == 0:
        return best_side
    start = nodes[0]
    order = [start, *(v for _, v in nx.bfs_edges(_as_graph(costs), start, sort_neighbors=sorted))]
    side: Side = {}

    def place(index: int, cost: int) -> None:
        nonlocal best_cost, best_side
        if cost >= best_cost:
            return
        if index == len(order):
            best_cost, best_side = cost, dict(side)
            return
        node = order[index]
        values = [0] if index == 0 else [0, 1]
        options = sorted((cost + _cost_of(node, v, side, costs), v) for v in values)
        for new_cost, value in options:
            side[node] = value
            place(index + 1, new_cost)
            del side[node]

    place(0, 0)
    return best_side
