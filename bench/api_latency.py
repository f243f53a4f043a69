"""api_vs_direct_{allies,paths,blocs}: what the HTTP layer adds to a query.

For each graph size and store, the API runs under uvicorn in a child
process, and each request is paired with the same work done in-process:
the calls the route makes (``resolve_actor`` then the query function), on
a store holding the same graph. Pairs alternate which side runs first, so
both see the same caches and background load. Value and baseline are p99
latencies of the same requests; p50s are kept in ``extra``.

api_cold_vs_direct_{allies,paths,blocs}: the same pairs on a freshly started
Neo4j (before the warm rows). The bench restarts its local server (its page
cache, query plans and JIT start empty), opens a new store in-process for the
direct side, starts a new API process and waits for its /readyz (which answers
once the server's start-up warm-up is done), then times the first requests with
no untimed warm-up pair: the three queries interleaved, so each sees the first
minutes of the server. Both sides talk to the same cold server; the direct side
is a new driver in the bench process (its Python code has run before).
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from conflictgraph.graph.model import ArticleGraph
from conflictgraph.graph.store import GraphStore
from conflictgraph.queries.alignment import allies
from conflictgraph.queries.blocs import balanced_partition, frustrated_edges, signed_graph
from conflictgraph.queries.neighbourhood import bounded_subgraph
from conflictgraph.queries.paths import signed_paths
from conflictgraph.queries.search import resolve_actor

from .context import BenchError, Context
from .graphs import LoadedGraph, loaded_store
from .neo4j_restart import restart_local_neo4j
from .results import Result, Target, compare, metric
from .server import uvicorn_server
from .synthetic import SyntheticCorpus
from .timing import LatencySample, paired_loop

__all__ = ["QUERIES", "direct_allies", "direct_blocs", "direct_paths", "run"]

PATH_HOPS = 4
BLOC_DEPTH = 2
P99_TARGET_MS = 100.0
P99_TARGET_ACTORS = 100_000
MIN_P99_SAMPLES = 50
# The cold rows' time cap, over the warm rows' (per query): their first requests are slow.
COLD_CAP_FACTOR = 2.0
# The cold API's warm-up limit: long enough for a loaded machine to finish it (the
# server's log line says how long it took; the default limit is 60 s).
COLD_WARMUP_S = 300.0


def actors_label(actors: int) -> str:
    return f"{actors // 1000}k" if actors >= 1000 and actors % 1000 == 0 else str(actors)


# -- what each route does, called directly ----------------------------------------
def direct_allies(store: GraphStore, ref: str) -> object:
    """GET /actors/{ref}/allies: resolve the ref, then ``alignment.allies`` with its defaults."""
    actor = resolve_actor(store, ref)
    return allies(store, actor.id, actor=actor)


def direct_paths(store: GraphStore, source: str, target: str) -> object:
    """GET /paths?source=&target=&max_hops=4: resolve both, then ``signed_paths``."""
    origin, goal = resolve_actor(store, source), resolve_actor(store, target)
    return signed_paths(store, origin.id, goal.id, max_hops=PATH_HOPS)


def direct_blocs(store: GraphStore, around: str) -> object:
    """GET /blocs?around=&depth=2: the neighbourhood, then the signed partition."""
    centre = resolve_actor(store, around)
    hood = bounded_subgraph(store, [centre.id], BLOC_DEPTH, closed=True)
    graph = signed_graph(hood.relations)
    parts, _ = balanced_partition(graph, anchor=centre.id)
    return frustrated_edges(graph, [side for pair in parts for side in pair])


# query name -> (how many actor refs a request takes, URL builder, direct call)
QUERIES: dict[str, tuple[int, Callable[..., tuple[str, dict[str, Any]]],
                         Callable[..., object]]] = {
    "allies": (1, lambda a: (f"/actors/{a}/allies", {}), direct_allies),
    "paths": (2, lambda a, b: ("/paths", {"source": a, "target": b, "max_hops": PATH_HOPS}),
              direct_paths),
    "blocs": (1, lambda a: ("/blocs", {"around": a, "depth": BLOC_DEPTH}), direct_blocs),
}


def request_refs(corpus: SyntheticCorpus, present: set[str], count: int, arity: int,
                 seed: int) -> list[tuple[str, ...]]:
    """Names of stored actors, drawn uniformly with a fixed seed.

    Uniform, not by popularity: a popularity draw sends a third of the
    requests to the ten biggest hubs, whose cost says more about hubs than
    about the typical request (the report covers hubs separately).
    """
    if len(present) < arity:
        raise ValueError("the graph has too few actors for this query")
    names = {a.id: a.name for a in corpus.actors}
    pool = sorted(present)
    rng = random.Random(seed)
    return [tuple(names[i] for i in rng.sample(pool, arity)) for _ in range(count)]


def _http_call(client: httpx.Client, path: str, params: dict[str, Any]) -> Callable[[], object]:
    def call() -> object:
        response = client.get(path, params=params)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} {params} answered {response.status_code}: "
                               f"{response.text[:500]}")
        return response.content
    return call


def _measure(ctx: Context, store: GraphStore, base_url: str, name: str,
             refs: list[tuple[str, ...]]) -> tuple[Any, Any]:
    _, url_of, direct = QUERIES[name]
    with httpx.Client(base_url=base_url, timeout=120.0) as client:
        api_calls = [_http_call(client, *url_of(*r)) for r in refs]
        direct_calls = [(lambda r=r: direct(store, *r)) for r in refs]
        return paired_loop(api_calls, direct_calls, time_cap_s=ctx.sizes.api_time_cap_s,
                           warmup=ctx.sizes.api_warmup)


def _direct_call(call: Callable[..., object], store: GraphStore,
                 ref: tuple[str, ...]) -> Callable[[], object]:
    return lambda: call(store, *ref)


def _measure_interleaved(ctx: Context, store: GraphStore, base_url: str,
                         refs_by_name: dict[str, list[tuple[str, ...]]],
                         ) -> dict[str, tuple[LatencySample, LatencySample]]:
    """Pairs of every query in turn (allies, paths, blocs, allies, ...), none untimed."""
    names = list(refs_by_name)
    with httpx.Client(base_url=base_url, timeout=120.0) as client:
        api_calls: list[Callable[[], object]] = []
        direct_calls: list[Callable[[], object]] = []
        for i in range(max(len(refs) for refs in refs_by_name.values())):
            for name in names:
                _, url_of, direct_call = QUERIES[name]
                ref = refs_by_name[name][i % len(refs_by_name[name])]
                api_calls.append(_http_call(client, *url_of(*ref)))
                direct_calls.append(_direct_call(direct_call, store, ref))
        api, direct = paired_loop(api_calls, direct_calls,
                                  time_cap_s=COLD_CAP_FACTOR * ctx.sizes.api_time_cap_s
                                  * len(names),
                                  alternate_every=len(names))
    return {name: (LatencySample(api.latencies[k::len(names)], api.capped),
                   LatencySample(direct.latencies[k::len(names)], direct.capped))
            for k, name in enumerate(names)}


def _cold_rows(ctx: Context, loaded: LoadedGraph, label: str, actors: int,
               refs_by_name: dict[str, list[tuple[str, ...]]]) -> list[Result]:
    """Restart Neo4j, start a new API on it, and time the first requests (module docstring)."""
    target = ctx.neo4j
    assert target is not None
    if target.home is None:
        raise BenchError("the cold rows need the home of the local Neo4j (--neo4j-home)")
    ctx.progress(f"restarting Neo4j for the cold rows, {label} actors")
    restart_s = restart_local_neo4j(target.home, target.uri, target.user, target.password)
    store = target.open()
    try:
        log = ctx.workdir / f"api-neo4j-cold-{label}.log"
        started = time.perf_counter()
        env = {**loaded.env, "CONFLICTGRAPH_WARMUP_SECONDS": f"{COLD_WARMUP_S:g}"}
        with uvicorn_server(env, log, ready_path="/readyz",
                            start_timeout_s=900.0) as base_url:
            ready_s = time.perf_counter() - started
            ctx.progress(f"cold requests on neo4j, {label} actors")
            measured = _measure_interleaved(ctx, store, base_url, refs_by_name)
    finally:
        store.close()
    warmed = [line for line in _tail_lines(log) if "start-up warm-up" in line]
    results = [metric("api_cold_ready_s", ready_s, "s", extra={"warm_up": warmed[-1:]},
                      config=f"neo4j, {label} actors, restarted in {restart_s:.0f} s",
                      note="from starting the API process on a freshly started Neo4j to "
                           "/readyz answering 200 (start-up warm-up included)")]
    for name, (api, direct) in measured.items():
        results += _results(name, "neo4j", actors, loaded.counts, api, direct, cold=True)
    return results


def _tail_lines(log: Path) -> list[str]:
    try:
        return log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _side_by_side(results: list[Result]) -> None:
    """Copy each warm row's figures into its cold row's ``extra``, for the report."""
    warm = {r.name: r for r in results if r.name.startswith("api_vs_direct_")
            and r.extra.get("store") == "neo4j"}
    for row in results:
        if not row.name.startswith("api_cold_vs_direct_"):
            continue
        twin = warm.get(row.name.replace("api_cold_vs_direct_", "api_vs_direct_"))
        if twin is not None and twin.extra.get("actors") == row.extra.get("actors"):
            row.extra.update(warm_ratio=twin.ratio, warm_api_p99_ms=twin.extra["api_p99_ms"],
                             warm_direct_p99_ms=twin.extra["direct_p99_ms"])


def _results(name: str, store_name: str, actors: int, counts: dict[str, int], api: Any,
             direct: Any, *, cold: bool = False) -> list[Result]:
    config = (f"{store_name}, {actors_label(actors)} actors, {counts['relations']:,} relations, "
              f"{len(api.latencies)} requests{' (time cap hit)' if api.capped else ''}")
    extra = {"store": store_name, "actors": actors, "relations": counts["relations"],
             "requests": len(api.latencies), "api_p50_ms": round(api.p50_ms, 2),
             "api_p99_ms": round(api.p99_ms, 2), "direct_p50_ms": round(direct.p50_ms, 2),
             "direct_p99_ms": round(direct.p99_ms, 2)}
    # the slowest pairs and when they came: a cold server's cost shows in the first ones
    slowest = sorted(range(len(api.latencies)), key=lambda i: -api.latencies[i])[:3]
    extra["slowest_api"] = [[i, round(api.latencies[i] * 1000, 1),
                             round(direct.latencies[i] * 1000, 1)] for i in slowest]
    notes = []
    if cold:
        return [
            compare(f"api_cold_vs_direct_{name}", api.p99_ms, direct.p99_ms, "ms p99",
                    target=Target(1.5, "lower"), config=config, extra=extra,
                    note="freshly started Neo4j, the first requests after /readyz"),
            metric(f"api_cold_{name}_p99_ms", api.p99_ms, "ms", config=config, extra=extra),
        ]
    if name == "allies":
        notes.append("ratio = API p99 ÷ direct-call p99 of the same requests (lower is better)")
    if len(api.latencies) < MIN_P99_SAMPLES:
        count = len(api.latencies)
        notes.append(f"only {count} request{'s' if count > 1 else ''} fitted in the time cap: "
                     "the p99 is the maximum of few samples")
    p99_target = None
    if store_name == "neo4j" and actors >= P99_TARGET_ACTORS and name in ("allies", "paths"):
        p99_target = Target(P99_TARGET_MS, "lower")
    return [
        compare(f"api_vs_direct_{name}", api.p99_ms, direct.p99_ms, "ms p99",
                target=Target(1.5, "lower"), config=config, extra=extra, note="; ".join(notes)),
        metric(f"api_{name}_p50_ms", api.p50_ms, "ms", config=config, extra=extra),
        metric(f"api_{name}_p99_ms", api.p99_ms, "ms", target=p99_target, config=config,
               extra=extra),
    ]


def run(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    wanted = [q for q in QUERIES if ctx.wants(f"api_vs_direct_{q}", "api_vs_direct")]
    cold = [q for q in QUERIES if ctx.wants(f"api_cold_vs_direct_{q}", "api_vs_direct")]
    results: list[Result] = []
    for actors in sizes.api_actors:
        label = actors_label(actors)
        ctx.progress(f"generating the {label}-actor graph")
        corpus = SyntheticCorpus(n_actors=actors, seed=ctx.seed)
        graphs: list[ArticleGraph] = list(corpus.until_relations(actors * sizes.relations_per_actor))
        present = {a.id for g in graphs for a in g.actors}
        # The generated graphs (millions of objects) would make each full collection in this
        # process take seconds, landing in the direct calls' timings: keep them out of it.
        gc.freeze()
        for store_name in ctx.stores():
            ctx.progress(f"loading the {label}-actor graph into {store_name}")
            with loaded_store(ctx, store_name, graphs, label) as loaded:
                if store_name == "neo4j" and cold:
                    refs_by_name = {
                        name: request_refs(corpus, present, sizes.api_requests, QUERIES[name][0],
                                           seed=ctx.seed + 100 + QUERIES[name][0])
                        for name in cold}
                    try:
                        results += _cold_rows(ctx, loaded, label, actors, refs_by_name)
                    except BenchError as exc:
                        ctx.progress(f"[yellow]cold rows skipped: {exc}")
                        ctx.skipped_rows["api_cold_vs_direct"] = str(exc)
                if not wanted:
                    continue
                log = ctx.workdir / f"api-{store_name}-{label}.log"
                with uvicorn_server(loaded.env, log, ready_path="/readyz",
                                    start_timeout_s=900.0) as base_url:
                    for name in wanted:
                        ctx.progress(f"{name} on {store_name}, {label} actors")
                        arity = QUERIES[name][0]
                        refs = request_refs(corpus, present, sizes.api_requests + sizes.api_warmup,
                                            arity, seed=ctx.seed + arity)
                        api, direct = _measure(ctx, loaded.store, base_url, name, refs)
                        results += _results(name, store_name, actors, loaded.counts, api, direct)
    _side_by_side(results)
    return results
