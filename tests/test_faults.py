"""Faults injected into real parts: Neo4j killed mid-ingest, connections cut mid-write,
the memory store's writer SIGKILLed mid-save. Nothing may be lost or half-written.

* Neo4j is a throwaway server of our own (`LocalNeo4j` in a temporary home on
  ports 7720/7420/7820, or CONFLICTGRAPH_TEST_FAULT_PORTS), killed with SIGKILL
  while POST /articles is between two store batches, then restarted: the API answered 503 and said what was
  stored, every article is whole or absent, and sending the batch again gives
  exactly the graph of one clean serial load.
* A TCP proxy on 127.0.0.1 in front of the test server cuts the Bolt
  connection in the middle of a write transaction and refuses connections for
  a moment: the driver retries with growing back-off and the write lands once.
* A subprocess upserting into a MemoryStore in a loop is SIGKILLed at random
  moments, 25 times: its file loads every time, at the last acknowledged write
  or the one after it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import random
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from conftest import neo4j_settings
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from test_concurrency import as_json, assert_no_duplicates, corpus, graph_state, serial_state

from conflictgraph.api.app import create_app
from conflictgraph.config import Settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import ArticleGraph
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import StoreUnavailable
from conflictgraph.loaders.extraction import get_extractor
from conflictgraph.loaders.pipeline import record_to_article
from conflictgraph.neo4j_local.manager import LocalNeo4j, LocalNeo4jConfig

# CONFLICTGRAPH_TEST_FAULT_PORTS="bolt,http,routing" moves the server to kill off these ports.
FAULT_PORTS = dict(zip(
    ("bolt_port", "http_port", "routing_port"),
    (int(port) for port in os.environ.get("CONFLICTGRAPH_TEST_FAULT_PORTS", "7720,7420,7820").split(",")),
    strict=True,
))
FAULT_PASSWORD = "fault-injection-pw-41d7"
MEMORY_KILLS = 25
PROBLEM = "application/problem+json"


# -- a Neo4j of our own, to kill ------------------------------------------------------------
@pytest.fixture(scope="module")
def fault_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    """A throwaway server sharing the jars the test command assembled (no Maven when warm)."""
    shared = LocalNeo4j(LocalNeo4jConfig.from_settings(Settings(), password="unused-here"))
    shared.provision()
    config = LocalNeo4jConfig(
        home=tmp_path_factory.mktemp("fault-neo4j"), password=FAULT_PASSWORD,
        heap="512m", pagecache="128m", lib_dir=shared.config.libs, **FAULT_PORTS,
    )
    server = LocalNeo4j(config)
    server.start(timeout=240)
    yield server
    server.stop()


@pytest.fixture
def fault_store(fault_server: LocalNeo4j) -> Iterator[Neo4jStore]:
    store = Neo4jStore(fault_server.config.bolt_uri, "neo4j", FAULT_PASSWORD)
    store.clear()
    yield store
    store.close()


def kill(server: LocalNeo4j) -> None:
    """SIGKILL our own server by its pid: a crash, not a clean shutdown."""
    status = server.status()
    assert status.running and status.pid is not None
    os.kill(status.pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while server.status().running:
        assert time.monotonic() < deadline, "the killed server is still running"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def corpus_graphs() -> list[ArticleGraph]:
    """What extraction gives for each article of the batch (the API extracts the same)."""
    articles = [record_to_article(record) for record in corpus()]
    return list(get_extractor().extract_many(articles))


def test_neo4j_killed_mid_batch_503_whole_articles_and_a_clean_rerun(
    fault_server: LocalNeo4j, fault_store: Neo4jStore, corpus_graphs: list[ArticleGraph]
) -> None:
    records = [as_json(r) for r in corpus()]  # 100 articles: four store batches of <= 32
    expected = {g.article.id: g for g in corpus_graphs}
    settings = Settings(_env_file=None, api_key=None, cors_origins=[])
    killed_at: list[float] = []

    def kill_after_first_batch() -> None:
        """Watch from outside the app; kill the server once the first batch is committed."""
        driver = GraphDatabase.driver(fault_server.config.bolt_uri, auth=("neo4j", FAULT_PASSWORD))
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                records_, _, _ = driver.execute_query("MATCH (a:Article) RETURN count(a) AS n")
                if records_[0]["n"] >= 1:
                    kill(fault_server)
                    killed_at.append(time.monotonic())
                    return
                time.sleep(0.01)
        finally:
            driver.close()

    with TestClient(create_app(settings, fault_store)) as client:
        watcher = threading.Thread(target=kill_after_first_batch)
        watcher.start()
        response = client.post("/articles", json=records)
        answered_at = time.monotonic()
        watcher.join()
        assert killed_at, "the server was never killed"

        assert response.status_code == 503, response.text
        assert response.headers["content-type"].startswith(PROBLEM)
        assert response.headers["retry-after"] == "5"
        body = response.json()
        assert "graph store failed during ingestion" in body["detail"]
        assert "Re-sending the request is safe" in body["detail"]
        assert body["not_stored"], body
        assert not set(body["stored"]) & set(body["not_stored"])
        assert FAULT_PASSWORD not in response.text
        # The driver gave up within its retry budget (15 s) plus a connection timeout.
        assert answered_at - killed_at[0] < 15 + 5 + 5

        down = client.get("/readyz")
        assert down.status_code == 503 and down.json()["type"].endswith("store-unavailable")

        fault_server.start(timeout=240)  # recovers from the crash
        assert client.get("/readyz").status_code == 200

        present = {a.id for a in fault_store.articles()}
        print(f"killed after {len(body['stored'])} stored articles; 503 came "
              f"{answered_at - killed_at[0]:.1f} s after the kill; {len(present)} present")
        assert set(body["stored"]) <= present
        assert present <= set(body["stored"]) | set(body["not_stored"])
        assert len(present) < len(records), "the fault did not land mid-batch"
        for article_id in present:  # whole, or not there at all
            graph = expected[article_id]
            assert {c.id for c in fault_store.article_claims(article_id)} == {
                c.id for c in graph.claims}, f"article {article_id} is partial"

        again = client.post("/articles", json=records)
        assert again.status_code == 201, again.text
        result = again.json()
        assert (result["created"], result["unchanged"]) == (
            len(records) - len(present), len(present))
    assert graph_state(fault_store) == serial_state(corpus_graphs)
    assert_no_duplicates(fault_store)


# -- a connection cut in the middle of a write --------------------------------------------
class CuttingProxy:
    """A TCP proxy on 127.0.0.1 that can drop every connection mid-stream and refuse new ones.

    ``arm(after_bytes, outage_s)``: once that many more client bytes have gone through,
    every connection is closed and new ones are closed on accept for ``outage_s`` seconds.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._lock = threading.Lock()
        self._conns: list[socket.socket] = []
        self._budget: int | None = None
        self._outage_s = 0.0
        self._down_until = 0.0
        self.cuts = 0
        self.refused = 0
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, after_bytes: int, outage_s: float) -> None:
        with self._lock:
            self._budget = after_bytes
            self._outage_s = outage_s

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if time.monotonic() < self._down_until:
                self.refused += 1
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
                if from_client and self._spend(len(data)):
                    self._cut()
                    return
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.close()

    def _spend(self, size: int) -> bool:
        with self._lock:
            if self._budget is None:
                return False
            self._budget -= size
            if self._budget > 0:
                return False
            self._budget = None
            self._down_until = time.monotonic() + self._outage_s
            return True

    def _cut(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
            self.cuts += 1
        for sock in conns:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def close(self) -> None:
        self._closed = True
        self.listener.close()
        self._cut()


@pytest.fixture
def proxy(neo4j_store: Neo4jStore) -> Iterator[CuttingProxy]:
    """In front of the test server (its fixture clears the graph before and after)."""
    match = re.match(r"^[a-z+]+://([^:/]+):(\d+)", neo4j_settings()["uri"])
    assert match, neo4j_settings()["uri"]
    cutting = CuttingProxy(match.group(1), int(match.group(2)))
    yield cutting
    cutting.close()


def retry_delays(caplog: pytest.LogCaptureFixture) -> list[float]:
    """The driver's "Transaction failed and will be retried in Xs" back-off delays."""
    delays = []
    for record in caplog.records:
        found = re.search(r"will be retried in ([0-9.]+)s", record.getMessage())
        if found:
            delays.append(float(found.group(1)))
    return delays


def test_write_cut_mid_transaction_is_retried_with_backoff_and_lands_once(
    neo4j_store: Neo4jStore, proxy: CuttingProxy, corpus_graphs: list[ArticleGraph],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="neo4j")
    cfg = neo4j_settings()
    store = Neo4jStore(f"bolt://127.0.0.1:{proxy.port}", cfg["user"], cfg["password"],
                       database=cfg["database"])
    try:
        store.ping()
        proxy.arm(after_bytes=20_000, outage_s=2.5)  # inside the first batch's queries
        started = time.monotonic()
        results = store.upsert(corpus_graphs)
        took = time.monotonic() - started
    finally:
        store.close()
    assert proxy.cuts == 1 and proxy.refused >= 1
    assert [r.status for r in results] == ["created"] * len(corpus_graphs)
    delays = retry_delays(caplog)
    assert len(delays) >= 2, delays
    assert all(later > earlier for earlier, later in itertools.pairwise(delays))
    assert 2.5 <= took < 15  # it waited out the outage, well within the retry budget
    assert graph_state(neo4j_store) == serial_state(corpus_graphs)
    assert_no_duplicates(neo4j_store)


def test_outage_longer_than_the_retry_budget_fails_clearly_and_stores_nothing(
    neo4j_store: Neo4jStore, proxy: CuttingProxy, corpus_graphs: list[ArticleGraph],
) -> None:
    cfg = neo4j_settings()
    store = Neo4jStore(f"bolt://127.0.0.1:{proxy.port}", cfg["user"], cfg["password"],
                       database=cfg["database"])
    try:
        proxy.arm(after_bytes=20_000, outage_s=60)
        started = time.monotonic()
        with pytest.raises(StoreUnavailable, match="is unreachable") as caught:
            store.upsert(corpus_graphs[:40])
        took = time.monotonic() - started
    finally:
        store.close()
    assert took < 15 + 5 + 5  # max_transaction_retry_time, plus one connection timeout
    assert cfg["password"] not in str(caught.value)
    assert neo4j_store.counts()["articles"] == 0  # the cut transaction was rolled back


# -- the memory store's writer, SIGKILLed mid-save --------------------------------------------
WRITER = textwrap.dedent('''
    """Upsert one article per loop into a MemoryStore, saying "writing N" and "saved N"."""
    import sys
    from conflictgraph.graph.memory_store import MemoryStore
    from conflictgraph.graph.model import Actor, Article, ArticleGraph, Claim, RelationType

    path, start = sys.argv[1], int(sys.argv[2])
    store = MemoryStore(path)
    actors = [Actor(id=f"actor-{i}", name=f"Actor {i}") for i in range(40)]
    padding = " ".join(["The talks continued late into the night."] * 40)
    k = start
    while True:
        text = f"Actor {k % 40} supports Actor {(k + 1) % 40}. {padding} ({k})"
        article = Article.from_text(text, url=f"https://example.org/killed/{k}")
        pair = [actors[k % 40], actors[(k + 1) % 40]]
        claim = Claim(article_id=article.id, subject_id=pair[0].id, object_id=pair[1].id,
                      type=RelationType.SUPPORTS, sentence=text[:40], start=0, end=40,
                      subject_text=pair[0].name, object_text=pair[1].name)
        print(f"writing {k + 1}", flush=True)
        store.upsert([ArticleGraph(article=article, actors=pair, claims=[claim])])
        k += 1
        print(f"saved {k}", flush=True)
''')


def test_memory_store_file_survives_sigkill_mid_write(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    rng = random.Random(20261128)
    acknowledged = 0
    mid_write = 0
    for kill_number in range(MEMORY_KILLS):
        proc = subprocess.Popen([sys.executable, str(script), str(path), str(acknowledged)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        lines: list[str] = []
        reader = threading.Thread(target=read_lines, args=(proc.stdout, lines))
        reader.start()
        deadline = time.monotonic() + 60
        while not any(line.startswith("saved") for line in lines):  # inside its write loop
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, "the writer never wrote"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        reader.join(timeout=30)  # everything it printed before it died
        saved = [int(line.split()[1]) for line in lines if line.startswith("saved")]
        if lines[-1].startswith("writing"):
            mid_write += 1  # it died inside upsert(), which is almost all file writing
        loaded = MemoryStore(path)  # must load, every time
        articles = loaded.counts()["articles"]
        assert articles in (saved[-1], saved[-1] + 1), (kill_number, lines[-2:], articles)
        assert loaded.counts()["claims"] == articles
        assert sum(r.evidence_count for r in loaded.relations()) == articles
        acknowledged = articles
    assert acknowledged >= MEMORY_KILLS
    strays = len(list(tmp_path.glob(".graph-*.tmp")))  # temp files of killed saves
    print(f"{MEMORY_KILLS} kills, {mid_write} inside upsert(), {strays} stray temp files")
    assert mid_write >= MEMORY_KILLS // 2, mid_write  # the kills really did land mid-write


def read_lines(stream: IO[str], into: list[str]) -> None:
    into.extend(line.strip() for line in iter(stream.readline, ""))
