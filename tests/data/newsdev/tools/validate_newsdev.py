"""Consistency checks for the conflictgraph news dev set.

Runs the dev set's checks (``tests/data/devset/tools/validate_devset.py``,
loaded by path) -- required fields, unique ids, dates, known articles and
relation types, every gold sentence occurring verbatim in its article's text,
no duplicates (symmetric types compared without direction) -- and adds the
checks that keep this set apart and honest:

* every article also carries a ``genre`` (``voa``, ``dod``, ``treasury``,
  ``crs``); that is the only field beyond the dev set's;
* no article id or url is shared with the dev set or the held-out set;
* every article has a source file and every source file an article;
* every actor name is canonical: used by the dev or held-out gold, a ``name``
  in the gazetteer (``loaders/gazetteer/data/curated.jsonl`` and
  ``states.jsonl``), or one of the new names listed in ``NEW_NAMES``.

Usage: ``python tests/data/newsdev/tools/validate_newsdev.py``
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

NEWSDEV = Path(__file__).resolve().parent.parent
DEVSET = NEWSDEV.parent / "devset"
HELDOUT = NEWSDEV.parent / "heldout"
REPO = NEWSDEV.parents[2]
GAZETTEER = REPO / "loaders" / "gazetteer" / "data"
GENRES = {"voa", "dod", "treasury", "crs"}

# Canonical names used here that neither the dev/held-out gold nor the gazetteer has.
NEW_NAMES = {
    "Abd al-Rahman Khalaf Ubayd Juday al-Anizi",
    "Abd al-Rahman Mustafa al-Qaduli",
    "Ahmed Maitiq",
    "Alexander Stubb",
    "Bois Rouge",
    "Broker Expert",
    "Gran Grif",
    "Islamic State Sinai Province",
    "Joseph Kibet",
    "Luckson Elan",
    "Maung Aye",
    "Northern Alliance",
    "Prophane Victor",
    "Soe Soe",
    "Syrian Free Army",
    "Syrian rebels",
    "Than Shwe",
    "Thein Sein",
    "Thura Shwe Mann",
    "Tin Naing Thein",
    "Youssoufou Bamba",
    "al-Zubaydi",
}


def _heldout_validator() -> ModuleType:
    """The held-out set's validator: its dev-set loader and JSONL reader serve here too."""
    path = HELDOUT / "tools" / "validate_heldout.py"
    spec = importlib.util.spec_from_file_location("heldout_validate", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_HELDOUT = _heldout_validator()
load_dev_validator = _HELDOUT.load_dev_validator
load = _HELDOUT.load


def known_names() -> set[str]:
    names: set[str] = set()
    for gold in (DEVSET / "gold.jsonl", HELDOUT / "gold.jsonl"):
        names |= {n for rel in load(gold) for n in (rel["source"], rel["target"])}
    for file in ("curated.jsonl", "states.jsonl"):
        names |= {rec["name"] for rec in load(GAZETTEER / file)}
    return names | NEW_NAMES


def base_checks(dev: ModuleType) -> list[str]:
    """The dev set's checks; its exact-fields rule is widened by ``genre`` only."""
    articles = load(NEWSDEV / "articles.jsonl")
    allowed = dev.ARTICLE_FIELDS | {"genre"}
    errors = []
    for err in dev.check(NEWSDEV):
        ident = err.split(":", 1)[0].removeprefix("article ")
        rec = next((a for a in articles if a.get("id") == ident), None)
        if err.endswith("]") and ": fields [" in err and rec is not None and set(rec) == allowed:
            continue
        errors.append(err)
    for rec in articles:
        if rec.get("genre") not in GENRES:
            errors.append(f"article {rec.get('id')}: genre {rec.get('genre')!r} not in {sorted(GENRES)}")
    return errors


def newsdev_checks() -> list[str]:
    errors: list[str] = []
    articles = load(NEWSDEV / "articles.jsonl")
    for other in (DEVSET, HELDOUT):
        taken = load(other / "articles.jsonl")
        ids = {a["id"] for a in taken}
        urls = {a["url"].rstrip("/") for a in taken}
        for rec in articles:
            if rec["id"] in ids:
                errors.append(f"article {rec['id']}: id also in {other.name}")
            if rec["url"].rstrip("/") in urls:
                errors.append(f"article {rec['id']}: url also in {other.name}")
    urls = Counter(a["url"].rstrip("/") for a in articles)
    for url, count in urls.items():
        if count > 1:
            errors.append(f"url {url} used by {count} articles")
    sources = {p.stem for p in (NEWSDEV / "sources").glob("*.txt")}
    ids = {a["id"] for a in articles}
    for missing in sorted(sources ^ ids):
        errors.append(f"{missing}: source file and article record do not match")
    names = known_names()
    for n, rel in enumerate(load(NEWSDEV / "gold.jsonl"), 1):
        for role in ("source", "target"):
            if rel[role] not in names:
                errors.append(f"gold line {n}: {role} {rel[role]!r} is not a canonical name")
    return errors


def main() -> int:
    errors = base_checks(load_dev_validator()) + newsdev_checks()
    gold = load(NEWSDEV / "gold.jsonl")
    articles = load(NEWSDEV / "articles.jsonl")
    counts = Counter(rel["type"] for rel in gold)
    genres = Counter(a["genre"] for a in articles)
    print(
        f"{len(articles)} articles {dict(sorted(genres.items()))}, "
        f"{len(gold)} gold relations: {dict(sorted(counts.items()))}"
    )
    annotated = {rel["article_id"] for rel in gold}
    empty = sorted(a["id"] for a in articles if a["id"] not in annotated)
    print(f"articles without gold relations: {empty}")
    for err in errors:
        print("ERROR:", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
