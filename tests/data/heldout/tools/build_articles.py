"""Build the held-out ``articles.jsonl`` from the retrieved files in ``../sources``.

The held-out set uses exactly the dev set's source format and normalisation, so
this script reuses ``tests/data/devset/tools/build_articles.py`` (loaded by
path) rather than copying it: hard line wraps are joined, runs of whitespace
become one space, HTML tags/entities and markdown escapes are removed, the
whitehouse.gov end-of-release marker ``###`` is dropped, and paragraphs are
separated by a blank line. Words and punctuation are never changed.

Usage: ``python tests/data/heldout/tools/build_articles.py``
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

HELDOUT = Path(__file__).resolve().parent.parent
SOURCES = HELDOUT / "sources"
OUT = HELDOUT / "articles.jsonl"
DEV_BUILDER = HELDOUT.parent / "devset" / "tools" / "build_articles.py"


def load_dev_builder() -> ModuleType:
    """Load the dev set's builder so both sets are normalised identically."""
    spec = importlib.util.spec_from_file_location("devset_build_articles", DEV_BUILDER)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {DEV_BUILDER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    builder = load_dev_builder()
    records = [builder.build_record(p) for p in sorted(SOURCES.glob("*.txt"))]
    records.sort(key=lambda r: (r["published"], r["id"]))
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} articles to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
