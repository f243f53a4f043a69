"""Generate ``loaders/extraction/rules/agents.jsonl``: agent nouns and whom they act for.

Run by developers, never at run time; the project only reads the JSONL it
writes::

    python loaders/gazetteer/build_agents.py PATH/TO/Phoenix.agents.txt

An agent noun names a body or an official that acts for a principal:
"Turkey's foreign ministry", "a Russian spokesman", "Emirati officials",
"Sudan's army chief", "an M23 spokesman". The mentions stage reads such a
phrase as its principal (the state or group named before it).

Two sources:

* the Phoenix agents dictionary (PETRARCH/CAMEO, MIT, © 2014 Open Event Data
  Alliance; the notice is ``rules/PHOENIX-LICENSE.txt``): the government,
  military, intelligence and police agents (codes ``GOV...``, ``MIL``,
  ``SPY``, ``COP``), which act for a state, and the rebel and insurgent agents
  (``REB``, ``INS``, ``UAF``), which act for a group. Patterns with
  placeholders (``{}``, ``~``), weapons or vehicles (words in
  ``_NOT_AGENTS``) and heads of state or government (``_HEADS``: people who
  lead the state, not agents of it) are left out;
* the project's own list (``OWN`` below): agents news writes that Phoenix
  lacks or codes elsewhere, and the ones that act for either kind of
  principal ("spokesman", "officials", "commander").

Each line: ``{"phrase": "foreign ministry", "acts_for": "state", "source": "phoenix"}``;
``acts_for`` is ``state``, ``group`` or ``any``. Phrases are lower case, one
space between words, the last word in its singular.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "extraction" / "rules" / "agents.jsonl"

STATE_CODES = ("GOV", "MIL", "SPY", "COP")
GROUP_CODES = ("REB", "INS", "UAF")
# Words of Phoenix MIL entries that name hardware, places or events, not people or bodies.
def _words(text: str) -> frozenset[str]:
    """A word list written as prose."""
    return frozenset(text.split())


_NOT_AGENTS = _words(
    """aircraft carrier missile helicopter helicopters gunship tank tanks bomber bombers ship
    battleship battlewagon artillery barracks craft system b-52 apache dragonfly warship submarine
    fighter jet jets plane planes weapon weapons coup d'etat frigate destroyer cruiser vessel boat
    drone drones rocket rockets base bases camp"""
)
# Heads of state and government are people who lead the state, not agents acting for it: "a
# leader's act is not copied to the state" (docs/annotation.md section 2).
_HEADS = _words(
    """president vice-president premier chancellor king queen monarch emir amir sultan ruler leader
    autocrat dictator despot tyrant head prince crown shah"""
)
OWN: tuple[tuple[str, str], ...] = (
    ("spokesman", "any"), ("chief", "any"), ("spokeswoman", "any"), ("spokesperson", "any"),
    ("official", "any"),
    ("senior official", "any"), ("commander", "any"), ("military commander", "any"),
    ("leadership", "any"), ("negotiator", "any"), ("delegation", "any"), ("representative", "any"),
    ("fighter", "group"), ("militant", "group"), ("operative", "group"), ("political bureau", "group"),
    ("politburo", "group"), ("political office", "group"), ("military wing", "group"),
    ("foreign ministry", "state"), ("foreign minister", "state"), ("defense ministry", "state"),
    ("defence ministry", "state"), ("defense minister", "state"), ("defence minister", "state"),
    ("interior ministry", "state"), ("interior minister", "state"), ("army chief", "state"),
    ("military chief", "state"), ("intelligence chief", "state"), ("intelligence service", "state"),
    ("intelligence agency", "state"), ("security service", "state"), ("envoy", "state"),
    ("special envoy", "state"), ("ambassador", "state"), ("embassy", "state"), ("diplomat", "state"),
    ("treasury", "state"), ("presidency", "state"), ("foreign office", "state"),
    ("state department", "state"), ("defense department", "state"), ("war ministry", "state"),
    ("navy", "state"), ("coast guard", "state"), ("air force", "state"), ("general staff", "state"),
    ("chief of staff", "state"), ("joint chiefs", "state"), ("military", "state"),
    ("security forces", "state"), ("troops", "state"), ("soldier", "state"),
    ("state television", "state"), ("state tv", "state"),
)
_ENTRY = re.compile(r"^([A-Z0-9'!_.\-]+)\s*\[~([A-Z]+)\]")
_SUBSTITUTIONS = {"!MINIST!": ("minister", "ministry"), "!PERSON!": ("man", "woman", "person")}


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "ics")) and len(word) > 3:
        return word[:-1]
    return word


def _phrases(pattern: str) -> list[str]:
    forms = [pattern]
    for key, values in _SUBSTITUTIONS.items():
        forms = [f.replace(key, "_" + v) if key in f else f for f in forms for v in values]
    phrases = []
    for form in forms:
        words = [w for w in form.lower().split("_") if w]
        if not words or any(not re.fullmatch(r"[a-z][a-z'\-]*", w) for w in words):
            continue
        if any(w in _NOT_AGENTS for w in words) or _singular(words[-1]) in _HEADS:
            continue
        if words[-2:] == ["prime", "minister"] or words[-2:] == ["prime", "ministers"]:
            continue
        words[-1] = _singular(words[-1])
        phrases.append(" ".join(words))
    return phrases


def phoenix_agents(path: Path) -> dict[str, str]:
    """phrase -> acts_for, from the government, military and rebel codes of the dictionary."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        match = _ENTRY.match(line)
        if match is None or "{" in line:
            continue
        pattern, code = match.groups()
        if code.startswith(STATE_CODES):
            acts_for = "state"
        elif code.startswith(GROUP_CODES):
            acts_for = "group"
        else:
            continue
        for phrase in _phrases(pattern):
            if len(phrase.split()) <= 3:
                found.setdefault(phrase, acts_for)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("agents", type=Path, help="Phoenix.agents.txt")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows: dict[str, tuple[str, str]] = {}
    for phrase, acts_for in OWN:
        rows[phrase] = (acts_for, "conflictgraph")
    for phrase, acts_for in phoenix_agents(args.agents).items():
        rows.setdefault(phrase, (acts_for, "phoenix"))
    with args.output.open("w", encoding="utf-8") as out:
        for phrase in sorted(rows):
            acts_for, source = rows[phrase]
            out.write(json.dumps({"phrase": phrase, "acts_for": acts_for, "source": source}) + "\n")
    print(f"wrote {len(rows)} agents to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
