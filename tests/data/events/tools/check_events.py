"""Format checks for the one-sentence event set (standard library only).

Every line has the required fields, a unique id, a PLOVER category from the
set's list, a known polarity, two different actors, and a url not shared with
the dev or held-out set. Usage: ``python3 tests/data/events/tools/check_events.py``
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DATA = HERE.parent
CATEGORIES = {
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
    "ASSAULT", "FIGHT",
}
POLARITIES = {"cooperative", "hostile", "neutral"}
FIELDS = ("id", "text", "url", "provenance", "source", "target", "category", "polarity")


def main() -> int:
    events = [json.loads(line) for line in (HERE / "events.jsonl").open(encoding="utf-8") if line.strip()]
    other = {
        json.loads(line)["url"].rstrip("/")
        for d in ("devset", "heldout")
        for line in (DATA / d / "articles.jsonl").open(encoding="utf-8")
        if line.strip()
    }
    errors: list[str] = []
    for n, ev in enumerate(events, 1):
        for field in FIELDS:
            if not ev.get(field):
                errors.append(f"line {n}: missing {field}")
        if ev.get("category") not in CATEGORIES:
            errors.append(f"line {n}: unknown category {ev.get('category')!r}")
        if ev.get("polarity") not in POLARITIES:
            errors.append(f"line {n}: unknown polarity {ev.get('polarity')!r}")
        if ev.get("source") == ev.get("target"):
            errors.append(f"line {n}: source and target are the same actor")
        if str(ev.get("url", "")).rstrip("/") in other:
            errors.append(f"line {n}: url also in the dev or held-out set")
    for ident, count in Counter(ev.get("id") for ev in events).items():
        if count > 1:
            errors.append(f"id {ident} used {count} times")
    print(f"{len(events)} events: {dict(sorted(Counter(ev['category'] for ev in events).items()))}")
    for err in errors:
        print("ERROR:", err)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
