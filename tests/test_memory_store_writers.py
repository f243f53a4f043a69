"""One writer per memory store file, across processes; readers follow the file.

The memory store is one JSON file that a process loads, changes in memory and
writes back whole. Two processes writing it would each write back their own
copy, and the later write would silently drop the other's articles. These
tests run real processes (the installed `conflictgraph` command, and small
Python writers) against one data directory.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from test_api_serve import base_env, serving
from test_memory_store_gc import article

from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import Article
from conflictgraph.loaders.pipeline import Ingestor, records_to_articles
from conflictgraph.loaders.records import ArticleRecord
from conflictgraph.loaders.sources import load_sources
from conflictgraph.loaders.via_server import ServerIngestor

VOA = Path(__file__).resolve().parent / "data" / "sources" / "mixed" / "voa-libya.txt"
POSTED = {
    "text": "Turkey is a main supporter of the U.N.-recognized government in Tripoli. "
            "Russia and the United Arab Emirates are among other countries allied with "
            "Haftar's forces.",
    "url": "https://example.org/posted-to-the-server",
    "title": "Posted to the server",
    "published": "2020-10-22",
}


def cli() -> str:
    """The installed `conflictgraph` script next to this interpreter (the one users run)."""
    script = Path(sys.executable).with_name("conflictgraph")
    assert script.exists(), f"`conflictgraph` is not installed next to {sys.executable}"
    return str(script)


def article_id_of(path: Path) -> str:
    (article,) = records_to_articles(load_sources([path]))
    assert isinstance(article, Article)
    return article.id


def wait_ready(base: str) -> None:
    """Until the server has opened its store (it opens it in the background at startup)."""
    deadline = time.monotonic() + 60
    while httpx.get(f"{base}/readyz", timeout=5).status_code != 200:
        assert time.monotonic() < deadline, "the server's store did not open within 60 s"
        time.sleep(0.2)


# A Python writer holding the store: it stores one article, says so, then waits to be killed.
HOLDER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from test_memory_store_gc import article
from conflictgraph.graph.memory_store import MemoryStore
store = MemoryStore(sys.argv[1])
store.upsert([article(int(sys.argv[3]))])
print("holding", flush=True)
time.sleep(600)
"""


@contextmanager
def holder(path: Path, n: int) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(Path(__file__).parent), str(n)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "holding", (line, process.stderr.read() if process.stderr else "")
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=20)


# -- the issue: a CLI ingest while the server runs ------------------------------------------
def test_cli_ingest_while_the_server_runs_loses_nothing(tmp_path: Path) -> None:
    """The server holds the store; `conflictgraph ingest` stores through it; the server's
    next write keeps the CLI's article, in its answers and in the file."""
    env = base_env(tmp_path)
    cli_article = article_id_of(VOA)
    with serving(["--store", "memory"], env) as base:
        wait_ready(base)
        ingest = subprocess.run([cli(), "ingest", str(VOA), "--store", "memory"], env=env,
                                capture_output=True, text=True, timeout=300, check=False)
        assert ingest.returncode == 0, ingest.stdout + ingest.stderr
        assert base in ingest.stderr  # it says it went through the running server
        posted = httpx.post(f"{base}/articles", json=POSTED, timeout=300)
        assert posted.status_code == 201, posted.text
        (posted_article,) = posted.json()["ids"]
        listed = httpx.get(f"{base}/articles", timeout=30).json()
        assert {a["id"] for a in listed["items"]} == {cli_article, posted_article}
        assert httpx.get(f"{base}/articles/{cli_article}", timeout=30).status_code == 200
    on_disk = MemoryStore(tmp_path / "graph.json")
    assert {a.id for a in on_disk.articles()} == {cli_article, posted_article}



def test_ingest_through_the_server_counts_an_actor_of_two_batches_once(tmp_path: Path) -> None:
    """Two articles naming the same actors, sent in two requests: the summary counts each
    actor once, as a local ingest of the same articles does."""
    records = [ArticleRecord(**{**POSTED, "url": f"https://example.org/batch-{n}",
                                "title": f"Batch {n}"}) for n in (1, 2)]
    local = Ingestor(MemoryStore(tmp_path / "local.json"), batch_size=1).ingest(records)
    assert local.articles == 2 and local.actors >= 3
    with serving(["--store", "memory"], base_env(tmp_path)) as base:
        wait_ready(base)
        sent = ServerIngestor(base, batch_size=1).ingest(records)
    assert sent.error is None and sent.articles == 2
    assert sent.actors == local.actors  # was twice the count: summed per request


def test_cli_ingest_through_the_server_needs_the_servers_api_key(tmp_path: Path) -> None:
    """Going through the server is a write like any client's: without the key it is refused
    with a message saying which setting to give, and nothing is stored."""
    server_env = base_env(tmp_path, CONFLICTGRAPH_API_KEY="the-servers-key")
    with serving(["--store", "memory"], server_env) as base:
        wait_ready(base)
        keyless = subprocess.run([cli(), "ingest", str(VOA)], env=base_env(tmp_path),
                                 capture_output=True, text=True, timeout=300, check=False)
        assert keyless.returncode == 2, keyless.stdout + keyless.stderr
        assert "CONFLICTGRAPH_API_KEY" in " ".join(keyless.stderr.split())
        assert httpx.get(f"{base}/articles", timeout=30).json()["total"] == 0
        keyed = subprocess.run([cli(), "ingest", str(VOA)], env=server_env,
                               capture_output=True, text=True, timeout=300, check=False)
        assert keyed.returncode == 0, keyed.stdout + keyed.stderr
        assert httpx.get(f"{base}/articles", timeout=30).json()["total"] == 1


# -- two CLI writers -------------------------------------------------------------------------
@contextmanager
def slow_page() -> Iterator[tuple[str, threading.Event]]:
    """A local page that answers only once the test lets it: an ingest reading it keeps
    running (and holding the store) until then."""
    release = threading.Event()
    body = VOA.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            release.wait(120)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/voa.txt", release
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()


def lock_record(data_dir: Path) -> dict[str, object]:
    text = (data_dir / "graph.json.lock").read_text(encoding="utf-8")
    return dict(json.loads(text)) if text.strip() else {}


def test_a_second_cli_writer_stops_and_names_the_first(tmp_path: Path) -> None:
    env = base_env(tmp_path, COLUMNS="200")
    with slow_page() as (url, release):
        # The slow page is on 127.0.0.1: fetching it needs the opt-in.
        first = subprocess.Popen([cli(), "ingest", "--url", url, "--store", "memory",
                                  "--allow-private-urls"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while not ((tmp_path / "graph.json.lock").exists()
                       and lock_record(tmp_path).get("pid") == first.pid):
                assert first.poll() is None, first.communicate()
                assert time.monotonic() < deadline, "the first ingest did not take the store"
                time.sleep(0.1)
            second = subprocess.run([cli(), "ingest", str(VOA), "--store", "memory"], env=env,
                                    capture_output=True, text=True, timeout=300, check=False)
            assert second.returncode == 2, second.stdout + second.stderr
            message = " ".join(second.stderr.split())
            assert f"process {first.pid}" in message, message
            assert "conflictgraph ingest" in message, message
            assert "Traceback" not in message
            release.set()
            out, err = first.communicate(timeout=300)
            assert first.returncode == 0, out + err
        finally:
            if first.poll() is None:
                first.kill()
                first.wait()
    # The first run's article is stored; the second, run again now, adds its own.
    assert {a.url for a in MemoryStore(tmp_path / "graph.json").articles()} == {url}
    again = subprocess.run([cli(), "ingest", str(VOA), "--store", "memory"], env=env,
                           capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stdout + again.stderr
    assert MemoryStore(tmp_path / "graph.json").counts()["articles"] == 2


# -- readers follow the file -----------------------------------------------------------------
def test_a_reader_notices_a_write_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    reader = MemoryStore(path)
    assert reader.counts()["articles"] == 0
    with holder(path, 1):
        deadline = time.monotonic() + 10
        while reader.counts()["articles"] == 0:
            assert time.monotonic() < deadline, "the reader never saw the other process's write"
            time.sleep(0.05)
    assert reader.get_article(article(1).article.id) is not None
    assert {a.id for a in reader.actors()} == {"turkey", "gna"}


def test_a_read_only_server_follows_the_writer_and_refuses_writes(tmp_path: Path) -> None:
    """A server started while another process holds the store serves what that process
    writes, and answers writes with a 409 naming it."""
    path = tmp_path / "graph.json"
    with holder(path, 1) as other, serving(["--store", "memory"], base_env(tmp_path)) as base:
        wait_ready(base)
        assert httpx.get(f"{base}/articles", timeout=30).json()["total"] == 1
        refused = httpx.delete(f"{base}/articles/{article(1).article.id}", timeout=30)
        assert refused.status_code == 409, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert f"process {other.pid}" in refused.json()["detail"]
        posted = httpx.post(f"{base}/articles", json=POSTED, timeout=30)
        assert posted.status_code == 409, posted.text
        # The holder writes again (a second holder would be refused): kill it, write anew.
        other.kill()
        other.wait()
        writer = MemoryStore(path)
        writer.upsert([article(2)])
        deadline = time.monotonic() + 10
        while httpx.get(f"{base}/articles", timeout=30).json()["total"] != 2:
            assert time.monotonic() < deadline, "the server never saw the second write"
            time.sleep(0.1)
        writer.close()


# -- the lock dies with its holder -----------------------------------------------------------
def test_the_lock_is_released_when_its_holder_is_killed(tmp_path: Path) -> None:
    from conflictgraph.graph.store import StoreLocked

    path = tmp_path / "graph.json"
    with holder(path, 1) as other:
        blocked = MemoryStore(path)
        with pytest.raises(StoreLocked) as refused:
            blocked.upsert([article(2)])
        assert refused.value.holder is not None and refused.value.holder.pid == other.pid
        assert f"process {other.pid}" in str(refused.value)
        os.kill(other.pid, signal.SIGKILL)
        other.wait()
        blocked.upsert([article(2)])  # the same store object: nothing left to clear
        blocked.close()
    stored = MemoryStore(path)
    assert {a.id for a in stored.articles()} == {article(1).article.id,
                                                 article(2).article.id}


# -- the writer never overwrites a file changed under it -------------------------------------
def test_a_writer_keeps_what_another_process_wrote_to_the_file(tmp_path: Path) -> None:
    """Someone replaced the file while the writer held it (a process that ignores the lock,
    a restored backup): the writer reads it again before writing, and keeps both."""
    path = tmp_path / "graph.json"
    writer = MemoryStore(path)
    writer.upsert([article(1)])
    elsewhere = MemoryStore(tmp_path / "other" / "graph.json")
    elsewhere.upsert([article(1), article(2)])
    elsewhere.close()
    os.replace(tmp_path / "other" / "graph.json", path)
    writer.upsert([article(3)])
    writer.close()
    expected = {article(n).article.id for n in (1, 2, 3)}
    assert {a.id for a in MemoryStore(path).articles()} == expected


def test_a_reload_frees_the_version_it_replaces(tmp_path: Path) -> None:
    """What a reader loaded is frozen out of the cyclic collector: a version it replaces
    must go by reference counting alone, or each reload would keep a whole graph alive."""
    import weakref

    from conflictgraph.graph.memory_store import REFRESH_S

    path = tmp_path / "graph.json"
    writer = MemoryStore(path)
    writer.upsert([article(1)])
    reader = MemoryStore(path)
    reader.relations(), reader.neighbours("turkey"), reader.degrees(["gna"]), reader.counts()
    replaced = weakref.ref(reader.graph)
    writer.upsert([article(2)])
    time.sleep(REFRESH_S)
    assert reader.counts()["articles"] == 2
    assert replaced() is None


def test_a_save_never_renames_over_a_file_replaced_after_the_writer_read_it(
    tmp_path: Path,
) -> None:
    """The last guard, at the rename itself: a save built on a version of the file that is
    no longer there is not renamed over it; the writer takes the file's content instead and
    says the write was not saved (sending it again is safe)."""
    from conflictgraph.graph.store import StoreFileChanged

    path = tmp_path / "graph.json"
    writer = MemoryStore(path)
    writer.upsert([article(1)])
    elsewhere = MemoryStore(tmp_path / "other" / "graph.json")
    elsewhere.upsert([article(2)])
    elsewhere.close()
    os.replace(tmp_path / "other" / "graph.json", path)  # after the writer's last look
    with pytest.raises(StoreFileChanged, match="not saved"):
        writer._save()  # the save a write in progress would make now
    assert {a.id for a in MemoryStore(path).articles()} == {article(2).article.id}
    assert {a.id for a in writer.articles()} == {article(2).article.id}
    writer.upsert([article(1)])  # sent again: both kept
    writer.close()
    assert MemoryStore(path).counts()["articles"] == 2
