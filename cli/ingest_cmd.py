"""`conflictgraph ingest PATH... [--url URL]...`: load articles into the graph.

Exit codes: 0 when articles were ingested (even if some inputs were
skipped), 1 when nothing could be read, 2 when the store failed part-way.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from ..config import get_settings
from ..graph.factory import open_store
from ..graph.store import StoreError
from ..loaders.fetch import FetchLimits, any_address, public_only
from ..loaders.pipeline import Ingestor, IngestSummary
from ..loaders.sources import DEFAULT_MAX_BYTES, Item, Skipped, SourceOptions, load_sources

__all__ = ["command"]


class StoreChoice(StrEnum):
    memory = "memory"
    neo4j = "neo4j"


def _summary_table(summary: IngestSummary) -> Table:
    table = Table(title="Ingest summary", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    table.add_row("articles", str(summary.articles))
    table.add_row("  created", str(summary.created))
    table.add_row("  updated", str(summary.updated))
    table.add_row("  unchanged", str(summary.unchanged))
    table.add_row("actors", str(summary.actors))
    table.add_row("claims", str(summary.claims))
    table.add_row("skipped", str(len(summary.skipped)))
    if summary.not_stored:
        table.add_row("not stored", str(len(summary.not_stored)), style="red")
    return table


def _print_skipped(out: Console, summary: IngestSummary) -> None:
    """One unwrapped line per skipped input, so paths stay whole and grep finds them."""
    out.print(f"Skipped {len(summary.skipped)} input(s):", style="bold yellow")
    for item in summary.skipped:
        out.print(f"  {item.name}: {item.reason}", soft_wrap=True, markup=False, highlight=False)


def command(
    paths: list[Path] = typer.Argument(
        None, metavar="PATH...", help="Files or folders: .txt .md .html .json .jsonl .xml/.rss/.atom .urls",
        show_default=False,
    ),
    url: list[str] = typer.Option(None, "--url", help="A web page or feed to fetch (repeatable)."),
    store: StoreChoice | None = typer.Option(
        None, "--store", help="Backend to write to (default: CONFLICTGRAPH_STORE)."
    ),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per extraction batch."),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-bytes", min=1024, help="Largest file, line or response read."
    ),
    allow_private_urls: bool = typer.Option(
        False, "--allow-private-urls",
        help="Also fetch URLs on loopback, private and link-local addresses (refused by "
             "default; also CONFLICTGRAPH_ALLOW_PRIVATE_URLS=true).",
    ),
) -> None:
    """Read articles from files, folders, feeds and URLs; extract actors and relations; store them."""
    paths = paths or []
    urls = url or []
    if not paths and not urls:
        raise typer.BadParameter("give at least one PATH or --url", param_hint="PATH")
    console = Console(stderr=True)
    options = SourceOptions(max_bytes=max_bytes)
    private = allow_private_urls or get_settings().allow_private_urls
    limits = FetchLimits(max_bytes=max_bytes, address_policy=any_address if private else public_only)

    with console.status("Reading sources…"):
        items: list[Item] = list(load_sources(paths, urls, options, limits))
    readable = sum(1 for item in items if not isinstance(item, Skipped))

    summary = IngestSummary()
    if readable:
        try:
            with open_store(get_settings(), store.value if store else None) as graph_store:
                progress = Progress(
                    SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
                    BarColumn(), MofNCompleteColumn(), console=console, transient=False,
                )
                with progress:
                    task = progress.add_task("Extracting and storing", total=len(items))
                    summary = Ingestor(graph_store, batch_size=batch_size).ingest(
                        items, progress=lambda n: progress.advance(task, n)
                    )
        except StoreError as exc:
            console.print(f"[red]Cannot open the store:[/red] {exc}")
            raise typer.Exit(2) from exc
    else:
        summary = IngestSummary(skipped=[i for i in items if isinstance(i, Skipped)])

    out = Console()
    out.print(_summary_table(summary))
    if summary.skipped:
        _print_skipped(out, summary)
    if summary.error:
        console.print(f"[red]{summary.error}[/red]")
        console.print("Not stored: " + ", ".join(summary.not_stored))
        console.print("Ingest is idempotent: fix the store and run the same command again.")
        raise typer.Exit(2)
    if not readable or summary.articles == 0:
        console.print("[red]Nothing could be ingested.[/red]")
        raise typer.Exit(1)
