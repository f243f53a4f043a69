"""Consistency checks for the conflictgraph dev set.

Checks that every article record has the required fields, that every gold
relation points at an existing article, uses a known relation type, quotes a
sentence that occurs verbatim in the article text, and is not duplicated
(symmetric types are compared without regard to direction).

Usage: ``python tests/data/devset/tools/validate_devset.py``
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

DEVSET = Path(__file__).resolve().parent.parent
ARTICLE_FIELDS = {"id", "url", "title", "published", "source", "licence", "text"}
GOLD_FIELDS = {"article_id", "source", "target", "type", "sentence"}
OPTIONAL_GOLD_FIELDS = {"note"}
TYPES = {"SUPPORTS", "ALLIED_WITH", "OPPOSES", "MEDIATES", "LEADS", "MEMBER_OF"}
SYMMETRIC = {"ALLIED_WITH", "OPPOSES"}


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def check(devset: Path = DEVSET) -> list[str]:
    errors: list[str] = []
    articles = load(devset / "articles.jsonl")
    texts: dict[str, str] = {}
    for rec in articles:
        if set(rec) != ARTICLE_FIELDS:
            errors.append(f"article {rec.get('id')}: fields {sorted(rec)}")
        if rec.get("id") in texts:
            errors.append(f"article {rec['id']}: duplicate id")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec.get("published", "")):
            errors.append(f"article {rec.get('id')}: bad date {rec.get('published')!r}")
        if not rec.get("text", "").strip():
            errors.append(f"article {rec.get('id')}: empty text")
        texts[rec.get("id", "")] = rec.get("text", "")

    seen: set[tuple[str, str, str, str]] = set()
    for n, rel in enumerate(load(devset / "gold.jsonl"), 1):
        where = f"gold line {n}"
        keys = set(rel)
        if not GOLD_FIELDS <= keys or keys - GOLD_FIELDS - OPTIONAL_GOLD_FIELDS:
            errors.append(f"{where}: fields {sorted(keys)}")
            continue
        if rel["article_id"] not in texts:
            errors.append(f"{where}: unknown article {rel['article_id']}")
            continue
        if rel["type"] not in TYPES:
            errors.append(f"{where}: unknown type {rel['type']}")
        if rel["source"] == rel["target"]:
            errors.append(f"{where}: source equals target")
        if rel["sentence"] not in texts[rel["article_id"]]:
            errors.append(f"{where}: sentence not found verbatim in {rel['article_id']}")
        pair = (rel["source"], rel["target"])
        if rel["type"] in SYMMETRIC:
            pair = tuple(sorted(pair))  # type: ignore[assignment]
        key = (rel["article_id"], rel["type"], *pair)
        if key in seen:
            errors.append(f"{where}: duplicate relation {key}")
        seen.add(key)
    return errors


def main() -> int:
    errors = check()
    gold = load(DEVSET / "gold.jsonl")
    articles = load(DEVSET / "articles.jsonl")
    counts = Counter(rel["type"] for rel in gold)
    print(f"{len(articles)} articles, {len(gold)} gold relations: {dict(sorted(counts.items()))}")
    for err in errors:
        print("ERROR:", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
