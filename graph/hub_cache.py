"""A per-process cache of hubs' strongest relations, invalidated by the graph's write version.

Why: finding an actor's ``k`` strongest relations means Neo4j reads and sorts every
relation the actor has (2-4 µs each), so a hub of 24,000 relations costs ~100 ms
however small ``k`` is, and hubs are exactly the actors most requests pass by (the
force a leader leads, the backer of half the graph). Small actors are not cached:
their sort costs less than the lookup saves.

Every write transaction of the store bumps a version number (``cypher.WRITE_LOCK``)
and every strongest-relations read returns the current version with its rows, so an
entry is used only while nothing has been written since it was read. Writes that
bypass the store (an administrator's Cypher in Browser) are not seen until the next
write through it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

from .model import Relation

__all__ = ["HubCache"]

# Cache actors with at least this many relations of the wanted types: below it the sort
# costs a few milliseconds at most.
MIN_DEGREE = 1000
# Relations held in all, over all entries (≈ 0.5 KB each): older entries are evicted first.
MAX_RELATIONS = 200_000

CacheKey = tuple[str, tuple[str, ...] | None, int]


class HubCache:
    """LRU map of (actor, relation types, k) → the k strongest relations at a version."""

    def __init__(self, *, min_degree: int = MIN_DEGREE, max_relations: int = MAX_RELATIONS) -> None:
        self.min_degree = min_degree
        self.max_relations = max_relations
        self._entries: OrderedDict[CacheKey, tuple[int, list[Relation]]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, actor_ids: Iterable[str], types: tuple[str, ...] | None, k: int,
            version: int | None = None) -> dict[str, tuple[int, list[Relation]]]:
        """Entries for these actors, with the version each was read at (``version``: only
        those read at it)."""
        found = {}
        with self._lock:
            for actor_id in actor_ids:
                entry = self._entries.get((actor_id, types, k))
                if entry is not None and (version is None or entry[0] == version):
                    self._entries.move_to_end((actor_id, types, k))
                    found[actor_id] = entry
        return found

    def put(self, actor_id: str, types: tuple[str, ...] | None, k: int, version: int,
            degree: int, relations: list[Relation]) -> None:
        """Keep a hub's strongest relations read at ``version``; other actors are ignored."""
        if degree < self.min_degree or len(relations) > self.max_relations:
            return
        key = (actor_id, types, k)
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._held -= len(old[1])
            self._entries[key] = (version, list(relations))
            self._held += len(relations)
            while self._held > self.max_relations and self._entries:
                _, (_, evicted) = self._entries.popitem(last=False)
                self._held -= len(evicted)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._held = 0
