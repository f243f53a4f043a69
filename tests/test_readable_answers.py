"""Readable answers: the API's ``view=brief``, the supporters routes, and ``conflictgraph ask``.

Run on both stores with the seed article's relations written out by hand
(``hand_built_seed_graph``): Turkey SUPPORTS the GNA, Russia and the UAE
SUPPORT the LNA, the GNA OPPOSES the LNA, Haftar LEADS the LNA, the UN
mission MEDIATES. A brief answer must name the same actors as the full one,
in the same order, flat, with one sentence and the article it comes from, in
far fewer bytes; the command line must print the same document as the API.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import store_for_cli
from fastapi.testclient import TestClient
from seed_graph import SEED_DATE, hand_built_seed_graph
from typer.testing import CliRunner

from conflictgraph.api.app import create_app
from conflictgraph.config import Settings, get_settings
from conflictgraph.graph.store import GraphStore

TITLE = "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks"
TURKEY_SENTENCE = "Turkey is a main supporter of the U.N.-recognized government in Tripoli."
BRIEF_HOP_KEYS = {"id", "name", "kind", "relation", "direction", "strength", "sources",
                  "evidence"}
BRIEF_ITEM_KEYS = BRIEF_HOP_KEYS | {"reason", "via"}


@pytest.fixture
def seeded_client(store: GraphStore) -> Iterator[TestClient]:
    store.upsert([hand_built_seed_graph()])
    with TestClient(create_app(Settings(_env_file=None), store)) as client:
        yield client


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response


def assert_evidence(evidence: dict[str, Any] | None) -> None:
    assert evidence is not None
    assert evidence["sentence"] and evidence["title"] == TITLE
    assert evidence["published"] == SEED_DATE.isoformat()


# -- view=brief ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("route", "minimum"), [("allies", 2), ("adversaries", 2)])
def test_brief_alignment_names_the_same_actors_flat(seeded_client: TestClient, route: str,
                                                    minimum: int) -> None:
    for ref in ("Haftar", "Turkey", "GNA", "LNA", "Russia"):
        full = get(seeded_client, f"/actors/{ref}/{route}")
        brief = get(seeded_client, f"/actors/{ref}/{route}", view="brief")
        items = brief.json()["items"]
        assert [i["id"] for i in items] == [i["actor"]["id"] for i in full.json()["items"]]
        assert brief.json()["total"] == full.json()["total"]
        for item in items:
            assert set(item) == BRIEF_ITEM_KEYS
            assert_evidence(item["evidence"])
        if len(items) >= minimum:
            assert len(brief.content) * 2 < len(full.content), (ref, route)
    turkey = get(seeded_client, "/actors/Turkey/adversaries", view="brief").json()["items"]
    assert [(i["name"], i["reason"], i["via"], i["relation"], i["direction"]) for i in turkey] == [
        ("Libyan National Army", "enemy_of_friend", ["Government of National Accord"],
         "OPPOSES", "mutual"),
        ("Khalifa Haftar", "enemy_of_friend",
         ["Government of National Accord", "Libyan National Army"], "LEADS", "in"),
    ]


def test_brief_paths_are_one_flat_item_per_hop(seeded_client: TestClient) -> None:
    full = get(seeded_client, "/paths", source="Turkey", target="Russia").json()
    response = get(seeded_client, "/paths", source="Turkey", target="Russia", view="brief")
    brief = response.json()
    assert len(brief["paths"]) == len(full["paths"]) >= 1
    for short, long in zip(brief["paths"], full["paths"], strict=True):
        assert [h["id"] for h in short["hops"]] == [a["id"] for a in long["actors"][1:]]
        assert short["polarity"] == long["polarity"] and short["strength"] == long["score"]
        for hop in short["hops"]:
            assert set(hop) == BRIEF_HOP_KEYS
            assert_evidence(hop["evidence"])
    first = brief["paths"][0]["hops"][0]
    assert (first["name"], first["relation"], first["direction"]) == (
        "Government of National Accord", "SUPPORTS", "out")
    assert first["evidence"]["sentence"] == TURKEY_SENTENCE
    # Each hop of the seed rests on one sentence, so the full answer repeats less here.
    assert len(response.content) < 0.6 * len(
        seeded_client.get("/paths", params={"source": "Turkey", "target": "Russia"}).content)


def test_brief_blocs_give_each_actor_its_bloc_and_tie(seeded_client: TestClient) -> None:
    refs = "Turkey,GNA,Russia,UAE,LNA,Haftar"
    full = get(seeded_client, "/blocs", actors=refs).json()
    brief = get(seeded_client, "/blocs", actors=refs, view="brief").json()
    assert [[m["id"] for m in b["members"]] for b in full["blocs"]] == [
        [m["id"] for m in brief["members"] if m["bloc"] == index]
        for index in range(1, len(full["blocs"]) + 1)]
    by_name = {m["name"]: m for m in brief["members"]}
    assert by_name["Turkey"]["bloc"] == 1 and by_name["Russia"]["bloc"] == 2
    assert (by_name["Turkey"]["relation"], by_name["Turkey"]["other"]) == (
        "SUPPORTS", "Government of National Accord")
    assert by_name["Turkey"]["evidence"]["sentence"] == TURKEY_SENTENCE
    for member in brief["members"]:
        assert_evidence(member["evidence"])
    assert brief["frustration"] == full["frustration"] == 0


def test_brief_actor_lists_its_relations_with_a_sentence(seeded_client: TestClient) -> None:
    full = get(seeded_client, "/actors/LNA").json()
    brief = get(seeded_client, "/actors/LNA", view="brief").json()
    assert [i["id"] for i in brief["items"]] == [r["other"]["id"] for r in full["relations"]]
    assert [i["relation"] for i in brief["items"]] == [r["type"] for r in full["relations"]]
    assert brief["relation_count"] == full["relation_count"]
    for item in brief["items"]:
        assert_evidence(item["evidence"])


def test_view_is_validated(seeded_client: TestClient) -> None:
    response = seeded_client.get("/actors/Turkey/allies", params={"view": "short"})
    assert response.status_code == 422
    assert "view" in response.json()["detail"]


# -- supporters ---------------------------------------------------------------------------------


def test_supporters_are_the_direct_backers_with_evidence(seeded_client: TestClient) -> None:
    gna = get(seeded_client, "/actors/GNA/supporters").json()
    assert gna["actor"]["name"] == "Government of National Accord"
    assert [(i["actor"]["name"], i["type"]) for i in gna["items"]] == [("Turkey", "SUPPORTS")]
    assert gna["items"][0]["evidence"][0]["sentence"] == TURKEY_SENTENCE
    assert gna["items"][0]["evidence"][0]["article"]["title"] == TITLE
    lna = get(seeded_client, "/actors/LNA/supporters").json()
    assert {i["actor"]["name"] for i in lna["items"]} == {"Russia", "United Arab Emirates"}
    strengths = [i["confidence"] for i in lna["items"]]
    assert strengths == sorted(strengths, reverse=True)
    # Leading is not backing, opposing is not, mediating is not.
    assert get(seeded_client, "/actors/Turkey/supporters").json()["items"] == []
    assert get(seeded_client, "/actors/UNSMIL/supporters").json()["total"] == 0
    # The inverse: whom an actor backs.
    turkey = get(seeded_client, "/actors/Turkey/supported").json()
    assert [i["actor"]["name"] for i in turkey["items"]] == ["Government of National Accord"]
    assert get(seeded_client, "/actors/GNA/supported").json()["items"] == []


def test_supporters_page_like_allies(seeded_client: TestClient) -> None:
    everyone = get(seeded_client, "/actors/LNA/supporters").json()["items"]
    first = get(seeded_client, "/actors/LNA/supporters", limit=1).json()
    second = get(seeded_client, "/actors/LNA/supporters", limit=1, offset=1).json()
    assert (first["total"], first["truncated"], second["truncated"]) == (2, True, False)
    assert first["items"] + second["items"] == everyone
    brief = get(seeded_client, "/actors/LNA/supporters", view="brief").json()
    assert [i["id"] for i in brief["items"]] == [i["actor"]["id"] for i in everyone]
    assert {i["direction"] for i in brief["items"]} == {"in"}
    assert seeded_client.get("/actors/LNA/supporters", params={"limit": 0}).status_code == 422


def test_supporters_of_an_unknown_actor_is_a_404_with_suggestions(
        seeded_client: TestClient) -> None:
    response = seeded_client.get("/actors/Turkei/supporters")
    assert response.status_code == 404
    assert response.json()["suggestions"][0]["name"] == "Turkey"


# -- conflictgraph ask ----------------------------------------------------------------------------


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def ask_store(request: pytest.FixtureRequest, tmp_path: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The hand-built seed in the store the command line will open (by --store)."""
    yield from store_for_cli(request, tmp_path, monkeypatch, [hand_built_seed_graph()])


def ask(store: str, *args: str) -> Any:
    from conflictgraph.cli import app

    return CliRunner(env={"COLUMNS": "200"}).invoke(app, ["ask", *args, "--store", store])


def api_brief(store: str, url: str, **params: Any) -> Any:
    """The API's brief answer on the store the command line read."""
    settings = get_settings()
    from conflictgraph.graph.factory import open_store

    with open_store(settings, store) as graph_store, \
            TestClient(create_app(Settings(_env_file=None), graph_store)) as client:
        return get(client, url, view="brief", **params).json()


def test_ask_json_is_the_apis_brief_view(ask_store: str) -> None:
    cases = [
        (["allies", "Haftar"], "/actors/Haftar/allies", {}),
        (["adversaries", "turkey"], "/actors/turkey/adversaries", {}),
        (["supporters", "LNA"], "/actors/LNA/supporters", {}),
        (["supported", "Turkey"], "/actors/Turkey/supported", {}),
        (["path", "Turkey", "Russia"], "/paths", {"source": "Turkey", "target": "Russia"}),
        (["blocs", "Turkey", "GNA", "Russia", "LNA"], "/blocs",
         {"actors": "Turkey,GNA,Russia,LNA"}),
        (["blocs", "--around", "GNA"], "/blocs", {"around": "GNA"}),
        (["actor", "the Emirates"], "/actors/the Emirates", {}),
    ]
    for args, url, params in cases:
        result = ask(ask_store, *args, "--json")
        assert result.exit_code == 0, (args, result.output)
        assert json.loads(result.stdout) == api_brief(ask_store, url, **params), args


def test_ask_prints_a_compact_table(ask_store: str) -> None:
    result = ask(ask_store, "adversaries", "Turkey")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Adversaries of Turkey" in out
    assert "Libyan National Army" in out and "Khalifa Haftar" in out
    assert "enemy of friend via Government of National Accord" in out
    assert "power struggle" in out and TITLE in out and "2020-10-21" in out
    supporters = ask(ask_store, "supporters", "GNA")
    assert supporters.exit_code == 0 and "Turkey" in supporters.stdout
    assert "main supporter" in supporters.stdout
    none = ask(ask_store, "supporters", "Turkey")
    assert none.exit_code == 0 and "none found" in none.stdout
    path = ask(ask_store, "path", "Turkey", "Russia", "-k", "1")
    assert path.exit_code == 0 and "Turkey → SUPPORTS Government of National Accord" in path.stdout


def test_ask_unknown_actor_says_did_you_mean(ask_store: str) -> None:
    for args in (["allies", "Turkei"], ["path", "Turkei", "Russia"], ["actor", "Turkei"],
                 ["blocs", "--around", "Turkei"]):
        result = ask(ask_store, *args)
        assert result.exit_code == 1, (args, result.output)
        assert "No actor matches 'Turkei'. Did you mean: Turkey?" in result.output
    typo = ask(ask_store, "allies", "Turky", "--json")
    assert typo.exit_code == 0 and "'Turky' is read as Turkey." in typo.stderr
    assert json.loads(typo.stdout)["actor"]["name"] == "Turkey"


def test_ask_usage_errors(ask_store: str) -> None:
    both = ask(ask_store, "blocs", "Turkey", "GNA", "--around", "LNA")
    assert both.exit_code == 2 and "not both" in both.output
    same = ask(ask_store, "path", "Turkey", "turkey")
    assert same.exit_code == 2 and "both name Turkey" in same.output


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("CONFLICTGRAPH_DATA_DIR", str(tmp_path / "never-filled"))
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_store")  # cleared
    get_settings.cache_clear()
    yield request.param
    get_settings.cache_clear()


def test_ask_on_an_empty_store_says_how_to_fill_it(empty_store: str) -> None:
    result = ask(empty_store, "allies", "Turkey")
    assert result.exit_code == 1
    assert "No actor matches 'Turkey'." in result.output
    assert "conflictgraph ingest" in result.output
