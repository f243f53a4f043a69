"""`conflictgraph changes --since 30d [--until DATE] [--staleness-days 180]`.

What changed in a window, with the API's ``/changes`` rules: relations first seen in it,
relations that ended in it (closed by a claim saying so, or silent past the staleness:
each says which, with the day), and pairs whose dominant polarity flipped. ``--since``
takes a date (2023-04-01) or a span back from ``--until`` (30d, 8w, 6m, 1y).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..queries.changes import (
    DEFAULT_LIMIT,
    DEFAULT_STALENESS_DAYS,
    Changes,
    EndReason,
    RelationChange,
    changes_between,
)
from ..queries.evidence import EvidenceSentence
from .messages import StoreChoice, reading_store

__all__ = ["command", "parse_since"]

_SPAN = re.compile(r"^(\d{1,5})([dwmy])$")
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_since(value: str, until: date) -> date:
    """A date (YYYY-MM-DD) or a span back from ``until``: 30d, 8w, 6m (30 days each), 1y."""
    span = _SPAN.match(value.strip().lower())
    if span:
        return until - timedelta(days=int(span.group(1)) * _DAYS[span.group(2)])
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise typer.BadParameter(
            f"{value!r} is neither a date like 2023-04-01 nor a span like 30d, 8w, 6m or 1y",
            param_hint="--since") from exc


def _sentence(evidence: EvidenceSentence | None) -> str:
    if evidence is None:
        return ""
    when = f" [dim]({evidence.published})[/dim]" if evidence.published else ""
    return escape(evidence.sentence) + when


def _why(item: RelationChange) -> str:
    """Why an ended relation ended, as the API's ``reason`` and ``closed_on`` say."""
    if item.reason is EndReason.CLOSED:
        return f"closed {item.closed_on}"
    return f"silent since {item.last_seen}"


def _relations_table(title: str, items: list[RelationChange], *, ended: bool = False) -> Table:
    table = Table(title=title, show_lines=True)
    for name in ("source", "relation", "target"):
        table.add_column(name, overflow="fold")
    if ended:
        table.add_column("why", no_wrap=True)
    table.add_column("first / last seen", no_wrap=True)
    table.add_column("claims", justify="right")
    table.add_column("strength", justify="right")
    table.add_column("evidence", overflow="fold", ratio=1)
    for item in items:
        table.add_row(escape(item.source.name), item.type.value, escape(item.target.name),
                      *([_why(item)] if ended else []),
                      f"{item.first_seen} / {item.last_seen}", str(item.claims),
                      f"{item.strength:.2f}", _sentence(item.evidence))
    return table


def _print(answer: Changes) -> None:
    console = Console()
    console.print(f"Changes from {answer.since} to {answer.until} "
                  f"(flips against {answer.previous_since} – {answer.since - timedelta(days=1)})")
    if not (answer.new or answer.ended or answer.flips):
        console.print("Nothing began, ended or flipped in that window.")
        return
    if answer.new:
        console.print(_relations_table("New", answer.new))
    if answer.ended:
        closed = sum(1 for item in answer.ended if item.reason is EndReason.CLOSED)
        silent = len(answer.ended) - closed
        why = [f"{closed} closed (a claim said so)" if closed else "",
               f"{silent} silent over {answer.staleness_days} days" if silent else ""]
        console.print(_relations_table("Ended: " + ", ".join(w for w in why if w), answer.ended,
                                       ended=True))
    if answer.flips:
        table = Table(title="Flips", show_lines=True)
        for name in ("pair", "before", "now", "claims before / now", "strength", "evidence"):
            table.add_column(name, overflow="fold")
        for flip in answer.flips:
            table.add_row(f"{escape(flip.a.name)} – {escape(flip.b.name)}", flip.before.value,
                          flip.after.value, f"{flip.before_claims} / {flip.window_claims}",
                          f"{flip.strength:.2f}", _sentence(flip.evidence))
        console.print(table)
    if answer.truncated:
        console.print("[dim]Lists were cut at --limit.[/dim]")


def command(
    since: str = typer.Option(..., "--since", help="First day (YYYY-MM-DD) or a span: 30d, 8w, 6m, 1y."),
    until: str | None = typer.Option(None, "--until", help="Last day (YYYY-MM-DD; default today)."),
    staleness_days: int = typer.Option(DEFAULT_STALENESS_DAYS, "--staleness-days", min=1,
                                       help="A relation silent this long has ended."),
    limit: int = typer.Option(DEFAULT_LIMIT, "--limit", min=1, max=1000, help="Most items per list."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's JSON instead of tables."),
    store: StoreChoice | None = typer.Option(
        None, "--store", help="Backend to read (default: CONFLICTGRAPH_STORE)."),
) -> None:
    """What changed in a window: new alignments, ended ones, and flips."""
    try:
        end = datetime.strptime(until, "%Y-%m-%d").date() if until else date.today()
    except ValueError as exc:
        raise typer.BadParameter(f"{until!r} is not a date like 2023-06-30",
                                 param_hint="--until") from exc
    start = parse_since(since, end)
    if start > end:
        raise typer.BadParameter("--since is after --until", param_hint="--since")
    with reading_store(store) as graph_store:
        answer = changes_between(graph_store, start, end, staleness_days=staleness_days,
                                 limit=limit)
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
    else:
        _print(answer)
