"""The GraphStore interface: what every backend promises.

Both backends (``MemoryStore``, ``Neo4jStore``) are held to it by one contract
test suite (tests/test_store_contract.py). Query code above this line never
knows which backend it talks to.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from .model import (
    Actor,
    Article,
    ArticleGraph,
    Claim,
    Direction,
    Relation,
    RelationKey,
    RelationType,
    relation_key,
)

__all__ = [
    "GraphSnapshot",
    "GraphStore",
    "StoreError",
    "StoreFileChanged",
    "StoreHolder",
    "StoreLocked",
    "StoreUnavailable",
    "UpsertResult",
    "UpsertStatus",
    "WarmUp",
    "relation_rank",
    "strongest_asserted",
    "strongest_first",
    "strongest_relations",
    "upsert_status",
]


class StoreError(Exception):
    """Base class of store failures the API maps to problem responses."""


class StoreUnavailable(StoreError):
    """The backing database cannot be reached (the API answers 503)."""


class StoreHolder(BaseModel):
    """The process that writes a store: one per memory store file.

    Recorded in the store's lock file so that a second writer can say who holds
    it, and go through that process's API when it is a server.
    """

    pid: int = Field(description="Process id")
    command: str = Field(description="What runs there, e.g. 'conflictgraph serve'")
    url: str | None = Field(default=None, description="The API a server serves, on this machine")

    def describe(self) -> str:
        where = f" serving {self.url}" if self.url else ""
        return f"process {self.pid} ({self.command}){where}"


class StoreLocked(StoreError):
    """Another process writes this store; this one may only read it (the API answers 409)."""

    def __init__(self, path: str, holder: StoreHolder | None) -> None:
        who = holder.describe() if holder is not None else "another process"
        super().__init__(f"{path} is being written by {who}: one writer per store file")
        self.path = path
        self.holder = holder


class StoreFileChanged(StoreError):
    """A memory store's file was replaced while its writer wrote it (by a process that
    ignores the writer lock): the write was not saved, the store now holds the file's
    content, and the same write can be sent again (the API answers 409)."""


class UpsertStatus(StrEnum):
    """What an upsert did to one article."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def upsert_status(
    previous: Article | None,
    claim_ids: Iterable[str],
    actor_ids: Iterable[str],
    graph: ArticleGraph,
) -> UpsertStatus:
    """The one rule both stores use to tell a re-ingest from an edit.

    An article is unchanged when its normalised text (the content hash), its metadata
    and the claims and actors read from it are what the store holds: then nothing is
    rewritten. ``previous`` is the stored article (its text is not needed), with the ids
    of the claims and actors the store keeps for it.
    """
    if previous is None:
        return UpsertStatus.CREATED
    article = graph.article
    same = (
        previous.content_hash == article.content_hash
        and (previous.url, previous.title, previous.published, previous.source)
        == (article.url, article.title, article.published, article.source)
        and set(claim_ids) == {c.id for c in graph.claims}
        and set(actor_ids) == {a.id for a in graph.actors}
    )
    return UpsertStatus.UNCHANGED if same else UpsertStatus.UPDATED


class UpsertResult(BaseModel):
    article_id: str
    status: UpsertStatus = Field(description="created | updated | unchanged")
    claims: int = 0
    actors: int = 0


class GraphSnapshot(BaseModel):
    """A self-contained piece of the graph: actors, relations and the claims behind them."""

    actors: list[Actor] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


@dataclass
class WarmUp:
    """What ``GraphStore.warm_up`` did: the steps done, in order, whether the time limit
    cut it short, and two related actors' ids (``sample``) requests may be tried on."""

    steps: list[str] = field(default_factory=list)
    stopped_early: bool = False
    sample: tuple[str, str] | None = None


class GraphStore(ABC):
    """Persistent conflict-actor graph with article-level atomic writes."""

    name: str = "abstract"

    # -- writes -----------------------------------------------------------
    @abstractmethod
    def upsert(self, graphs: Sequence[ArticleGraph]) -> list[UpsertResult]:
        """Store articles with their actors and claims, each article all-or-nothing.

        Every actor in a graph is recorded as mentioned by its article; an actor
        stays in the store while some article mentions it.

        An article already stored with the same content is left unchanged; one
        whose text changed has its earlier claims replaced.
        """

    @abstractmethod
    def retract(self, article_id: str) -> bool:
        """Remove an article and its claims; recompute aggregates; drop orphan actors."""

    @abstractmethod
    def clear(self) -> None:
        """Delete everything (tests and re-imports)."""

    def claim_writes(self) -> None:  # noqa: B027 - optional hook
        """Become the store's writer now, before costly work that ends in a write.

        Raises StoreLocked when another process is the writer. Writes claim on
        their own; a no-op where the backend serialises writers itself (Neo4j).
        """

    # -- reads ------------------------------------------------------------
    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def article_claims(self, article_id: str) -> list[Claim]: ...

    @abstractmethod
    def articles(self) -> list[Article]: ...

    @abstractmethod
    def get_actor(self, actor_id: str) -> Actor | None: ...

    def get_actors(self, actor_ids: Iterable[str]) -> dict[str, Actor]:
        """Several actors in one round trip (backends override the default loop)."""
        found = {i: self.get_actor(i) for i in set(actor_ids)}
        return {i: a for i, a in found.items() if a is not None}

    @abstractmethod
    def find_actor(self, ref: str) -> Actor | None:
        """Resolve an id, canonical name or alias, case-insensitively."""

    @abstractmethod
    def actors(self) -> list[Actor]: ...

    @abstractmethod
    def relations(self) -> list[Relation]: ...

    @abstractmethod
    def neighbours(
        self,
        actor_id: str,
        *,
        types: Iterable[RelationType] | None = None,
        direction: Direction = Direction.BOTH,
        since: date | None = None,
        until: date | None = None,
        min_confidence: float = 0.0,
    ) -> list[Relation]:
        """Relations touching an actor, filtered by type, direction and date.

        Symmetric relations match any direction. The date filter keeps a relation
        whose evidence span [first_seen, last_seen] overlaps [since, until];
        undated relations drop out once a date filter is given.
        """

    def neighbours_of(
        self, actor_ids: Iterable[str], *, types: Iterable[RelationType] | None = None,
        strongest: int | None = None,
    ) -> dict[str, list[Relation]]:
        """Relations touching each of several actors: one round trip per BFS level on Neo4j.

        ``strongest=n`` keeps each actor's ``n`` strongest relations
        (``strongest_relations`` order), so a hub with thousands of relations costs
        what a small actor does.
        """
        wanted = list(types) if types else None
        found = {i: self.neighbours(i, types=wanted) for i in set(actor_ids)}
        if strongest is None:
            return found
        return {i: strongest_relations(i, rels)[:strongest] for i, rels in found.items()}

    def degrees(
        self, actor_ids: Iterable[str], *, types: Iterable[RelationType] | None = None
    ) -> dict[str, int]:
        """How many relations (of ``types``) touch each actor, without reading them."""
        wanted = list(types) if types else None
        return {i: len(self.neighbours(i, types=wanted)) for i in set(actor_ids)}

    @abstractmethod
    def evidence(self, source: str, target: str, rel_type: RelationType) -> list[Claim]:
        """The claims behind one relation."""

    def evidence_many(
        self, keys: Iterable[tuple[str, str, RelationType]], *, strongest: int | None = None
    ) -> dict[tuple[str, str, RelationType], list[Claim]]:
        """The claims behind several relations (keys as in ``Relation.key``), one round trip.

        ``strongest=n`` keeps only each key's ``n`` strongest claims (``strongest_first``
        order): a hub relation can rest on thousands of claims, and an answer shows three.
        """
        found = {key: self.evidence(*key) for key in set(keys)}
        if strongest is None:
            return found
        return {key: strongest_first(claims)[:strongest] for key, claims in found.items()}

    def shared_articles(
        self, pairs: Iterable[tuple[RelationKey, RelationKey]]
    ) -> dict[tuple[RelationKey, RelationKey], str]:
        """For each pair of relations (keys as in ``Relation.key``), the first article (by
        id) that states claims of both; pairs no one article states are left out.

        Alignment reads it to tell two fights in one conflict (one report covers both)
        from fights in unrelated ones. The default reads every claim; backends override it.
        """
        pairs = list(pairs)
        claims = self.evidence_many({relation_key(*key) for pair in pairs for key in pair})
        articles = {key: {c.article_id for c in found} for key, found in claims.items()}
        shared = {}
        for first, second in pairs:
            both = articles.get(relation_key(*first), set()) & articles.get(relation_key(*second), set())
            if both:
                shared[(first, second)] = min(both)
        return shared

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """Metadata of several articles (their text left empty), one round trip."""
        found = {i: self.get_article(i) for i in set(article_ids)}
        return {i: a.model_copy(update={"text": ""}) for i, a in found.items() if a is not None}

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Numbers of actors, articles, claims and relations."""

    @abstractmethod
    def ping(self) -> None:
        """Raise StoreUnavailable when the store cannot answer."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; a no-op where there are none."""

    def warm_up(self, seconds: float,
                type_sets: Sequence[Sequence[RelationType] | None] = (None,)) -> WarmUp:
        """Load what the first requests would otherwise pay for, in about ``seconds`` at most.

        ``type_sets``: the relation-type filters the queries pass (each is a statement of
        its own for the reads that take one; None: all types). Servers call it once at
        start-up, before /readyz answers (api/warmup.py). Nothing to do by default; the
        Neo4j store fills the server's page cache and query plans.
        """
        return WarmUp()

    def safety_warnings(self) -> list[str]:
        """What the backend lacks of the protections the project requires (none by default).

        The Neo4j store reports the server settings of graph/neo4j_hardening.py it lacks;
        servers log these at startup and /readyz lists them.
        """
        return []

    # -- derived reads shared by both backends ----------------------------
    def subgraph(self, actor_id: str, depth: int = 1) -> GraphSnapshot:
        """Actors within ``depth`` hops of an actor, and the relations among them."""
        frontier = {actor_id}
        seen = {actor_id}
        for _ in range(max(depth, 0)):
            next_frontier: set[str] = set()
            for node in frontier:
                for rel in self.neighbours(node):
                    for other in (rel.source, rel.target):
                        if other not in seen:
                            seen.add(other)
                            next_frontier.add(other)
            frontier = next_frontier
            if not frontier:
                break
        found = self.get_actors(seen)
        actors = [found[i] for i in sorted(found)]
        relations = {
            rel.key: rel
            for node in seen
            for rel in self.neighbours(node)
            if rel.source in seen and rel.target in seen
        }
        return GraphSnapshot(actors=actors, relations=sorted(relations.values(), key=lambda r: r.key))

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def relation_rank(actor_id: str, rel: Relation) -> tuple[float, int, str, str, str]:
    """Where a relation of ``actor_id`` sorts in ``strongest_relations`` (lower is stronger)."""
    other = rel.target if rel.source == actor_id else rel.source
    return (-rel.confidence, -rel.evidence_count, other, rel.type.value, rel.source)


def strongest_relations(actor_id: str, relations: Iterable[Relation]) -> list[Relation]:
    """An actor's relations, strongest first: confidence, evidence, then the other actor's id."""
    return sorted(relations, key=lambda rel: relation_rank(actor_id, rel))


def strongest_first(claims: Iterable[Claim]) -> list[Claim]:
    """Claims ranked as answers show them: most confident, then newest (``Claim.when``), then by id."""
    return sorted(claims, key=lambda c: (-c.confidence, -(c.when or date.min).toordinal(), c.id))


def strongest_asserted(claims: Iterable[Claim]) -> Claim | None:
    """The claim an answer shows for a group of claims: the strongest asserted one, or the
    strongest hedged or ended one when none is asserted (None for no claims)."""
    claims = list(claims)
    ranked = strongest_first([c for c in claims if not c.hedged and not c.ended] or claims)
    return ranked[0] if ranked else None


def relation_matches(
    relation: Relation,
    actor_id: str,
    *,
    types: set[RelationType] | None,
    direction: Direction,
    min_confidence: float,
    since: date | None = None,
    until: date | None = None,
) -> bool:
    """Shared filter used by the backends after fetching candidate relations."""
    if types and relation.type not in types:
        return False
    if since is not None and (relation.last_seen is None or relation.last_seen < since):
        return False
    if until is not None and (relation.first_seen is None or relation.first_seen > until):
        return False
    if relation.confidence < min_confidence:
        return False
    if relation.type.symmetric or direction is Direction.BOTH:
        return actor_id in (relation.source, relation.target)
    if direction is Direction.OUT:
        return relation.source == actor_id
    return relation.target == actor_id
