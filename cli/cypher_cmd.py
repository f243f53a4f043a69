"""`conflictgraph cypher FILE_OR_QUERY [--param key=value]... [--format table|json]`.

Runs a cookbook query (by name, e.g. ``allies``, or by path) or a literal
query through the read-only sandbox against Neo4j. A cookbook query's actor
parameters are resolved first, as the API resolves them. Exit codes: 0 on
success, 1 when an actor is unknown or the query is refused, invalid or times
out, 3 when Neo4j cannot be used.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from neo4j import GraphDatabase
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..config import Settings, get_settings
from ..graph.neo4j_sandbox import CypherRejected, CypherResult, CypherSandboxError, run_read_only
from ..graph.neo4j_store import Neo4jStore
from ..graph.store import StoreUnavailable
from ..queries import cookbook
from ..queries.cookbook import CookbookError, CookbookQuery
from ..queries.search import ActorNotFound, reading_note
from .messages import unknown_actor

__all__ = ["command"]

_COOKBOOK_NAME = re.compile(r"[A-Za-z0-9_\-]+(\.cypher)?")


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class StoreChoice(StrEnum):
    memory = "memory"
    neo4j = "neo4j"


def _resolve(target: str) -> CookbookQuery | str:
    """A cookbook name, a .cypher file, or else the literal query text."""
    path = Path(target).expanduser()
    if target.endswith(".cypher") or (path.suffix and path.is_file()):
        if path.is_file():
            return cookbook.load(path, strict=False)
        if "/" in target or "\\" in target:
            raise typer.BadParameter(f"no such file: {target}", param_hint="FILE_OR_QUERY")
    if _COOKBOOK_NAME.fullmatch(target):
        try:
            return cookbook.get(target)
        except CookbookError as exc:
            raise typer.BadParameter(str(exc), param_hint="FILE_OR_QUERY") from exc
    return target


def _split_params(pairs: list[str]) -> dict[str, str]:
    raw: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise typer.BadParameter(f"expected key=value, got {pair!r}", param_hint="--param")
        raw[key] = value
    return raw


def _literal_value(raw: str) -> Any:
    """For queries without declared parameters: JSON when it parses, else the string."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def _cell(value: Any) -> str:
    """One value, compact enough for a table cell."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "labels" in value and "properties" in value:  # node
            props = value["properties"]
            return str(props.get("name") or props.get("id") or ":" + ":".join(value["labels"]))
        if "type" in value and "start" in value and "properties" in value:  # relationship
            return str(value["type"])
        if "nodes" in value and "relationships" in value:  # path
            return " - ".join(_cell(n) for n in value["nodes"])
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return ", ".join("" if v is None else str(v) for v in value)
        return "\n".join(f"[{_cell(v)}]" if isinstance(v, dict) else _cell(v) for v in value)
    return str(value)


def _table(result: CypherResult, title: str | None) -> Table:
    table = Table(title=title, show_lines=False)
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*(escape(_cell(v)) for v in row))
    return table


def _list_cookbook(console: Console) -> None:
    table = Table(title="Cookbook (run: conflictgraph cypher NAME [--param key=value]...)")
    table.add_column("name", style="bold")
    table.add_column("question", overflow="fold")
    table.add_column("parameters (defaults)", overflow="fold")
    for name, query in cookbook.cookbook().items():
        params = ", ".join(f"{p.name}={json.dumps(p.default)}" for p in query.params)
        table.add_row(name, escape(query.question), escape(params))
    console.print(table)


def _driver(settings: Settings) -> Any:
    return GraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        connection_timeout=5.0,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=5.0,
    )


def _resolve_actors(query: CookbookQuery, parameters: dict[str, Any], settings: Settings,
                    driver: Any, err: Console) -> dict[str, Any]:
    """The ``@actor`` parameters resolved as the API resolves references (see
    ``cookbook.resolve_actors``); a note on stderr for each read as another name, and
    exit code 1 for one that names no actor."""
    store = Neo4jStore(settings.neo4j_uri, settings.neo4j_user, "", driver=driver,
                       database=settings.neo4j_database, ensure_schema=False)
    try:
        resolved = cookbook.resolve_actors(query, parameters, store)
    except ActorNotFound as exc:
        err.print(unknown_actor(exc, store))
        raise typer.Exit(1) from exc
    for name, value in resolved.items():
        if value != parameters[name]:
            actor = store.get_actor(value)
            note = reading_note(str(parameters[name]), actor) if actor else None
            if note:
                err.print(escape(note))
    return resolved


def command(
    file_or_query: str = typer.Argument(
        None, metavar="FILE_OR_QUERY", show_default=False,
        help="A cookbook name (allies), a .cypher file, or a Cypher query in quotes.",
    ),
    param: list[str] = typer.Option(
        None, "--param", "-p", help="A query parameter as key=value (repeatable)."
    ),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table or json"),
    store: StoreChoice | None = typer.Option(
        None, "--store", help="Backend (default: CONFLICTGRAPH_STORE); only neo4j runs Cypher."
    ),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, help="Seconds before the query is stopped."),
    max_rows: int = typer.Option(1000, "--max-rows", min=0, help="Rows kept; more are cut off."),
    list_queries: bool = typer.Option(False, "--list", help="List the cookbook queries and exit."),
    browser: bool = typer.Option(
        False, "--browser", help="Print the :params line and query for Neo4j Browser; run nothing."
    ),
) -> None:
    """Run a read-only Cypher query (a cookbook name, a .cypher file or a literal) against Neo4j."""
    out = Console()
    err = Console(stderr=True)
    if list_queries:
        _list_cookbook(out)
        return
    if not file_or_query or not file_or_query.strip():
        raise typer.BadParameter("give a cookbook name, a .cypher file or a query (see --list)",
                                 param_hint="FILE_OR_QUERY")
    resolved = _resolve(file_or_query.strip())
    raw = _split_params(param or [])
    try:
        if isinstance(resolved, CookbookQuery):
            text, parameters, title = resolved.text, resolved.coerce(raw), resolved.name
        else:
            text, title = resolved, None
            parameters = {k: _literal_value(v) for k, v in raw.items()}
    except CookbookError as exc:
        raise typer.BadParameter(str(exc), param_hint="--param") from exc

    if browser:
        typer.echo(cookbook.browser_params(parameters))
        typer.echo(text.strip())
        return

    settings = get_settings()
    kind = store.value if store else settings.store
    if kind != "neo4j":
        err.print(
            f"[red]conflictgraph cypher needs the Neo4j store, but the store is {kind!r}.[/red] "
            "Set CONFLICTGRAPH_STORE=neo4j (with NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD) "
            "or pass --store neo4j; `conflictgraph neo4j start` runs a local server."
        )
        raise typer.Exit(3)
    driver = _driver(settings)
    try:
        if isinstance(resolved, CookbookQuery):
            parameters = _resolve_actors(resolved, parameters, settings, driver, err)
        result = run_read_only(driver, settings.neo4j_database, text, parameters,
                               timeout_s=timeout, row_cap=max_rows)
    except CypherRejected as exc:
        err.print(f"[red]Refused:[/red] {escape(exc.reason)}")
        raise typer.Exit(1) from exc
    except CypherSandboxError as exc:
        err.print(f"[red]Query failed:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    except StoreUnavailable as exc:
        err.print(f"[red]Neo4j at {escape(settings.neo4j_uri)} is unavailable:[/red] {escape(str(exc))}")
        raise typer.Exit(3) from exc
    finally:
        driver.close()

    if output is OutputFormat.json:
        payload = {"columns": result.columns, "rows": result.records(),
                   "truncated": result.truncated}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        out.print(_table(result, title))
        err.print(f"{len(result.rows)} row(s)")
    if result.truncated:
        err.print(f"[yellow]Only the first {max_rows} rows are shown (--max-rows).[/yellow]")
