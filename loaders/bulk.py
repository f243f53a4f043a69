"""Bulk load: a first load of many articles and dataset rows through Neo4j's offline importer.

Three steps, each reusing what ingest does:

1. **Stage.** Articles go through the ingest pipeline (``Ingestor``: the same sources,
   cleaning, duplicate rule and extractor, with extraction spread over processes) and
   dataset files through ``DatasetIngestor``, into an in-memory ``MemoryStore``: its
   write path applies the stores' one upsert rule, so the actors, claims and relations
   staged are the ones ingest would build. Articles come first, then dataset files, as
   two ingest runs in that order would.
2. **Write** the staged graph as CSV files in ``Neo4jStore``'s layout (graph/neo4j_bulk.py).
3. **Import** them with the local server's own ``neo4j-admin database import full``
   into a fresh ``neo4j`` database, start the server, create the store's constraints and
   indexes (``Neo4jStore.ensure_schema``), and check the counts against what was written.

After that, ordinary ``ingest`` goes on incrementally on the same database.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..graph import cypher
from ..graph.memory_store import MemoryStore
from ..graph.model import Article, ArticleGraph, Dataset
from ..graph.neo4j_bulk import (
    BulkFiles,
    RejectedRow,
    parse_import_report,
    parse_import_totals,
    write_import_files,
)
from ..graph.neo4j_store import Neo4jStore
from ..neo4j_local.checks import parse_size
from ..neo4j_local.manager import LocalNeo4j
from .datasets import DatasetIngestor, DatasetSummary
from .extraction.base import Extractor
from .gazetteer import get_gazetteer
from .pipeline import Ingestor, IngestSummary
from .sources import Item, load_sources

__all__ = [
    "BulkLoadError",
    "BulkLoadRefused",
    "BulkReport",
    "ImportMemory",
    "ParallelExtractor",
    "StagedInput",
    "check_data_dir",
    "check_target",
    "create_schema",
    "import_graphs",
    "stage_inputs",
]

Progress = Callable[[int], None]
SCHEMA_WAIT_S = 600
# Rejected rows listed in the report (all are counted).
REJECTED_SHOWN = 100


class BulkLoadError(Exception):
    """Bulk load could not finish; the message says what happened and what to do."""


class BulkLoadRefused(BulkLoadError):
    """The target database holds data, and bulk load would replace it."""


# -- memory for the importer ---------------------------------------------------------------


def _available_bytes() -> int:
    """Memory the machine can give now (MemAvailable), else its physical memory."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))


def _mib(size: int) -> str:
    return f"{max(size // 2**20, 1)}m"


@dataclass(frozen=True)
class ImportMemory:
    """The importer's JVM heap and its off-heap budget (``--max-off-heap-memory``)."""

    heap: str
    off_heap: str

    @classmethod
    def for_machine(cls, available: int | None = None) -> ImportMemory:
        """A sixth of the available memory for the heap (0.5-8 GiB) and half for the
        importer's off-heap caches (at least 256 MiB): the importer's own default of 90 %
        would starve everything else on a shared machine."""
        available = available if available is not None else _available_bytes()
        heap = min(max(available // 6, 512 * 2**20), 8 * 2**30)
        off_heap = max(available // 2, 256 * 2**20)
        return cls(heap=_mib(heap), off_heap=_mib(off_heap))

    @classmethod
    def parse(cls, heap: str | None, off_heap: str | None) -> ImportMemory:
        """The machine's sizes, with any given one instead (checked: ``512m``, ``2g``)."""
        base = cls.for_machine()
        for size in (heap, off_heap):
            if size is not None:
                parse_size(size)
        return cls(heap=heap or base.heap, off_heap=off_heap or base.off_heap)


# -- parallel extraction ---------------------------------------------------------------------


def _worker_extractor() -> Extractor:
    from .extraction import get_extractor

    return get_extractor()


def _extract_chunk(articles: list[Article]) -> list[ArticleGraph]:
    return list(_worker_extractor().extract_many(articles))


def _extract_one(article: Article) -> ArticleGraph:
    return _worker_extractor().extract(article)


class ParallelExtractor:
    """The extractor, run in ``workers`` processes; articles come back in input order.

    Each process loads the model once. ``Ingestor`` gives it whole batches and falls back
    to one article at a time when a batch fails, as with the in-process extractor.
    """

    def __init__(self, workers: int) -> None:
        if workers < 2:
            raise ValueError("a parallel extractor needs at least 2 workers")
        self.workers = workers
        # spawn, not fork: the parent may run threads (progress bars, drivers).
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
        self.version = "parallel"

    def extract(self, article: Article) -> ArticleGraph:
        return self._pool.submit(_extract_one, article).result()

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleGraph]:
        batch = list(articles)
        size = max(1, -(-len(batch) // self.workers))
        chunks = [batch[i:i + size] for i in range(0, len(batch), size)]
        for graphs in self._pool.map(_extract_chunk, chunks):
            yield from graphs

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


# -- staging ---------------------------------------------------------------------------------


@dataclass
class StagedInput:
    """The staged graph, and what reading the inputs did."""

    store: MemoryStore
    articles: IngestSummary = field(default_factory=IngestSummary)
    datasets: DatasetSummary | None = None


def stage_inputs(
    article_paths: list[Path],
    dataset_paths: list[Path],
    *,
    workers: int,
    dataset_format: Dataset | None = None,
    dataset_version: str | None = None,
    batch_size: int = 64,
    article_progress: Progress | None = None,
    dataset_progress: Callable[[int, int], None] | None = None,
    gazetteer_path: Path | None = None,
) -> StagedInput:
    """Read, extract and resolve everything into an in-memory store, as ingest would."""
    staging = StagedInput(store=MemoryStore())
    if article_paths:
        items: list[Item] = list(load_sources(article_paths))
        extractor: ParallelExtractor | None = None
        if workers > 1 and len(items) > workers:
            extractor = ParallelExtractor(workers)
        try:
            ingestor = Ingestor(staging.store, extractor=extractor,
                                batch_size=batch_size * max(workers, 1))
            staging.articles = ingestor.ingest(items, article_progress)
        finally:
            if extractor is not None:
                extractor.close()
        if staging.articles.error:
            raise BulkLoadError(f"staging the articles failed: {staging.articles.error}")
    if dataset_paths:
        gazetteer = get_gazetteer(gazetteer_path)
        ingestor_d = DatasetIngestor(staging.store, gazetteer, batch_size=5000,
                                     version=dataset_version)
        summary = DatasetSummary()
        for path in dataset_paths:
            summary = ingestor_d.ingest([path], dataset_format, dataset_progress)
            if summary.error:
                raise BulkLoadError(f"reading {path} failed: {summary.error}")
        staging.datasets = summary
    return staging


# -- the target database -----------------------------------------------------------------------


def _open(manager: LocalNeo4j, ensure_schema: bool) -> Neo4jStore:
    cfg = manager.config
    return Neo4jStore(cfg.bolt_uri, cfg.user, cfg.password, ensure_schema=ensure_schema)


def check_target(manager: LocalNeo4j, *, force: bool, timeout: float = 300) -> dict[str, int]:
    """What the target database holds; BulkLoadRefused when it holds data and not ``force``.

    A stopped server with a database is started to count it (and left running), unless
    ``force`` says to replace it whatever it holds: then nothing is counted, and the import
    is the only thing that needs the server down (one server start in all, after it).
    """
    running = manager.status().running
    if not running and (force or not manager.database_dir.exists()):
        return {}
    if not running:
        manager.start(timeout=timeout)
    with _open(manager, ensure_schema=False) as store:
        counts = store.counts()
    if any(counts[k] for k in ("actors", "articles", "claims")) and not force:
        held = ", ".join(f"{n:,} {k}" for k, n in counts.items() if n)
        raise BulkLoadRefused(
            f"the Neo4j database in {manager.home} is not empty ({held}); bulk-load replaces a "
            "database, it does not add to one. Add to it with `conflictgraph ingest`, load into "
            "another home (--neo4j-home), or pass --force to delete its data and load anew.")
    return counts


# The entries of a Neo4j data directory (``server.directories.data``).
DATA_DIR_ENTRIES = ("databases", "transactions", "dbms")


def check_data_dir(data_dir: Path, *, force: bool) -> None:
    """Refuse a data directory bulk-load must not import into (``bulk-load --into``).

    It must be a directory that is empty, new, or a Neo4j data directory; one whose
    ``neo4j`` database exists is refused without ``force``, as offline nothing can count it.
    A server running on it is refused by the importer itself (the store is locked).
    """
    if data_dir.exists() and not data_dir.is_dir():
        raise BulkLoadRefused(f"{data_dir} is a file: --into takes a Neo4j data directory.")
    if data_dir.exists() and any(data_dir.iterdir()) and not any(
            (data_dir / name).exists() for name in DATA_DIR_ENTRIES):
        raise BulkLoadRefused(
            f"{data_dir} is not empty and is no Neo4j data directory (it has none of "
            f"{', '.join(DATA_DIR_ENTRIES)}): give the data directory of a stopped Neo4j "
            "5 server (server.directories.data; /data in the Docker image), or a new one.")
    database = data_dir / "databases" / "neo4j"
    if database.exists() and any(database.iterdir()) and not force:
        raise BulkLoadRefused(
            f"{data_dir} already holds a database 'neo4j', which bulk-load would replace; "
            "offline it cannot tell whether it holds data. Add to it with `conflictgraph "
            "ingest` (server running), give another data directory, or pass --force to "
            "delete that database and load anew.")


# -- import and report -------------------------------------------------------------------------


def create_schema(store: Neo4jStore) -> None:
    """The store's constraints and indexes in one transaction, then what ``ensure_schema``
    adds (the write lock's figures are imported as counted, so it scans nothing).

    One transaction: the server then fills all the new indexes in one pass over the store
    instead of one pass per statement. Waits until every index is online.
    """
    with store.driver.session(database=store.database) as session:
        with session.begin_transaction() as tx:
            for statement in cypher.SCHEMA:
                tx.run(statement).consume()
            tx.commit()
        session.run(cypher.AWAIT_INDEXES, seconds=SCHEMA_WAIT_S).consume()
    store.ensure_schema()


@dataclass
class BulkReport:
    """What a bulk load wrote, what the database holds after it, and what was rejected."""

    home: str
    csv_dir: str
    nodes_written: dict[str, int]
    relationships_written: dict[str, int]
    nodes_found: dict[str, int] = field(default_factory=dict)
    relationships_found: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    rejected_rows: list[RejectedRow] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    memory: dict[str, str] = field(default_factory=dict)
    # The importer's own totals (nodes include the write-lock node); None if it gave none.
    nodes_imported: int | None = None
    relationships_imported: int | None = None
    # Whether the server was started and counted per label and type (``--neo4j-home``), or
    # the database was only imported into a data directory (``--into``): then the check is
    # the importer's totals against what was written.
    online: bool = True

    @property
    def claims(self) -> int:
        return self.nodes_written.get("Claim", 0)

    @property
    def mismatches(self) -> list[str]:
        """Every label or type whose count in the database differs from what was written
        (offline: the importer's node and relationship totals)."""
        if not self.online:
            wanted = {"nodes": sum(self.nodes_written.values()) + 1,  # and the write lock
                      "relationships": sum(self.relationships_written.values())}
            got = {"nodes": self.nodes_imported, "relationships": self.relationships_imported}
            return [f"{name}: wrote {n:,}, importer reports {got[name] or 0:,}"
                    for name, n in wanted.items() if got[name] != n]
        found = {**self.nodes_found, **self.relationships_found}
        wanted = {**self.nodes_written, **self.relationships_written}
        return [f"{name}: wrote {n:,}, database has {found.get(name, 0):,}"
                for name, n in wanted.items() if found.get(name, 0) != n]

    @property
    def ok(self) -> bool:
        return not self.mismatches and not self.rejected

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["rejected_rows"] = [row.reason for row in self.rejected_rows]
        data["mismatches"] = self.mismatches
        data["ok"] = self.ok
        return data

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_json(), indent=2) + "\n", encoding="utf-8")


def import_graphs(
    graphs: Iterable[ArticleGraph],
    manager: LocalNeo4j,
    *,
    csv_dir: Path,
    memory: ImportMemory,
    progress: Progress | None = None,
    step: Callable[[str], None] | None = None,
    timeout: float = 300,
    online: bool = True,
) -> BulkReport:
    """Write the graphs as import files, import them into a fresh ``neo4j`` database of
    ``manager``'s data directory, and (``online``) start the server, create the store's
    schema and count per label and type.

    Offline (``bulk-load --into``), nothing is started: the importer's totals are the check,
    and the store creates its schema when it first connects to the server.
    The caller has checked the target (``check_target``, ``check_data_dir``): whatever
    database is there is replaced. The files stay in ``csv_dir``.
    """
    def say(what: str) -> None:
        if step is not None:
            step(what)

    seconds: dict[str, float] = {}
    began = time.perf_counter()
    say("writing import files")
    files: BulkFiles = write_import_files(graphs, csv_dir, progress)
    seconds["write_files"] = time.perf_counter() - began

    mark = time.perf_counter()
    if manager.status().running:
        say("stopping the server for the import")
        manager.stop()
    seconds["stop_server"] = time.perf_counter() - mark

    say("importing with neo4j-admin database import full")
    mark = time.perf_counter()
    report_file = csv_dir / "import.report"
    report_file.unlink(missing_ok=True)
    arguments = [*files.importer_arguments(), "--overwrite-destination=true",
                 f"--max-off-heap-memory={memory.off_heap}", f"--report-file={report_file}",
                 "--skip-bad-relationships=true", "--skip-duplicate-nodes=true"]
    try:
        output = manager.import_full(arguments, heap=memory.heap, log=csv_dir / "import.log")
    except Exception as exc:
        raise BulkLoadError(f"{exc}\nThe import files are kept in {csv_dir}.") from exc
    seconds["import"] = time.perf_counter() - mark
    totals = parse_import_totals(output)

    found: dict[str, Any] = {}
    if online:
        say("starting the server")
        mark = time.perf_counter()
        manager.start(timeout=timeout)
        seconds["start_server"] = time.perf_counter() - mark

        say("creating constraints and indexes")
        mark = time.perf_counter()
        store = _open(manager, ensure_schema=False)
        try:
            create_schema(store)
            seconds["schema"] = time.perf_counter() - mark
            mark = time.perf_counter()
            records, _, _ = store.driver.execute_query(cypher.BULK_COUNTS,
                                                       database_=store.database)
            seconds["count"] = time.perf_counter() - mark
        finally:
            store.close()
        found = dict(records[0])
    seconds["total"] = time.perf_counter() - began
    rejected = parse_import_report(report_file)
    return BulkReport(
        home=str(manager.home), csv_dir=str(csv_dir),
        nodes_written=files.node_counts, relationships_written=files.relationship_counts,
        nodes_found={k: int(found[k]) for k in cypher.BULK_COUNT_LABELS} if online else {},
        relationships_found=(
            {k: int(found[k]) for k in cypher.BULK_COUNT_TYPES} if online else {}),
        rejected=len(rejected), rejected_rows=rejected[:REJECTED_SHOWN],
        seconds={k: round(v, 3) for k, v in seconds.items()},
        memory={"heap": memory.heap, "off_heap": memory.off_heap},
        nodes_imported=totals[0] if totals else None,
        relationships_imported=totals[1] if totals else None,
        online=online,
    )
