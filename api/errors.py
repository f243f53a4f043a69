"""Errors as ``application/problem+json`` (RFC 9457), one handler per failure kind.

Why one module: every error the API can give is listed here, with its status,
so bad input always maps to a 4xx and never leaks a stack trace, a secret or
an internal address. Unexpected failures are logged server-side and answered
with a bare 500.

Error bodies never repeat what the request sent (a path segment, a query-string
value, a body value, a Cypher query's text): anyone can put those in a link,
and an error page that shows them shows an attacker's words under this
server's name. A detail names the parameter at fault instead, and an unknown
actor's answer lists the stored actors it may mean.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..graph.store import StoreError, StoreFileChanged, StoreLocked, StoreUnavailable
from ..queries.search import ActorNotFound

__all__ = [
    "PROBLEM_JSON",
    "ApiProblem",
    "Problem",
    "install_error_handlers",
    "problem_response",
]

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("conflictgraph.api")

_TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid request",
    500: "Internal server error",
    501: "Not implemented",
    503: "Service unavailable",
}


class Problem(BaseModel):
    """The body of every error response."""

    type: str = Field(default="about:blank", examples=["urn:conflictgraph:problem:actor-not-found"])
    title: str = Field(examples=["Unknown actor"])
    status: int = Field(examples=[404])
    detail: str | None = Field(default=None, examples=["No actor matches the 'source' parameter."])
    suggestions: list[dict[str, Any]] | None = Field(
        default=None, description="closest actors, for an unknown actor",
        examples=[[{"id": "khalifa-haftar", "name": "Khalifa Haftar", "kind": "person"}]],
    )
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="one entry per invalid field, for a 422",
    )


class ApiProblem(Exception):
    """Raise anywhere in a route to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        slug: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or _TITLES.get(status, "Error")
        self.type = f"urn:conflictgraph:problem:{slug}" if slug else "about:blank"
        self.headers = headers
        self.extra = extra

    def response(self, headers: dict[str, str] | None = None) -> JSONResponse:
        """This problem as a response (``headers`` added to its own)."""
        return problem_response(self.status, self.detail, title=self.title, type_=self.type,
                                headers={**(self.headers or {}), **(headers or {})} or None,
                                **self.extra)


def problem_response(
    status: int,
    detail: str | None,
    *,
    title: str | None = None,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": title or _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_errors(errors: Any) -> list[dict[str, Any]]:
    """Location, message and kind of each error, without echoing the input back."""
    return [
        {"loc": [str(part) for part in err.get("loc", ())], "msg": str(err.get("msg", "")),
         "type": str(err.get("type", ""))}
        for err in errors
    ]


async def _api_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiProblem)
    return exc.response()


async def _actor_not_found(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ActorNotFound)
    # The reference itself is not repeated (see the module docstring); where it was is.
    return problem_response(
        404, exc.message(exc.given_as), title="Ambiguous actor" if exc.ambiguous else "Unknown actor",
        type_="urn:conflictgraph:problem:actor-not-found",
        suggestions=[{"id": a.id, "name": a.name, "kind": a.kind.value} for a in exc.suggestions],
    )


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError | ValidationError)
    errors = _field_errors(exc.errors())
    summary = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
    return problem_response(422, summary or "The request is invalid.",
                            type_="urn:conflictgraph:problem:invalid-request", errors=errors)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else None
    return problem_response(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("store unavailable on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(
        503, "The graph store cannot be reached; try again shortly.",
        type_="urn:conflictgraph:problem:store-unavailable", headers={"Retry-After": "5"},
    )


async def _store_locked(request: Request, exc: Exception) -> JSONResponse:
    """Named without the store's path: the process, its command and the URL it serves."""
    assert isinstance(exc, StoreLocked)
    who = exc.holder.describe() if exc.holder is not None else "another process"
    return problem_response(
        409, f"The store is being written by {who}. This server serves it read-only until "
             "that process stops; send the write again then, or send it to that process.",
        type_="urn:conflictgraph:problem:store-locked",
    )


async def _store_file_changed(request: Request, exc: Exception) -> JSONResponse:
    log.warning("store file changed on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(
        409, "The store's file was replaced by another process while this server wrote it; "
             "this write was not saved. Send it again.",
        type_="urn:conflictgraph:problem:store-changed",
    )


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("store error on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(500, "The graph store failed to complete the operation.",
                            type_="urn:conflictgraph:problem:store-error")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(500, "An unexpected error occurred.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiProblem, _api_problem)
    app.add_exception_handler(ActorNotFound, _actor_not_found)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(ValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(StoreUnavailable, _unavailable)
    app.add_exception_handler(StoreLocked, _store_locked)
    app.add_exception_handler(StoreFileChanged, _store_file_changed)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(Exception, _unexpected)
