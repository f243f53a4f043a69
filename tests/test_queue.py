"""Parallel ingest through a real Redis stream: no loss, no duplicates, crash recovery."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from conftest import REPO, neo4j_settings
from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.store import GraphStore
from conflictgraph.loaders.pipeline import Ingestor
from conflictgraph.loaders.queue import RedisIngestQueue
from conflictgraph.loaders.records import ArticleRecord

DEVSET = REPO / "tests" / "data" / "devset" / "articles.jsonl"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is required (Debian package redis-server; the test command installs it)",
                    pytrace=False)
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start", pytrace=False)
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def fresh_redis(redis_url: str) -> str:
    redis.Redis.from_url(redis_url).flushall()
    return redis_url


def _records(limit: int = 12) -> list[ArticleRecord]:
    rows = [json.loads(line) for line in DEVSET.read_text().splitlines()[:limit]]
    return [ArticleRecord(text=r["text"], url=r["url"], title=r["title"], published=r["published"],
                          source=r["source"]) for r in rows]


def _graph(store: GraphStore) -> tuple:
    return (store.counts(), [(r.key, r.evidence_count) for r in store.relations()])


def test_one_worker_drains_the_queue_like_a_serial_load(fresh_redis: str, tmp_path: Path) -> None:
    queue = RedisIngestQueue(fresh_redis)
    assert queue.push(_records()) == 12
    assert queue.backlog() == 12
    queued = MemoryStore(tmp_path / "queued.json")
    stats = queue.work(queued, consumer="w1", batch_size=5)
    assert (stats.consumed, stats.acknowledged) == (12, 12)
    assert queue.pending() == 0 and queue.backlog() == 0
    serial = MemoryStore(tmp_path / "serial.json")
    Ingestor(serial).ingest(_records())
    assert _graph(queued) == _graph(serial)
    assert queued.counts()["claims"] > 0


def test_a_crashed_workers_batch_is_reclaimed(fresh_redis: str, tmp_path: Path) -> None:
    queue = RedisIngestQueue(fresh_redis, claim_idle_ms=50)
    queue.push(_records(6))
    # A worker takes three messages and dies before acknowledging them.
    taken = queue._read("doomed", 3, 100)
    assert len(taken) == 3 and queue.pending() == 3
    time.sleep(0.1)
    store = MemoryStore(tmp_path / "g.json")
    stats = queue.work(store, consumer="survivor", batch_size=4)
    assert stats.reclaimed == 3
    assert stats.acknowledged == 6 and queue.pending() == 0
    assert store.counts()["articles"] == 6


@pytest.mark.neo4j
def test_parallel_workers_into_neo4j_equal_a_serial_load(
    fresh_redis: str, neo4j_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = neo4j_settings()
    for key, value in {"NEO4J_URI": cfg["uri"], "NEO4J_USER": cfg["user"],
                       "NEO4J_PASSWORD": cfg["password"], "NEO4J_DATABASE": cfg["database"]}.items():
        monkeypatch.setenv(key, value)
    records = _records(16)
    RedisIngestQueue(fresh_redis).push(records + records[:4])  # overlapping duplicates too
    runner = CliRunner()
    result = runner.invoke(app, ["queue", "work", "--workers", "2", "--store", "neo4j",
                                 "--batch-size", "4", "--redis-url", fresh_redis])
    assert result.exit_code == 0, result.output
    assert "acknowledged 20 messages" in result.output
    serial = MemoryStore(tmp_path / "serial.json")
    Ingestor(serial).ingest(records)
    assert _graph(neo4j_store) == _graph(serial)


def test_push_refuses_private_urls_unless_allowed(fresh_redis: str, tmp_path: Path) -> None:
    """`queue push` reads .urls files like ingest does: loopback is refused by default."""
    from test_fetch_addresses import serve

    for local in serve("127.0.0.1"):
        listing = tmp_path / "dropped.urls"
        listing.write_text(f"{local.base}/article\n")
        result = CliRunner().invoke(app, ["queue", "push", str(listing), "--redis-url", fresh_redis])
        assert result.exit_code == 0, result.output
        assert "127.0.0.1 is a loopback address; pass --allow-private-urls" in result.output
        assert "Queued 0 records" in result.output
        assert local.requests == []

        result = CliRunner().invoke(app, ["queue", "push", str(listing), "--redis-url", fresh_redis,
                                          "--allow-private-urls"])
        assert result.exit_code == 0, result.output
        assert "Queued 1 records" in result.output
        assert local.requests == ["/article"]
