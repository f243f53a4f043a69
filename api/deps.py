"""Dependency aliases, so that route signatures read like prose.

``StoreDep`` is the open GraphStore, ``SettingsDep`` the app's Settings,
``ApiKeyDep`` guards writes (a no-op unless CONFLICTGRAPH_API_KEY is set),
``WriterDep`` makes this process the store's writer before a write starts
(409 naming the process that is, when another one is),
``ActorDep`` resolves the ``{ref}`` path segment to an actor (404 with
suggestions otherwise), ``WindowDep`` reads ``as_of``/``since``/``until``,
``OriginDep`` reads ``origin`` and ``ViewDep`` is the store as the claims of that
window and those origins tell it (graph/window.py).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Security
from fastapi.security import APIKeyHeader

from ..config import Settings
from ..graph.model import Actor, Origin
from ..graph.store import GraphStore
from ..graph.window import Window, WindowedStore
from ..queries.search import resolve_actor
from .errors import ApiProblem
from .params import Day, parse_origins
from .runtime import Runtime

__all__ = [
    "API_KEY_HEADER",
    "ActorDep",
    "ApiKeyDep",
    "OriginDep",
    "RuntimeDep",
    "SettingsDep",
    "StoreDep",
    "ViewDep",
    "WindowDep",
    "WriterDep",
    "check_api_key",
    "require_api_key",
]

API_KEY_HEADER = "X-API-Key"
_api_key_header = APIKeyHeader(
    name=API_KEY_HEADER, auto_error=False,
    description="Required on writes and /cypher when the server sets CONFLICTGRAPH_API_KEY.",
)


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


def get_store(runtime: RuntimeDep) -> GraphStore:
    return runtime.store()


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]


def get_window(
    as_of: Annotated[Day | None, Query(
        description="answer from the claims dated up to this day (the graph as of then)",
        examples=["2023-04-01"])] = None,
    since: Annotated[Day | None, Query(
        description="use only claims dated from this day", examples=["2020-01-01"])] = None,
    until: Annotated[Day | None, Query(
        description="use only claims dated up to this day", examples=["2020-12-31"])] = None,
) -> Window | None:
    """The window of time an answer is drawn from; None (all time) when no date is given."""
    try:
        return Window.of(as_of=as_of, since=since, until=until)
    except ValueError as exc:
        raise ApiProblem(422, f"{str(exc)[0].upper()}{str(exc)[1:]}.", slug="invalid-request") from exc


WindowDep = Annotated[Window | None, Depends(get_window)]


def get_origins(
    origin: Annotated[list[str] | None, Query(
        description="answer from the claims of these origins only: text (news articles), "
                    "acled, ucdp, gdelt, polecat; comma-separated or repeated (default: all)",
        examples=["acled,ucdp"])] = None,
) -> frozenset[Origin] | None:
    """The origins an answer is drawn from; None (every origin) when none is given."""
    return parse_origins(origin)


OriginDep = Annotated[frozenset[Origin] | None, Depends(get_origins)]


def get_view(store: StoreDep, window: WindowDep, origins: OriginDep) -> GraphStore:
    if window is None and origins is None:
        return store
    return WindowedStore(store, window or Window(), origins)


ViewDep = Annotated[GraphStore, Depends(get_view)]


def check_api_key(settings: Settings, supplied: str | None) -> None:
    """401 without the header, 403 with a wrong one; compared in constant time.

    A no-op when the server sets no key. ApiKeyMiddleware calls it before a
    protected route's body is read; ``require_api_key`` calls it again as the
    route's dependency (which is also what marks a route as protected).
    """
    expected = settings.api_key.get_secret_value() if settings.api_key else ""
    if not expected:
        return
    if not supplied:
        raise ApiProblem(401, f"This operation needs the {API_KEY_HEADER} header.",
                         slug="api-key-missing", headers={"WWW-Authenticate": API_KEY_HEADER})
    if not hmac.compare_digest(supplied.encode("utf-8"), expected.encode("utf-8")):
        raise ApiProblem(403, f"The {API_KEY_HEADER} header does not match the server's key.",
                         slug="api-key-invalid")


def require_api_key(
    settings: SettingsDep,
    supplied: Annotated[str | None, Security(_api_key_header)] = None,
) -> None:
    """The dependency that protects a route (and documents the header in OpenAPI)."""
    check_api_key(settings, supplied)


ApiKeyDep = Annotated[None, Depends(require_api_key)]


def claim_writes(store: StoreDep) -> None:
    """Before extraction, not after it: StoreLocked (409) when another process writes."""
    store.claim_writes()


WriterDep = Annotated[None, Depends(claim_writes)]


def actor_from_ref(
    store: StoreDep,
    ref: Annotated[str, Path(
        description="An actor id, canonical name or alias, any case",
        examples=["Haftar"], max_length=300,
    )],
) -> Actor:
    return resolve_actor(store, ref, given_as="the reference in the path")


ActorDep = Annotated[Actor, Depends(actor_from_ref)]
