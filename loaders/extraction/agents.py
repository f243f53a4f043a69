"""The agents table: nouns of bodies and officials that act for a principal.

``rules/agents.jsonl`` (made by ``loaders/gazetteer/build_agents.py`` from the
Phoenix agents dictionary, MIT, plus the project's own list) holds one agent
phrase a line with the kind of principal it acts for: ``state`` ("foreign
ministry", "army chief", "embassy"), ``group`` ("fighter", "political
bureau") or ``any`` ("spokesman", "officials", "commander"). The mentions
stage reads "Turkey's foreign ministry", "a Russian spokesman" or "an M23
spokesman" as the principal itself.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

from .rulefiles import Problem, RuleError

__all__ = ["AGENTS", "AGENTS_FILE", "MAX_AGENT_WORDS", "ActsFor", "load_agents"]

AGENTS_FILE = Path(__file__).resolve().parent / "rules" / "agents.jsonl"


class ActsFor(StrEnum):
    """The kind of principal an agent noun acts for."""

    STATE = "state"
    GROUP = "group"
    ANY = "any"


def load_agents(path: Path = AGENTS_FILE) -> dict[tuple[str, ...], ActsFor]:
    """phrase words -> whom it acts for; RuleError naming the line of a broken entry."""
    table: dict[tuple[str, ...], ActsFor] = {}
    problems: list[Problem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            words = tuple(str(row["phrase"]).split())
            acts_for = ActsFor(row["acts_for"])
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(str(path), number, f"not an agent line: {exc}"))
            continue
        if not words:
            problems.append(Problem(str(path), number, "empty phrase"))
            continue
        table[words] = acts_for
    if problems:
        raise RuleError(problems)
    return table


AGENTS: dict[tuple[str, ...], ActsFor] = load_agents()
MAX_AGENT_WORDS = max((len(words) for words in AGENTS), default=1)
