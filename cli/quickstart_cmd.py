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
from ..graph.store import GraphStore, StoreLocked
from ..graph.writer_lock import this_process
from ..loaders.pipeline import Ingestor
from ..loaders.sources import load_sources
from ..queries.evidence import EvidenceLookup
from ..queries.search import ActorNotFound, resolve_actor
from .ingest_cmd import _summary_table, locked_message
from .serve_cmd import server_holder

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

EXAMPLES = [
    ("Allies of Haftar (direct and inferred)", "/actors/Haftar/allies"),
    ("Adversaries of Turkey, one sentence each", "/actors/Turkey/adversaries?view=brief"),
    ("Supporters of the LNA", "/actors/LNA/supporters"),
    ("How Turkey and Russia are connected", "/paths?source=Turkey&target=Russia&max_hops=4"),
    ("Blocs around the LNA", "/blocs?around=LNA&depth=2"),
    ("Relations of the UAE with evidence", "/actors/the%20UAE/relations"),
    ("Search actors", "/actors?q=hezbolah"),
]
# The actor whose strongest relation the quickstart shows with its evidence.
SHOWCASE_ACTOR = "Turkey"


def _example_answer(store: GraphStore) -> list[str]:
    """One relation of the showcase actor, its strongest sentence and where it was published."""
    try:
        actor = resolve_actor(store, SHOWCASE_ACTOR)
    except ActorNotFound:
        return []
    relations = sorted(store.neighbours(actor.id),
                       key=lambda r: (-r.confidence, -r.evidence_count, r.key))
    if not relations:
        return []
    relation = relations[0]
    lookup = EvidenceLookup(store, limit=1)
    sentences = lookup.sentences(relation)
    if not sentences:
        return []
    evidence = sentences[0]
    article = evidence.article
    cited = ", ".join(str(part) for part in (
        article.source or "unknown source", article.published or evidence.published,
        article.url or article.title) if part)
    return [
        f"  {lookup.actor(relation.source).name} {relation.type.value} "
        f"{lookup.actor(relation.target).name}",
        f"    “{evidence.sentence}”",
        f"    — {cited}",
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
    answer = _example_answer(store)
    if answer:
        console.print("\n[bold]Every answer cites its sentences, e.g.:[/bold]")
        for line in answer:
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    base = f"http://{host}:{port}"
    console.print("\n[bold]Try:[/bold]")
    # Commands and URLs are printed unwrapped (soft_wrap): a terminal narrower than a line
    # wraps it visually, and copying it still gives one working command.
    for title, path in EXAMPLES:
        console.print(f"  {title}:", markup=False, highlight=False, soft_wrap=True)
        console.print(f"    curl -s '{base}{path}'", markup=False, highlight=False,
                      soft_wrap=True)
    console.print(f"  OpenAPI docs: {base}/docs\n", markup=False, highlight=False,
                  soft_wrap=True)
    if not serve:
        store.close()
        return
    import uvicorn

    from ..api.app import create_app

    uvicorn.run(create_app(settings, store, freeze_heap=True), host=host, port=port)
