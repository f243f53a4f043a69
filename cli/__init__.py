"""The `conflictgraph` command line: one typer app, one module per command group."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="conflictgraph",
    help="Turn news into a traceable graph of who backs, fights and mediates between whom.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


def _register() -> None:
    """Attach command modules; each module owns one job."""
    from . import commands

    commands.register(app)


_register()
