"""Small timing helpers shared by the benchmarks.

Loops are always bounded twice, by a request count and by a time cap, so a
slow backend makes a benchmark report fewer samples instead of hanging.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["LatencySample", "bounded_loop", "paired_loop", "percentile"]


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by the nearest-rank method: always a real sample."""
    if not samples:
        raise ValueError("percentile of no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, got {q}")
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class LatencySample:
    """Latencies in seconds of one bounded loop, and whether the time cap cut it short."""

    latencies: tuple[float, ...]
    capped: bool

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies, 50) * 1000

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies, 99) * 1000


def bounded_loop(
    calls: Sequence[Callable[[], object]], *, time_cap_s: float, warmup: int = 0
) -> LatencySample:
    """Run each call once (in order), timing each; stop early at ``time_cap_s``.

    ``warmup`` calls from the start of the list are run first and not timed,
    so connection set-up and caches do not count as latency.
    """
    if not calls:
        raise ValueError("no calls to time")
    for call in calls[:warmup]:
        call()
    latencies: list[float] = []
    deadline = time.perf_counter() + time_cap_s
    capped = False
    for call in calls:
        if time.perf_counter() > deadline:
            capped = True
            break
        start = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - start)
    return LatencySample(tuple(latencies), capped)


def paired_loop(
    first: Sequence[Callable[[], object]],
    second: Sequence[Callable[[], object]],
    *,
    time_cap_s: float,
    warmup: int = 0,
    alternate_every: int = 1,
) -> tuple[LatencySample, LatencySample]:
    """Time ``first[i]`` and ``second[i]`` together for each i, alternating which runs first.

    Why paired: each side then sees the same caches and the same background
    load, so the ratio of the two does not depend on which side ran first.
    Both samples always have the same length. ``alternate_every``: which side runs
    first flips after this many pairs (lists interleaving ``n`` kinds of call pass
    ``n``, so that each kind alternates too).
    """
    if alternate_every < 1:
        raise ValueError("alternate_every must be at least 1")
    if len(first) != len(second) or not first:
        raise ValueError("paired_loop needs two non-empty lists of the same length")
    for a, b in zip(first[:warmup], second[:warmup], strict=True):
        a()
        b()
    lat_a: list[float] = []
    lat_b: list[float] = []
    deadline = time.perf_counter() + time_cap_s
    capped = False
    last_pair = 0.0
    for index, (a, b) in enumerate(zip(first[warmup:], second[warmup:], strict=True)):
        # Stop when the next pair would probably end past the cap (always time one pair);
        # only between rounds of ``alternate_every`` pairs, so each kind gets as many.
        if (lat_a and index % alternate_every == 0
                and time.perf_counter() + last_pair > deadline):
            capped = True
            break
        pair_start = time.perf_counter()
        order = (((a, lat_a), (b, lat_b)) if index // alternate_every % 2 == 0
                 else ((b, lat_b), (a, lat_a)))
        for call, sink in order:
            start = time.perf_counter()
            call()
            sink.append(time.perf_counter() - start)
        last_pair = time.perf_counter() - pair_start
    if not lat_a:
        raise RuntimeError(f"the time cap of {time_cap_s} s left no timed request")
    return LatencySample(tuple(lat_a), capped), LatencySample(tuple(lat_b), capped)
