"""`conflictgraph quickstart --no-serve`: what a new user sees first, on the embedded store.

The command runs once (it loads the language model), on a narrow terminal, into
a fresh data dir; the tests read its output and the store it wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conflictgraph.api.app import create_app
from conflictgraph.cli import app
from conflictgraph.cli.quickstart_cmd import EXAMPLES
from conflictgraph.config import Settings, get_settings
from conflictgraph.graph.memory_store import MemoryStore

NARROW = 60


@dataclass(frozen=True)
class Run:
    output: str
    data_dir: Path


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    data_dir = tmp_path_factory.mktemp("quickstart")
    env = {"CONFLICTGRAPH_STORE": "memory", "CONFLICTGRAPH_DATA_DIR": str(data_dir),
           "COLUMNS": str(NARROW)}
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["quickstart", "--no-serve"], env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    yield Run(result.output, data_dir)


def test_example_commands_stay_whole_on_a_narrow_terminal(quickstart: Run) -> None:
    """Each example is one copy-pasteable line, however narrow the terminal."""
    lines = quickstart.output.splitlines()
    for _, path in EXAMPLES:
        command = f"curl -s 'http://127.0.0.1:8000{path}'"
        assert any(line.strip() == command for line in lines), (command, quickstart.output)
    assert any(line.strip().endswith("http://127.0.0.1:8000/docs") for line in lines)


def test_every_evidence_item_names_its_article(quickstart: Run) -> None:
    """The samples' front matter and JSONL fields reach the answers the quickstart serves."""
    store = MemoryStore(quickstart.data_dir / "graph.json")
    relations = store.relations()
    assert relations
    settings = Settings(_env_file=None, api_key=None, cors_origins=[])
    seen = 0
    with TestClient(create_app(settings, store)) as client:
        for actor_id in sorted({i for r in relations for i in (r.source, r.target)}):
            body = client.get(f"/actors/{actor_id}/relations", params={"evidence_limit": 50}).json()
            for item in body["items"]:
                for evidence in item["evidence"]:
                    seen += 1
                    article = evidence["article"]
                    missing = [k for k in ("url", "title", "source", "published") if not article[k]]
                    assert not missing, (missing, article)
    assert seen >= len(relations)


def test_the_output_shows_one_answer_with_its_source(quickstart: Run) -> None:
    """Before any docs: one relation, its sentence, and where that sentence was published."""
    text = " ".join(quickstart.output.split())
    match = re.search(r"“(?P<sentence>[^”]+)” — (?P<source>[^,]+), (?P<date>\d{4}-\d\d-\d\d), "
                      r"(?P<url>https?://\S+)", text)
    assert match, quickstart.output
    url_lines = [line.strip() for line in quickstart.output.splitlines()
                 if match["url"] in line]
    assert url_lines, "the source's URL is split over lines"
