"""The HTTP API end to end, on both stores, through FastAPI's TestClient.

The seed article goes in through POST /articles (the real extraction
pipeline) and the answers an analyst expects come back out; the read routes
are also checked on a hand-built graph whose every relation is known, and
the error, auth and limit behaviour on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from extraction_cases import packaged_rules
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from pydantic import SecretStr
from seed_graph import SEED_DATE, SEED_SOURCE, SEED_TITLE, SEED_URL, seed_text
from test_queries import egypt_article, libya_article

from conflictgraph.api.app import create_app
from conflictgraph.config import Settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import GraphStore

API_KEY = "s3cret-test-key-7f1c"
PROBLEM = "application/problem+json"


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"api_key": None, "cors_origins": [], "max_body_bytes": 10_000_000}
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(), store)) as test_client:
        yield test_client


@pytest.fixture
def libya(store: GraphStore, client: TestClient) -> TestClient:
    """The hand-built Libya graph, stored directly (no extraction involved)."""
    store.upsert([libya_article(), egypt_article()])
    return client


@pytest.fixture
def keyed(store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(api_key=SecretStr(API_KEY)), store)) as test_client:
        yield test_client


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and "type" in body
    return body


def names(items: list[dict[str, Any]]) -> set[str]:
    return {item["actor"]["name"] for item in items}


def item_named(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    (item,) = [i for i in items if i["actor"]["name"] == name]
    return item


# -- the seed, through POST /articles -----------------------------------------------------
def seed_record() -> dict[str, Any]:
    return {"text": seed_text(), "url": SEED_URL, "title": SEED_TITLE,
            "published": SEED_DATE.isoformat(), "source": SEED_SOURCE}


@pytest.fixture
def seeded(client: TestClient) -> dict[str, Any]:
    response = client.post("/articles", json=seed_record())
    assert response.status_code == 201, response.text
    return response.json()


def test_post_seed_ingests_and_is_idempotent(client: TestClient, seeded: dict[str, Any]) -> None:
    assert seeded["created"] == 1 and seeded["articles"] == 1 and seeded["skipped"] == []
    assert seeded["claims"] >= 4 and seeded["actors"] >= 6
    (article_id,) = seeded["ids"]
    again = client.post("/articles", json=[seed_record()])
    assert again.status_code == 200
    assert (again.json()["unchanged"], again.json()["created"]) == (1, 0)
    article = client.get(f"/articles/{article_id}").json()
    assert article["url"] == SEED_URL and article["published"] == "2020-10-21"
    assert len(article["claims"]) == seeded["claims"]
    rules = {rule.id for rule in packaged_rules()}
    for claim in article["claims"]:
        assert article["text"][claim["start"]:claim["end"]] == claim["sentence"]
        assert claim["subject"]["name"] and claim["object"]["name"]
        assert claim["rule"] in rules  # the trigger line or construction that made it


def test_seed_allies_of_haftar(client: TestClient, seeded: dict[str, Any]) -> None:
    body = client.get("/actors/Haftar/allies").json()
    assert body["actor"]["name"] == "Khalifa Haftar"
    assert {"Russia", "United Arab Emirates"} <= names(body["items"])
    for name in ("Russia", "United Arab Emirates"):
        item = item_named(body["items"], name)
        assert item["via_leadership"] is True
        assert item["paths"][0]["hops"][0]["type"] == "LEADS"
    assert_evidence_in_article(client, body["items"])


def test_seed_adversaries_of_turkey(client: TestClient, seeded: dict[str, Any]) -> None:
    body = client.get("/actors/Turkey/adversaries").json()
    lna = item_named(body["items"], "Libyan National Army")
    assert lna["basis"] == "inferred"
    hops = lna["paths"][0]["hops"]
    assert hops[0]["source"]["name"] == "Turkey" and hops[-1]["target"]["name"] == (
        "Libyan National Army")
    assert_evidence_in_article(client, body["items"])


def test_seed_blocs(client: TestClient, seeded: dict[str, Any]) -> None:
    wanted = [{"Turkey", "Government of National Accord"},
              {"Russia", "United Arab Emirates", "Libyan National Army", "Khalifa Haftar"}]
    body = client.get("/blocs", params={"actors": "Turkey,GNA,Russia,UAE,LNA,Haftar"}).json()
    assert [{m["name"] for m in b["members"]} for b in body["blocs"]] == wanted
    assert body["frustration"] == 0 and body["method"] == "exact"
    around = client.get("/blocs", params={"around": "GNA", "depth": 2}).json()
    groups = [{m["name"] for m in b["members"]} for b in around["blocs"] if b["component"] == 0]
    assert groups[0] >= wanted[0] and groups[1] >= wanted[1]


def test_seed_path_turkey_to_russia_is_hostile(client: TestClient,
                                               seeded: dict[str, Any]) -> None:
    body = client.get("/paths", params={"source": "Turkey", "target": "Russia"}).json()
    first = body["paths"][0]
    assert first["polarity"] == "hostile" and first["sign"] == -1
    assert first["actors"][0]["name"] == "Turkey" and first["actors"][-1]["name"] == "Russia"
    text = client.get(f"/articles/{seeded['ids'][0]}").json()["text"]
    for hop in first["hops"]:
        assert hop["evidence"] and all(ev["sentence"] in text for ev in hop["evidence"])


def test_seed_relations_carry_article_references(client: TestClient,
                                                 seeded: dict[str, Any]) -> None:
    body = client.get("/actors/UAE/relations").json()
    assert body["actor"]["name"] == "United Arab Emirates" and body["total"] >= 1
    evidence = body["items"][0]["evidence"][0]
    assert evidence["article"] == {"id": seeded["ids"][0], "url": SEED_URL,
                                   "title": seed_record()["title"], "published": "2020-10-21",
                                   "source": SEED_SOURCE}
    text = seed_text()
    assert evidence["sentence"] in text


def assert_evidence_in_article(client: TestClient, items: list[dict[str, Any]]) -> None:
    texts: dict[str, str] = {}
    for item in items:
        for path in item["paths"]:
            for hop in path["hops"]:
                assert hop["evidence"]
                for ev in hop["evidence"]:
                    article_id = ev["article"]["id"]
                    if article_id not in texts:
                        texts[article_id] = client.get(f"/articles/{article_id}").json()["text"]
                    assert texts[article_id][ev["start"]:ev["end"]] == ev["sentence"]


# -- read routes on a known graph -----------------------------------------------------
def test_health_and_readiness(client: TestClient, store: GraphStore) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready", "store": store.name,
                                                         "warnings": []}


def test_actor_search_and_detail(libya: TestClient) -> None:
    found = libya.get("/actors", params={"q": "emirates"}).json()
    assert found["items"][0]["name"] == "United Arab Emirates" and found["total"] >= 1
    states = libya.get("/actors", params={"kind": "state", "limit": 2, "offset": 1}).json()
    assert states["total"] == 4 and len(states["items"]) == 2
    for ref in ("Haftar", "khalifa-haftar", "KHALIFA HAFTAR"):
        detail = libya.get(f"/actors/{ref}").json()
        assert detail["id"] == "khalifa-haftar"
        assert detail["by_type"] == {"LEADS": 1}
        assert detail["relations"][0]["other"]["id"] == "lna"
        assert detail["relations"][0]["direction"] == "out"
    for ref in ("UAE", "the Emirates", "uae"):
        assert libya.get(f"/actors/{ref}").json()["aliases"] == ["the Emirates", "UAE"]
    lna = libya.get("/actors/LNA").json()
    assert lna["by_polarity"] == {"cooperative": 4, "hostile": 1}


def test_unknown_actor_is_404_with_suggestions(libya: TestClient) -> None:
    body = problem(libya.get("/actors/Hafter"), 404)
    assert body["suggestions"][0] == {"id": "khalifa-haftar", "name": "Khalifa Haftar",
                                      "kind": "person"}
    assert "Khalifa Haftar" in body["detail"]
    for url in ("/actors/Narnia/allies", "/actors/Narnia/relations",
                "/paths?source=Narnia&target=Russia", "/graph?around=Narnia",
                "/blocs?actors=Narnia,Russia"):
        assert problem(libya.get(url), 404)["suggestions"] == []


def test_denied_and_attributed_claims_are_kept_flagged_and_weigh_less(client: TestClient) -> None:
    """#15 item 7 through POST /articles and the real extractor: a denial is kept as a
    disputed claim at half the weight of the same claim asserted; a claim on a third
    party's word names that party. Relations and the article's claims show both flags."""
    records = [{"text": text, "url": f"https://example.org/said-{i}", "published": "2024-05-01"}
               for i, text in enumerate(["Rwanda denied arming the M23 rebels.",
                                         "UN experts said Iran arms the Houthis.",
                                         "Turkey arms the LNA."])]
    assert client.post("/articles", json=records).status_code == 201
    (denied,) = client.get("/actors/rwanda/relations").json()["items"]
    (evidence,) = denied["evidence"]
    assert (evidence["disputed"], evidence["attributed_to"]) == (True, None)
    (armed,) = client.get("/actors/turkey/relations").json()["items"]
    assert denied["confidence"] == pytest.approx(armed["confidence"] / 2, abs=0.01)
    (reported,) = client.get("/actors/iran/relations").json()["items"]
    assert reported["evidence"][0]["attributed_to"] == "UN experts"
    assert reported["evidence"][0]["disputed"] is False
    article = client.get(f"/articles/{client.get('/articles').json()['items'][-1]['id']}").json()
    assert {(c["disputed"], c["attributed_to"]) for c in article["claims"]} <= {
        (True, None), (False, "UN experts"), (False, None)}


def test_relations_with_filters_and_evidence(libya: TestClient) -> None:
    body = libya.get("/actors/lna/relations").json()
    assert body["total"] == 5
    types = {(i["type"], i["direction"]) for i in body["items"]}
    assert ("LEADS", "in") in types and ("OPPOSES", "mutual") in types
    for item in body["items"]:
        for ev in item["evidence"]:
            assert ev["article"]["url"].startswith("https://example.org/")
            assert ev["article"]["title"] and ev["article"]["published"]
    out = libya.get("/actors/lna/relations", params={"direction": "out"}).json()
    assert {i["type"] for i in out["items"]} == {"ALLIED_WITH", "OPPOSES"}  # symmetric match
    typed = libya.get("/actors/lna/relations", params={"type": "supports,leads"}).json()
    assert {i["type"] for i in typed["items"]} == {"SUPPORTS", "LEADS"}
    june = libya.get("/actors/lna/relations",
                     params={"since": "2020-05-01", "until": "2020-06-30"}).json()
    assert [i["source"]["id"] for i in june["items"]] == ["egypt"]
    assert libya.get("/actors/lna/relations", params={"min_confidence": 0.9}).json()["total"] == 0
    assert problem(libya.get("/actors/lna/relations", params={"type": "HUGS"}), 422)
    assert problem(libya.get("/actors/lna/relations", params={"direction": "sideways"}), 422)
    assert problem(libya.get("/actors/lna/relations", params={"since": "yesterday"}), 422)
    assert problem(libya.get("/actors/lna/relations",
                             params={"since": "2021-01-01", "until": "2020-01-01"}), 422)
    assert problem(libya.get("/actors/lna/relations", params={"min_confidence": 2}), 422)


def test_alignment_routes(libya: TestClient) -> None:
    allies = libya.get("/actors/Haftar/allies").json()
    russia = item_named(allies["items"], "Russia")
    assert (russia["basis"], russia["via_leadership"]) == ("direct", True)
    adversaries = libya.get("/actors/Turkey/adversaries").json()
    lna = item_named(adversaries["items"], "Libyan National Army")
    assert (lna["basis"], lna["reasons"]) == ("inferred", ["enemy_of_friend"])
    assert [h["type"] for h in lna["paths"][0]["hops"]] == ["SUPPORTS", "OPPOSES"]
    assert_evidence_in_article(libya, allies["items"] + adversaries["items"])


def test_allies_respect_ceasefires_and_unrelated_wars(client: TestClient) -> None:
    """The issue's sentences through POST /articles and the real extractor: a ceasefire
    makes no allies and no bloc, a common enemy in another war makes no ally."""
    texts = ["The Sudanese army and the RSF agreed to a ceasefire in Jeddah. "
             "Egypt backs the Sudanese army.",
             "The RSF condemned the United States.",
             "The United States struck the Houthis in Yemen."]
    records = [{"text": text, "url": f"https://example.org/news-{i}", "published": "2024-05-01"}
               for i, text in enumerate(texts)]
    assert client.post("/articles", json=records).status_code == 201
    rsf = client.get("/actors/RSF/allies").json()
    assert rsf["items"] == [] and rsf["total"] == 0
    sudan = client.get("/actors/Sudan/allies").json()
    assert names(sudan["items"]) == {"Egypt"}
    assert "Sudan" in names(client.get("/actors/RSF/adversaries").json()["items"])
    blocs = client.get("/blocs", params={"actors": "Sudan,RSF,Egypt"}).json()
    bloc_of = {m["id"]: i for i, bloc in enumerate(blocs["blocs"]) for m in bloc["members"]}
    assert bloc_of["sudan"] != bloc_of["rapid-support-forces"]
    assert bloc_of["egypt"] == bloc_of["sudan"]


def test_paths_route(libya: TestClient) -> None:
    body = libya.get("/paths", params={"source": "Turkey", "target": "Russia"}).json()
    first = body["paths"][0]
    assert first["polarity"] == "hostile" and first["length"] == 3
    assert [h["type"] for h in first["hops"]] == ["SUPPORTS", "OPPOSES", "ALLIED_WITH"]
    assert {"source", "target", "type", "direction", "polarity", "evidence"} <= set(
        first["hops"][0])
    none = libya.get("/paths", params={"source": "Turkey", "target": "Russia", "max_hops": 2})
    assert none.status_code == 200
    assert none.json()["paths"] == [] and "no path" in none.json()["message"]
    hostile_only = libya.get("/paths", params={"source": "UAE", "target": "Haftar",
                                               "polarity": "hostile"}).json()
    assert hostile_only["paths"] == []
    for params in ({"max_hops": 7}, {"max_hops": 0}, {"k": 0}, {"types": "NOPE"},
                   {"polarity": "friendly"}):
        problem(libya.get("/paths", params={"source": "Turkey", "target": "Russia", **params}),
                422)
    problem(libya.get("/paths", params={"source": "Turkey", "target": "Ankara"}), 422)
    problem(libya.get("/paths", params={"source": "Turkey"}), 422)


def test_blocs_says_what_is_missing_or_too_much(libya: TestClient) -> None:
    """Neither parameter: name both ways to ask. Both: say to pick one. Never the other's text."""
    neither = problem(libya.get("/blocs"), 422)["detail"]
    assert "not both" not in neither
    assert "around=" in neither and "actors=" in neither
    both = problem(libya.get("/blocs", params={"actors": "Turkey,GNA", "around": "LNA"}),
                   422)["detail"]
    assert "not both" in both and "around" in both and "actors" in both
    assert neither != both


def test_blocs_route(libya: TestClient) -> None:
    body = libya.get("/blocs", params={"actors": "Turkey,GNA,Russia,UAE,LNA,Haftar,UNSMIL"}).json()
    assert [{m["id"] for m in b["members"]} for b in body["blocs"]] == [
        {"turkey", "gna"}, {"russia", "uae", "lna", "khalifa-haftar"}]
    assert [a["id"] for a in body["unaligned"]] == ["unsmil"]
    assert body["frustration"] == 0 and body["frustrated"] == []
    repeated = libya.get("/blocs?actors=Russia&actors=GNA&actors=LNA").json()
    assert [{m["id"] for m in b["members"]} for b in repeated["blocs"]] == [
        {"russia", "lna"}, {"gna"}]
    around = libya.get("/blocs", params={"around": "Haftar", "depth": 3}).json()
    assert {m["id"] for m in around["blocs"][0]["members"]} >= {"khalifa-haftar", "russia"}
    problem(libya.get("/blocs"), 422)
    problem(libya.get("/blocs", params={"actors": "Turkey,GNA", "around": "LNA"}), 422)
    problem(libya.get("/blocs", params={"actors": "Turkey"}), 422)
    problem(libya.get("/blocs", params={"around": "LNA", "depth": 9}), 422)


def test_graph_route_and_export(libya: TestClient, store: GraphStore) -> None:
    body = libya.get("/graph", params={"around": "Haftar", "depth": 1}).json()
    assert {n["id"] for n in body["nodes"]} == {"khalifa-haftar", "lna"}
    assert [e["id"] for e in body["edges"]] == ["khalifa-haftar|LEADS|lna"]
    wide = libya.get("/graph", params={"around": "lna", "depth": 2}).json()
    node_ids = {n["id"] for n in wide["nodes"]}
    assert {"turkey", "unsmil"} <= node_ids and "stephanie-williams" not in node_ids
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in wide["edges"])
    capped = libya.get("/graph", params={"around": "lna", "max_nodes": 2}).json()
    assert capped["truncated"] and len(capped["nodes"]) == 2
    problem(libya.get("/graph"), 422)
    exported = libya.get("/graph/export").json()
    assert len(exported["actors"]) == store.counts()["actors"]
    graphml = libya.get("/graph/export", params={"format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert "<graphml" in graphml.text and "khalifa-haftar" in graphml.text
    problem(libya.get("/graph/export", params={"format": "csv"}), 422)


def test_get_and_delete_article(libya: TestClient, store: GraphStore) -> None:
    article_id = libya_article().article.id
    listing = libya.get("/articles").json()
    assert listing["total"] == 2 and listing["items"][0]["id"] == article_id  # newest first
    body = libya.get(f"/articles/{article_id}").json()
    assert body["title"] == "UN mediator optimistic" and len(body["claims"]) == 7
    claim = body["claims"][0]
    assert body["text"][claim["start"]:claim["end"]] == claim["sentence"]
    assert libya.delete(f"/articles/{article_id}").status_code == 204
    problem(libya.get(f"/articles/{article_id}"), 404)
    problem(libya.delete(f"/articles/{article_id}"), 404)
    assert store.get_actor("turkey") is None  # only the retracted article mentioned it
    problem(libya.get("/actors/Turkey"), 404)


# -- errors, limits, auth ----------------------------------------------------------------
def test_body_limits_and_media_type(store: GraphStore) -> None:
    app = create_app(make_settings(max_body_bytes=200), store)
    with TestClient(app) as small:
        big = {"text": "x" * 500}
        problem(small.post("/articles", json=big), 413)

        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(10):
                yield b"y" * 50
            yield b'"}'

        # No Content-Length: the streamed body is counted.
        problem(small.post("/articles", content=chunks(),
                           headers={"Content-Type": "application/json"}), 413)
        problem(small.post("/articles", content=b"text=hello",
                           headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)
        problem(small.post("/articles", content=b"hello", headers={"Content-Type": "text/plain"}),
                415)
        problem(small.post("/articles", content=b"{not json",
                           headers={"Content-Type": "application/json"}), 422)
        problem(small.post("/articles", json={"url": "https://example.org"}), 422)
        problem(small.post("/articles", json=[]), 422)
        problem(small.post("/articles", json={"text": "hi", "published": "not a date"}), 422)
        problem(small.get("/no/such/route"), 404)
        problem(small.put("/actors"), 405)


def test_api_key_guards_writes(keyed: TestClient, store: GraphStore) -> None:
    store.upsert([libya_article()])
    article_id = libya_article().article.id
    body = problem(keyed.post("/articles", json={"text": "Turkey backs the GNA."}), 401)
    assert API_KEY not in str(body)
    body = problem(keyed.post("/articles", json={"text": "Turkey backs the GNA."},
                              headers={"X-API-Key": "wrong"}), 403)
    assert API_KEY not in str(body)
    problem(keyed.delete(f"/articles/{article_id}"), 401)
    problem(keyed.delete(f"/articles/{article_id}", headers={"X-API-Key": API_KEY[:-1]}), 403)
    problem(keyed.post("/cypher", json={"query": "RETURN 1"}), 401)
    # Reads stay open; a right key passes the guard (here to a body error, then a delete).
    assert keyed.get("/actors/Turkey").status_code == 200
    problem(keyed.post("/articles", json={"url": "x"}, headers={"X-API-Key": API_KEY}), 422)
    assert keyed.delete(f"/articles/{article_id}",
                        headers={"X-API-Key": API_KEY}).status_code == 204


def test_cypher_route(libya: TestClient, store: GraphStore) -> None:
    query = {"query": "MATCH (a:Actor)-[:SUPPORTS]->(b:Actor) RETURN a.name AS backer, "
                      "b.name AS backed ORDER BY backer", "parameters": {}}
    response = libya.post("/cypher", json=query)
    if isinstance(store, MemoryStore):
        assert "Neo4j" in problem(response, 501)["detail"]
        return
    assert response.status_code == 200, response.text
    assert response.json() == {"columns": ["backer", "backed"], "rows": [
        ["Egypt", "Libyan National Army"], ["Turkey", "Government of National Accord"]],
        "truncated": False}
    with_params = libya.post("/cypher", json={
        "query": "MATCH (a:Actor {id: $id}) RETURN a", "parameters": {"id": "turkey"}}).json()
    assert with_params["rows"][0][0]["properties"]["name"] == "Turkey"
    refused = problem(libya.post("/cypher", json={"query": "MATCH (a:Actor) DETACH DELETE a"}),
                      403)
    assert "read-only" in refused["detail"]
    assert store.get_actor("turkey") is not None
    problem(libya.post("/cypher", json={"query": "LOAD CSV FROM 'file:///etc/passwd' AS l "
                                                 "RETURN l"}), 403)
    problem(libya.post("/cypher", json={"query": "MATC (a) RETURN a"}), 400)
    problem(libya.post("/cypher", json={"query": ""}), 422)
    problem(libya.post("/cypher", json={"query": "RETURN 1", "extra": True}), 422)


def test_store_unavailable_is_503(tmp_path: Path) -> None:
    password = "do-not-leak-this-pw"
    driver = GraphDatabase.driver("bolt://127.0.0.1:1", auth=("neo4j", password),
                                  max_transaction_retry_time=0.0, connection_timeout=1.0)
    down = Neo4jStore("bolt://127.0.0.1:1", "neo4j", password, ensure_schema=False,
                      driver=driver)
    with TestClient(create_app(make_settings(), down)) as client:
        assert client.get("/healthz").status_code == 200
        for url in ("/readyz", "/actors", "/actors/Turkey", "/paths?source=a&target=b"):
            body = problem(client.get(url), 503)
            assert password not in str(body) and "bolt://" not in str(body)
    down.close()


def test_store_opened_from_settings(tmp_path: Path) -> None:
    settings = make_settings(store="memory", data_dir=tmp_path)
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").json() == {"status": "ready", "store": "memory",
                                                            "warnings": []}
        assert client.get("/actors").json() == {"items": [], "total": 0}


def test_cors_is_off_unless_configured(store: GraphStore) -> None:
    origin = {"Origin": "https://analyst.example"}
    with TestClient(create_app(make_settings(), store)) as plain:
        assert "access-control-allow-origin" not in plain.get("/healthz", headers=origin).headers
    with TestClient(create_app(make_settings(cors_origins=["https://analyst.example"]),
                               store)) as cors:
        response = cors.get("/healthz", headers=origin)
        assert response.headers["access-control-allow-origin"] == "https://analyst.example"
        other = cors.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_openapi_documents_every_route_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    expected = {("/articles", "post"), ("/articles/{article_id}", "get"),
                ("/articles/{article_id}", "delete"), ("/actors", "get"),
                ("/actors/{ref}", "get"), ("/actors/{ref}/relations", "get"),
                ("/actors/{ref}/allies", "get"), ("/actors/{ref}/adversaries", "get"),
                ("/paths", "get"), ("/blocs", "get"), ("/graph", "get"),
                ("/graph/export", "get"), ("/cypher", "post"), ("/healthz", "get"),
                ("/readyz", "get")}
    seen = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert expected <= seen
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            text = str(op)
            assert "'example'" in text or "'examples'" in text, f"{method} {path} has no example"
    assert client.get("/docs").status_code == 200


def test_dates_round_trip_in_responses(libya: TestClient) -> None:
    rel = libya.get("/actors/egypt/relations").json()["items"][0]
    assert rel["first_seen"] == rel["last_seen"] == date(2020, 6, 1).isoformat()
