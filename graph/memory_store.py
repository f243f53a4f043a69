"""MemoryStore: the embedded default backend, a networkx graph persisted to one file.

Why a file and not a database: a new user can try everything with Python
alone. Writes go to a temporary file that is fsynced and then renamed over
the old one, so a crash mid-write leaves either the old or the new graph,
never a torn file.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from .aggregate import summarise
from .model import Actor, Article, ArticleGraph, Claim, Direction, Polarity, Relation, RelationType
from .store import GraphStore, StoreError, UpsertResult, relation_matches

__all__ = ["MemoryStore"]

FORMAT_VERSION = 1
RelationKey = tuple[str, str, RelationType]


class _StoredClaim(NamedTuple):
    """A claim as kept in memory: a tuple, ids interned, the sentence left in the article.

    pydantic objects cost about 1 KB each; at a million relations that alone
    would pass the 2 GiB budget. Claims are rebuilt as models only when read.
    """

    article_id: str
    subject_id: str
    object_id: str
    type: RelationType
    polarity: Polarity
    confidence: float
    category: str
    start: int
    end: int
    subject_text: str
    object_text: str
    hedged: bool
    published: date | None
    extractor: str
    sentence: str | None  # None when it equals the article text[start:end]

    @property
    def relation_key(self) -> RelationKey:
        source, target = self.subject_id, self.object_id
        if self.type.symmetric and target < source:
            source, target = target, source
        return source, target, self.type


# What the graph edge keeps: (evidence count, first seen, last seen, confidence).
_Aggregate = tuple[int, date | None, date | None, float]


class MemoryStore(GraphStore):
    """networkx-backed store; ``path=None`` keeps everything in memory only."""

    name = "memory"

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.RLock()
        self._reset()
        if self.path is not None:
            # Temp files of writes that a crash interrupted: never read, so clear them away.
            for stale in self.path.parent.glob(".graph-*.tmp"):
                stale.unlink(missing_ok=True)
            if self.path.exists():
                self._load(self.path)
        _exempt_from_gc()

    def _reset(self) -> None:
        self._actors: dict[str, Actor] = {}
        self._articles: dict[str, Article] = {}
        self._claims: dict[str, _StoredClaim] = {}
        self._claims_by_article: dict[str, list[str]] = defaultdict(list)
        self._mentions: dict[str, set[str]] = defaultdict(set)  # article id -> actor ids
        self._mentioned_by: dict[str, set[str]] = defaultdict(set)  # actor id -> article ids
        self._name_index: dict[str, set[str]] = defaultdict(set)
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()

    # -- persistence -------------------------------------------------------
    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot read the memory store file {path}: {exc}") from exc
        if data.get("format") != FORMAT_VERSION:
            raise StoreError(f"{path} has format {data.get('format')!r}, expected {FORMAT_VERSION}")
        for raw in data["actors"]:
            self._put_actor(Actor.model_validate(raw))
        for raw in data["articles"]:
            article = Article.model_validate(raw)
            self._articles[article.id] = article
        for article_id, actor_ids in data["mentions"].items():
            for actor_id in actor_ids:
                self._mentions[article_id].add(actor_id)
                self._mentioned_by[actor_id].add(article_id)
        keys: set[RelationKey] = set()
        for raw in data["claims"]:
            claim = Claim.model_validate(raw)
            self._index_claim(claim)
            keys.add(claim.relation_key)
        self._refresh_relations(keys)

    def _save(self) -> None:
        if self.path is None:
            return
        data: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "actors": [a.model_dump(mode="json") for a in self._actors.values()],
            "articles": [a.model_dump(mode="json") for a in self._articles.values()],
            "mentions": {k: sorted(v) for k, v in self._mentions.items() if v},
            "claims": [
                self._unpack(i, row).model_dump(mode="json") for i, row in self._claims.items()
            ],
        }
        try:
            _atomic_write_json(self.path, data)
        except OSError as exc:  # disk full, permissions: the caller reports it, nothing is torn
            raise StoreError(f"cannot write the memory store file {self.path}: {exc}") from exc

    # -- index helpers -------------------------------------------------------
    def _put_actor(self, actor: Actor) -> None:
        existing = self._actors.get(actor.id)
        if existing is not None:
            for name in existing.names():
                self._name_index[name.casefold()].discard(actor.id)
            actor = actor.model_copy(update={"aliases": [*existing.aliases, *actor.aliases]})
            actor = Actor.model_validate(actor.model_dump())
        self._actors[actor.id] = actor
        for name in (actor.id, *actor.names()):
            self._name_index[name.casefold()].add(actor.id)
        self.graph.add_node(actor.id)

    def _drop_actor(self, actor_id: str) -> None:
        actor = self._actors.pop(actor_id, None)
        if actor is None:
            return
        for name in (actor.id, *actor.names()):
            self._name_index[name.casefold()].discard(actor_id)
        if self.graph.has_node(actor_id):
            self.graph.remove_node(actor_id)

    def _pack(self, claim: Claim) -> _StoredClaim:
        article = self._articles.get(claim.article_id)
        text = article.text if article is not None else ""
        same = text[claim.start:claim.end] == claim.sentence
        # Share the article's date object when it is the claim's (one per article, not per claim).
        published = claim.published
        if article is not None and article.published == published:
            published = article.published
        intern = sys.intern
        return _StoredClaim(
            intern(claim.article_id), intern(claim.subject_id), intern(claim.object_id),
            claim.type, claim.polarity or claim.type.polarity, claim.confidence,
            intern(claim.category), claim.start, claim.end, intern(claim.subject_text),
            intern(claim.object_text), claim.hedged,
            published,
            intern(claim.extractor), None if same else claim.sentence,
        )

    def _unpack(self, claim_id: str, row: _StoredClaim) -> Claim:
        sentence = row.sentence
        if sentence is None:
            sentence = self._articles[row.article_id].text[row.start:row.end]
        return Claim.model_construct(
            id=claim_id, article_id=row.article_id, subject_id=row.subject_id,
            object_id=row.object_id, type=row.type, polarity=row.polarity,
            confidence=row.confidence, category=row.category, sentence=sentence,
            start=row.start, end=row.end, subject_text=row.subject_text,
            object_text=row.object_text, hedged=row.hedged, published=row.published,
            extractor=row.extractor,
        )

    def _index_claim(self, claim: Claim) -> None:
        if claim.id in self._claims:
            return
        row = self._pack(claim)
        self._claims[claim.id] = row
        self._claims_by_article[claim.article_id].append(claim.id)
        source, target, rel_type = row.relation_key
        edges = self.graph.get_edge_data(source, target)
        data = edges.get(rel_type.value) if edges else None
        if data is None:  # the aggregate is filled in by _refresh_relations
            self.graph.add_edge(source, target, key=rel_type.value, claims=[claim.id], agg=None)
        else:
            data["claims"].append(claim.id)

    def _unindex_claim(self, claim_id: str) -> RelationKey:
        row = self._claims.pop(claim_id)  # the caller drops the article's claim list
        key = row.relation_key
        source, target, rel_type = key
        self.graph[source][target][rel_type.value]["claims"].remove(claim_id)
        return key

    def _refresh_relations(self, keys: Iterable[RelationKey]) -> None:
        """Recompute the aggregate on each key's edge; drop edges left without claims.

        The edge itself holds the ids of its claims: no second index keyed by
        relation, which at a million relations costs hundreds of MB.
        """
        for source, target, rel_type in keys:
            edges = self.graph.get_edge_data(source, target)
            data = edges.get(rel_type.value) if edges else None
            if data is None:
                continue
            if not data["claims"]:
                self.graph.remove_edge(source, target, key=rel_type.value)
                continue
            rows = [self._claims[i] for i in data["claims"]]
            data["agg"] = summarise((r.confidence for r in rows), (r.published for r in rows))

    def _remove_article(self, article_id: str) -> set[RelationKey]:
        keys = {self._unindex_claim(i) for i in list(self._claims_by_article.pop(article_id, ()))}
        self._articles.pop(article_id, None)
        for actor_id in self._mentions.pop(article_id, set()):
            self._mentioned_by[actor_id].discard(article_id)
        return keys

    def _drop_orphans(self, candidates: Iterable[str]) -> None:
        for actor_id in candidates:
            if not self._mentioned_by.get(actor_id):
                self._mentioned_by.pop(actor_id, None)
                self._drop_actor(actor_id)

    # -- writes ----------------------------------------------------------------
    def upsert(self, graphs: Sequence[ArticleGraph]) -> list[UpsertResult]:
        results = []
        with self._lock:
            changed = False
            for graph in graphs:
                result = self._upsert_one(graph)
                changed = changed or result.status != "unchanged"
                results.append(result)
            if changed:
                self._save()
                _exempt_from_gc()
        return results

    def _upsert_one(self, graph: ArticleGraph) -> UpsertResult:
        article = graph.article
        previous = self._articles.get(article.id)
        new_claim_ids = {c.id for c in graph.claims}
        if (
            previous is not None
            and previous.content_hash == article.content_hash
            and set(self._claims_by_article.get(article.id, ())) == new_claim_ids
            and self._mentions.get(article.id, set()) == {a.id for a in graph.actors}
            and previous == article
        ):
            return UpsertResult(article_id=article.id, status="unchanged",
                                claims=len(new_claim_ids), actors=len(graph.actors))
        old_actors = set(self._mentions.get(article.id, set()))
        keys = self._remove_article(article.id) if previous is not None else set()
        self._articles[article.id] = article
        for actor in graph.actors:
            self._put_actor(actor)
            self._mentions[article.id].add(actor.id)
            self._mentioned_by[actor.id].add(article.id)
        for claim in graph.claims:
            self._index_claim(claim)
            keys.add(claim.relation_key)
        self._refresh_relations(keys)
        self._drop_orphans(old_actors)
        return UpsertResult(
            article_id=article.id,
            status="updated" if previous is not None else "created",
            claims=len(graph.claims),
            actors=len(graph.actors),
        )

    def retract(self, article_id: str) -> bool:
        with self._lock:
            if article_id not in self._articles:
                return False
            old_actors = set(self._mentions.get(article_id, set()))
            keys = self._remove_article(article_id)
            self._refresh_relations(keys)
            self._drop_orphans(old_actors)
            self._save()
            return True

    def clear(self) -> None:
        with self._lock:
            self._reset()
            self._save()

    # -- reads -----------------------------------------------------------------
    def get_article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def article_claims(self, article_id: str) -> list[Claim]:
        ids = self._claims_by_article.get(article_id, [])
        return sorted((self._unpack(i, self._claims[i]) for i in ids), key=lambda c: (c.start, c.id))

    def articles(self) -> list[Article]:
        """Article metadata (without text, as on Neo4j: use get_article for the text)."""
        return [
            a.model_copy(update={"text": ""})
            for a in sorted(self._articles.values(), key=lambda a: a.id)
        ]

    def get_actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def find_actor(self, ref: str) -> Actor | None:
        ref = ref.strip()
        if ref in self._actors:
            return self._actors[ref]
        ids = self._name_index.get(ref.casefold())
        if not ids:
            return None
        # Prefer a canonical-name match over an alias match, then the smallest id.
        by_name = sorted(i for i in ids if self._actors[i].name.casefold() == ref.casefold())
        return self._actors[by_name[0] if by_name else sorted(ids)[0]]

    def actors(self) -> list[Actor]:
        return sorted(self._actors.values(), key=lambda a: a.id)

    def relations(self) -> list[Relation]:
        rels = [_relation(u, v, k, d["agg"]) for u, v, k, d in self.graph.edges(keys=True, data=True)]
        return sorted(rels, key=lambda r: r.key)

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
        if actor_id not in self.graph:
            return []
        wanted = set(types) if types else None
        wanted_keys = {RelationType(t).value for t in wanted} if wanted else None
        # Filter on the edge key before building Relation objects: a hub has thousands of
        # edges and a query usually wants a few types.
        candidates = [
            _relation(u, v, k, d["agg"])
            for edges in (self.graph.out_edges(actor_id, keys=True, data=True),
                          self.graph.in_edges(actor_id, keys=True, data=True))
            for u, v, k, d in edges
            if wanted_keys is None or k in wanted_keys
        ]
        found = {
            rel.key: rel
            for rel in candidates
            if relation_matches(rel, actor_id, types=wanted, direction=direction,
                                min_confidence=min_confidence, since=since, until=until)
        }
        return sorted(found.values(), key=lambda r: r.key)

    def degrees(
        self, actor_ids: Iterable[str], *, types: Iterable[RelationType] | None = None
    ) -> dict[str, int]:
        wanted_keys = {RelationType(t).value for t in types} if types else None
        found = {}
        for actor_id in set(actor_ids):
            if actor_id not in self.graph:
                found[actor_id] = 0
                continue
            found[actor_id] = sum(
                1
                for edges in (self.graph.out_edges(actor_id, keys=True),
                              self.graph.in_edges(actor_id, keys=True))
                for _, _, k in edges
                if wanted_keys is None or k in wanted_keys
            )
        return found

    def evidence(self, source: str, target: str, rel_type: RelationType) -> list[Claim]:
        if rel_type.symmetric and target < source:
            source, target = target, source
        edges = self.graph.get_edge_data(source, target)
        data = edges.get(rel_type.value) if edges else None
        ids = data["claims"] if data else []
        claims = (self._unpack(i, self._claims[i]) for i in ids)
        return sorted(claims, key=lambda c: (c.article_id, c.start))

    def counts(self) -> dict[str, int]:
        return {
            "actors": len(self._actors),
            "articles": len(self._articles),
            "claims": len(self._claims),
            "relations": self.graph.number_of_edges(),
        }

    def ping(self) -> None:
        return None


def _relation(source: str, target: str, rel_type: str, aggregate: _Aggregate) -> Relation:
    count, first, last, confidence = aggregate
    kind = RelationType(rel_type)
    return Relation.model_construct(
        source=source, target=target, type=kind, polarity=kind.polarity, evidence_count=count,
        first_seen=first, last_seen=last, confidence=confidence,
    )


def _atomic_write_json(path: Path, data: dict[str, Any]) -> None:
    """Write to a temp file in the same folder, fsync, rename over ``path``, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _exempt_from_gc() -> None:
    """Move every object alive now out of the cyclic collector's reach (``gc.freeze``).

    The store holds millions of long-lived objects (5.3M at 100k actors), and each full
    collection walks them all: 2.7 s measured, paid by whichever request triggers it, which
    set the p99 of every query on a large graph. Frozen objects are still freed by
    reference counting when the store drops them; only reference cycles among them would
    outlive their use, and the store builds none.
    """
    gc.freeze()

