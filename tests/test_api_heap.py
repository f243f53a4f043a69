"""Servers open their store at startup and freeze what is then alive (api/heap.py); apps
that tests build by the dozen open it on first use and leave the collector alone."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from test_memory_store_gc import article  # Turkey backs the GNA

from conflictgraph.api.app import create_app
from conflictgraph.config import Settings
from conflictgraph.graph.neo4j_store import Neo4jStore


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """Frozen objects are never collected: leave the test process as it was found."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, api_key=None, cors_origins=[], **values)


def _neo4j_settings() -> Settings:
    return _settings(store="neo4j")  # the server's address and password: NEO4J_* as for the tests


def _tracked(app: FastAPI) -> bool:
    """Whether the collector still walks ``app`` (frozen objects are not listed)."""
    return any(obj is app for obj in gc.get_objects())


@pytest.mark.neo4j
def test_a_server_app_opens_its_store_and_freezes_what_is_alive_at_startup(
        neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert([article(1)])
    app = create_app(_neo4j_settings(), freeze_heap=True)
    assert not app.state.runtime.store_open
    with TestClient(app) as client:
        assert app.state.runtime.warmed.wait(30)  # before any request
        assert app.state.runtime.store_open
        assert gc.get_freeze_count() > 10_000
        assert not _tracked(app)
        answer = client.get("/actors/Turkey/allies")
        assert answer.status_code == 200
        assert [item["actor"]["name"] for item in answer.json()["items"]] == ["GNA"]


@pytest.mark.neo4j
def test_apps_built_by_tests_open_on_first_use_and_freeze_nothing(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert([article(1)])
    app = create_app(_neo4j_settings())
    with TestClient(app) as client:
        assert not app.state.runtime.store_open
        assert gc.get_freeze_count() == 0
        assert client.get("/actors/Turkey").status_code == 200
        assert app.state.runtime.store_open
        assert gc.get_freeze_count() == 0
        assert _tracked(app)


def test_a_server_app_starts_when_its_store_does_not_open(tmp_path: Path) -> None:
    (tmp_path / "graph.json").write_text("not json", encoding="utf-8")
    app = create_app(_settings(store="memory", data_dir=tmp_path), freeze_heap=True)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert app.state.runtime.warmed.wait(30)
        assert not app.state.runtime.store_open
        answer = client.get("/actors/Turkey")
        assert answer.status_code >= 500
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert "graph.json" not in answer.text  # the cause is logged, not shown to clients
