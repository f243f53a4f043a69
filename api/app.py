"""The FastAPI application factory.

``create_app(settings, store)`` builds one app around one store (tests pass
their own; the server opens the configured one lazily). ``app_from_env`` is
the zero-argument factory uvicorn imports in each worker process when
serving with several workers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .. import __version__
from ..config import Settings
from ..graph.store import GraphStore
from .errors import install_error_handlers
from .middleware import BodyGuardMiddleware
from .routes import api_router
from .runtime import Runtime

__all__ = ["app_from_env", "create_app"]

DESCRIPTION = """
Who backs, fights and mediates between whom — every answer traceable to the
sentences that state it.

Actors can be named by id, canonical name or alias in any case ("Haftar",
"UAE", "the Emirates"). Errors are `application/problem+json`. Writes and
`/cypher` need the `X-API-Key` header when the server sets
`CONFLICTGRAPH_API_KEY`.
"""

TAGS = [
    {"name": "articles", "description": "Ingest news articles; read or retract them."},
    {"name": "actors", "description": "Search actors; relations, allies and adversaries."},
    {"name": "paths", "description": "How two actors are connected, and with what sign."},
    {"name": "blocs", "description": "Opposing camps from the signed graph."},
    {"name": "graph", "description": "Nodes and edges for visualisation; exports."},
    {"name": "cypher", "description": "Read-only Cypher for analysts (Neo4j store)."},
    {"name": "health", "description": "Liveness and readiness probes."},
]


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """An app serving ``store`` (opened from ``settings`` when None, and then closed on shutdown)."""
    settings = settings or Settings()
    runtime = Runtime(settings, store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            runtime.close()

    app = FastAPI(
        title="conflictgraph",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    install_error_handlers(app)
    app.include_router(api_router)
    app.add_middleware(BodyGuardMiddleware, max_body_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
        )
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory``: settings from the environment of each worker."""
    return create_app(Settings())
