"""Bulk load: Neo4j's importer builds the graph ingest builds, and ingest goes on after it.

The import target is a second real server with its own home, on spare ports
(CONFLICTGRAPH_TEST_BULK_PORTS="bolt,http,routing", default 7763,7764,7765): a Community
server has one user database, and the import replaces it. It shares the jars of the test
command's server (``CONFLICTGRAPH_NEO4J_HOME``), so no Maven run happens on a warm machine.
The reference graph is built by ordinary ingest in the test command's server.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.config import Settings
from conflictgraph.graph.model import Actor, Article, ArticleGraph, Claim, Dataset, RelationType
from conflictgraph.graph.neo4j_bulk import write_import_files
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.graph.store import GraphStore
from conflictgraph.loaders.bulk import ImportMemory
from conflictgraph.loaders.datasets import DatasetIngestor
from conflictgraph.loaders.gazetteer import get_gazetteer
from conflictgraph.loaders.pipeline import Ingestor
from conflictgraph.loaders.sources import load_sources
from conflictgraph.neo4j_local.manager import LocalNeo4j, LocalNeo4jConfig

REPO = Path(__file__).resolve().parent.parent
DEVSET = REPO / "tests" / "data" / "devset" / "articles.jsonl"
ACLED = REPO / "tests" / "data" / "datasets" / "acled.csv"
BOLT, HTTP, ROUTING = (
    int(port) for port in os.environ.get("CONFLICTGRAPH_TEST_BULK_PORTS", "7763,7764,7765").split(",")
)
PASSWORD = os.environ.get("NEO4J_PASSWORD", "")  # the settings the command reads


# --- the import files (no server) ------------------------------------------------------------


def _graph() -> ArticleGraph:
    article = Article.from_text("Russia backs Syria.\nRussia arms Syria.", url=None, title="",
                                published=date(2024, 5, 1))
    actors = [Actor(id="russia", name="Russia", kind="state", aliases=["RF"]),
              Actor(id="syria", name="Syria", kind="state"),
              Actor(id="iran", name="Iran", kind="state")]
    claims = [
        Claim(article_id=article.id, subject_id="russia", object_id="syria",
              type=RelationType.SUPPORTS, confidence=0.5, sentence="Russia backs Syria.",
              start=0, end=19, subject_text="Russia", object_text="Syria",
              published=date(2024, 5, 1)),
        Claim(article_id=article.id, subject_id="russia", object_id="syria",
              type=RelationType.SUPPORTS, confidence=0.25, category="AGREE",
              sentence="Russia arms Syria.", start=20, end=38, subject_text="Russia",
              object_text="Syria", published=None, dataset=Dataset.ACLED, record_id="X1",
              support_types=["troops", "arms"]),
    ]
    return ArticleGraph(article=article, actors=actors, claims=claims)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_import_files_carry_every_claim_field_and_the_edge_aggregates(tmp_path: Path) -> None:
    files = write_import_files([_graph()], tmp_path)
    header = (tmp_path / "claims.csv").read_text().splitlines()[0].split(",")
    names = {column.split(":")[0] for column in header}
    assert set(Claim.model_fields) - {"id"} <= names  # a field added to Claim is written too
    assert {"relation_key", "rel_source", "rel_target"} <= names
    claims = {row["id:ID(Claim)"]: row for row in _rows(tmp_path / "claims.csv")}
    acled = next(r for r in claims.values() if r["dataset"])
    assert acled["support_types:string[]"] == "troops\x1farms"
    assert acled["published:date"] == "" and acled["dataset"] == "acled"
    raw = (tmp_path / "claims.csv").read_text()
    assert ',"",' in raw  # the empty rule is an empty string, a missing value is not quoted
    assert ",," in raw
    relation = _rows(tmp_path / "relations.csv")[0]
    assert relation[":TYPE"] == "SUPPORTS" and relation["evidence_count:long"] == "2"
    assert float(relation["confidence:double"]) == pytest.approx(1 - 0.5 * 0.75)
    assert relation["alignment_count:long"] == "1"  # an AGREE claim is no alignment evidence
    assert files.node_counts == {"Actor": 3, "Article": 1, "Claim": 2}
    assert files.relationship_counts["SUBJECT"] == 2 and files.relationship_counts["MENTIONS"] == 3
    # the article text has a line break: only its file is read as multi-line
    assert files.multiline == [tmp_path / "articles.csv"]
    actors = {row["id:ID(Actor)"]: row for row in _rows(tmp_path / "actors.csv")}
    assert actors["russia"][":LABEL"] == "State"
    assert actors["russia"]["alias_keys:string[]"] == "rf"


def test_import_files_carry_the_per_origin_figures_ingest_keeps(tmp_path: Path) -> None:
    """Claims' origin and each edge's per-origin sources and alignment are in the files, and
    the write lock says so: the schema step then has no claim or edge to scan."""
    write_import_files([_graph()], tmp_path)
    claims = {row["dataset"]: row for row in _rows(tmp_path / "claims.csv")}
    assert claims["acled"]["origin"] == "acled" and claims[""]["origin"] == ""
    relation = _rows(tmp_path / "relations.csv")[0]
    assert relation["sources_text:long"] == "1" and relation["sources_acled:long"] == "1"
    assert relation["alignment_count_text:long"] == "1"
    assert relation["alignment_count_acled:long"] == "0"
    assert float(relation["alignment_doubt_text:double"]) == pytest.approx(0.5)
    assert float(relation["alignment_doubt_acled:double"]) == 1.0
    assert relation["sources_ucdp:long"] == "" and relation["alignment_doubt_ucdp:double"] == ""
    lock = _rows(tmp_path / "write_lock.csv")[0]
    assert lock["alignment_counted:boolean"] == "true"
    assert lock["sources_counted:boolean"] == "true"


def test_a_symmetric_claim_lands_on_the_stored_key(tmp_path: Path) -> None:
    """A symmetric relation written the other way round is one edge, keyed in sorted order,
    while the claim keeps its own subject and object."""
    graph = _graph()
    claim = Claim(article_id=graph.article.id, subject_id="syria", object_id="russia",
                  type=RelationType.COOPERATES, confidence=0.5, sentence="Syria and Russia.",
                  start=0, end=17, subject_text="Syria", object_text="Russia")
    graph = ArticleGraph(article=graph.article, actors=graph.actors, claims=[claim])
    write_import_files([graph], tmp_path)
    relation = _rows(tmp_path / "relations.csv")[0]
    assert (relation[":START_ID(Actor)"], relation[":END_ID(Actor)"]) == ("russia", "syria")
    row = _rows(tmp_path / "claims.csv")[0]
    assert row["relation_key"] == "russia|COOPERATES|syria"
    assert (row["rel_source"], row["rel_target"]) == ("russia", "syria")
    assert _rows(tmp_path / "subject.csv")[0][":END_ID(Actor)"] == "syria"


def test_import_memory_follows_the_machine() -> None:
    small = ImportMemory.for_machine(available=2 * 2**30)
    assert (small.heap, small.off_heap) == ("512m", "1024m")
    big = ImportMemory.for_machine(available=120 * 2**30)
    assert (big.heap, big.off_heap) == ("8192m", "61440m")


# --- against real servers --------------------------------------------------------------------


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    """An empty home for the import, on spare ports; the server is started by bulk-load."""
    shared = LocalNeo4j(LocalNeo4jConfig.from_settings(Settings(), password="unused-here"))
    shared.provision()
    home = tmp_path_factory.mktemp("bulk-home")
    manager = LocalNeo4j(LocalNeo4jConfig(
        home=home, password=PASSWORD, bolt_port=BOLT, http_port=HTTP, routing_port=ROUTING,
        heap="512m", pagecache="256m", lib_dir=shared.config.libs))
    yield manager
    manager.stop()


def _split_devset(tmp_path: Path) -> tuple[Path, Path]:
    lines = DEVSET.read_text(encoding="utf-8").splitlines()
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text("\n".join(lines[:14]) + "\n", encoding="utf-8")
    later.write_text("\n".join(lines[14:20]) + "\n", encoding="utf-8")
    return first, later


def _ingest_articles(store: GraphStore, path: Path) -> None:
    summary = Ingestor(store).ingest(load_sources([path]))
    assert summary.complete and summary.articles


def _snapshot(store: GraphStore) -> dict[str, Any]:
    """The graph as the read API gives it, in a stable order."""
    articles = store.articles()
    claims = sorted(
        (c.model_dump(mode="json") for a in articles for c in store.article_claims(a.id)),
        key=lambda c: c["id"])
    relations = []
    for rel in store.relations():
        data = rel.model_dump(mode="json")
        data["confidence"] = round(data["confidence"], 5)
        data["alignment_confidence"] = round(data["alignment_confidence"], 5)
        relations.append(data)
    return {
        "actors": [a.model_dump(mode="json") for a in store.actors()],
        "articles": [a.model_dump(mode="json") for a in articles],
        "texts": [getattr(store.get_article(a.id), "text", None) for a in articles],
        "claims": claims,
        "relations": relations,
    }


def _bulk_load(manager: LocalNeo4j, tmp_path: Path, *args: str) -> Any:
    cfg = manager.config
    return CliRunner().invoke(app, [
        "bulk-load", *args, "--neo4j-home", str(cfg.home), "--bolt-port", str(cfg.bolt_port),
        "--http-port", str(cfg.http_port), "--routing-port", str(cfg.routing_port),
        "--import-heap", "512m", "--import-memory", "512m",
        "--report", str(tmp_path / "report.json"), "--timeout", "240",
    ])


@pytest.mark.neo4j
def test_bulk_load_then_ingest_equals_ingest_alone(
    target: LocalNeo4j, neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    first, later = _split_devset(tmp_path)

    # Ingest alone, in the test command's server: articles, the dataset, more articles.
    _ingest_articles(neo4j_store, first)
    DatasetIngestor(neo4j_store, get_gazetteer()).ingest([ACLED])
    _ingest_articles(neo4j_store, later)
    expected = _snapshot(neo4j_store)
    assert expected["claims"] and any(c["dataset"] == "acled" for c in expected["claims"])

    # Bulk load of the same first articles and dataset (extraction in two processes), then
    # ordinary ingest of the later articles into the bulk-loaded database.
    result = _bulk_load(target, tmp_path, str(first), str(ACLED), "--workers", "2")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["ok"] and report["rejected"] == 0
    assert report["nodes_found"] == report["nodes_written"]
    assert report["relationships_found"] == report["relationships_written"]
    cfg = target.config
    with Neo4jStore(cfg.bolt_uri, cfg.user, cfg.password) as bulk:
        schema, _, _ = bulk.driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
        assert {"actor_id", "article_id", "claim_id"} <= {r["name"] for r in schema}
        _ingest_articles(bulk, later)
        assert _snapshot(bulk) == expected

    # A second bulk load would replace the data: refused without --force, nothing touched.
    again = _bulk_load(target, tmp_path, str(later))
    assert again.exit_code == 2
    assert "not empty" in again.output and "--force" in again.output
    with Neo4jStore(cfg.bolt_uri, cfg.user, cfg.password) as bulk:
        assert _snapshot(bulk) == expected



def _bulk_load_into(data_dir: Path, tmp_path: Path, *args: str) -> Any:
    return CliRunner().invoke(app, [
        "bulk-load", *args, "--into", str(data_dir), "--csv-dir", str(tmp_path / "csv"),
        "--import-heap", "512m", "--import-memory", "512m",
        "--report", str(tmp_path / "report-into.json"),
    ])


@pytest.mark.neo4j
def test_bulk_load_into_a_data_directory_then_ingest_equals_ingest_alone(
    target: LocalNeo4j, neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    """``--into`` imports into the data directory of another, stopped installation and
    starts nothing; that installation's server then serves the graph ingest would build,
    and the store creates its schema on connecting."""
    first, later = _split_devset(tmp_path)
    home = tmp_path / "other-installation"
    data = home / "data"
    result = _bulk_load_into(data, tmp_path, str(first), str(ACLED), "--workers", "2")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report-into.json").read_text())
    assert report["ok"] and not report["online"] and report["rejected"] == 0
    assert report["nodes_imported"] == sum(report["nodes_written"].values()) + 1
    assert report["relationships_imported"] == sum(report["relationships_written"].values())
    assert (data / "databases" / "neo4j").is_dir()
    assert not (tmp_path / "csv").exists()  # the import files go after a good load

    _ingest_articles(neo4j_store, first)
    DatasetIngestor(neo4j_store, get_gazetteer()).ingest([ACLED])
    _ingest_articles(neo4j_store, later)
    expected = _snapshot(neo4j_store)

    target.stop()  # its ports serve the other installation now
    cfg = target.config
    server = LocalNeo4j(LocalNeo4jConfig(
        home=home, password=PASSWORD, bolt_port=cfg.bolt_port, http_port=cfg.http_port,
        routing_port=cfg.routing_port, heap="512m", pagecache="256m", lib_dir=cfg.libs))
    server.start(timeout=240)
    try:
        with Neo4jStore(cfg.bolt_uri, cfg.user, PASSWORD) as bulk:
            schema, _, _ = bulk.driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
            assert {"actor_id", "article_id", "claim_id"} <= {r["name"] for r in schema}
            _ingest_articles(bulk, later)
            assert _snapshot(bulk) == expected
    finally:
        server.stop()

    # Its database would be replaced: refused without --force (offline, nothing counts it).
    again = _bulk_load_into(data, tmp_path, str(later))
    assert again.exit_code == 2
    assert "already holds a database" in again.output and "--force" in again.output
