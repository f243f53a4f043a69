"""Neo4jStore: the production backend, through the official driver.

Layout in the database:
``(:Article)-[:STATES]->(:Claim)-[:SUBJECT|OBJECT]->(:Actor)``,
``(:Article)-[:MENTIONS]->(:Actor)``, and one typed edge per relation
(``(:Actor)-[:SUPPORTS {evidence_count, confidence, ...}]->(:Actor)``) so that
Browser shows a readable graph and analysts' paths stay short.

Every write MERGEs on stable keys inside one transaction per batch, so
loading the same article twice changes nothing and a failed batch leaves
nothing behind.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, RoutingControl

from . import cypher
from .aggregate import count_sources, doubt
from .hub_cache import HubCache
from .model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    Dataset,
    DatasetName,
    Direction,
    Origin,
    PloverCategory,
    Polarity,
    Relation,
    RelationKey,
    RelationType,
    relation_key,
)
from .neo4j_errors import driver_errors
from .neo4j_hardening import missing_hardening
from .store import (
    GraphStore,
    UpsertResult,
    UpsertStatus,
    WarmUp,
    relation_matches,
    strongest_first,
    strongest_relations,
    upsert_status,
)

__all__ = ["Neo4jStore"]

ALL_TYPES = [t.value for t in RelationType]
# Relations read past the ``k`` asked for when ranking by strength alone (see
# ``_read_strongest``): ties in strength at rank ``k`` rarely run longer.
TIE_MARGIN = 8


def key_string(key: RelationKey) -> str:
    source, target, rel_type = key
    return f"{source}|{rel_type.value}|{target}"


def _key_string(key: RelationKey) -> str:
    """``key_string`` of the key with a symmetric type's ends in stored order."""
    return key_string(relation_key(*key))


def _native(value: Any) -> Any:
    """Driver temporal types → Python ones."""
    return value.to_native() if hasattr(value, "to_native") else value


def _date(value: str | None) -> date | None:
    """A date the read statements return as an ISO string (see ``cypher.REL_ROW``)."""
    return date.fromisoformat(value) if value is not None else None


def _actor(node: Any) -> Actor:
    return Actor(
        id=node["id"],
        name=node["name"],
        kind=ActorKind(node.get("kind") or "other"),
        aliases=list(node.get("aliases") or []),
        country=node.get("country"),
        dataset_names=[DatasetName.model_validate_json(x) for x in node.get("dataset_names") or []],
    )


_CLAIM_FIELDS = [n for n in Claim.model_fields if n not in {"id", "published", "event_date"}]


def _claim(data: dict[str, Any]) -> Claim:
    """A claim from ``cypher.CLAIM_MAP``, built without validation: the store wrote it, and
    an answer reads a thousand."""
    fields = {name: data.get(name) for name in _CLAIM_FIELDS}
    rel_type = RelationType(data["type"])
    fields["type"] = rel_type
    fields["polarity"] = Polarity(data["polarity"]) if data.get("polarity") else rel_type.polarity
    fields["hedged"] = bool(fields["hedged"])
    fields["disputed"] = bool(fields["disputed"])  # claims written before disputes have none
    fields["category"] = _CATEGORIES[str(fields["category"])]
    fields["ended"] = bool(fields["ended"])  # claims written before ended claims have none
    fields["rule"] = fields["rule"] or ""  # claims written before rule ids have none
    fields["dataset"] = Dataset(fields["dataset"]) if fields["dataset"] else None
    fields["support_types"] = list(fields["support_types"] or [])
    return Claim.model_construct(id=data["id"], published=_date(data.get("published")),
                                 event_date=_date(data.get("event_date")), **fields)


# Enum members by value: a dict lookup costs a tenth of calling the enum, per relation read.
_REL_TYPES = {t.value: t for t in RelationType}
_POLARITIES = {p.value: p for p in Polarity}
_CATEGORIES = {c.value: c for c in PloverCategory}
_ORIGINS = list(Origin)  # in ``cypher.ORIGINS`` order, as REL_ROW lists the sources


def _relation(row: list[Any]) -> Relation:
    """A relation from ``cypher.REL_ROW``, built without validation: the store wrote these
    values, and a hub reads thousands."""
    (source, target, rel_type, polarity, evidence_count, confidence, first_seen, last_seen,
     alignment_count, alignment_confidence, closed_on, sources, undated) = row
    return Relation.model_construct(
        source=source,
        target=target,
        type=_REL_TYPES[rel_type],
        polarity=_POLARITIES[polarity],
        evidence_count=int(evidence_count),
        first_seen=_date(first_seen),
        last_seen=_date(last_seen),
        confidence=float(confidence),
        alignment_count=int(alignment_count),
        alignment_confidence=float(alignment_confidence),
        closed_on=_date(closed_on),
        sources={o: int(n) for o, n in zip(_ORIGINS, sources, strict=True) if n},
        undated_count=int(undated),
    )


def _strength(rel: Relation) -> tuple[float, int]:
    return rel.confidence, rel.evidence_count


class Neo4jStore(GraphStore):
    """GraphStore on a Neo4j server (single instance, cluster or Aura)."""

    name = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str,
        password: str,
        *,
        database: str = "neo4j",
        ensure_schema: bool = True,
        driver: neo4j.Driver | None = None,
        retry_seconds: float = 5.0,
    ) -> None:
        self.uri = uri
        self.database = database
        self.hub_cache = HubCache()
        self._hardening_gaps: list[str] | None = None
        self._driver = driver or GraphDatabase.driver(
            uri,
            auth=(user, password),
            # Transient errors (deadlocks, leader switches) are retried with backoff this long.
            max_transaction_retry_time=retry_seconds,
            connection_acquisition_timeout=10.0,
            connection_timeout=5.0,
            # Schema-free warnings ("property does not exist yet") would flood the logs.
            notifications_min_severity="OFF",
        )
        if ensure_schema:
            try:
                self.ensure_schema()
            except BaseException:
                self._driver.close()
                raise

    @property
    def driver(self) -> neo4j.Driver:
        return self._driver

    # -- plumbing --------------------------------------------------------------
    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        with driver_errors(self.uri):
            records, _, _ = self._driver.execute_query(
                query, params, database_=self.database, routing_=RoutingControl.READ
            )
        return list(records)

    def _write(self, work: Any, *args: Any) -> Any:
        with driver_errors(self.uri, writing=True), \
                self._driver.session(database=self.database) as session:
            return session.execute_write(work, *args)

    def ensure_schema(self) -> None:
        """Create the named constraints and indexes, and the write-lock node; safe at every start.

        A graph written before relations carried alignment figures, their sources by
        origin or their count of undated claims gets them once, from the claims (batched,
        so a large graph does not need one huge transaction).
        """
        backfills = [(cypher.ALIGNMENT_COUNTED, cypher.COUNT_ALIGNMENT, cypher.ALIGNMENT_PARAMS),
                     (cypher.SOURCES_COUNTED, cypher.COUNT_SOURCES, cypher.SOURCES_PARAMS),
                     (cypher.UNDATED_COUNTED, cypher.COUNT_UNDATED, {})]
        with driver_errors(self.uri):
            for statement in [*cypher.SCHEMA, cypher.WRITE_LOCK]:
                self._driver.execute_query(statement, database_=self.database)
            for done, statements, params in backfills:
                records, _, _ = self._driver.execute_query(done, database_=self.database)
                if not (records and records[0]["done"]):
                    with self._driver.session(database=self.database) as session:
                        for statement in statements:
                            session.run(statement, params).consume()

    def close(self) -> None:
        self._driver.close()

    def ping(self) -> None:
        """One auto-commit query, no retries: a readiness probe must answer at once."""
        with driver_errors(self.uri), self._driver.session(database=self.database) as session:
            session.run(cypher.PING).consume()

    def safety_warnings(self) -> list[str]:
        """The hardening settings the server lacks, checked once per store (no retries)."""
        if self._hardening_gaps is None:
            with driver_errors(self.uri):
                gaps = missing_hardening(self._driver, self.database)
            self._hardening_gaps = [
                f"Neo4j server lacks a hardening setting: {gap} (see docs/security.md)"
                for gap in gaps
            ]
        return list(self._hardening_gaps)

    # -- start-up warm-up -------------------------------------------------------
    def warm_up(self, seconds: float,
                type_sets: Sequence[Sequence[RelationType] | None] = (None,)) -> WarmUp:
        """Fill a freshly started server's page cache and plan every read statement once.

        Why: a server just started has an empty page cache, no query plan and code the
        JVM has not compiled yet, and the first requests paid for all three (allies p99
        495 ms against 56 ms warm at 10k actors). Scans (``cypher.WARM_UP_SCANS``) read
        what the request statements read; then each read method runs once on two related
        actors (``cypher.WARM_UP_SAMPLE``), which plans its statement. Each scan's
        transaction times out at the deadline, and no step starts after it.
        """
        deadline = time.monotonic() + seconds
        done = WarmUp()

        def left() -> float:
            return deadline - time.monotonic()

        for name, statement in cypher.WARM_UP_SCANS.items():
            if left() <= 0:
                done.stopped_early = True
                return done
            began = time.monotonic()
            try:
                with driver_errors(self.uri):
                    self._driver.execute_query(neo4j.Query(statement, timeout=max(left(), 0.001)),
                                               database_=self.database,
                                               routing_=RoutingControl.READ)
            except neo4j.exceptions.ClientError as exc:
                if "TransactionTimedOut" not in (exc.code or ""):
                    raise
                done.stopped_early = True
                return done
            done.steps.append(f"scan {name} {time.monotonic() - began:.2f} s")
        rows = self._read(cypher.WARM_UP_SAMPLE)
        if not rows:
            done.steps.append("no relation to sample")
            return done
        row = rows[0]
        source, target, name = row["source"], row["target"], row["name"]
        rel_type = RelationType(row["type"])
        key = relation_key(source, target, rel_type)
        article = row["article"] or ""
        ids = [source, target]

        def by_types(types: Sequence[RelationType] | None) -> None:
            """Each read that takes a type filter: one statement per filter."""
            wanted = sorted({RelationType(t).value for t in types}) if types else None
            self.neighbours(source, types=types)
            self.neighbours_of(ids, types=types)
            self.neighbours_of(ids, types=types, strongest=1)
            # read on ties only (``_read_strongest``): plan it now, not on a request's tie
            self._read(cypher.strongest_neighbours_of(wanted), ids=ids, limit=1)
            self.degrees(ids, types=types)

        reads: list[tuple[str, Callable[[], object]]] = [
            ("counts", self.counts),
            ("actor", lambda: (self.get_actor(source), self.get_actors(ids))),
            ("actor by name", lambda: self.find_actor(name)),
            ("actor by alias", lambda: self.find_actor(f"{name} (no such alias)")),
            *((f"relations of {'/'.join(sorted(types)) if types else 'all types'}",
               lambda types=types: by_types(types)) for types in type_sets),
            ("evidence", lambda: (self.evidence(*key), self.evidence_many([key]),
                                  self.evidence_many([key], strongest=1))),
            ("shared articles", lambda: self.shared_articles([(key, key)])),
            ("articles", lambda: (self.get_articles([article]), self.get_article(article),
                                  self.article_claims(article))),
        ]
        for step, read in reads:
            if left() <= 0:
                done.stopped_early = True
                return done
            began = time.monotonic()
            read()
            done.steps.append(f"{step} {time.monotonic() - began:.2f} s")
        done.sample = (source, target)
        return done

    # -- writes ----------------------------------------------------------------
    def upsert(self, graphs: Sequence[ArticleGraph]) -> list[UpsertResult]:
        # The last copy of an article in one batch wins, as with repeated calls.
        unique = list({g.article.id: g for g in graphs}.values())
        results: dict[str, UpsertResult] = {}
        if unique:
            for result in self._write(self._upsert_tx, unique):
                results[result.article_id] = result
        return [results[g.article.id] for g in graphs]

    @staticmethod
    def _upsert_tx(tx: ManagedTransaction, graphs: list[ArticleGraph]) -> list[UpsertResult]:
        tx.run(cypher.WRITE_LOCK)  # before reading state: see the previous writer's commit
        ids = [g.article.id for g in graphs]
        stored = {r["id"]: r for r in tx.run(cypher.ARTICLES_STATE, ids=ids)}
        changed: list[ArticleGraph] = []
        results = []
        for graph in graphs:
            previous = stored.get(graph.article.id)
            status = upsert_status(
                None if previous is None else _stored_article(previous),
                previous["claim_ids"] if previous is not None else (),
                previous["actor_ids"] if previous is not None else (),
                graph,
            )
            if status is not UpsertStatus.UNCHANGED:
                changed.append(graph)
            results.append(UpsertResult(article_id=graph.article.id, status=status,
                                        claims=len(graph.claims), actors=len(graph.actors)))
        if not changed:
            return results

        replaced = [g.article.id for g in changed if g.article.id in stored]
        stale_keys: set[RelationKey] = set()  # keys that lost claims and may need deleting
        old_actors: set[str] = set()
        if replaced:
            for record in tx.run(cypher.DETACH_ARTICLE, ids=replaced):
                old_actors.update(record["mentioned"])
                for k in record["keys"]:
                    stale_keys.add((k["source"], k["target"], RelationType(k["type"])))

        actors: dict[str, Actor] = {}
        for graph in changed:
            for actor in graph.actors:
                actors[actor.id] = actor
        tx.run(cypher.MERGE_ACTORS, rows=[_actor_row(a) for a in actors.values()])
        tx.run(cypher.MERGE_ARTICLES, rows=[_article_row(g) for g in changed])
        claims: dict[str, Claim] = {}  # one claim per id, as MERGE semantics would give
        for graph in changed:
            for claim in graph.claims:
                claims.setdefault(claim.id, claim)
        if claims:
            tx.run(cypher.CREATE_CLAIMS, rows=[_claim_row(c) for c in claims.values()])
        _refresh_relations(tx, stale_keys, claims.values())
        if old_actors:
            tx.run(cypher.DROP_ORPHAN_ACTORS, ids=sorted(old_actors))
        return results

    def retract(self, article_id: str) -> bool:
        return bool(self._write(self._retract_tx, article_id))

    @staticmethod
    def _retract_tx(tx: ManagedTransaction, article_id: str) -> bool:
        tx.run(cypher.WRITE_LOCK)
        records = list(tx.run(cypher.DETACH_ARTICLE, ids=[article_id]))
        if not records:
            return False
        keys = {(k["source"], k["target"], RelationType(k["type"])) for k in records[0]["keys"]}
        tx.run(cypher.DELETE_ARTICLE_NODES, ids=[article_id])
        _refresh_relations(tx, keys)
        tx.run(cypher.DROP_ORPHAN_ACTORS, ids=records[0]["mentioned"])
        return True

    def clear(self) -> None:
        with driver_errors(self.uri), self._driver.session(database=self.database) as session:
            for statement in [*cypher.CLEAR, cypher.WRITE_LOCK]:
                session.run(statement).consume()

    # -- reads -----------------------------------------------------------------
    def get_article(self, article_id: str) -> Article | None:
        records = self._read(cypher.ARTICLE_BY_ID, id=article_id)
        if not records:
            return None
        node = records[0]["ar"]
        return Article(
            id=node["id"], url=node.get("url"), title=node.get("title"),
            published=_native(node.get("published")), source=node.get("source"),
            text=node.get("text") or "", content_hash=node.get("content_hash") or "",
        )

    def article_claims(self, article_id: str) -> list[Claim]:
        # ``_claim`` trusts stored values; these claims are few.
        return [_claim(r["c"]) for r in self._read(cypher.ARTICLE_CLAIMS, id=article_id)]

    def articles(self) -> list[Article]:
        records = self._read(cypher.ALL_ARTICLES)
        return [
            Article(id=r["id"], url=r["url"], title=r["title"], published=_native(r["published"]),
                    source=r["source"], content_hash=r["hash"] or "")
            for r in records
        ]

    def get_actor(self, actor_id: str) -> Actor | None:
        records = self._read(cypher.ACTOR_BY_ID, id=actor_id)
        return _actor(records[0]["a"]) if records else None

    def get_actors(self, actor_ids: Iterable[str]) -> dict[str, Actor]:
        records = self._read(cypher.ACTORS_BY_IDS, ids=sorted(set(actor_ids)))
        return {a["id"]: _actor(a) for a in records[0]["actors"]} if records else {}

    def find_actor(self, ref: str) -> Actor | None:
        ref = ref.strip()
        if not ref:
            return None
        for query, params in (
            (cypher.ACTOR_BY_KEY, {"ref": ref, "key": ref.casefold()}),
            (cypher.ACTOR_BY_ALIAS, {"key": ref.casefold()}),
        ):
            records = self._read(query, **params)
            if records:
                return _actor(records[0]["a"])
        return None

    def actors(self) -> list[Actor]:
        return [_actor(r["a"]) for r in self._read(cypher.ALL_ACTORS)]

    def relations(self) -> list[Relation]:
        records = self._read(cypher.ALL_RELATIONS, types=ALL_TYPES)
        return sorted((_relation(r["rel"]) for r in records), key=lambda r: r.key)

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
        wanted = {RelationType(t) for t in types} if types else None
        records = self._read(
            cypher.neighbours(sorted(wanted) if wanted else None),
            id=actor_id,
            min_confidence=min_confidence,
            since=since,
            until=until,
        )
        found = {
            rel.key: rel
            for rel in map(_relation, records[0]["rels"] if records else [])
            if relation_matches(rel, actor_id, types=wanted, direction=direction,
                                min_confidence=min_confidence, since=since, until=until)
        }
        return sorted(found.values(), key=lambda r: r.key)

    def neighbours_of(
        self, actor_ids: Iterable[str], *, types: Iterable[RelationType] | None = None,
        strongest: int | None = None,
    ) -> dict[str, list[Relation]]:
        ids = sorted(set(actor_ids))
        wanted = sorted({RelationType(t).value for t in types}) if types else None
        if strongest is not None:
            return self._strongest_neighbours(ids, wanted, max(strongest, 0))
        found: dict[str, dict[tuple[str, str, RelationType], Relation]] = {i: {} for i in ids}
        for record in self._read(cypher.neighbours_of(wanted), ids=ids):
            for rel in map(_relation, record["rels"]):
                found[record["actor"]][rel.key] = rel
        return {i: sorted(rels.values(), key=lambda r: r.key) for i, rels in found.items()}

    def _strongest_neighbours(self, ids: list[str], wanted: list[str] | None,
                              limit: int) -> dict[str, list[Relation]]:
        """``neighbours_of(strongest=limit)``, with hubs served from ``self.hub_cache`` while
        the graph's write version is the one they were read at."""
        if not ids or limit == 0:
            return {i: [] for i in ids}
        types = tuple(wanted) if wanted else None
        cached = self.hub_cache.get(ids, types, limit)
        version, ranked = self._read_strongest([i for i in ids if i not in cached], wanted,
                                               types, limit)
        stale = [i for i, (at, _) in cached.items() if at != version]
        if stale:
            version, fresh = self._read_strongest(stale, wanted, types, limit)
            ranked.update(fresh)
        for actor_id, (at, rels) in cached.items():
            if at == version:
                ranked[actor_id] = list(rels)
        return {i: ranked.get(i, []) for i in ids}

    def _read_strongest(self, ids: list[str], wanted: list[str] | None,
                        types: tuple[str, ...] | None, limit: int,
                        ) -> tuple[int, dict[str, list[Relation]]]:
        """The ``limit`` strongest relations of each actor, and the write version read.

        Reads ``limit`` plus a margin ordered by strength alone (``strongest_candidates_of``),
        and sorts them fully here: exact unless the strength at rank ``limit`` is also the
        weakest read (a tie that may go on past the margin); those actors, rare, are read
        again with the full order in Cypher.
        """
        fetch = limit + max(TIE_MARGIN, limit // 4)
        record = self._read(cypher.strongest_candidates_of(wanted), ids=ids, limit=fetch)[0]
        version = int(record["version"])
        ranked: dict[str, list[Relation]] = {}
        degrees: dict[str, int] = {}
        undecided = []
        for actor_id, degree, rows in record["actors"]:
            rels = strongest_relations(actor_id, map(_relation, rows))
            degrees[actor_id] = int(degree)
            if int(degree) > len(rels) == fetch and _strength(rels[limit - 1]) == _strength(rels[-1]):
                undecided.append(actor_id)
            else:
                ranked[actor_id] = rels[:limit]
        if undecided:
            record = self._read(cypher.strongest_neighbours_of(wanted), ids=undecided,
                                limit=limit)[0]
            if int(record["version"]) != version:  # written in between: read all at one version
                record = self._read(cypher.strongest_neighbours_of(wanted), ids=ids,
                                    limit=limit)[0]
                version, ranked = int(record["version"]), {}
            for actor_id, degree, rows in record["actors"]:
                degrees[actor_id] = int(degree)
                ranked[actor_id] = strongest_relations(actor_id, map(_relation, rows))
        for actor_id, rels in ranked.items():
            self.hub_cache.put(actor_id, types, limit, version, degrees[actor_id], rels)
        return version, ranked

    def degrees(
        self, actor_ids: Iterable[str], *, types: Iterable[RelationType] | None = None
    ) -> dict[str, int]:
        wanted = sorted({RelationType(t).value for t in types}) if types else None
        records = self._read(cypher.degrees_of(wanted), ids=sorted(set(actor_ids)))
        return {actor: int(degree) for actor, degree in records[0]["degrees"]} if records else {}

    def evidence(self, source: str, target: str, rel_type: RelationType) -> list[Claim]:
        records = self._read(cypher.EVIDENCE, key=key_string(relation_key(source, target, rel_type)))
        return [_claim(r["c"]) for r in records]

    def evidence_many(
        self, keys: Iterable[RelationKey], *, strongest: int | None = None
    ) -> dict[RelationKey, list[Claim]]:
        canonical = {}
        for key in keys:
            key = relation_key(*key)
            canonical[key_string(key)] = key
        found: dict[RelationKey, list[Claim]] = {k: [] for k in canonical.values()}
        if strongest is None:
            for record in self._read(cypher.EVIDENCE_MANY, keys=sorted(canonical)):
                found[canonical[record["key"]]].append(_claim(record["c"]))
            return found
        records = self._read(cypher.EVIDENCE_STRONGEST, keys=sorted(canonical),
                             limit=max(strongest, 0))
        for record in records:
            found[canonical[record["key"]]] = strongest_first(map(_claim, record["claims"]))
        return found

    def shared_articles(
        self, pairs: Iterable[tuple[RelationKey, RelationKey]]
    ) -> dict[tuple[RelationKey, RelationKey], str]:
        by_strings = {(_key_string(first), _key_string(second)): (first, second)
                      for first, second in pairs}
        if not by_strings:
            return {}
        records = self._read(cypher.SHARED_ARTICLES, pairs=[list(p) for p in sorted(by_strings)])
        return {by_strings[(first, second)]: article
                for first, second, article in (records[0]["shared"] if records else [])}

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        records = self._read(cypher.ARTICLES_BY_IDS, ids=sorted(set(article_ids)))
        return {
            article_id: Article(id=article_id, url=url, title=title, published=_date(published),
                                source=source, content_hash=content_hash or "")
            for article_id, url, title, published, source, content_hash in
            (records[0]["articles"] if records else [])
        }

    def counts(self) -> dict[str, int]:
        record = self._read(cypher.COUNTS)[0]
        return {k: int(record[k]) for k in ("actors", "articles", "claims", "relations")}


def _stored_article(previous: Any) -> Article:
    """The stored article of an ``ARTICLES_STATE`` row (metadata and hash, no text)."""
    return Article(id=previous["id"], url=previous["url"], title=previous["title"],
                   published=_native(previous["published"]), source=previous["source"],
                   content_hash=previous["content_hash"] or "")


def _actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "country": actor.country,
        "name_key": actor.name.casefold(),
        "kind_label": cypher.KIND_LABELS[actor.kind.value],
        "aliases": actor.aliases,
        "alias_keys": [a.casefold() for a in actor.aliases],
        "dataset_names": [n.model_dump_json() for n in actor.dataset_names],
    }


def _article_row(graph: ArticleGraph) -> dict[str, Any]:
    article = graph.article
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "text": article.text,
        "content_hash": article.content_hash,
        "actor_ids": sorted({a.id for a in graph.actors}),
    }


def _claim_row(claim: Claim) -> dict[str, Any]:
    props = claim.model_dump(mode="python", exclude={"id"})
    props["type"] = claim.type.value
    props["polarity"] = claim.polarity.value if claim.polarity else None
    props["category"] = str(claim.category)
    # Text claims leave the provenance properties unset (a null SET stores nothing).
    props["dataset"] = claim.dataset.value if claim.dataset else None
    props["support_types"] = list(claim.support_types) or None
    props["origin"] = claim.origin.value if claim.dataset else None
    source, target, _ = claim.relation_key
    props.update(relation_key=key_string(claim.relation_key), rel_source=source, rel_target=target)
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "subject_id": claim.subject_id,
        "object_id": claim.object_id,
        "props": props,
    }


def _key_rows(keys: Iterable[RelationKey]) -> dict[RelationType, list[dict[str, Any]]]:
    by_type: dict[RelationType, list[dict[str, Any]]] = defaultdict(list)
    for key in keys:
        source, target, rel_type = key
        by_type[rel_type].append({
            "key": key_string(key), "source": source, "target": target,
            "polarity": rel_type.polarity.value,
        })
    return by_type


def _increment_rows(claims: Iterable[Claim]) -> dict[RelationType, list[dict[str, Any]]]:
    """Per key, what these claims add to its edge: count and noisy-or doubt of those stating
    the relation and of those that count as alignment, the date range of all of them, the
    latest date of a stating and of an ended claim (see ``cypher.add_to_relation``), and per
    origin of the stating claims their independent sources (``count_sources``), alignment
    count and doubt."""
    grouped: dict[RelationKey, list[Claim]] = defaultdict(list)
    for claim in claims:
        grouped[claim.relation_key].append(claim)
    by_type: dict[RelationType, list[dict[str, Any]]] = defaultdict(list)
    for (source, target, rel_type), group in grouped.items():
        dates = [c.when for c in group if c.when is not None]
        stating = [c for c in group if not c.ended]
        aligned = [c for c in stating if c.aligns]
        sources = count_sources((c.origin, c.source_id) for c in stating)
        by_origin: dict[Origin, list[Claim]] = defaultdict(list)
        for claim in stating:
            by_origin[claim.origin].append(claim)
        by_type[rel_type].append({
            "source": source, "target": target, "polarity": rel_type.polarity.value,
            "n": len(stating), "doubt": doubt(c.confidence for c in stating),
            "last_stated": max((c.when for c in stating if c.when is not None), default=None),
            "last_ended": max((c.when for c in group if c.ended and c.when is not None), default=None),
            "alignment_n": len(aligned),
            "alignment_doubt": doubt(c.confidence for c in aligned),
            "undated": len(group) - len(dates),
            "first_seen": min(dates) if dates else None, "last_seen": max(dates) if dates else None,
            "origins": {
                origin.value: {
                    "sources": sources[origin],
                    "alignment_n": sum(1 for c in claims if c.aligns),
                    "alignment_doubt": doubt(c.confidence for c in claims if c.aligns),
                }
                for origin, claims in by_origin.items()
            },
        })
    return by_type


def _refresh_relations(
    tx: ManagedTransaction,
    stale: Iterable[RelationKey] = (),
    added: Iterable[Claim] = (),
) -> None:
    """Bring the typed edges up to date after a write.

    ``stale`` keys lost claims: their edges are recounted from the claims left, or
    deleted when none are. Claims in ``added`` whose key is not stale are folded
    into their edge incrementally.
    """
    stale = set(stale)
    for rel_type, rows in _key_rows(stale).items():
        tx.run(cypher.delete_relation(rel_type), rows=rows)
        tx.run(cypher.merge_relation(rel_type), rows=rows, **cypher.ALIGNMENT_PARAMS)
    fresh = [c for c in added if c.relation_key not in stale]
    for rel_type, rows in _increment_rows(fresh).items():
        tx.run(cypher.add_to_relation(rel_type), rows=rows)

