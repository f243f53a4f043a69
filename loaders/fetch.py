"""Fetch web pages and feeds politely and safely (httpx, asyncio).

Every request has connect/read timeouts and an overall deadline, follows at
most a few redirects, refuses content types that cannot hold an article,
and streams the body so a response past the size limit is cut off instead
of filling memory. At most ``concurrency`` requests run at once. A failure
is a ``FetchFailure`` naming the URL, never an exception. (This module
stands alone: the sources build on it, not the other way round.)

Where a URL may lead is checked too: a URL list dropped into an ingested
folder must not make this machine fetch from itself or its private network
(cloud metadata services, admin pages, databases). Before every request,
the first and each redirect alike, the host is resolved here and every
address it resolves to is put to the ``address_policy`` (by default: public
internet addresses only); the request then connects to the address that was
checked, so a second DNS answer cannot swap in another (DNS rebinding).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

__all__ = [
    "ACCEPTED_TYPES",
    "ALLOW_PRIVATE_HINT",
    "DEFAULT_MAX_BYTES",
    "AddressPolicy",
    "AddressRefused",
    "FetchFailure",
    "FetchLimits",
    "Fetched",
    "IPAddress",
    "any_address",
    "fetch_all",
    "fetch_all_async",
    "public_only",
]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

USER_AGENT = "conflictgraph/0.1 (news graph loader)"

# Media types that can carry an article, a feed or article records.
ACCEPTED_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "text/plain",
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml",
    "application/json", "application/x-ndjson", "application/jsonl",
})


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# What an address is when it may not be fetched ("a loopback address"), or None.
AddressPolicy = Callable[[IPAddress], str | None]

ALLOW_PRIVATE_HINT = ("pass --allow-private-urls (or set CONFLICTGRAPH_ALLOW_PRIVATE_URLS=true) "
                      "to fetch private addresses")

_PRIVATE_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7",
))
_SHARED_NETWORK = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
_NAT64_NETWORK = ipaddress.ip_network("64:ff9b::/96")  # IPv4 addresses translated (RFC 6052)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 address stands for, with the name of the form."""
    if address.ipv4_mapped is not None:
        return "an IPv4-mapped form", address.ipv4_mapped
    if address.sixtofour is not None:
        return "a 6to4 form", address.sixtofour
    if address in _NAT64_NETWORK:
        return "a NAT64 form", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def public_only(address: IPAddress) -> str | None:
    """The default policy: what makes ``address`` other than a public internet host, or None.

    Refused: loopback, private (RFC 1918, IPv6 unique local), link-local,
    multicast, unspecified, shared (carrier-grade NAT), reserved and every other
    non-global range, and IPv4-mapped, 6to4 and NAT64 forms of any of those.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            form, inner = embedded
            problem = public_only(inner)
            return f"{form} of {inner}, {problem}" if problem else None
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if any(address in network for network in _PRIVATE_NETWORKS):
        return "a private address"
    if address in _SHARED_NETWORK:
        return "a shared (carrier-grade NAT) address"
    if address.is_reserved:
        return "a reserved address"
    if not address.is_global:
        return "not a public internet address"
    return None


def any_address(address: IPAddress) -> str | None:
    """The opt-in policy (``--allow-private-urls``): every address may be fetched."""
    return None


class AddressRefused(Exception):
    """The address policy refused an address the URL's host resolves to."""

    def __init__(self, host: str, address: IPAddress, problem: str) -> None:
        literal = host.strip("[]") == str(address)
        where = f"{address} is" if literal else f"{host} resolves to {address},"
        super().__init__(f"{where} {problem}")
        self.host = host
        self.address = address
        self.problem = problem


@dataclass(frozen=True)
class FetchLimits:
    """Timeouts in seconds, sizes in bytes, and which addresses may be fetched;
    defaults suit news pages on the public internet."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    concurrency: int = 8
    address_policy: AddressPolicy = field(default=public_only)


@dataclass(frozen=True)
class FetchFailure:
    """Why a URL gave nothing to read, in words a person can act on."""

    url: str
    reason: str


@dataclass(frozen=True)
class Fetched:
    """A successful response body with what is needed to read it."""

    url: str
    final_url: str
    media_type: str
    charset: str | None
    body: bytes


def _check_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "not an http(s) URL"
    if not parts.netloc:
        return "URL has no host"
    return None


async def _read_limited(response: httpx.Response, url: str, limit: int) -> bytes | FetchFailure:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return FetchFailure(url, f"response of {int(declared):,} bytes exceeds the limit "
                                        f"of {limit:,}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            return FetchFailure(url, f"response larger than the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def _resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` stands for, in the resolver's order (an IP literal is itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise httpx.ConnectError(f"cannot resolve {host}: {exc.strerror or exc}") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise httpx.ConnectError(f"cannot resolve {host}: no address")
    return addresses


class _CheckedTransport(httpx.AsyncBaseTransport):
    """Sends each request to an address of its host that the policy allows, and only there.

    The host is resolved here and every address checked; the request then goes to
    the checked address itself (the Host header and TLS server name stay the
    host's, so virtual hosting and certificate checks are unchanged). One
    connection pool per host: two hosts on one address never share a TLS session.
    """

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._pools: dict[str, httpx.AsyncHTTPTransport] = {}
        self._tls: ssl.SSLContext | None = None  # built once: loading the CA bundle is slow

    def _pool(self, host: str) -> httpx.AsyncHTTPTransport:
        pool = self._pools.get(host)
        if pool is None:
            if self._tls is None:
                self._tls = httpx.create_ssl_context()
            pool = self._pools[host] = httpx.AsyncHTTPTransport(verify=self._tls)
        return pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = await _resolve(host, port)
        for address in addresses:
            problem = self.policy(address)
            if problem is not None:
                raise AddressRefused(host, address, problem)
        pool = self._pool(host)
        failure: httpx.ConnectError | None = None
        for address in addresses:  # the next address when one does not answer
            pinned = httpx.Request(
                request.method, url.copy_with(host=str(address)), headers=request.headers,
                stream=request.stream, extensions={**request.extensions, "sni_hostname": host},
            )
            try:
                return await pool.handle_async_request(pinned)
            except httpx.ConnectError as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()
        self._pools.clear()


def _refusal(exc: AddressRefused, hop: str | None) -> str:
    where = f"refused the redirect to {hop}" if hop else "refused"
    return f"{where}: {exc}; {ALLOW_PRIVATE_HINT}"


async def _fetch_one(
    client: httpx.AsyncClient, gate: asyncio.Semaphore, url: str, limits: FetchLimits
) -> Fetched | FetchFailure:
    url = url.strip()
    problem = _check_url(url)
    if problem:
        return FetchFailure(url, problem)
    async with gate:
        hop: str | None = None  # the redirect target being requested, after the first
        try:
            async with asyncio.timeout(limits.total_timeout):
                request = client.build_request("GET", url)
                # Redirects are followed here, one checked request at a time.
                for _ in range(limits.max_redirects + 1):
                    response = await client.send(request, stream=True)
                    try:
                        following = response.next_request
                        if following is None:
                            return await _read_response(response, url, limits)
                    finally:
                        await response.aclose()
                    hop = str(following.url)
                    if _check_url(hop):
                        return FetchFailure(url, f"redirected to {hop}, not an http(s) URL")
                    request = following
                return FetchFailure(url, f"more than {limits.max_redirects} redirects "
                                         "(a redirect loop?)")
        except AddressRefused as exc:
            return FetchFailure(url, _refusal(exc, hop))
        except httpx.ConnectTimeout:
            return FetchFailure(url, f"could not connect within {limits.connect_timeout:g}s")
        except httpx.ReadTimeout:
            return FetchFailure(url, f"no data for {limits.read_timeout:g}s (read timeout)")
        except TimeoutError:
            return FetchFailure(url, f"not complete after {limits.total_timeout:g}s")
        except httpx.InvalidURL as exc:
            return FetchFailure(url, f"invalid URL: {exc}")
        except httpx.HTTPError as exc:
            return FetchFailure(url, f"request failed: {type(exc).__name__}: {exc}".rstrip(": "))


async def _read_response(
    response: httpx.Response, url: str, limits: FetchLimits
) -> Fetched | FetchFailure:
    if response.status_code >= 400:
        phrase = response.reason_phrase or ""
        return FetchFailure(url, f"HTTP {response.status_code} {phrase}".strip())
    content_type = response.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type and media_type not in ACCEPTED_TYPES:
        return FetchFailure(url, f"unsupported content type {media_type}")
    body = await _read_limited(response, url, limits.max_bytes)
    if isinstance(body, FetchFailure):
        return body
    return Fetched(url=url, final_url=str(response.url), media_type=media_type,
                   charset=response.charset_encoding, body=body)


async def fetch_all_async(
    urls: Sequence[str], limits: FetchLimits | None = None
) -> list[Fetched | FetchFailure]:
    """Fetch every URL (at most ``limits.concurrency`` at a time); results in input order."""
    limits = limits or FetchLimits()
    gate = asyncio.Semaphore(limits.concurrency)
    timeout = httpx.Timeout(connect=limits.connect_timeout, read=limits.read_timeout,
                            write=limits.read_timeout, pool=limits.total_timeout)
    async with httpx.AsyncClient(
        transport=_CheckedTransport(limits.address_policy),
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,"
                 "application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"},
    ) as client:
        return list(await asyncio.gather(*(_fetch_one(client, gate, u, limits) for u in urls)))


def fetch_all(urls: Sequence[str], limits: FetchLimits | None = None) -> list[Fetched | FetchFailure]:
    """Blocking front of ``fetch_all_async``; safe to call from inside a running event loop."""
    if not urls:
        return []
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(fetch_all_async(urls, limits))
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch_all_async(urls, limits)).result()
