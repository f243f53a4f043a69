"""`conflictgraph evaluate GOLD.jsonl [MORE_GOLD.jsonl...] [--articles ARTICLES.jsonl] [--json] [--errors]`.

Several gold files are read as one (a corpus whose MEMBER_OF lines were written later
keeps them in a file of their own)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..loaders.evaluation import (
    SCORED_TYPES,
    EvaluationError,
    EvaluationReport,
    evaluate,
    load_articles,
    load_gold,
)

__all__ = ["command"]


def _table(report: EvaluationReport) -> Table:
    table = Table(title=f"Extraction quality ({report.extractor}, {report.articles} articles)")
    for column in ("type", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    rows = [(t.value, report.per_type[t.value]) for t in SCORED_TYPES]
    rows += [("overall", report.overall), ("lenient SUPPORTS≈ALLIED_WITH", report.lenient)]
    for name, score in rows:
        table.add_row(
            name,
            str(score.tp),
            str(score.fp),
            str(score.fn),
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            style="bold" if name == "overall" else None,
        )
    return table


def command(
    gold: list[Path] = typer.Argument(..., help="Gold relations, one JSON object a line (one or more)."),
    articles: Path | None = typer.Option(
        None,
        "--articles",
        "-a",
        help="Articles JSONL (default: articles.jsonl next to the gold file).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    errors: bool = typer.Option(False, "--errors", help="Also list false positives and negatives."),
) -> None:
    """Precision, recall and F1 of extraction per relation type against gold relations."""
    console = Console()
    articles_path = articles or gold[0].parent / "articles.jsonl"
    try:
        gold_relations = [relation for path in gold for relation in load_gold(path)]
        article_list = load_articles(articles_path)
    except EvaluationError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    from ..loaders.extraction import get_extractor

    extractor = get_extractor()
    report = evaluate(
        extractor.extract_many(article_list),
        gold_relations,
        extractor.gazetteer,
        extractor=extractor.version,
    )
    if as_json:
        data = report.as_dict()
        if not errors:
            data.pop("mismatches")
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console.print(_table(report))
    if errors:
        for item in sorted(report.mismatches, key=lambda m: (m.article_id, m.kind, m.type)):
            console.print(
                f"[{'red' if item.kind == 'fp' else 'yellow'}]{item.kind.upper()}[/] "
                f"{item.article_id} {item.type} {item.source} -> {item.target}\n"
                f"    {item.sentence[:200]}",
                highlight=False,
            )
