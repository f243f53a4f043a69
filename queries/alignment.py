"""Allies and adversaries of an actor: stated, inferred, and shared through leadership.

Only evidence of alignment counts (``graph.model.counts_as_alignment``): hostile
claims, stated alliances and memberships, and backing or working together
(SUPPORT, AID, COOPERATE). An agreement, talks, a concession or a withdrawal
(AGREE, CONSULT, CONCEDE, RETREAT) is an event between the parties, often
adversaries agreeing a ceasefire: it makes nobody an ally, directly or on the way.

Direct alignments are relations the articles state (SUPPORTS, ALLIED_WITH,
COOPERATES, MEMBER_OF for allies; OPPOSES for adversaries), in either direction.
Inferred ones follow structural balance over two hops: the friend of a friend
(``shared_backer`` when one actor backs both, ``same_coalition`` when both are
members of one, else ``same_side``) and the enemy of an enemy are allies; the
friend of an enemy and the enemy of a friend are adversaries. A common enemy makes
allies only in the same conflict (``SameConflict``): one article reports both
fights, or the two actors are of one country; "RSF opposes the US, the US opposes
the Houthis", two unrelated reports, makes no ally. So with an adversary through a
backing that is not the actor's own: the protégé of an enemy ("the US backs
Ukraine") and the enemy of a backer ("the UAE, which backs the RSF, fights the
Houthis") are adversaries only in the same conflict; the backers of an opponent
and the opponents of the side one backs always are. A person and the force he
leads (LEADS, either way) share their alignments, so the allies of Khalifa Haftar
include the backers of the Libyan National Army; such items say ``via_leadership``.

Every item carries the paths that explain it, each hop with its evidence
sentences. An inference never contradicts a statement: an actor stated to be
an adversary is not listed as an inferred ally, and vice versa.

The work reads a bounded neighbourhood, never the whole graph, and costs the
same for a hub as for a small actor: the ``max_direct`` strongest relations of
the actor, the ``PER_PARTNER`` strongest of each of the ``MAX_LEADERSHIP``
strongest actors it leads or is led by, then the ``PER_MIDDLE`` strongest
relations of the ``MAX_MIDDLES`` strongest intermediaries. An intermediary
with more than ``HUB_DEGREE`` alignments is not walked through: "both are
backed by the United States" says little about two actors, and walking a hub
reads thousands of relations. Whatever a cap leaves out sets ``truncated``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, Field

from ..graph.model import Actor, Relation, RelationType
from ..graph.store import GraphStore
from .evidence import ActorRef, ArticleRef, EvidenceLookup, Hop
from .neighbourhood import DEFAULT_HUB_DEGREE, DEFAULT_MAX_NODES

__all__ = [
    "ALIGNMENT_TYPES",
    "DEFAULT_LIMIT",
    "AlignmentItem",
    "AlignmentResult",
    "Explanation",
    "SameConflict",
    "adversaries",
    "alignment",
    "allies",
]

ALIGNMENT_TYPES = frozenset({
    RelationType.SUPPORTS, RelationType.ALLIED_WITH, RelationType.COOPERATES,
    RelationType.MEMBER_OF, RelationType.OPPOSES,
})
_ALIGNMENT_TYPES = sorted(ALIGNMENT_TYPES)
# Items with explanations per answer (``offset`` pages on; ``total`` tells how many exist).
# Each item carries up to three paths with their evidence sentences: 100 items made a
# 300-700 kB answer, and most of a request's time went into reading its evidence.
DEFAULT_LIMIT = 25
# Caps that keep a request's cost flat at any graph size (measured on a 100k-actor graph on
# Neo4j: reading an actor's strongest relations costs ~4 µs per relation it has, so a walk
# through hubs costed seconds).
HUB_DEGREE = DEFAULT_HUB_DEGREE  # intermediaries with more alignments are not walked through
MAX_MIDDLES = 30  # intermediaries walked through, strongest first
PER_MIDDLE = 30  # relations read per intermediary, strongest first
# The asked actor shares the alignments of its MAX_LEADERSHIP strongest leadership partners;
# an actor reached on the way with more LEADS relations than this shares none. (A synthetic
# government leading 707 actors made one request read 69,531 relations and take 26 s.)
MAX_LEADERSHIP = 20
PER_PARTNER = 50  # relations read per leadership partner of the asked actor, strongest first

Reason = Literal[
    "direct", "leadership", "same_side", "shared_backer", "same_coalition", "enemy_of_enemy",
    "friend_of_enemy", "enemy_of_friend",
]
_INFERRED_REASON: dict[tuple[int, int], Reason] = {
    (1, 1): "same_side",
    (-1, -1): "enemy_of_enemy",
    (-1, 1): "friend_of_enemy",
    (1, -1): "enemy_of_friend",
}
Step = tuple[str, Relation]  # (the actor walked from, the relation walked along)
# What puts two fights against one enemy in one conflict: ("article", its id) when one
# article reports both, ("country", its code) when the two actors are of one country.
Link = tuple[Literal["article", "country"], str]


class SameConflict(BaseModel):
    """Why the two hops of an inference are one conflict (two fights against one enemy, or
    a backing and a fight)."""

    kind: Literal["article", "country"] = Field(description=(
        "article: one article reports both hops; country: the two actors are of one country"))
    article: ArticleRef | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")


class Explanation(BaseModel):
    """One path that explains an alignment, walked from the actor asked about."""

    reason: Reason = Field(description=(
        "direct: stated; leadership: leads or is led by; shared_backer: one actor backs "
        "both; same_coalition: both are members of one coalition or group; same_side: "
        "another friend of a friend (e.g. both back the same side); enemy_of_enemy: both "
        "fight one enemy in the same conflict (see same_conflict); friend_of_enemy; "
        "enemy_of_friend"
    ))
    via_leadership: bool
    score: float = Field(description=(
        "product of the hop confidences (each counting only the claims that are evidence "
        "of alignment)"))
    same_conflict: SameConflict | None = Field(default=None, description=(
        "enemy_of_enemy, and an adversary through an enemy's protégé or a backer's enemy: "
        "what puts the two hops in one conflict"))
    hops: list[Hop]


class AlignmentItem(BaseModel):
    actor: ActorRef
    basis: Literal["direct", "inferred"]
    via_leadership: bool = Field(description=(
        "the best explanation passes through a LEADS relation: a leader and the force he "
        "leads share alignments"
    ))
    reasons: list[Reason]
    score: float
    paths: list[Explanation]


class AlignmentResult(BaseModel):
    actor: ActorRef
    items: list[AlignmentItem]
    total: int = Field(default=0, description="aligned actors found, before the item limit")
    offset: int = Field(default=0, description="items skipped before the first one returned")
    truncated: bool = Field(default=False,
                            description="a cap cut the walk (relations per actor, "
                                        "intermediaries, hubs not walked through) "
                                        "or the items at the limit; total is then a lower bound")
    hubs_not_walked: int = Field(default=0, description=(
        "intermediaries, and leadership partners other than the strongest, with more than "
        "HUB_DEGREE alignments that inference did not walk through"))


@dataclass(frozen=True)
class _Candidate:
    other: str
    basis: Literal["direct", "inferred"]
    reason: Reason
    via_leadership: bool
    steps: tuple[Step, ...]
    link: Link | None = None  # what puts both hops in one conflict (``_needs_one_conflict``)

    # Cached: a hub's request ranks thousands of candidates, several times each.
    @cached_property
    def score(self) -> float:
        value = 1.0
        for _, rel in self.steps:
            value *= rel.alignment_confidence
        return round(value, 6)

    @cached_property
    def path_key(self) -> tuple[tuple[str, str, str, str], ...]:
        return tuple((start, *rel.key) for start, rel in self.steps)

    def strength(self) -> tuple[bool, bool, float]:
        """How an aligned actor ranks by this explanation: direct first, own before via
        leadership, then by score."""
        return (self.basis != "direct", self.via_leadership, -self.score)

    def rank(self) -> tuple[bool, bool, float, str, tuple[tuple[str, str, str, str], ...]]:
        return (*self.strength(), self.reason, self.path_key)


def allies(store: GraphStore, actor_id: str, *, max_paths: int = 3, evidence_limit: int = 3,
           max_nodes: int = DEFAULT_MAX_NODES, limit: int = DEFAULT_LIMIT, offset: int = 0,
           actor: Actor | None = None) -> AlignmentResult:
    """Actors aligned with ``actor_id``; see ``alignment``."""
    return alignment(store, actor_id, sign=1, max_paths=max_paths, evidence_limit=evidence_limit,
                     max_nodes=max_nodes, limit=limit, offset=offset, actor=actor)


def adversaries(store: GraphStore, actor_id: str, *, max_paths: int = 3, evidence_limit: int = 3,
                max_nodes: int = DEFAULT_MAX_NODES, limit: int = DEFAULT_LIMIT, offset: int = 0,
                actor: Actor | None = None) -> AlignmentResult:
    """Actors opposed to ``actor_id``; see ``alignment``."""
    return alignment(store, actor_id, sign=-1, max_paths=max_paths,
                     evidence_limit=evidence_limit, max_nodes=max_nodes, limit=limit,
                     offset=offset, actor=actor)


def alignment(
    store: GraphStore,
    actor_id: str,
    *,
    sign: int,
    max_paths: int = 3,
    evidence_limit: int = 3,
    max_nodes: int = DEFAULT_MAX_NODES,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    actor: Actor | None = None,
) -> AlignmentResult:
    """Allies (``sign=1``) or adversaries (``sign=-1``) of an actor, best first.

    Items are ordered: direct before inferred, own before via leadership,
    then by score (the product of the confidences along the best path); the
    ``limit`` items after the first ``offset`` are returned (pages are cut in
    that order, ties by id, and each page lists its ties by name). ``actor`` is the
    actor itself when the caller has read it already. Raises ``KeyError`` when the
    actor is not in the store.
    """
    if sign not in (1, -1):
        raise ValueError("sign must be 1 (allies) or -1 (adversaries)")
    if limit < 1 or offset < 0:
        raise ValueError("limit must be positive and offset not negative")
    if actor is None or actor.id != actor_id:
        actor = store.get_actor(actor_id)
    if actor is None:
        raise KeyError(actor_id)
    partners, more_partners = _leadership(store, actor_id)
    group = {actor_id, *(p for p, _ in partners)}
    walked_partners = _partners_to_walk(store, partners)
    partner_hubs = len(partners) - len(walked_partners)
    walk = _walk(store, actor_id, walked_partners, group=group, max_direct=max_nodes)
    adjacency: dict[str, list[tuple[str, Relation, int]]] = defaultdict(list)
    for rel in walk.relations:
        sign_of_rel = rel.alignment_sign
        if not sign_of_rel:
            continue  # only events between the two (a ceasefire, talks): no alignment
        adjacency[rel.source].append((rel.target, rel, sign_of_rel))
        adjacency[rel.target].append((rel.source, rel, sign_of_rel))

    found: list[_Candidate] = []
    pending: list[_Candidate] = []  # inferences that wait for a link to one conflict
    stated: dict[int, set[str]] = {1: set(), -1: set()}
    starts: list[tuple[str, tuple[Step, ...]]] = [(actor_id, ())]
    starts += [(p, ((actor_id, rel),)) for p, rel in partners]
    for start, prefix in starts:
        via = bool(prefix)
        for middle, first, s1 in adjacency[start]:
            if middle in group:
                continue
            stated[s1].add(middle)
            if s1 == sign:
                found.append(_Candidate(middle, "direct", "direct", via, (*prefix, (start, first))))
            for other, second, s2 in adjacency[middle]:
                if other in group or other == middle:
                    continue
                if s1 * s2 == sign:
                    cand = _Candidate(other, "inferred", _reason(middle, first, second, s1, s2),
                                      via, (*prefix, (start, first), (middle, second)))
                    (pending if _needs_one_conflict(cand) else found).append(cand)
    if sign == 1:
        found += [_Candidate(p, "direct", "leadership", True, ((actor_id, rel),))
                  for p, rel in partners]
    # An inference never overrides a stated alignment of the opposite sign.
    found = [c for c in found if c.basis == "direct" or c.other not in stated[-sign]]
    found += _in_one_conflict(store, [c for c in pending if c.other not in stated[-sign]],
                              actor)
    found += _spread_to_partners(store, found, group | stated[-sign], limit=offset + limit)

    lookup = EvidenceLookup(store, limit=evidence_limit, actors={actor_id: actor})
    by_actor: dict[str, list[_Candidate]] = defaultdict(list)
    for cand in found:
        by_actor[cand.other].append(cand)
    # An actor ranks by its best explanation. Cut by strength first, so explanations are
    # sorted and names read only for the items returned; ties at the cut are settled by
    # id, ties inside it by name.
    strength = {other: min(c.strength() for c in cands) for other, cands in by_actor.items()}
    ranked = sorted(by_actor, key=lambda other: (*strength[other], other))
    kept = [(other, _best_paths(by_actor[other], max_paths)) for other in ranked[offset:offset + limit]]
    # Names, claims, articles and actors of what is returned, in four reads.
    lookup.prefetch([rel for _, unique in kept for c in unique for _, rel in c.steps],
                    [other for other, _ in kept])
    kept.sort(key=lambda entry: (*strength[entry[0]], lookup.actor(entry[0]).name.casefold(),
                                 entry[0]))
    items = [
        AlignmentItem(
            actor=lookup.actor(other),
            basis=unique[0].basis,
            via_leadership=unique[0].via_leadership,
            reasons=sorted({c.reason for c in by_actor[other]}),
            score=unique[0].score,
            paths=[_explain(lookup, c) for c in unique],
        )
        for other, unique in kept
    ]
    return AlignmentResult(actor=lookup.actor(actor_id), items=items, total=len(ranked),
                           offset=offset,
                           truncated=(walk.truncated or more_partners or partner_hubs > 0
                                      or len(ranked) > offset + limit),
                           hubs_not_walked=walk.hubs_not_walked + partner_hubs)


def _reason(middle: str, first: Relation, second: Relation, s1: int, s2: int) -> Reason:
    """Why two hops through ``middle`` make an ally or an adversary."""
    if s1 == s2 == 1:
        if all(r.type is RelationType.SUPPORTS and r.source == middle for r in (first, second)):
            return "shared_backer"
        if all(r.type is RelationType.MEMBER_OF and r.target == middle for r in (first, second)):
            return "same_coalition"
    return _INFERRED_REASON[(s1, s2)]


def _needs_one_conflict(cand: _Candidate) -> bool:
    """An inference that holds only when its two hops are in one conflict: a common enemy,
    an enemy's protégé (the enemy backs the other), a backer's enemy (the middle backs the
    actor and fights the other). The backers of an opponent, and the opponents of the side
    the actor backs or is allied with, need no more."""
    (_, first), (middle, second) = cand.steps[-2], cand.steps[-1]
    if cand.reason == "enemy_of_enemy":
        return True
    if cand.reason == "friend_of_enemy":
        return second.type is RelationType.SUPPORTS and second.source == middle
    if cand.reason == "enemy_of_friend":
        return first.type is RelationType.SUPPORTS and first.source == middle
    return False


def _in_one_conflict(store: GraphStore, cands: list[_Candidate],
                     actor: Actor) -> list[_Candidate]:
    """The candidates whose two hops are in one conflict, each with the link that says
    so: the two actors are of one country, or one article reports both hops. Two reads at
    most: the actors, and the articles of the pairs left."""
    if not cands:
        return []
    ends = {end for c in cands for end in (c.steps[-2][0], c.other)}
    known = store.get_actors(ends - {actor.id})
    known[actor.id] = actor
    linked: list[_Candidate] = []
    unlinked: list[_Candidate] = []
    for cand in cands:
        start, other = known.get(cand.steps[-2][0]), known.get(cand.other)
        country = start.country if start is not None else None
        if country and other is not None and other.country == country:
            linked.append(_with_link(cand, ("country", country)))
        else:
            unlinked.append(cand)
    pairs = {(c.steps[-2][1].key, c.steps[-1][1].key) for c in unlinked}
    shared = store.shared_articles(sorted(pairs)) if pairs else {}
    for cand in unlinked:
        article = shared.get((cand.steps[-2][1].key, cand.steps[-1][1].key))
        if article is not None:
            linked.append(_with_link(cand, ("article", article)))
    return linked


def _with_link(cand: _Candidate, link: Link) -> _Candidate:
    return _Candidate(cand.other, cand.basis, cand.reason, cand.via_leadership, cand.steps, link)


def _best_paths(cands: list[_Candidate], max_paths: int) -> list[_Candidate]:
    """The ``max_paths`` best explanations of one aligned actor, each path once."""
    unique: list[_Candidate] = []
    seen_paths = set()
    for cand in sorted(cands, key=_Candidate.rank):
        if cand.path_key not in seen_paths:
            seen_paths.add(cand.path_key)
            unique.append(cand)
            if len(unique) == max_paths:
                break
    return unique


@dataclass(frozen=True)
class _Walk:
    relations: list[Relation]
    truncated: bool
    hubs_not_walked: int


def _walk(store: GraphStore, actor_id: str, partners: list[str], *, group: set[str],
          max_direct: int) -> _Walk:
    """The alignments of the actor and its partners, and those of its strongest intermediaries.

    Four reads in the common case, whatever the actors' degrees: the actor's
    relations, its partners', the intermediaries' degrees, and the relations of
    those walked through. ``group`` (the actor and all its leadership partners, walked
    or not) is never taken as an intermediary.
    """
    first = store.neighbours_of([actor_id], types=_ALIGNMENT_TYPES, strongest=max_direct)
    truncated = any(len(rels) >= max_direct for rels in first.values())
    if partners:
        shared = store.neighbours_of(partners, types=_ALIGNMENT_TYPES, strongest=PER_PARTNER)
        truncated |= any(len(rels) >= PER_PARTNER for rels in shared.values())
        first.update(shared)
    relations = {rel.key: rel for rels in first.values() for rel in rels}
    ranked = sorted(relations.values(), key=lambda r: (-r.confidence, -r.evidence_count, r.key))
    # Strongest first, each once (a dict keeps the order).
    middles = list(dict.fromkeys(end for rel in ranked for end in (rel.source, rel.target)
                                 if end not in group))
    walkable, hubs = _walkable(store, middles)
    truncated |= hubs > 0 or len(walkable) > MAX_MIDDLES
    second = store.neighbours_of(walkable[:MAX_MIDDLES], types=_ALIGNMENT_TYPES,
                                 strongest=PER_MIDDLE)
    truncated |= any(len(rels) >= PER_MIDDLE for rels in second.values())
    for rels in second.values():
        for rel in rels:
            relations.setdefault(rel.key, rel)
    return _Walk(sorted(relations.values(), key=lambda r: r.key), truncated, hubs)


def _walkable(store: GraphStore, middles: list[str]) -> tuple[list[str], int]:
    """The first ``MAX_MIDDLES`` (+1, to tell a cut) non-hub intermediaries, and the hubs seen.

    Degrees are read a chunk at a time, strongest first: the actor's partner list
    holds hundreds of intermediaries and only the first few dozen are walked. The
    strongest partners are often hubs, so a chunk holds several times what is
    walked (one read in most requests).
    """
    walkable: list[str] = []
    hubs = 0
    chunk = 8 * MAX_MIDDLES
    for start in range(0, len(middles), chunk):
        part = middles[start:start + chunk]
        degrees = store.degrees(part, types=_ALIGNMENT_TYPES)
        for middle in part:
            if degrees.get(middle, 0) > HUB_DEGREE:
                hubs += 1
            elif len(walkable) <= MAX_MIDDLES:
                walkable.append(middle)
        if len(walkable) > MAX_MIDDLES:
            break
    return walkable, hubs


def _leadership(store: GraphStore, actor_id: str) -> tuple[list[tuple[str, Relation]], bool]:
    """The ``MAX_LEADERSHIP`` strongest actors this one leads or is led by (with the LEADS
    relation), and whether there are more."""
    rels = store.neighbours_of([actor_id], types=[RelationType.LEADS],
                               strongest=MAX_LEADERSHIP + 1).get(actor_id, [])
    partners = [(rel.target if rel.source == actor_id else rel.source, rel)
                for rel in rels[:MAX_LEADERSHIP]]
    return sorted(partners, key=lambda pair: pair[0]), len(rels) > MAX_LEADERSHIP


def _partners_to_walk(store: GraphStore, partners: list[tuple[str, Relation]]) -> list[str]:
    """The strongest partner (the force a leader leads, the leader of a force), and any
    other partner that is not a hub.

    Reading a hub's strongest relations sorts all of them (~2-4 µs each on Neo4j: 100 ms
    for 24,000), so hubs other than the strongest partner are listed, not walked.
    """
    if not partners:
        return []
    ranked = [other for other, _ in sorted(
        partners, key=lambda pair: (-pair[1].confidence, -pair[1].evidence_count, pair[0]))]
    degrees = store.degrees(ranked[1:], types=_ALIGNMENT_TYPES) if len(ranked) > 1 else {}
    return [ranked[0], *(p for p in ranked[1:] if degrees.get(p, 0) <= HUB_DEGREE)]


def _spread_to_partners(store: GraphStore, found: list[_Candidate],
                        excluded: set[str], *, limit: int) -> list[_Candidate]:
    """A leader shares the alignment of the force he leads, and the force its leader's.

    Read only for the ``limit`` best-ranked aligned actors: see below.
    """
    extra = []
    own = [cand for cand in found if cand.reason != "leadership"]
    best: dict[str, tuple[bool, bool, float]] = {}
    for cand in own:
        key = cand.strength()
        best[cand.other] = min(best.get(cand.other, key), key)
    # A partner reached through X ranks at or below X (same basis, via leadership, a score
    # no higher), so only the ``limit`` best-ranked actors can pass one into the answer.
    others = set(sorted(best, key=lambda other: (best[other], other))[:limit])
    found = [cand for cand in own if cand.other in others]
    # Degrees first: most actors lead nobody, and reading them costs a round trip, not a walk.
    degrees = store.degrees(others, types=[RelationType.LEADS])
    leaders = [o for o in others if 0 < degrees.get(o, 0) <= MAX_LEADERSHIP]
    leads = store.neighbours_of(leaders, types=[RelationType.LEADS]) if leaders else {}
    partners_of = {
        other: sorted(((r.target if r.source == other else r.source, r) for r in rels),
                      key=lambda pair: pair[0])
        for other, rels in leads.items()
    }
    for cand in found:
        for partner, rel in partners_of.get(cand.other, []):
            if partner in excluded or any(step[0] == partner for step in cand.steps):
                continue
            extra.append(_Candidate(partner, cand.basis, cand.reason, True,
                                    (*cand.steps, (cand.other, rel)), cand.link))
    return extra


def _explain(lookup: EvidenceLookup, cand: _Candidate) -> Explanation:
    same_conflict = None
    if cand.link is not None:
        kind, value = cand.link
        same_conflict = (SameConflict(kind=kind, article=lookup.article(value))
                         if kind == "article" else SameConflict(kind=kind, country=value))
    return Explanation(
        reason=cand.reason,
        via_leadership=cand.via_leadership,
        score=cand.score,
        same_conflict=same_conflict,
        hops=[lookup.hop(rel, start, aligned_only=True) for start, rel in cand.steps],
    )
