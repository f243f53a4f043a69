"""A server warms its store up at start-up, and /readyz answers ready only once it has
(api/warmup.py): the first requests on a freshly started Neo4j are then as fast as later
ones. Bounded by CONFLICTGRAPH_WARMUP_SECONDS; a failure never stops the server."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any, cast

import neo4j
import pytest
from conftest import neo4j_settings
from fastapi.testclient import TestClient

from conflictgraph.api.app import create_app
from conflictgraph.api.warmup import ROUTES, TYPE_SETS
from conflictgraph.config import Settings
from conflictgraph.graph import cypher
from conflictgraph.graph.model import Actor, ActorKind, Article, ArticleGraph, Claim, RelationType
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import WarmUp

pytestmark = pytest.mark.neo4j


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    """Servers freeze the heap after warming up: leave the test process as it was found."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def _graph() -> list[ArticleGraph]:
    """A hub backing three actors that fight one another, stated in two articles; the hub also
    cooperates with one of them, so it has the most relations."""
    names = ["Hub", "North", "South", "East"]
    actors = {n: Actor(id=n.lower(), name=n, kind=ActorKind.STATE, aliases=[f"{n}land"])
              for n in names}
    graphs = []
    for number, pairs in enumerate([
        [("Hub", "North", RelationType.SUPPORTS), ("Hub", "South", RelationType.SUPPORTS),
         ("North", "East", RelationType.OPPOSES), ("Hub", "North", RelationType.COOPERATES)],
        [("Hub", "East", RelationType.SUPPORTS), ("South", "East", RelationType.OPPOSES)],
    ]):
        article = Article(id=f"art-{number}", title=f"Report {number}", text="x" * 200,
                          published=None)
        claims = [Claim(id=f"c-{number}-{i}", article_id=article.id, subject_id=actors[s].id,
                        object_id=actors[o].id, type=t, sentence=f"{s} and {o}.", start=0,
                        end=10, subject_text=s, object_text=o, confidence=0.8)
                  for i, (s, o, t) in enumerate(pairs)]
        graphs.append(ArticleGraph(article=article, actors=list(actors.values()), claims=claims))
    return graphs


class RecordingDriver:
    """The real driver, noting the text of every statement run through ``execute_query``
    (every read of the store, and the warm-up's scans)."""

    def __init__(self, driver: neo4j.Driver) -> None:
        self._driver = driver
        self.statements: list[str] = []

    def execute_query(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        self.statements.append(query.text if isinstance(query, neo4j.Query) else str(query))
        return self._driver.execute_query(query, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)


class GatedStore(Neo4jStore):
    """A real Neo4j store whose warm-up waits for the test to open a gate (or fails, with
    ``fail``), so that a test sees /readyz while the warm-up runs."""

    def __init__(self, *args: Any, fail: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gate = threading.Event()
        self.fail = fail

    def warm_up(self, seconds: float,
                type_sets: Sequence[Sequence[RelationType] | None] = (None,)) -> WarmUp:
        began = time.monotonic()
        self.gate.wait(60)
        if self.fail:
            raise RuntimeError("the page cache scan was refused")
        return super().warm_up(max(seconds - (time.monotonic() - began), 0.0), type_sets)


def _store(cls: type[Neo4jStore] = Neo4jStore, **kwargs: Any) -> tuple[Neo4jStore, RecordingDriver]:
    cfg = neo4j_settings()
    recording = RecordingDriver(neo4j.GraphDatabase.driver(
        cfg["uri"], auth=(cfg["user"], cfg["password"]), notifications_min_severity="OFF"))
    store = cls(cfg["uri"], cfg["user"], cfg["password"], database=cfg["database"],
                driver=cast(neo4j.Driver, recording), **kwargs)
    return store, recording


def _server_app(store: Neo4jStore, seconds: float = 60.0) -> Any:
    settings = Settings(_env_file=None, api_key=None, cors_origins=[], store="neo4j",
                        warmup_seconds=seconds)
    return create_app(settings, store, freeze_heap=True)


def _ready_within(client: TestClient, seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        answer = client.get("/readyz")
        if answer.status_code == 200 or time.monotonic() > deadline:
            return answer
        time.sleep(0.05)


def test_readyz_is_not_ready_until_the_warm_up_has_finished(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert(_graph())
    store, _ = _store(GatedStore)
    gated = cast(GatedStore, store)
    try:
        with TestClient(_server_app(store)) as client:
            for _ in range(3):
                waiting = client.get("/readyz")
                assert waiting.status_code == 503
                assert waiting.json()["type"].endswith("warming-up")
                assert "warming up" in waiting.json()["detail"]
                assert client.get("/healthz").status_code == 200  # liveness never waits
            gated.gate.set()
            ready = _ready_within(client, 60)
            assert ready.status_code == 200
            assert ready.json() == {"status": "ready", "store": "neo4j", "warnings": []}
            assert client.app.state.runtime.warm_up.state == "done"  # type: ignore[attr-defined]
    finally:
        store.close()


def test_the_warm_up_runs_every_read_statement_and_every_route_statement(
        neo4j_store: Neo4jStore) -> None:
    """After it, the requests the routes make run no statement the server has not run."""
    neo4j_store.upsert(_graph())
    store, recording = _store()
    try:
        with TestClient(_server_app(store)) as client:
            assert _ready_within(client, 60).status_code == 200
            warmed = set(recording.statements)
            reads = [cypher.ACTOR_BY_ID, cypher.ACTORS_BY_IDS, cypher.ACTOR_BY_KEY,
                     cypher.ACTOR_BY_ALIAS, cypher.neighbours(), cypher.neighbours_of(),
                     cypher.strongest_candidates_of(), cypher.strongest_neighbours_of(),
                     cypher.degrees_of(), cypher.EVIDENCE, cypher.EVIDENCE_MANY,
                     cypher.EVIDENCE_STRONGEST, cypher.SHARED_ARTICLES, cypher.ARTICLES_BY_IDS,
                     cypher.ARTICLE_BY_ID, cypher.ARTICLE_CLAIMS, cypher.COUNTS,
                     *cypher.WARM_UP_SCANS.values()]
            for types in TYPE_SETS:  # the type filters the queries pass: one statement each
                wanted = sorted({t.value for t in types}) if types else None
                reads += [cypher.neighbours(wanted), cypher.neighbours_of(wanted),
                          cypher.strongest_candidates_of(wanted),
                          cypher.strongest_neighbours_of(wanted), cypher.degrees_of(wanted)]
            assert [r for r in reads if r not in warmed] == []
            # requests on other actors than the warm-up's sample
            recording.statements.clear()
            for route in ROUTES:
                answer = client.get(route.format(a="South", b="Eastland"))
                assert answer.status_code == 200, (route, answer.text)
            asked = set(recording.statements)
            assert asked, "the routes ran no statement: the check would prove nothing"
            assert asked <= warmed, asked - warmed
    finally:
        store.close()


def test_the_warm_up_stops_at_its_time_limit(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert(_graph())
    store, _ = _store(GatedStore)
    gated = cast(GatedStore, store)
    try:
        with TestClient(_server_app(store, seconds=1.0)) as client:
            started = time.monotonic()
            ready = _ready_within(client, 30)  # the warm-up is still held at its gate
            assert ready.status_code == 200
            assert 0.9 < time.monotonic() - started < 20
            assert any("stopped at its limit of 1 s" in w for w in ready.json()["warnings"])
            gated.gate.set()
            assert client.app.state.runtime.warmed.wait(60)  # type: ignore[attr-defined]
            # released past its limit, it stops before its first step
            runtime = client.app.state.runtime  # type: ignore[attr-defined]
            assert runtime.warm_up.state == "cut_short"
            assert runtime.warm_up.steps == []
            assert client.get("/actors/Hub/allies").status_code == 200
    finally:
        store.close()


def test_a_failed_warm_up_leaves_the_server_serving_and_readyz_says_why(
        neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert(_graph())
    store, _ = _store(GatedStore, fail=True)
    cast(GatedStore, store).gate.set()
    try:
        with TestClient(_server_app(store)) as client:
            ready = _ready_within(client, 60)
            assert ready.status_code == 200
            assert ready.json()["warnings"] == [
                "the start-up warm-up failed: RuntimeError: the page cache scan was refused; "
                "the first requests may be slow"]
            allies = client.get("/actors/Hub/allies")
            assert allies.status_code == 200
            assert {item["actor"]["name"] for item in allies.json()["items"]} >= {"North"}
    finally:
        store.close()


def test_a_store_warm_up_with_no_time_left_does_nothing(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert(_graph())
    store, recording = _store()
    try:
        recording.statements.clear()
        done = store.warm_up(0.0)
        assert done.stopped_early and done.steps == [] and recording.statements == []
        done = store.warm_up(60.0)
        assert not done.stopped_early
        assert done.sample is not None and done.sample[0] == "hub"  # the most related actor
    finally:
        store.close()
