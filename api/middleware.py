"""Checks made before a request body is read or parsed.

``ApiKeyMiddleware`` answers 401/403 on a protected route before a byte of the
body is received: FastAPI reads and parses a route's body before it runs the
route's dependencies, so ``ApiKeyDep`` alone would let a client without a key
make the server take in and parse up to ``max_body_bytes`` of JSON.

``BodyGuardMiddleware``: size limit (413) and JSON-only bodies (415), before any parsing.
Dataset uploads (``POST /datasets/...``) are the exception: their declared size is checked
against ``max_upload_bytes`` and their body is left to the route, which streams it to a
temporary file counting the bytes (so a large file is never held in memory).
Why buffer there: the declared Content-Length can be absent (chunked) or a
lie, so the streamed body is counted too; reading stops as soon as the limit
is passed and nothing larger than ``max_body_bytes`` is ever held. The
buffered body is then replayed to the application unchanged.
"""

from __future__ import annotations

from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts  # FastAPI >= 0.163: includes kept whole
from starlette.datastructures import Headers
from starlette.routing import Match, Router
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Settings
from .deps import API_KEY_HEADER, check_api_key, require_api_key
from .errors import ApiProblem, problem_response

__all__ = ["UPLOAD_PREFIX", "ApiKeyMiddleware", "BodyGuardMiddleware"]

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UPLOAD_PREFIX = "/datasets/"
_JSON_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/")
                                           and media.endswith("+json"))


def _depends_on(dependant: Dependant, call: object) -> bool:
    """Whether ``call`` is anywhere in a route's dependency tree."""
    stack = [dependant]
    while stack:
        node = stack.pop()
        if node.call is call:
            return True
        stack.extend(node.dependencies)
    return False


class ApiKeyMiddleware:
    """The API key check of protected routes, made before their body is read.

    A route is protected when its dependency tree (its own dependencies and
    those of the routers it was included through) holds ``require_api_key``,
    i.e. ``ApiKeyDep``. The route a request goes to is the first that fully
    matches it, as the router picks it, so the protected set is the routes' own
    declaration and not a list of paths kept here.
    """

    def __init__(self, app: ASGIApp, *, settings: Settings, router: Router) -> None:
        self.app = app
        self.settings = settings
        self.router = router
        self._walked: dict[int, tuple[object, bool]] = {}

    def _needs_key(self, scope: Scope) -> bool:
        for route in iter_route_contexts(self.router.routes):
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return self._protected(route)
        return False

    def _protected(self, route: object) -> bool:
        """Whether a route depends on the key; its dependency tree is walked once per route."""
        known = self._walked.get(id(route))
        if known is None or known[0] is not route:
            dependant = getattr(route, "dependant", None)
            known = (route, isinstance(dependant, Dependant)
                     and _depends_on(dependant, require_api_key))
            self._walked[id(route)] = known
        return known[1]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self.settings.api_key
        if scope["type"] == "http" and key and key.get_secret_value() and self._needs_key(scope):
            headers = Headers(scope=scope)
            try:
                check_api_key(self.settings, headers.get(API_KEY_HEADER))
            except ApiProblem as problem:
                # The unread body stays unread: the connection is not reused.
                unread = headers.get("content-length", "0") != "0" or "transfer-encoding" in headers
                closing = {"Connection": "close"} if unread else None
                await problem.response(closing)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyGuardMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        upload = scope["method"] == "POST" and scope["path"].startswith(UPLOAD_PREFIX)
        limit = self.max_upload_bytes if upload else self.max_body_bytes
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None:
            try:
                declared_size = int(declared)
            except ValueError:
                await problem_response(400, "Content-Length is not a number.")(scope, receive, send)
                return
            if declared_size > limit:
                await self._too_large(scope, receive, send, limit)
                return
        if upload:  # the route streams and counts the body itself
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await self._too_large(scope, receive, send, self.max_body_bytes)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        if size and scope["method"] in _JSON_METHODS and not _is_json(headers.get("content-type")):
            response = problem_response(
                415, "Send the body as JSON with 'Content-Type: application/json'.",
                type_="urn:conflictgraph:problem:unsupported-media-type",
            )
            await response(scope, receive, send)
            return
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem_response(
            413, f"The request body exceeds the limit of {limit} bytes.",
            type_="urn:conflictgraph:problem:body-too-large", headers={"Connection": "close"},
        )
        await response(scope, receive, send)
