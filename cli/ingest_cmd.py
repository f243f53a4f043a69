"""`conflictgraph ingest PATH... [--url URL]...`: load articles (or dataset files) into the graph.

Dataset files (ACLED, UCDP GED/ESD, GDELT 2.0 events, POLECAT) go through
cli/dataset_ingest.py: with ``--format``, or when every PATH is a .csv, .tsv, .gz or .zip
file (the format is then read from each file's header).

Exit codes: 0 when articles were ingested (even if some inputs were
skipped), 1 when nothing could be read, 2 when the store failed part-way or
another process writes the memory store.

The memory store has one writer per file. When a server is that writer, the
articles go through its API (``POST /articles``, with CONFLICTGRAPH_API_KEY);
when another command is, this one stops and names it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path

import httpx
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from ..config import get_settings
from ..graph.factory import open_store
from ..graph.model import Dataset
from ..graph.store import GraphStore, StoreError, StoreLocked
from ..graph.writer_lock import this_process
from ..loaders.fetch import FetchLimits, any_address, public_only
from ..loaders.pipeline import Ingestor, IngestSummary
from ..loaders.sources import DEFAULT_MAX_BYTES, Item, Skipped, SourceOptions, load_sources
from ..loaders.via_server import ServerIngestor
from .dataset_ingest import is_dataset_file, run_datasets

__all__ = ["command", "locked_message"]

Ingest = Callable[[Iterable[Item], Callable[[int], None]], IngestSummary]
ARTICLE_BATCH = 32
# The memory store rewrites its file on every write: large batches keep a big import linear.
DATASET_BATCH = 5000


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


def locked_message(exc: StoreLocked) -> str:
    """Who writes the store, and what to do about it (rich markup, names escaped)."""
    holder = exc.holder
    path = escape(exc.path)
    if holder is None:
        return (f"[red]The memory store {path} is being written by another process.[/red] "
                "One process writes a store at a time: run this command again once it has "
                "finished.")
    who = escape(f"process {holder.pid} ({holder.command})")
    if holder.url is None:
        return (f"[red]The memory store {path} is being written by {who}.[/red] "
                "One process writes a store at a time: wait for it to finish (or stop it), "
                "then run this command again.")
    url = escape(holder.url)
    return (f"[red]The memory store {path} is being written by {who}, the server at "
            f"{url}.[/red] Send articles to that server (POST {url}/articles, "
            "or `conflictgraph ingest` on the same machine), or stop it and run this command "
            "again.")


def _local_server(exc: StoreLocked) -> str | None:
    """The URL of the server holding the store, if it is one on this machine's loopback.

    Only there: the URL comes from a file, and the request carries the API key.
    """
    if exc.holder is None or exc.holder.url is None:
        return None
    try:
        url = httpx.URL(exc.holder.url)
    except httpx.InvalidURL:
        return None
    if url.scheme != "http" or url.host is None:
        return None
    try:
        loopback = url.host == "localhost" or ipaddress.ip_address(url.host).is_loopback
    except ValueError:
        return None
    return str(url) if loopback else None


def _run(console: Console, ingest: Ingest, items: list[Item]) -> IngestSummary:
    progress = Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
        BarColumn(), MofNCompleteColumn(), console=console, transient=False,
    )
    with progress:
        task = progress.add_task("Extracting and storing", total=len(items))
        return ingest(items, lambda n: progress.advance(task, n))


def command(
    paths: list[Path] = typer.Argument(
        None, metavar="PATH...", help="Files or folders: .txt .md .html .json .jsonl .xml/.rss/.atom .urls",
        show_default=False,
    ),
    url: list[str] = typer.Option(None, "--url", help="A web page or feed to fetch (repeatable)."),
    store: StoreChoice | None = typer.Option(
        None, "--store", help="Backend to write to (default: CONFLICTGRAPH_STORE)."
    ),
    batch_size: int | None = typer.Option(
        None, "--batch-size", min=1, show_default=False,
        help=f"Articles per extraction batch [{ARTICLE_BATCH}]; dataset records per store "
             f"write [{DATASET_BATCH}].",
    ),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, "--max-bytes", min=1024, help="Largest file, line or response read."
    ),
    allow_private_urls: bool = typer.Option(
        False, "--allow-private-urls",
        help="Also fetch URLs on loopback, private and link-local addresses (refused by "
             "default; also CONFLICTGRAPH_ALLOW_PRIVATE_URLS=true).",
    ),
    dataset_format: Dataset | None = typer.Option(
        None, "--format",
        help="Read PATHs as dataset files of this format (.csv/.tsv, plain, .gz or .zip). "
             "Without it, .csv/.tsv/.gz/.zip files are recognised by their header.",
    ),
    dataset_version: str | None = typer.Option(
        None, "--dataset-version",
        help="Version or export date recorded on dataset claims (default: the file's name).",
    ),
    show_actors: bool = typer.Option(
        False, "--show-actors", help="List how each dataset actor name was matched."),
    deletions: list[Path] = typer.Option(
        None, "--deletions", help="An ACLED deletions file (event_id_cnty column): the "
                                  "records it lists are removed (repeatable).",
    ),
) -> None:
    """Read articles from files, folders, feeds and URLs; extract actors and relations; store them.

    Dataset files become claims with their provenance (see docs/datasets.md).
    While a server writes the memory store, the articles go through its API.
    """
    paths = paths or []
    urls = url or []
    if not paths and not urls and not deletions:
        raise typer.BadParameter("give at least one PATH or --url", param_hint="PATH")
    console = Console(stderr=True)
    if dataset_format is not None or deletions or (
            paths and not urls and all(map(is_dataset_file, paths))):
        if urls:
            raise typer.BadParameter("--format reads files only: give the URLs in another run",
                                     param_hint="--url")
        settings = get_settings()
        run_datasets(console, settings, store.value if store else settings.store, list(paths),
                     dataset_format, version=dataset_version,
                     batch_size=batch_size or DATASET_BATCH, show_matches=show_actors,
                     deletions=list(deletions or []))
        return
    batch_size = batch_size or ARTICLE_BATCH
    options = SourceOptions(max_bytes=max_bytes)
    settings = get_settings()
    private = allow_private_urls or settings.allow_private_urls
    limits = FetchLimits(max_bytes=max_bytes, address_policy=any_address if private else public_only)
    kind = store.value if store else settings.store

    # The memory store's writer is settled before any reading: a refusal comes at once.
    writer: GraphStore | None = None
    server: ServerIngestor | None = None
    if kind == "memory":
        try:
            writer = open_store(settings, kind, holder=this_process("conflictgraph ingest"),
                                claim=True)
        except StoreLocked as exc:
            server_url = _local_server(exc)
            if server_url is None or exc.holder is None:
                console.print(locked_message(exc), highlight=False)
                raise typer.Exit(2) from exc
            console.print(f"The memory store is written by {escape(exc.holder.describe())}: "
                          "sending the articles through its API.", highlight=False, soft_wrap=True)
            api_key = settings.api_key.get_secret_value() if settings.api_key else None
            server = ServerIngestor(server_url, api_key=api_key, batch_size=batch_size)
        except StoreError as exc:
            console.print(f"[red]Cannot open the store:[/red] {exc}")
            raise typer.Exit(2) from exc

    with console.status("Reading sources…"):
        items: list[Item] = list(load_sources(paths, urls, options, limits))
    readable = sum(1 for item in items if not isinstance(item, Skipped))

    summary = IngestSummary()
    if not readable:
        summary = IngestSummary(skipped=[i for i in items if isinstance(i, Skipped)])
        if writer is not None:
            writer.close()
    elif server is not None:
        summary = _run(console, server.ingest, items)
    else:
        try:
            with writer or open_store(settings, kind) as graph_store:
                summary = _run(console, Ingestor(graph_store, batch_size=batch_size).ingest, items)
        except StoreError as exc:
            console.print(f"[red]Cannot open the store:[/red] {exc}")
            raise typer.Exit(2) from exc

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
