"""The dataset half of `conflictgraph ingest`: ACLED, UCDP GED/ESD, GDELT and POLECAT files.

Used when ``--format`` is given, or when every PATH is a .csv/.tsv/.gz/.zip file (the
format is then detected from each file's header). A progress bar follows the bytes
read; the closing summary gives rows read, claims, actors new and matched, and every
skipped row with its line and reason.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from ..config import Settings
from ..graph.factory import open_store
from ..graph.model import Dataset
from ..graph.store import GraphStore, StoreError, StoreLocked
from ..graph.writer_lock import this_process
from ..loaders.datasets import DatasetIngestor, DatasetSummary
from ..loaders.gazetteer import GazetteerError, get_gazetteer

__all__ = ["DATASET_SUFFIXES", "is_dataset_file", "run_datasets"]

DATASET_SUFFIXES = (".csv", ".tsv", ".gz", ".zip")
SHOWN_SKIPPED = 50  # the rest are counted, not listed, so a bad file does not flood the screen


def is_dataset_file(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(DATASET_SUFFIXES)


def _table(summary: DatasetSummary, seconds: float) -> Table:
    table = Table(title="Dataset ingest summary", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    formats = ", ".join(f"{n} {f}" for f, n in sorted(summary.formats.items())) or "none"
    table.add_row("files", f"{summary.files} ({formats})")
    table.add_row("rows read", str(summary.rows))
    table.add_row("records", str(summary.records))
    table.add_row("  created", str(summary.created))
    table.add_row("  updated", str(summary.updated))
    table.add_row("  unchanged", str(summary.unchanged))
    table.add_row("  retracted", str(summary.retracted))
    table.add_row("rows without a relation", str(summary.without_relation))
    if summary.deleted or summary.deleted_absent:
        table.add_row("deleted", str(summary.deleted))
        table.add_row("  not stored", str(summary.deleted_absent))
    table.add_row("claims", str(summary.claims))
    table.add_row("actors new", str(summary.actors_new))
    table.add_row("actors matched", str(summary.actors_matched))
    table.add_row("skipped", str(len(summary.skipped)))
    if seconds > 0 and summary.rows:
        table.add_row("rows/s", f"{summary.rows / seconds:,.0f}")
    return table


def _print_details(out: Console, summary: DatasetSummary, show_matches: bool) -> None:
    if summary.skipped:
        out.print(f"Skipped {len(summary.skipped)} row(s) or file(s):", style="bold yellow")
        for item in summary.skipped[:SHOWN_SKIPPED]:
            where = f"{item.source}:{item.line}" if item.line else item.source
            out.print(f"  {where}: {item.reason}", soft_wrap=True, markup=False, highlight=False)
        if len(summary.skipped) > SHOWN_SKIPPED:
            out.print(f"  ... and {len(summary.skipped) - SHOWN_SKIPPED} more", markup=False)
    if show_matches and summary.matches:
        out.print("Actors:", style="bold")
        for match in summary.matches:
            score = f" {match.score}" if match.score is not None else ""
            out.print(f"  {match.name} -> {match.actor_id} ({match.reason.value}{score})",
                      soft_wrap=True, markup=False, highlight=False)


def run_datasets(
    console: Console,
    settings: Settings,
    kind: str,
    paths: list[Path],
    fmt: Dataset | None,
    *,
    version: str | None,
    batch_size: int,
    show_matches: bool,
    deletions: list[Path] | None = None,
) -> None:
    """Ingest dataset files into the store and print the summary; raises typer.Exit on failure."""
    try:
        gazetteer = get_gazetteer(settings.gazetteer_path)
    except GazetteerError as exc:
        console.print(f"[red]Cannot load the gazetteer:[/red] {exc}")
        raise typer.Exit(2) from exc
    try:
        store: GraphStore = open_store(
            settings, kind, holder=this_process("conflictgraph ingest"), claim=kind == "memory")
    except StoreLocked as exc:
        from .ingest_cmd import locked_message

        console.print(locked_message(exc), highlight=False)
        console.print("Dataset files are read by this command only: stop that process, then "
                      "run it again.")
        raise typer.Exit(2) from exc
    except StoreError as exc:
        console.print(f"[red]Cannot open the store:[/red] {exc}")
        raise typer.Exit(2) from exc

    progress = Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                        DownloadColumn(), TransferSpeedColumn(), TimeElapsedColumn(),
                        console=console, transient=False)
    tasks: dict[int, TaskID] = {}
    started = time.perf_counter()
    with store, progress:
        try:  # reads the store's actors once, to match dataset names against them
            ingestor = DatasetIngestor(store, gazetteer, batch_size=batch_size, version=version)
        except StoreError as exc:
            console.print(f"[red]Cannot read the store:[/red] {exc}")
            raise typer.Exit(2) from exc
        current = {"index": 0}

        def advance(done: int, total: int) -> None:
            task = tasks.get(current["index"])
            if task is None:
                task = tasks[current["index"]] = progress.add_task(
                    paths[current["index"]].name, total=total or None)
            progress.update(task, completed=done, total=total or None)

        summary = DatasetSummary()
        for index, path in enumerate(paths):
            current["index"] = index
            summary = ingestor.ingest([path], fmt, advance)
            if summary.error:
                break
        for path in deletions or []:
            if summary.error:
                break
            summary = ingestor.delete_records(path)
    seconds = time.perf_counter() - started

    out = Console()
    out.print(_table(summary, seconds))
    _print_details(out, summary, show_matches)
    if summary.error:
        console.print(f"[red]{summary.error}[/red]", soft_wrap=True)
        if summary.stored_until:
            console.print(f"Stored up to {summary.stored_until}.", soft_wrap=True, highlight=False)
        raise typer.Exit(2)
    if summary.rows == 0 and not (summary.deleted or summary.deleted_absent):
        console.print("[red]No dataset rows could be read.[/red]")
        raise typer.Exit(1)
