"""`conflictgraph serve [--host 127.0.0.1] [--port 8000] [--workers N] [--store memory|neo4j]`.

One worker serves the app built here; several workers each import the
factory ``conflictgraph.api.app:app_from_env`` (uvicorn's way to fork
workers), so ``--store`` travels to them through CONFLICTGRAPH_STORE.
The memory store lives in one process's memory and file, so it refuses
more than one worker rather than let them overwrite each other. The server
is the memory store's one writer; its lock file names its URL, so that
`conflictgraph ingest` sends articles through it.
"""

from __future__ import annotations

import ipaddress
import os
from enum import StrEnum

import typer
import uvicorn
from rich.console import Console

from ..config import Settings
from ..graph.store import StoreHolder

__all__ = ["command", "server_holder"]

FACTORY = "conflictgraph.api.app:app_from_env"
# Seconds a worker may leave the supervisor's health ping unanswered before it is restarted.
WORKER_HEALTHCHECK_S = 60


class StoreChoice(StrEnum):
    memory = "memory"
    neo4j = "neo4j"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def server_holder(command: str, host: str, port: int) -> StoreHolder:
    """This server as its store's writer: the URL a client on this machine reaches it at."""
    if host in ("0.0.0.0", "", "*"):  # the wildcard: any local address reaches it
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return StoreHolder(pid=os.getpid(), command=command, url=f"http://{host}:{port}")


def command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes."),
    store: StoreChoice | None = typer.Option(
        None, "--store", help="Backend to serve (default: CONFLICTGRAPH_STORE)."
    ),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    if store is not None:
        os.environ["CONFLICTGRAPH_STORE"] = store.value  # read again by each worker
    settings = Settings()
    if workers > 1 and settings.store == "memory":
        raise typer.BadParameter(
            "the memory store lives in one process; use --workers 1 or --store neo4j",
            param_hint="--workers",
        )
    console = Console(stderr=True)
    console.print(f"conflictgraph API on http://{host}:{port} (docs at /docs), "
                  f"store: {settings.store}, workers: {workers}", highlight=False)
    if not settings.api_key and not _is_loopback(host):
        console.print("[yellow]CONFLICTGRAPH_API_KEY is not set: anyone who can reach this "
                      "address can ingest, retract and run Cypher.[/yellow]")
    if workers > 1:
        # A worker opening its store, loading the models and freezing its heap can hold the
        # interpreter for seconds on a busy machine: uvicorn's default of 5 s without an
        # answer to its health ping killed workers in the middle of their start, over and over.
        uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers,
                    log_level=log_level, timeout_worker_healthcheck=WORKER_HEALTHCHECK_S)
        return
    from ..api.app import create_app

    app = create_app(settings, freeze_heap=True,
                     holder=server_holder("conflictgraph serve", host, port))
    uvicorn.run(app, host=host, port=port, log_level=log_level)
