"""Sources: files, folders, feeds and URLs in; ``ArticleRecord``s or ``Skipped`` out.

``load_sources(paths, urls)`` is the one entry point the CLI uses. Files are
read by extension, folders recursively in sorted order (hidden entries
skipped), and every problem becomes a ``Skipped(name, reason)`` so one bad
input never stops a batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..fetch import FetchLimits
from .base import (
    DEFAULT_MAX_BYTES,
    Item,
    LoadedRecord,
    Skipped,
    SourceOptions,
    looks_binary,
    read_text_file,
)
from .feeds import load_feed_file
from .html import load_html_file
from .jsonfiles import load_json_file, load_jsonl_file
from .text import text_record
from .urls import load_url_list_file, load_urls, parse_url_list

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "FetchLimits",
    "Item",
    "LoadedRecord",
    "Skipped",
    "SourceOptions",
    "iter_files",
    "load_path",
    "load_sources",
    "load_urls",
]

TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
JSON_EXTENSIONS = frozenset({".json"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom"})
URL_LIST_EXTENSIONS = frozenset({".urls"})
EXTENSIONS = (TEXT_EXTENSIONS | HTML_EXTENSIONS | JSON_EXTENSIONS | JSONL_EXTENSIONS
              | FEED_EXTENSIONS | URL_LIST_EXTENSIONS)


def iter_files(root: Path) -> Iterator[Path]:
    """Every non-hidden file under ``root``, depth first, in sorted order."""
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith("."):
                yield Path(directory) / filename


def _load_text_or_url_list(
    path: Path, options: SourceOptions, limits: FetchLimits | None
) -> Iterator[Item]:
    """A .txt file is an article, unless every line of it is a URL."""
    name = str(path)
    text = read_text_file(path, options.max_bytes)
    if isinstance(text, Skipped):
        yield text
        return
    urls = parse_url_list(text)
    if urls is not None:
        yield from load_urls(urls, limits)
    elif not text.strip():
        yield Skipped(name=name, reason="empty file")
    else:
        yield text_record(text, name)


def _unsupported(path: Path) -> Skipped:
    try:
        with path.open("rb") as handle:
            what = looks_binary(handle.read(8192))
    except OSError as exc:
        return Skipped(name=str(path), reason=f"cannot read: {exc.strerror or exc}")
    if what is not None:
        return Skipped(name=str(path), reason=f"not text ({what})")
    expected = ", ".join(sorted(EXTENSIONS))
    suffix = path.suffix or "(none)"
    return Skipped(name=str(path), reason=f"unsupported file type {suffix}; expected one of "
                                          f"{expected}")


def load_file(
    path: Path, options: SourceOptions | None = None, limits: FetchLimits | None = None
) -> Iterator[Item]:
    """One file, read by its extension."""
    options = options or SourceOptions()
    suffix = path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        yield from _load_text_or_url_list(path, options, limits)
    elif suffix in HTML_EXTENSIONS:
        yield load_html_file(path, options)
    elif suffix in JSON_EXTENSIONS:
        yield from load_json_file(path, options)
    elif suffix in JSONL_EXTENSIONS:
        yield from load_jsonl_file(path, options)
    elif suffix in FEED_EXTENSIONS:
        yield from load_feed_file(path, options)
    elif suffix in URL_LIST_EXTENSIONS:
        yield from load_url_list_file(path, options, limits)
    else:
        yield _unsupported(path)


def load_path(
    path: str | Path, options: SourceOptions | None = None, limits: FetchLimits | None = None
) -> Iterator[Item]:
    """A file or a folder (recursively); a missing path is one Skipped."""
    path = Path(path)
    if path.is_dir():
        found = False
        for file in iter_files(path):
            found = True
            yield from load_file(file, options, limits)
        if not found:
            yield Skipped(name=str(path), reason="folder holds no files")
    elif path.is_file():
        yield from load_file(path, options, limits)
    elif path.exists():
        yield Skipped(name=str(path), reason="not a regular file or folder")
    else:
        yield Skipped(name=str(path), reason="no such file or folder")


def load_sources(
    paths: Iterable[str | Path] = (),
    urls: Iterable[str] = (),
    options: SourceOptions | None = None,
    limits: FetchLimits | None = None,
) -> Iterator[Item]:
    """Everything the CLI was given: paths first, in order, then URLs."""
    for path in paths:
        yield from load_path(path, options, limits)
    urls = list(urls)
    if urls:
        yield from load_urls(urls, limits)
