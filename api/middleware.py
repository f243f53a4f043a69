"""Request-body guard: size limit (413) and JSON-only bodies (415), before any parsing.

Why buffer here: the declared Content-Length can be absent (chunked) or a
lie, so the streamed body is counted too; reading stops as soon as the limit
is passed and nothing larger than ``max_body_bytes`` is ever held. The
buffered body is then replayed to the application unchanged.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import problem_response

__all__ = ["BodyGuardMiddleware"]

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_JSON_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/")
                                           and media.endswith("+json"))


class BodyGuardMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None:
            try:
                declared_size = int(declared)
            except ValueError:
                await problem_response(400, "Content-Length is not a number.")(scope, receive, send)
                return
            if declared_size > self.max_body_bytes:
                await self._too_large(scope, receive, send)
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
                await self._too_large(scope, receive, send)
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

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413, f"The request body exceeds the limit of {self.max_body_bytes} bytes.",
            type_="urn:conflictgraph:problem:body-too-large", headers={"Connection": "close"},
        )
        await response(scope, receive, send)
