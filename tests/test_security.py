"""Who may write, what Cypher may do, what never leaks, what is too big, who may call from a browser.

* Writes and /cypher need X-API-Key when a key is set: 401 without, 403 with a wrong
  one (compared with hmac.compare_digest); reads stay open. Both stores.
* /cypher (Neo4j) refuses writes, schema and admin commands, LOAD CSV, dbms/db admin
  procedures and APOC, leaving data, schema and users untouched; it stops slow queries
  and caps rows.
* The Neo4j password and the API key never reach a response body or a log line, in
  process (caplog) or from a real `conflictgraph serve` (its captured output).
* Bodies over CONFLICTGRAPH_MAX_BODY_BYTES get 413, declared or chunked.
* CORS is off unless CONFLICTGRAPH_CORS_ORIGINS lists origins.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from conftest import neo4j_settings
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient
from pydantic import SecretStr
from test_concurrency import serve
from test_queries import egypt_article, libya_article
from typer.testing import CliRunner

from conflictgraph.api.app import create_app
from conflictgraph.api.deps import require_api_key
from conflictgraph.api.routes import cypher as cypher_route
from conflictgraph.cli import app as cli_app
from conflictgraph.config import Settings, get_settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import GraphStore

API_KEY = "k3y-7c1e90a4-do-not-log"
WRONG_KEY = "wrong-key-5d2f-do-not-log"
WRONG_PASSWORD = "n0t-the-password-8b3e-do-not-log"
NO_SUCH_USER = "conflictgraph-no-such-user"  # wrong logins never lock out the real user
PROBLEM = "application/problem+json"
RECORD = {"text": "Iran supports Hezbollah in southern Lebanon, officials said on Tuesday.",
          "url": "https://example.org/security/iran"}
WRITE_OPERATIONS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("POST", "/articles", RECORD),
    ("DELETE", "/articles/a-000000000000000000000000", None),
    ("POST", "/cypher", {"query": "MATCH (a:Actor) RETURN count(a) AS n"}),
]


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"api_key": None, "cors_origins": [], "max_body_bytes": 10_000_000}
    values.update(overrides)
    return Settings(_env_file=None, **values)


def call(client: TestClient, method: str, path: str, body: dict[str, Any] | None,
         key: str | None = None) -> httpx.Response:
    headers = {} if key is None else {"X-API-Key": key}
    return client.request(method, path, json=body, headers=headers)


@pytest.fixture
def keyed(store: GraphStore) -> Iterator[TestClient]:
    store.upsert([libya_article(), egypt_article()])
    with TestClient(create_app(settings(api_key=SecretStr(API_KEY)), store)) as client:
        yield client


@pytest.fixture
def keyed_neo4j(neo4j_store: Neo4jStore) -> Iterator[TestClient]:
    """The Cypher sandbox exists on the Neo4j store only (the memory store answers 501)."""
    neo4j_store.upsert([libya_article(), egypt_article()])
    with TestClient(create_app(settings(api_key=SecretStr(API_KEY)), neo4j_store)) as client:
        yield client


# -- the API key -------------------------------------------------------------------------------
@pytest.mark.parametrize(("method", "path", "body"), WRITE_OPERATIONS,
                         ids=[f"{m} {p.split('/')[1]}" for m, p, _ in WRITE_OPERATIONS])
def test_writes_need_the_key(store: GraphStore, keyed: TestClient, method: str, path: str,
                             body: dict[str, Any] | None) -> None:
    before = store.counts()
    missing = call(keyed, method, path, body)
    assert missing.status_code == 401, missing.text
    assert missing.headers["content-type"].startswith(PROBLEM)
    assert missing.headers["www-authenticate"] == "X-API-Key"
    assert call(keyed, method, path, body, key="").status_code == 401
    for wrong in (WRONG_KEY, API_KEY.upper(), API_KEY[:-1], API_KEY + "x", API_KEY + " x"):
        refused = call(keyed, method, path, body, key=wrong)
        assert refused.status_code == 403, (wrong, refused.text)
        assert refused.json()["type"].endswith("api-key-invalid")
        assert wrong.strip() not in refused.text and API_KEY not in refused.text
    assert store.counts() == before  # nothing refused was written

    allowed = call(keyed, method, path, body, key=API_KEY)
    assert allowed.status_code not in (401, 403), allowed.text
    expected = {"/articles": 201, "/articles/a-000000000000000000000000": 404,
                "/cypher": 200 if isinstance(store, Neo4jStore) else 501}
    assert allowed.status_code == expected[path], allowed.text


def test_reads_stay_open_with_a_key_set(keyed: TestClient) -> None:
    for path in ("/actors?q=Haftar", "/actors/Turkey/relations", "/articles",
                 "/blocs?around=Turkey",
                 "/healthz", "/readyz", "/openapi.json"):
        assert keyed.get(path).status_code == 200, path


def test_no_key_configured_means_writes_are_open(store: GraphStore) -> None:
    with TestClient(create_app(settings(), store)) as client:
        assert client.post("/articles", json=RECORD).status_code == 201


def test_the_key_is_compared_in_constant_time(keyed: TestClient,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Every key check goes through hmac.compare_digest (no early-exit == on the secret)."""
    seen: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert keyed.post("/cypher", json={"query": "RETURN 1"},
                      headers={"X-API-Key": WRONG_KEY}).status_code == 403
    assert keyed.delete("/articles/a-1", headers={"X-API-Key": API_KEY}).status_code == 404
    # The right key is compared twice: before the body (middleware) and by the route's dependency.
    assert seen == [(WRONG_KEY.encode(), API_KEY.encode()),
                    (API_KEY.encode(), API_KEY.encode()), (API_KEY.encode(), API_KEY.encode())]


# -- the key comes before the body ------------------------------------------------------------
PROTECTED = [("POST", "/articles"), ("DELETE", "/articles/a-000000000000000000000000"),
             ("POST", "/cypher")]


def asgi_request(app: Any, method: str, path: str, key: str | None) -> tuple[int, int, bytes]:
    """Call the ASGI app directly with a body it must not need: (status, receive() calls, body).

    receive() hands out invalid JSON announced as 5 MB and never ending, so an app that
    reads before it checks the key is caught by the count (and by a 400/422 status)."""
    calls = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        return {"type": "http.request", "body": b'{"not json', "more_body": calls < 3}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"host", b"testserver"), (b"content-type", b"application/json"),
               (b"content-length", b"5000000")]
    if key is not None:
        headers.append((b"x-api-key", key.encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "headers": headers,
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], calls, body


@pytest.mark.parametrize(("method", "path"), PROTECTED,
                         ids=[f"{m} {p.split('/')[1]}" for m, p in PROTECTED])
def test_a_protected_route_checks_the_key_before_reading_the_body(
    memory_store: MemoryStore, method: str, path: str
) -> None:
    app = create_app(settings(api_key=SecretStr(API_KEY), max_body_bytes=10_000_000), memory_store)
    for key, status, slug in ((None, 401, "api-key-missing"), ("", 401, "api-key-missing"),
                              (WRONG_KEY, 403, "api-key-invalid")):
        answered, reads, body = asgi_request(app, method, path, key)
        assert (answered, reads) == (status, 0), (key, answered, reads, body[:300])
        problem = json.loads(body)
        assert problem["type"] == f"urn:conflictgraph:problem:{slug}"
        assert problem["status"] == status
    # With the key the body is read (and found to be bad JSON): the count above could fail.
    answered, reads, _ = asgi_request(app, method, path, API_KEY)
    assert reads > 0 and answered not in (401, 403)


def test_the_protected_routes_are_those_that_depend_on_the_key(memory_store: MemoryStore) -> None:
    """The middleware derives them from the routes' dependencies: reads stay open, body or not."""
    app = create_app(settings(api_key=SecretStr(API_KEY)), memory_store)
    assert asgi_request(app, "GET", "/articles", None)[0] == 200
    assert asgi_request(app, "GET", "/actors/Nobody", None)[0] == 404
    assert asgi_request(app, "PUT", "/articles", None)[0] == 405  # no such route: not a 401
    # A route protected through its router's dependencies, added after the app was built.
    extra = APIRouter(dependencies=[Depends(require_api_key)])

    @extra.post("/extra")
    def take(body: dict[str, str]) -> dict[str, str]:
        return body

    app.include_router(extra)
    assert asgi_request(app, "POST", "/extra", None)[:2] == (401, 0)
    assert asgi_request(app, "POST", "/extra", API_KEY)[0] == 422  # bad JSON, read and refused


def test_a_real_server_answers_401_without_waiting_for_the_body(tmp_path: Path) -> None:
    """`conflictgraph serve` with a key: a request announcing 5 MB of JSON sends 10 bytes of
    it and waits. Checking the key first answers at once; reading first would wait forever."""
    server = serve("memory", {"CONFLICTGRAPH_DATA_DIR": str(tmp_path),
                              "CONFLICTGRAPH_API_KEY": API_KEY}, tmp_path / "server.log")
    host, port = server.url.removeprefix("http://").split(":")
    try:
        for key_header, status in ((b"", b"401"), (b"X-API-Key: " + WRONG_KEY.encode() + b"\r\n",
                                                    b"403")):
            with socket.create_connection((host, int(port)), timeout=10) as sock:
                sock.sendall(b"POST /articles HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
                             b"Content-Type: application/json\r\nContent-Length: 5000000\r\n"
                             + key_header + b"\r\n" + b'{"not json')
                started = time.monotonic()
                head = b""
                try:
                    while b"\r\n\r\n" not in head:
                        chunk = sock.recv(65536)
                        if not chunk:
                            break
                        head += chunk
                except TimeoutError:
                    pytest.fail("no answer within 10 s: the server waited for the body")
                assert head.startswith(b"HTTP/1.1 " + status), head[:200]
                assert time.monotonic() - started < 5
                assert b"application/problem+json" in head.lower()
                assert b"connection: close" in head.lower()  # the unread body ends the connection
    finally:
        server.stop()


# -- the Cypher sandbox, through the API ------------------------------------------------------
class _CsvHandler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        _CsvHandler.hits.append(self.path)
        body = b"id\nx\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def csv_server() -> Iterator[str]:
    """Where a LOAD CSV would fetch from, if it ever ran: it must see no request."""
    _CsvHandler.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CsvHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/actors.csv"
    server.shutdown()
    server.server_close()


REFUSED_CYPHER = {
    "create": "CREATE (:Actor {id: 'planted', name: 'Planted'})",
    "merge": "MERGE (a:Actor {id: 'planted'}) RETURN a",
    "set": "MATCH (a:Actor) SET a.name = 'owned' RETURN count(a)",
    "remove": "MATCH (a:Actor) REMOVE a.name RETURN count(a)",
    "delete": "MATCH ()-[r]->() DELETE r",
    "detach_delete": "MATCH (n) DETACH DELETE n",
    "write_in_subquery": "MATCH (a:Actor) CALL (a) { SET a.hacked = true } RETURN count(*)",
    "write_after_comment": "/* MATCH (a) RETURN a */ // read only\nCREATE (x:X) RETURN x",
    "in_transactions": "CALL () { CREATE (:X) } IN TRANSACTIONS OF 1 ROWS",
    "create_index": "CREATE INDEX planted IF NOT EXISTS FOR (a:Actor) ON (a.planted)",
    "drop_constraint": "DROP CONSTRAINT actor_id",
    "load_csv_file": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "dbms_components": "CALL dbms.components() YIELD name RETURN name",
    "dbms_list_config": "CALL dbms.listConfig() YIELD name, value RETURN name, value",
    "db_clear_caches": "CALL db.clearQueryCaches()",
    "db_create_label": "CALL db.createLabel('Planted')",
    "show_transactions": "SHOW TRANSACTIONS",
    "show_settings": "SHOW SETTINGS YIELD name RETURN name",
    "terminate": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "show_users": "SHOW USERS",
    "create_user": "CREATE USER planted SET PASSWORD 'planted-password' CHANGE NOT REQUIRED",
    "apoc_create": "CALL apoc.create.node(['Planted'], {id: 'x'}) YIELD node RETURN node",
    "apoc_run_write": "CALL apoc.cypher.runWrite('CREATE (:Planted)', {}) YIELD value RETURN value",
    "apoc_periodic": "CALL apoc.periodic.iterate('MATCH (a) RETURN a', 'DETACH DELETE a', {})",
    "apoc_load_json": "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
}


def db_state(store: Neo4jStore) -> dict[str, Any]:
    """Everything a refused query could have changed: data, schema, users."""
    driver = store.driver
    data, _, _ = driver.execute_query(
        "MATCH (n) RETURN count(n) AS nodes, COUNT { MATCH ()-[r]->() } AS rels, "
        "COLLECT { MATCH (m) UNWIND labels(m) AS l RETURN DISTINCT l ORDER BY l } AS labels, "
        "COLLECT { MATCH (a:Actor) RETURN a.name ORDER BY a.name } AS names",
        database_=store.database)
    schema, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", database_=store.database)
    users, _, _ = driver.execute_query("SHOW USERS YIELD user RETURN collect(user) AS users",
                                       database_="system")
    return {**data[0].data(), "constraints": sorted(schema[0]["names"]),
            "users": sorted(users[0]["users"])}


def test_cypher_refuses_writes_schema_admin_load_csv_and_apoc(
    neo4j_store: Neo4jStore, keyed_neo4j: TestClient, csv_server: str
) -> None:
    before = db_state(neo4j_store)
    queries = {**REFUSED_CYPHER,
               "load_csv_http": f"LOAD CSV WITH HEADERS FROM '{csv_server}' AS row RETURN row"}
    for name, query in queries.items():
        response = keyed_neo4j.post("/cypher", json={"query": query}, headers={"X-API-Key": API_KEY})
        assert response.status_code == 403, (name, response.text)
        body = response.json()
        assert body["type"] == "urn:conflictgraph:problem:cypher-rejected", name
        assert body["detail"], name
    # Another database's command: refused from its text before anything is planned.
    other = keyed_neo4j.post("/cypher", json={"query": "USE system SHOW DATABASES"},
                             headers={"X-API-Key": API_KEY})
    assert other.status_code == 403 and other.json()["type"].endswith("cypher-rejected")
    assert _CsvHandler.hits == []  # LOAD CSV never reached the network
    assert db_state(neo4j_store) == before


def test_cypher_parameters_are_data(neo4j_store: Neo4jStore, keyed_neo4j: TestClient) -> None:
    response = keyed_neo4j.post("/cypher", headers={"X-API-Key": API_KEY}, json={
        "query": "MATCH (a:Actor) WHERE a.name = $name RETURN a.id AS id",
        "parameters": {"name": "x' OR 1=1 WITH a MATCH (n) DETACH DELETE n //"},
    })
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == []
    assert neo4j_store.counts()["actors"] > 0


def test_cypher_caps_rows(neo4j_store: Neo4jStore, keyed_neo4j: TestClient) -> None:
    response = keyed_neo4j.post("/cypher", headers={"X-API-Key": API_KEY},
                          json={"query": "UNWIND range(1, 5000) AS x RETURN x"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["rows"]) == cypher_route.ROW_CAP == 1000
    assert body["truncated"] is True and body["rows"][-1] == [1000]


def test_cypher_stops_a_slow_query_on_the_server(
    neo4j_store: Neo4jStore, keyed_neo4j: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The route's 10 s budget, lowered to 1 s here: the answer comes, and the server has
    really stopped the query (no transaction left running it)."""
    monkeypatch.setattr(cypher_route, "TIMEOUT_S", 1.0)
    marker = "slow-query-marker-4f1"
    query = (f"WITH '{marker}' AS marker UNWIND range(1, 400000000) AS x "
             "WITH x WHERE x % 1000003 = 7 RETURN count(*) AS n")
    started = time.monotonic()
    response = keyed_neo4j.post("/cypher", json={"query": query}, headers={"X-API-Key": API_KEY})
    took = time.monotonic() - started
    assert response.status_code == 400, response.text
    assert response.json()["type"] == "urn:conflictgraph:problem:cypher-timeout"
    assert "1 s time limit" in response.json()["detail"]
    assert took < 10
    running, _, _ = neo4j_store.driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $marker "
        "AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN count(*) AS n",
        marker=marker, database_=neo4j_store.database)
    assert running[0]["n"] == 0


# -- secrets ------------------------------------------------------------------------------------
SECRETS = (API_KEY, WRONG_KEY, WRONG_PASSWORD)


def assert_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"a secret leaked: ...{secret[-12:]}"


def test_wrong_neo4j_password_gives_503_without_secrets_in_body_or_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # everything, the driver's wire log included
    cfg = neo4j_settings()
    wrong = settings(store="neo4j", neo4j_uri=cfg["uri"], neo4j_user=NO_SUCH_USER,
                     neo4j_password=SecretStr(WRONG_PASSWORD), api_key=SecretStr(API_KEY))
    assert WRONG_PASSWORD not in repr(wrong) and API_KEY not in repr(wrong)
    with TestClient(create_app(wrong), raise_server_exceptions=False) as client:
        responses = [
            client.get("/readyz"),
            client.get("/actors/Turkey"),
            client.post("/articles", json=RECORD, headers={"X-API-Key": API_KEY}),
            client.post("/cypher", json={"query": "RETURN 1"}, headers={"X-API-Key": API_KEY}),
            client.post("/articles", json=RECORD, headers={"X-API-Key": WRONG_KEY}),
        ]
    assert [r.status_code for r in responses] == [503, 503, 503, 503, 403]
    for response in responses[:4]:
        assert response.json()["type"].endswith("store-unavailable")
        assert response.headers["retry-after"] == "5"
    for response in responses:
        assert_no_secret(response.text)
        assert_no_secret(str(response.headers))
    assert caplog.records, "nothing was logged: the check would prove nothing"
    assert_no_secret(caplog.text)


def test_cli_with_a_wrong_password_names_the_problem_not_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_USER", NO_SUCH_USER)
    monkeypatch.setenv("NEO4J_PASSWORD", WRONG_PASSWORD)
    source = tmp_path / "article.txt"
    source.write_text(RECORD["text"], encoding="utf-8")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli_app, ["ingest", str(source), "--store", "neo4j"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2, result.output
    assert "refused the credentials" in result.output
    assert_no_secret(result.output)


def test_real_server_output_holds_no_secret_and_limits_chunked_bodies(tmp_path: Path) -> None:
    """`conflictgraph serve` at debug log level, configured with a key and a wrong Neo4j
    password, through failing, refused and oversized requests."""
    cfg = neo4j_settings()
    env = {"CONFLICTGRAPH_DATA_DIR": str(tmp_path), "CONFLICTGRAPH_API_KEY": API_KEY,
           "NEO4J_URI": cfg["uri"], "NEO4J_USER": NO_SUCH_USER, "NEO4J_PASSWORD": WRONG_PASSWORD,
           "CONFLICTGRAPH_MAX_BODY_BYTES": "20000"}
    server = serve("neo4j", env, tmp_path / "server.log", log_level="debug")
    try:
        with httpx.Client(base_url=server.url, timeout=60) as http:
            bodies = [
                http.get("/readyz"),
                http.post("/articles", json=RECORD, headers={"X-API-Key": API_KEY}),
                http.post("/articles", json=RECORD, headers={"X-API-Key": WRONG_KEY}),
                http.post("/cypher", json={"query": "RETURN 1"}),
            ]
            assert [r.status_code for r in bodies] == [503, 503, 403, 401]

            def chunks() -> Iterator[bytes]:
                yield b'{"text": "'
                for _ in range(100):
                    yield b"x" * 1000
                yield b'"}'

            chunked = http.post("/articles", content=chunks(), headers={
                "X-API-Key": API_KEY, "Content-Type": "application/json"})
            assert chunked.status_code == 413, chunked.text
            assert chunked.request.headers.get("transfer-encoding") == "chunked"
            declared = http.post("/articles", content=b"{" + b" " * 20_001 + b"}", headers={
                "X-API-Key": API_KEY, "Content-Type": "application/json"})
            assert declared.status_code == 413
    finally:
        output = server.stop()
    for response in bodies:
        assert_no_secret(response.text)
    assert "POST /articles" in output  # access log lines were captured
    assert_no_secret(output)


# -- error bodies repeat nothing the request sent ------------------------------------------------
MARK = "Zqx7Echo"  # in every bad value below; no error body may contain it, in any case


def assert_repeats_nothing(response: httpx.Response, status: int, what: str) -> dict[str, Any]:
    assert response.status_code == status, (what, response.text[:300])
    assert response.headers["content-type"].startswith(PROBLEM), what
    assert MARK.lower() not in response.text.lower(), (what, response.text[:500])
    body: dict[str, Any] = response.json()
    assert body["detail"], what
    return body


def test_error_bodies_never_repeat_the_request(keyed: TestClient) -> None:
    """Unknown actors (path and every query parameter), unknown articles, bad relation types
    and a request whose every record is skipped: the detail names the parameter, not the value."""
    unknown = {
        f"/actors/{MARK}": "the reference in the path",
        f"/actors/{MARK}/relations": "the reference in the path",
        f"/actors/{MARK}/allies": "the reference in the path",
        f"/actors/{MARK}/adversaries": "the reference in the path",
        f"/paths?source={MARK}&target=Turkey": "the 'source' parameter",
        f"/paths?source=Turkey&target={MARK}": "the 'target' parameter",
        f"/blocs?actors=Turkey,{MARK}": "an item of the 'actors' parameter",
        f"/blocs?around={MARK}": "the 'around' parameter",
        f"/graph?around={MARK}": "the 'around' parameter",
    }
    for path, given_as in unknown.items():
        body = assert_repeats_nothing(keyed.get(path), 404, path)
        assert body["type"].endswith("actor-not-found")
        assert given_as in body["detail"], (path, body["detail"])
    near = assert_repeats_nothing(keyed.get(f"/paths?source=Turky{MARK}&target=Russia"), 404, "near")
    assert isinstance(near["suggestions"], list)
    for response in (keyed.get(f"/articles/a-{MARK}"),
                     keyed.delete(f"/articles/a-{MARK}", headers={"X-API-Key": API_KEY})):
        assert "in the path" in assert_repeats_nothing(response, 404, "article")["detail"]
    for path in (f"/actors/Turkey/relations?type=SUPPORTS,{MARK}",
                 f"/paths?source=Turkey&target=Russia&types={MARK}"):
        assert "choose from SUPPORTS" in assert_repeats_nothing(keyed.get(path), 422, path)["detail"]
    for path in (f"/actors/Turkey/relations?origin=text,{MARK}", f"/blocs?actors=Turkey&origin={MARK}"):
        assert "choose from text" in assert_repeats_nothing(keyed.get(path), 422, path)["detail"]
    scripts_only = {"html": "<html><body><script>var x = 1;</script></body></html>",
                    "url": f"https://example.org/{MARK}", "title": f"{MARK} title"}
    body = assert_repeats_nothing(keyed.post("/articles", json=[scripts_only, scripts_only],
                                             headers={"X-API-Key": API_KEY}), 422, "skipped")
    assert [s["name"] for s in body["skipped"]] == ["record 1", "record 2"]


def test_cypher_errors_never_repeat_the_query(keyed_neo4j: TestClient) -> None:
    """Neo4j's own messages quote the query; the API's say what and where instead."""
    def cypher(query: str, **parameters: Any) -> httpx.Response:
        return keyed_neo4j.post("/cypher", json={"query": query, "parameters": parameters},
                                headers={"X-API-Key": API_KEY})

    syntax = assert_repeats_nothing(cypher(f"MATCH (a:Actor)\nRETURN {MARK}"), 400, "variable")
    assert syntax["type"].endswith("cypher-error")
    assert (syntax["line"], syntax["column"]) == (2, 8)  # where the analyst wrote it
    assert "line 2, column 8" in syntax["detail"]
    assert syntax["code"] == "Neo.ClientError.Statement.SyntaxError"
    typo = assert_repeats_nothing(cypher(f"  MATC{MARK} (a) RETURN a"), 400, "typo")
    assert (typo["line"], typo["column"]) == (1, 3)
    assert_repeats_nothing(cypher(f"RETURN ${MARK}"), 400, "missing parameter")
    assert_repeats_nothing(cypher(f"RETURN toInteger(['{MARK}'])"), 400, "type error")
    assert_repeats_nothing(cypher("RETURN $p", **{MARK: 2**70}), 400, "integer range")
    for query in (f"CALL {MARK}.proc()", f"CALL db.createLabel('{MARK}')",
                  f"CREATE (:{MARK})"):
        refused = assert_repeats_nothing(cypher(query), 403, query)
        assert refused["type"].endswith("cypher-rejected")


# -- request size --------------------------------------------------------------------------------
def test_bodies_over_the_limit_get_413_declared_or_chunked(store: GraphStore) -> None:
    limit = 2_000
    with TestClient(create_app(settings(max_body_bytes=limit), store)) as client:
        before = store.counts()
        declared = client.post("/articles", content=b"{" + b" " * limit + b"}",
                               headers={"content-type": "application/json"})
        assert declared.status_code == 413
        assert declared.headers["content-type"].startswith(PROBLEM)
        assert declared.json()["type"].endswith("body-too-large")

        def stream() -> Iterator[bytes]:
            for _ in range(10):
                yield b" " * 500

        chunked = client.post("/cypher", content=stream(),
                              headers={"content-type": "application/json"})
        assert chunked.status_code == 413
        at_limit = b'{"text": "' + b"War." * ((limit - 12) // 4) + b'"}'
        assert len(at_limit) <= limit
        assert client.post("/articles", content=at_limit,
                           headers={"content-type": "application/json"}).status_code == 201
        assert store.counts()["articles"] == before["articles"] + 1


# -- CORS -----------------------------------------------------------------------------------------
def test_cors_is_off_by_default(store: GraphStore) -> None:
    with TestClient(create_app(settings(), store)) as client:
        simple = client.get("/healthz", headers={"Origin": "https://evil.example"})
        preflight = client.options("/articles", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-api-key,content-type"})
    assert simple.status_code == 200
    for response in (simple, preflight):
        assert not any(h.lower().startswith("access-control-") for h in response.headers)


def test_cors_on_for_the_configured_origins_only(store: GraphStore,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTGRAPH_CORS_ORIGINS", '["https://analyst.example"]')
    configured = Settings(_env_file=None)
    assert configured.cors_origins == ["https://analyst.example"]
    with TestClient(create_app(configured, store)) as client:
        allowed = client.get("/healthz", headers={"Origin": "https://analyst.example"})
        other = client.get("/healthz", headers={"Origin": "https://evil.example"})
        preflight = client.options("/articles", headers={
            "Origin": "https://analyst.example", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-api-key,content-type"})
    assert allowed.headers["access-control-allow-origin"] == "https://analyst.example"
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://analyst.example"
    assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
    assert "*" not in preflight.headers["access-control-allow-origin"]
