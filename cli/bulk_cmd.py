"""`conflictgraph bulk-load PATH... [--neo4j-home DIR | --into DATA_DIR]`: a first load
through Neo4j's importer.

Reads articles and dataset files as ``ingest`` does, extracts on every core, writes the
graph as CSV files in the store's layout and imports them with the local server's
``neo4j-admin database import full`` into a fresh database; then starts the server with
the store's constraints and indexes, checks the counts and writes an import report.
With ``--into``, the import goes into the data directory of another, stopped Neo4j 5
installation (a Docker volume, a packaged server) and nothing is started: the importer's
totals are checked, and the store creates its schema when it first connects.
See docs/scaling.md for when to use it rather than ``ingest`` or the queue.

Exit codes: 0 when the database holds what was written, 1 when nothing could be read,
2 when the target was refused, the import failed, or the counts differ.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from ..config import get_settings
from ..graph.model import Dataset
from ..graph.neo4j_bulk import BulkInputError
from ..graph.store import StoreError
from ..loaders.bulk import (
    BulkLoadError,
    BulkReport,
    ImportMemory,
    check_data_dir,
    check_target,
    import_graphs,
    stage_inputs,
)
from ..loaders.gazetteer import GazetteerError
from ..neo4j_local.manager import LocalNeo4j, LocalNeo4jConfig, LocalNeo4jError
from .dataset_ingest import is_dataset_file

__all__ = ["command"]


def _report_table(report: BulkReport) -> Table:
    table = Table(title="Bulk load report")
    table.add_column("nodes / relationships", style="bold")
    table.add_column("written", justify="right")
    table.add_column("in database", justify="right")
    if not report.online:  # imported offline: the importer's totals are what is known
        table.columns[2].header = "imported"
        written = {"nodes (with the write lock)": sum(report.nodes_written.values()) + 1,
                   "relationships": sum(report.relationships_written.values())}
        for (name, n), got in zip(written.items(), (report.nodes_imported,
                                                    report.relationships_imported), strict=True):
            table.add_row(name, f"{n:,}", f"{got or 0:,}", style=None if got == n else "red")
    found = {**report.nodes_found, **report.relationships_found}
    for name, n in ({**report.nodes_written, **report.relationships_written}.items()
                    if report.online else ()):
        style = None if found.get(name, 0) == n else "red"
        table.add_row(name, f"{n:,}", f"{found.get(name, 0):,}", style=style)
    table.add_row("rejected rows", "", f"{report.rejected:,}",
                  style="red" if report.rejected else None)
    return table


def _progress(console: Console) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"),
                    BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console)


def command(
    paths: list[Path] = typer.Argument(
        ..., metavar="PATH...", show_default=False,
        help="Article files or folders (as for ingest) and dataset files (.csv .tsv .gz .zip).",
    ),
    neo4j_home: Path | None = typer.Option(
        None, "--neo4j-home", show_default=False,
        help="Home of the local Neo4j server to load into \\[env CONFLICTGRAPH_NEO4J_HOME].",
    ),
    into: Path | None = typer.Option(
        None, "--into", metavar="DATA_DIR", show_default=False,
        help="Import into this data directory of a stopped Neo4j 5 server instead "
             "(server.directories.data; /data in the Docker image); nothing is started.",
    ),
    bolt_port: int | None = typer.Option(None, "--bolt-port", help="Bolt port \\[from NEO4J_URI]."),
    http_port: int | None = typer.Option(None, "--http-port", help="HTTP port \\[NEO4J_HTTP_PORT]."),
    routing_port: int | None = typer.Option(None, "--routing-port", help="Routing port \\[7688]."),
    force: bool = typer.Option(
        False, "--force", help="Replace a database that holds data (its data is deleted)."),
    workers: int = typer.Option(
        os.cpu_count() or 1, "--workers", min=1, help="Extraction processes \\[all cores]."),
    dataset_format: Dataset | None = typer.Option(
        None, "--format", help="Read every PATH as a dataset file of this format."),
    dataset_version: str | None = typer.Option(
        None, "--dataset-version", help="Version recorded on dataset claims \\[file name]."),
    csv_dir: Path | None = typer.Option(
        None, "--csv-dir", show_default=False,
        help="Where the import files go \\[<home>/import/bulk-<time>]; kept when the load fails.",
    ),
    keep_csv: bool = typer.Option(False, "--keep-csv", help="Keep the import files after success."),
    report_path: Path | None = typer.Option(
        None, "--report", show_default=False,
        help="Import report (JSON) \\[<home>/logs/bulk-load-<time>.json].",
    ),
    import_heap: str | None = typer.Option(
        None, "--import-heap", help="Importer JVM heap, e.g. 2g \\[a sixth of free memory]."),
    import_memory: str | None = typer.Option(
        None, "--import-memory",
        help="Importer off-heap memory, e.g. 8g \\[half of free memory]."),
    timeout: float = typer.Option(300, "--timeout", help="Seconds to wait for the server."),
) -> None:
    """Load a first, large input into an empty Neo4j database with Neo4j's bulk importer.

    Extraction and resolution are ingest's; after the load, `conflictgraph ingest` goes on
    adding to the same database.
    """
    console = Console(stderr=True)
    settings = get_settings()
    datasets = [p for p in paths if dataset_format is not None or is_dataset_file(p)]
    articles = [p for p in paths if p not in datasets]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {missing[0]}", param_hint="PATH")
    if into is not None and neo4j_home is not None:
        raise typer.BadParameter("give --into or --neo4j-home, not both", param_hint="--into")
    try:
        memory = ImportMemory.parse(import_heap, import_memory)
        config = LocalNeo4jConfig.from_settings(
            settings, home=neo4j_home, bolt_port=bolt_port, http_port=http_port,
            routing_port=routing_port)
    except LocalNeo4jError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    csv_dir = (csv_dir or config.home_dir / "import" / f"bulk-{stamp}").resolve()
    report_path = report_path or config.home_dir / "logs" / f"bulk-load-{stamp}.json"
    if into is not None:
        # The importer runs from a scratch home beside the import files, with the local
        # server's jars, writing into the given data directory.
        config = LocalNeo4jConfig(home=csv_dir / "importer-home", password="",
                                  lib_dir=config.libs, data_dir=into.resolve())
    manager = LocalNeo4j(config)

    try:
        with console.status("Checking the target database…"):
            if into is not None:
                check_data_dir(into.resolve(), force=force)
            else:
                check_target(manager, force=force, timeout=timeout)
        with _progress(console) as progress:
            article_task: TaskID | None = None
            if articles:
                article_task = progress.add_task("Reading and extracting articles", total=None)
            dataset_task: TaskID | None = None

            def on_articles(n: int) -> None:
                if article_task is not None:
                    progress.advance(article_task, n)

            def on_dataset(done: int, total: int) -> None:
                nonlocal dataset_task
                if dataset_task is None:
                    dataset_task = progress.add_task("Reading dataset rows", total=total or None)
                progress.update(dataset_task, completed=done, total=total or None)

            staged = stage_inputs(
                articles, datasets, workers=workers, dataset_format=dataset_format,
                dataset_version=dataset_version, article_progress=on_articles,
                dataset_progress=on_dataset, gazetteer_path=settings.gazetteer_path)
        counts = staged.store.counts()
        if not counts["articles"]:
            console.print("[red]Nothing could be read: no article or dataset row to load.[/red]")
            for item in staged.articles.skipped:
                console.print(f"  {item.name}: {item.reason}", markup=False, highlight=False)
            raise typer.Exit(1)
        console.print(f"Staged {counts['articles']:,} articles or records, {counts['claims']:,} "
                      f"claims, {counts['actors']:,} actors, {counts['relations']:,} relations; "
                      f"{len(staged.articles.skipped)} input(s) skipped.", highlight=False)
        progress_bar = _progress(console)
        with progress_bar:
            claims_task = progress_bar.add_task("Writing import files (claims)",
                                                total=counts["claims"])
            step_task = progress_bar.add_task("", total=None)
            report = import_graphs(
                staged.store.article_graphs(), manager, csv_dir=csv_dir, memory=memory,
                progress=lambda n: progress_bar.advance(claims_task, n),
                step=lambda what: progress_bar.update(step_task, description=what.capitalize()),
                timeout=timeout, online=into is None)
            progress_bar.update(step_task, description="Done", total=1, completed=1)
    except (BulkLoadError, BulkInputError, LocalNeo4jError, GazetteerError, StoreError) as exc:
        console.print(f"[red]bulk-load stopped:[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from exc

    report.write(report_path)
    out = Console()
    out.print(_report_table(report))
    for row in report.rejected_rows:
        out.print(f"  rejected: {row.reason}", markup=False, highlight=False, soft_wrap=True)
    seconds = report.seconds
    rate = report.claims / seconds["total"] if seconds.get("total") else 0.0
    out.print(f"{report.claims:,} claims in {seconds['total']:.1f} s ({rate:,.0f} claims/s); "
              f"import {seconds['import']:.1f} s, importer heap {memory.heap}, off-heap "
              f"{memory.off_heap}. Report: {report_path}", highlight=False, soft_wrap=True)
    if into is None:
        out.print(manager.connection_help(), highlight=False, soft_wrap=True)
    else:
        out.print(f"Imported into {into.resolve()}: start the Neo4j server of that data "
                  "directory; the first `conflictgraph ingest` or `serve` against it creates "
                  "the constraints and indexes.", highlight=False, soft_wrap=True)
    if not report.ok:
        console.print("[red]The database does not hold everything that was written:[/red] "
                      + escape("; ".join(report.mismatches) or f"{report.rejected} rejected"),
                      soft_wrap=True)
        console.print(f"The import files are kept in {escape(str(csv_dir))}.", soft_wrap=True)
        raise typer.Exit(2)
    if not keep_csv:
        shutil.rmtree(csv_dir, ignore_errors=True)
