"""Export: the JSON shape is exact, GraphML loads back into networkx with the same graph."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.config import get_settings
from conflictgraph.graph.export import export_graphml, export_json
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import Actor, Article, ArticleGraph, Claim, RelationType
from conflictgraph.graph.store import GraphStore

TURKEY = Actor(id="turkey", name="Turkey", kind="state", aliases=["Türkiye", "Ankara"],
               country="TR")
GNA = Actor(id="gna", name="Government of National Accord", kind="government", aliases=["GNA"])
LNA = Actor(id="lna", name="Libyan National Army", kind="armed_group", aliases=["LNA"])


def _claim(article: Article, subject: Actor, obj: Actor, rel: RelationType, sentence: str,
           subject_text: str, object_text: str) -> Claim:
    start = article.text.index(sentence)
    return Claim(article_id=article.id, subject_id=subject.id, object_id=obj.id, type=rel,
                 sentence=sentence, start=start, end=start + len(sentence),
                 subject_text=subject_text, object_text=object_text,
                 published=article.published, confidence=0.8, extractor="test")


def seed(store: GraphStore) -> Article:
    text = "Turkey backs the GNA. The LNA is at war with the GNA."
    article = Article.from_text(text, url="https://news.example.org/x", title="X",
                                published=date(2020, 10, 21), source="Example")
    store.upsert([ArticleGraph(article=article, actors=[TURKEY, GNA, LNA], claims=[
        _claim(article, TURKEY, GNA, RelationType.SUPPORTS, "Turkey backs the GNA.",
               "Turkey", "the GNA"),
        # Symmetric: stored as gna→lna although the sentence names the LNA first.
        _claim(article, LNA, GNA, RelationType.OPPOSES, "The LNA is at war with the GNA.",
               "The LNA", "the GNA"),
    ])])
    return article


def test_export_json_shape_and_evidence(store: GraphStore) -> None:
    article = seed(store)
    data = export_json(store)
    json.dumps(data)  # serialisable as is
    assert list(data) == ["actors", "relations", "articles"]
    assert data["actors"] == [
        {"id": "gna", "name": "Government of National Accord", "kind": "government",
         "aliases": ["GNA"]},
        {"id": "lna", "name": "Libyan National Army", "kind": "armed_group", "aliases": ["LNA"]},
        {"id": "turkey", "name": "Turkey", "kind": "state", "aliases": ["Ankara", "Türkiye"]},
    ]
    assert data["articles"] == [{"id": article.id, "url": "https://news.example.org/x",
                                 "title": "X", "published": "2020-10-21"}]
    relations = {(r["source"], r["target"], r["type"]): r for r in data["relations"]}
    assert set(relations) == {("gna", "lna", "OPPOSES"), ("turkey", "gna", "SUPPORTS")}
    for relation in data["relations"]:
        assert set(relation) == {"source", "target", "type", "polarity", "confidence", "sources",
                                 "evidence"}
        assert relation["sources"] == {"text": 1}  # one article
    war = relations[("gna", "lna", "OPPOSES")]
    assert war["polarity"] == "hostile" and war["confidence"] == pytest.approx(0.8)
    assert war["evidence"] == [{
        "article_id": article.id,
        "sentence": "The LNA is at war with the GNA.",
        "source_text": "the GNA",  # the text for the relation's source, gna
        "target_text": "The LNA",
        "start": 22,
        "end": 53,
        "hedged": False,
        "disputed": False,
        "attributed_to": None,
    }]
    (support,) = relations[("turkey", "gna", "SUPPORTS")]["evidence"]
    assert article.text[support["start"]:support["end"]] == support["sentence"]
    assert (support["source_text"], support["target_text"]) == ("Turkey", "the GNA")


def test_graphml_round_trip(store: GraphStore) -> None:
    seed(store)
    document = export_graphml(store)
    graph = _read(document)
    assert sorted(graph.nodes) == ["gna", "lna", "turkey"]
    assert graph.nodes["turkey"] == {"label": "Turkey", "kind": "state",
                                     "aliases": "Ankara|Türkiye", "country": "TR"}
    edges = {(s, t, d["type"]): d for s, t, d in graph.edges(data=True)}
    assert set(edges) == {("turkey", "gna", "SUPPORTS"), ("gna", "lna", "OPPOSES")}
    war = edges[("gna", "lna", "OPPOSES")]
    assert war["polarity"] == "hostile" and war["sign"] == -1 and war["symmetric"] is True
    assert war["evidence_count"] == 1 and war["first_seen"] == "2020-10-21"
    assert (war["sources_text"], war["sources_acled"]) == (1, 0)
    assert json.loads(war["evidence"])[0]["sentence"] == "The LNA is at war with the GNA."


def test_export_of_an_empty_store(store: GraphStore) -> None:
    assert export_json(store) == {"actors": [], "relations": [], "articles": []}
    assert _read(export_graphml(store)).number_of_nodes() == 0


def _read(document: str) -> nx.Graph:
    return nx.read_graphml(io.BytesIO(document.encode("utf-8")))


def test_export_cli_json_file_and_graphml_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTGRAPH_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        store = MemoryStore(tmp_path / "data" / "graph.json")
        seed(store)
        runner = CliRunner()
        out = tmp_path / "exports" / "graph.json"
        result = runner.invoke(app, ["export", "--format", "json", "-o", str(out),
                                     "--store", "memory"])
        assert result.exit_code == 0, result.output
        assert json.loads(out.read_text(encoding="utf-8")) == export_json(store)

        result = runner.invoke(app, ["export", "--format", "graphml", "--store", "memory"])
        assert result.exit_code == 0, result.output
        graph = _read(result.stdout)
        assert graph.number_of_edges() == 2

        result = runner.invoke(app, ["export", "--format", "csv"])
        assert result.exit_code == 2 and "csv" in result.output
    finally:
        get_settings.cache_clear()
