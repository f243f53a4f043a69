"""`conflictgraph quickstart`: the main job on the embedded store in one command.

Loads the packaged sample articles, prints what the graph now holds and a few
example questions, then serves the API — so a new user sees answers before
reading any docs.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from ..config import get_settings
from ..graph.factory import open_store
from ..graph.store import StoreLocked
from ..graph.writer_lock import this_process
from ..loaders.pipeline import Ingestor
from ..loaders.sources import load_sources
from .ingest_cmd import _summary_table, locked_message
from .serve_cmd import server_holder

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

EXAMPLES = [
    ("Allies of Haftar (direct and inferred)", "/actors/Haftar/allies"),
    ("Adversaries of Turkey", "/actors/Turkey/adversaries"),
    ("How Turkey and Russia are connected", "/paths?source=Turkey&target=Russia&max_hops=4"),
    ("Blocs around the LNA", "/blocs?around=LNA&depth=2"),
    ("Relations of the UAE with evidence", "/actors/the%20UAE/relations"),
    ("Search actors", "/actors?q=hezbolah"),
]


def command(
    host: str = typer.Option("127.0.0.1", help="Interface to serve on."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to serve on."),
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the API after loading."),
) -> None:
    """Load the sample articles into the configured store and serve the API."""
    console = Console()
    settings = get_settings()
    name = "conflictgraph quickstart"
    holder = server_holder(name, host, port) if serve else this_process(name)
    try:
        store = open_store(settings, holder=holder, claim=True)
    except StoreLocked as exc:
        Console(stderr=True).print(locked_message(exc), highlight=False)
        raise typer.Exit(2) from exc
    with console.status("Loading the sample articles (the first run loads the language model)…"):
        summary = Ingestor(store).ingest(load_sources([SAMPLES]))
    console.print(_summary_table(summary))
    if summary.error:
        console.print(f"[red]{summary.error}[/red]")
        raise typer.Exit(2)
    counts = store.counts()
    where = settings.memory_path if store.name == "memory" else settings.neo4j_uri
    console.print(
        f"The {store.name} store ({where}) holds {counts['actors']} actors, "
        f"{counts['relations']} relations from {counts['claims']} claims in "
        f"{counts['articles']} articles."
    )
    base = f"http://{host}:{port}"
    console.print("\n[bold]Try:[/bold]")
    for title, path in EXAMPLES:
        console.print(f"  {title}:\n    curl -s '{base}{path}'")
    console.print(f"  OpenAPI docs: {base}/docs\n")
    if not serve:
        store.close()
        return
    import uvicorn

    from ..api.app import create_app

    uvicorn.run(create_app(settings, store, freeze_heap=True), host=host, port=port)
