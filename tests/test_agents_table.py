"""The agents table (loaders/extraction/rules/agents.jsonl): what it holds and how a broken line is told."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictgraph.loaders.extraction.agents import AGENTS, ActsFor, load_agents
from conflictgraph.loaders.extraction.rulefiles import RuleError


def test_the_packaged_table_holds_state_and_group_agents() -> None:
    assert AGENTS[("foreign", "ministry")] is ActsFor.STATE
    assert AGENTS[("army", "chief")] is ActsFor.STATE
    assert AGENTS[("spokesman",)] is ActsFor.ANY
    assert any(acts_for is ActsFor.GROUP for acts_for in AGENTS.values())


def test_heads_of_state_are_not_agents() -> None:
    """A leader's act is not copied to the state (docs/annotation.md section 2)."""
    assert ("president",) not in AGENTS
    assert ("prime", "minister") not in AGENTS


def test_a_broken_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "agents.jsonl"
    path.write_text(
        '{"phrase": "envoy", "acts_for": "state"}\n{"phrase": "spokesman", "acts_for": "nobody"}\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match=r"agents\.jsonl.*2"):
        load_agents(path)
