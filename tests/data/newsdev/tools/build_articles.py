"""Build the news dev set's ``articles.jsonl`` from the retrieved files in ``../sources``.

The normalisation is the dev set's own: this script loads
``tests/data/devset/tools/build_articles.py`` by path and uses its
``parse_source``, ``markdown_paragraphs`` and ``build_record``. Hard line wraps
are joined, runs of whitespace (including non-breaking spaces) become one
space, markdown escapes are removed, and paragraphs are separated by a blank
line. Words and punctuation are never changed.

Two additions, both driven by the source header:

* ``genre`` (``voa``, ``dod``, ``treasury``, ``crs``) is copied into every
  record so quality can be reported per genre;
* ``format: page`` marks a stored web page (plain text with blank-line
  paragraphs, as the page store returns it). It is read with the dev set's
  markdown reader; ``format: lines`` marks plain text with one paragraph a
  line (a release archived as text, or a stored page without blank lines).
  For both, ``body_from`` and ``body_to`` name the first and last paragraph of
  the article (each a verbatim prefix of that paragraph), so the page's
  navigation, headline repeats and "You May Like" teasers are left out, the
  way the dev set's ``seed`` format cuts the VOA seed page.

Usage: ``python tests/data/newsdev/tools/build_articles.py``
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

NEWSDEV = Path(__file__).resolve().parent.parent
SOURCES = NEWSDEV / "sources"
OUT = NEWSDEV / "articles.jsonl"
GENRES = ("voa", "dod", "treasury", "crs")


def load_dev_builder() -> ModuleType:
    """The dev set's builder, loaded the way the held-out builder loads it."""
    path = NEWSDEV.parent / "heldout" / "tools" / "build_articles.py"
    spec = importlib.util.spec_from_file_location("heldout_build_articles", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    heldout = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(heldout)
    builder: ModuleType = heldout.load_dev_builder()
    return builder


def _cut(paragraphs: list[str], first: str, last: str, name: str) -> list[str]:
    starts = [i for i, p in enumerate(paragraphs) if first and p.startswith(first)]
    ends = [i for i, p in enumerate(paragraphs) if last and p.startswith(last)]
    if first and not starts:
        raise ValueError(f"{name}: no paragraph starts with body_from {first!r}")
    if last and not ends:
        raise ValueError(f"{name}: no paragraph starts with body_to {last!r}")
    start = starts[0] if starts else 0
    end = ends[-1] if ends else len(paragraphs) - 1
    if end < start:
        raise ValueError(f"{name}: body_to comes before body_from")
    return paragraphs[start : end + 1]


def build_record(builder: ModuleType, path: Path) -> dict[str, str]:
    meta, body = builder.parse_source(path)
    genre = meta.get("genre", "")
    if genre not in GENRES:
        raise ValueError(f"{path.name}: genre {genre!r} is not one of {GENRES}")
    fmt = meta.get("format")
    if fmt in ("page", "lines"):
        if fmt == "page":
            paragraphs = builder.markdown_paragraphs(body)
        else:
            paragraphs = [builder._squash(line) for line in body.splitlines() if line.strip()]
        paragraphs = _cut(paragraphs, meta.get("body_from", ""), meta.get("body_to", ""), path.name)
        record = {key: meta[key] for key in builder.FIELDS}
        record["licence"] = builder.LICENCE
        record["text"] = "\n\n".join(paragraphs)
        if record["id"] != path.stem:
            raise ValueError(f"{path.name}: id {record['id']!r} does not match file name")
    else:
        record = builder.build_record(path)
    record["genre"] = genre
    return record


def main() -> int:
    builder = load_dev_builder()
    records = [build_record(builder, p) for p in sorted(SOURCES.glob("*.txt"))]
    records.sort(key=lambda r: (r["published"], r["id"]))
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} articles to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
