"""The sandbox's text check: what a plan cannot show, and work the timeout cannot stop.

Pure text, no server: each refused query names its reason; the project's own cookbook
queries and ordinary analyst queries pass (a guard that refuses them is no guard).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictgraph.graph.cypher_guard import (
    ITERATION_BUDGET,
    CypherUnreadable,
    guard,
    tokenize,
)
from conflictgraph.graph.neo4j_hardening import ALLOWED_PROCEDURES, gaps

QUERIES = Path(__file__).resolve().parent.parent / "queries"


def refusal(query: str, **params: object) -> str | None:
    found = guard(query, params, allowed_procedures=ALLOWED_PROCEDURES)
    return None if found is None else found.reason


# query -> a word the reason must contain
REFUSED = {
    # subqueries inside expressions: invisible to the plan's operators
    'RETURN [i IN [1] | COLLECT { LOAD CSV FROM "http://127.0.0.1:7474/" AS l RETURN l }] AS x':
        "LOAD CSV",
    "RETURN CASE WHEN true THEN COLLECT { LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l } END":
        "LOAD CSV",
    "MATCH (a) WHERE EXISTS { LOAD CSV FROM 'http://10.0.0.1/' AS l RETURN l } RETURN a":
        "LOAD CSV",
    "load /* hidden */ csv from 'file:///etc/passwd' as l return l": "LOAD CSV",
    "RETURN COUNT { CALL db.stats.retrieve('QUERIES') YIELD data RETURN data } AS n":
        "db.stats.retrieve",
    "RETURN [x IN [1] | COLLECT { CALL db.stats.collect('QUERIES') YIELD section RETURN 1 }]":
        "db.stats.collect",
    "CALL dbms.listConfig() YIELD name RETURN name": "dbms.listConfig",
    "CALL `db`.`stats`.`retrieve`('QUERIES')": "db.stats.retrieve",
    "RETURN apoc.load.json('http://127.0.0.1/')": "apoc.load.json",
    "MATCH (a) CALL (a) { RETURN 1 AS one } IN TRANSACTIONS RETURN one": "IN TRANSACTIONS",
    "MATCH (a) CALL (a) { RETURN 1 AS one } IN 4 CONCURRENT TRANSACTIONS RETURN one":
        "IN TRANSACTIONS",
    "SHOW TRANSACTIONS": "SHOW",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'": "TERMINATE",
    # expression loops: no timeout check inside one expression
    "RETURN size([x IN range(1,200000000) | x])": "range()",
    "RETURN reduce(s=0, x IN range(1,1000000000000) | (s+x) % 1000)": "range()",
    "RETURN [x IN range(1, 2000) | [y IN range(1, 1000) | y]]": "range()",
    "RETURN range(1, toInteger(1e12))": "bounds",
    "RETURN range(1, $n)": "range()",
    "RETURN reduce(s = [1], x IN range(1, 40) | s + s)": "accumulator",
    "RETURN reduce(s = 'a', x IN range(1, 40) | replace(s, 'a', 'aa'))": "replace",
    "WITH 'aaaaaaaaaa' AS s WITH replace(s, 'a', s) AS s RETURN size(s)": "replace",
    "WITH 'a' AS s RETURN replace(replace(replace(replace(s, 'a', 'aaaaaaaaaa'), 'a', "
    "'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa')": "replace",
    "WITH [1, 2] AS l WITH l + l AS l WITH l + l AS l RETURN size(l)": "added to itself",
    "WITH 'ab' AS s WITH s + 'x' + s AS s RETURN s": "added to itself",
    "WITH [1] AS l RETURN (l) + [l]": "added to itself",
}


@pytest.mark.parametrize("query", list(REFUSED), ids=range(len(REFUSED)))
def test_refused_with_its_reason(query: str) -> None:
    reason = refusal(query, n=10**12)
    assert reason is not None, query
    assert REFUSED[query].lower() in reason.lower()


ALLOWED = [
    "MATCH (a:Actor)-[r]-(b) RETURN a.name + ' ' + b.name AS pair, "
    "size([(a)--() | 1]) + size([(a)-->() | 1]) AS degree",
    "RETURN [i IN range(0, size($l) - 1) | $l[i]] AS items",
    "RETURN [x IN range(1, 1000) | [y IN range(1, 1000) | y]] AS grid",
    "RETURN range(1, $n) AS small",
    "UNWIND range(1, 100000000) AS x WITH x WHERE x = -1 RETURN x",
    "RETURN reduce(s = 0, r IN [1, 2, 3] | s + r) AS total",
    "MATCH p = (a:Actor)-[*..4]-(b:Actor) "
    "RETURN reduce(w = 0.0, r IN relationships(p) | w + r.confidence) AS weight",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.index.fulltext.queryNodes('actor_names', 'Turkey') YIELD node RETURN node",
    "RETURN date('2020-01-01') + duration('P1D') AS next, datetime.truncate('day', datetime())",
    "RETURN replace('Tripoli government', 'government', 'Government') AS name",
    "MATCH (a:Actor) WHERE a.name CONTAINS 'load' AND a.note = 'LOAD CSV' RETURN a.`show`",
    "// LOAD CSV in a comment\nMATCH (n) RETURN count(n) AS transactions",
    "RETURN pair[0] + '|' + pair[1] AS key",
]


@pytest.mark.parametrize("query", ALLOWED, ids=range(len(ALLOWED)))
def test_ordinary_analyst_queries_pass(query: str) -> None:
    assert refusal(query, l=[1, 2, 3], n=1000) is None


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.cypher")), ids=lambda p: p.stem)
def test_cookbook_queries_pass(path: Path) -> None:
    assert refusal(path.read_text()) is None


def test_the_iteration_budget_counts_nested_ranges_together() -> None:
    side = int(ITERATION_BUDGET ** 0.5)
    assert refusal(f"RETURN [x IN range(1, {side}) | [y IN range(1, {side}) | y]]") is None
    assert refusal(f"RETURN [x IN range(1, {side}) | [y IN range(1, {side + 1}) | y]]") is not None


def test_strings_comments_and_quoted_names_are_not_keywords() -> None:
    texts = [t.text for t in tokenize("RETURN 'LOAD CSV' /* SHOW x */ AS `CALL dbms.x()` // y")]
    assert texts == ["RETURN", "'LOAD CSV'", "AS", "`CALL dbms.x()`"]


@pytest.mark.parametrize("query", ["RETURN 'open", "RETURN 1 /* open", "RETURN `open"])
def test_unclosed_text_is_unreadable(query: str) -> None:
    with pytest.raises(CypherUnreadable):
        tokenize(query)


def test_a_default_neo4j_lacks_every_hardening_setting() -> None:
    """Neo4j's defaults (as SHOW SETTINGS reports them) fail every required setting."""
    defaults = {"dbms.security.allow_csv_import_from_file_urls": "true",
                "dbms.security.procedures.allowlist": "*",
                "db.memory.transaction.max": "0B"}
    missing = {gap.setting for gap in gaps(defaults, network_blocked=False)}
    assert missing == {*defaults, "internal.dbms.cypher_ip_blocklist"}
    hardened = {"dbms.security.allow_csv_import_from_file_urls": "false",
                "dbms.security.procedures.allowlist": "db.labels, dbms.components",
                "db.memory.transaction.max": "128.00MiB"}
    assert gaps(hardened, network_blocked=True) == []
    wider = {**hardened, "dbms.security.procedures.allowlist": "db.labels,apoc.*"}
    assert [g.setting for g in gaps(wider, True)] == ["dbms.security.procedures.allowlist"]


@pytest.mark.parametrize("query, named", [
    ("RETURN COUNT { CALL db.stats.retrieve('QUERIES') YIELD data RETURN data } AS n",
     "db.stats.retrieve"),
    ("RETURN apoc.load.json('http://127.0.0.1/')", "apoc.load.json"),
    ("WITH [1, 2] AS mylist RETURN mylist + mylist", "mylist"),
    ("RETURN reduce(total = [1], x IN range(1, 40) | total + total)", "total"),
])
def test_summaries_name_nothing_from_the_query(query: str, named: str) -> None:
    """The API answers with the summary, which never repeats the query (docs/api.md)."""
    found = guard(query, allowed_procedures=ALLOWED_PROCEDURES)
    assert found is not None and named in found.reason
    summary = found.summary_in(query)
    assert named not in summary and "(line 1, column" in summary
