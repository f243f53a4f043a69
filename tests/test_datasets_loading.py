"""Dataset files into both stores: actors and relations, provenance, idempotent re-import,
updated and withdrawn records, text and data on one node, store failures mid-file, the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import neo4j_settings
from fastapi.testclient import TestClient
from test_api import make_settings
from test_faults import CuttingProxy
from typer.testing import CliRunner

from conflictgraph.api.app import create_app
from conflictgraph.cli import app
from conflictgraph.graph.export import export_json
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import Article, Dataset, RelationType
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import GraphStore
from conflictgraph.loaders.datasets import DatasetIngestor, DatasetSummary, record_article_id
from conflictgraph.loaders.datasets.formats import GDELT_COLUMNS
from conflictgraph.loaders.gazetteer import get_gazetteer
from conflictgraph.loaders.pipeline import Ingestor

DATA = Path(__file__).resolve().parent / "data" / "datasets"


def ingest(store: GraphStore, *names: str, version: str | None = None,
           paths: list[Path] | None = None, batch_size: int = 500) -> DatasetSummary:
    files = paths if paths is not None else [DATA / n for n in names]
    return DatasetIngestor(store, get_gazetteer(), version=version,
                           batch_size=batch_size).ingest(files)


def relations(store: GraphStore) -> set[tuple[str, str, str]]:
    return {(r.source, r.type.value, r.target) for r in store.relations()}


def content(store: GraphStore) -> tuple:
    return (store.counts(), sorted((r.key, r.evidence_count, r.confidence) for r in store.relations()),
            sorted((a.id, tuple(a.aliases), tuple(n.model_dump_json() for n in a.dataset_names))
                   for a in store.actors()))


@pytest.mark.parametrize(("name", "expected"), [
    ("acled.csv", {
        ("rapid-support-forces", "OPPOSES", "sudanese-armed-forces"),
        ("joint-darfur-force", "COOPERATES", "sudanese-armed-forces"),
        ("civilians-sudan", "OPPOSES", "rapid-support-forces"),
        ("jama-at-nusrat-al-islam-wal-muslimin", "OPPOSES", "malian-armed-forces"),
        ("protesters-sudan", "OPPOSES", "sudan"),
    }),
    ("ucdp_ged.csv", {
        ("rapid-support-forces", "OPPOSES", "sudan"),
        ("rapid-support-forces", "OPPOSES", "sudan-people-s-liberation-movement-north"),
        ("south-sudan", "OPPOSES", "south-sudan-liberation-movement"),
        ("south-sudan-liberation-movement", "OPPOSES", "sudan"),
    }),
    ("ucdp_esd.csv", {
        ("egypt", "SUPPORTS", "sudan"),
        ("united-arab-emirates", "SUPPORTS", "rapid-support-forces"),
    }),
    ("gdelt.export.CSV", {
        ("sudan-rebels", "OPPOSES", "sudanese-armed-forces"),
        ("egypt", "SUPPORTS", "sudan"),
    }),
    ("polecat.tsv", {
        ("rapid-support-forces", "OPPOSES", "sudanese-armed-forces"),
        ("joint-darfur-force", "OPPOSES", "rapid-support-forces"),
        ("egypt", "SUPPORTS", "sudanese-armed-forces"),
    }),
])
def test_each_format_loads_its_actors_and_relations(
    store: GraphStore, name: str, expected: set[tuple[str, str, str]]
) -> None:
    summary = ingest(store, name)
    assert summary.complete and summary.skipped  # every fixture has a bad row to report
    assert expected <= relations(store)
    assert summary.claims == store.counts()["claims"]
    for match in summary.matches:  # every dataset name now finds its actor
        found = store.find_actor(match.name)
        assert found is not None and found.id == match.actor_id, match
    assert summary.actors_new + summary.actors_matched == len(
        {m.actor_id for m in summary.matches})


def test_claims_carry_their_row_provenance(store: GraphStore) -> None:
    ingest(store, "acled.csv", version="2024-06-01 export")
    ingest(store, "ucdp_esd.csv")
    ingest(store, "gdelt.export.CSV")
    (battle,) = [c for c in store.evidence("rapid-support-forces", "sudanese-armed-forces",
                                           RelationType.OPPOSES) if c.dataset is Dataset.ACLED]
    assert (battle.record_id, battle.dataset_version, battle.place, str(battle.published)) == (
        "SDN90001", "2024-06-01 export", "El Fasher, North Darfur, Sudan", "2024-05-02")
    assert battle.category == "FIGHT" and battle.sentence.startswith("ACLED SDN90001")
    assert battle.article_id == record_article_id(Dataset.ACLED, "SDN90001")
    article = store.get_article(battle.article_id)
    assert article is not None and article.source == "Invented Daily; Invented Radio"

    (alleged,) = store.evidence("united-arab-emirates", "rapid-support-forces", RelationType.SUPPORTS)
    assert alleged.hedged and alleged.support_types == ["funding", "weapons"]
    assert alleged.dataset_version == "ucdp_esd.csv" and alleged.confidence < battle.confidence

    (fight,) = store.evidence("sudan-rebels", "sudanese-armed-forces", RelationType.OPPOSES)
    assert (fight.record_id, fight.mentions) == ("1100000001", 10)  # two reports, 4 + 6 mentions
    assert "1100000002" in fight.sentence
    stored = store.get_article(fight.article_id)
    assert stored is not None and stored.url == "https://news.example/a1"

    exported = export_json(store)
    items = [e for r in exported["relations"] for e in r["evidence"] if "record_id" in e]
    assert {(e["dataset"], e["record_id"]) for e in items} >= {
        ("acled", "SDN90001"), ("ucdp-esd", "5002"), ("gdelt-events", "1100000001")}


def test_reimporting_the_same_file_changes_nothing(store: GraphStore, tmp_path: Path) -> None:
    first = ingest(store, *DATA_FILES)
    before = content(store)
    again = ingest(store, *DATA_FILES)
    assert content(store) == before
    assert (again.created, again.updated, again.retracted) == (0, 0, 0)
    assert again.unchanged == again.records == first.records
    assert again.claims == first.claims


DATA_FILES = ["acled.csv", "ucdp_ged.csv", "ucdp_esd.csv", "gdelt.export.CSV", "polecat.tsv"]


def test_a_newer_export_replaces_changed_rows_and_withdraws_emptied_ones(
    store: GraphStore, tmp_path: Path
) -> None:
    ingest(store, "acled.csv")
    text = (DATA / "acled.csv").read_text()
    # SDN90007: the militia now fights the SAF, not the RSF; SDN90002 lost its actor2.
    newer = text.replace("Kordofan Hills Defence Brigade,,Identity militia,RSF: Rapid Support Forces",
                         "Kordofan Hills Defence Brigade,,Identity militia,Military Forces of Sudan (2019-)")
    newer = newer.replace("Civilians (Sudan),Masalit Ethnic Group (Sudan),7", ",,")
    assert newer.count("\n") == text.count("\n") and newer != text
    path = tmp_path / "acled-newer.csv"
    path.write_text(newer)
    summary = ingest(store, paths=[path])
    assert (summary.updated, summary.retracted) == (1, 1)
    rels = relations(store)
    assert ("kordofan-hills-defence-brigade", "OPPOSES", "sudanese-armed-forces") in rels
    assert ("kordofan-hills-defence-brigade", "OPPOSES", "rapid-support-forces") not in rels
    assert ("civilians-sudan", "OPPOSES", "rapid-support-forces") not in rels
    assert store.get_article(record_article_id(Dataset.ACLED, "SDN90002")) is None


def test_text_and_dataset_claims_about_one_dyad_meet_on_one_node(store: GraphStore, extractor) -> None:
    text = ("Egypt has supplied weapons to the Sudanese Armed Forces, officials said on Monday. "
            "The Sudanese army is fighting the Rapid Support Forces in Darfur.")
    Ingestor(store, extractor).ingest([Article.from_text(text, url="https://news.example/egypt")])
    ingest(store, "polecat.tsv", "acled.csv")
    evidence = store.evidence("egypt", "sudanese-armed-forces", RelationType.SUPPORTS)
    assert {c.dataset for c in evidence} == {None, Dataset.POLECAT}
    fights = store.evidence("rapid-support-forces", "sudanese-armed-forces", RelationType.OPPOSES)
    assert {c.dataset for c in fights} == {None, Dataset.ACLED, Dataset.POLECAT}


def test_coded_dataset_rows_land_on_the_text_actor_they_code(
    store: GraphStore, extractor, tmp_path: Path
) -> None:
    """A GDELT row coded SDN (named by its capital) and a UCDP row with gwno 625 meet the text's
    Sudan, and the actor says which code matched."""
    text = "Egypt pledged support to Sudan on Monday, its foreign ministry said."
    Ingestor(store, extractor).ingest([Article.from_text(text, url="https://news.example/sd")])
    gdelt_row = dict.fromkeys(GDELT_COLUMNS, "") | {
        "GLOBALEVENTID": "1200000001", "SQLDATE": "20240506", "MonthYear": "202405",
        "Year": "2024", "FractionDate": "2024.3370", "Actor1Code": "SDN", "Actor1Name": "KHARTOUM",
        "Actor1CountryCode": "SDN", "Actor2Code": "EGY", "Actor2Name": "CAIRO",
        "Actor2CountryCode": "EGY", "IsRootEvent": "1", "EventCode": "043", "EventBaseCode": "043",
        "EventRootCode": "04", "QuadClass": "1", "NumMentions": "3",
        "SOURCEURL": "https://news.example/g1"}
    gdelt = tmp_path / "20240506.export.CSV"
    gdelt.write_text("\t".join(gdelt_row[c] for c in GDELT_COLUMNS) + "\n", encoding="utf-8")
    ged_header = (DATA / "ucdp_ged.csv").read_text(encoding="utf-8").splitlines()[0]
    ged_row = dict.fromkeys(ged_header.split(","), "") | {
        "id": "990001", "relid": "SUD-2024-1-990", "year": "2024", "type_of_violence": "1",
        "side_a": "Government of the Republic of the Sudan", "side_a_new_id": "117",
        "side_b": "RSF", "side_b_new_id": "7012", "country": "Sudan", "date_start": "2024-05-07",
        "date_end": "2024-05-07", "best": "4", "gwnoa": "625"}
    ged = tmp_path / "ged_coded.csv"
    ged.write_text(ged_header + "\n" + ",".join(ged_row[c] for c in ged_header.split(",")) + "\n",
                   encoding="utf-8")
    summary = ingest(store, paths=[gdelt, ged])
    assert summary.complete and not summary.skipped
    undirected = {frozenset((a, b)) for a, _, b in relations(store)}
    assert {frozenset(("sudan", "egypt")), frozenset(("sudan", "rapid-support-forces"))} <= undirected
    sudan = store.get_actor("sudan")
    assert sudan is not None
    reasons = {(n.dataset, n.name): (n.reason.value, n.code) for n in sudan.dataset_names}
    assert reasons[(Dataset.GDELT_EVENTS, "Khartoum")] == ("code", "cameo:SDN")
    assert reasons[(Dataset.UCDP_GED, "Government of the Republic of the Sudan")] == ("code", "gw:625")
    # The text's Sudan and the datasets' are one node.
    assert None in {c.dataset for c in store.evidence("egypt", "sudan", RelationType.SUPPORTS)}
    rsf = store.get_actor("rapid-support-forces")
    assert rsf is not None and "ucdp:7012" in rsf.aliases


@pytest.mark.neo4j
def test_a_store_failure_mid_file_says_how_far_it_got(neo4j_store: Neo4jStore) -> None:
    """Neo4j becomes unreachable (a proxy cuts every connection) after the first batch: the
    run stops with the store's error and the line up to which every row is stored."""
    match = re.match(r"^[a-z+]+://([^:/]+):(\d+)", neo4j_settings()["uri"])
    assert match
    proxy = CuttingProxy(match.group(1), int(match.group(2)))
    cfg = neo4j_settings()
    store = Neo4jStore(f"bolt://127.0.0.1:{proxy.port}", cfg["user"], cfg["password"],
                       database=cfg["database"])
    calls = []

    def cut_after_first_batch(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 1:
            proxy.arm(after_bytes=0, outage_s=120)

    try:
        ingestor = DatasetIngestor(store, get_gazetteer(), batch_size=2)
        summary = ingestor.ingest([DATA / "acled.csv"], progress=cut_after_first_batch)
    finally:
        store.close()
        proxy.close()
    assert summary.error is not None and "run the same command again" in summary.error
    assert summary.stored_until is not None
    found = re.fullmatch(r".*acled\.csv:(\d+)", summary.stored_until)
    assert found is not None
    stored_line = int(found.group(1))
    assert stored_line == 3  # the header, then SDN90001 and SDN90002
    assert f"from line {stored_line + 1} on" in summary.error
    assert summary.records == 2 == neo4j_store.counts()["articles"]


def test_cli_ingests_datasets_with_a_summary(store: GraphStore, settings_env: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(DATA / "acled.csv"), str(DATA / "ucdp_esd.csv"),
                                 "--store", store.name, "--show-actors"])
    assert result.exit_code == 0, result.output
    assert "Dataset ingest summary" in result.output
    assert re.search(r"rows read\W+10\b", result.output), result.output
    assert "acled.csv:7: 7 fields, the header has 31" in result.output
    assert "ucdp_esd.csv:4: year '20x3' is not a year" in result.output
    assert "Military Forces of Sudan (2019-) -> sudanese-armed-forces (pattern)" in result.output
    forced = runner.invoke(app, ["ingest", "--format", "polecat", str(DATA / "acled.csv"),
                                 "--store", store.name])
    assert forced.exit_code == 1 and "run again with --format acled" in forced.output


def test_actor_detail_shows_how_dataset_names_were_matched(store: GraphStore) -> None:
    ingest(store, "acled.csv", "polecat.tsv")
    ingest(store, "acled.csv")  # again: the first reason stays, nothing is added
    with TestClient(create_app(make_settings(), store)) as client:
        answer = client.get("/actors/Military Forces of Sudan (2019-)")
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["id"] == "sudanese-armed-forces"
        assert body["dataset_names"] == [
            {"dataset": "acled", "name": "Military Forces of Sudan (2019-)", "reason": "pattern",
             "score": None, "code": None},
            {"dataset": "polecat", "name": "Sudanese Armed Forces", "reason": "exact",
             "score": None, "code": None},
        ]
        civilians = client.get("/actors/civilians-sudan").json()
        assert [(n["name"], n["reason"]) for n in civilians["dataset_names"]] == [
            ("Civilians (Sudan)", "new")]


def test_relation_answers_name_the_dataset_record_behind_each_row(store: GraphStore) -> None:
    ingest(store, "ucdp_esd.csv", version="ESD 23.1")
    with TestClient(create_app(make_settings(), store)) as client:
        answer = client.get("/actors/united-arab-emirates/relations")
        assert answer.status_code == 200, answer.text
        (relation,) = answer.json()["items"]
        (item,) = relation["evidence"]
        assert item["record"] == {"dataset": "ucdp-esd", "version": "ESD 23.1", "record_id": "5002",
                                  "place": None}
        assert item["hedged"] is True and item["sentence"].startswith("UCDP ESD 2023")


def test_acled_deletions_file_removes_the_records_it_lists(
    store: GraphStore, settings_env: Path, tmp_path: Path
) -> None:
    ingest(store, "acled.csv")
    assert ("joint-darfur-force", "COOPERATES", "sudanese-armed-forces") in relations(store)
    deletions = tmp_path / "acled-deletions.csv"
    deletions.write_text("event_id_cnty,deleted_timestamp\nSDN90001,1717100000\nSDN00000,1717100000\n,1\n")
    if isinstance(store, MemoryStore):
        store.close()  # the command becomes the file's writer
    result = CliRunner().invoke(app, ["ingest", "--deletions", str(deletions), "--store", store.name])
    assert result.exit_code == 0, result.output
    assert re.search(r"deleted\W+1\b", result.output) and re.search(r"not stored\W+1\b", result.output)
    assert "acled-deletions.csv:4: event_id_cnty is empty" in result.output
    reader = MemoryStore(store.path) if isinstance(store, MemoryStore) and store.path else store
    assert reader.get_article(record_article_id(Dataset.ACLED, "SDN90001")) is None
    assert ("joint-darfur-force", "COOPERATES", "sudanese-armed-forces") not in relations(reader)
    assert ("civilians-sudan", "OPPOSES", "rapid-support-forces") in relations(reader)
