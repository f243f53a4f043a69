"""Every Cypher statement the Neo4j store runs, in one place.

All values travel as parameters. The only text ever formatted into a
statement is a relationship type, and only a member of the closed
``RelationType`` enum (Cypher cannot parameterise a type in MERGE on 5.26
without dynamic-type syntax, which would hide the schema from readers).
"""

from __future__ import annotations

from typing import Any

from .model import (
    ALIGNED_BY_CATEGORY_TYPES,
    ALIGNMENT_CATEGORIES,
    ALWAYS_ALIGNED_TYPES,
    Dataset,
    Origin,
    RelationType,
    origin_of,
)

__all__ = [
    "ACTOR_BY_ID",
    "ACTOR_BY_KEY",
    "ALIGNMENT_PARAMS",
    "ARTICLES_STATE",
    "ORIGINS",
    "SCHEMA",
    "WRITE_LOCK",
    "add_to_relation",
    "delete_relation",
    "merge_relation",
]

# The actor-to-actor relationship types, for patterns: naming them lets Neo4j expand only
# these and skip an actor's (many) claim and mention relationships.
ACTOR_RELS = "|".join(t.value for t in RelationType)

# Whether claim ``c`` counts as alignment (``model.counts_as_alignment``), with the values of
# ``ALIGNMENT_PARAMS``: the rule lives in the model, the statements only apply it.
ALIGNED_CLAIM = ("(c.type IN $always_aligned "
                 "OR (c.type IN $aligned_by_category AND c.category IN $alignment_categories))")
ALIGNMENT_PARAMS: dict[str, Any] = {
    "always_aligned": sorted(t.value for t in ALWAYS_ALIGNED_TYPES),
    "aligned_by_category": sorted(t.value for t in ALIGNED_BY_CATEGORY_TYPES),
    "alignment_categories": sorted(ALIGNMENT_CATEGORIES),
}

# Corroboration. A dataset claim stores its origin (``model.origin_of``) as ``c.origin``; text
# claims leave it unset, so a claim's origin reads as ``CLAIM_ORIGIN``. Each typed edge keeps,
# per origin present, ``sources_<origin>`` (independent sources: distinct articles, a dataset
# record being one synthetic article), ``alignment_count_<origin>`` and
# ``alignment_doubt_<origin>`` (the claims of that origin that count as alignment, and their
# product of 1 - confidence): the cookbook's ``origins`` parameter combines them without
# reading claims (noisy-or doubts multiply across origins). Origins without claims stay unset.
ORIGINS = [o.value for o in Origin]
CLAIM_ORIGIN = "coalesce(c.origin, 'text')"
ORIGIN_OF_DATASET = {d.value: origin_of(d).value for d in Dataset}


# The per-origin properties of an edge, by the prefix of their names.
ORIGIN_PREFIXES = ["sources_", "alignment_count_", "alignment_doubt_"]


def _origin_tallies(by_origin: str) -> str:
    """Clauses writing each origin's figures on edge ``r`` from ``by_origin``, a list of maps
    ``{origin, sources, alignment_n, alignment_doubt}``: the edge's per-origin properties are
    unset first, so an origin without claims left keeps none."""
    stale = " OR ".join(f"k STARTS WITH '{p}'" for p in ORIGIN_PREFIXES)
    return f"""FOREACH (k IN [k IN keys(r) WHERE {stale}] | SET r[k] = null)
FOREACH (x IN {by_origin} |
  SET r['sources_' + x.origin] = x.sources, r['alignment_count_' + x.origin] = x.alignment_n,
      r['alignment_doubt_' + x.origin] = x.alignment_doubt)"""


# Adds ``row.origins`` (per origin of a batch's new claims: ``{sources, alignment_n,
# alignment_doubt}``) to edge ``r``, touching only those origins' properties: an edge with
# text claims only writes three, not fifteen (measured in one process, 600 articles of 10
# claims in batches of 100, four alternated runs: median 9.9 s with, 11.5 s without these
# increments, within the noise).
ORIGIN_INCREMENTS = """FOREACH (o IN keys(row.origins) |
  SET r['sources_' + o] = coalesce(r['sources_' + o], 0) + row.origins[o].sources,
      r['alignment_count_' + o] =
        coalesce(r['alignment_count_' + o], 0) + row.origins[o].alignment_n,
      r['alignment_doubt_' + o] =
        coalesce(r['alignment_doubt_' + o], 1.0) * row.origins[o].alignment_doubt)"""


# The figures of each origin among the claims of relation key ``{key}``, as ``by_origin``.
def _by_origin(key: str) -> str:
    return f"""COLLECT {{
  MATCH (c:Claim {{relation_key: {key}}}) WHERE NOT coalesce(c.ended, false)
  WITH {CLAIM_ORIGIN} AS origin, c
  WITH origin, count(DISTINCT c.article_id) AS sources,
       collect(CASE WHEN {ALIGNED_CLAIM} THEN c.confidence END) AS origin_aligned
  RETURN {{origin: origin, sources: sources, alignment_n: size(origin_aligned),
          alignment_doubt: reduce(p = 1.0, x IN origin_aligned | p * (1.0 - x))}} AS tally
}}"""


# Named so that re-running them is a no-op and so an operator can find them.
SCHEMA = [
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
    "CREATE INDEX actor_name_key IF NOT EXISTS FOR (a:Actor) ON (a.name_key)",
    "CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)",
    "CREATE INDEX claim_relation_key IF NOT EXISTS FOR (c:Claim) ON (c.relation_key)",
    "CREATE INDEX claim_published IF NOT EXISTS FOR (c:Claim) ON (c.published)",
    "CREATE INDEX claim_event_date IF NOT EXISTS FOR (c:Claim) ON (c.event_date)",
    "CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)",
]

# Taken first by every write transaction, so concurrent writers (API workers, CLI runs,
# queue workers) queue up instead of deadlocking: MERGE takes shared locks on the actors it
# finds and upgrades them when it writes, and two writers sharing actors then deadlock
# (measured: ~20 retried deadlocks per 130 overlapping batches from 16 writers, each costing
# a backoff of 1-2 s; none with this lock, and the whole load ran faster). The store creates
# the node at start-up; no constraint on it, as a constraint's locking seek would bring back
# the very shared-then-exclusive upgrade this avoids.
# It also counts writes: ``version`` tells readers' caches (``hub_cache``) that the graph
# has changed since they read it.
WRITE_LOCK = ("MERGE (l:WriteLock {name: 'graph'}) "
              "SET l.taken = timestamp(), l.version = coalesce(l.version, 0) + 1")

# What is stored for each article id: lets upsert skip unchanged articles.
ARTICLES_STATE = """
UNWIND $ids AS id
MATCH (ar:Article {id: id})
RETURN ar.id AS id, ar.content_hash AS content_hash, ar.url AS url, ar.title AS title,
       ar.published AS published, ar.source AS source,
       COLLECT { MATCH (ar)-[:STATES]->(c:Claim) RETURN c.id } AS claim_ids,
       COLLECT { MATCH (ar)-[:MENTIONS]->(a:Actor) RETURN a.id } AS actor_ids
"""

# Removes an article's claims and mentions, returning what must be recomputed.
DETACH_ARTICLE = """
UNWIND $ids AS id
MATCH (ar:Article {id: id})
OPTIONAL MATCH (ar)-[:MENTIONS]->(m:Actor)
WITH ar, collect(DISTINCT m.id) AS mentioned
OPTIONAL MATCH (ar)-[:STATES]->(c:Claim)
WITH ar, mentioned, collect(c) AS claims
WITH ar, mentioned, claims,
     [c IN claims | {key: c.relation_key, type: c.type, source: c.rel_source,
                     target: c.rel_target}] AS keys
FOREACH (c IN claims | DETACH DELETE c)
WITH ar, mentioned, keys
OPTIONAL MATCH (ar)-[men:MENTIONS]->()
DELETE men
RETURN ar.id AS id, mentioned, keys
"""

DELETE_ARTICLE_NODES = """
UNWIND $ids AS id
MATCH (ar:Article {id: id})
DETACH DELETE ar
"""

# Writes only actors that are new or whose stored fields differ: hub actors appear in most
# batches, and rewriting an unchanged node still costs a property record, a label change and
# its share of the commit (measured: 1.24 s of a 15.7 s load of 50k claims went here).
MERGE_ACTORS = """
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
ON CREATE SET a.created = datetime()
WITH a, row,
     [x IN coalesce(a.aliases, []) WHERE NOT toLower(x) IN row.alias_keys] + row.aliases AS aliases,
     coalesce(a.dataset_names, [])
       + [x IN row.dataset_names WHERE NOT x IN coalesce(a.dataset_names, [])] AS dataset_names
WHERE a.name IS NULL OR a.name <> row.name OR a.kind <> row.kind
   OR coalesce(a.country, '') <> coalesce(row.country, '') OR a.aliases IS NULL
   OR a.aliases <> aliases OR NOT row.kind_label IN labels(a)
   OR coalesce(a.dataset_names, []) <> dataset_names
SET a.name = row.name, a.kind = row.kind, a.country = row.country,
    a.name_key = row.name_key, a.aliases = aliases,
    a.alias_keys = [x IN aliases | toLower(x)],
    a.dataset_names = CASE WHEN size(dataset_names) = 0 THEN null ELSE dataset_names END
REMOVE a:State:Government:ArmedGroup:Person:IGO:Party:OtherActor
SET a:$(row.kind_label)
"""

# A second label per kind: GraSS styles select by label only, so Browser can colour by kind.
KIND_LABELS = {
    "state": "State",
    "government": "Government",
    "armed_group": "ArmedGroup",
    "person": "Person",
    "igo": "IGO",
    "party": "Party",
    "other": "OtherActor",
}

# CREATE for mentions: the article is new, or its old mentions were deleted by DETACH_ARTICLE
# earlier in the same transaction, and actor_ids holds each actor once.
MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (ar:Article {id: row.id})
ON CREATE SET ar.ingested = datetime()
SET ar.url = row.url, ar.title = row.title, ar.published = row.published,
    ar.source = row.source, ar.text = row.text, ar.content_hash = row.content_hash
WITH ar, row
UNWIND row.actor_ids AS actor_id
MATCH (a:Actor {id: actor_id})
CREATE (ar)-[:MENTIONS]->(a)
"""

# CREATE, not MERGE: an article's claims are always written fresh (a changed article's old
# claims were detached first, in the same transaction, under the write lock), and the
# claim_id constraint still refuses a duplicate. Measured 10-35 % faster than MERGE.
CREATE_CLAIMS = """
UNWIND $rows AS row
MATCH (ar:Article {id: row.article_id})
MATCH (s:Actor {id: row.subject_id})
MATCH (o:Actor {id: row.object_id})
CREATE (ar)-[:STATES]->(c:Claim {id: row.id})-[:SUBJECT]->(s)
SET c += row.props
CREATE (c)-[:OBJECT]->(o)
"""

DROP_ORPHAN_ACTORS = """
UNWIND $ids AS id
MATCH (a:Actor {id: id})
WHERE NOT EXISTS { MATCH (:Article)-[:MENTIONS]->(a) }
DETACH DELETE a
"""

# Reads return maps, lists and ISO date strings rather than nodes, records and temporal
# values: the driver builds a Python object for each node, record and date it receives, and
# that dominated request time (measured on 900 relation rows: 34 ms of client CPU as
# records with dates, 2 ms as one list of lists with dates as strings).
# dataset_names: one JSON object per entry (a property cannot hold maps), see DatasetName.
ACTOR_MAP = "a {.id, .name, .kind, .aliases, .country, .dataset_names}"
REL_ROW = ("[startNode(r).id, endNode(r).id, type(r), r.polarity, r.evidence_count, "
           "r.confidence, toString(r.first_seen), toString(r.last_seen), "
           "coalesce(r.alignment_count, 0), coalesce(r.alignment_confidence, 0.0), "
           "toString(r.closed_on), "
           "[" + ", ".join(f"r.sources_{o}" for o in ORIGINS) + "], coalesce(r.undated_count, 0)]")
CLAIM_MAP = "c {.*, published: toString(c.published), event_date: toString(c.event_date)}"

ACTOR_BY_ID = f"MATCH (a:Actor {{id: $id}}) RETURN {ACTOR_MAP} AS a"
ALL_ACTORS = f"MATCH (a:Actor) RETURN {ACTOR_MAP} AS a ORDER BY a.id"
ACTORS_BY_IDS = f"UNWIND $ids AS id MATCH (a:Actor {{id: id}}) RETURN collect({ACTOR_MAP}) AS actors"
# One round trip for the exact forms a reference can take (id, name, id in lower case);
# aliases are a separate, later read because they are not indexed.
ACTOR_BY_KEY = f"""
CALL () {{
  MATCH (a:Actor {{id: $ref}}) RETURN a, 0 AS rank
  UNION ALL
  MATCH (a:Actor) WHERE a.name_key = $key RETURN a, 1 AS rank
  UNION ALL
  MATCH (a:Actor {{id: $key}}) RETURN a, 2 AS rank
}}
RETURN {ACTOR_MAP} AS a ORDER BY rank, a.id LIMIT 1
"""
ACTOR_BY_ALIAS = f"""
MATCH (a:Actor) WHERE $key IN a.alias_keys
RETURN {ACTOR_MAP} AS a ORDER BY a.id LIMIT 1
"""

def _rel_pattern(types: list[str] | None) -> str:
    """``SUPPORTS|OPPOSES…`` for a relationship pattern; only enum members get through."""
    return "|".join(RelationType(t).value for t in types) if types else ACTOR_RELS


def neighbours(types: list[str] | None = None) -> str:
    """Relations of one actor, expanding only the wanted relationship types."""
    return f"""
MATCH (a:Actor {{id: $id}})-[r:{_rel_pattern(types)}]-(b:Actor)
WHERE r.confidence >= $min_confidence
  AND ($since IS NULL OR r.last_seen >= $since)
  AND ($until IS NULL OR r.first_seen <= $until)
RETURN collect({REL_ROW}) AS rels
"""


def neighbours_of(types: list[str] | None = None) -> str:
    """Relations of several actors in one statement (one BFS level)."""
    return f"""
UNWIND $ids AS id
MATCH (a:Actor {{id: id}})-[r:{_rel_pattern(types)}]-(b:Actor)
RETURN id AS actor, collect({REL_ROW}) AS rels
"""


def strongest_neighbours_of(types: list[str] | None = None) -> str:
    """The graph's write version, and for each actor its relation count and ``$limit``
    strongest relations (``strongest_relations`` order; readers sort again, as a
    collected list is not guaranteed to keep it). One record: see ``ACTOR_MAP``."""
    return _strongest(types, "r.confidence DESC, r.evidence_count DESC, b.id, type(r), startNode(r).id")


def strongest_candidates_of(types: list[str] | None = None) -> str:
    """As ``strongest_neighbours_of``, but ``$limit`` relations ordered by strength alone.

    Why: the tie-breaks read the other actor's id for every relation, which doubles the
    cost of a hub (24,000 relations: 35 ms without, 65 ms with). Sorted again by the
    reader, these rows hold the exact strongest ``k`` whenever the strength at rank ``k``
    differs from the weakest row's (the store reads ``k`` plus a margin, and checks).
    """
    return _strongest(types, "r.confidence DESC, r.evidence_count DESC")


def _strongest(types: list[str] | None, order: str) -> str:
    pattern = _rel_pattern(types)
    return f"""
OPTIONAL MATCH (l:WriteLock {{name: 'graph'}})
RETURN coalesce(l.version, 0) AS version, COLLECT {{
  UNWIND $ids AS id
  MATCH (a:Actor {{id: id}})
  RETURN [id, COUNT {{ (a)-[:{pattern}]-() }}, COLLECT {{
    MATCH (a)-[r:{pattern}]-(b:Actor)
    WITH r, b ORDER BY {order}
    LIMIT $limit
    RETURN {REL_ROW}
  }}]
}} AS actors
"""


def degrees_of(types: list[str] | None = None) -> str:
    """Relation counts per actor, from Neo4j's degree store (no relationship is read)."""
    return f"""
UNWIND $ids AS id
OPTIONAL MATCH (a:Actor {{id: id}})
WITH id, CASE WHEN a IS NULL THEN 0 ELSE COUNT {{ (a)-[:{_rel_pattern(types)}]-() }} END AS degree
RETURN collect([id, degree]) AS degrees
"""


ALL_RELATIONS = f"""
MATCH (s:Actor)-[r:{ACTOR_RELS}]->(t:Actor)
WHERE type(r) IN $types
RETURN {REL_ROW} AS rel
"""

EVIDENCE = f"""
MATCH (c:Claim {{relation_key: $key}})
RETURN {CLAIM_MAP} AS c ORDER BY c.article_id, c.start
"""

EVIDENCE_MANY = f"""
UNWIND $keys AS key
MATCH (c:Claim {{relation_key: key}})
RETURN key, {CLAIM_MAP} AS c ORDER BY c.article_id, c.start
"""

# The ``$limit`` strongest claims per key, in ``strongest_first`` order (an undated claim
# ranks as the oldest, as date.min does there); readers sort the collected list again.
EVIDENCE_STRONGEST = f"""
UNWIND $keys AS key
CALL (key) {{
  MATCH (c:Claim {{relation_key: key}})
  RETURN c ORDER BY c.confidence DESC, coalesce(c.event_date, c.published, date('0001-01-01')) DESC,
                    c.id
  LIMIT $limit
}}
RETURN key, collect({CLAIM_MAP}) AS claims
"""

# For each pair of relation keys, the first article (by id) that states claims of both.
SHARED_ARTICLES = """
UNWIND $pairs AS pair
CALL (pair) {
  MATCH (:Claim {relation_key: pair[0]})<-[:STATES]-(ar:Article)
  WITH DISTINCT ar
  WHERE EXISTS { MATCH (ar)-[:STATES]->(:Claim {relation_key: pair[1]}) }
  RETURN ar.id AS article ORDER BY article LIMIT 1
}
RETURN collect([pair[0], pair[1], article]) AS shared
"""

ARTICLES_BY_IDS = """
UNWIND $ids AS id
MATCH (ar:Article {id: id})
RETURN collect([ar.id, ar.url, ar.title, toString(ar.published), ar.source, ar.content_hash])
       AS articles
"""

# A readiness probe: the cheapest statement the server must plan and answer.
PING = "RETURN 1 AS ok"

ARTICLE_BY_ID = "MATCH (ar:Article {id: $id}) RETURN ar"

ALL_ARTICLES = """
MATCH (ar:Article)
RETURN ar.id AS id, ar.url AS url, ar.title AS title, ar.published AS published,
       ar.source AS source, ar.content_hash AS hash
ORDER BY ar.id
"""

ARTICLE_CLAIMS = f"""
MATCH (:Article {{id: $id}})-[:STATES]->(c:Claim)
RETURN {CLAIM_MAP} AS c ORDER BY c.start, c.id
"""

COUNTS = f"""
CALL () {{ MATCH (a:Actor) RETURN count(a) AS actors }}
CALL () {{ MATCH (a:Article) RETURN count(a) AS articles }}
CALL () {{ MATCH (c:Claim) RETURN count(c) AS claims }}
CALL () {{ MATCH (:Actor)-[r:{ACTOR_RELS}]->(:Actor) RETURN count(r) AS relations }}
RETURN actors, articles, claims, relations
"""

# What a bulk import is checked against (``loaders/bulk.py``): nodes per label and
# relationships per type, from the count store (no node or relationship is read).
BULK_COUNT_LABELS = ("Actor", "Article", "Claim")
BULK_COUNT_TYPES = ("MENTIONS", "STATES", "SUBJECT", "OBJECT", *(t.value for t in RelationType))
BULK_COUNTS = "RETURN " + ", ".join(
    [f"COUNT {{ (:{label}) }} AS {label}" for label in BULK_COUNT_LABELS]
    + [f"COUNT {{ ()-[:{rel}]->() }} AS {rel}" for rel in BULK_COUNT_TYPES])

# Waits until every index is online (after a bulk import, the constraints' indexes are
# populated from the imported nodes).
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# Every relationship first, then the bare nodes, each in batches of a bounded size.
# DETACH DELETE removes a node with ALL its relationships in the transaction the node falls
# in, so a batch of nodes is bounded by rows only when they have few relationships, and
# deleting a relationship costs one to two KiB of transaction memory: a hub actor's
# relations (the first actors stored are the most connected, so the first batch of actors
# held most of the graph's relations), or 5000 articles with ~20 MENTIONS each, overflowed
# the per-transaction limit (db.memory.transaction.max, 256m on a hardened server) at 100k
# actors. Relationships are therefore deleted on their own, 10000 per transaction whatever
# node they hang off. They are found by a type scan with no labels on the nodes: with
# labels, e.g. ``(:Actor)-[r]->(:Actor)``, the planner reads them all into an Eager buffer
# of the outer transaction before the first batch (a read of what is being deleted), and
# that buffer alone outgrows the limit on a large graph.
CLEAR_TYPES = "|".join(["MENTIONS", "STATES", "SUBJECT", "OBJECT", ACTOR_RELS])
CLEAR = [
    f"MATCH ()-[r:{CLEAR_TYPES}]->() CALL (r) {{ DELETE r }} IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (c:Claim) CALL (c) { DETACH DELETE c } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (ar:Article) CALL (ar) { DETACH DELETE ar } IN TRANSACTIONS OF 5000 ROWS",
    "MATCH (a:Actor) CALL (a) { DETACH DELETE a } IN TRANSACTIONS OF 10000 ROWS",
]


# ``aggregate.closing_date`` over ``last_stated`` and ``last_ended`` in scope.
CLOSED_ON = ("r.closed_on = CASE WHEN last_ended IS NOT NULL "
             "AND (last_stated IS NULL OR last_ended > last_stated) THEN last_ended END")


def merge_relation(rel_type: RelationType) -> str:
    """Recompute the aggregate of each key from all its claims and write the typed edge.

    Used for keys that lost claims (a replaced or retracted article): only a full
    recount is right for them. Keys that only gained claims take ``add_to_relation``.
    A claim's date is its event date, else its publication (``Claim.when``); claims that
    say the relation ended count for the dates and ``closed_on`` only
    (``aggregate.closing_date``).
    """
    rel = RelationType(rel_type).value  # refuses anything outside the enum
    return f"""
UNWIND $rows AS row
MATCH (c:Claim {{relation_key: row.key}})
WITH row, c, coalesce(c.event_date, c.published) AS day, coalesce(c.ended, false) AS ended
WITH row, min(day) AS first_seen, max(day) AS last_seen,
     collect(CASE WHEN NOT ended THEN c.confidence END) AS stated,
     collect(CASE WHEN NOT ended AND {ALIGNED_CLAIM} THEN c.confidence END) AS aligned,
     max(CASE WHEN NOT ended THEN day END) AS last_stated,
     max(CASE WHEN ended THEN day END) AS last_ended,
     count(CASE WHEN day IS NULL THEN 1 END) AS undated
WITH row, first_seen, last_seen, size(stated) AS n, undated,
     reduce(p = 1.0, x IN stated | p * (1.0 - x)) AS doubt, size(aligned) AS aligned_n,
     reduce(p = 1.0, x IN aligned | p * (1.0 - x)) AS alignment_doubt, last_stated, last_ended,
     {_by_origin("row.key")} AS by_origin
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
MERGE (s)-[r:{rel}]->(t)
SET r.polarity = row.polarity, r.evidence_count = n, r.first_seen = first_seen,
    r.last_seen = last_seen, r.doubt = doubt, r.confidence = round(1.0 - doubt, 6),
    r.alignment_count = aligned_n, r.alignment_doubt = alignment_doubt,
    r.alignment_confidence = round(1.0 - alignment_doubt, 6),
    r.last_stated = last_stated, r.last_ended = last_ended, r.undated_count = undated,
    {CLOSED_ON}
{_origin_tallies("by_origin")}
"""


def add_to_relation(rel_type: RelationType) -> str:
    """Fold the new claims of each key into its typed edge without reading older claims.

    Each row carries what the batch adds to one key: its count of claims stating the
    relation, earliest and latest date of all its claims, and ``doubt``, the product of
    (1 - confidence) over the new stating claims, and the same count and product over
    those that count as alignment; and the latest date of a stating claim and of an ended
    one, which ``closed_on`` is worked out from. An edge written before it kept
    ``last_stated`` had only stating claims: its ``last_seen`` is their latest date.
    Per origin of the new stating claims, ``origins`` has their distinct sources, alignment
    count and doubt (a new claim's article has no older claim on the key: a replaced
    article's keys are recounted by ``merge_relation`` instead, so sources add up).
    The edge keeps the running product, so the noisy-or confidence is exact after any
    number of batches. Re-reading every claim of a key instead made each batch slower
    than the last (hub keys gather thousands of claims). An edge written before
    ``doubt`` existed starts from its rounded confidence.
    """
    rel = RelationType(rel_type).value
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
MERGE (s)-[r:{rel}]->(t)
WITH r, row, coalesce(r.doubt, 1.0 - coalesce(r.confidence, 0.0)) * row.doubt AS doubt,
     coalesce(r.alignment_doubt, 1.0) * row.alignment_doubt AS alignment_doubt,
     CASE WHEN r.last_ended IS NULL THEN coalesce(r.last_stated, r.last_seen)
          ELSE r.last_stated END AS old_stated
WITH r, row, doubt, alignment_doubt,
     CASE WHEN old_stated IS NULL OR row.last_stated > old_stated
          THEN coalesce(row.last_stated, old_stated) ELSE old_stated END AS last_stated,
     CASE WHEN r.last_ended IS NULL OR row.last_ended > r.last_ended
          THEN coalesce(row.last_ended, r.last_ended) ELSE r.last_ended END AS last_ended
SET r.polarity = row.polarity, r.last_stated = last_stated, r.last_ended = last_ended,
    {CLOSED_ON},
    r.alignment_count = coalesce(r.alignment_count, 0) + row.alignment_n,
    r.alignment_doubt = alignment_doubt, r.alignment_confidence = round(1.0 - alignment_doubt, 6),
    r.evidence_count = coalesce(r.evidence_count, 0) + row.n,
    r.undated_count = coalesce(r.undated_count, 0) + row.undated,
    r.first_seen = CASE WHEN r.first_seen IS NULL OR row.first_seen < r.first_seen
                        THEN coalesce(row.first_seen, r.first_seen) ELSE r.first_seen END,
    r.last_seen = CASE WHEN r.last_seen IS NULL OR row.last_seen > r.last_seen
                       THEN coalesce(row.last_seen, r.last_seen) ELSE r.last_seen END,
    r.doubt = doubt, r.confidence = round(1.0 - doubt, 6)
{ORIGIN_INCREMENTS}
"""


# One-time backfills (``Neo4jStore.ensure_schema``): edges and claims written before a
# figure existed get it from their claims once, and the write-lock node records that it is
# done, so later starts read one flag instead of scanning every edge.
def _counted(flag: str) -> str:
    """Whether the backfill that sets ``flag`` on the write-lock node has run."""
    return f"MATCH (l:WriteLock {{name: 'graph'}}) RETURN l.{flag} AS done"


def _mark_counted(flag: str) -> str:
    return f"MERGE (l:WriteLock {{name: 'graph'}}) SET l.{flag} = true"


def _per_edge(where: str, body: str) -> str:
    """``body`` run for each actor edge (``s``, ``r``, ``t`` in scope) that ``where`` keeps,
    1,000 edges a transaction."""
    return f"""
MATCH (s:Actor)-[r:{ACTOR_RELS}]->(t:Actor)
{where}
CALL (s, r, t) {{
{body}
}} IN TRANSACTIONS OF 1000 ROWS
"""


_EDGE_CLAIMS = "OPTIONAL MATCH (c:Claim {relation_key: s.id + '|' + type(r) + '|' + t.id})"

# Alignment figures (``add_to_relation``'s alignment count and doubt).
ALIGNMENT_COUNTED = _counted("alignment_counted")
COUNT_ALIGNMENT = [
    _per_edge("WHERE r.alignment_count IS NULL", f"""  {_EDGE_CLAIMS}
  WITH r, collect(CASE WHEN {ALIGNED_CLAIM} THEN c.confidence END) AS aligned
  WITH r, aligned, reduce(p = 1.0, x IN aligned | p * (1.0 - x)) AS alignment_doubt
  SET r.alignment_count = size(aligned), r.alignment_doubt = alignment_doubt,
      r.alignment_confidence = round(1.0 - alignment_doubt, 6)"""),
    _mark_counted("alignment_counted"),
]

# Origins: a dataset claim's origin, and each edge's per-origin figures.
SOURCES_COUNTED = _counted("sources_counted")
COUNT_SOURCES = [
    """
MATCH (c:Claim) WHERE c.dataset IS NOT NULL AND c.origin IS NULL
CALL (c) { SET c.origin = $origin_of_dataset[c.dataset] } IN TRANSACTIONS OF 10000 ROWS
""",
    _per_edge("", f"""  WITH r, {_by_origin("s.id + '|' + type(r) + '|' + t.id")} AS by_origin
  {_origin_tallies("by_origin")}"""),
    _mark_counted("sources_counted"),
]
SOURCES_PARAMS: dict[str, Any] = {**ALIGNMENT_PARAMS, "origin_of_dataset": ORIGIN_OF_DATASET}

# Undated claims (``Relation.undated_count``: the as-of view reads an edge's claims again
# only when it has some).
UNDATED_COUNTED = _counted("undated_counted")
COUNT_UNDATED = [
    _per_edge("WHERE r.undated_count IS NULL", f"""  {_EDGE_CLAIMS}
  WHERE c.event_date IS NULL AND c.published IS NULL
  WITH r, count(c) AS undated
  SET r.undated_count = undated"""),
    _mark_counted("undated_counted"),
]


def delete_relation(rel_type: RelationType) -> str:
    """Remove typed edges whose key has no claims left."""
    rel = RelationType(rel_type).value
    return f"""
UNWIND $rows AS row
MATCH (:Actor {{id: row.source}})-[r:{rel}]->(:Actor {{id: row.target}})
WHERE NOT EXISTS {{ MATCH (c:Claim {{relation_key: row.key}}) }}
DELETE r
"""


# -- start-up warm-up (Neo4jStore.warm_up) ---------------------------------------------

# Read what the request statements read, once, so that a freshly started server has it in
# its page cache rather than on disk: actors with their properties and the indexes on
# their ids and names, the typed edges with the properties REL_ROW returns, the claims
# with every property (sentences live in the string store) through the index evidence
# reads seek, and the articles' metadata. Each is bounded by a time limit
# the store passes as the transaction's timeout.
WARM_UP_SCANS = {
    "actors": "MATCH (a:Actor) RETURN count(a.name) + count(a.alias_keys) + count(a.kind) AS n",
    "actor ids": ("MATCH (a:Actor) USING INDEX a:Actor(id) WHERE a.id IS NOT NULL "
                  "RETURN count(*) AS n"),
    "actor names": ("MATCH (a:Actor) USING INDEX a:Actor(name_key) WHERE a.name_key IS NOT NULL "
                    "RETURN count(*) AS n"),
    "relations": (f"MATCH (:Actor)-[r:{ACTOR_RELS}]->(:Actor) "
                  "RETURN count(r.confidence) + count(r.evidence_count) + count(r.first_seen) "
                  "+ count(r.alignment_count) AS n"),
    "claims": ("MATCH (c:Claim) USING INDEX c:Claim(relation_key) "
               "WHERE c.relation_key IS NOT NULL RETURN count(c {.*}) AS n"),
    "articles": "MATCH (ar:Article) RETURN count(ar.url) AS n",
}

# Two related actors (the first has the most relations of a small sample; ties go to the
# smaller ids, so a restart warms the same pair), a relation key between them and an
# article stating it: parameters for running each read once.
WARM_UP_SAMPLE = f"""
MATCH (s:Actor)-[r:{ACTOR_RELS}]->(t:Actor)
WITH s, r, t LIMIT 50
WITH s, r, t ORDER BY COUNT {{ (s)-[:{ACTOR_RELS}]-() }} DESC, s.id, t.id LIMIT 1
OPTIONAL MATCH (ar:Article)-[:STATES]->(:Claim {{relation_key: s.id + '|' + type(r) + '|' + t.id}})
RETURN s.id AS source, s.name AS name, t.id AS target, type(r) AS type, ar.id AS article
LIMIT 1
"""


# -- server hardening checks (graph/neo4j_hardening.py) -------------------------------

# The settings the project requires, as the server reports them (internal ones are not listed).
SHOW_HARDENING_SETTINGS = """
SHOW SETTINGS YIELD name, value
WHERE name IN $names
RETURN name, value
"""

# Port 1 of the loopback address: nothing listens there, so a server without the IP block
# list only fails to connect; a server with it refuses the address before connecting.
PROBE_LOAD_CSV_BLOCKED = "LOAD CSV FROM 'http://127.0.0.1:1/' AS line RETURN line LIMIT 1"
