"""`conflictgraph export --format json|graphml [-o FILE]`: the whole graph, to a file or stdout."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from ..config import get_settings
from ..graph.export import export_graphml, export_json
from ..graph.factory import open_store
from ..graph.store import StoreError

__all__ = ["command"]


class ExportFormat(StrEnum):
    json = "json"
    graphml = "graphml"


class StoreChoice(StrEnum):
    memory = "memory"
    neo4j = "neo4j"


def _write_atomically(path: Path, text: str) -> None:
    """A crash mid-write must not leave a truncated export where a good one was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def command(
    fmt: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    store: StoreChoice | None = typer.Option(
        None, "--store", help="Backend to read (default: CONFLICTGRAPH_STORE)."
    ),
) -> None:
    """Export actors, relations (with their evidence) and articles."""
    console = Console(stderr=True)
    try:
        with open_store(get_settings(), store.value if store else None) as graph_store:
            if fmt is ExportFormat.json:
                text = json.dumps(export_json(graph_store), ensure_ascii=False, indent=2) + "\n"
            else:
                text = export_graphml(graph_store)
    except StoreError as exc:
        console.print(f"[red]Cannot read the store:[/red] {exc}")
        raise typer.Exit(2) from exc
    if output is None:
        sys.stdout.write(text)
        return
    _write_atomically(output, text)
    console.print(f"Wrote {fmt.value} export to {output}")
