"""The read-only Cypher sandbox, against the real Neo4j server.

Every refusal is checked twice: the sandbox raises CypherRejected with a
reason, and the database (data, schema, users) is exactly as before.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from datetime import date

import neo4j
import pytest
from neo4j import GraphDatabase
from seed_graph import hand_built_seed_graph

from conflictgraph.graph.neo4j_sandbox import (
    CypherInvalid,
    CypherRejected,
    CypherTimeout,
    run_read_only,
    to_json_safe,
)
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import StoreUnavailable

pytestmark = pytest.mark.neo4j


@pytest.fixture
def seeded(neo4j_store: Neo4jStore) -> Iterator[Neo4jStore]:
    neo4j_store.upsert([hand_built_seed_graph()])
    yield neo4j_store


def _db(store: Neo4jStore) -> str:
    return store.database


def _state(store: Neo4jStore) -> dict[str, object]:
    """Everything a refused query could have touched: data, schema, users."""
    driver = store.driver
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN count(n) AS nodes, "
        "COLLECT { MATCH (m) UNWIND labels(m) AS l RETURN DISTINCT l ORDER BY l } AS labels, "
        "COLLECT { MATCH (a:Actor) RETURN a {.*, created: null} ORDER BY a.id } AS actors, "
        "COUNT { MATCH ()-[r]->() } AS rels",
        database_=_db(store),
    )
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name",
                                            database_=_db(store))
    indexes, _, _ = driver.execute_query("SHOW INDEXES YIELD name RETURN name ORDER BY name",
                                         database_=_db(store))
    users, _, _ = driver.execute_query("SHOW USERS YIELD user RETURN user ORDER BY user",
                                       database_="system")
    return {
        "data": records[0].data(),
        "constraints": [r["name"] for r in constraints],
        "indexes": [r["name"] for r in indexes],
        "users": [r["user"] for r in users],
    }


# -- reads ----------------------------------------------------------------------------


def test_reads_return_columns_and_rows(seeded: Neo4jStore) -> None:
    result = run_read_only(seeded.driver, _db(seeded),
                           "MATCH (a:Actor) RETURN a.name AS name, a.kind AS kind ORDER BY name")
    assert result.columns == ["name", "kind"]
    assert len(result.rows) == 8
    assert ["Russia", "state"] in result.rows
    assert result.truncated is False
    assert {"name": "Turkey", "kind": "state"} in result.records()


def test_graph_values_become_json_safe(seeded: Neo4jStore) -> None:
    result = run_read_only(
        seeded.driver, _db(seeded),
        "MATCH p = (t:Actor {id: 'turkey'})-[r:SUPPORTS]->(g:Actor) "
        "RETURN t, r, p, r.first_seen AS seen, t.created AS created",
    )
    node, rel, path, seen, created = result.rows[0]
    assert sorted(node["labels"]) == ["Actor", "State"]
    assert node["properties"]["name"] == "Turkey"
    assert isinstance(node["elementId"], str)
    assert rel["type"] == "SUPPORTS"
    assert rel["start"] == node["elementId"]
    assert rel["properties"]["first_seen"] == "2020-10-21"
    assert [n["properties"]["id"] for n in path["nodes"]] == ["turkey",
                                                            "government-of-national-accord"]
    assert [r["type"] for r in path["relationships"]] == ["SUPPORTS"]
    assert seen == "2020-10-21"
    assert isinstance(created, str) and created[:2] == "20" and "T" in created


def test_to_json_safe_handles_odd_values() -> None:
    assert to_json_safe(float("nan")) == "nan"
    assert to_json_safe(math.inf) == "inf"
    assert to_json_safe(b"\x00\x01") == "AAE="
    assert to_json_safe(date(2020, 10, 21)) == "2020-10-21"
    assert to_json_safe({"a": [1, (2, 3)]}) == {"a": [1, [2, 3]]}


def test_allowed_schema_procedure_runs(seeded: Neo4jStore) -> None:
    result = run_read_only(seeded.driver, _db(seeded),
                           "CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert ["Actor"] in result.rows


# -- refusals -------------------------------------------------------------------------

REFUSED = {
    "create": "CREATE (n:Intruder {name: 'x'}) RETURN n",
    "merge": "MERGE (a:Actor {id: 'turkey'}) SET a.name = 'Hacked'",
    "set": "MATCH (a:Actor {id: 'turkey'}) SET a.name = 'Hacked' RETURN a",
    "remove": "MATCH (a:Actor) REMOVE a.country",
    "delete": "MATCH ()-[r:SUPPORTS]->() DELETE r",
    "detach_delete": "MATCH (n) DETACH DELETE n",
    "foreach_create": "FOREACH (i IN range(1, 3) | CREATE (:Intruder {i: i}))",
    "subquery_write": "MATCH (a:Actor) CALL (a) { SET a.hacked = true } RETURN count(*)",
    "in_transactions": "MATCH (a:Actor) CALL (a) { RETURN a.id AS id } IN TRANSACTIONS RETURN id",
    "create_index": "CREATE INDEX intruder_idx FOR (n:Actor) ON (n.hacked)",
    "drop_constraint": "DROP CONSTRAINT actor_id",
    "load_csv": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "create_user": "CALL dbms.security.createUser('mallory', 'password123', false)",
    "create_label": "CALL db.createLabel('Intruder')",
    "clear_caches": "CALL db.clearQueryCaches()",
    "list_config": "CALL dbms.listConfig()",
    "show_transactions": "SHOW TRANSACTIONS",
    "terminate": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "show_settings": "SHOW SETTINGS",
    "resample_index": "CALL db.resampleIndex('actor_name_key')",
    "alter_user": "ALTER USER neo4j SET PASSWORD 'changed-password'",
}


@pytest.mark.parametrize("query", list(REFUSED.values()), ids=list(REFUSED))
def test_writes_schema_and_admin_are_refused_and_change_nothing(seeded: Neo4jStore,
                                                                query: str) -> None:
    before = _state(seeded)
    with pytest.raises(CypherRejected) as refused:
        run_read_only(seeded.driver, _db(seeded), query)
    assert refused.value.reason.strip()
    assert _state(seeded) == before


def test_reasons_name_what_was_wrong(seeded: Neo4jStore) -> None:
    def reason(query: str) -> str:
        with pytest.raises(CypherRejected) as refused:
            run_read_only(seeded.driver, _db(seeded), query)
        return refused.value.reason

    assert "write" in reason(REFUSED["create"])
    assert "schema" in reason(REFUSED["create_index"])
    assert "LOAD CSV" in reason(REFUSED["load_csv"])
    assert "IN TRANSACTIONS" in reason(REFUSED["in_transactions"])
    assert "db.resampleIndex" in reason(REFUSED["resample_index"])
    assert "SHOW" in reason(REFUSED["show_transactions"])


# -- limits -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "UNWIND range(1, 100000000) AS x WITH x WHERE x = -1 RETURN x",
    "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b UNWIND range(1, 3000) AS c "
    "WITH a, b, c WHERE a + b + c = -1 RETURN a",
], ids=["long_scan", "cartesian"])
def test_slow_queries_hit_the_timeout(seeded: Neo4jStore, query: str) -> None:
    started = time.monotonic()
    with pytest.raises(CypherTimeout) as stopped:
        run_read_only(seeded.driver, _db(seeded), query, timeout_s=1.0)
    assert time.monotonic() - started < 20
    assert "1 s" in str(stopped.value)


def test_row_cap_truncates_and_flags_it(seeded: Neo4jStore) -> None:
    capped = run_read_only(seeded.driver, _db(seeded), "UNWIND range(1, 50) AS x RETURN x",
                           row_cap=10)
    assert [row[0] for row in capped.rows] == list(range(1, 11))
    assert capped.truncated is True
    exact = run_read_only(seeded.driver, _db(seeded), "UNWIND range(1, 50) AS x RETURN x",
                          row_cap=50)
    assert len(exact.rows) == 50 and exact.truncated is False


# -- parameters -------------------------------------------------------------------------

NASTY = [
    "Turkey' OR 1=1 //",
    'Turkey" }) DETACH DELETE n //',
    "`Actor` {id: 'turkey'}",
    "}]->(x) MERGE (:Intruder) //",
    "$actor",
]


@pytest.mark.parametrize("value", NASTY)
def test_parameters_are_data_not_query_text(seeded: Neo4jStore, value: str) -> None:
    before = _state(seeded)
    echoed = run_read_only(seeded.driver, _db(seeded), "RETURN $value AS value", {"value": value})
    assert echoed.rows == [[value]]
    matched = run_read_only(
        seeded.driver, _db(seeded),
        "MATCH (a:Actor) WHERE a.name = $value OR a.id = $value RETURN count(a) AS n",
        {"value": value},
    )
    assert matched.rows == [[0]]
    assert _state(seeded) == before


def test_parameter_maps_and_lists_pass_through(seeded: Neo4jStore) -> None:
    result = run_read_only(
        seeded.driver, _db(seeded),
        "MATCH (a:Actor) WHERE a.id IN $ids RETURN a.name ORDER BY a.name",
        {"ids": ["turkey", "russia", "{not-an-id}"]},
    )
    assert result.rows == [["Russia"], ["Turkey"]]


# -- errors ------------------------------------------------------------------------------


def test_invalid_queries_say_why(seeded: Neo4jStore) -> None:
    with pytest.raises(CypherInvalid):
        run_read_only(seeded.driver, _db(seeded), "MATCH (n RETURN n")
    with pytest.raises(CypherInvalid) as missing:
        run_read_only(seeded.driver, _db(seeded), "MATCH (a:Actor {id: $id}) RETURN a")
    assert "id" in str(missing.value)
    with pytest.raises(CypherInvalid):
        run_read_only(seeded.driver, _db(seeded), "   ;  ")


def test_unreachable_server_is_store_unavailable() -> None:
    driver = GraphDatabase.driver("bolt://127.0.0.1:9", auth=("neo4j", "x"),
                                  connection_timeout=2.0, max_transaction_retry_time=1.0)
    try:
        with pytest.raises(StoreUnavailable):
            run_read_only(driver, "neo4j", "RETURN 1")
    finally:
        driver.close()


def test_bad_limits_are_refused(seeded: Neo4jStore) -> None:
    driver: neo4j.Driver = seeded.driver
    with pytest.raises(ValueError):
        run_read_only(driver, _db(seeded), "RETURN 1", timeout_s=0)
    with pytest.raises(ValueError):
        run_read_only(driver, _db(seeded), "RETURN 1", row_cap=-1)
