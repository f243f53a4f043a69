"""`conflictgraph timeline A B [--bucket month] [--since D] [--until D] [--plot FILE.png|svg]`.

The claims between two actors per month, quarter or year, as a table (cooperative,
hostile, neutral and ended counts, by type, where a relation opened or closed, the
strongest sentence of each period), with the API's
``/relations/timeline`` rules; ``--plot`` also draws it. Exit codes as ``ask``: 1 for an
unknown actor, 2 for a usage error or a store that cannot be read.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..queries.evidence import EvidenceSentence
from ..queries.timeline import Bucket, Timeline, TimelineTooLong, relation_timeline
from ..queries.timeline_plot import PlotFormat, render_timeline
from .messages import StoreChoice, named_actor, reading_store

__all__ = ["command"]

_err = Console(stderr=True)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date like 2023-04-15", param_hint=option) from exc


def _plot_format(path: Path) -> PlotFormat:
    suffix = path.suffix.lower().lstrip(".")
    try:
        return PlotFormat(suffix)
    except ValueError as exc:
        raise typer.BadParameter(f"{path.name}: name a .png or .svg file", param_hint="--plot") from exc


def _table(timeline: Timeline) -> Table:
    table = Table(title=f"{timeline.a.name} – {timeline.b.name}, claims per {timeline.bucket.value}",
                  show_lines=False)
    table.add_column(timeline.bucket.value, no_wrap=True)
    table.add_column("coop.", justify="right", style="green")
    table.add_column("hostile", justify="right", style="red")
    table.add_column("neutral", justify="right")
    table.add_column("ended", justify="right", style="dim")
    table.add_column("types", overflow="fold")
    table.add_column("strongest sentence", overflow="fold", ratio=1)
    marks: dict[str, list[str]] = {}
    for mark in timeline.marks:  # where a relation opened, closed or opened again
        marks.setdefault(mark.bucket, []).append(f"{mark.type.value} {mark.kind.value} {mark.date}")
    for bucket in timeline.buckets:
        if not (bucket.cooperative or bucket.hostile or bucket.neutral or bucket.ended):
            continue  # the plot shows the gaps; the table lists what happened
        types = ", ".join(f"{t.value} {n}" for t, n in bucket.by_type.items())
        if bucket.label in marks:
            types += "\n[dim]" + ", ".join(marks[bucket.label]) + "[/dim]"
        table.add_row(bucket.label, str(bucket.cooperative), str(bucket.hostile),
                      str(bucket.neutral), str(bucket.ended), types, _sentence(bucket.strongest))
    return table


def _sentence(evidence: EvidenceSentence | None) -> str:
    if evidence is None:
        return ""
    tags = [tag for tag, on in (("ended", evidence.ended), ("hedged", evidence.hedged)) if on]
    return escape(evidence.sentence) + "".join(f"  [dim]({tag})[/dim]" for tag in tags)


def command(
    a: str = typer.Argument(..., help="One actor (id, name or alias)."),
    b: str = typer.Argument(..., help="The other actor."),
    bucket: Bucket = typer.Option(Bucket.MONTH, "--bucket", help="Length of one period."),
    since: str | None = typer.Option(None, "--since", help="First day counted (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last day counted (YYYY-MM-DD)."),
    plot: Path | None = typer.Option(None, "--plot", help="Also draw it to this .png or .svg file."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's JSON instead of a table."),
    store: StoreChoice | None = typer.Option(
        None, "--store", help="Backend to read (default: CONFLICTGRAPH_STORE)."),
) -> None:
    """How the relation between two actors moved: claims per period, cooperative and hostile."""
    first_day, last_day = _day(since, "--since"), _day(until, "--until")
    if first_day and last_day and first_day > last_day:
        raise typer.BadParameter("--since is after --until", param_hint="--since")
    fmt = _plot_format(plot) if plot is not None else None
    with reading_store(store) as graph_store:
        first, second = named_actor(graph_store, a), named_actor(graph_store, b)
        if first.id == second.id:
            raise typer.BadParameter(f"both name {first.name}", param_hint="A B")
        try:
            timeline = relation_timeline(graph_store, first, second, bucket=bucket,
                                         since=first_day, until=last_day)
        except TimelineTooLong as exc:
            raise typer.BadParameter(str(exc), param_hint="--bucket") from exc
    if as_json:
        typer.echo(timeline.model_dump_json(indent=2))
    elif not timeline.buckets:
        _err.print(f"No dated claim links {escape(first.name)} and {escape(second.name)}"
                   + (" in that window." if since or until else "."))
    else:
        Console().print(_table(timeline))
        if timeline.undated:
            _err.print(f"[dim]{timeline.undated} claim(s) without a date are not counted.[/dim]")
    if plot is not None and fmt is not None:
        plot.write_bytes(render_timeline(timeline, fmt))
        _err.print(f"Plot written to {escape(str(plot))}")
