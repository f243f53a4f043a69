"""Shared fixtures: both real backends, and helpers to build small article graphs.

Tests that need Neo4j fail (never skip) when it is unreachable: the README
test command starts a real server first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from dated_history import history_graphs

from conflictgraph.config import get_settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import ArticleGraph
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import GraphStore, StoreUnavailable
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor
from conflictgraph.loaders.gazetteer import Gazetteer

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "samples" / "voa-libya-2020-10-21.txt"


def neo4j_settings() -> dict[str, str]:
    return {
        "uri": os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
        "user": os.environ.get("NEO4J_USER", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD", ""),
        "database": os.environ.get("NEO4J_DATABASE", "neo4j"),
    }


@pytest.fixture(scope="session")
def neo4j_store_session() -> Iterator[Neo4jStore]:
    cfg = neo4j_settings()
    try:
        store = Neo4jStore(cfg["uri"], cfg["user"], cfg["password"], database=cfg["database"])
        store.ping()
    except StoreUnavailable as exc:
        pytest.fail(
            f"Neo4j is required and unreachable at {cfg['uri']} ({exc}). "
            "Run the README test command, or `conflictgraph neo4j start` first.",
            pytrace=False,
        )
    yield store
    store.close()


@pytest.fixture
def neo4j_store(neo4j_store_session: Neo4jStore) -> Iterator[Neo4jStore]:
    neo4j_store_session.clear()
    yield neo4j_store_session
    neo4j_store_session.clear()


@pytest.fixture
def settings_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The in-process CLI reads settings from the environment: the memory store in tmp_path,
    private URLs refused unless a test allows them."""
    monkeypatch.setenv("CONFLICTGRAPH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CONFLICTGRAPH_ALLOW_PRIVATE_URLS", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


@pytest.fixture
def memory_store(tmp_path: Path) -> MemoryStore:
    return MemoryStore(tmp_path / "graph.json")


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each contract test runs once per backend."""
    name = "memory_store" if request.param == "memory" else "neo4j_store"
    return request.getfixturevalue(name)


@pytest.fixture(scope="session")
def extractor() -> SpacyExtractor:
    """The real model and packaged gazetteer, loaded once: extraction keeps no state between articles."""
    return SpacyExtractor(load_model(), Gazetteer.load())


# -- a dated history (tests/dated_history.py) for the time answers ---------------------------


@pytest.fixture
def history(store: GraphStore) -> GraphStore:
    """The dated history in each backend."""
    store.upsert(history_graphs())
    return store


def store_for_cli(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  graphs: list[ArticleGraph]) -> Iterator[str]:
    """``graphs`` in the store the command line will open (``--store`` and the name yielded):
    a memory store file in tmp_path, or the test Neo4j (cleared after)."""
    if request.param == "memory":
        monkeypatch.setenv("CONFLICTGRAPH_DATA_DIR", str(tmp_path))
        writer = MemoryStore(tmp_path / "graph.json")
        writer.upsert(graphs)
        writer.close()
    else:
        request.getfixturevalue("neo4j_store").upsert(graphs)
    get_settings.cache_clear()
    yield request.param
    get_settings.cache_clear()


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def cli_store(request: pytest.FixtureRequest, tmp_path: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The dated history in the store the command line will open (by --store)."""
    yield from store_for_cli(request, tmp_path, monkeypatch, history_graphs())
