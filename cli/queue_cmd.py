"""`conflictgraph queue push|work|status`: parallel backfills through a Redis stream."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import typer
from rich.console import Console

from ..config import get_settings
from ..graph.factory import open_store
from ..graph.model import Dataset
from ..graph.store import StoreLocked
from ..graph.writer_lock import this_process
from ..loaders.fetch import FetchLimits, any_address, public_only
from ..loaders.gazetteer import get_gazetteer
from ..loaders.queue import QueueError, QueueStats, RedisIngestQueue
from ..loaders.sources import load_sources
from ..loaders.sources.base import Skipped
from .dataset_ingest import is_dataset_file
from .ingest_cmd import locked_message

app = typer.Typer(help="Feed large backfills to parallel ingest workers through Redis.",
                  no_args_is_help=True)
console = Console()

RedisOption = typer.Option(None, "--redis-url", help="Default: CONFLICTGRAPH_REDIS_URL.")


def _queue(redis_url: str | None) -> RedisIngestQueue:
    try:
        return RedisIngestQueue(redis_url or get_settings().redis_url)
    except QueueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc


@app.command()
def push(
    paths: list[Path] = typer.Argument(..., metavar="PATH...", help="Files or folders to queue."),
    redis_url: str | None = RedisOption,
    allow_private_urls: bool = typer.Option(
        False, "--allow-private-urls",
        help="Also fetch URLs (in .urls files) on loopback, private and link-local addresses "
             "(refused by default; also CONFLICTGRAPH_ALLOW_PRIVATE_URLS=true).",
    ),
    dataset_format: Dataset | None = typer.Option(
        None, "--format",
        help="Queue PATHs as dataset files of this format, as `ingest --format` reads them "
             "(without it, a run whose PATHs are all .csv/.tsv/.gz/.zip files queues them as "
             "dataset files, each format read from its header).",
    ),
    dataset_version: str | None = typer.Option(
        None, "--dataset-version", help="Version or export date recorded on dataset claims "
                                        "(default: the file name)."),
) -> None:
    """Read sources and queue their records; workers extract and store them.

    Dataset files are copied into the queue (at most CONFLICTGRAPH_MAX_DATASET_BYTES each),
    so workers on other machines need no shared disk.
    """
    queue = _queue(redis_url)
    if dataset_format is not None or (paths and all(map(is_dataset_file, paths))):
        queued = 0
        for path in paths:
            try:
                queue.push_dataset(path, dataset_format, limit=get_settings().max_dataset_bytes,
                                   version=dataset_version)
                queued += 1
            except QueueError as exc:
                console.print(f"[yellow]skipped[/yellow] {exc}", soft_wrap=True, markup=False,
                              highlight=False)
        console.print(f"Queued {queued} dataset file(s) on {queue.stream}.")
        return
    private = allow_private_urls or get_settings().allow_private_urls
    limits = FetchLimits(address_policy=any_address if private else public_only)
    items = list(load_sources(paths, limits=limits))
    records = [i for i in items if not isinstance(i, Skipped)]
    for skipped in (i for i in items if isinstance(i, Skipped)):
        # One unwrapped line per input, as ingest prints them: URLs stay whole, grep finds them.
        console.print("[yellow]skipped[/yellow] ", end="")
        console.print(f"{skipped.name}: {skipped.reason}", soft_wrap=True, markup=False,
                      highlight=False)
    queued = queue.push(records)
    console.print(f"Queued {queued} records on {queue.stream}.")


def _work_one(redis_url: str, store_name: str | None, batch_size: int, index: int) -> QueueStats:
    queue = RedisIngestQueue(redis_url)
    holder = this_process("conflictgraph queue work")
    gazetteer = get_gazetteer(get_settings().gazetteer_path)
    with open_store(get_settings(), store_name, holder=holder, claim=True) as store:
        return queue.work(store, consumer=f"worker-{index}", batch_size=batch_size,
                          gazetteer=gazetteer)


@app.command()
def work(
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes."),
    store: str | None = typer.Option(None, "--store", help="memory or neo4j (default: settings)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    redis_url: str | None = RedisOption,
) -> None:
    """Consume the queue until it is drained."""
    url = redis_url or get_settings().redis_url
    store_name = store or get_settings().store
    if workers > 1 and store_name == "memory":
        console.print("[red]The memory store is one file owned by one process: "
                      "use --store neo4j for several workers.[/red]")
        raise typer.Exit(2)
    _queue(url)  # fail fast, and create the consumer group once
    args = [(url, store_name, batch_size, i) for i in range(workers)]
    if workers == 1:
        try:
            results = [_work_one(*args[0])]
        except StoreLocked as exc:  # before taking any message from the queue
            console.print(locked_message(exc), highlight=False)
            raise typer.Exit(2) from exc
    else:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            results = pool.starmap(_work_one, args)
    total = QueueStats()
    for result in results:
        total.add(result)
    datasets = (f" ({total.dataset_files} dataset file(s), {total.dataset_rows} rows)"
                if total.dataset_files else "")
    console.print(
        f"{workers} worker(s) acknowledged {total.acknowledged} messages{datasets}: "
        f"{total.created} created, {total.updated} updated, {total.unchanged} unchanged, "
        f"{len(total.skipped)} skipped."
    )
    for skipped in total.skipped:
        console.print(f"[yellow]skipped[/yellow] {skipped.name}: {skipped.reason}")


@app.command()
def status(redis_url: str | None = RedisOption) -> None:
    """How many messages wait and how many are being processed."""
    queue = _queue(redis_url)
    console.print(f"{queue.stream}: {queue.backlog()} waiting, {queue.pending()} in progress.")
