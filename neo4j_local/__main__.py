"""`python -m conflictgraph.neo4j_local start|stop|status`: the same commands as `conflictgraph neo4j`."""

from __future__ import annotations

from .cli import app

if __name__ == "__main__":
    app(prog_name="python -m conflictgraph.neo4j_local")
