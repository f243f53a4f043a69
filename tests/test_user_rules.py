"""A user's rule file (CONFLICTGRAPH_RULES) adds triggers without touching code.

The lexicon's tables are built when it is imported, so each run is a fresh
process with the setting in its environment. The trigger and the case are the
worked example of docs/extraction.md ("Rules as data"), read from that page so
the example stays true.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conflictgraph.config import Settings

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "extraction.md"

# Runs one case of the extraction-case format with the extractor this process builds.
RUN_CASE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from extraction_cases import ExtractionCase, case_problems
from conflictgraph.loaders.extraction import get_extractor
case = ExtractionCase.model_validate_json(sys.argv[2])
print(json.dumps(case_problems(get_extractor(), case)))
"""


def _worked_example() -> tuple[str, str]:
    """The trigger line and the case line of the worked example, as the page shows them."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("### Worked example: a new support verb", 1)[1].split("\n## ", 1)[0]
    trigger, case = re.findall(r"```json\n(.*?)\n```", section, flags=re.S)[:2]
    return trigger, case


def _env(rules: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CONFLICTGRAPH_RULES"}
    if rules is not None:
        env["CONFLICTGRAPH_RULES"] = str(rules)
    return env


def _run_case(case: str, rules: Path | None, cwd: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", RUN_CASE, str(REPO / "tests"), case],
        capture_output=True, text=True, env=_env(rules), cwd=cwd, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    problems: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return problems


@pytest.mark.timeout(600)
def test_a_user_trigger_makes_the_extractor_find_the_claim(tmp_path: Path) -> None:
    trigger, case = _worked_example()
    assert json.loads(trigger)["lemma"] == "abet"
    mine = tmp_path / "mine.jsonl"
    mine.write_text("# my rules\n" + trigger + "\n", encoding="utf-8")

    # Without the line the packaged rules know no "abet": the case fails.
    assert _run_case(case, None, tmp_path) == ["missing SUPPORTS iran -> houthis", "got: no claims"]
    # With it the claim appears, and every check of the case holds.
    assert _run_case(case, mine, tmp_path) == []
    # Inflections come with the lemma.
    for text in ("Iran abets the Houthis.", "Iran has been abetting the Houthis."):
        other = json.dumps({**json.loads(case), "text": text})
        assert _run_case(other, mine, tmp_path) == []


@pytest.mark.timeout(300)
def test_a_malformed_user_file_stops_the_start_with_its_file_and_line(tmp_path: Path) -> None:
    trigger, _ = _worked_example()
    mine = tmp_path / "mine.jsonl"
    bad = json.loads(trigger)
    bad["sense"]["type"] = "HATES"
    mine.write_text(trigger + "\n" + json.dumps(bad | {"id": "verbs:abet-2"}) + "\n{oops\n",
                    encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "import conflictgraph.loaders.extraction.lexicon"],
        capture_output=True, text=True, env=_env(mine), cwd=tmp_path, timeout=240, check=False,
    )
    assert result.returncode != 0
    assert "RuleError" in result.stderr
    assert f"{mine}:2: unknown relation type 'HATES'" in result.stderr
    assert f"{mine}:3: not JSON" in result.stderr
    assert "conflictgraph rules check" in result.stderr  # what to do next


def test_an_empty_setting_means_no_user_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTGRAPH_RULES", "")
    assert Settings().rules_path is None
    monkeypatch.setenv("CONFLICTGRAPH_RULES", "/srv/mine.jsonl")
    assert Settings().rules_path == Path("/srv/mine.jsonl")
