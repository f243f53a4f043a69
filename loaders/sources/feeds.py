"""RSS and Atom feeds (feedparser): one record per entry.

An entry's full content is preferred over its summary; either is HTML that
becomes plain text. Feeds can come from files or from fetched URLs.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import feedparser

from .base import Item, Skipped, SourceOptions, looks_binary, make_record, read_bytes
from .html import fragment_text

__all__ = ["load_feed_file", "records_from_feed"]

_PLAIN = {"text/plain"}
# "&#99999999;" names no character; feedparser raises on it instead of flagging the feed.
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_MAX_CODE_POINT = 0x10FFFF


def _fix_charrefs(data: bytes) -> bytes:
    """Replace numeric character references beyond Unicode with U+FFFD's."""

    def fix(match: re.Match[bytes]) -> bytes:
        hex_digits, dec_digits = match.groups()
        value = int(hex_digits, 16) if hex_digits else int(dec_digits)
        return match.group(0) if value <= _MAX_CODE_POINT else b"&#xFFFD;"

    return _CHARREF.sub(fix, data)


def _entry_text(entry: Any) -> str:
    parts = list(entry.get("content") or [])
    if not parts and entry.get("summary_detail"):
        parts = [entry["summary_detail"]]
    elif not parts and entry.get("summary"):
        parts = [{"type": "text/html", "value": entry["summary"]}]
    texts = []
    for part in parts:
        value = part.get("value") or ""
        texts.append(value.strip() if part.get("type") in _PLAIN else fragment_text(value))
    return "\n\n".join(t for t in texts if t)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def records_from_feed(data: bytes, name: str) -> Iterator[Item]:
    """Records from feed bytes; a document that is not a feed is one Skipped."""
    try:
        parsed = feedparser.parse(_fix_charrefs(data))
    except Exception as exc:  # feedparser means never to raise; one bad feed must not stop a batch
        yield Skipped(name=name, reason=f"not a readable feed: {type(exc).__name__}: {exc}")
        return
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        yield Skipped(name=name, reason=f"not an RSS or Atom feed{detail}")
        return
    if not parsed.entries:
        yield Skipped(name=name, reason="the feed has no entries")
        return
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, 1):
        origin = f"{name}#{index}"
        text = _entry_text(entry)
        if not text:
            yield Skipped(name=origin, reason="entry has no content or summary")
            continue
        yield make_record(origin, {
            "text": text,
            "title": entry.get("title") or None,
            "url": entry.get("link") or None,
            "published": _entry_date(entry),
            "source": feed_title,
        })


def load_feed_file(path: Path, options: SourceOptions) -> Iterator[Item]:
    name = str(path)
    try:
        data = read_bytes(path, options.max_container_bytes)
    except OSError as exc:
        yield Skipped(name=name, reason=f"cannot read: {exc.strerror or exc}")
        return
    except ValueError as exc:
        yield Skipped(name=name, reason=str(exc))
        return
    what = looks_binary(data)
    if what is not None:
        yield Skipped(name=name, reason=f"not text ({what})")
        return
    yield from records_from_feed(data, name)
