"""Which addresses fetching may reach: public ones by default, private ones only on request.

A URL list dropped into an ingested folder must not make this machine fetch
from itself or its network. Real HTTP servers on loopback count the requests
they get: a refused URL must cost them none, before or after a redirect.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.config import get_settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.loaders.fetch import (
    Fetched,
    FetchFailure,
    FetchLimits,
    IPAddress,
    any_address,
    fetch_all,
    public_only,
)
from conflictgraph.loaders.records import ArticleRecord
from conflictgraph.loaders.sources import Skipped, load_path

ARTICLE = b"Turkey is a main supporter of the U.N.-recognized government in Tripoli.\n"
FLAG = "pass --allow-private-urls"


class CountingHandler(BaseHTTPRequestHandler):
    server: CountingServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests.append(self.path)
            self.server.hosts.append(self.headers.get("Host", ""))
        if self.path.startswith("/redirect"):
            target = self.path.split("to=", 1)[1]
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(ARTICLE)))
        self.end_headers()
        self.wfile.write(ARTICLE)


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str, port: int = 0) -> None:
        super().__init__((host, port), CountingHandler)
        self.host = host
        self.port = self.server_address[1]
        self.lock = threading.Lock()
        self.requests: list[str] = []
        self.hosts: list[str] = []

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.server_address[1]}"


def serve(host: str, port: int = 0) -> Iterator[CountingServer]:
    httpd = CountingServer(host, port)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local() -> Iterator[CountingServer]:
    yield from serve("127.0.0.1")


@pytest.fixture
def other_local(local: CountingServer) -> Iterator[CountingServer]:
    """A second loopback address, on the same port: what a redirect or a second DNS
    answer must not reach."""
    yield from serve("127.0.0.2", local.port)


def public_and(site: str) -> Callable[[IPAddress], str | None]:
    """The test stands in for the internet: ``site`` plays a public host; every other
    address is judged by the default policy, as in production."""
    def policy(address: IPAddress) -> str | None:
        return None if address == ipaddress.ip_address(site) else public_only(address)
    return policy


# -- the address classifier ------------------------------------------------------------
REFUSED = [
    ("10.1.2.3", "a private address"),
    ("172.16.0.1", "a private address"),
    ("172.31.255.254", "a private address"),
    ("192.168.1.1", "a private address"),
    ("169.254.169.254", "a link-local address"),  # the cloud metadata service
    ("127.0.0.1", "a loopback address"),
    ("127.8.9.10", "a loopback address"),
    ("0.0.0.0", "an unspecified address"),
    ("100.64.0.1", "a shared (carrier-grade NAT) address"),
    ("224.0.0.251", "a multicast address"),
    ("240.0.0.1", "a reserved address"),
    ("255.255.255.255", "a reserved address"),
    ("192.0.2.10", "not a public internet address"),  # documentation range
    ("::1", "a loopback address"),
    ("::", "an unspecified address"),
    ("fe80::1", "a link-local address"),
    ("fc00::1", "a private address"),
    ("fd12:3456::1", "a private address"),
    ("ff02::1", "a multicast address"),
    ("::ffff:127.0.0.1", "an IPv4-mapped form of 127.0.0.1, a loopback address"),
    ("::ffff:10.0.0.1", "an IPv4-mapped form of 10.0.0.1, a private address"),
    ("::ffff:169.254.169.254", "an IPv4-mapped form of 169.254.169.254, a link-local address"),
    ("2002:7f00:1::1", "a 6to4 form of 127.0.0.1, a loopback address"),
    ("2002:c0a8:101::1", "a 6to4 form of 192.168.1.1, a private address"),
    ("64:ff9b::a9fe:a9fe", "a NAT64 form of 169.254.169.254, a link-local address"),
    ("::127.0.0.1", "a reserved address"),  # IPv4-compatible, deprecated
    ("2001:db8::1", "not a public internet address"),  # documentation range
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "100.128.0.1", "172.32.0.1", "192.169.0.1",
          "2606:4700:4700::1111", "2a00:1450:4001:82a::200e", "::ffff:8.8.8.8",
          "2002:808:808::1", "64:ff9b::808:808"]


@pytest.mark.parametrize(("address", "problem"), REFUSED)
def test_the_default_policy_refuses_non_public_addresses(address: str, problem: str) -> None:
    assert public_only(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize("address", PUBLIC)
def test_the_default_policy_allows_public_addresses(address: str) -> None:
    assert public_only(ipaddress.ip_address(address)) is None


def test_the_opt_in_policy_allows_everything() -> None:
    assert all(any_address(ipaddress.ip_address(a)) is None for a, _ in REFUSED)


# -- fetching --------------------------------------------------------------------------
def test_a_url_list_naming_a_local_server_is_refused_and_nothing_is_fetched(
    local: CountingServer, tmp_path: Path
) -> None:
    listing = tmp_path / "dropped.urls"
    listing.write_text(f"{local.base}/admin\nhttp://localhost:{local.server_address[1]}/x\n")
    items = list(load_path(listing))  # the default limits: no opt-in
    assert [type(i) for i in items] == [Skipped, Skipped]
    assert items[0] == Skipped(
        name=f"{local.base}/admin",
        reason="refused: 127.0.0.1 is a loopback address; pass --allow-private-urls (or set "
               "CONFLICTGRAPH_ALLOW_PRIVATE_URLS=true) to fetch private addresses",
    )
    # A name is resolved and every address it stands for is checked.
    assert isinstance(items[1], Skipped)
    assert items[1].reason.startswith("refused: localhost resolves to ")
    assert "a loopback address; " + FLAG in items[1].reason
    assert local.requests == []


def test_the_opt_in_fetches_a_local_server(local: CountingServer, tmp_path: Path) -> None:
    listing = tmp_path / "mine.urls"
    listing.write_text(f"{local.base}/article\n")
    (record,) = load_path(listing, limits=FetchLimits(address_policy=any_address))
    assert isinstance(record, ArticleRecord)
    assert record.text == ARTICLE.decode().strip()
    assert local.requests == ["/article"]


def test_a_redirect_to_a_refused_address_is_not_followed(
    local: CountingServer, other_local: CountingServer
) -> None:
    target = f"{other_local.base}/internal"
    url = f"{local.base}/redirect?to={target}"
    (result,) = fetch_all([url], FetchLimits(address_policy=public_and("127.0.0.1")))
    assert result == FetchFailure(
        url, f"refused the redirect to {target}: 127.0.0.2 is a loopback address; pass "
             "--allow-private-urls (or set CONFLICTGRAPH_ALLOW_PRIVATE_URLS=true) to fetch "
             "private addresses",
    )
    assert local.requests == [f"/redirect?to={target}"]
    assert other_local.requests == []  # the redirect's target saw nothing

    # The same redirect with the opt-in is followed to the end.
    (fetched,) = fetch_all([url], FetchLimits(address_policy=any_address))
    assert isinstance(fetched, Fetched) and fetched.final_url == target
    assert other_local.requests == ["/internal"]


def test_the_request_goes_to_the_address_that_was_checked(
    local: CountingServer, other_local: CountingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that answers a checked address first and a private one on
    the next lookup still reaches only the checked address, under its own name."""
    answers = iter(["127.0.0.1"] + ["127.0.0.2"] * 10)
    resolve = socket.getaddrinfo

    def rebinding(host: object, port: object, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.test":
            address = next(answers)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return resolve(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = f"http://rebind.test:{local.port}/article"
    (fetched,) = fetch_all([url], FetchLimits(address_policy=public_and("127.0.0.1")))
    assert isinstance(fetched, Fetched), fetched
    assert fetched.final_url == url
    assert local.requests == ["/article"]
    assert local.hosts == [f"rebind.test:{local.port}"]  # virtual hosting keeps working
    assert other_local.requests == []


def test_a_redirect_to_another_scheme_is_refused(local: CountingServer) -> None:
    url = f"{local.base}/redirect?to=file:///etc/passwd"
    (result,) = fetch_all([url], FetchLimits(address_policy=any_address))
    assert isinstance(result, FetchFailure)
    assert result.reason.startswith("redirected to file://")
    assert result.reason.endswith("/etc/passwd, not an http(s) URL")


# -- the CLI ---------------------------------------------------------------------------
def test_cli_ingest_refuses_a_local_url_list_and_says_which_flag_allows_it(
    local: CountingServer, settings_env: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "dropped.urls").write_text(f"{local.base}/admin\n")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", "memory"])
    assert result.exit_code == 1, result.output
    assert (f"{local.base}/admin: refused: 127.0.0.1 is a loopback address; pass "
            "--allow-private-urls") in result.output
    assert local.requests == []

    result = CliRunner().invoke(app, ["ingest", str(folder), "--store", "memory",
                                      "--allow-private-urls"])
    assert result.exit_code == 0, result.output
    assert local.requests == ["/admin"]
    assert [a.url for a in MemoryStore(settings_env / "graph.json").articles()] == [
        f"{local.base}/admin"]


def test_the_setting_allows_private_urls_for_the_cli(
    local: CountingServer, settings_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTGRAPH_ALLOW_PRIVATE_URLS", "true")
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["ingest", "--url", f"{local.base}/article",
                                      "--store", "memory"])
    assert result.exit_code == 0, result.output
    assert local.requests == ["/article"]
