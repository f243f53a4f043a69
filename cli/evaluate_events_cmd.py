"""`conflictgraph evaluate-events EVENTS.jsonl [--json] [--errors]`: one-sentence event reports.

Each line is a sentence with the event it states (source, target, PLOVER category,
polarity; tests/data/events/README.md). The extractor reads each sentence as an article
issued by its publisher, and the report counts the reports whose dyad it finds, whose
dyad and polarity are right, and whose category is right.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..loaders.evaluation import EvaluationError, evaluate_events, event_articles, load_events

__all__ = ["command"]


def command(
    events: Path = typer.Argument(..., help="Event reports, one JSON object a line."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    errors: bool = typer.Option(False, "--errors", help="Also list the reports missed."),
) -> None:
    """How many one-sentence event reports the extractor reads right (dyad, polarity, category)."""
    try:
        gold = load_events(events)
    except EvaluationError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    from ..loaders.extraction import get_extractor

    extractor = get_extractor()
    report = evaluate_events(gold, extractor.extract_many(event_articles(gold)),
                             extractor.gazetteer, extractor=extractor.version)
    if as_json:
        data = report.model_dump(mode="json", exclude=set() if errors else {"misses"})
        data["dyad_and_polarity_rate"] = round(report.dyad_and_polarity_rate, 3)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = Console()
    n = report.reports or 1
    table = Table(title=f"One-sentence event reports ({report.extractor}, {report.reports} reports)")
    table.add_column("right")
    table.add_column("reports", justify="right")
    table.add_column("share", justify="right")
    for name, count in (("dyad", report.dyad), ("dyad and polarity", report.dyad_and_polarity),
                        ("category", report.category)):
        table.add_row(name, str(count), f"{count / n:.3f}",
                      style="bold" if name == "dyad and polarity" else None)
    console.print(table)
    per = Table(title="Dyad and polarity right, per gold category")
    per.add_column("category")
    per.add_column("right / reports", justify="right")
    for category, tally in report.per_category.items():
        per.add_row(category, f"{tally['right']} / {tally['reports']}")
    console.print(per)
    if errors:
        for miss in report.misses:
            console.print(f"[dim]{miss.id}[/dim] {miss.why}: {escape(miss.text)}")
