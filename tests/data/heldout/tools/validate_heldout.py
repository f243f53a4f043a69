"""Consistency checks for the conflictgraph held-out evaluation set.

Runs the dev set's checks (``tests/data/devset/tools/validate_devset.py``,
loaded by path) on the held-out directory -- required fields, known articles
and relation types, every gold sentence occurring verbatim in its article's
text, no duplicates (symmetric types compared without direction) -- and adds
the checks that keep the set honest as a held-out set:

* no article id or url is shared with the dev set;
* every article has a source file and every source file an article;
* every actor name is canonical: already used by the dev set's gold, a
  ``name`` in the gazetteer (``loaders/gazetteer/data/curated.jsonl`` and
  ``states.jsonl``), or one of the few new names listed in ``NEW_NAMES``.

Usage: ``python tests/data/heldout/tools/validate_heldout.py``
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

HELDOUT = Path(__file__).resolve().parent.parent
DEVSET = HELDOUT.parent / "devset"
REPO = HELDOUT.parents[2]
GAZETTEER = REPO / "loaders" / "gazetteer" / "data"

# Canonical names used here that neither the dev gold nor the gazetteer has.
NEW_NAMES = {
    "Haitian National Police",
    "Iranian proxies in Yemen, Syria and Iraq",
    "Muslim Brotherhood",
    "Win Myint",
}


def load_dev_validator() -> ModuleType:
    """Load the dev set's validator so both sets obey the same base checks."""
    path = DEVSET / "tools" / "validate_devset.py"
    spec = importlib.util.spec_from_file_location("devset_validate", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def known_names() -> set[str]:
    names = {n for rel in load(DEVSET / "gold.jsonl") for n in (rel["source"], rel["target"])}
    for file in ("curated.jsonl", "states.jsonl"):
        names |= {rec["name"] for rec in load(GAZETTEER / file)}
    return names | NEW_NAMES


def heldout_checks() -> list[str]:
    errors: list[str] = []
    articles = load(HELDOUT / "articles.jsonl")
    dev = load(DEVSET / "articles.jsonl")
    dev_ids = {a["id"] for a in dev}
    dev_urls = {a["url"].rstrip("/") for a in dev}
    for rec in articles:
        if rec["id"] in dev_ids:
            errors.append(f"article {rec['id']}: id also in the dev set")
        if rec["url"].rstrip("/") in dev_urls:
            errors.append(f"article {rec['id']}: url also in the dev set")
    sources = {p.stem for p in (HELDOUT / "sources").glob("*.txt")}
    ids = {a["id"] for a in articles}
    for missing in sorted(sources ^ ids):
        errors.append(f"{missing}: source file and article record do not match")
    names = known_names()
    for n, rel in enumerate(load(HELDOUT / "gold.jsonl"), 1):
        for role in ("source", "target"):
            if rel[role] not in names:
                errors.append(f"gold line {n}: {role} {rel[role]!r} is not a canonical name")
    return errors


def main() -> int:
    errors = load_dev_validator().check(HELDOUT) + heldout_checks()
    gold = load(HELDOUT / "gold.jsonl")
    articles = load(HELDOUT / "articles.jsonl")
    counts = Counter(rel["type"] for rel in gold)
    print(f"{len(articles)} articles, {len(gold)} gold relations: {dict(sorted(counts.items()))}")
    annotated = {rel["article_id"] for rel in gold}
    empty = sorted(a["id"] for a in articles if a["id"] not in annotated)
    print(f"articles without gold relations: {empty}")
    for err in errors:
        print("ERROR:", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
