"""The FastAPI application factory.

``create_app(settings, store)`` builds one app around one store (tests pass
their own; the server opens the configured one lazily). ``app_from_env`` is
the zero-argument factory uvicorn imports in each worker process when
serving with several workers.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from .. import __version__
from ..config import Settings
from ..graph.store import GraphStore, StoreHolder
from ..graph.writer_lock import this_process
from .errors import PROBLEM_JSON, Problem, install_error_handlers
from .examples import PROBLEMS
from .middleware import ApiKeyMiddleware, BodyGuardMiddleware
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


def create_app(settings: Settings | None = None, store: GraphStore | None = None, *,
               freeze_heap: bool = False, holder: StoreHolder | None = None) -> FastAPI:
    """An app serving ``store`` (opened from ``settings`` when None, and then closed on shutdown).

    ``freeze_heap`` (servers, not tests that build many apps in one process): open the
    store at startup, in the background, and exempt what is then alive from garbage
    collection (heap.py). ``holder``: who the server is in a memory store's lock file.
    """
    settings = settings or Settings()
    runtime = Runtime(settings, store, holder=holder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if freeze_heap:
            runtime.freeze_models = True
            runtime.open_early(app)
        try:
            yield
        finally:
            runtime.close()

    # /docs from the Swagger UI assets shipped in fastapi-offline and served by this app
    # (FastAPI's self-hosting recipe), not from a CDN: it works offline. No /redoc:
    # ReDoc always loads its logo from its vendor's CDN.
    app = FastAPIOffline(
        redoc_url=None,
        title="conflictgraph",
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.openapi = _problem_openapi(app)  # type: ignore[method-assign]
    install_error_handlers(app)
    app.include_router(api_router)
    # Outermost last: CORS, then the key check, then the body guard (key before body).
    app.add_middleware(BodyGuardMiddleware, max_body_bytes=settings.max_body_bytes,
                       max_upload_bytes=settings.max_dataset_bytes)
    app.add_middleware(ApiKeyMiddleware, settings=settings, router=app.router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key"],
        )
    return app


_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_BAD_BODY = {"type": "about:blank", "title": "Bad request", "status": 400,
             "detail": "There was an error parsing the body"}


def _problem_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The schema as FastAPI builds it, corrected to say what the handlers really send.

    FastAPI documents its own 422 as ``application/json``; here every error is
    ``application/problem+json`` (see errors.py), and a body that is not valid
    UTF-8 JSON is a 400. Clients and schema-driven fuzzers read this document.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = Problem.model_json_schema()
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                responses = operation.get("responses", {})
                if "422" in responses:
                    responses["422"] = {"description": "Invalid request", "content": {
                        PROBLEM_JSON: {"schema": _PROBLEM_REF, "example": PROBLEMS[422]}}}
                if "requestBody" in operation:
                    responses.setdefault("400", {"description": "Bad request", "content": {
                        PROBLEM_JSON: {"schema": _PROBLEM_REF, "example": _BAD_BODY}}})
                for response in responses.values():
                    problem = response.get("content", {}).get(PROBLEM_JSON)
                    if problem is not None:
                        problem.setdefault("schema", _PROBLEM_REF)
        for unused in ("HTTPValidationError", "ValidationError"):  # FastAPI's 422 body, now unused
            if f'"#/components/schemas/{unused}"' not in json.dumps(schema["paths"]):
                components.pop(unused, None)
        app.openapi_schema = schema
        return schema

    return openapi


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory``: settings from the environment of each worker."""
    _log_to_stderr()
    return create_app(Settings(), freeze_heap=True, holder=this_process("conflictgraph serve"))


def _log_to_stderr() -> None:
    """The service's own log lines (the start-up warm-up's, warnings) on stderr, as
    uvicorn's are, unless the deployment configured logging itself."""
    logger = logging.getLogger("conflictgraph")
    if logger.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
