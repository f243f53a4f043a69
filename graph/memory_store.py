"""MemoryStore: the embedded default backend, a networkx graph persisted to one file.

Why a file and not a database: a new user can try everything with Python
alone. Writes go to a temporary file that is fsynced and then renamed over
the old one, so a crash mid-write leaves either the old or the new graph,
never a torn file.

One process writes a file: it takes the file's writer lock (writer_lock.py) at
its first write, or when it asks to (``claim_writes``), and keeps it until
``close``; another process's write raises StoreLocked naming the holder. Any
process may read: reads look at the file at most every ``REFRESH_S`` seconds and
load it again when another process has written it since. The writer, too, loads
a file that changed under it before changing it, so nothing on disk is written
over unseen.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import networkx as nx

from .aggregate import closing_date, count_sources, noisy_or, summarise
from .model import (
    Actor,
    Article,
    ArticleGraph,
    Claim,
    Dataset,
    Direction,
    Origin,
    PloverCategory,
    Polarity,
    Relation,
    RelationKey,
    RelationType,
    counts_as_alignment,
    origin_of,
    relation_key,
)
from .store import (
    GraphStore,
    StoreError,
    StoreFileChanged,
    StoreHolder,
    UpsertResult,
    UpsertStatus,
    relation_matches,
    upsert_status,
)
from .writer_lock import WriterLock, this_process

__all__ = ["MemoryStore"]

FORMAT_VERSION = 1
# Reads look at the file's signature at most this often (a stat; reading every call is
# not worth its cost on a graph query making thousands of store calls).
REFRESH_S = 0.2
# Which version of the file a store loaded or wrote: (device, inode, size, mtime in ns).
# Every save renames a new file into place, so each save has a new inode.
Signature = tuple[int, int, int, int]
T = TypeVar("T")


class _Provenance(NamedTuple):
    """Where a dataset claim's row came from; text claims keep None in its place."""

    dataset: Dataset
    dataset_version: str | None
    record_id: str | None
    place: str | None
    mentions: int | None
    support_types: tuple[str, ...]


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
    category: PloverCategory
    start: int
    end: int
    subject_text: str
    object_text: str
    hedged: bool
    published: date | None
    extractor: str
    rule: str
    sentence: str | None  # None when it equals the article text[start:end]
    provenance: _Provenance | None = None
    mode: str | None = None  # the PLOVER mode of the category
    disputed: bool = False
    attributed_to: str | None = None
    event_date: date | None = None  # the date the text or row gives for the event
    ended: bool = False  # the sentence says the relation ended

    @property
    def when(self) -> date | None:
        return self.event_date if self.event_date is not None else self.published

    @property
    def relation_key(self) -> RelationKey:
        return relation_key(self.subject_id, self.object_id, self.type)

    @property
    def origin(self) -> Origin:
        return origin_of(self.provenance.dataset if self.provenance is not None else None)


def _provenance(claim: Claim) -> _Provenance | None:
    if claim.dataset is None:
        return None
    intern = sys.intern
    return _Provenance(
        claim.dataset, intern(claim.dataset_version) if claim.dataset_version else None,
        claim.record_id, intern(claim.place) if claim.place else None, claim.mentions,
        tuple(claim.support_types),
    )


def _provenance_fields(row: _Provenance | None) -> dict[str, Any]:
    if row is None:
        return {"dataset": None, "dataset_version": None, "record_id": None, "place": None,
                "mentions": None, "support_types": []}
    return {"dataset": row.dataset, "dataset_version": row.dataset_version,
            "record_id": row.record_id, "place": row.place, "mentions": row.mentions,
            "support_types": list(row.support_types)}


# Independent sources by origin, as (origin, count) pairs in enum order.
_Sources = tuple[tuple[Origin, int], ...]
# What the graph edge keeps: (evidence count, first seen, last seen, confidence,
# alignment count, alignment confidence, closed on, sources, undated claims).
_Aggregate = tuple[int, date | None, date | None, float, int, float, date | None, _Sources, int]
# One tuple per distinct source count ({"text": 1} is most edges'), shared by the edges.
_SHARED_SOURCES: dict[_Sources, _Sources] = {}


def _shared_sources(rows: Iterable[_StoredClaim]) -> _Sources:
    counted = tuple(count_sources((r.origin, r.article_id) for r in rows).items())
    return _SHARED_SOURCES.setdefault(counted, counted)


class _Graph:
    """One version of the graph: the indexes, the networkx edges and their aggregates.

    A store swaps in a whole new ``_Graph`` when it loads the file again, so a read
    running meanwhile finishes on the version it started with. The networkx graph is
    read through ``succ``/``pred`` only: its ``edges``/``degree`` views keep a reference
    back to the graph, a cycle that would keep a replaced version alive once frozen.
    """

    def __init__(self) -> None:
        self._actors: dict[str, Actor] = {}
        self._articles: dict[str, Article] = {}
        self._claims: dict[str, _StoredClaim] = {}
        self._claims_by_article: dict[str, list[str]] = defaultdict(list)
        self._mentions: dict[str, set[str]] = defaultdict(set)  # article id -> actor ids
        self._mentioned_by: dict[str, set[str]] = defaultdict(set)  # actor id -> article ids
        self._name_index: dict[str, set[str]] = defaultdict(set)
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()

    # -- the file's content --------------------------------------------------
    @classmethod
    def from_json(cls, data: dict[str, Any], path: Path) -> _Graph:
        if data.get("format") != FORMAT_VERSION:
            raise StoreError(f"{path} has format {data.get('format')!r}, expected {FORMAT_VERSION}")
        loaded = cls()
        for raw in data["actors"]:
            loaded._put_actor(Actor.model_validate(raw))
        for raw in data["articles"]:
            article = Article.model_validate(raw)
            loaded._articles[article.id] = article
        for article_id, actor_ids in data["mentions"].items():
            for actor_id in actor_ids:
                loaded._mentions[article_id].add(actor_id)
                loaded._mentioned_by[actor_id].add(article_id)
        keys: set[RelationKey] = set()
        for raw in data["claims"]:
            claim = Claim.model_validate(raw)
            loaded._index_claim(claim)
            keys.add(claim.relation_key)
        loaded._refresh_relations(keys)
        return loaded

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "actors": [a.model_dump(mode="json") for a in self._actors.values()],
            "articles": [a.model_dump(mode="json") for a in self._articles.values()],
            "mentions": {k: sorted(v) for k, v in self._mentions.items() if v},
            "claims": [
                self._unpack(i, row).model_dump(mode="json") for i, row in self._claims.items()
            ],
        }

    # -- index helpers -------------------------------------------------------
    def _put_actor(self, actor: Actor) -> None:
        existing = self._actors.get(actor.id)
        if existing is not None:
            for name in existing.names():
                self._name_index[name.casefold()].discard(actor.id)
            actor = actor.model_copy(update={
                "aliases": [*existing.aliases, *actor.aliases],
                "dataset_names": [*existing.dataset_names, *actor.dataset_names],
            })
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
            claim.category, claim.start, claim.end, intern(claim.subject_text),
            intern(claim.object_text), claim.hedged,
            published,
            intern(claim.extractor), intern(claim.rule), None if same else claim.sentence,
            _provenance(claim), intern(claim.mode) if claim.mode else None,
            claim.disputed, claim.attributed_to, claim.event_date, claim.ended,
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
            extractor=row.extractor, rule=row.rule, mode=row.mode, disputed=row.disputed,
            attributed_to=row.attributed_to, event_date=row.event_date, ended=row.ended,
            **_provenance_fields(row.provenance),
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
            stating = [r for r in rows if not r.ended]
            aligned = [r.confidence for r in stating if counts_as_alignment(r.type, r.category)]
            count, _, _, confidence = summarise((r.confidence for r in stating), ())
            _, first, last, _ = summarise((), (r.when for r in rows))
            closed = closing_date((r.when for r in stating), (r.when for r in rows if r.ended))
            data["agg"] = (count, first, last, confidence, len(aligned), noisy_or(aligned), closed,
                           _shared_sources(stating), sum(1 for r in rows if r.when is None))

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

    # -- writes (the store serialises them and saves) ---------------------------
    def upsert(self, graphs: Sequence[ArticleGraph]) -> tuple[list[UpsertResult], bool]:
        """The results, and whether anything changed."""
        results = [self._upsert_one(graph) for graph in graphs]
        return results, any(r.status is not UpsertStatus.UNCHANGED for r in results)

    def _upsert_one(self, graph: ArticleGraph) -> UpsertResult:
        article = graph.article
        previous = self._articles.get(article.id)
        new_claim_ids = {c.id for c in graph.claims}
        status = upsert_status(previous, self._claims_by_article.get(article.id, ()),
                               self._mentions.get(article.id, set()), graph)
        if status is UpsertStatus.UNCHANGED:
            return UpsertResult(article_id=article.id, status=status,
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
            status=status,
            claims=len(graph.claims),
            actors=len(graph.actors),
        )

    def article_graphs(self) -> Iterator[ArticleGraph]:
        """Each stored article with the actors it mentions (as stored) and its claims."""
        for article_id, article in self._articles.items():
            actors = [self._actors[a] for a in sorted(self._mentions.get(article_id, ()))]
            claims = [self._unpack(i, self._claims[i])
                      for i in self._claims_by_article.get(article_id, ())]
            yield ArticleGraph.model_construct(article=article, actors=actors, claims=claims)

    def retract(self, article_id: str) -> bool:
        if article_id not in self._articles:
            return False
        old_actors = set(self._mentions.get(article_id, set()))
        keys = self._remove_article(article_id)
        self._refresh_relations(keys)
        self._drop_orphans(old_actors)
        return True

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

    def _edges(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        for u, targets in self.graph.succ.items():
            for v, keyed in targets.items():
                for k, d in keyed.items():
                    yield u, v, k, d

    def _edges_of(self, actor_id: str) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """Out-edges, then in-edges, of an actor in the graph."""
        for v, keyed in self.graph.succ[actor_id].items():
            for k, d in keyed.items():
                yield actor_id, v, k, d
        for u, keyed in self.graph.pred[actor_id].items():
            for k, d in keyed.items():
                yield u, actor_id, k, d

    def relations(self) -> list[Relation]:
        rels = [_relation(u, v, k, d["agg"]) for u, v, k, d in self._edges()]
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
            for u, v, k, d in self._edges_of(actor_id)
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
                1 for _, _, k, _ in self._edges_of(actor_id)
                if wanted_keys is None or k in wanted_keys
            )
        return found

    def evidence(self, source: str, target: str, rel_type: RelationType) -> list[Claim]:
        source, target, _ = relation_key(source, target, rel_type)
        edges = self.graph.get_edge_data(source, target)
        data = edges.get(rel_type.value) if edges else None
        ids = data["claims"] if data else []
        claims = (self._unpack(i, self._claims[i]) for i in ids)
        return sorted(claims, key=lambda c: (c.article_id, c.start))

    def shared_articles(
        self, pairs: Iterable[tuple[RelationKey, RelationKey]]
    ) -> dict[tuple[RelationKey, RelationKey], str]:
        articles: dict[RelationKey, set[str]] = {}

        def of(key: RelationKey) -> set[str]:
            source, target, rel_type = relation_key(*key)
            if key not in articles:
                edges = self.graph.get_edge_data(source, target)
                data = edges.get(rel_type.value) if edges else None
                ids = data["claims"] if data else []
                articles[key] = {self._claims[i].article_id for i in ids}
            return articles[key]

        shared = {}
        for first, second in pairs:
            both = of(first) & of(second)
            if both:
                shared[(first, second)] = min(both)
        return shared

    def counts(self) -> dict[str, int]:
        return {
            "actors": len(self._actors),
            "articles": len(self._articles),
            "claims": len(self._claims),
            "relations": sum(len(keyed) for targets in self.graph.succ.values()
                             for keyed in targets.values()),
        }


class MemoryStore(GraphStore):
    """networkx-backed store; ``path=None`` keeps everything in memory only.

    ``holder`` is who this process says it is in the lock file when it becomes the
    writer (by default its pid and program; a server adds its URL). ``claim=True``
    becomes the writer before loading anything: StoreLocked comes before the wait.
    """

    name = "memory"

    def __init__(self, path: str | Path | None = None, *, holder: StoreHolder | None = None,
                 claim: bool = False, settled: Callable[[], None] | None = None) -> None:
        """``settled`` runs each time the store has built a new graph (opened, reloaded,
        written): the process's memory policy, e.g. the API's ``api.heap.exempt_new``."""
        self.path = Path(path) if path is not None else None
        self._settled = settled or _nothing
        self._lock = threading.RLock()  # serialises this process's writes and reloads
        self._holder = holder
        self._writer = WriterLock(self.path) if self.path is not None else None
        self._data = _Graph()
        self._seen: Signature | None = None  # the file version ``_data`` was read from or saved as
        self._checked = time.monotonic()
        if claim:
            self.claim_writes()
        if self.path is not None:
            self._data, self._seen = self._read_file(self.path)
        self._settled()

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self._current().graph

    # -- following the file ------------------------------------------------------
    @staticmethod
    def _read_file(path: Path) -> tuple[_Graph, Signature | None]:
        """The graph in the file and the file version read (no file: empty, ``None``)."""
        try:
            with path.open("rb") as handle:
                signature = _signature(os.fstat(handle.fileno()))
                data = json.loads(handle.read().decode("utf-8"))
        except FileNotFoundError:
            return _Graph(), None
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot read the memory store file {path}: {exc}") from exc
        return _Graph.from_json(data, path), signature

    def _follow_file(self) -> None:
        """Load the file again if another process wrote it since this one read or wrote it."""
        if self.path is None or _file_signature(self.path) == self._seen:
            return
        with self._lock:
            if _file_signature(self.path) == self._seen:
                return
            self._data, self._seen = self._read_file(self.path)
            self._settled()

    def _current(self) -> _Graph:
        """The graph to read from: the file's, looked at every ``REFRESH_S`` at most."""
        now = time.monotonic()
        if self.path is not None and now - self._checked >= REFRESH_S:
            self._checked = now
            self._follow_file()
        return self._data

    # -- writes ------------------------------------------------------------------
    def claim_writes(self) -> None:
        """Take the file's writer lock (StoreLocked names the holder when another has it)."""
        if self._writer is None or self._writer.held:
            return
        assert self.path is not None
        with self._lock:
            self._writer.acquire(self._holder or this_process())
            # Temp files of writes that a crash interrupted: never read; only the writer
            # may clear them (another process's could be a write in progress).
            for stale in self.path.parent.glob(f".{self.path.stem}-*.tmp"):
                stale.unlink(missing_ok=True)

    def _write(self, change: Callable[[_Graph], tuple[T, bool]]) -> T:
        """Apply ``change`` to the file's latest content and save it when it changed."""
        with self._lock:
            self.claim_writes()
            self._follow_file()
            result, changed = change(self._data)
            if changed:
                self._save()
                self._settled()
            return result

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            self._seen = _atomic_write_json(self.path, self._data.to_json(), expected=self._seen)
        except StoreFileChanged:
            self._checked = time.monotonic()
            self._data, self._seen = self._read_file(self.path)  # what is on disk, nothing else
            raise
        except OSError as exc:  # disk full, permissions: the caller reports it, nothing is torn
            raise StoreError(f"cannot write the memory store file {self.path}: {exc}") from exc

    def upsert(self, graphs: Sequence[ArticleGraph]) -> list[UpsertResult]:
        return self._write(lambda data: data.upsert(graphs))

    def retract(self, article_id: str) -> bool:
        def remove(data: _Graph) -> tuple[bool, bool]:
            removed = data.retract(article_id)
            return removed, removed

        return self._write(remove)

    def clear(self) -> None:
        def empty(data: _Graph) -> tuple[None, bool]:
            self._data = _Graph()
            return None, True

        self._write(empty)

    def close(self) -> None:
        """Give up the writer lock (reading on stays possible; a later write claims again)."""
        if self._writer is not None:
            with self._lock:
                self._writer.release()

    # -- reads -------------------------------------------------------------------
    def get_article(self, article_id: str) -> Article | None:
        return self._current().get_article(article_id)

    def article_claims(self, article_id: str) -> list[Claim]:
        return self._current().article_claims(article_id)

    def articles(self) -> list[Article]:
        """Article metadata (without text, as on Neo4j: use get_article for the text)."""
        return self._current().articles()

    def get_actor(self, actor_id: str) -> Actor | None:
        return self._current().get_actor(actor_id)

    def find_actor(self, ref: str) -> Actor | None:
        return self._current().find_actor(ref)

    def actors(self) -> list[Actor]:
        return self._current().actors()

    def article_graphs(self) -> Iterator[ArticleGraph]:
        """Everything stored, one article at a time (``bulk-load`` writes it as import files)."""
        return self._current().article_graphs()

    def relations(self) -> list[Relation]:
        return self._current().relations()

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
        return self._current().neighbours(actor_id, types=types, direction=direction,
                                          since=since, until=until, min_confidence=min_confidence)

    def degrees(
        self, actor_ids: Iterable[str], *, types: Iterable[RelationType] | None = None
    ) -> dict[str, int]:
        return self._current().degrees(actor_ids, types=types)

    def evidence(self, source: str, target: str, rel_type: RelationType) -> list[Claim]:
        return self._current().evidence(source, target, rel_type)

    def shared_articles(
        self, pairs: Iterable[tuple[RelationKey, RelationKey]]
    ) -> dict[tuple[RelationKey, RelationKey], str]:
        return self._current().shared_articles(pairs)

    def counts(self) -> dict[str, int]:
        return self._current().counts()

    def ping(self) -> None:
        return None


def _relation(source: str, target: str, rel_type: str, aggregate: _Aggregate) -> Relation:
    count, first, last, confidence, aligned, alignment, closed, sources, undated = aggregate
    kind = RelationType(rel_type)
    return Relation.model_construct(
        source=source, target=target, type=kind, polarity=kind.polarity, evidence_count=count,
        first_seen=first, last_seen=last, confidence=confidence, alignment_count=aligned,
        alignment_confidence=alignment, closed_on=closed, sources=dict(sources),
        undated_count=undated,
    )


def _signature(stat: os.stat_result) -> Signature:
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


def _file_signature(path: Path) -> Signature | None:
    try:
        return _signature(os.stat(path))
    except FileNotFoundError:
        return None


def _atomic_write_json(path: Path, data: dict[str, Any], *, expected: Signature | None) -> Signature:
    """Write to a temp file in the same folder, fsync, rename over ``path``, fsync the folder.

    ``expected`` is the version of ``path`` the data was built on: if the file is another
    version just before the rename, nothing is renamed and StoreFileChanged is raised.
    Returns the version written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            handle.flush()
            os.fsync(handle.fileno())
            written = _signature(os.fstat(handle.fileno()))  # a rename keeps inode and mtime
        if _file_signature(path) != expected:
            raise StoreFileChanged(f"{path} was replaced by another process while this one "
                                   "wrote it; this write was not saved: send it again")
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return written


def _nothing() -> None:
    """No memory policy: a store used outside the server leaves the collector alone."""
