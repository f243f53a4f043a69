"""Fetch web pages and feeds politely and safely (httpx, asyncio).

Every request has connect/read timeouts and an overall deadline, follows at
most a few redirects, refuses content types that cannot hold an article,
and streams the body so a response past the size limit is cut off instead
of filling memory. At most ``concurrency`` requests run at once. A failure
is a ``FetchFailure`` naming the URL, never an exception. (This module
stands alone: the sources build on it, not the other way round.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

__all__ = [
    "ACCEPTED_TYPES",
    "DEFAULT_MAX_BYTES",
    "FetchFailure",
    "FetchLimits",
    "Fetched",
    "fetch_all",
    "fetch_all_async",
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


@dataclass(frozen=True)
class FetchLimits:
    """Timeouts in seconds, sizes in bytes; defaults suit news pages."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    concurrency: int = 8


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


async def _fetch_one(
    client: httpx.AsyncClient, gate: asyncio.Semaphore, url: str, limits: FetchLimits
) -> Fetched | FetchFailure:
    url = url.strip()
    problem = _check_url(url)
    if problem:
        return FetchFailure(url, problem)
    async with gate:
        try:
            async with asyncio.timeout(limits.total_timeout), client.stream("GET", url) as response:
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
        except httpx.TooManyRedirects:
            return FetchFailure(url, f"more than {limits.max_redirects} redirects "
                                            "(a redirect loop?)")
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


async def fetch_all_async(
    urls: Sequence[str], limits: FetchLimits | None = None
) -> list[Fetched | FetchFailure]:
    """Fetch every URL (at most ``limits.concurrency`` at a time); results in input order."""
    limits = limits or FetchLimits()
    gate = asyncio.Semaphore(limits.concurrency)
    timeout = httpx.Timeout(connect=limits.connect_timeout, read=limits.read_timeout,
                            write=limits.read_timeout, pool=limits.total_timeout)
    async with httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=limits.max_redirects,
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
