"""What one running app holds: settings, the store, and the ingestion pipeline.

The store is opened lazily and retried on the next request when it is
unreachable, so the process starts (and answers /healthz) while Neo4j is
still coming up; /readyz and every store-backed route answer 503 until then.
The ingestor loads the NLP models on first use only, so read-only replicas
never pay for them.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ..config import Settings
from ..graph.factory import open_store
from ..graph.store import GraphStore

if TYPE_CHECKING:
    from ..loaders.pipeline import Ingestor

__all__ = ["Runtime"]


class Runtime:
    def __init__(self, settings: Settings, store: GraphStore | None = None) -> None:
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._lock = threading.Lock()
        self._ingestor: Ingestor | None = None
        # Extraction is CPU-bound and its models are not promised to be thread-safe.
        self.ingest_lock = threading.Lock()

    def store(self) -> GraphStore:
        """The open store; raises StoreUnavailable while it cannot be opened."""
        store = self._store
        if store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(self.settings)
                store = self._store
        return store

    def ingestor(self) -> Ingestor:
        if self._ingestor is None:
            from ..loaders.pipeline import Ingestor  # heavy: loads the extractor's models

            store = self.store()
            with self._lock:
                if self._ingestor is None:
                    self._ingestor = Ingestor(store)
        return self._ingestor

    def close(self) -> None:
        with self._lock:
            if self._owns_store and self._store is not None:
                self._store.close()
                self._store = None
