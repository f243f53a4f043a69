"""Registers every command module on the app (imported lazily to keep startup fast)."""

from __future__ import annotations

import importlib

import typer

# module name -> how it attaches: "group:<name>" for a sub-app, "command:<name>" for one command.
COMMAND_MODULES: dict[str, str] = {
    "neo4j_cmd": "group:neo4j",
    "ingest_cmd": "command:ingest",
    "bulk_cmd": "command:bulk-load",
    "export_cmd": "command:export",
    "evaluate_cmd": "command:evaluate",
    "evaluate_events_cmd": "command:evaluate-events",
    "serve_cmd": "command:serve",
    "cypher_cmd": "command:cypher",
    "ask_cmd": "group:ask",
    "quickstart_cmd": "command:quickstart",
    "queue_cmd": "group:queue",
    "rules_cmd": "group:rules",
    "timeline_cmd": "command:timeline",
    "changes_cmd": "command:changes",
}


def register(app: typer.Typer) -> None:
    for module_name, how in COMMAND_MODULES.items():
        module = importlib.import_module(f"{__package__}.{module_name}")
        kind, name = how.split(":", 1)
        if kind == "group":
            app.add_typer(module.app, name=name)
        else:
            app.command(name)(module.command)
