"""Sixteen writers at once: overlapping articles loaded concurrently give the serial graph.

Concurrent MERGEs of the same actors, claims and relations are where duplicate
nodes, duplicate edges and lost evidence-count updates come from. Each test
loads the same overlapping corpus from 16 clients at once (threads straight on
a store, and HTTP clients against a real `conflictgraph serve` process) and
then requires exactly the graph of one serial load: same counts, same
relation set, same evidence counts, and on Neo4j no duplicate node or edge.
"""

from __future__ import annotations

import json
import logging
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import ArticleGraph
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import GraphStore
from conflictgraph.loaders.extraction import get_extractor
from conflictgraph.loaders.pipeline import record_to_article
from conflictgraph.loaders.records import ArticleRecord

DEVSET = Path(__file__).resolve().parent / "data" / "devset" / "articles.jsonl"
CLIENTS = 16
COPIES = 4  # each article is sent by this many clients
RECORD_FIELDS = ("text", "url", "title", "published", "source")

# Synthetic articles: overlapping actor pairs so that many writers touch the same
# actors and relations at once ("X supports Y" shapes the extractor reads reliably).
_PAIRS = [
    ("Iran", "Hezbollah"), ("Russia", "Syria"), ("Turkey", "the Government of National Accord"),
    ("The United Arab Emirates", "the Libyan National Army"), ("Saudi Arabia", "the Yemeni government"),
    ("Iran", "the Houthis"), ("The United States", "Ukraine"), ("Pakistan", "the Taliban"),
    ("Qatar", "Hamas"), ("Egypt", "the Libyan National Army"), ("Russia", "the Libyan National Army"),
    ("The United States", "Israel"),
]
_VERBS = ["supports", "backs", "opposes", "is allied with", "cooperates with"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


# -- the corpus -----------------------------------------------------------------------------
def synthetic_records(count: int) -> list[ArticleRecord]:
    records = []
    for k in range(count):
        sentences = []
        for j in range(3):
            subject, obj = _PAIRS[(k * 3 + j) % len(_PAIRS)]
            verb = _VERBS[(k + j) % len(_VERBS)]
            sentences.append(f"{subject} {verb} {obj}, officials said on {_DAYS[(k + j) % 5]}.")
        records.append(ArticleRecord(
            text="\n\n".join(sentences), url=f"https://example.org/synthetic/{k}",
            title=f"Synthetic report {k}", published=f"2024-{k % 12 + 1:02d}-{k % 28 + 1:02d}",
        ))
    return records


def devset_records() -> list[ArticleRecord]:
    """The 30 real public-domain articles of the dev set."""
    with DEVSET.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [ArticleRecord.model_validate({k: row.get(k) for k in RECORD_FIELDS}) for row in rows]


def corpus() -> list[ArticleRecord]:
    """100 articles (the API's largest batch): 70 synthetic first, then the dev set."""
    return synthetic_records(70) + devset_records()


def as_json(record: ArticleRecord) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_none=True)


def graph_state(store: GraphStore) -> dict[str, Any]:
    """What a concurrent load must share with a serial one."""
    return {
        "counts": store.counts(),
        "articles": sorted(a.id for a in store.articles()),
        "actors": sorted(a.id for a in store.actors()),
        "relations": sorted((r.source, r.target, r.type.value, r.evidence_count)
                            for r in store.relations()),
    }


DUPLICATE_CHECKS = {
    "actors": "MATCH (n:Actor) WITH n.id AS id, count(*) AS n WHERE n > 1 RETURN count(*) AS dups",
    "articles": "MATCH (n:Article) WITH n.id AS id, count(*) AS n WHERE n > 1 "
                "RETURN count(*) AS dups",
    "claims": "MATCH (n:Claim) WITH n.id AS id, count(*) AS n WHERE n > 1 RETURN count(*) AS dups",
    "edges": "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(*) AS n WHERE n > 1 "
             "RETURN count(*) AS dups",
    "evidence": "MATCH (:Actor)-[r]->(:Actor) "
                "WHERE r.evidence_count <> COUNT { MATCH (c:Claim) WHERE c.relation_key = "
                "startNode(r).id + '|' + type(r) + '|' + endNode(r).id "
                "AND NOT coalesce(c.ended, false) } "  # a claim saying it ended is no evidence
                "RETURN count(r) AS dups",
}


def assert_no_duplicates(store: GraphStore) -> None:
    """No node twice by id, no edge twice between the same nodes, no stale evidence count."""
    if not isinstance(store, Neo4jStore):
        return
    for what, query in DUPLICATE_CHECKS.items():
        records, _, _ = store.driver.execute_query(query, database_=store.database)
        assert records[0]["dups"] == 0, f"duplicate or stale {what}"


def serial_state(graphs: Sequence[ArticleGraph]) -> dict[str, Any]:
    baseline = MemoryStore()
    baseline.upsert(list(graphs))
    return graph_state(baseline)


@pytest.fixture(scope="module")
def graphs() -> list[ArticleGraph]:
    """The corpus extracted once: writers race on storing, not on extraction."""
    articles = [record_to_article(record) for record in corpus()]
    return list(get_extractor().extract_many(articles))


def client_shares(count: int, clients: int = CLIENTS, copies: int = COPIES,
                  seed: int = 7) -> list[list[int]]:
    """Item indexes per client: every item goes to ``copies`` clients, each in its own order."""
    shares: list[list[int]] = [[] for _ in range(clients)]
    for item in range(count):
        for copy in range(copies):
            shares[(item * copies + copy) % clients].append(item)
    rng = random.Random(seed)
    for share in shares:
        rng.shuffle(share)
    return shares


def chunks(items: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


# -- straight on the store ---------------------------------------------------------------------
def test_sixteen_threads_upserting_overlapping_articles_give_the_serial_graph(
    store: GraphStore, graphs: list[ArticleGraph], caplog: pytest.LogCaptureFixture
) -> None:
    """On Neo4j the writers also queue on the store's write lock instead of deadlocking
    (the driver logs each retried deadlock; without the lock there were ~20 here)."""
    caplog.set_level(logging.WARNING, logger="neo4j")
    shares = client_shares(len(graphs))
    assert sum(map(len, shares)) == COPIES * len(graphs)
    start = threading.Barrier(CLIENTS)
    errors: list[BaseException] = []

    def writer(share: list[int]) -> int:
        start.wait()
        written = 0
        try:
            for batch in chunks(share, 3):
                written += len(store.upsert([graphs[i] for i in batch]))
        except BaseException as exc:  # surfaced below with the others
            errors.append(exc)
            raise
        return written

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        written = sum(pool.map(writer, shares))
    assert not errors, errors
    assert written == COPIES * len(graphs)
    assert graph_state(store) == serial_state(graphs)
    assert_no_duplicates(store)
    retried = [r.getMessage() for r in caplog.records if "will be retried" in r.getMessage()]
    assert not retried, f"{len(retried)} write transactions were retried: {retried[:2]}"


# -- through a real server ------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A `conflictgraph serve` process on 127.0.0.1 and what it printed."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.output()


def serve(store_name: str, env: dict[str, str], log_path: Path, workers: int = 1,
          timeout: float = 90, log_level: str = "info") -> Server:
    """Start `conflictgraph serve` and wait until /healthz answers."""
    port = free_port()
    script = Path(sys.executable).with_name("conflictgraph")
    command = [str(script), "serve", "--host", "127.0.0.1", "--port", str(port),
               "--store", store_name, "--workers", str(workers), "--log-level", log_level]
    log = log_path.open("wb")
    process = subprocess.Popen(command, env={**os.environ, **env}, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    log.close()
    server = Server(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited early:\n{server.output()}")
        try:
            if httpx.get(server.url + "/healthz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.stop()
    raise AssertionError(f"the server did not answer within {timeout:.0f} s:\n{server.output()}")


def server_env(store: GraphStore, tmp_path: Path) -> dict[str, str]:
    env = {"CONFLICTGRAPH_DATA_DIR": str(tmp_path)}
    if isinstance(store, MemoryStore):
        assert store.path == tmp_path / "graph.json"
    return env


def test_sixteen_http_clients_posting_overlapping_articles_give_the_serial_graph(
    store: GraphStore, graphs: list[ArticleGraph], tmp_path: Path
) -> None:
    """Against `conflictgraph serve`: two worker processes on Neo4j, one on the memory store
    (which refuses more); every response is a 2xx and the graph is the serial one."""
    records = corpus()
    workers = 2 if isinstance(store, Neo4jStore) else 1
    server = serve(store.name, server_env(store, tmp_path), tmp_path / "server.log",
                   workers=workers)
    try:
        shares = client_shares(len(records), seed=11)
        start = threading.Barrier(CLIENTS)

        def client(share: list[int]) -> list[int]:
            statuses = []
            with httpx.Client(base_url=server.url, timeout=120) as http:
                start.wait()
                for batch in chunks(share, 5):
                    response = http.post("/articles", json=[as_json(records[i]) for i in batch])
                    assert response.status_code in (200, 201), response.text
                    assert response.json()["articles"] == len(batch)
                    statuses.append(response.status_code)
            return statuses

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            statuses = [s for result in pool.map(client, shares) for s in result]
    finally:
        output = server.stop()
    assert len(statuses) == sum(len(list(chunks(share, 5))) for share in shares)
    assert "Traceback" not in output, output
    final = MemoryStore(store.path) if isinstance(store, MemoryStore) else store
    assert graph_state(final) == serial_state(graphs)
    assert_no_duplicates(final)
