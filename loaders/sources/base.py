"""What every source shares: the ``Skipped`` report, limits, and safe file reading.

A batch never stops on one bad item: readers turn each problem into a
``Skipped(name, reason)`` that names the file, record or URL, and carry on.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..fetch import DEFAULT_MAX_BYTES
from ..records import ArticleRecord

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CONTAINER_BYTES",
    "Item",
    "LoadedRecord",
    "NotText",
    "Skipped",
    "SourceOptions",
    "decode_text",
    "describe_validation_error",
    "looks_binary",
    "make_record",
    "read_bytes",
]

# JSON lists and feeds hold many articles, so they get a larger allowance.
DEFAULT_MAX_CONTAINER_BYTES = 100 * 1024 * 1024
# More replacement characters than this share means "some other encoding", not a few bad bytes.
MAX_REPLACEMENT_SHARE = 0.01


class Skipped(BaseModel):
    """An input that produced no article, with the reason a person can act on."""

    name: str
    reason: str


class LoadedRecord(ArticleRecord):
    """An ArticleRecord that remembers where it came from (file:line, feed#entry, URL)."""

    origin: str | None = None


Item = ArticleRecord | Skipped


class NotText(ValueError):
    """The bytes are not readable text (binary data, PDF, another encoding)."""


@dataclass(frozen=True)
class SourceOptions:
    """Limits applied while reading; the defaults suit news articles."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_container_bytes: int = DEFAULT_MAX_CONTAINER_BYTES


_MAGIC = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "gzip-compressed data",
}


def looks_binary(data: bytes) -> str | None:
    """Name what binary data is, or None for bytes that may be text."""
    head = data[:8192]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return what
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary data"
    return None


def decode_text(data: bytes) -> tuple[str, int]:
    """Decode bytes as UTF-8 (or BOM-marked UTF-16): returns (text, replaced characters).

    Policy: a few invalid bytes are replaced with U+FFFD and the text is kept;
    when more than 1% of the characters would be replacements the input is in
    another encoding and is refused as NotText rather than stored as garbage.
    """
    what = looks_binary(data)
    if what is not None:
        raise NotText(f"not text ({what})")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError as exc:
            raise NotText(f"not text (invalid UTF-16: {exc.reason})") from exc
    try:
        return data.decode("utf-8-sig"), 0
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
    replaced = text.count("\ufffd")
    if replaced > max(1, len(text) * MAX_REPLACEMENT_SHARE):
        raise NotText(
            f"not UTF-8 text ({replaced} invalid byte sequences); convert the file to UTF-8"
        )
    return text, replaced


def read_bytes(path: Path, limit: int) -> bytes:
    """Read a file, refusing it (ValueError) past ``limit`` bytes without reading it all."""
    size = path.stat().st_size
    if size > limit:
        raise ValueError(f"too large: {size:,} bytes, the limit is {limit:,}")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # the file grew while we looked
        raise ValueError(f"too large: over {limit:,} bytes")
    return data


def read_text_file(path: Path, limit: int) -> str | Skipped:
    """A file's text, or the Skipped item that says why it cannot be read as text."""
    try:
        text, _ = decode_text(read_bytes(path, limit))
    except OSError as exc:
        return Skipped(name=str(path), reason=f"cannot read: {exc.strerror or exc}")
    except (NotText, ValueError) as exc:
        return Skipped(name=str(path), reason=str(exc))
    return text


def describe_validation_error(exc: ValidationError) -> str:
    """One line per problem, naming the field: pydantic's default text is too noisy."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()))
        message = error.get("msg", "invalid")
        message = message.removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or str(exc)


def make_record(origin: str, fields: Mapping[str, Any]) -> Item:
    """Validate one record: the record, or a Skipped that names ``origin`` and the field."""
    try:
        return LoadedRecord.model_validate({**fields, "origin": origin})
    except ValidationError as exc:
        return Skipped(name=origin, reason=describe_validation_error(exc))
