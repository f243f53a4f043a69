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


# -- dataset files through the queue --------------------------------------------------------------
DATASETS = REPO / "tests" / "data" / "datasets"


def _dataset_content(store: GraphStore) -> tuple:
    return (store.counts(), sorted((r.key, r.evidence_count, r.confidence) for r in store.relations()),
            sorted((a.id, tuple(a.aliases)) for a in store.actors()))


def _payload_keys(url: str) -> list[bytes]:
    return list(redis.Redis.from_url(url).scan_iter(match="*payload*"))


def test_queued_dataset_files_load_like_a_direct_ingest(fresh_redis: str, tmp_path: Path) -> None:
    from conflictgraph.graph.model import Dataset
    from conflictgraph.loaders.datasets import DatasetIngestor
    from conflictgraph.loaders.gazetteer import get_gazetteer

    queue = RedisIngestQueue(fresh_redis)
    files = [DATASETS / "ucdp_ged.csv", DATASETS / "gdelt.export.CSV"]
    queue.push_dataset(files[0], Dataset.UCDP_GED, limit=1_000_000)
    queue.push_dataset(files[1], None, limit=1_000_000)  # the format read from the file
    queue.push(_records(3))  # articles and datasets share the stream
    assert queue.backlog() == 5 and len(_payload_keys(fresh_redis)) == 2
    queued = MemoryStore(tmp_path / "queued.json")
    stats = queue.work(queued, consumer="w1", batch_size=4)
    assert stats.acknowledged == 5 and queue.pending() == 0
    assert stats.dataset_files == 2 and stats.dataset_rows > 0
    assert any("type_of_violence" in s.reason for s in stats.skipped)  # the fixtures' bad rows
    assert _payload_keys(fresh_redis) == []  # a loaded file's bytes leave the queue
    direct = MemoryStore(tmp_path / "direct.json")
    for path in files:
        DatasetIngestor(direct, get_gazetteer()).ingest_file(path, label=path.name)
    Ingestor(direct).ingest(_records(3))
    assert _dataset_content(queued) == _dataset_content(direct)
    # Queued again, the same files change nothing.
    queue.push_dataset(files[0], Dataset.UCDP_GED, limit=1_000_000)
    again = queue.work(queued, consumer="w1")
    assert (again.created, again.updated, again.unchanged) == (0, 0, again.unchanged)
    assert again.unchanged > 0


def test_a_dataset_file_over_the_limit_is_refused_before_queuing(fresh_redis: str) -> None:
    from conflictgraph.loaders.queue import QueueError

    queue = RedisIngestQueue(fresh_redis)
    path = DATASETS / "acled.csv"
    with pytest.raises(QueueError, match="CONFLICTGRAPH_MAX_DATASET_BYTES"):
        queue.push_dataset(path, None, limit=path.stat().st_size - 1)
    assert queue.backlog() == 0 and _payload_keys(fresh_redis) == []


def test_a_dataset_job_naming_another_key_reads_nothing(fresh_redis: str, tmp_path: Path) -> None:
    """A forged message cannot make a worker read (or delete) a key outside the queue's own
    payloads, nor a file path."""
    client = redis.Redis.from_url(fresh_redis)
    client.set("secret", b"event_id_cnty,event_date\n")
    queue = RedisIngestQueue(fresh_redis)
    for key in ("secret", f"{queue.stream}:payload:../../secret", "/etc/passwd"):
        client.xadd(queue.stream, {"dataset": json.dumps(
            {"key": key, "format": "acled", "suffix": ".csv", "label": "x.csv"})})
    stats = queue.work(MemoryStore(tmp_path / "g.json"), consumer="w1")
    assert stats.acknowledged == 3 and stats.dataset_files == 0
    assert len(stats.skipped) == 3 and all("not a dataset file" in s.reason for s in stats.skipped)
    assert client.get("secret") == b"event_id_cnty,event_date\n"


def test_cli_queues_dataset_files_for_the_workers(fresh_redis: str, tmp_path: Path,
                                                  settings_env: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["queue", "push", "--format", "ucdp-esd",
                                 str(DATASETS / "ucdp_esd.csv"), "--redis-url", fresh_redis])
    assert result.exit_code == 0, result.output
    assert "Queued 1 dataset file" in result.output
    result = runner.invoke(app, ["queue", "work", "--redis-url", fresh_redis])
    assert result.exit_code == 0, result.output
    assert "acknowledged 1 messages (1 dataset file(s)" in result.output
