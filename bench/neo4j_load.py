"""neo4j_load_vs_unwind: our Neo4j load throughput against a bare UNWIND … MERGE.

Both sides write the same synthetic articles in the same batches, one
transaction per batch, into an empty database with the same schema. Ours
is ``Neo4jStore.upsert`` (change detection, claim nodes, typed edges
recomputed from their claims). The baseline MERGEs the same actors,
articles, claims and edges straight through the driver, with the typed
edges' counts added up in Python instead of recomputed in the database.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import ManagedTransaction

from conflictgraph.graph.model import ArticleGraph, RelationType
from conflictgraph.graph.neo4j_store import Neo4jStore

from .context import Context
from .results import Result, Target, compare, metric
from .synthetic import SyntheticCorpus, batched

__all__ = ["RAW", "raw_rows", "run"]

RAW = {
    "actors": """
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
SET a.name = row.name, a.kind = row.kind, a.aliases = row.aliases
""",
    "articles": """
UNWIND $rows AS row
MERGE (ar:Article {id: row.id})
SET ar += row.props
""",
    "mentions": """
UNWIND $rows AS row
MATCH (ar:Article {id: row.article_id})
MATCH (a:Actor {id: row.actor_id})
MERGE (ar)-[:MENTIONS]->(a)
""",
    "claims": """
UNWIND $rows AS row
MATCH (ar:Article {id: row.article_id})
MATCH (s:Actor {id: row.subject_id})
MATCH (o:Actor {id: row.object_id})
MERGE (c:Claim {id: row.id})
SET c += row.props
MERGE (ar)-[:STATES]->(c)
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o)
""",
}


def raw_edge_statement(rel_type: RelationType) -> str:
    rel = RelationType(rel_type).value  # only enum members are ever formatted in
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
MERGE (s)-[r:{rel}]->(t)
SET r.evidence_count = coalesce(r.evidence_count, 0) + row.n
"""


def raw_rows(batch: list[ArticleGraph]) -> dict[str, Any]:
    """The rows the baseline writes for one batch: the same data, no bookkeeping."""
    actors = {a.id: a for g in batch for a in g.actors}
    edges: Counter[tuple[str, str, RelationType]] = Counter(
        c.relation_key for g in batch for c in g.claims
    )
    by_type: dict[RelationType, list[dict[str, Any]]] = {}
    for (source, target, rel_type), n in edges.items():
        by_type.setdefault(rel_type, []).append({"source": source, "target": target, "n": n})
    return {
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind.value, "aliases": a.aliases}
                   for a in actors.values()],
        "articles": [{"id": g.article.id,
                      "props": g.article.model_dump(mode="python", exclude={"id"})}
                     for g in batch],
        "mentions": [{"article_id": g.article.id, "actor_id": a.id}
                     for g in batch for a in g.actors],
        "claims": [{"id": c.id, "article_id": c.article_id, "subject_id": c.subject_id,
                    "object_id": c.object_id,
                    "props": {**c.model_dump(mode="python", exclude={"id"}),
                              "type": c.type.value,
                              "polarity": c.polarity.value if c.polarity else None}}
                   for g in batch for c in g.claims],
        "edges": by_type,
    }


def _write_raw(tx: ManagedTransaction, rows: dict[str, Any]) -> None:
    for name in ("actors", "articles", "mentions", "claims"):
        tx.run(RAW[name], rows=rows[name]).consume()
    for rel_type, edge_rows in rows["edges"].items():
        tx.run(raw_edge_statement(rel_type), rows=edge_rows).consume()


@contextmanager
def _maybe_profile(ctx: Context, name: str) -> Iterator[None]:
    """Profile the block with pyinstrument when ``--profile`` asked for it."""
    if ctx.profile_dir is None:
        yield
        return
    from pyinstrument import Profiler  # optional: only needed with --profile

    profiler = Profiler(interval=0.002)
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        ctx.profile_dir.mkdir(parents=True, exist_ok=True)
        (ctx.profile_dir / f"{name}.txt").write_text(
            profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
        (ctx.profile_dir / f"{name}.html").write_text(profiler.output_html(), encoding="utf-8")


def load_with_store(store: Neo4jStore, batches: list[list[ArticleGraph]]) -> float:
    """Seconds to upsert every batch through the store (one transaction per batch)."""
    start = time.perf_counter()
    for batch in batches:
        store.upsert(batch)
    return time.perf_counter() - start


def load_raw(store: Neo4jStore, row_batches: list[dict[str, Any]]) -> float:
    """Seconds to write the same batches with bare UNWIND … MERGE statements."""
    start = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for rows in row_batches:
            session.execute_write(_write_raw, rows)
    return time.perf_counter() - start


def warm_up(store: Neo4jStore, seed: int, articles: int = 200, batch: int = 50) -> None:
    """Run both write paths once on throwaway data, then clear it.

    The first statements after a server start are interpreted and planned cold; without
    this, whichever side runs first pays for it (measured: 974 claims/s cold against
    ~3,000 warm for the same load).
    """
    corpus = SyntheticCorpus(n_actors=max(200, articles * 2), seed=seed + 1)
    batches = list(batched(corpus.articles(articles), batch))
    load_with_store(store, batches)
    store.clear()
    load_raw(store, [raw_rows(b) for b in batches])
    store.clear()


def run(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    ctx.progress(f"generating {sizes.load_articles} synthetic articles")
    corpus = SyntheticCorpus(n_actors=max(200, sizes.load_articles * 2), seed=ctx.seed)
    batches = list(batched(corpus.articles(sizes.load_articles), sizes.load_batch))
    n_claims = sum(len(g.claims) for b in batches for g in b)
    row_batches = [raw_rows(b) for b in batches]
    config = (f"{sizes.load_articles} articles, {n_claims} claims, "
              f"{len(corpus.actors)} actors, batches of {sizes.load_batch} articles")

    store = ctx.neo4j_store()
    try:
        ctx.progress("warming the server up on throwaway data")
        warm_up(store, ctx.seed)
        ctx.progress(f"Neo4jStore.upsert of {n_claims} claims")
        with _maybe_profile(ctx, "neo4j_load_store"):
            ours_s = load_with_store(store, batches)
        ours_counts = store.counts()
        store.clear()
        ctx.progress(f"raw UNWIND … MERGE of {n_claims} claims")
        raw_s = load_raw(store, row_batches)
        raw_counts = store.counts()
    finally:
        ctx.release_neo4j(store)
    if ours_counts["claims"] != n_claims or raw_counts["claims"] != n_claims:
        raise RuntimeError(f"load lost claims: wrote {n_claims}, store has "
                           f"{ours_counts['claims']}, baseline has {raw_counts['claims']}")
    if ours_counts["relations"] != raw_counts["relations"]:
        raise RuntimeError(f"the store and the baseline wrote different edges: "
                           f"{ours_counts['relations']} vs {raw_counts['relations']}")
    ours_rate, raw_rate = n_claims / ours_s, n_claims / raw_s
    extra = {"claims": n_claims, "store_seconds": round(ours_s, 3),
             "raw_seconds": round(raw_s, 3), "relations": ours_counts["relations"]}
    return [
        compare("neo4j_load_vs_unwind", ours_rate, raw_rate, "claims/s",
                target=Target(0.5, "higher"), config=config, extra=extra,
                note="ratio = our claims/s ÷ bare UNWIND…MERGE claims/s (higher is better)"),
        metric("neo4j_load_claims_per_s", ours_rate, "claims/s",
               target=Target(20_000, "higher"), config=config, extra=extra),
    ]
