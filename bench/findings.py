"""How each benchmark measures, and what each missed target was traced to.

Kept in code (not in the generated Markdown) so a regenerated report keeps
the analysis next to the fresh numbers. Update an entry when a profile
shows a different cause.
"""

from __future__ import annotations

__all__ = ["FINDINGS", "METHOD", "finding_for"]

METHOD = """
Every ratio is ``value ÷ baseline`` from two measurements taken in the same run, on the
same data, one after the other; the JSON output (`--json`) keeps both numbers.

- **extraction_vs_spacy**: the corpus (`tests/data/corpus/articles.jsonl` when it holds at
  least 200 articles, else the dev set, else `data/samples`), repeated until it reaches a
  minimum volume of text. Value: `Extractor.extract_many` over all articles (the whole
  pipeline: parse, gazetteer, NER, relation rules, graph building). Baseline: bare
  `nlp.pipe` over the same texts with the extractor's own spaCy model and enabled pipes.
  Both are warmed up on three articles, then timed in alternating order (best of two
  rounds in quick mode, three in full mode).
  Target ratio ≤ 1.25.
- **neo4j_load_vs_unwind**: synthetic articles (bench/synthetic.py: power-law actor
  popularity, ~10 claims per article with readable sentences, dates over five years, fixed
  seed) written into an empty database in batches, one transaction per batch. Value:
  claims/s through `Neo4jStore.upsert` (change detection, claim nodes, typed edges
  recomputed from their claims). Baseline: the same actors, articles, mentions, claims and
  typed edges as plain `UNWIND … MERGE` statements through the driver, rows prepared
  beforehand, edge counts summed in Python. Targets: ratio ≥ 0.5 and ≥ 20,000 claims/s.
- **api_vs_direct_{allies,paths,blocs}**: a synthetic graph loaded into the store, the API
  served by uvicorn (one worker, no access log) in a child process on 127.0.0.1, and a
  fixed list of requests (stored actors drawn uniformly, fixed seed) sent one at a time
  with httpx, bounded by a request count and a time cap (a loop stops when the next
  request would probably end past the cap). Each API request is paired with the same
  direct call, alternating which goes first, so both see the same caches and load.
  Baseline: the calls the route makes (`resolve_actor`, then the `queries/` function), made
  in-process on a store holding the same graph. Values are p99 latencies; p50s
  are reported in the `extra` field of the JSON. Targets: ratio ≤ 1.5, and p99 ≤ 100 ms for
  allies and 4-hop paths at 100k actors on Neo4j.
- **memory_store_bytes_per_relation**: a fresh child process loads synthetic articles into
  a `MemoryStore` until the graph holds the given number of relations (typed actor–actor
  edges); RSS delta ÷ relations, with a tracemalloc cross-check in a second, smaller child. Also the
  time spent in `upsert` and the time to reopen the saved file. Target: ≤ 2 GiB at 1M
  relations (≤ 2,147 bytes per relation).
- **ingest_http_articles_per_s**: the API on an empty store, 8 concurrent httpx clients
  POSTing real articles (distinct URLs) to `/articles`; a fixed number of requests and a
  time cap, after one untimed article that loads the NLP models. Value: articles created
  per second of wall time. Quick mode runs it on the memory store, full mode on both.
- **Sizes**: quick — 10k actors and ~30k relations for the API, 1,000 articles for the
  load, 50k relations for the memory store; full — 10k and 100k actors with ~10 relations
  per actor (≈1M relations for the large graph), 20,000 articles, 1M relations, and the
  collected corpus of ≥ 200 real articles once it is present.
"""

# Measured 2026-11-28 on the 2-core development machine while other engineers' test
# suites ran on it (load average 2-5): absolute numbers are pessimistic, the causes are not.
_NEO4J_LOAD = """
Server-bound, and out of reach for this write layout on 2 cores: even the bare
`UNWIND … MERGE` baseline writes only 1,500-3,000 claims/s here, so no client-side change
alone gets near 20,000. Per claim the database writes a `Claim` node with 16 properties,
three index entries (`claim_id`, `claim_relation_key`, `claim_published`), three
relationships, plus its share of the typed edge and the `MENTIONS` edges.

Measured (1,000 articles, 10,021 claims, batches of 100): statement time inside
`Neo4jStore.upsert` is `MERGE_CLAIMS` 42 %, `merge_relation` (aggregates recomputed from
claims) 15 %, `MERGE_ACTORS` 12 %, `MERGE_ARTICLES` with mentions 8 %; about 20 % is on the
client, mostly the driver's pure-Python packstream encoder (pyinstrument:
`Packer._py_pack` 2.5 s of an 8.7 s load). Batch size does not matter (50 to 1,000
articles per transaction: 2,100-2,900 claims/s).

Proposed changes, each tried on a copy in the same process:

1. Add `neo4j-rust-ext==6.4.1.0` to the dependencies (the driver's own Rust packstream
   extension, same version as `neo4j==6.4.1`, no code change): 2,000 → 3,300 claims/s
   median over interleaved runs (+55 %); the baseline gains as much, so the ratio holds.
2. `graph/cypher.py` `MERGE_CLAIMS`: `CREATE` the claim node and its `STATES`, `SUBJECT`,
   `OBJECT` relationships instead of `MERGE`. Safe because `_upsert_tx` only writes claims
   of new articles or of replaced ones whose claims `DETACH_ARTICLE` has just deleted;
   de-duplicate `claim_rows` by id in `_upsert_tx` first (a duplicate would now trip the
   `claim_id` constraint instead of merging): +10 to +35 % (2,100 → 2,860 claims/s median
   of three). Relations came out identical.

Tried and rejected: one `MERGE (s)-[r:$(row.type)]->(t)` statement for all types
(slower), adding to the aggregates instead of recomputing them (no gain). With 1 and 2
expect about 4,000-5,000 claims/s on this machine; 20,000 needs a different model
(claims stored without a node per claim, or `neo4j-admin database import` for bulk
loads) or more cores.
"""

_MEMORY = """
4.6 KB per relation at 50k relations (1.05 claims per relation), 4.3 GiB projected at 1M.
tracemalloc by line: 2.4 KB per relation are pydantic instances (`pydantic/main.py:280`):
each stored `Claim` has a 17-entry `__dict__` (464 B) and its own
`__pydantic_fields_set__` set (728 B), and each `Relation` on a networkx edge the same
again; 0.7 KB are `graph/memory_store.py` indexes (a set per relation key in
`_claims_by_key`, per article, per name); 0.3 KB networkx edge dicts; the rest strings
(claim ids, sentences, ~100 B of article text per claim).

Proposed changes in `graph/memory_store.py`:

1. Store claims and relations with one shared, immutable fields set:
   `Claim.model_construct(_fields_set=CLAIM_FIELDS, **claim.__dict__)` in `_index_claim`
   and likewise for the `Relation` from `aggregate_claims` in `_refresh_relations` —
   tried on a copy: 4,581 → 3,181 B per relation (−31 %) at 50k relations.
2. Keep claims as tuples (or a `__slots__` record) and build `Claim` models only in
   `evidence()` and `article_claims()` (about −300 B per claim).
3. Hold a single claim id per key as a tuple, not a set, in `_claims_by_key` (about −150 B).
4. Do not keep `Claim.sentence`: slice it from the article text on read (about −140 B).

1-3 should reach about 2.2-2.4 KB; 4 is what puts 1M relations safely under 2 GiB.
"""

_API_NEO4J = """
Round trips. Counting `Neo4jStore._read` calls for `GET /actors/{ref}/allies` of actors
with 2-5 relations in the 10k-actor graph: about 2,400 per request (~890
`store.evidence`, one per relation in an explanation; ~800 `get_article`; ~600
`get_actor`; ~130 `neighbours`) at about 1.4 ms each, so 3.5-4 s per request, against
165-190 ms for the same requests on the memory store. `/paths` makes 22-34 round trips
(66 ms-1.2 s); `/blocs` 6, but its closed 400-actor neighbourhood reads take 0.8-0.9 s.

Proposed change (`queries/evidence.py` `EvidenceLookup`, with batch reads on
`GraphStore`): fetch the evidence of all relations in a result, and then their articles
and actors, with one `UNWIND` query each (`evidence_many(keys)`, `get_articles(ids)`,
`get_actors(ids)`), and cap the items returned: a hub's allies list had 655 items and
building its ~12,000 `EvidenceSentence` models is 58 % of the memory-store time
(pyinstrument, `EvidenceLookup.sentences`).
"""

_API_RATIO = """
No cause found in the API layer so far. With fewer than 50 requests inside the time cap
the p99 is the maximum of a handful of samples and follows the machine's load (on the
shared development machine such rows flipped between met and missed from run to run).
In-process (FastAPI TestClient, no network) the app adds 20 % to the direct call for
allies on the memory store (396 vs 330 ms mean over 30 requests), of which response
serialisation (`model_dump_json`) is 27 ms. Rerun on a quiet machine before acting on
this row.
"""

FINDINGS: dict[str, str] = {
    "neo4j_load_claims_per_s": _NEO4J_LOAD.strip(),
    "neo4j_load_vs_unwind": _NEO4J_LOAD.strip(),
    "memory_store_bytes_per_relation": _MEMORY.strip(),
    "api_allies_p99_ms": _API_NEO4J.strip(),
    "api_paths_p99_ms": _API_NEO4J.strip(),
    "api_vs_direct_*": _API_RATIO.strip(),
}


def finding_for(name: str) -> str:
    """The recorded cause for a result name (exact, else a ``prefix*`` entry)."""
    if name in FINDINGS:
        return FINDINGS[name]
    for key, text in FINDINGS.items():
        if key.endswith("*") and name.startswith(key[:-1]):
            return text
    return "Not analysed yet: profile it (`--profile`) and record the cause in bench/findings.py."
