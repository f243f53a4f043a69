"""URL sources against a real HTTP server on 127.0.0.1: pages, feeds and every failure mode.

The server is on loopback, which fetching refuses by default: these tests opt in
explicitly (``address_policy=any_address``, what ``--allow-private-urls`` sets).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conflictgraph.loaders.fetch import Fetched, FetchFailure, FetchLimits, any_address, fetch_all
from conflictgraph.loaders.records import ArticleRecord
from conflictgraph.loaders.sources import Skipped, load_path, load_sources

DATA = Path(__file__).resolve().parent / "data" / "sources"
PAGE = (DATA / "mixed" / "libya-talks.html").read_bytes()
FEED = (DATA / "mixed" / "nested" / "feed.xml").read_bytes()
PLAIN = b"Turkey is a main supporter of the U.N.-recognized government in Tripoli.\n"
SLOW_SECONDS = 2.0


class Handler(BaseHTTPRequestHandler):
    server: ArticleServer

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (timeouts, size limits): that is the point

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/feed":
            self._send(200, FEED, "application/rss+xml")
        elif path == "/plain":
            self._send(200, PLAIN, "text/plain; charset=utf-8")
        elif path == "/error":
            self._send(500, b"boom", "text/plain")
        elif path == "/missing":
            self._send(404, b"gone", "text/plain")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, PLAIN, "text/plain")
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/big-declared":
            self._send(200, b"x" * 300_000, "text/plain")
        elif path == "/big-streamed":
            # No Content-Length: the client must count while it reads and stop.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"Turkey backs the GNA. " * 1000)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\nxxxx", "image/png")
        elif path == "/concurrent":
            with self.server.lock:
                self.server.inflight += 1
                self.server.peak = max(self.server.peak, self.server.inflight)
            time.sleep(0.15)
            with self.server.lock:
                self.server.inflight -= 1
            self._send(200, PLAIN, "text/plain")
        else:
            self._send(404, b"not found", "text/plain")


class ArticleServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.inflight = 0
        self.peak = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def server() -> Iterator[ArticleServer]:
    httpd = ArticleServer()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


LIMITS = FetchLimits(connect_timeout=2.0, read_timeout=0.5, total_timeout=5.0,
                     max_bytes=100_000, max_redirects=3, concurrency=4, address_policy=any_address)


def by_name(items: list) -> dict[str, ArticleRecord | Skipped]:
    out: dict[str, ArticleRecord | Skipped] = {}
    for item in items:
        out.setdefault(item.name if isinstance(item, Skipped) else item.origin, item)
    return out


def test_url_list_file_ok_page_500_timeout_loop_and_oversized(
    server: ArticleServer, tmp_path: Path
) -> None:
    base = server.base
    urls = [f"{base}/page", f"{base}/error", f"{base}/slow", f"{base}/loop",
            f"{base}/big-declared", f"{base}/big-streamed", f"{base}/image", f"{base}/missing",
            f"{base}/moved", "ftp://127.0.0.1/file.txt"]
    listing = tmp_path / "reading.urls"
    listing.write_text("# morning reading\n" + "\n".join(urls) + "\n")
    started = time.monotonic()
    items = list(load_path(listing, limits=LIMITS))
    elapsed = time.monotonic() - started
    found = by_name(items)
    assert list(found) == urls  # input order, one item per URL

    page = found[f"{base}/page"]
    assert isinstance(page, ArticleRecord)
    assert page.url == f"{base}/page"  # the fetched address, not the page's canonical link
    assert page.title == "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks"
    assert page.published == date(2020, 10, 21)
    assert "JOIN NOW" not in (page.text or "")
    assert "Turkey is a main supporter" in (page.text or "")

    moved = found[f"{base}/moved"]
    assert isinstance(moved, ArticleRecord) and moved.url == f"{base}/page"

    reasons = {name: item.reason for name, item in found.items() if isinstance(item, Skipped)}
    assert reasons == {
        f"{base}/error": "HTTP 500 Internal Server Error",
        f"{base}/slow": "no data for 0.5s (read timeout)",
        f"{base}/loop": "more than 3 redirects (a redirect loop?)",
        f"{base}/big-declared": "response of 300,000 bytes exceeds the limit of 100,000",
        f"{base}/big-streamed": "response larger than the limit of 100,000 bytes",
        f"{base}/image": "unsupported content type image/png",
        f"{base}/missing": "HTTP 404 Not Found",
        "ftp://127.0.0.1/file.txt": "not an http(s) URL",
    }
    # The slow endpoint cost one read timeout, not its full delay.
    assert elapsed < SLOW_SECONDS + 1.0


def test_total_deadline_cuts_a_response_that_never_finishes(server: ArticleServer) -> None:
    limits = FetchLimits(read_timeout=10.0, total_timeout=0.5, address_policy=any_address)
    (result,) = fetch_all([f"{server.base}/slow"], limits)
    assert result == FetchFailure(f"{server.base}/slow", "not complete after 0.5s")


def test_url_arguments_feed_and_plain_text(server: ArticleServer) -> None:
    items = list(load_sources(urls=[f"{server.base}/feed", f"{server.base}/plain"],
                              limits=LIMITS))
    records = [i for i in items if isinstance(i, ArticleRecord)]
    assert [r.url for r in records] == [
        "https://news.example.org/libya/haftar-backers",
        "https://news.example.org/libya/difficulties-ahead",
        f"{server.base}/plain",
    ]
    assert records[0].origin == f"{server.base}/feed#1"
    assert records[2].text == PLAIN.decode().strip()


def test_a_txt_file_of_urls_is_a_url_list(server: ArticleServer, tmp_path: Path) -> None:
    listing = tmp_path / "links.txt"
    listing.write_text(f"{server.base}/plain\n\n{server.base}/error\n")
    items = list(load_path(listing, limits=LIMITS))
    assert isinstance(items[0], ArticleRecord) and items[0].url == f"{server.base}/plain"
    assert items[1] == Skipped(name=f"{server.base}/error", reason="HTTP 500 Internal Server Error")


def test_concurrency_is_bounded(server: ArticleServer) -> None:
    server.peak = 0
    urls = [f"{server.base}/concurrent?n={i}" for i in range(12)]
    results = fetch_all(urls, LIMITS)
    assert all(isinstance(r, Fetched) for r in results)
    assert [r.url for r in results] == urls
    assert 2 <= server.peak <= LIMITS.concurrency


def test_unreachable_host_is_reported_not_raised() -> None:
    import socket

    with socket.socket() as sock:  # a port that was just free: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (result,) = fetch_all([f"http://127.0.0.1:{port}/x"], LIMITS)
    assert isinstance(result, FetchFailure)
    assert result.reason.startswith("request failed: ConnectError")
