"""memory_store_bytes_per_relation: the MemoryStore's footprint and load time.

Runs in a fresh child process so that the RSS delta counts only what the
store holds, not what earlier benchmarks left in the parent's heap. The
child loads synthetic articles (actors ≈ relations / 10, as in the 100k-actor
graph) in batches, timing only the ``upsert`` calls, then saves the graph to
its file once and times reopening it, which is what a server restart costs.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from conflictgraph.graph.memory_store import MemoryStore

from .context import Context
from .results import Result, Target, metric
from .synthetic import SyntheticCorpus, batched

__all__ = ["measure", "run"]

GIB = 1024**3
TARGET_AT = 1_000_000  # the target: ≤ 2 GiB at 1M relations
REPO = Path(__file__).resolve().parent.parent


def rss_bytes() -> int:
    """Resident set size now (Linux), or the peak where /proc is missing."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="utf-8").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def measure(relations: int, seed: int, *, trace: bool, workdir: Path) -> dict[str, Any]:
    """Load until ``relations`` relations exist; report RSS, tracemalloc and times."""
    corpus = SyntheticCorpus(n_actors=max(50, relations // 10), seed=seed)
    gc.collect()
    rss0 = rss_bytes()
    if trace:
        tracemalloc.start()
    store = MemoryStore(None)
    load_s = 0.0
    articles = 0
    for batch in batched(corpus.until_relations(relations), 500):
        start = time.perf_counter()
        store.upsert(batch)
        load_s += time.perf_counter() - start
        articles += len(batch)
    del batch
    gc.collect()
    traced = tracemalloc.get_traced_memory()[0] if trace else None
    if trace:
        tracemalloc.stop()
    rss1 = rss_bytes()
    counts = store.counts()
    out: dict[str, Any] = {
        "relations": counts["relations"], "claims": counts["claims"],
        "actors": counts["actors"], "articles": articles,
        "rss_delta": rss1 - rss0, "traced": traced, "load_s": load_s,
    }
    if not trace:
        path = workdir / "graph.json"
        store.path = path
        store.upsert([corpus.article(articles)])  # one more article: writes the file once
        out["file_bytes"] = path.stat().st_size
        start = time.perf_counter()
        reopened = MemoryStore(path)
        out["open_s"] = time.perf_counter() - start
        if reopened.counts()["relations"] < counts["relations"]:
            raise RuntimeError("the reopened memory store lost relations")
    return out


def _child(relations: int, seed: int, trace: bool, workdir: Path) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.memory", "--relations", str(relations),
           "--seed", str(seed), "--workdir", str(workdir)]
    if trace:
        cmd.append("--trace")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)}
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"memory benchmark child failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(ctx: Context) -> list[Result]:
    target_n = ctx.sizes.memory_relations
    ctx.progress(f"memory store: loading {target_n} relations (RSS)")
    plain = _child(target_n, ctx.seed, False, ctx.workdir)
    trace_n = min(target_n, ctx.sizes.memory_trace_relations)
    ctx.progress(f"memory store: loading {trace_n} relations (tracemalloc)")
    traced = _child(trace_n, ctx.seed, True, ctx.workdir)
    n = plain["relations"]
    per_relation = plain["rss_delta"] / n
    projected = per_relation * TARGET_AT / GIB
    measured_at = "measured" if n >= TARGET_AT else f"projected from {n} relations"
    config = (f"{n} relations, {plain['claims']} claims, {plain['actors']} actors, "
              f"{plain['articles']} articles")
    extra = {**{k: plain[k] for k in ("relations", "claims", "actors", "articles", "rss_delta",
                                      "file_bytes")},
             "tracemalloc_bytes_per_relation": round(traced["traced"] / traced["relations"], 1),
             "gib_at_1m_relations": round(projected, 3)}
    return [
        metric("memory_store_bytes_per_relation", per_relation, "bytes",
               target=Target(2 * GIB / TARGET_AT, "lower"), config=config, extra=extra,
               note=f"RSS delta ÷ relations; {projected:.2f} GiB at 1M relations ({measured_at}); "
                    f"tracemalloc: {extra['tracemalloc_bytes_per_relation']:.0f} B/relation"),
        metric("memory_store_load_s", plain["load_s"], "s", config=config,
               note="time inside MemoryStore.upsert (batches of 500 articles, no file)"),
        metric("memory_store_open_s", plain["open_s"], "s", config=config,
               note=f"reopening the saved {plain['file_bytes'] / 1e6:.0f} MB graph file"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="One memory-store measurement (child process).")
    parser.add_argument("--relations", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--trace", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cg-bench-mem-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=workdir))
        print(json.dumps(measure(args.relations, args.seed, trace=args.trace, workdir=scratch)))


if __name__ == "__main__":
    main()
