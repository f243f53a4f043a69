"""A server's start-up warm-up: /readyz answers only once the first requests will be fast.

Why: on a freshly started Neo4j the first minutes of requests were slow (allies p99
495 ms against 56 ms warm at 10k actors): the server's page cache is empty, no
statement is planned yet, and the JVM has compiled none of the code the reads run.
The store's ``warm_up`` pays for these once (graph/neo4j_store.py); then one
request of each read route runs in-process through the app (no socket), so the
Python side's first calls (validation, serialisation, route dependencies) are made
before a client's are.

Bounded: the whole warm-up stops at ``CONFLICTGRAPH_WARMUP_SECONDS`` (60 s by
default; 0 turns it off), and /readyz answers ready at that limit even if a step is
still running. A failed warm-up is logged and reported by /readyz as a warning; it
never stops the server, and /healthz never waits for it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import quote

import httpx
from fastapi import FastAPI

from ..graph.model import RelationType
from ..graph.store import GraphStore
from ..queries.alignment import ALIGNMENT_TYPES
from ..queries.supporters import BACKING_TYPES

__all__ = ["ROUTES", "TYPE_SETS", "WarmUpState", "WarmUpStatus", "run_warm_up"]

log = logging.getLogger("conflictgraph.api")

# One request per read route, on two related actors ``a`` and ``b`` (ids, URL-quoted).
# The analyses first (alliances, paths, camps), then the lookups: when the time limit
# cuts the pass short, the costliest first requests have been paid for.
ROUTES = [
    "/actors/{a}/allies",
    "/paths?source={a}&target={b}&max_hops=4",
    "/blocs?around={a}&depth=2",
    "/actors/{a}/adversaries",
    "/actors/{a}/supporters",
    "/actors/{a}/supported",
    "/actors/{a}",
    "/actors/{a}/relations",
    "/graph?around={a}&depth=2",
    "/relations/timeline?a={a}&b={b}",
    "/actors/{a}/allies?view=brief",
    "/paths?source={a}&target={b}&max_hops=4&view=brief",
    "/actors/{a}?view=brief",
]


# The relation-type filters the queries pass to the store (None: all types). Each is a
# statement of its own: one a request meets only on a tie or a small actor would
# otherwise be planned during that request.
TYPE_SETS: list[Sequence[RelationType] | None] = [
    None, sorted(ALIGNMENT_TYPES), [RelationType.LEADS], list(BACKING_TYPES)]


class WarmUpState(StrEnum):
    OFF = "off"  # not a server (apps built by tests), or a limit of 0 seconds
    RUNNING = "running"
    DONE = "done"
    CUT_SHORT = "cut_short"  # stopped at its time limit
    FAILED = "failed"


@dataclass
class WarmUpStatus:
    """Shared between the warm-up thread and /readyz."""

    limit_s: float
    state: WarmUpState = WarmUpState.OFF
    started: float = field(default_factory=time.monotonic)
    seconds: float | None = None
    steps: list[str] = field(default_factory=list)
    detail: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def finish(self, state: WarmUpState, detail: str = "") -> None:
        with self._lock:
            self.state = state
            self.detail = detail
            self.seconds = time.monotonic() - self.started

    @property
    def overdue(self) -> bool:
        """Still running past its limit: /readyz stops waiting for it."""
        return (self.state is WarmUpState.RUNNING
                and time.monotonic() - self.started > self.limit_s)

    @property
    def pending(self) -> bool:
        """Whether /readyz should still answer "not ready"."""
        return self.state is WarmUpState.RUNNING and not self.overdue

    def warning(self) -> str | None:
        """What /readyz reports once ready, when the warm-up did not finish."""
        if self.state is WarmUpState.FAILED:
            return f"the start-up warm-up failed: {self.detail}; the first requests may be slow"
        if self.state is WarmUpState.CUT_SHORT or self.overdue:
            return (f"the start-up warm-up stopped at its limit of {self.limit_s:g} s "
                    "(CONFLICTGRAPH_WARMUP_SECONDS); the first requests may be slow")
        return None


def run_warm_up(app: FastAPI, store: Callable[[], GraphStore], status: WarmUpStatus,
                then: Callable[[], None] = lambda: None) -> None:
    """Warm the store, then each read route once, then run ``then`` (the caller's own
    start-up work); only then record the outcome in ``status`` (which /readyz reads).

    ``store`` opens the store. When it cannot (Neo4j down, refused credentials), the
    warm-up has failed: /readyz answers 503 for the store until it opens, then ready
    with a warning, as a server that was never warmed.
    """
    deadline = status.started + status.limit_s

    def left() -> float:
        return deadline - time.monotonic()

    state, detail = WarmUpState.DONE, ""
    try:
        done = store().warm_up(max(left(), 0.0), TYPE_SETS)
        status.steps.extend(done.steps)
        cut = done.stopped_early
        if done.sample is not None and not cut:
            cut = not _routes(app, done.sample, left, status.steps)
        state = WarmUpState.CUT_SHORT if cut else WarmUpState.DONE
    except Exception as exc:  # a warm-up failure must never stop the server
        state, detail = WarmUpState.FAILED, f"{type(exc).__name__}: {exc}"
    finally:
        try:
            then()
        except Exception as exc:  # nor must the caller's start-up work keep /readyz waiting
            log.warning("start-up work after the warm-up failed: %s: %s",
                        type(exc).__name__, exc)
    status.finish(state, detail)
    if state is WarmUpState.FAILED:
        log.warning("start-up warm-up failed after %.1f s: %s (%s)", status.seconds,
                    status.detail, ", ".join(status.steps) or "nothing warmed")
        return
    log.info("start-up warm-up %s in %.1f s: %s",
             "done" if state is WarmUpState.DONE else "stopped at its limit",
             status.seconds, ", ".join(status.steps) or "nothing to warm")


def _routes(app: FastAPI, sample: tuple[str, str], left: Callable[[], float],
            steps: list[str]) -> bool:
    """One request per route through the app itself; False when the time ran out."""
    return asyncio.run(_routes_async(app, sample, left, steps))


async def _routes_async(app: FastAPI, sample: tuple[str, str], left: Callable[[], float],
                        steps: list[str]) -> bool:
    a, b = (quote(ref, safe="") for ref in sample)
    answered = 0
    began = time.monotonic()
    # The ASGI app called directly, in this thread's own event loop: no socket, no lifespan.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://warm-up") as client:
        for route in ROUTES:
            if left() <= 0:
                steps.append(f"{answered} of {len(ROUTES)} routes "
                             f"{time.monotonic() - began:.2f} s")
                return False
            await client.get(route.format(a=a, b=b))
            answered += 1
    steps.append(f"{answered} routes {time.monotonic() - began:.2f} s")
    return True
