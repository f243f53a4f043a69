"""JSON (an object or a list of records) and JSONL (one record per line).

Records are ``{text | html, url, title, published, source}``. A bad record or
line is reported by ``file[index]`` or ``file:line`` and the others still load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .base import Item, NotText, Skipped, SourceOptions, decode_text, make_record, read_bytes

__all__ = ["json_problem", "load_json_file", "load_jsonl_file", "records_from_json"]


def json_problem(exc: json.JSONDecodeError) -> str:
    """json's message without its dangling "at" (the position is reported separately)."""
    return exc.msg.removesuffix(" at").strip()


def _record(origin: str, raw: Any) -> Item:
    if not isinstance(raw, dict):
        return Skipped(name=origin, reason=f"expected a JSON object, got {type(raw).__name__}")
    return make_record(origin, raw)


def records_from_json(data: Any, name: str) -> Iterator[Item]:
    """Records from parsed JSON: one object, or a list of objects."""
    if isinstance(data, list):
        if not data:
            yield Skipped(name=name, reason="empty JSON list")
        for index, raw in enumerate(data):
            yield _record(f"{name}[{index}]", raw)
    elif isinstance(data, dict):
        yield _record(name, data)
    else:
        yield Skipped(name=name, reason=f"expected a JSON object or list, got {type(data).__name__}")


def load_json_file(path: Path, options: SourceOptions) -> Iterator[Item]:
    name = str(path)
    try:
        text, _ = decode_text(read_bytes(path, options.max_container_bytes))
        data = json.loads(text)
    except OSError as exc:
        yield Skipped(name=name, reason=f"cannot read: {exc.strerror or exc}")
        return
    except json.JSONDecodeError as exc:
        yield Skipped(name=name, reason=f"invalid JSON at line {exc.lineno} column {exc.colno}: "
                                        f"{json_problem(exc)}")
        return
    except (NotText, ValueError) as exc:
        yield Skipped(name=name, reason=str(exc))
        return
    yield from records_from_json(data, name)


def load_jsonl_file(path: Path, options: SourceOptions) -> Iterator[Item]:
    """Stream the file line by line: memory stays bounded by the per-line limit."""
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(name=name, reason=f"cannot read: {exc.strerror or exc}")
        return
    found = False
    with handle:
        lineno = 0
        while True:
            raw = handle.readline(options.max_bytes + 1)
            if not raw:
                break
            lineno += 1
            origin = f"{name}:{lineno}"
            if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield Skipped(name=origin, reason=f"line longer than {options.max_bytes:,} bytes")
                continue
            if not raw.strip():
                continue
            found = True
            try:
                text, _ = decode_text(raw)
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                yield Skipped(name=origin, reason=f"invalid JSON at column {exc.colno}: {json_problem(exc)}")
                continue
            except NotText as exc:
                yield Skipped(name=origin, reason=str(exc))
                continue
            yield _record(origin, data)
    if not found:
        yield Skipped(name=name, reason="empty file")
