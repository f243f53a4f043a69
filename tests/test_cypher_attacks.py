"""The security review's attacks on /cypher, against the real Neo4j the test command starts.

Each attack string goes through the API with a valid key. Together they must leave:
nothing fetched from a listening HTTP server, no file read, every answer within the
documented timeout plus 5 s and under the byte cap, and Neo4j healthy and still enforcing
its timeout afterwards. The server's own settings (the second wall) are checked by
talking to Bolt directly, past the API's sandbox.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from test_queries import libya_article
from test_security import _CsvHandler, csv_server  # noqa: F401 - the fixture

from conflictgraph.api.app import create_app
from conflictgraph.api.routes import cypher as cypher_route
from conflictgraph.config import Settings
from conflictgraph.graph.neo4j_hardening import missing_hardening
from conflictgraph.graph.neo4j_sandbox import CypherTimeout, run_read_only
from conflictgraph.graph.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

KEY = "attack-test-key-0f3a"
MARGIN_S = 5.0
SECRET = "secret-parameter-7d1c-do-not-leak"


@pytest.fixture
def listener(request: pytest.FixtureRequest) -> str:
    """An HTTP server on 127.0.0.1 that counts every request it gets (test_security's)."""
    return str(request.getfixturevalue("csv_server"))


@pytest.fixture
def api(neo4j_store: Neo4jStore) -> Iterator[TestClient]:
    neo4j_store.upsert([libya_article()])
    settings = Settings(_env_file=None, api_key=SecretStr(KEY), cors_origins=[],
                        max_body_bytes=10_000_000)
    with TestClient(create_app(settings, neo4j_store)) as client:
        yield client


def attacks(url: str) -> dict[str, str]:
    return {
        "nested_load_csv": f'RETURN [i IN [1] | COLLECT {{ LOAD CSV FROM "{url}" AS l RETURN l }}] AS x',
        "case_load_csv": f"RETURN CASE WHEN true THEN COLLECT {{ LOAD CSV FROM '{url}' AS l "
                         "RETURN l } END AS x",
        "where_load_csv": f"MATCH (a:Actor) WHERE EXISTS {{ LOAD CSV FROM '{url}' AS l RETURN l }} "
                          "RETURN a.name",
        "nested_file": "RETURN [i IN [1] | COLLECT { LOAD CSV FROM 'file:///etc/passwd' AS l "
                       "RETURN l }] AS x",
        "stats_retrieve": "RETURN [i IN [1] | COLLECT { CALL db.stats.retrieve('QUERIES') "
                          "YIELD data RETURN data }] AS x",
        "stats_collect": "RETURN COUNT { CALL db.stats.collect('QUERIES') YIELD section "
                         "RETURN section } AS n",
        "heap": "RETURN size([x IN range(1,200000000) | x])",
        "expression_loop": "RETURN reduce(s=0, x IN range(1,1000000000000) | (s+x) % 1000)",
        "response_size": "UNWIND range(1,20000000) AS x RETURN collect(x)",
        "doubling": "RETURN size(reduce(s = [1], x IN range(1, 40) | s + s))",
    }


def test_attacks_fetch_nothing_read_nothing_and_leave_neo4j_healthy(
    neo4j_store: Neo4jStore, api: TestClient, listener: str
) -> None:
    # A query with a secret parameter that db.stats would otherwise hand to anyone.
    neo4j_store.driver.execute_query("MATCH (a:Actor {name: $secret}) RETURN a",
                                     secret=SECRET, database_=neo4j_store.database)
    limit = cypher_route.TIMEOUT_S + MARGIN_S
    for name, query in attacks(listener).items():
        started = time.monotonic()
        response = api.post("/cypher", json={"query": query}, headers={"X-API-Key": KEY})
        took = time.monotonic() - started
        assert took < limit, (name, took)
        assert len(response.content) <= cypher_route.BYTE_CAP, name
        assert response.status_code in (400, 403), (name, response.status_code, response.text[:300])
        assert SECRET not in response.text, name
        assert "root:" not in response.text, name  # /etc/passwd
    assert _CsvHandler.hits == []
    # Neo4j is healthy and its timeout still holds.
    neo4j_store.ping()
    started = time.monotonic()
    with pytest.raises(CypherTimeout):
        run_read_only(neo4j_store.driver, neo4j_store.database,
                      "UNWIND range(1, 1000000000) AS x WITH x WHERE x = -1 RETURN x", timeout_s=1.0)
    assert time.monotonic() - started < 1.0 + MARGIN_S


def test_the_server_refuses_load_csv_past_the_sandbox(neo4j_store: Neo4jStore, listener: str) -> None:
    """The second wall: straight to Bolt, LOAD CSV reaches no address and no file."""
    for url in (listener, "file:///etc/passwd"):
        with pytest.raises(neo4j.exceptions.ClientError) as refused:
            neo4j_store.driver.execute_query(f"LOAD CSV FROM '{url}' AS l RETURN l LIMIT 1",
                                             database_=neo4j_store.database)
        assert "blocked" in str(refused.value) or "allow_csv_import_from_file_urls" in str(refused.value)
    assert _CsvHandler.hits == []


def test_the_server_caps_one_transactions_memory(neo4j_store: Neo4jStore) -> None:
    """Past the sandbox, a collect() of 20 million values stops at the server's memory cap."""
    started = time.monotonic()
    with pytest.raises(neo4j.exceptions.Neo4jError) as stopped, \
            neo4j_store.driver.session(database=neo4j_store.database) as session:
        session.run("UNWIND range(1, 20000000) AS x RETURN size(collect(x)) AS n").consume()
    assert "memory" in str(stopped.value).lower()
    assert time.monotonic() - started < 60
    neo4j_store.ping()


def test_a_query_over_the_memory_cap_is_told_so(api: TestClient) -> None:
    response = api.post("/cypher", headers={"X-API-Key": KEY}, json={
        "query": "UNWIND range(1, 20000000) AS x RETURN collect(x) AS xs"})
    assert response.status_code == 400
    assert "db.memory.transaction.max" in response.json()["detail"]


def test_answers_are_capped_by_bytes_and_say_so(api: TestClient) -> None:
    response = api.post("/cypher", headers={"X-API-Key": KEY}, json={
        "query": "UNWIND range(1, 100) AS x RETURN [y IN range(1, 10000) | y] AS ys"})
    assert response.status_code == 400
    assert response.json()["type"].endswith("cypher-result-too-large")
    assert f"{cypher_route.BYTE_CAP:,} bytes" in response.json()["detail"]
    assert len(response.content) < 2_000
    small = api.post("/cypher", headers={"X-API-Key": KEY}, json={
        "query": "UNWIND range(1, 10) AS x RETURN [y IN range(1, 100) | y] AS ys"})
    assert small.status_code == 200 and len(small.json()["rows"]) == 10


def test_the_test_server_has_every_hardening_setting(neo4j_store: Neo4jStore, api: TestClient) -> None:
    assert missing_hardening(neo4j_store.driver, neo4j_store.database) == []
    ready = api.get("/readyz")
    assert ready.status_code == 200 and ready.json()["warnings"] == []
