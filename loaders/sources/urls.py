"""URL lists (``--url`` arguments, ``.urls`` files, ``.txt`` files holding only URLs).

URLs are fetched in chunks so memory stays bounded on long lists; each
response is read by what its content type says it is: a page, a feed, JSON
records or plain text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from ..fetch import Fetched, FetchFailure, FetchLimits, fetch_all
from ..records import ArticleTooLong
from .base import Item, NotText, Skipped, SourceOptions, decode_text, looks_binary, read_text_file
from .feeds import records_from_feed
from .html import extract_html
from .jsonfiles import json_problem, records_from_json
from .text import text_record

__all__ = ["load_url_list_file", "load_urls", "parse_url_list", "records_from_fetched"]

CHUNK = 64
_URL_LINE = re.compile(r"^https?://\S+$", re.I)
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/xml", "text/xml"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


def _lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def parse_url_list(text: str) -> list[str] | None:
    """The URLs of a text that holds only http(s) URLs (``#`` comments allowed), else None."""
    lines = _lines(text)
    if lines and all(_URL_LINE.match(line) for line in lines):
        return lines
    return None


def _sniff(body: bytes) -> str:
    head = body[:2048].lstrip().lower()
    if head.startswith((b"{", b"[")):
        return "application/json"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "application/rss+xml"
    if head.startswith(b"<"):
        return "text/html"
    return "text/plain"


def records_from_fetched(fetched: Fetched) -> Iterator[Item]:
    """Read a response by its content type (sniffed when the server gave none)."""
    name = fetched.url
    media = fetched.media_type or _sniff(fetched.body)
    what = looks_binary(fetched.body)
    if what is not None:
        yield Skipped(name=name, reason=f"not text ({what})")
        return
    if media in _HTML_TYPES:
        try:
            doc = extract_html(fetched.body, url=fetched.final_url)
        except ArticleTooLong as exc:
            yield Skipped(name=name, reason=str(exc))
            return
        if doc is None:
            yield Skipped(name=name, reason="no article text found in the HTML page")
            return
        # The fetched address identifies the article; a page's canonical link may not.
        yield text_record(doc.text, name, url=fetched.final_url, title=doc.title,
                          published=doc.published, source=doc.sitename)
        return
    if media in _FEED_TYPES:
        yield from records_from_feed(fetched.body, name)
        return
    try:
        text, _ = decode_text(fetched.body)
    except NotText as exc:
        yield Skipped(name=name, reason=str(exc))
        return
    if media == "application/json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Skipped(name=name, reason=f"invalid JSON: {json_problem(exc)}")
            return
        yield from records_from_json(data, name)
    elif media in {"application/x-ndjson", "application/jsonl"}:
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                yield from records_from_json(json.loads(line), f"{name}:{lineno}")
            except json.JSONDecodeError as exc:
                yield Skipped(name=f"{name}:{lineno}", reason=f"invalid JSON: {json_problem(exc)}")
    elif not text.strip():
        yield Skipped(name=name, reason="empty response")
    else:
        yield text_record(text, name, url=fetched.final_url)


def load_urls(urls: Iterable[str], limits: FetchLimits | None = None) -> Iterator[Item]:
    """Fetch and read URLs, a chunk at a time, in input order."""
    iterator = iter(urls)
    while chunk := list(islice(iterator, CHUNK)):
        for result in fetch_all(chunk, limits):
            if isinstance(result, FetchFailure):
                yield Skipped(name=result.url, reason=result.reason)
            else:
                yield from records_from_fetched(result)


def load_url_list_file(
    path: Path, options: SourceOptions, limits: FetchLimits | None = None
) -> Iterator[Item]:
    name = str(path)
    text = read_text_file(path, options.max_bytes)
    if isinstance(text, Skipped):
        yield text
        return
    # Every line of a .urls file is meant as a URL: a bad one is reported on its own.
    urls = _lines(text)
    if not urls:
        yield Skipped(name=name, reason="the URL list is empty")
        return
    yield from load_urls(urls, limits)
