"""`conflictgraph ask allies|adversaries|supporters|supported|path|blocs|actor ...`.

Analysts' questions answered from the configured store (memory or Neo4j), with
the query functions the API uses, printed as compact tables: each actor (or
hop) with its relation, strength and one evidence sentence with its source.
``--json`` prints the API's ``view=brief`` document instead. Actors are named
as in the API (id, name or alias, any case; a unique close spelling). Exit
codes: 0 on success, 1 for an unknown actor, 2 for a usage error or a store
that cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..graph.model import Origin
from ..graph.store import GraphStore
from ..graph.window import Window, WindowedStore
from ..queries.actors import actor_detail
from ..queries.alignment import DEFAULT_LIMIT, adversaries, allies
from ..queries.blocs import BlocsRequestError, find_blocs
from ..queries.brief import (
    BriefActor,
    BriefBlocs,
    BriefEvidence,
    BriefHop,
    BriefItem,
    BriefList,
    BriefPaths,
    brief_actor,
    brief_alignment,
    brief_blocs,
    brief_paths,
    brief_support,
)
from ..queries.evidence import EvidenceLookup
from ..queries.paths import MAX_HOPS, signed_paths
from ..queries.supporters import Backing, support
from .messages import StoreChoice, named_actor, reading_store

__all__ = ["app"]

app = typer.Typer(
    help="Ask the graph: allies, adversaries, supporters, paths, blocs, one actor.",
    no_args_is_help=True,
)


StoreOption = typer.Option(None, "--store", help="Backend to read (default: CONFLICTGRAPH_STORE).")
JsonOption = typer.Option(False, "--json", help="Print the API's view=brief JSON instead.")
LimitOption = typer.Option(DEFAULT_LIMIT, "--limit", min=1, max=1000, help="Most items, best first.")
OffsetOption = typer.Option(0, "--offset", min=0, max=10_000, help="Items to skip.")

MAX_ALIASES_SHOWN = 5

# The window and origins the group's options asked for (one command runs per process; set by
# ``window``): None for all time and every origin.
_window: Window | None = None
_origins: frozenset[Origin] | None = None


@app.callback()
def window(
    as_of: str | None = typer.Option(None, "--as-of", help="Answer from the claims dated up to "
                                     "this day (YYYY-MM-DD): the graph as of then."),
    since: str | None = typer.Option(None, "--since", help="Use only claims dated from this day."),
    until: str | None = typer.Option(None, "--until", help="Use only claims dated up to this day."),
    origin: list[Origin] | None = typer.Option(
        None, "--origin", case_sensitive=False, help="Use only claims of this origin: text (news "
        "articles), acled, ucdp, gdelt or polecat; repeat for several (the API's origin)."),
) -> None:
    """Ask the graph: allies, adversaries, supporters, paths, blocs, one actor. The dates and
    origins go before the question: `conflictgraph ask --as-of 2022-12-31 --origin text allies
    RSF` (the API's as_of and origin)."""
    global _window, _origins
    _origins = frozenset(origin) if origin else None
    days = {name: _day(value, f"--{name.replace('_', '-')}")
            for name, value in (("as_of", as_of), ("since", since), ("until", until))}
    try:
        _window = Window.of(**days)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date like 2023-04-15", param_hint=option) from exc


@contextmanager
def _reading(store: StoreChoice | None) -> Iterator[GraphStore]:
    """The store, as the claims of the asked window and origins tell it when given."""
    with reading_store(store) as graph_store:
        if _window is None and _origins is None:
            yield graph_store
        else:
            yield WindowedStore(graph_store, _window or Window(), _origins)


# -- plumbing ---------------------------------------------------------------------------------


def _emit(answer: BaseModel, as_json: bool, table: Callable[[], Table]) -> None:
    if as_json:
        typer.echo(answer.model_dump_json(indent=2))
        return
    Console().print(table())


def _evidence_cell(evidence: BriefEvidence | None) -> str:
    if evidence is None:
        return ""
    source = " · ".join(str(part) for part in (evidence.title, evidence.published, evidence.url)
                        if part)
    return escape(evidence.sentence) + (f"\n[dim]{escape(source)}[/dim]" if source else "")


_ARROWS = {"out": "→", "in": "←", "mutual": "↔"}


def _relation_cell(item: BriefHop) -> str:
    return f"{_ARROWS[item.direction]} {item.relation.value}"


def _strength_cell(strength: float, sources: dict[Origin, int]) -> str:
    """The strength, and under it the relation's independent sources by origin."""
    counted = ", ".join(f"{origin.value} {n}" for origin, n in sources.items())
    return f"{strength:.2f}" + (f"\n[dim]{counted}[/dim]" if counted else "")


def _items_table(title: str, items: list[BriefItem], *, aligned: bool) -> Table:
    table = Table(title=title, show_lines=True)
    table.add_column("actor", style="bold", overflow="fold")
    table.add_column("relation", no_wrap=True)
    if aligned:
        table.add_column("why", overflow="fold")
    table.add_column("strength", justify="right")
    table.add_column("evidence", overflow="fold", ratio=1)
    for item in items:
        row = [escape(item.name), _relation_cell(item)]
        if aligned:
            why = (item.reason or "").replace("_", " ")
            if item.via:
                why += " via " + ", ".join(item.via)
            row.append(escape(why))
        row += [_strength_cell(item.strength, item.sources), _evidence_cell(item.evidence)]
        table.add_row(*row)
    return table


def _list_title(heading: str, answer: BriefList) -> str:
    """``heading`` ("Allies of Turkey") with which items are shown, or that there are none."""
    if not answer.items:
        return escape(f"{heading}: none found")
    shown = f"{answer.offset + 1}-{answer.offset + len(answer.items)} of {answer.total}"
    more = ", more with --offset" if answer.truncated else ""
    return escape(f"{heading} ({shown}{more})")


# -- commands -----------------------------------------------------------------------------------


def _alignment(ref: str, store: StoreChoice | None, limit: int, offset: int, as_json: bool,
               sign: int) -> None:
    with _reading(store) as graph_store:
        actor = named_actor(graph_store, ref)
        ask = allies if sign > 0 else adversaries
        answer = brief_alignment(ask(graph_store, actor.id, limit=limit, offset=offset,
                                     actor=actor, evidence_limit=1))
    heading = f"{'Allies' if sign > 0 else 'Adversaries'} of {answer.actor.name}"
    _emit(answer, as_json, lambda: _items_table(_list_title(heading, answer), answer.items,
                                                aligned=True))


@app.command("allies")
def allies_command(
    ref: str = typer.Argument(..., metavar="ACTOR", help="Id, name or alias."),
    limit: int = LimitOption, offset: int = OffsetOption,
    store: StoreChoice | None = StoreOption, as_json: bool = JsonOption,
) -> None:
    """Allies, stated and inferred (GET /actors/{ref}/allies)."""
    _alignment(ref, store, limit, offset, as_json, 1)


@app.command("adversaries")
def adversaries_command(
    ref: str = typer.Argument(..., metavar="ACTOR", help="Id, name or alias."),
    limit: int = LimitOption, offset: int = OffsetOption,
    store: StoreChoice | None = StoreOption, as_json: bool = JsonOption,
) -> None:
    """Adversaries, stated and inferred (GET /actors/{ref}/adversaries)."""
    _alignment(ref, store, limit, offset, as_json, -1)


def _support(ref: str, store: StoreChoice | None, limit: int, offset: int, as_json: bool,
             backing: Backing) -> None:
    with _reading(store) as graph_store:
        actor = named_actor(graph_store, ref)
        answer = brief_support(support(graph_store, actor, backing, limit=limit, offset=offset,
                                       evidence_limit=1))
    heading = (f"Supporters of {answer.actor.name}" if backing is Backing.SUPPORTERS
               else f"Supported by {answer.actor.name}")
    _emit(answer, as_json, lambda: _items_table(_list_title(heading, answer), answer.items,
                                                aligned=False))


@app.command("supporters")
def supporters_command(
    ref: str = typer.Argument(..., metavar="ACTOR", help="Id, name or alias."),
    limit: int = LimitOption, offset: int = OffsetOption,
    store: StoreChoice | None = StoreOption, as_json: bool = JsonOption,
) -> None:
    """Who backs the actor (GET /actors/{ref}/supporters)."""
    _support(ref, store, limit, offset, as_json, Backing.SUPPORTERS)


@app.command("supported")
def supported_command(
    ref: str = typer.Argument(..., metavar="ACTOR", help="Id, name or alias."),
    limit: int = LimitOption, offset: int = OffsetOption,
    store: StoreChoice | None = StoreOption, as_json: bool = JsonOption,
) -> None:
    """Whom the actor backs (GET /actors/{ref}/supported)."""
    _support(ref, store, limit, offset, as_json, Backing.SUPPORTED)


@app.command("path")
def path_command(
    source: str = typer.Argument(..., metavar="SOURCE", help="Id, name or alias."),
    target: str = typer.Argument(..., metavar="TARGET", help="Id, name or alias."),
    max_hops: int = typer.Option(4, "--max-hops", min=1, max=MAX_HOPS, help="Longest path."),
    k: int = typer.Option(5, "-k", min=1, max=20, help="Most paths, shortest first."),
    store: StoreChoice | None = StoreOption, as_json: bool = JsonOption,
) -> None:
    """Shortest signed paths between two actors, each hop with a sentence (GET /paths)."""
    with _reading(store) as graph_store:
        origin, goal = named_actor(graph_store, source), named_actor(graph_store, target)
        if origin.id == goal.id:
            raise typer.BadParameter(f"SOURCE and TARGET both name {origin.name}.",
                                     param_hint="TARGET")
        answer = brief_paths(signed_paths(graph_store, origin.id, goal.id, max_hops=max_hops,
                                          k=k, evidence_limit=1))
    _emit(answer, as_json, lambda: _paths_table(answer))


def _paths_table(answer: BriefPaths) -> Table:
    title = f"Paths from {answer.source.name} to {answer.target.name}"
    table = Table(title=escape(answer.message or title), show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("step", overflow="fold")
    table.add_column("strength", justify="right")
    table.add_column("evidence", overflow="fold", ratio=1)
    for number, path in enumerate(answer.paths, start=1):
        before = answer.source.name
        label = f"{number}\n[dim]{path.polarity.value}\n{path.strength:.2f}[/dim]"
        for hop in path.hops:
            step = f"{escape(before)} {_relation_cell(hop)} [bold]{escape(hop.name)}[/bold]"
            table.add_row(label, step, _strength_cell(hop.strength, hop.sources),
                          _evidence_cell(hop.evidence))
            before, label = hop.name, ""
    return table


@app.command("blocs")
def blocs_command(
    refs: list[str] = typer.Argument(None, metavar="[ACTOR...]", help="Actors to partition."),
    around: str | None = typer.Option(None, "--around", help="Or: every actor near this one."),
    depth: int = typer.Option(2, "--depth", min=1, max=3, help="Hops out from --around."),
    store: StoreChoice | None = StoreOption, as_json: bool = JsonOption,
) -> None:
    """Opposing blocs among actors, or around one (GET /blocs)."""
    with _reading(store) as graph_store:
        try:
            partition = find_blocs(graph_store, actors=refs or [], around=around, depth=depth)
        except BlocsRequestError as exc:
            raise typer.BadParameter(str(exc), param_hint="ACTOR... or --around") from exc
        answer = brief_blocs(partition, EvidenceLookup(graph_store, limit=1))
    _emit(answer, as_json, lambda: _blocs_table(answer))


def _blocs_table(answer: BriefBlocs) -> Table:
    method = "exact" if answer.method == "exact" else "local search"
    title = (f"Blocs: those in one group oppose each other; {answer.frustration} relation(s) "
             f"contradict the partition ({method})")
    table = Table(title=title, show_lines=True)
    table.add_column("group", justify="right")
    table.add_column("bloc", justify="right")
    table.add_column("actor", style="bold", overflow="fold")
    table.add_column("tie", overflow="fold")
    table.add_column("strength", justify="right")
    table.add_column("evidence", overflow="fold", ratio=1)
    for member in answer.members:
        tie = ""
        if member.relation is not None and member.direction is not None:
            tie = f"{_ARROWS[member.direction]} {member.relation.value} {escape(member.other or '')}"
        strength = ("" if member.strength is None
                    else _strength_cell(member.strength, member.sources))
        table.add_row(str(member.component + 1), str(member.bloc), escape(member.name), tie,
                      strength, _evidence_cell(member.evidence))
    for name in answer.unaligned:
        table.add_row("", "", escape(name), "[dim]no cooperative or hostile relation[/dim]", "", "")
    return table


@app.command("actor")
def actor_command(
    ref: str = typer.Argument(..., metavar="ACTOR", help="Id, name or alias."),
    store: StoreChoice | None = StoreOption, as_json: bool = JsonOption,
) -> None:
    """One actor: aliases and its strongest relations, each with a sentence (GET /actors/{ref})."""
    with _reading(store) as graph_store:
        actor = named_actor(graph_store, ref)
        relations = graph_store.neighbours(actor.id)
        lookup = EvidenceLookup(graph_store, limit=1, actors={actor.id: actor})
        answer = brief_actor(actor_detail(graph_store, actor, relations=relations, lookup=lookup),
                             relations, lookup)
    _emit(answer, as_json, lambda: _actor_table(answer))


def _actor_table(answer: BriefActor) -> Table:
    shown = answer.aliases[:MAX_ALIASES_SHOWN]
    more = len(answer.aliases) - len(shown)
    aliases = ", ".join(shown) + (f" and {more} more" if more > 0 else "") or "no aliases"
    country = f", {answer.country}" if answer.country else ""
    title = (f"{answer.name} ({answer.kind.value}{country}; {aliases}): "
             f"{answer.relation_count} relation(s)")
    return _items_table(escape(title), answer.items, aligned=False)
