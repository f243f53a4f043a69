"""`conflictgraph neo4j start|stop|status` (also `python -m conflictgraph.neo4j_local ...`).

It lives here, not in cli/, so that the test command can start and stop Neo4j even
while another command module fails to import.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.console import Console

from .manager import LocalNeo4j, LocalNeo4jConfig, LocalNeo4jError, Neo4jStatus

app = typer.Typer(
    help="Run a local Neo4j Community server (assembled from Maven Central on first start).",
    no_args_is_help=True,
)
console = Console(soft_wrap=True, highlight=False)
err_console = Console(stderr=True, soft_wrap=True, highlight=False)

# Help text is rich markup: a literal "[" is written "\\[" (else "[env X]" reads as a tag
# and vanishes from the help).
HomeOpt = typer.Option(
    None, "--home", help="Server home dir \\[env CONFLICTGRAPH_NEO4J_HOME].", show_default=False
)
BoltOpt = typer.Option(None, "--bolt-port", help="Bolt port \\[from NEO4J_URI, else 7687].")
HttpOpt = typer.Option(
    None, "--http-port", help="HTTP/Browser port \\[from NEO4J_HTTP_PORT, else 7474]."
)
RoutingOpt = typer.Option(None, "--routing-port", help="Routing port \\[7688].")


def _manager(
    home: Path | None,
    bolt_port: int | None = None,
    http_port: int | None = None,
    routing_port: int | None = None,
    heap: str | None = None,
    pagecache: str | None = None,
    post_connect_cmd: str | None = None,
) -> LocalNeo4j:
    """Options given on the command line override the environment's settings."""
    try:
        config = LocalNeo4jConfig.from_settings(
            home=home, bolt_port=bolt_port, http_port=http_port, routing_port=routing_port,
            heap=heap, pagecache=pagecache, post_connect_cmd=post_connect_cmd,
        )
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc'])}={error.get('input')!r}: {error['msg']}"
            for error in exc.errors()
        )
        raise _fail(LocalNeo4jError(f"invalid setting in the environment: {problems}")) from exc
    return LocalNeo4j(config)


def _print_status(status: Neo4jStatus) -> None:
    """One `label value` line each, never wrapped: paths stay copy-pasteable and greppable."""
    rows = [("state", "[green]running[/]" if status.running else "[yellow]stopped[/]")]
    if status.running and status.pid is not None:
        rows.append(("pid", str(status.pid)))
    rows += [
        ("version", f"Neo4j {status.version} Community"),
        ("home", str(status.home)),
        ("bolt", status.bolt_uri),
        ("browser", status.browser_url),
    ]
    if status.note:
        rows.append(("note", status.note))
    for label, value in rows:
        console.print(f"[bold]{label:<8}[/] {value}")


def _fail(exc: LocalNeo4jError) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {exc}")
    return typer.Exit(code=1)


@app.command()
def start(
    home: Path | None = HomeOpt,
    bolt_port: int | None = BoltOpt,
    http_port: int | None = HttpOpt,
    routing_port: int | None = RoutingOpt,
    heap: str | None = typer.Option(None, "--heap", help="JVM heap, e.g. 1g \\[1g]."),
    pagecache: str | None = typer.Option(None, "--pagecache", help="Page cache \\[512m]."),
    post_connect_cmd: str | None = typer.Option(
        None, "--browser-post-connect-cmd",
        help="Command Neo4j Browser runs after connecting, e.g. 'play http://localhost:8000/guide'.",
    ),
    wait: bool = typer.Option(True, "--wait/--no-wait", help="Wait until Bolt answers."),
    timeout: float = typer.Option(120, "--timeout", help="Seconds to wait for startup."),
) -> None:
    """Start the server in the background (first start assembles it and sets the password)."""
    manager = _manager(
        home, bolt_port, http_port, routing_port,
        heap=heap, pagecache=pagecache, post_connect_cmd=post_connect_cmd,
    )
    began = time.monotonic()
    try:
        if manager.needs_provision():
            console.print(
                f"Assembling Neo4j {manager.config.version} into {manager.config.libs} with Maven "
                "(first start only; a few minutes on a cold Maven cache)..."
            )
        status = manager.start(wait=wait, timeout=timeout)
    except LocalNeo4jError as exc:
        raise _fail(exc) from exc
    if status.already_running:
        console.print(f"Neo4j is already running (pid {status.pid}).")
        if status.note:
            console.print(f"[yellow]note:[/] {status.note}")
    elif wait:
        console.print(f"Neo4j is up in {time.monotonic() - began:.1f} s (pid {status.pid}).")
    else:
        console.print(f"Neo4j is starting (pid {status.pid}); see {manager.console_log}.")
    console.print(manager.connection_help(status))


@app.command()
def stop(
    home: Path | None = HomeOpt,
    timeout: float = typer.Option(60, "--timeout", help="Seconds before SIGKILL."),
) -> None:
    """Stop the server started from this home dir (only that process)."""
    manager = _manager(home)
    try:
        status = manager.stop(timeout=timeout)
    except LocalNeo4jError as exc:
        raise _fail(exc) from exc
    if status.pid is None:
        console.print(f"Neo4j is not running ({status.home}).")
        if status.note:
            console.print(status.note)
    else:
        console.print(f"Neo4j (pid {status.pid}) {status.note}.")


@app.command()
def status(home: Path | None = HomeOpt) -> None:
    """Say whether the server of this home dir runs and where to connect; exit 3 when stopped."""
    current = _manager(home).status()
    _print_status(current)
    if not current.running:
        raise typer.Exit(code=3)
