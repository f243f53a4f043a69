"""Dataset files as streams of rows: .csv, .tsv (and .txt), plain or inside .gz or .zip.

Nothing is read whole: bytes are decoded line by line (UTF-8, falling back to
ISO-8859-1 per line, which POLECAT uses) and handed to ``csv.reader``, so
memory stays flat however large the file. Each row carries the number of the
line it starts on, for the skipped-rows report.
"""

from __future__ import annotations

import csv
import gzip
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple, cast

__all__ = ["DatasetFileError", "RawLine", "SourceFile", "open_members", "read_lines"]

# A field as large as a long ACLED "notes" cell is fine; a runaway quote is not.
csv.field_size_limit(1 << 20)

_TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab")


class DatasetFileError(ValueError):
    """A dataset file that cannot be read at all (missing, not a dataset, corrupt archive)."""


class RawLine(NamedTuple):
    """One row as read: the line it starts on and its fields (a tuple: one per row, cheap)."""

    line: int
    fields: list[str]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A readable member: the file itself, or one file inside an archive."""

    name: str  # how messages name it: "path" or "archive.zip:member.csv"
    stream: IO[bytes]
    size: int  # bytes on disk this member accounts for (compressed size in an archive)
    position: Callable[[], int]  # bytes on disk read so far, for a progress bar


def _decoded(stream: IO[bytes]) -> Iterator[str]:
    for raw in stream:
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield raw.decode("iso-8859-1")


def open_members(path: Path, stack: ExitStack, label: str | None = None) -> Iterator[SourceFile]:
    """The readable files ``path`` holds, opened as binary streams closed by ``stack``.

    ``label`` is how messages name the file (an upload's temporary path is not shown).
    """
    shown = label or str(path)
    if not path.is_file():
        raise DatasetFileError(f"{shown}: no such file")
    name = path.name.lower()
    try:
        if name.endswith(".zip"):
            archive = stack.enter_context(zipfile.ZipFile(path))
            members = [m for m in archive.infolist()
                       if not m.is_dir() and m.filename.lower().endswith(_TEXT_SUFFIXES)]
            if not members:
                raise DatasetFileError(f"{shown}: the archive holds no .csv, .tsv or .txt file")
            for member in members:
                with archive.open(member) as stream:
                    yield SourceFile(f"{shown}:{member.filename}", stream, member.compress_size,
                                     lambda: 0)
            return
        raw = stack.enter_context(path.open("rb"))
        size = path.stat().st_size
        if name.endswith(".gz"):
            unzipped = gzip.GzipFile(fileobj=raw, mode="rb")
            stack.callback(unzipped.close)
            yield SourceFile(shown, cast(IO[bytes], unzipped), size, raw.tell)
            return
        yield SourceFile(shown, raw, size, raw.tell)
    except zipfile.BadZipFile:
        raise DatasetFileError(f"{shown}: not a readable zip archive") from None
    except OSError as exc:
        raise DatasetFileError(f"{shown}: cannot be read ({exc.strerror or exc})") from exc


def sniff_delimiter(first_line: str) -> str:
    """Tab when the first line has more tabs than commas (TSV, GDELT, POLECAT), else comma."""
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def read_lines(stream: IO[bytes], delimiter: str | None = None) -> Iterator[RawLine]:
    """Rows of a delimited text stream; the delimiter is sniffed from the first line if not given.

    A quoted field may span lines; the row's number is the line it starts on.
    """
    lines = _decoded(stream)
    first = next(lines, None)
    if first is None:
        return
    first = first.lstrip("\ufeff")
    sep = delimiter or sniff_delimiter(first)

    def chained() -> Iterator[str]:
        yield first
        yield from lines

    reader = csv.reader(chained(), delimiter=sep, quotechar=None if sep == "\t" else '"',
                        quoting=csv.QUOTE_NONE if sep == "\t" else csv.QUOTE_MINIMAL)
    start = 1
    try:
        for fields in reader:
            if fields and (fields[0].strip() or any(f.strip() for f in fields)):
                yield RawLine(start, fields)
            start = reader.line_num + 1
    except (OSError, EOFError, zipfile.BadZipFile) as exc:  # truncated .gz or zip member
        raise DatasetFileError(f"the file ends unexpectedly after line {reader.line_num} ({exc})") from exc
    except csv.Error as exc:
        raise DatasetFileError(f"line {reader.line_num}: {exc}") from exc
