"""Consistency checks for the blind news set (standard library only).

* every article has a source file and every source file an article;
* every gold line has the required fields, a known article and type, and a
  ``sentence`` that occurs verbatim in its article's text;
* no duplicate (article, source, target, type); ALLIED_WITH and OPPOSES
  compared without direction;
* no article url is shared with the dev set or the held-out set;
* every actor name is canonical: used by the dev set's gold, a ``name`` in the
  gazetteer data files, or listed in ``NEW_NAMES`` below.

Usage: ``python3 tests/data/newsblind/tools/check_gold.py``
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DATA = HERE.parent
REPO = HERE.parents[2]
TYPES = {"SUPPORTS", "ALLIED_WITH", "OPPOSES", "MEDIATES", "LEADS", "MEMBER_OF"}
SYMMETRIC = {"ALLIED_WITH", "OPPOSES"}

# Canonical names this set needs that neither the dev gold nor the gazetteer has.
NEW_NAMES = {
    "Abdella Hussein Abadigga", "Abdikadir Mohamed Abdikadir", "Abdurrahman Ado Musa",
    "Abu Yasir Hassan", "Adnan Abu Walid al-Sahrawi", "Ahmad Jalal Reda Abdallah",
    "Al-Mourabitoun", "Ali Mohamed Rage", "Ali Saade", "Aung Thura Zaw", "Bashir Ali Yusuf",
    "Behnam Shahriyari", "Bonomade Machude Omar", "Counter ISIS Finance Group",
    "Farhad Hoomer", "Hani 'Abd-al-Majid Muhammad As'ad", "Hla Myo Aung",
    "Ibrahim Ali Alhassan", "Ibrahim Taher", "Jami' 'Ali Muhammad",
    "Katibat al Tawhid wal Jihad", "Ko Jimmy", "Muhammed Ibrahim Isa",
    "Ousmane Illiassou Djibo", "Peter Charles Mbaga", "Phyo Zeya Thaw", "Rostam Ghasemi",
    "Sa'id Ahmad Muhammad al-Jamal", "Salem ould Breihmatt", "Salihu Yusuf Adamu",
    "Sidan ag Hitta", "Siraaj Miller", "Surajo Abubakar Muhammad", "Tigray regional authority", "Usamah al-Muhajir",
}


def load(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def known_names() -> set[str]:
    names = {n for rel in load(DATA / "devset" / "gold.jsonl") for n in (rel["source"], rel["target"])}
    for file in ("curated.jsonl", "states.jsonl"):
        names |= {rec["name"] for rec in load(REPO / "loaders" / "gazetteer" / "data" / file)}
    return names | NEW_NAMES


def check() -> list[str]:
    errors: list[str] = []
    articles = {a["id"]: a for a in load(HERE / "articles.jsonl")}
    sources = {p.stem for p in (HERE / "sources").glob("*.txt")}
    for missing in sorted(sources ^ set(articles)):
        errors.append(f"{missing}: source file and article record do not match")
    other = {a["url"].rstrip("/") for d in ("devset", "heldout") for a in load(DATA / d / "articles.jsonl")}
    for a in articles.values():
        if a["url"].rstrip("/") in other:
            errors.append(f"article {a['id']}: url also in the dev or held-out set")
    names = known_names()
    seen: set[tuple[str, ...]] = set()
    for n, rel in enumerate(load(HERE / "gold.jsonl"), 1):
        for field in ("article_id", "source", "target", "type", "sentence"):
            if not rel.get(field):
                errors.append(f"gold line {n}: missing {field}")
        art = articles.get(rel["article_id"])
        if art is None:
            errors.append(f"gold line {n}: unknown article {rel['article_id']}")
            continue
        if rel["type"] not in TYPES:
            errors.append(f"gold line {n}: unknown type {rel['type']}")
        if rel["sentence"] not in art["text"]:
            errors.append(f"gold line {n}: sentence not verbatim in {rel['article_id']}")
        pair = tuple(sorted((rel["source"], rel["target"]))) if rel["type"] in SYMMETRIC else (rel["source"], rel["target"])
        key = (rel["article_id"], rel["type"], *pair)
        if key in seen:
            errors.append(f"gold line {n}: duplicate {key}")
        seen.add(key)
        for role in ("source", "target"):
            if rel[role] not in names:
                errors.append(f"gold line {n}: {role} {rel[role]!r} is not a canonical name")
    return errors


def main() -> int:
    errors = check()
    gold = load(HERE / "gold.jsonl")
    counts = Counter(rel["type"] for rel in gold)
    print(f"{len(load(HERE / 'articles.jsonl'))} articles, {len(gold)} gold relations: {dict(sorted(counts.items()))}")
    for err in errors:
        print("ERROR:", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
