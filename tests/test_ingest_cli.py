"""`conflictgraph ingest` through typer's runner: summary table, exit codes, both stores."""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conflictgraph.cli import app
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.store import GraphStore

MIXED = Path(__file__).resolve().parent / "data" / "sources" / "mixed"


def stored(store: GraphStore) -> GraphStore:
    """The CLI wrote through its own store object: re-read a memory store's file."""
    if isinstance(store, MemoryStore) and store.path is not None:
        return MemoryStore(store.path)
    return store


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["ingest", *args])


def row(output: str, label: str) -> int:
    """The number on the summary table's row ``label``."""
    for line in output.splitlines():
        match = re.fullmatch(r"\W*" + label + r"\W+(\d+)\W*", line)
        if match:
            return int(match.group(1))
    raise AssertionError(f"no {label!r} row in:\n{output}")


def test_ingest_folder_prints_summary_and_skipped_reasons(
    store: GraphStore, settings_env: Path
) -> None:
    if isinstance(store, MemoryStore):
        assert store.path == settings_env / "graph.json"
    result = run(str(MIXED), "--store", store.name, "--batch-size", "3")
    assert result.exit_code == 0, result.output
    assert "Ingest summary" in result.output
    assert (row(result.output, "articles"), row(result.output, "created")) == (6, 6)
    assert row(result.output, "claims") == stored(store).counts()["claims"] > 0
    assert "broken.json" in result.output and "invalid JSON" in result.output
    assert stored(store).counts()["articles"] == 6

    again = run(str(MIXED), "--store", store.name)
    assert again.exit_code == 0, again.output
    assert (row(again.output, "articles"), row(again.output, "unchanged")) == (6, 6)
    assert (row(again.output, "created"), row(again.output, "skipped")) == (0, 1)
    assert stored(store).counts()["articles"] == 6


def test_nothing_readable_exits_non_zero(tmp_path: Path, settings_env: Path) -> None:
    shutil.copy(MIXED / "broken.json", tmp_path / "broken.json")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    result = run(str(tmp_path / "broken.json"), str(tmp_path / "scan.pdf"),
                 str(tmp_path / "absent.txt"), "--store", "memory")
    assert result.exit_code == 1
    assert "Nothing could be ingested" in result.output
    for reason in ("invalid JSON", "not text (a PDF document)", "no such file or folder"):
        assert reason in result.output
    assert not (settings_env / "graph.json").exists()  # no store was even opened


def test_no_input_is_a_usage_error(settings_env: Path) -> None:
    result = run("--store", "memory")
    assert result.exit_code == 2
    assert "PATH" in result.output


@pytest.fixture
def site() -> Iterator[str]:
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(MIXED))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_ingest_urls(site: str, settings_env: Path) -> None:
    # The site is on loopback: fetching it needs the explicit opt-in.
    result = run("--url", f"{site}/libya-talks.html", "--url", f"{site}/nested/feed.xml",
                 "--url", f"{site}/absent.html", "--store", "memory", "--allow-private-urls")
    assert result.exit_code == 0, result.output
    assert "HTTP 404" in result.output
    store = MemoryStore(settings_env / "graph.json")
    urls = sorted(a.url or "" for a in store.articles())
    assert urls == sorted([f"{site}/libya-talks.html",
                           "https://news.example.org/libya/haftar-backers",
                           "https://news.example.org/libya/difficulties-ahead"])
