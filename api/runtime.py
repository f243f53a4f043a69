"""What one running app holds: settings, the store, and the ingestion pipeline.

The store is opened on first use (servers also try once at startup, in the
background: ``open_early``) and retried on the next request when it is
unreachable, so the process starts (and answers /healthz) while Neo4j is
still coming up; /readyz and every store-backed route answer 503 until then.
The ingestor loads the NLP models on first use only, so read-only replicas
never pay for them.

A server is its memory store's one writer from the moment it opens it (the lock
file names it and its URL, so `conflictgraph ingest` goes through it). When
another process writes the store already, the server serves it read-only,
following that process's writes, and answers its own writes with 409 until the
other process has stopped.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import TYPE_CHECKING

from ..config import Settings
from ..graph.factory import open_store
from ..graph.store import GraphStore, StoreError, StoreHolder, StoreLocked
from .heap import exempt_new, freeze_survivors
from .warmup import WarmUpState, WarmUpStatus, run_warm_up

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..loaders.pipeline import Ingestor

__all__ = ["Runtime"]

log = logging.getLogger("conflictgraph.api")


class Runtime:
    """``holder``: who this server is in a memory store's lock file (pid, command, URL)."""

    def __init__(self, settings: Settings, store: GraphStore | None = None, *,
                 holder: StoreHolder | None = None) -> None:
        self.settings = settings
        self.holder = holder
        self._store = store
        self._owns_store = store is None
        self._lock = threading.Lock()
        self._ingestor: Ingestor | None = None
        # Extraction is CPU-bound and its models are not promised to be thread-safe.
        self.ingest_lock = threading.Lock()
        # Servers freeze the models once loaded (heap.py); tests building many apps do not.
        self.freeze_models = False
        # Set once ``open_early`` has tried the store, warmed it up and frozen what was alive.
        self.warmed = threading.Event()
        # The start-up warm-up (api/warmup.py), which /readyz waits for; off unless a server.
        self.warm_up = WarmUpStatus(limit_s=settings.warmup_seconds)

    @property
    def store_open(self) -> bool:
        return self._store is not None

    def store(self) -> GraphStore:
        """The open store; raises StoreUnavailable while it cannot be opened."""
        store = self._store
        if store is None:
            with self._lock:
                if self._store is None:
                    self._store = self._open()
                store = self._store
        return store

    def _open(self) -> GraphStore:
        """The configured store, with this server as its writer when no other process is."""
        try:
            return open_store(self.settings, holder=self.holder, claim=True, settled=exempt_new)
        except StoreLocked as exc:
            log.warning("%s; serving it read-only: writes answer 409 until that process stops",
                        exc)
            return open_store(self.settings, holder=self.holder, settled=exempt_new)

    def open_early(self, app: FastAPI | None = None) -> None:
        """Open the store now, in a background thread, warm it up (with ``app``: warmup.py),
        then freeze what is alive (heap.py).

        A memory store loads its file here rather than in the first request, and what
        it loads is frozen with the app. In the background: the server answers /healthz
        at once even while Neo4j is still coming up (opening retries for seconds); when
        opening fails, the first request that needs the store retries and answers the error.
        """
        warming = app is not None and self.warm_up.limit_s > 0
        if warming:
            self.warm_up.started = time.monotonic()
            self.warm_up.state = WarmUpState.RUNNING

        def settle() -> None:
            with contextlib.suppress(StoreError):
                for warning in self.store().safety_warnings():
                    log.warning("%s", warning)
            freeze_survivors()  # before /readyz says ready: its full collection takes seconds

        def open_then_freeze() -> None:
            if app is not None and warming:
                run_warm_up(app, self.store, self.warm_up, then=settle)
            else:
                settle()
            self.warmed.set()

        threading.Thread(target=open_then_freeze, name="open-store", daemon=True).start()

    def ingestor(self) -> Ingestor:
        if self._ingestor is None:
            from ..loaders.pipeline import Ingestor  # heavy: loads the extractor's models

            store = self.store()
            with self._lock:
                if self._ingestor is None:
                    self._ingestor = Ingestor(store)
                    if self.freeze_models:
                        freeze_survivors()  # the models live as long as the process
        return self._ingestor

    def close(self) -> None:
        with self._lock:
            if self._owns_store and self._store is not None:
                self._store.close()
                self._store = None
