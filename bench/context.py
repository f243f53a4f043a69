"""Run settings shared by every benchmark: sizes per mode, Neo4j target, progress.

Three size presets: ``quick`` (under 3 minutes on 2 cores), ``full`` (the
sizes the issue's targets are stated for) and ``tiny`` (the smoke test).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import StoreUnavailable

__all__ = ["FULL", "QUICK", "TINY", "BenchError", "Context", "Neo4jTarget", "Sizes"]

# A node with this label marks a database the bench may wipe without asking.
BENCH_MARKER = "ConflictgraphBench"


class BenchError(RuntimeError):
    """A benchmark cannot run as configured (missing server, foreign data, ...)."""


@dataclass(frozen=True)
class Sizes:
    mode: str
    # extraction_vs_spacy: repeat the corpus until it holds at least this many characters
    extraction_min_chars: int
    extraction_max_articles: int | None
    # neo4j_load_vs_unwind
    load_articles: int
    load_batch: int
    # api_vs_direct_*: graph sizes (actors) and relations per actor
    api_actors: tuple[int, ...]
    relations_per_actor: int
    api_requests: int
    api_warmup: int
    api_time_cap_s: float
    # memory_store_bytes_per_relation (RSS run; the tracemalloc cross-check runs smaller)
    memory_relations: int
    memory_trace_relations: int
    # ingest_http
    ingest_clients: int
    ingest_requests: int
    ingest_time_cap_s: float
    ingest_stores: tuple[str, ...]
    # datasets: rows of the synthetic GDELT files (the parse rate is measured on the
    # largest; peak RSS at both rss sizes; the Neo4j load on its own smaller file)
    dataset_parse_rows: int
    dataset_rss_rows: tuple[int, int]
    dataset_neo4j_rows: int
    # bulk_load_claims_per_s / bulk_vs_bolt: claims loaded each way
    bulk_claims: int = 50_000


QUICK = Sizes(
    mode="quick", extraction_min_chars=100_000, extraction_max_articles=None,
    load_articles=1_000, load_batch=100,
    api_actors=(10_000,), relations_per_actor=3, api_requests=100, api_warmup=1, api_time_cap_s=6.0,
    memory_relations=50_000, memory_trace_relations=5_000,
    ingest_clients=8, ingest_requests=48, ingest_time_cap_s=20.0, ingest_stores=("memory",),
    dataset_parse_rows=1_000_000, dataset_rss_rows=(100_000, 1_000_000), dataset_neo4j_rows=10_000,
)
FULL = Sizes(
    mode="full", extraction_min_chars=1_000_000, extraction_max_articles=None,
    load_articles=20_000, load_batch=200,
    api_actors=(10_000, 100_000), relations_per_actor=10, api_requests=1_000, api_warmup=10,
    api_time_cap_s=120.0,
    memory_relations=1_000_000, memory_trace_relations=100_000,
    ingest_clients=8, ingest_requests=400, ingest_time_cap_s=300.0,
    ingest_stores=("memory", "neo4j"),
    dataset_parse_rows=1_000_000, dataset_rss_rows=(100_000, 1_000_000), dataset_neo4j_rows=100_000,
    bulk_claims=1_000_000,
)
TINY = Sizes(
    mode="tiny", extraction_min_chars=3_000, extraction_max_articles=3,
    load_articles=30, load_batch=10,
    api_actors=(200,), relations_per_actor=2, api_requests=4, api_warmup=1, api_time_cap_s=10.0,
    memory_relations=2_000, memory_trace_relations=1_000,
    ingest_clients=2, ingest_requests=4, ingest_time_cap_s=60.0, ingest_stores=("memory",),
    dataset_parse_rows=10_000, dataset_rss_rows=(1_000, 10_000), dataset_neo4j_rows=300,
    bulk_claims=300,
)


@dataclass(frozen=True)
class Neo4jTarget:
    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str = "neo4j"
    # The home of the local server (neo4j_local) at ``uri``: the cold-server rows restart it.
    home: Path | None = None

    def open(self) -> Neo4jStore:
        try:
            store = Neo4jStore(self.uri, self.user, self.password, database=self.database)
            store.ping()
        except StoreUnavailable as exc:
            raise BenchError(f"Neo4j is needed for this benchmark and is unreachable: {exc}. "
                             "Start it (`conflictgraph neo4j start`) or pass --skip-neo4j.") from exc
        return store


def _noop(_: str) -> None:
    return None


@dataclass
class Context:
    """Everything a benchmark function needs besides its own code."""

    sizes: Sizes
    neo4j: Neo4jTarget | None = None
    wipe: bool = False
    seed: int = 42
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="cg-bench-")))
    progress: Callable[[str], None] = _noop
    profile_dir: Path | None = None
    # result names asked for with --only (empty: all of a benchmark's results)
    only: frozenset[str] = frozenset()
    # rows a benchmark could not measure, and why (reported with the skipped benchmarks)
    skipped_rows: dict[str, str] = field(default_factory=dict)
    # clean-ups that failed after their rows were measured: the rows are kept and the run
    # reports these (and fails), so a database left full is never silent
    cleanup_errors: list[str] = field(default_factory=list)

    def wants(self, name: str, group: str) -> bool:
        """Whether result ``name`` of benchmark ``group`` was asked for."""
        return not self.only or group in self.only or name in self.only

    def stores(self) -> list[str]:
        return ["memory", "neo4j"] if self.neo4j else ["memory"]

    def neo4j_store(self) -> Neo4jStore:
        """An empty Neo4j store the bench may write to; refuses a database holding other data."""
        if self.neo4j is None:
            raise BenchError("this benchmark needs Neo4j: pass --neo4j-uri (or set NEO4J_URI)")
        store = self.neo4j.open()
        claim_bench_database(store, wipe=self.wipe)
        return store

    def release_neo4j(self, store: Neo4jStore) -> None:
        """Leave the database empty, as the bench found it, and close the store.

        A clean-up that fails does not raise: it would throw away the rows the benchmark
        measured before it. The error is kept in ``cleanup_errors`` (reported with the
        results, and the run fails); the bench marker stays, so the next run may clear
        the leftover data without --wipe-neo4j.
        """
        try:
            store.clear()
            store.driver.execute_query(f"MATCH (m:{BENCH_MARKER}) DELETE m",
                                       database_=store.database)
        except Exception as exc:  # any failure: keep the rows, report it
            self.cleanup_errors.append(
                f"clearing Neo4j at {store.uri} failed: {type(exc).__name__}: {exc}; the "
                "database still holds the benchmark's data (the next run clears it)")
        finally:
            store.close()


def claim_bench_database(store: Neo4jStore, *, wipe: bool) -> None:
    """Clear the database, but only if it is empty, was the bench's, or ``wipe`` was given."""
    counts = store.counts()
    records, _, _ = store.driver.execute_query(
        f"MATCH (m:{BENCH_MARKER}) RETURN count(m) AS n", database_=store.database
    )
    ours = records[0]["n"] > 0
    if any(counts.values()) and not ours and not wipe:
        raise BenchError(
            f"the Neo4j database at {store.uri} holds data the bench did not write "
            f"({counts}); the benchmarks clear it. Use an empty database, or pass --wipe-neo4j."
        )
    store.driver.execute_query(f"MERGE (:{BENCH_MARKER} {{id: 1}})", database_=store.database)
    store.clear()
