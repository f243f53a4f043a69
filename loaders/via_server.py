"""Ingest through a running server's API: what `conflictgraph ingest` does while a
server is the memory store's one writer.

Why: a memory store has one writer per file (graph/writer_lock.py). When that
writer is a server, a second process must not write the file, but it can hand
its records to the server (``POST /articles``), which extracts and stores them
as it does any client's. The answer is the same ``IngestSummary`` as a local run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any, NoReturn

import httpx

from ..api.routes.articles import MAX_BATCH
from ..graph.store import UpsertResult
from .pipeline import IngestSummary, Progress, record_name
from .records import ArticleRecord
from .sources.base import Skipped

__all__ = ["ServerIngestor"]

API_KEY_HEADER = "X-API-Key"
_FIELDS = set(ArticleRecord.model_fields)


class _Stop(Exception):
    """The server cannot take more: ``IngestSummary.error`` says why."""


class ServerIngestor:
    """Sends records to ``url``'s ``POST /articles`` in batches; same summary as ``Ingestor``."""

    def __init__(self, url: str, *, api_key: str | None = None, batch_size: int = 32,
                 timeout_s: float = 600.0, connect_wait_s: float = 120.0) -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.batch_size = max(1, min(batch_size, MAX_BATCH))
        self.timeout_s = timeout_s
        self.connect_wait_s = connect_wait_s

    def ingest(self, items: Iterable[ArticleRecord | Skipped],
               progress: Progress | None = None) -> IngestSummary:
        summary = IngestSummary()
        headers = {API_KEY_HEADER: self.api_key} if self.api_key else {}
        batch: list[tuple[ArticleRecord, str]] = []
        with httpx.Client(base_url=self.url, headers=headers, timeout=self.timeout_s) as client:
            try:
                for index, item in enumerate(items):
                    if isinstance(item, Skipped):
                        summary.skipped.append(item)
                        _report(progress, 1)
                        continue
                    batch.append((item, record_name(item, index)))
                    if len(batch) >= self.batch_size:
                        self._send(client, batch, summary)
                        _report(progress, len(batch))
                        batch = []
                if batch:
                    self._send(client, batch, summary)
                    _report(progress, len(batch))
            except _Stop:
                pass
        return summary

    def _send(self, client: httpx.Client, batch: list[tuple[ArticleRecord, str]],
              summary: IngestSummary) -> None:
        body = [record.model_dump(mode="json", include=_FIELDS, exclude_none=True)
                for record, _ in batch]
        try:
            response = self._post(client, body)
        except httpx.HTTPError as exc:
            self._stop(summary, batch, f"cannot reach the server at {self.url}: {exc}")
        # The server names a record by its URL or title, or "record N" in the request.
        names = {record_name(ArticleRecord.model_validate(plain), i): name
                 for i, (plain, (_, name)) in enumerate(zip(body, batch, strict=True))}
        answer = _json(response)
        if response.status_code in (200, 201):
            self._count(answer, names, summary)
        elif response.status_code == 413 and len(batch) > 1:  # over the server's body limit
            half = len(batch) // 2
            self._send(client, batch[:half], summary)
            self._send(client, batch[half:], summary)
        elif response.status_code == 413:
            summary.skipped.append(Skipped(name=batch[0][1], reason=(
                "larger than the server accepts in one request (HTTP 413)")))
        elif response.status_code == 422 and answer.get("skipped"):
            summary.skipped.extend(_skipped(answer["skipped"], names))
        elif response.status_code in (401, 403):
            self._stop(summary, batch, (
                f"the server at {self.url} refused the request ({answer.get('detail')}): "
                "set CONFLICTGRAPH_API_KEY to the server's key"))
        else:
            self._stop(summary, batch, (
                f"the server at {self.url} answered HTTP {response.status_code}: "
                f"{answer.get('detail') or response.text[:300]}"))

    def _post(self, client: httpx.Client, body: list[dict[str, Any]]) -> httpx.Response:
        """POST the batch; a server that holds the store but does not answer yet is starting
        (quickstart loads its samples first): wait for it, up to ``connect_wait_s``."""
        deadline = time.monotonic() + self.connect_wait_s
        while True:
            try:
                return client.post("/articles", json=body)
            except httpx.ConnectError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def _count(self, answer: dict[str, Any], names: dict[str, str],
               summary: IngestSummary) -> None:
        summary.results.extend(UpsertResult.model_validate(r) for r in answer["results"])
        summary.articles += int(answer["articles"])
        summary.created += int(answer["created"])
        summary.updated += int(answer["updated"])
        summary.unchanged += int(answer["unchanged"])
        summary.claims += int(answer["claims"])
        # Each answer counts its own request's actors: the union counts an actor in two
        # batches once. (A server that does not list them adds its count.)
        if "actor_ids" in answer:
            summary.actor_ids.update(answer["actor_ids"])
            summary.actors = len(summary.actor_ids)
        else:
            summary.actors += int(answer["actors"])
        summary.skipped.extend(_skipped(answer["skipped"], names))

    @staticmethod
    def _stop(summary: IngestSummary, batch: list[tuple[ArticleRecord, str]],
              error: str) -> NoReturn:
        summary.error = error
        summary.not_stored = [name for _, name in batch]
        raise _Stop(error)


def _report(progress: Progress | None, count: int) -> None:
    if progress is not None and count:
        progress(count)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        answer = response.json()
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def _skipped(raw: list[dict[str, Any]], names: dict[str, str]) -> list[Skipped]:
    """The server's skipped inputs, under the names this run gave them."""
    return [Skipped(name=names.get(s["name"], s["name"]), reason=s["reason"]) for s in raw]
