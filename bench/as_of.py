"""as_of_allies_vs_allies: what answering "as of a date" adds to the allies query.

For the largest graph of the run (the quick size, 100k actors in full mode, or --actors) and each
store, the same actors are asked for their allies twice per request, alternately first:
plainly (``alignment.allies`` on the store, as ``GET /actors/{ref}/allies``) and as of a
date in the middle of the synthetic corpus's five years (on ``WindowedStore``, as
``GET /actors/{ref}/allies?as_of=``). Value and baseline are the p99 latencies of the same
requests; p50s are kept in ``extra``. Done when the ratio stays within 1.5.
"""

from __future__ import annotations

import gc
from datetime import date

from conflictgraph.graph.model import ArticleGraph
from conflictgraph.graph.store import GraphStore
from conflictgraph.graph.window import Window, WindowedStore
from conflictgraph.queries.alignment import allies
from conflictgraph.queries.search import resolve_actor

from .api_latency import actors_label, request_refs
from .context import Context
from .graphs import loaded_store
from .results import Result, Target, compare, metric
from .synthetic import SPAN_DAYS, START, SyntheticCorpus
from .timing import paired_loop

__all__ = ["AS_OF", "as_of_allies", "run"]

AS_OF = date.fromordinal(START.toordinal() + SPAN_DAYS // 2)  # mid-corpus: half the claims


def as_of_allies(store: GraphStore, ref: str, as_of: date = AS_OF) -> object:
    """GET /actors/{ref}/allies?as_of=: resolve the ref, then allies on the windowed view."""
    actor = resolve_actor(store, ref)
    return allies(WindowedStore(store, Window(until=as_of)), actor.id, actor=actor)


def plain_allies(store: GraphStore, ref: str) -> object:
    actor = resolve_actor(store, ref)
    return allies(store, actor.id, actor=actor)


def run(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    actors = max(sizes.api_actors)
    label = actors_label(actors)
    ctx.progress(f"generating the {label}-actor graph")
    corpus = SyntheticCorpus(n_actors=actors, seed=ctx.seed)
    graphs: list[ArticleGraph] = list(corpus.until_relations(actors * sizes.relations_per_actor))
    present = {a.id for g in graphs for a in g.actors}
    gc.freeze()  # keep the generated graphs out of the timed calls' collections
    results: list[Result] = []
    for store_name in ctx.stores():
        ctx.progress(f"loading the {label}-actor graph into {store_name}")
        with loaded_store(ctx, store_name, graphs, label) as loaded:
            store = loaded.store
            refs = request_refs(corpus, present, sizes.api_requests + sizes.api_warmup, 1,
                                seed=ctx.seed + 1)
            ctx.progress(f"as-of allies and allies on {store_name}, {label} actors")
            windowed = [(lambda r=r, s=store: as_of_allies(s, r[0])) for r in refs]
            plain = [(lambda r=r, s=store: plain_allies(s, r[0])) for r in refs]
            as_of, base = paired_loop(windowed, plain, time_cap_s=2 * sizes.api_time_cap_s,
                                      warmup=sizes.api_warmup)
            config = (f"{store_name}, {label} actors, {loaded.counts['relations']:,} relations, "
                      f"{len(as_of.latencies)} requests, as of {AS_OF.isoformat()}"
                      f"{' (time cap hit)' if as_of.capped else ''}")
            extra = {"store": store_name, "actors": actors, "relations": loaded.counts["relations"],
                     "requests": len(as_of.latencies), "as_of": AS_OF.isoformat(),
                     "as_of_p50_ms": round(as_of.p50_ms, 2), "as_of_p99_ms": round(as_of.p99_ms, 2),
                     "allies_p50_ms": round(base.p50_ms, 2), "allies_p99_ms": round(base.p99_ms, 2)}
            results += [
                compare("as_of_allies_vs_allies", as_of.p99_ms, base.p99_ms, "ms p99",
                        target=Target(1.5, "lower"), config=config, extra=extra,
                        note="ratio = as-of allies p99 ÷ plain allies p99 of the same "
                             "requests, alternated (lower is better)"),
                metric("as_of_allies_p50_ms", as_of.p50_ms, "ms", config=config, extra=extra),
            ]
    return results
