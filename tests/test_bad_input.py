"""Bad input through the real front doors: `conflictgraph ingest` and POST /articles.

Every input of the corpus (tests/data/bad) must give either a clear error that
names it or a clean ingest; nothing is ever half-stored, and the good inputs of
the same batch end up exactly as if they had been loaded alone: the graph after
the batch equals a baseline built from the good inputs only (counts, relation
keys, evidence counts), on both stores.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_concurrency import graph_state
from test_queries import egypt_article, libya_article
from typer.testing import CliRunner

from conflictgraph.api.app import create_app
from conflictgraph.cli import app as cli_app
from conflictgraph.config import Settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import ArticleGraph
from conflictgraph.graph.store import GraphStore
from conflictgraph.loaders.extraction import get_extractor
from conflictgraph.loaders.extraction.base import Extractor
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor
from conflictgraph.loaders.gazetteer import Gazetteer
from conflictgraph.loaders.pipeline import Ingestor, record_to_article
from conflictgraph.loaders.records import ArticleRecord
from conflictgraph.loaders.sources import LoadedRecord, load_sources

BAD = Path(__file__).resolve().parent / "data" / "bad"
INPUTS = BAD / "inputs"
WEIRD_GAZETTEER = BAD / "weird-actors.jsonl"
HUGE_BYTES = 50 * 1024 * 1024
NESTING = 10_000
PROBLEM = "application/problem+json"

# What each bad input must give: skipped, with (part of) the reason a person reads.
EXPECTED_SKIPS = {
    "binary-with-nuls.txt": "not text (binary data)",
    "broken-entities.rss#3": "entry has no content or summary",
    "empty.txt": "empty file",
    "latin1-not-utf8.txt": "not UTF-8 text",
    "malformed.json": "invalid JSON at line 2",
    "mixed.jsonl:2": "invalid JSON",
    "mixed.jsonl:3": "invalid JSON",
    "mixed.jsonl:4": "expected a JSON object, got list",
    "mixed.jsonl:5": "expected a JSON object, got str",
    "mixed.jsonl:6": "a record needs a non-empty 'text' or 'html'",
    "mixed.jsonl:7": "a record needs a non-empty 'text' or 'html'",
    "mixed.jsonl:8": "text: Input should be a valid string",
    "mixed.jsonl:9": "a record needs a non-empty 'text' or 'html'",
    "mixed.jsonl:10": "published:",
    "mixed.jsonl:13": "no article text found in the HTML",
    "pdf-renamed.txt": "not text (a PDF document)",
    "scan.pdf": "not text (a PDF document)",
    "whitespace-only.txt": "empty file",
    "huge.txt": "too large: 52,428,800 bytes",
    "nested.html": "no article text found",
}
# ... and what must be stored: every other record of the corpus.
EXPECTED_STORED = {
    "broken-entities.rss#1", "broken-entities.rss#2", "good-libya.txt", "good-yemen.md",
    "mixed.jsonl:1", "mixed.jsonl:11", "mixed.jsonl:12", "one-invalid-byte.txt",
    "rtl-and-emoji.txt", "scripts.html",
    *(f"weird-names.jsonl:{n}" for n in range(1, 9)),
}
# Words that appear in scripts.html only inside script, style, handlers, noscript or iframes.
SCRIPT_ONLY_TEXT = ("alert", "document", "cookie", "Houthis", "Taliban", "Qatar", "onerror",
                    "Saudi", "Egypt", "Hamas", "Israel", "tracker", "javascript")
WEIRD_NAMES = [
    "O'Neil \"Lions\" Front", "`MATCH` Brigade", "{Union} Movement", "MERGE RETURN Army",
    "Backslash \\\\ Legion", "حركة التحرير", "Fire 🔥 Battalion",
]


# -- helpers ------------------------------------------------------------------------------
def cli_executable() -> str:
    """The installed `conflictgraph` script next to this interpreter (the one users run)."""
    script = Path(sys.executable).with_name("conflictgraph")
    assert script.exists(), f"`conflictgraph` is not installed next to {sys.executable}"
    return str(script)


def short_name(name: str) -> str:
    return Path(name).name


def reread(store: GraphStore) -> GraphStore:
    """A memory store written by another process or object: read its file again."""
    if isinstance(store, MemoryStore) and store.path is not None:
        return MemoryStore(store.path)
    return store


def assert_articles_whole(store: GraphStore, extractor: Extractor) -> None:
    """Every stored article holds exactly the claims and actors its extraction gives.

    The hand-built seed articles are compared with their hand-built graphs instead.
    """
    seeds = {g.article.id: g for g in SEED_GRAPHS}
    expected_actors: set[str] = set()
    for summary in store.articles():
        article = store.get_article(summary.id)
        assert article is not None
        graph = seeds.get(article.id) or extractor.extract(article)
        stored = {c.id for c in store.article_claims(article.id)}
        assert stored == {c.id for c in graph.claims}, f"article {article.id} is partial"
        expected_actors |= {a.id for a in graph.actors}
    assert {a.id for a in store.actors()} == expected_actors


SEED_GRAPHS: list[ArticleGraph] = [libya_article(), egypt_article()]


def seed(store: GraphStore) -> None:
    """Content that was there before the batch and must be there, untouched, after it.

    A memory store then lets its file go: the command under test is the next writer, and
    a file has one writer at a time.
    """
    store.upsert(SEED_GRAPHS)
    if isinstance(store, MemoryStore):
        store.close()


def good_records(paths: Iterable[Path]) -> list[LoadedRecord]:
    return [i for i in load_sources(list(paths)) if isinstance(i, LoadedRecord)]


def article_id_of(records: list[LoadedRecord], name: str) -> str:
    (record,) = [r for r in records if short_name(r.origin or "") == name]
    return record_to_article(record).id


@pytest.fixture(scope="module")
def weird_extractor() -> SpacyExtractor:
    """The extractor the CLI runs with CONFLICTGRAPH_GAZETTEER pointing at the weird names."""
    return SpacyExtractor(load_model(), Gazetteer.load(WEIRD_GAZETTEER))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The inputs too big to commit: a 50 MB text and HTML nested 10,000 deep."""
    folder = tmp_path_factory.mktemp("generated")
    sentence = b"Iran supports Hezbollah in southern Lebanon, officials said. "
    with (folder / "huge.txt").open("wb") as handle:
        block = sentence * (1024 * 1024 // len(sentence) + 1)
        written = 0
        while written < HUGE_BYTES:
            chunk = block[: HUGE_BYTES - written]
            handle.write(chunk)
            written += len(chunk)
    (folder / "nested.html").write_text(nested_html(), encoding="utf-8")
    return folder


def nested_html() -> str:
    inner = "<p>Turkey supports the Government of National Accord in Tripoli, officials said.</p>"
    return "<html><body>" + "<div>" * NESTING + inner + "</div>" * NESTING + "</body></html>"


def parse_skipped(output: str) -> dict[str, str]:
    """The CLI's `Skipped N input(s):` block as {file or record name: reason}."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Skipped "))
    found = {}
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        name, _, reason = line.strip().partition(": ")
        found[short_name(name)] = reason
    return found


# -- the CLI ------------------------------------------------------------------------------
def test_cli_corpus_gives_clear_errors_and_stores_the_rest_whole(
    store: GraphStore, tmp_path: Path, generated: Path, weird_extractor: SpacyExtractor
) -> None:
    seed(store)
    before = graph_state(reread(store))
    paths = [INPUTS, generated / "huge.txt", generated / "nested.html"]
    env = {**os.environ, "CONFLICTGRAPH_DATA_DIR": str(tmp_path),
           "CONFLICTGRAPH_GAZETTEER": str(WEIRD_GAZETTEER), "COLUMNS": "200"}
    if isinstance(store, MemoryStore):
        assert store.path == tmp_path / "graph.json"
    started = time.monotonic()
    proc = subprocess.run(
        [cli_executable(), "ingest", *map(str, paths), "--store", store.name, "--batch-size", "4"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert time.monotonic() - started < 120
    assert "Traceback" not in output

    skipped = parse_skipped(proc.stdout)
    for name, reason in EXPECTED_SKIPS.items():
        assert name in skipped, f"{name} was not reported as skipped:\n{output}"
        assert reason in skipped[name], f"{name}: {skipped[name]!r}"
    assert set(skipped) == set(EXPECTED_SKIPS), output

    # The good inputs, loaded alone into a fresh store, give exactly the same graph.
    baseline = MemoryStore()
    seed(baseline)
    records = good_records([INPUTS])
    assert {short_name(r.origin or "") for r in records} == EXPECTED_STORED | {
        "mixed.jsonl:13"}  # a record whose HTML holds only a script: skipped at cleaning
    summary = Ingestor(baseline, weird_extractor).ingest(records)
    assert summary.created == len(EXPECTED_STORED)
    after = reread(store)
    assert graph_state(after) == graph_state(baseline)
    assert after.counts()["articles"] == before["counts"]["articles"] + len(EXPECTED_STORED)
    assert set(before["articles"]) <= set(graph_state(after)["articles"])
    assert_articles_whole(after, weird_extractor)

    # Names with quotes, backticks, braces, keywords, RTL script and emoji are data.
    for name in WEIRD_NAMES:
        actor = after.find_actor(name)
        assert actor is not None and actor.name == name, name
    assert after.find_actor("DETACH DELETE Brigade") is not None  # an alias, found as text
    article = after.get_article(article_id_of(records, "scripts.html"))
    assert article is not None
    for leaked in SCRIPT_ONLY_TEXT:
        assert leaked not in article.text, leaked


def test_cli_gazetteer_name_longer_than_an_actor_name_costs_only_its_articles(
    tmp_path: Path,
) -> None:
    """A 480-character actor name in a user gazetteer: the articles naming it are skipped
    with the length limit as the reason; the other articles of the run are stored."""
    env = {**os.environ, "CONFLICTGRAPH_DATA_DIR": str(tmp_path), "COLUMNS": "200",
           "CONFLICTGRAPH_GAZETTEER": str(BAD / "long-name-actor.jsonl")}
    proc = subprocess.run(
        [cli_executable(), "ingest", str(INPUTS / "weird-names.jsonl"),
         str(INPUTS / "good-libya.txt"), "--store", "memory"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    skipped = parse_skipped(proc.stdout)
    assert list(skipped) == ["weird-names.jsonl:8"]
    assert skipped["weird-names.jsonl:8"] == (
        "extraction failed: Actor: name: String should have at most 300 characters")
    stored = MemoryStore(tmp_path / "graph.json")
    assert stored.counts()["articles"] == 8  # 7 other weird-name articles and good-libya.txt


def test_cli_50mb_text_is_refused_whole_even_past_the_byte_limit(
    store: GraphStore, settings_env: Path, generated: Path
) -> None:
    """Past --max-bytes the record's own limit (2,000,000 characters) still refuses it:
    a huge text is never truncated into a half-article."""
    seed(store)
    before = graph_state(reread(store))
    result = CliRunner().invoke(cli_app, [
        "ingest", str(generated / "huge.txt"), "--store", store.name,
        "--max-bytes", str(HUGE_BYTES + 1024),
    ])
    assert result.exit_code == 1, result.output
    assert "more than the 2,000,000 an article may have" in result.output
    assert "Nothing could be ingested" in result.output
    assert graph_state(reread(store)) == before


# -- URLs: a local server that hangs, fails and loops ---------------------------------------
GOOD_PAGE = (b"<html><head><title>Doha talks</title></head><body><article><h1>Doha talks</h1>"
             b"<p>Pakistan supports the Taliban, according to diplomats familiar with the "
             b"talks in Doha.</p><p>The talks resumed on Monday after a pause of two "
             b"weeks.</p></article></body></html>")


class _Handler(BaseHTTPRequestHandler):
    server: _UrlServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        if self.path == "/good":
            self._send(200, GOOD_PAGE)
        elif self.path == "/error":
            self._send(500, b"Internal Server Error", "text/plain")
        elif self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop-again" if self.path == "/loop" else "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/hang":
            self.server.release.wait(60)  # longer than the 15 s read timeout
            self._send(200, GOOD_PAGE)
        else:
            self._send(404, b"not found", "text/plain")


class _UrlServer(ThreadingHTTPServer):
    daemon_threads = True
    release = threading.Event()


@pytest.fixture(scope="module")
def url_server() -> Iterator[str]:
    server = _UrlServer(("127.0.0.1", 0), _Handler)
    server.release = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.release.set()
    server.shutdown()
    server.server_close()


def test_cli_urls_that_hang_fail_or_loop_are_named_and_the_good_one_is_stored(
    store: GraphStore, settings_env: Path, url_server: str
) -> None:
    seed(store)
    before = graph_state(reread(store))
    urls = [f"{url_server}/hang", f"{url_server}/error", f"{url_server}/loop", f"{url_server}/good"]
    started = time.monotonic()
    # The server is on loopback: fetching it needs the explicit opt-in.
    result = CliRunner().invoke(cli_app, ["ingest", "--store", store.name, "--allow-private-urls",
                                          *(arg for url in urls for arg in ("--url", url))])
    took = time.monotonic() - started
    assert result.exit_code == 0, result.output
    assert took < 40  # the hang costs its read timeout (15 s), fetched alongside the others
    skipped = {name: reason for name, reason in
               (line.strip().split(": ", 1) for line in
                result.output.split("input(s):", 1)[1].splitlines() if line.startswith("  "))}
    assert "read timeout" in skipped[f"{url_server}/hang"]
    assert skipped[f"{url_server}/error"] == "HTTP 500 Internal Server Error"
    assert "redirect loop" in skipped[f"{url_server}/loop"]
    after = reread(store)
    assert after.counts()["articles"] == before["counts"]["articles"] + 1
    assert after.find_actor("Taliban") is not None
    assert_articles_whole(after, get_extractor())


# -- the API -----------------------------------------------------------------------------
JSON = {"content-type": "application/json"}
GOOD_A = {"text": "Iran supports Hezbollah in southern Lebanon, Israeli officials said on "
                  "Tuesday.", "url": "https://example.org/api/good-a", "published": "2024-02-06"}
GOOD_B = {"text": "Saudi Arabia supports the Yemeni government in its war against the Houthis, "
                  "the Saudi foreign ministry said.", "url": "https://example.org/api/good-b"}
SCRIPT_ONLY = {"html": "<html><body><script>alert('Iran supports the Houthis.')</script>"
                       "</body></html>", "url": "https://example.org/api/script-only"}

# (what, request, status, text the problem's detail must hold): refused, nothing stored.
REFUSED: list[tuple[str, dict[str, Any], int, str]] = [
    ("empty text", {"json": {"text": ""}}, 422, "non-empty 'text' or 'html'"),
    ("whitespace-only text", {"json": {"text": " \n\t\u00a0\u2003 "}}, 422, "non-empty"),
    ("PDF bytes", {"content": (INPUTS / "scan.pdf").read_bytes(),
                   "headers": {"content-type": "application/pdf"}}, 415, "as JSON"),
    ("PDF bytes labelled JSON", {"content": (INPUTS / "scan.pdf").read_bytes(), "headers": JSON},
     400, "error parsing the body"),
    ("invalid UTF-8", {"content": b'{"text": "Iran supports \xff\xfe Hezbollah."}', "headers": JSON},
     400, "error parsing the body"),
    ("lone surrogate", {"content": b'{"text": "\\ud800 Iran supports Hezbollah."}', "headers": JSON},
     422, "unicode"),
    ("malformed JSON", {"content": b'{"text": "Iran supports', "headers": JSON}, 422,
     "JSON decode error"),
    ("JSONL lines as a body", {"content": b'{"text": "a b c"}\n{"text": "d e f"}', "headers": JSON},
     422, "JSON decode error"),
    ("text over 2,000,000 characters", {"json": {"text": "war " * 500_001}}, 422,
     "the text has 2,000,003 characters, more than the 2,000,000 an article may have"),
    ("HTML nested 10,000 deep", {"json": {"html": nested_html()}}, 422, "no article text found"),
    ("HTML holding only a script", {"json": SCRIPT_ONLY}, 422, "no article text found"),
    ("a batch with one empty record", {"json": [GOOD_A, {"text": ""}, GOOD_B]}, 422, "body.list.1"),
    ("101 records", {"json": [GOOD_A] * 101}, 422, "at most 100 items"),
]
# Ingested cleanly: (what, body, created, skipped).
ACCEPTED: list[tuple[str, Any, int, int]] = [
    ("HTML with scripts and handlers", {"html": (INPUTS / "scripts.html").read_text(),
                                        "url": "https://example.org/api/scripts"}, 1, 0),
    ("quotes, backticks, braces and Cypher keywords",
     {"text": "Iran supports the \"Lions\" of `MATCH (n) DETACH DELETE n` {Brigade} and "
              "Hezbollah'); DROP CONSTRAINT actor_id; //, officials said.",
      "url": "https://example.org/api/injection"}, 1, 0),
    ("right-to-left script and emoji", {"text": (INPUTS / "rtl-and-emoji.txt").read_text(),
                                        "url": "https://example.org/api/rtl"}, 1, 0),
    ("replacement and control characters",
     {"text": "Iran supports \ufffd Hezbollah\u0000 in Lebanon\u0007, officials said.",
      "url": "https://example.org/api/control"}, 1, 0),
    ("a batch with one unreadable record", [GOOD_A, SCRIPT_ONLY, GOOD_B], 2, 1),
]


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, api_key=None, cors_origins=[], max_body_bytes=10_000_000)
    with TestClient(create_app(settings, store)) as test_client:
        yield test_client


def test_api_huge_body_is_413_before_it_is_read(store: GraphStore, client: TestClient) -> None:
    seed(store)
    before = graph_state(store)
    body = b'{"text": "' + b"x" * HUGE_BYTES + b'"}'
    response = client.post("/articles", content=body, headers=JSON)
    assert response.status_code == 413, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert "exceeds the limit of 10000000 bytes" in response.json()["detail"]
    assert graph_state(store) == before


def test_api_corpus_refuses_clearly_and_stores_the_rest_whole(
    store: GraphStore, client: TestClient
) -> None:
    seed(store)
    extractor = get_extractor()
    for what, request, status, detail in REFUSED:
        before = graph_state(store)
        response = client.post("/articles", **request)
        assert response.status_code == status, (what, response.text[:500])
        assert response.headers["content-type"].startswith(PROBLEM), what
        assert detail in response.json()["detail"], (what, response.json()["detail"])
        assert graph_state(store) == before, f"{what} changed the store"

    records: list[ArticleRecord] = []
    for what, body, created, skipped in ACCEPTED:
        before = store.counts()["articles"]
        response = client.post("/articles", json=body)
        assert response.status_code == 201, (what, response.text[:500])
        result = response.json()
        assert (result["created"], len(result["skipped"])) == (created, skipped), what
        assert store.counts()["articles"] == before + created, what
        for item in body if isinstance(body, list) else [body]:
            if item is not SCRIPT_ONLY:
                records.append(ArticleRecord.model_validate(item))

    scripts = store.get_article(result_id(records[0]))
    assert scripts is not None
    for leaked in SCRIPT_ONLY_TEXT:
        assert leaked not in scripts.text, leaked
    assert store.find_actor("Hezbollah") is not None  # the "DROP CONSTRAINT" text stayed text

    baseline = MemoryStore()
    seed(baseline)
    Ingestor(baseline, extractor).ingest(records)
    assert graph_state(store) == graph_state(baseline)
    assert_articles_whole(store, extractor)


def result_id(record: ArticleRecord) -> str:
    return record_to_article(record).id
