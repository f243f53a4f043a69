"""A work queue for large backfills: many ingest workers fed from one Redis stream.

Why Redis Streams: consumer groups hand each message to exactly one worker,
a message stays pending until the worker acknowledges it (XACK) after the
store accepted the article, and a crashed worker's pending messages are
claimed by the others after an idle timeout (XAUTOCLAIM). That gives
at-least-once delivery, which is all we need because ingest is idempotent:
re-processing an article changes nothing. Redis is one small, well-kept
server that every platform packages; Kafka or RabbitMQ would do the same
job with far more to operate.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import redis

from ..graph.store import GraphStore
from .pipeline import Ingestor, IngestSummary
from .records import ArticleRecord
from .sources.base import Skipped

__all__ = ["QueueError", "QueueStats", "RedisIngestQueue"]

DEFAULT_STREAM = "conflictgraph:ingest"
DEFAULT_GROUP = "ingest-workers"


class QueueError(Exception):
    """The queue server cannot be reached or refused a command."""


@dataclass
class QueueStats:
    """What one worker did."""

    consumed: int = 0
    acknowledged: int = 0
    reclaimed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class RedisIngestQueue:
    """Producer and consumer sides of the ingest stream."""

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        *,
        stream: str = DEFAULT_STREAM,
        group: str = DEFAULT_GROUP,
        claim_idle_ms: int = 60_000,
    ) -> None:
        self.stream = stream
        self.group = group
        self.claim_idle_ms = claim_idle_ms
        self._redis = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=5)
        self._ensure_group()

    def _ensure_group(self) -> None:
        try:
            self._redis.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise QueueError(f"cannot create consumer group {self.group}: {exc}") from exc
        except redis.ConnectionError as exc:
            raise QueueError(f"the queue server is unreachable: {exc}") from exc

    # -- producer --------------------------------------------------------------
    def push(self, records: Iterable[ArticleRecord]) -> int:
        """Append records to the stream; returns how many were queued."""
        count = 0
        try:
            with self._redis.pipeline(transaction=False) as pipe:
                for record in records:
                    pipe.xadd(self.stream, {"record": record.model_dump_json()})
                    count += 1
                    if count % 500 == 0:
                        pipe.execute()
                pipe.execute()
        except redis.ConnectionError as exc:
            raise QueueError(f"the queue server is unreachable: {exc}") from exc
        return count

    def pending(self) -> int:
        """Messages delivered to some worker but not yet acknowledged."""
        info = self._redis.xpending(self.stream, self.group)
        return int(info["pending"])

    def backlog(self) -> int:
        """Messages no worker has been given yet."""
        for group in self._redis.xinfo_groups(self.stream):
            if group["name"].decode() == self.group:
                return int(group.get("lag") or 0)
        return 0

    # -- consumer --------------------------------------------------------------
    def work(
        self,
        store: GraphStore,
        *,
        consumer: str | None = None,
        batch_size: int = 32,
        block_ms: int = 1000,
        stop_when_idle: bool = True,
        max_seconds: float | None = None,
        ingestor: Ingestor | None = None,
    ) -> QueueStats:
        """Consume until the stream is drained (or forever with ``stop_when_idle=False``).

        A batch is acknowledged only after the store accepted it; if the store
        fails the batch stays pending and another worker reclaims it later.
        """
        name = consumer or f"{socket.gethostname()}-{id(self):x}"
        ingest = ingestor or Ingestor(store, batch_size=batch_size)
        stats = QueueStats()
        started = time.monotonic()
        while max_seconds is None or time.monotonic() - started < max_seconds:
            messages = self._reclaim(name, batch_size, stats) or self._read(name, batch_size, block_ms)
            if not messages:
                if stop_when_idle and self.pending() == 0:
                    break
                continue
            stats.consumed += len(messages)
            records, ids = _decode(messages, stats)
            summary: IngestSummary = ingest.ingest(records)
            if summary.error:
                # Leave the batch pending: it will be reclaimed once the store is back.
                raise QueueError(f"store failed, batch left pending: {summary.error}")
            stats.skipped.extend(summary.skipped)
            stats.created += summary.created
            stats.updated += summary.updated
            stats.unchanged += summary.unchanged
            if ids:
                stats.acknowledged += int(self._redis.xack(self.stream, self.group, *ids))
        return stats

    def _read(self, name: str, count: int, block_ms: int) -> list[tuple[bytes, dict[bytes, Any]]]:
        reply: Any = self._redis.xreadgroup(
            self.group, name, {self.stream: ">"}, count=count, block=block_ms
        )
        # RESP2 answers [[stream, messages]]; RESP3 answers {stream: [messages]}.
        if not reply:
            return []
        entries = next(iter(reply.values())) if isinstance(reply, dict) else reply[0][1]
        return [(i, f) for i, f in entries if f is not None]

    def _reclaim(self, name: str, count: int, stats: QueueStats) -> list[tuple[bytes, dict[bytes, Any]]]:
        reply: Any = self._redis.xautoclaim(
            self.stream, self.group, name, min_idle_time=self.claim_idle_ms, start_id="0-0", count=count
        )
        # Deleted entries come back as (id, None): nothing to ingest, nothing to ack later.
        claimed = [(i, f) for i, f in reply[1] if f is not None]
        stats.reclaimed += len(claimed)
        return list(claimed)

    def close(self) -> None:
        self._redis.close()


def _decode(
    messages: list[tuple[bytes, dict[bytes, Any]]], stats: QueueStats
) -> tuple[list[ArticleRecord | Skipped], list[bytes]]:
    records: list[ArticleRecord | Skipped] = []
    ids = []
    for message_id, fields in messages:
        ids.append(message_id)
        raw = fields.get(b"record", b"")
        try:
            records.append(ArticleRecord.model_validate_json(raw))
        except ValueError as exc:
            # A malformed message is reported and acknowledged: retrying cannot fix it.
            records.append(Skipped(name=f"queue message {message_id.decode()}", reason=str(exc)[:300]))
    return records, ids
