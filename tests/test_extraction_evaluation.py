"""Scoring extraction against gold relations, and the `conflictgraph evaluate` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.graph.model import Actor, ActorKind, Article, ArticleGraph, Claim, RelationType
from conflictgraph.loaders.evaluation import (
    EvaluationError,
    GoldRelation,
    evaluate,
    load_articles,
    load_gold,
)
from conflictgraph.loaders.gazetteer import Gazetteer

DEVSET = Path(__file__).parent / "data" / "devset"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _graph(claims: list[tuple[str, str, RelationType]]) -> ArticleGraph:
    article = Article(id="a1", text="Turkey backs the GNA. Russia backs the LNA.")
    names = {
        "turkey": ("Turkey", ActorKind.STATE),
        "government-of-national-accord": ("Government of National Accord", ActorKind.GOVERNMENT),
        "russia": ("Russia", ActorKind.STATE),
        "libyan-national-army": ("Libyan National Army", ActorKind.ARMED_GROUP),
        "wagner-like": ("Wagner-like Group", ActorKind.ARMED_GROUP),
    }
    actors = [Actor(id=i, name=n, kind=k) for i, (n, k) in names.items()]
    return ArticleGraph(
        article=article,
        actors=actors,
        claims=[
            Claim(
                article_id="a1",
                subject_id=s,
                object_id=o,
                type=t,
                sentence="x",
                start=0,
                end=1,
                subject_text=s,
                object_text=o,
            )
            for s, o, t in claims
        ],
    )


def _gold(*rows: tuple[str, str, RelationType]) -> list[GoldRelation]:
    return [GoldRelation(article_id="a1", source=s, target=t, type=r) for s, t, r in rows]


def test_counts_per_type_with_names_aliases_and_symmetry(gazetteer: Gazetteer) -> None:
    predicted = _graph(
        [
            ("turkey", "government-of-national-accord", RelationType.SUPPORTS),  # TP via alias
            ("libyan-national-army", "government-of-national-accord", RelationType.OPPOSES),  # TP
            ("russia", "libyan-national-army", RelationType.SUPPORTS),  # FP strictly
            ("wagner-like", "russia", RelationType.LEADS),  # FP
            ("russia", "turkey", RelationType.COOPERATES),  # not scored
        ]
    )
    gold = _gold(
        ("Türkiye", "GNA", RelationType.SUPPORTS),
        ("Government of National Accord", "Libyan National Army", RelationType.OPPOSES),
        ("Libyan National Army", "Russia", RelationType.ALLIED_WITH),
        ("Wagner-like Group", "Libyan National Army", RelationType.SUPPORTS),
    )
    report = evaluate([predicted], gold, gazetteer, extractor="test")
    supports = report.per_type["SUPPORTS"]
    assert (supports.tp, supports.fp, supports.fn) == (1, 1, 1)
    assert report.per_type["OPPOSES"].tp == 1
    assert report.per_type["ALLIED_WITH"].fn == 1
    assert (report.per_type["LEADS"].tp, report.per_type["LEADS"].fp) == (0, 1)
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (2, 2, 2)
    assert report.overall.precision == pytest.approx(0.5)
    assert report.overall.recall == pytest.approx(0.5)
    # Lenient: Russia SUPPORTS LNA now matches LNA ALLIED_WITH Russia.
    assert (report.lenient.tp, report.lenient.fp, report.lenient.fn) == (3, 1, 1)
    kinds = {(m.kind, m.type) for m in report.mismatches}
    assert ("fn", "ALLIED_WITH") in kinds and ("fp", "LEADS") in kinds


def test_membership_is_scored_as_its_own_directed_type(gazetteer: Gazetteer) -> None:
    predicted = _graph([
        ("wagner-like", "russia", RelationType.MEMBER_OF),  # TP
        ("russia", "wagner-like", RelationType.MEMBER_OF),  # FP: directed, wrong way round
    ])
    gold = _gold(
        ("Wagner-like Group", "Russia", RelationType.MEMBER_OF),
        ("Libyan National Army", "Russia", RelationType.MEMBER_OF),  # FN
    )
    report = evaluate([predicted], gold, gazetteer, extractor="test")
    member = report.per_type["MEMBER_OF"]
    assert (member.tp, member.fp, member.fn) == (1, 1, 1)
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 1, 1)


def test_bad_gold_lines_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    good = {"article_id": "a", "source": "X", "target": "Y", "type": "SUPPORTS"}
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "type": "LIKES"}) + "\n")
    with pytest.raises(EvaluationError, match=r"gold.jsonl:2: type"):
        load_gold(path)
    path.write_text("{oops\n")
    with pytest.raises(EvaluationError, match=r"gold.jsonl:1: invalid JSON"):
        load_gold(path)
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a", "text": "t", "published": "21 Oct"}) + "\n")
    with pytest.raises(EvaluationError, match="bad 'published' date"):
        load_articles(articles)


def test_cli_scores_a_small_set_as_json(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "\n".join(
            json.dumps(a)
            for a in [
                {"id": "x1", "text": "Turkey backs the GNA. Egypt backs the LNA.", "source": "VOA"},
                {"id": "x2", "text": "Russia and Egypt met in Cairo.", "licence": "ignored"},
            ]
        )
        + "\n"
    )
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps(g)
            for g in [
                {
                    "article_id": "x1",
                    "source": "Turkey",
                    "target": "Government of National Accord",
                    "type": "SUPPORTS",
                    "sentence": "Turkey backs the GNA.",
                },
                {
                    "article_id": "x1",
                    "source": "Qatar",
                    "target": "Libyan National Army",
                    "type": "SUPPORTS",
                    "sentence": "Egypt backs the LNA.",
                },
            ]
        )
        + "\n"
    )
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--json", "--errors"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 2
    assert report["per_type"]["SUPPORTS"] == {
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
    }
    assert {m["kind"] for m in report["mismatches"]} == {"fp", "fn"}
    table = CliRunner().invoke(app, ["evaluate", str(gold), "--articles", str(articles)])
    assert table.exit_code == 0 and "SUPPORTS" in table.output and "overall" in table.output


def test_cli_reports_unreadable_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_devset_quality_floor() -> None:
    """A regression guard on the dev set (figures and analysis in docs/quality.md)."""
    result = CliRunner().invoke(app, ["evaluate", str(DEVSET / "gold.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.output)["overall"]
    assert overall["precision"] >= 0.90
    assert overall["recall"] >= 0.72
    per_type = json.loads(result.output)["per_type"]
    for name in ("SUPPORTS", "OPPOSES", "MEDIATES", "LEADS"):
        assert per_type[name]["recall"] >= 0.6, (name, per_type[name])


def test_event_reports_count_dyad_then_polarity_then_category(gazetteer: Gazetteer,
                                                               tmp_path: Path) -> None:
    from conflictgraph.graph.model import Polarity
    from conflictgraph.loaders.evaluation import evaluate_events, event_articles, load_events

    lines = [
        {"id": "e1", "text": "Russia backs the LNA.", "source": "Russia",
         "target": "Libyan National Army", "category": "SUPPORT", "polarity": "cooperative",
         "provenance": {"publisher": "Example"}},
        {"id": "e2", "text": "The LNA attacked Turkey.", "source": "Libyan National Army",
         "target": "Turkey", "category": "ASSAULT", "polarity": "hostile"},
        {"id": "e3", "text": "Turkey condemned Russia.", "source": "Turkey", "target": "Russia",
         "category": "DISAPPROVE", "polarity": "hostile"},
    ]
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    events = load_events(path)
    assert [a.source for a in event_articles(events)] == ["Example", None, None]

    def graph(event_id: str, claims: list[tuple[str, str, RelationType, str]]) -> ArticleGraph:
        base = _graph([])
        article = base.article.model_copy(update={"id": event_id})
        return ArticleGraph(article=article, actors=base.actors, claims=[
            Claim(article_id=event_id, subject_id=s, object_id=o, type=t, category=category,
                  sentence="x", start=0, end=1, subject_text=s, object_text=o)
            for s, o, t, category in claims])

    report = evaluate_events(events, [
        graph("e1", [("russia", "libyan-national-army", RelationType.SUPPORTS, "SUPPORT")]),
        # symmetric: either way round is the dyad; the polarity is the type's
        graph("e2", [("turkey", "libyan-national-army", RelationType.OPPOSES, "FIGHT")]),
        graph("e3", [("turkey", "russia", RelationType.COOPERATES, "CONSULT")]),
    ], gazetteer)
    assert (report.reports, report.dyad, report.dyad_and_polarity, report.category) == (3, 3, 2, 1)
    assert [(m.id, m.why) for m in report.misses] == [("e3", "wrong polarity")]
    assert report.per_category["ASSAULT"] == {"reports": 1, "right": 1}
    assert events[1].polarity == Polarity.HOSTILE
