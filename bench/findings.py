"""How each benchmark measures, and what each missed target was traced to.

Kept in code (not in the generated Markdown) so a regenerated report keeps
the analysis next to the fresh numbers. Update an entry when a profile
shows a different cause.
"""

from __future__ import annotations

__all__ = ["FINDINGS", "METHOD", "finding_applies", "finding_for"]

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
  Target ratio ≤ 1.25 (and < 1.0 for the backfill issue).
- **extraction_selective_vs_parse_all**: in the same rounds, a third side: the same extractor
  built with `parse_all=False` (`CONFLICTGRAPH_PARSE_ALL=0`), which tags and parses only the
  sentences with two actor candidates instead of every sentence (the default). Value: the
  selective pipeline's time; baseline: the default pipeline's. `extra` holds both claim
  counts (they must be equal) and the share of the corpus's sentences the selective parse leaves unparsed
  (`skipped_fraction`). Target ratio ≤ 1.0.
- **neo4j_load_vs_unwind**: synthetic articles (bench/synthetic.py: power-law actor
  popularity, ~10 claims per article with readable sentences, dates over five years, fixed
  seed) written into an empty database in batches, one transaction per batch. Value:
  claims/s through `Neo4jStore.upsert` (change detection, claim nodes, typed edges
  updated with the batch's claims). Both sides first run once on throwaway data, so
  neither pays for the cold server. Baseline: the same actors, articles, mentions, claims and
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
- **api_cold_vs_direct_{allies,paths,blocs}**: the same pairs on a freshly started Neo4j,
  measured before the warm rows of the same run (which the cold rows' `extra` repeats
  as `warm_ratio`, `warm_api_p99_ms`, `warm_direct_p99_ms`). The bench restarts the local
  server of `--neo4j-home` ($CONFLICTGRAPH_NEO4J_HOME) that serves `--neo4j-uri`, with its
  own ports and memory settings (rows skipped, with the reason, when there is none): its
  page cache, query plans and JIT-compiled code start empty. Then a new API process
  starts and the bench waits for its `/readyz`, which answers once the server's start-up
  warm-up is done (`api_cold_ready_s`; the bench gives it up to 300 s so a loaded machine
  still measures a finished warm-up, and keeps its log line, with each step's time, in
  `extra.warm_up`). The first requests are then timed with no untimed pair, the three
  queries interleaved, so each sees the server's first minutes. Cold on the API side: the
  server as its warm-up left it (a new process, a new driver, a Neo4j warmed by the
  API's own start-up). Cold on the direct side: a new store and driver in the bench
  process (its Python code has run before) on the same server. Pairs alternate which side
  goes first, round by round. With fewer than 100 requests per query the p99 is the
  slowest request. Target: ratio ≤ 1.5.
- **as_of_allies_vs_allies**: the largest synthetic graph of the run (the quick size, or
  100k actors in full mode) in each store; the same stored actors (drawn uniformly, fixed
  seed) asked for their allies as of a date in the middle of the corpus's five years
  (`WindowedStore`, as `GET /actors/{ref}/allies?as_of=`) and plainly, alternating which
  goes first, in-process. Values are p99 latencies; p50s are in `extra`. Target: ratio
  ≤ 1.5.
- **memory_store_bytes_per_relation**: a fresh child process loads synthetic articles into
  a `MemoryStore` until the graph holds the given number of relations (typed actor–actor
  edges); RSS delta ÷ relations, with a tracemalloc cross-check in a second, smaller child. Also the
  time spent in `upsert` and the time to reopen the saved file. Target: ≤ 2 GiB at 1M
  relations (≤ 2,147 bytes per relation).
- **ingest_http_articles_per_s**: the API on an empty store, 8 concurrent httpx clients
  POSTing real articles (distinct URLs) to `/articles`; a fixed number of requests and a
  time cap, after one untimed article that loads the NLP models. Value: articles created
  per second of wall time. Quick mode runs it on the memory store, full mode on both.
- **datasets**: a synthetic GDELT 2.0 events file (bench/datasets.py: 61 tab-separated
  columns, header-less, ten countries including CAMEO's older ROM, seven actor types,
  CAMEO codes with leading zeros, fixed seed) of 100k and of 1M rows. A fresh child
  process reads each file from bytes on disk to mapped events (`read_lines`, `rows_of`,
  the GDELT mapper), keeping no row. `dataset_parse_rows_per_s`: rows ÷ that process's
  CPU seconds on the 1M-row file (one core; wall clock in the note). Target ≥ 50,000.
  `dataset_peak_rss_mb_100k` / `_1m`: the child's peak RSS (`ru_maxrss`), interpreter and
  tables included; flat means the 1M figure stays within 10% (+5 MB) of the 100k one.
  `dataset_neo4j_load_vs_unwind`: rows/s through `DatasetIngestor` into an empty Neo4j
  (parse, collapse of duplicate reports, actor matching, `Neo4jStore.upsert` in batches
  of 500 records) ÷ rows/s of bare `UNWIND … MERGE` of the same article graphs, recorded
  from the same ingest and prepared beforehand (the baseline of `neo4j_load_vs_unwind`);
  both sides run after a warm-up. Rows: 10k in quick mode, 100k in full; the parse and
  memory files are the same in both modes (the 1M figure needs the 1M file).
- **bulk_load_claims_per_s, bulk_vs_bolt**: the same synthetic articles loaded twice
  into one server home of their own (spare ports, `CONFLICTGRAPH_BENCH_BULK_PORTS`): first
  `Neo4jStore.upsert` over Bolt into the fresh database, in batches, after the warm-up of
  `neo4j_load_vs_unwind`; then the server is stopped and `import_graphs` (the second half
  of `conflictgraph bulk-load`) writes the import files, runs `neo4j-admin database import
  full`, starts the server, creates the store's constraints and indexes, waits for them
  and checks the counts. Value: claims ÷ those bulk seconds (graphs in memory to an online
  database). Ratio: that ÷ Bolt claims/s. 50k claims in quick mode, 1M in full mode.
  Targets: ≥ 100,000 claims/s and ratio ≥ 20. `bulk_load_steady_claims_per_s` is NOT end
  to end: claims ÷ (import files + importer run), the steps that grow with the input,
  without the server start, schema and count, whose cost hardly depends on the size.
- **Sizes**: quick — 10k actors and ~30k relations for the API, 1,000 articles for the
  load, 50k relations for the memory store; full — 10k and 100k actors with ~10 relations
  per actor (≈1M relations for the large graph), 20,000 articles, 1M relations, and the
  collected corpus of ≥ 200 real articles once it is present.
"""

# Measured 2026-11-28 on the 2-core development machine (other work sometimes ran beside
# it): absolute numbers are pessimistic, the causes are not.
_NEO4J_LOAD = """
Server-bound on 2 cores: the bare `UNWIND … MERGE` baseline of the same rows writes
1,800-3,400 claims/s here, so no change on our side alone reaches 20,000. Per claim the
database writes a `Claim` node with 19 properties, three index entries (`claim_id`,
`claim_relation_key`, `claim_published`), three relationships, plus its share of the
typed edge and the `MENTIONS` edges; a single `CREATE` of the claim rows alone runs at
about 15,000 claims/s.

Measured (5,000 articles, 50,024 claims, batches of 500, statement time inside
`Neo4jStore.upsert`, 13.7 s in all): `add_to_relation` (typed edges) 3.0 s,
`CREATE_CLAIMS` 2.9 s, mentions 1.0 s, `MERGE_ACTORS` 0.8 s, change detection 0.2 s; the
client spends 2.7 s of CPU (row building, packstream), and commits the rest.

Fixed: (1) the typed edges used to be recounted from all their claims in every batch, so
each batch was slower than the last (≈ 550 claims/s once 300k claims were stored); the new
claims of a key are now folded into its edge (count, first/last seen, and `doubt`, the
running product behind the noisy-or confidence), and only keys that lost claims are
recounted. A 100k-actor graph (1,029,115 claims) now loads at 2,600 claims/s overall, the
last 100k claims at 2,170/s. (2) Mentions are `CREATE`d (the article's old ones are
deleted first in the same transaction). (3) Actors are rewritten only when a stored field
differs (hubs appear in most batches). (4) The bench warms the server up before timing:
cold, the first side to run paid for planning (974 claims/s against ≈ 3,000 warm). Earlier:
`CREATE` for claims and the driver's Rust extension (≈ 2× together).

What would reach 20,000: a layout without a node per claim (claims as a list property of
the typed edge, losing per-claim traversal in Browser), `neo4j-admin database import`
for first loads, or more cores for the server.
"""

_API_NEO4J = """
Three rounds, on the 100k-actor graph (1,000,005 relations, degrees: median 8, p99 178,
max 33,850).

First: requests read every relation of every actor on the way (allies: 66,700 relation
rows, p50 5.9 s; 4-hop paths: 50,900, p50 3.4 s). Walks now take each actor's 50 strongest
relations (`neighbours_of(strongest=)`), do not walk through actors of more than 200
relations (`degrees()`, from Neo4j's degree store), allies read the actor's 400 strongest
relations then the 30 strongest of its 30 strongest non-hub intermediaries, and evidence is
the 3 strongest claims per relation. That left allies p50 88 ms / p99 555 ms, paths 40 /
136 ms over HTTP.

Second, profiled request by request (direct calls, per statement): (1) the Python driver
spent ~40 µs of client CPU per returned row, most of it building a `neo4j.time.Date` per
date value and a `Record` per row: 900 relation rows took 34 ms of client CPU as records
with dates and 2 ms as one collected list with ISO date strings, for the same server work.
Reads now return maps and lists with dates as strings, collected per actor or per
request. (2) The asked actor's leadership partners were all walked with the actor's own cap:
a synthetic government leading 707 actors read 69,531 relations (26 s). Now the 20
strongest partners are shared, read 50 relations each, and a partner with more than 200
alignments other than the strongest is listed, not walked. (3) Ordering a hub's relations
costs ~2-4 µs per relation whatever the LIMIT (100 ms for 24,000): the strongest partner is
often such a hub. Hubs of 1,000 relations or more keep their strongest relations in a
per-process cache tagged with the graph's write version, which every write bumps and every
read returns, so a cached hub is used only while nothing has changed. (4) A full answer of
100 items carried ~300 explanation paths and ~1,000 evidence sentences (300-700 kB): the
default `limit` is 25, with `offset` to page (at 100 items the direct p99 was 131 ms, at
50 109 ms, at 25 88 ms). Direct calls after all four, on a warm server: allies p50 32 ms,
p99 88 ms (600 uniform requests); 4-hop paths p50 31 ms, p99 76 ms (300). A cold page
cache (a server just restarted, before its store files are read once) tripled the tail:
measure on a warm server, as production runs; the bench loads the graph through the store,
which leaves it in the page cache when the page cache holds the store (4 GiB here).

Third round (met since; full run of b58384a: allies p50 28 / p99 61 ms, paths 28 / 59 ms over
HTTP, direct p99 70 and 75 ms). The earlier full run's 177 / 179 ms were traced request by
request by replaying its 1,000 requests with per-statement timing: the slow API requests were
the same from run to run while their direct twins took 30-60 ms, and the statements inside
summed to 30-40 ms. (1) The API process's garbage collector: a full collection walked the
~120,000 objects alive since startup (FastAPI, pydantic, networkx, the driver) in 45-90 ms,
once every ~20 requests (15 in 300 allies requests). Servers now open the store at startup and
`gc.freeze()` what is then alive (`api/heap.py`): full collections take 2-3 ms, and the
replayed API p99 fell from 153 to 95 ms (allies) and 163 to 79 ms (paths). (2) The first
read of a hub's strongest relations in a process sorted them on the other actor's id too,
which Neo4j reads for every relation (65 ms for a hub of 24,360): the store now ranks by
strength alone with a margin and settles ties at the cut in Python, re-reading in full only
when a tie may run past the margin (35-45 ms; a contract test compares every cut with a full
sort). (3) Ranking each aligned actor by its best explanation before sorting the
explanations of the items returned only saved 5-13 % on the heaviest allies requests.
Remaining tail: Neo4j's own young-generation pauses (12-47 ms every ~10 s with a 2 GiB heap,
from its GC log) and the first read of each hub in a process.
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

_EXTRACTION = """
Close to the target, and the machine's load moves it: with cg-rules-0.7 four quick runs on
2026-11-28 measured 1.29 (the first, minutes after a 35-minute API benchmark), 1.18, 1.14
and 1.22; 0.5 measured 1.21 quiet and 1.31 in a slow hour, when bare `nlp.pipe` took 2.9 s
against 1.8-2.1 s. Post-parse work grew with each round of constructions (per-token hooks in
`Constructions.sentence`, the coordination filter, description and junta resolution, the
dateline scan): cProfile over the 57-article bench corpus puts `Constructions.sentence` at
0.40 s and `find_mentions` at 0.34 s of a 3.3 s profiled extraction. If the ratio passes
1.25 on a quiet machine, the hooks called for every noun (about ten generators each) and
the mention passes are the first places to look.
"""

# Measured in the quick run of f7c0593 (2026-12-08, 1-minute load 10 on 2 cores): the
# bulk side's own step times, from the row's `extra.bulk_steps_s`.
_BULK = """
Not profiled yet; the step times of the 2026-12-08 quick run say where the time went. Of
134 s for 50,013 claims: creating the constraints and indexes on the imported database
58 s, starting the server 37 s, `neo4j-admin database import` 30 s, writing the CSV files
7 s. About 95 s of that is per load, not per claim, so at the quick size the fixed costs
decide the rate; the full mode (1M claims) is the size the target is stated for. The run
shared 2 cores with a load average of 10.
"""

FINDINGS: dict[str, str] = {
    "bulk_load_claims_per_s": _BULK.strip(),
    "bulk_vs_bolt": _BULK.strip(),
    "extraction_vs_spacy": _EXTRACTION.strip(),
    "neo4j_load_claims_per_s": _NEO4J_LOAD.strip(),
    "neo4j_load_vs_unwind": _NEO4J_LOAD.strip(),
    "api_allies_p99_ms": _API_NEO4J.strip(),
    "api_paths_p99_ms": _API_NEO4J.strip(),
    "api_vs_direct_*": _API_RATIO.strip(),
}


# Findings measured on one store only: rows of the other store do not borrow them.
_STORE_OF = {"api_allies_p99_ms": "neo4j", "api_paths_p99_ms": "neo4j"}


def finding_applies(name: str, config: str) -> bool:
    """Whether the recorded finding for ``name`` was measured on the store of ``config``."""
    store = _STORE_OF.get(name)
    return store is None or config.startswith(store)


def finding_for(name: str) -> str:
    """The recorded cause for a result name (exact, else a ``prefix*`` entry)."""
    if name in FINDINGS:
        return FINDINGS[name]
    for key, text in FINDINGS.items():
        if key.endswith("*") and name.startswith(key[:-1]):
            return text
    return "Not analysed yet: profile it (`--profile`) and record the cause in bench/findings.py."
