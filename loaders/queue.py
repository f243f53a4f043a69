"""A work queue for large backfills: many ingest workers fed from one Redis stream.

Why Redis Streams: consumer groups hand each message to exactly one worker,
a message stays pending until the worker acknowledges it (XACK) after the
store accepted the article, and a crashed worker's pending messages are
claimed by the others after an idle timeout (XAUTOCLAIM). That gives
at-least-once delivery, which is all we need because ingest is idempotent:
re-processing an article changes nothing. Redis is one small, well-kept
server that every platform packages; Kafka or RabbitMQ would do the same
job with far more to operate.

Dataset files (ACLED, UCDP, GDELT, POLECAT) travel the same stream: the producer
copies the file's bytes into a Redis key of the queue's own (``<stream>:payload:<hex>``,
at most CONFLICTGRAPH_MAX_DATASET_BYTES, appended a megabyte at a time) and queues a
job naming that key, so workers on other machines need no shared disk and a message
never names a path. A worker copies the bytes to a private temporary file, runs the
same loader as ``conflictgraph ingest --format``, then acknowledges the job and deletes
the bytes in one transaction. A job naming any other key is skipped unread.
"""

from __future__ import annotations

import contextlib
import re
import socket
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import redis
from pydantic import BaseModel, Field, ValidationError

from ..graph.model import Dataset
from ..graph.store import GraphStore
from .datasets import DatasetIngestor, DatasetSummary
from .gazetteer import Gazetteer, get_gazetteer
from .pipeline import Ingestor, IngestSummary
from .records import ArticleRecord
from .sources.base import Skipped

__all__ = ["DatasetJob", "QueueError", "QueueStats", "RedisIngestQueue"]

DEFAULT_STREAM = "conflictgraph:ingest"
DEFAULT_GROUP = "ingest-workers"
CHUNK = 1 << 20
Suffix = Literal[".csv", ".tsv", ".txt", ".gz", ".zip"]
DATASET_SUFFIXES: tuple[Suffix, ...] = (".csv", ".tsv", ".txt", ".gz", ".zip")
_PAYLOAD_ID = re.compile(r"^[0-9a-f]{32}$")


class QueueError(Exception):
    """The queue server cannot be reached or refused a command."""


class DatasetJob(BaseModel):
    """A queued dataset file: where its bytes wait, and how to read them."""

    key: str = Field(max_length=200)
    format: Dataset | None = None
    suffix: Suffix
    version: str | None = Field(default=None, max_length=100)
    label: str = Field(min_length=1, max_length=300, description="The file's name, for messages")


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
    dataset_files: int = 0
    dataset_rows: int = 0
    dataset_claims: int = 0

    def add(self, other: QueueStats) -> None:
        """Fold another worker's figures into these."""
        for name in ("consumed", "acknowledged", "reclaimed", "created", "updated", "unchanged",
                     "dataset_files", "dataset_rows", "dataset_claims"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.skipped.extend(other.skipped)

    def add_dataset(self, summary: DatasetSummary) -> None:
        self.dataset_files += summary.files
        self.dataset_rows += summary.rows
        self.dataset_claims += summary.claims
        self.created += summary.created
        self.updated += summary.updated
        self.unchanged += summary.unchanged
        self.skipped.extend(Skipped(name=f"{s.source}:{s.line}" if s.line else s.source,
                                    reason=s.reason) for s in summary.skipped)


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

    def push_dataset(self, path: Path, fmt: Dataset | None, *, limit: int,
                     version: str | None = None) -> str:
        """Queue one dataset file (its bytes copied into the queue); returns the job's key.

        Refused, with nothing queued, when the file is larger than ``limit`` bytes or is
        not a .csv, .tsv, .txt, .gz or .zip file.
        """
        suffix = next((s for s in DATASET_SUFFIXES if path.name.lower().endswith(s)), None)
        if suffix is None or not path.is_file():
            raise QueueError(f"{path}: not a dataset file (.csv, .tsv, .txt, .gz or .zip)")
        if path.stat().st_size > limit:
            raise QueueError(f"{path}: {path.stat().st_size} bytes exceeds the limit of {limit} "
                             "(CONFLICTGRAPH_MAX_DATASET_BYTES): raise it, or split the file")
        key = self._payload_prefix() + uuid.uuid4().hex
        job = DatasetJob(key=key, format=fmt, suffix=suffix, version=version,
                         label=path.name[:300])
        size = 0
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(CHUNK):
                    size += len(chunk)
                    if size > limit:  # the file grew while it was read
                        raise QueueError(f"{path}: more than {limit} bytes "
                                         "(CONFLICTGRAPH_MAX_DATASET_BYTES)")
                    self._redis.append(key, chunk)
            self._redis.xadd(self.stream, {"dataset": job.model_dump_json()})
        except redis.ConnectionError as exc:
            self._forget(key)
            raise QueueError(f"the queue server is unreachable: {exc}") from exc
        except BaseException:
            self._forget(key)
            raise
        return key

    def _payload_prefix(self) -> str:
        return f"{self.stream}:payload:"

    def _forget(self, key: str) -> None:
        with contextlib.suppress(redis.RedisError):  # the server is gone: only bytes are left
            self._redis.delete(key)

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
        gazetteer: Gazetteer | None = None,
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
            records, ids, jobs = _decode(messages, stats, self._payload_prefix())
            summary: IngestSummary = ingest.ingest(records)
            if summary.error:
                # Leave the batch pending: it will be reclaimed once the store is back.
                raise QueueError(f"store failed, batch left pending: {summary.error}")
            stats.skipped.extend(summary.skipped)
            stats.created += summary.created
            stats.updated += summary.updated
            stats.unchanged += summary.unchanged
            for job in jobs:
                self._load(job, store, gazetteer or get_gazetteer(), stats)
            if ids:
                with self._redis.pipeline(transaction=True) as pipe:
                    pipe.xack(self.stream, self.group, *ids)
                    for job in jobs:
                        pipe.delete(job.key)
                    acked = pipe.execute()[0]
                stats.acknowledged += int(acked)
        return stats

    def _load(self, job: DatasetJob, store: GraphStore, gazetteer: Gazetteer,
              stats: QueueStats) -> None:
        """One dataset job: its bytes to a private temporary file, then the dataset loader."""
        with tempfile.TemporaryDirectory(prefix="conflictgraph-queue-") as folder:
            path = Path(folder) / f"payload{job.suffix}"
            size = int(self._redis.strlen(job.key))
            if size == 0:
                # Loaded and deleted already (a job reclaimed after its worker acknowledged
                # late), or never stored: nothing to load, nothing to retry.
                stats.skipped.append(Skipped(name=job.label, reason="its bytes are no longer "
                                             "in the queue (loaded already?): queue it again"))
                return
            with path.open("wb") as out:
                for start in range(0, size, CHUNK):
                    chunk: Any = self._redis.getrange(job.key, start, start + CHUNK - 1)
                    out.write(bytes(chunk))
            ingestor = DatasetIngestor(store, gazetteer, version=job.version or job.label)
            summary = ingestor.ingest_file(path, job.format, label=job.label)
        if summary.error:
            raise QueueError(f"store failed while loading {job.label}, job left pending: "
                             f"{summary.error}")
        stats.add_dataset(summary)

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
    messages: list[tuple[bytes, dict[bytes, Any]]], stats: QueueStats, payload_prefix: str
) -> tuple[list[ArticleRecord | Skipped], list[bytes], list[DatasetJob]]:
    records: list[ArticleRecord | Skipped] = []
    jobs: list[DatasetJob] = []
    ids = []
    for message_id, fields in messages:
        ids.append(message_id)
        if b"dataset" in fields:
            job = _dataset_job(fields[b"dataset"], payload_prefix)
            if isinstance(job, DatasetJob):
                jobs.append(job)
            else:
                records.append(Skipped(name=f"queue message {message_id.decode()}", reason=job))
            continue
        raw = fields.get(b"record", b"")
        try:
            records.append(ArticleRecord.model_validate_json(raw))
        except ValueError as exc:
            # A malformed message is reported and acknowledged: retrying cannot fix it.
            records.append(Skipped(name=f"queue message {message_id.decode()}", reason=str(exc)[:300]))
    return records, ids, jobs


def _dataset_job(raw: bytes, payload_prefix: str) -> DatasetJob | str:
    """The job, or why it is not one: only the queue's own payload keys are ever read."""
    try:
        job = DatasetJob.model_validate_json(raw)
    except ValidationError as exc:
        return f"not a dataset file job: {exc.errors()[0]['msg']}"[:300]
    if not (job.key.startswith(payload_prefix)
            and _PAYLOAD_ID.match(job.key[len(payload_prefix):])):
        return "not a dataset file of this queue (its key is not one the queue made)"
    return job
