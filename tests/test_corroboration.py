"""Corroboration: how many independent sources of each origin (news text, ACLED, UCDP, GDELT,
POLECAT) back a relation, the ``origin`` filter of the API and the cookbook, and the
cookbook's list of dyads where text and data disagree. Both stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import neo4j_settings
from fastapi.testclient import TestClient
from test_api import make_settings

from conflictgraph.api.app import create_app
from conflictgraph.graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    Dataset,
    Origin,
    RelationType,
    origin_of,
)
from conflictgraph.graph.neo4j_sandbox import run_read_only
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import GraphStore
from conflictgraph.graph.window import Window, WindowedStore
from conflictgraph.loaders.datasets import DatasetIngestor
from conflictgraph.loaders.gazetteer import get_gazetteer
from conflictgraph.queries import cookbook
from conflictgraph.queries.alignment import adversaries, allies

DATA = Path(__file__).resolve().parent / "data" / "datasets"
PROBLEM = "application/problem+json"

RSF = Actor(id="rapid-support-forces", name="Rapid Support Forces", kind=ActorKind.ARMED_GROUP,
            country="SD")
SAF = Actor(id="sudanese-armed-forces", name="Sudanese Armed Forces", kind=ActorKind.ARMED_GROUP,
            country="SD")
EGYPT = Actor(id="egypt", name="Egypt", kind=ActorKind.STATE, country="EG")
SUDAN = Actor(id="sudan", name="Sudan", kind=ActorKind.STATE, country="SD")
JDF = Actor(id="joint-darfur-force", name="Joint Darfur Force", kind=ActorKind.ARMED_GROUP,
            country="SD")
RSF_SAF = ("rapid-support-forces", "sudanese-armed-forces", RelationType.OPPOSES)
EGYPT_SUDAN = ("egypt", "sudan", RelationType.SUPPORTS)


def text_article(url: str, published: date,
                 statements: list[tuple[Actor, Actor, RelationType, str, str]]) -> ArticleGraph:
    """A news article stating (subject, object, type, PLOVER category, sentence) claims."""
    text = " ".join(s[4] for s in statements)
    art = Article.from_text(text, url=url, title=url, published=published, source="Invented News")
    claims, at = [], 0
    for subject, obj, rel_type, category, sentence in statements:
        claims.append(Claim(article_id=art.id, subject_id=subject.id, object_id=obj.id,
                            type=rel_type, category=category, sentence=sentence, start=at,
                            end=at + len(sentence), subject_text=subject.name,
                            object_text=obj.name, published=published, extractor="test"))
        at += len(sentence) + 1
    actors = {a.id: a for s in statements for a in s[:2]}
    return ArticleGraph(article=art, actors=list(actors.values()), claims=claims)


def fight_report(url: str = "https://news.example/el-fasher") -> ArticleGraph:
    """Two sentences of one article on the RSF-SAF fighting (one source), and Egypt's backing."""
    return text_article(url, date(2024, 5, 3), [
        (RSF, SAF, RelationType.OPPOSES, "FIGHT", "The RSF attacked army positions in El Fasher."),
        (SAF, RSF, RelationType.OPPOSES, "FIGHT", "The army shelled RSF lines on Friday."),
        (EGYPT, SUDAN, RelationType.SUPPORTS, "AID", "Egypt sent aid to Sudan."),
    ])


def dataset_file(tmp_path: Path, name: str, record_ids: set[str]) -> Path:
    """The fixture file ``name`` with its header and the rows of ``record_ids`` only."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / f"only-{'-'.join(sorted(record_ids))}-{name}"
    path.write_text(lines[0] + "".join(x for x in lines[1:] if x.split(",")[0] in record_ids),
                    encoding="utf-8")
    return path


def ingest(store: GraphStore, *paths: Path) -> None:
    summary = DatasetIngestor(store, get_gazetteer()).ingest(list(paths))
    assert summary.complete, summary.error


def load_sudan(store: GraphStore, tmp_path: Path) -> None:
    """The text article, ACLED SDN90001 (SAF and associated forces against the RSF) and
    UCDP ESD 5001 (Egypt backs the Government of Sudan)."""
    store.upsert([fight_report()])
    ingest(store, dataset_file(tmp_path, "acled.csv", {"SDN90001"}),
           dataset_file(tmp_path, "ucdp_esd.csv", {"5001"}))


def sources(store: GraphStore) -> dict[tuple[str, str, RelationType], dict[str, int]]:
    return {r.key: {o.value: n for o, n in r.sources.items()} for r in store.relations()}


# -- origins --------------------------------------------------------------------------------


def test_each_dataset_has_one_origin() -> None:
    assert origin_of(None) is Origin.TEXT
    assert {d: origin_of(d).value for d in Dataset} == {
        Dataset.ACLED: "acled", Dataset.UCDP_GED: "ucdp", Dataset.UCDP_ESD: "ucdp",
        Dataset.GDELT_EVENTS: "gdelt", Dataset.POLECAT: "polecat"}


# -- sources per origin, on both stores -----------------------------------------------------


def test_text_and_dataset_rows_about_one_dyad_count_one_source_each(
        store: GraphStore, tmp_path: Path) -> None:
    load_sudan(store, tmp_path)
    found = sources(store)
    # Two sentences of one article are one source; one ACLED record is one source.
    assert found[RSF_SAF] == {"text": 1, "acled": 1}
    assert found[EGYPT_SUDAN] == {"text": 1, "ucdp": 1}
    (rel,) = [r for r in store.neighbours("joint-darfur-force") if r.target == SAF.id]
    assert rel.sources == {Origin.ACLED: 1}
    # A second article adds a source; a second import of the same rows adds none.
    store.upsert([fight_report("https://news.example/darfur-update")])
    load_sudan(store, tmp_path)
    assert sources(store)[RSF_SAF] == {"text": 2, "acled": 1}
    assert sources(store)[EGYPT_SUDAN] == {"text": 2, "ucdp": 1}


def test_reimport_and_edits_keep_the_counts_exact(store: GraphStore, tmp_path: Path) -> None:
    load_sudan(store, tmp_path)
    before = sources(store)
    load_sudan(store, tmp_path)
    assert sources(store) == before
    # An edited article is still one source; a retracted one is none.
    edited = fight_report()
    edited.article.text += " "
    edited.article.title = "El Fasher, updated"
    store.upsert([edited])
    assert sources(store) == before
    store.retract(edited.article.id)
    found = sources(store)
    assert found[RSF_SAF] == {"acled": 1} and found[EGYPT_SUDAN] == {"ucdp": 1}
    # A record imported again under a newer export: still one record.
    newer = (DATA / "acled.csv").read_text(encoding="utf-8").replace(
        "Invented: on 2 May 2024", "Invented (revised): on 2 May 2024")
    (tmp_path / "newer").mkdir()
    revised = tmp_path / "newer" / "acled.csv"
    revised.write_text(newer, encoding="utf-8")
    ingest(store, dataset_file(tmp_path / "newer", "acled.csv", {"SDN90001"}))
    assert sources(store)[RSF_SAF] == {"acled": 1}


@pytest.mark.neo4j
def test_neo4j_counts_sources_on_relations_written_before(neo4j_store: Neo4jStore,
                                                          tmp_path: Path) -> None:
    # A graph written before relations carried sources gets them at the next start.
    load_sudan(neo4j_store, tmp_path)
    expected = {r.key: r for r in neo4j_store.relations()}
    neo4j_store.driver.execute_query(
        "MATCH ()-[r]->() WITH r, [k IN keys(r) WHERE k STARTS WITH 'sources_' "
        "OR k STARTS WITH 'alignment_count_' OR k STARTS WITH 'alignment_doubt_'] AS ks "
        "CALL (r, ks) { FOREACH (k IN ks | SET r[k] = null) } "
        "WITH count(*) AS n MATCH (c:Claim) REMOVE c.origin "
        "WITH count(*) AS n MATCH (l:WriteLock) REMOVE l.sources_counted",
        database_=neo4j_store.database)
    assert {len(r.sources) for r in neo4j_store.relations()} == {0}
    cfg = neo4j_settings()
    again = Neo4jStore(cfg["uri"], cfg["user"], cfg["password"], database=cfg["database"])
    try:
        assert {r.key: r for r in again.relations()} == expected
        assert sources(again)[RSF_SAF] == {"text": 1, "acled": 1}
        # Later writes fold into the counted edges.
        again.upsert([fight_report("https://news.example/later")])
        assert sources(again)[RSF_SAF] == {"text": 2, "acled": 1}
    finally:
        again.close()


# -- the API: sources in the answers, and the origin filter ---------------------------------


@pytest.fixture
def client(store: GraphStore, tmp_path: Path) -> Iterator[TestClient]:
    load_sudan(store, tmp_path)
    with TestClient(create_app(make_settings(), store)) as test_client:
        yield test_client


def _relations(client: TestClient, ref: str, **params: Any) -> dict[tuple[str, str, str], Any]:
    answer = client.get(f"/actors/{ref}/relations", params=params)
    assert answer.status_code == 200, answer.text
    return {(i["source"]["id"], i["type"], i["target"]["id"]): i for i in answer.json()["items"]}


def test_relation_answers_say_how_many_sources_of_each_origin(client: TestClient) -> None:
    rsf = _relations(client, "RSF")
    assert rsf["rapid-support-forces", "OPPOSES", "sudanese-armed-forces"]["sources"] == {
        "text": 1, "acled": 1}
    allied = client.get("/actors/joint-darfur-force/allies").json()
    army = next(i for i in allied["items"] if i["actor"]["id"] == "sudanese-armed-forces")
    assert [h["sources"] for h in army["paths"][0]["hops"]] == [{"acled": 1}]
    backers = client.get("/actors/sudan/supporters").json()
    (item,) = [i for i in backers["items"] if i["actor"]["id"] == "egypt"]
    assert item["sources"] == {"text": 1, "ucdp": 1}
    paths = client.get("/paths", params={"source": "RSF", "target": "Joint Darfur Force"}).json()
    hops = [[(h["target"]["id"], h["sources"]) for h in p["hops"]] for p in paths["paths"]]
    assert hops[0] == [("joint-darfur-force", {"acled": 1})]  # the direct fight, in ACLED
    assert [("sudanese-armed-forces", {"text": 1, "acled": 1}),
            ("joint-darfur-force", {"acled": 1})] in hops
    graph = client.get("/graph", params={"around": "RSF", "depth": 1}).json()
    edges = {e["id"]: e["sources"] for e in graph["edges"]}
    assert edges["rapid-support-forces|OPPOSES|sudanese-armed-forces"] == {"text": 1, "acled": 1}
    exported = client.get("/graph/export").json()
    (fight,) = [r for r in exported["relations"]
                if (r["source"], r["target"], r["type"]) == RSF_SAF]
    assert fight["sources"] == {"text": 1, "acled": 1}


def test_origin_filter_answers_from_the_claims_of_those_origins(client: TestClient) -> None:
    fight = ("rapid-support-forces", "OPPOSES", "sudanese-armed-forces")
    # Text only: the dataset-only relations are gone, the mixed one rests on its sentences.
    text = _relations(client, "Sudanese Armed Forces", origin="text")
    assert set(text) == {fight}
    assert text[fight]["sources"] == {"text": 1} and text[fight]["evidence_count"] == 2
    assert all(e["record"] is None for e in text[fight]["evidence"])
    # ACLED only: the record, and the associated forces fighting alongside the army.
    acled = _relations(client, "Sudanese Armed Forces", origin="acled")
    assert fight in acled and acled[fight]["sources"] == {"acled": 1}
    assert {e["record"]["record_id"] for e in acled[fight]["evidence"]} == {"SDN90001"}
    assert ("joint-darfur-force", "COOPERATES", "sudanese-armed-forces") in acled
    # A list, comma-separated or repeated, is the union; all origins is the unfiltered answer.
    every = _relations(client, "Sudanese Armed Forces")
    assert _relations(client, "Sudanese Armed Forces", origin="text,acled,ucdp") == every
    assert client.get("/actors/sudanese-armed-forces/relations",
                      params=[("origin", "TEXT"), ("origin", "acled")]).json()["items"] == [
        every[k] for k in _relations(client, "Sudanese Armed Forces", origin="text,acled")]
    # Allies, supporters, paths, blocs, the graph and export follow the same filter.
    allies_of = client.get("/actors/joint-darfur-force/allies", params={"origin": "text"}).json()
    assert allies_of["items"] == []
    assert {i["actor"]["id"] for i in client.get(
        "/actors/joint-darfur-force/allies", params={"origin": "acled"}).json()["items"]} == {
        "sudanese-armed-forces", "sudan-liberation-movement"}
    backers = client.get("/actors/sudan/supporters", params={"origin": "ucdp"}).json()
    assert [(i["actor"]["id"], i["sources"]) for i in backers["items"]] == [("egypt", {"ucdp": 1})]
    assert client.get("/actors/sudan/supporters", params={"origin": "gdelt"}).json()["items"] == []
    assert client.get("/paths", params={"source": "RSF", "target": "Joint Darfur Force",
                                        "origin": "text"}).json()["paths"] == []
    graph = client.get("/graph", params={"around": "Sudanese Armed Forces", "depth": 1,
                                         "origin": "text"}).json()
    assert [e["id"] for e in graph["edges"]] == ["rapid-support-forces|OPPOSES|sudanese-armed-forces"]
    actors = {"actors": "RSF,Sudanese Armed Forces,Joint Darfur Force"}
    blocs = client.get("/blocs", params={**actors, "origin": "text"})
    assert blocs.status_code == 200, blocs.text
    assert [a["id"] for a in blocs.json()["unaligned"]] == ["joint-darfur-force"]
    assert client.get("/blocs", params=actors).json()["unaligned"] == []
    exported = client.get("/graph/export", params={"origin": "ucdp"}).json()
    assert [(r["source"], r["target"], r["sources"]) for r in exported["relations"]] == [
        ("egypt", "sudan", {"ucdp": 1})]
    # With a window, both filters apply.
    assert _relations(client, "Sudanese Armed Forces", origin="text", until="2024-05-02") == {}


def test_brief_answers_say_how_many_sources_of_each_origin(client: TestClient) -> None:
    brief = {"view": "brief"}
    allied = client.get("/actors/joint-darfur-force/allies", params=brief).json()
    army = next(i for i in allied["items"] if i["id"] == "sudanese-armed-forces")
    assert army["sources"] == {"acled": 1}
    backers = client.get("/actors/sudan/supporters", params=brief).json()
    assert [(i["id"], i["sources"]) for i in backers["items"]] == [
        ("egypt", {"text": 1, "ucdp": 1})]
    paths = client.get("/paths", params={"source": "RSF", "target": "Joint Darfur Force",
                                         **brief}).json()
    hops = [[(h["id"], h["sources"]) for h in p["hops"]] for p in paths["paths"]]
    assert [("sudanese-armed-forces", {"text": 1, "acled": 1}),
            ("joint-darfur-force", {"acled": 1})] in hops
    actor = client.get("/actors/RSF", params=brief).json()
    fight = next(i for i in actor["items"] if i["id"] == "sudanese-armed-forces")
    assert fight["sources"] == {"text": 1, "acled": 1}
    blocs = client.get("/blocs", params={"actors": "RSF,Sudanese Armed Forces", **brief}).json()
    assert {m["id"]: m["sources"] for m in blocs["members"]} == {
        "rapid-support-forces": {"text": 1, "acled": 1},
        "sudanese-armed-forces": {"text": 1, "acled": 1}}
    # the origin filter counts only the sources it keeps
    text_only = client.get("/actors/sudan/supporters", params={**brief, "origin": "text"}).json()
    assert [(i["id"], i["sources"]) for i in text_only["items"]] == [("egypt", {"text": 1})]


def test_ask_takes_the_origin_filter_of_the_api(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from conflictgraph.cli import app
    from conflictgraph.config import get_settings
    from conflictgraph.graph.memory_store import MemoryStore

    monkeypatch.setenv("CONFLICTGRAPH_DATA_DIR", str(tmp_path))
    writer = MemoryStore(tmp_path / "graph.json")
    load_sudan(writer, tmp_path)
    writer.close()
    get_settings.cache_clear()

    def ask(*args: str) -> Any:
        result = CliRunner(env={"COLUMNS": "200"}).invoke(
            app, ["ask", *args, "--store", "memory"])
        assert result.exit_code == 0, result.output
        return result

    def allies(*origins: str) -> dict[str, dict[str, int]]:
        answer = json.loads(ask(*origins, "allies", "Joint Darfur Force", "--json").output)
        return {i["id"]: i["sources"] for i in answer["items"]}

    assert allies() == allies("--origin", "acled") == {
        "sudanese-armed-forces": {"acled": 1}, "sudan-liberation-movement": {"acled": 1}}
    assert allies("--origin", "text") == {}
    backers = json.loads(ask("--origin", "ucdp", "supporters", "Sudan", "--json").output)
    assert [(i["id"], i["sources"]) for i in backers["items"]] == [("egypt", {"ucdp": 1})]
    both = json.loads(ask("--origin", "text", "--origin", "UCDP", "supporters", "Sudan",
                          "--json").output)
    assert [(i["id"], i["sources"]) for i in both["items"]] == [("egypt", {"text": 1, "ucdp": 1})]
    table = ask("--origin", "text", "actor", "RSF").output
    assert "Sudanese Armed Forces" in table and "text 1" in table and "acled" not in table
    bad = CliRunner().invoke(app, ["ask", "--origin", "bbc", "allies", "RSF", "--store", "memory"])
    assert bad.exit_code == 2 and "text" in bad.output and "polecat" in bad.output


@pytest.mark.parametrize("path", [
    "/actors/RSF/relations", "/actors/RSF/allies", "/actors/RSF/adversaries",
    "/actors/RSF/supporters", "/graph?around=RSF", "/graph/export",
    "/paths?source=RSF&target=Sudan", "/blocs?actors=RSF,Sudan",
])
def test_an_unknown_origin_is_a_problem_naming_the_choices(client: TestClient, path: str) -> None:
    answer = client.get(path, params={"origin": "text,bbc"})
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM)
    detail = answer.json()["detail"]
    assert "1 unknown origin" in detail and "text, acled, ucdp, gdelt, polecat" in detail
    assert "bbc" not in detail  # error bodies never repeat the request


# -- the cookbook -----------------------------------------------------------------------------


def run(store: Neo4jStore, name: str, **params: Any) -> list[dict[str, Any]]:
    query = cookbook.get(name)
    result = run_read_only(store.driver, store.database, query.text, query.parameters(params))
    assert not result.truncated
    return result.records()


def test_the_disagreements_query_declares_the_parameters_it_uses() -> None:
    from test_cookbook import _parameters_used

    query = cookbook.get("disagreements")
    assert {p.name for p in query.params} == _parameters_used(query.text)
    assert all(p.description for p in query.params) and query.examples
    for name in ("allies", "adversaries", "supporters"):
        assert cookbook.get(name).defaults["origins"] is None  # today's answers by default


@pytest.mark.neo4j
def test_cookbook_alignment_with_origins_agrees_with_the_api(neo4j_store: Neo4jStore,
                                                             tmp_path: Path) -> None:
    load_sudan(neo4j_store, tmp_path)
    ingest(neo4j_store, DATA / "ucdp_ged.csv", DATA / "polecat.tsv")
    neo4j_store.upsert([text_article("https://news.example/jdf", date(2024, 5, 9), [
        (JDF, RSF, RelationType.SUPPORTS, "SUPPORT", "The Joint Darfur Force backs the RSF."),
    ])])
    compared = 0
    for origins in (None, ["text"], ["acled", "ucdp"], ["polecat"]):
        view = neo4j_store if origins is None else WindowedStore(
            neo4j_store, Window(), frozenset(Origin(o) for o in origins))
        for actor in neo4j_store.actors():
            api = ({i.actor.name for i in allies(view, actor.id, limit=1000).items},
                   {i.actor.name for i in adversaries(view, actor.id, limit=1000).items})
            book = ({r["ally"] for r in run(neo4j_store, "allies", actor=actor.id,
                                            origins=origins)},
                    {r["adversary"] for r in run(neo4j_store, "adversaries", actor=actor.id,
                                                 origins=origins)})
            assert book == api, (origins, actor.id)
            compared += bool(api[0] or api[1])
            backers = {r["supporter"] for r in run(neo4j_store, "supporters", actor=actor.id,
                                                   origins=origins)}
            stated = {r.source for r in view.neighbours(actor.id, types=[RelationType.SUPPORTS],
                                                        direction="in")}
            stated |= {r.target if r.source == actor.id else r.source for r in view.neighbours(
                actor.id, types=[RelationType.ALLIED_WITH])}
            assert backers == {a.name for a in neo4j_store.get_actors(stated).values()}
    assert compared >= 10
    rows = run(neo4j_store, "supporters", actor="Sudan", origins=["ucdp"])
    assert [(r["supporter"], dict(r["sources"])) for r in rows] == [("Egypt", {"ucdp": 1})]


def plant_disagreements(store: GraphStore) -> None:
    """ACLED: SAF (with the Joint Darfur Force) fights the RSF on 2 May 2024; the Kordofan
    militia fights the RSF on 7 May. POLECAT: the RSF and the JDF fight. And articles."""
    ingest(store, DATA / "acled.csv", DATA / "polecat.tsv")
    kordofan = Actor(id="kordofan-hills-defence-brigade", name="Kordofan Hills Defence Brigade",
                     kind=ActorKind.ARMED_GROUP, country="SD")
    store.upsert([
        # Planted: text says the RSF and the army cooperate the same month the data has them
        # fighting.
        text_article("https://news.example/pact", date(2024, 5, 20), [
            (RSF, SAF, RelationType.COOPERATES, "COOPERATE",
             "The RSF and the army are coordinating operations in Darfur."),
        ]),
        # Consistent: text, too, has the militia fighting the RSF.
        text_article("https://news.example/kordofan", date(2024, 5, 8), [
            (kordofan, RSF, RelationType.OPPOSES, "FIGHT", "The militia ambushed an RSF convoy."),
        ]),
        # Another period: text support a year before the data's fighting.
        text_article("https://news.example/old-pact", date(2023, 4, 1), [
            (JDF, RSF, RelationType.SUPPORTS, "SUPPORT", "The Joint Darfur Force backs the RSF."),
        ]),
        # Talks are no support: a ceasefire agreed by fighting parties is no disagreement.
        text_article("https://news.example/talks", date(2024, 5, 21), [
            (kordofan, RSF, RelationType.COOPERATES, "AGREE",
             "The militia and the RSF agreed a local truce."),
        ]),
    ])


def test_api_lists_text_support_against_data_fighting(store: GraphStore) -> None:
    plant_disagreements(store)
    with TestClient(create_app(make_settings(), store)) as client:
        answer = client.get("/disagreements")
        assert answer.status_code == 200, answer.text
        (item,) = answer.json()["items"]
        assert (item["actor_a"]["id"], item["actor_b"]["id"], item["months"]) == (
            "rapid-support-forces", "sudanese-armed-forces", ["2024-05"])
        assert (item["text_claims"], item["text_articles"], item["text_relation"]) == (
            1, 1, "COOPERATES")
        assert item["text_evidence"]["article"]["url"] == "https://news.example/pact"
        assert item["data_records"] >= 2 and {"acled", "polecat"} <= set(item["data_datasets"])
        assert item["data_evidence"]["record"]["record_id"]
        wide = client.get("/disagreements", params={"same_month": "false"}).json()
        assert {(i["actor_a"]["id"], i["actor_b"]["id"]) for i in wide["items"]} == {
            ("joint-darfur-force", "rapid-support-forces"),
            ("rapid-support-forces", "sudanese-armed-forces")}
        assert client.get("/disagreements", params={"data_origin": "ucdp"}).json()["items"] == []
        for bad in ({"data_origin": "text"}, {"data_origin": "bbc"}, {"since": "0.0"},
                    {"until": "2024-02-30"}, {"since": "2024-06-01", "until": "2024-05-01"}):
            refused = client.get("/disagreements", params=bad)
            assert refused.status_code == 422 and refused.headers["content-type"].startswith(PROBLEM)


@pytest.mark.neo4j
def test_disagreements_list_text_support_against_data_fighting(neo4j_store: Neo4jStore) -> None:
    plant_disagreements(neo4j_store)
    rows = run(neo4j_store, "disagreements")
    assert [(r["actor_a"], r["actor_b"]) for r in rows] == [
        ("Rapid Support Forces", "Sudanese Armed Forces")]
    (row,) = rows
    assert row["months"] == ["2024-05"]
    assert (row["text_claims"], row["text_articles"], row["text_relation"]) == (1, 1, "COOPERATES")
    assert row["text_sentence"] == "The RSF and the army are coordinating operations in Darfur."
    assert row["text_url"] == "https://news.example/pact"
    assert row["data_records"] >= 2 and {"acled", "polecat"} <= set(row["data_datasets"])
    assert row["data_record_id"] and row["data_sentence"]
    # Across the whole period, the year-old backing disagrees too; a window leaves it out.
    wide = run(neo4j_store, "disagreements", same_month=False)
    assert {(r["actor_a"], r["actor_b"]) for r in wide} == {
        ("Joint Darfur Force", "Rapid Support Forces"),
        ("Rapid Support Forces", "Sudanese Armed Forces")}
    assert [r["actor_b"] for r in run(neo4j_store, "disagreements", same_month=False,
                                      since="2024-01-01")] == ["Sudanese Armed Forces"]
    assert run(neo4j_store, "disagreements", data_origins=["ucdp"]) == []
    # The API's GET /disagreements answers the same.
    from conflictgraph.queries.disagreements import disagreements

    every = ["acled", "ucdp", "gdelt", "polecat"]
    choices: list[tuple[bool, str | None, list[str]]] = [
        (True, None, every), (False, None, every), (False, "2024-01-01", every),
        (True, None, ["polecat"])]
    for same_month, since, data_origins in choices:
        params = {"same_month": same_month, "since": since, "data_origins": data_origins}
        book = [(r["actor_a"], r["actor_b"], r["months"], r["text_claims"], r["text_articles"],
                 r["text_sentence"], r["data_claims"], r["data_records"], r["data_datasets"],
                 r["data_record_id"]) for r in run(neo4j_store, "disagreements", **params)]
        api = disagreements(neo4j_store, since=date.fromisoformat(since) if since else None,
                            same_month=same_month, data_origins=[Origin(o) for o in data_origins])
        assert book == [(i.actor_a.name, i.actor_b.name, i.months, i.text_claims,
                         i.text_articles, i.text_evidence.sentence, i.data_claims,
                         i.data_records, [d.value for d in i.data_datasets],
                         i.data_evidence.record.record_id if i.data_evidence.record else None)
                        for i in api.items], params
