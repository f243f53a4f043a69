"""bulk_load_claims_per_s and bulk_vs_bolt: Neo4j's bulk importer against Bolt ingest.

Both load the same synthetic article graphs (the generator of ``neo4j_load``) into the
same server home, one after the other in one run: first ``Neo4jStore.upsert`` over Bolt
into the fresh, empty database (after a warm-up, in batches as ``neo4j_load``), then
``import_graphs`` (the second half of ``conflictgraph bulk-load``: import files, the
importer, server start, the store's schema and the count check). The bulk side is timed
from the graphs in memory to an online database with its indexes, the server stopped at
the start (stopping the Bolt side's server is not counted): every fixed cost is in it.

``bulk_load_steady_claims_per_s`` is a third row, labelled as what it is: claims ÷ the
seconds of the steps that grow with the input (writing the import files and the
importer's run, its JVM start included), without the server start, the schema and the
count, which cost about the same for any size. It is not the end-to-end figure.

The server runs in its own home under the bench's work dir, on spare ports:
CONFLICTGRAPH_BENCH_BULK_PORTS="bolt,http,routing" (default 7766,7767,7768). It shares
the jars of ``CONFLICTGRAPH_NEO4J_HOME``'s server.
"""

from __future__ import annotations

import os
import resource
import shutil
import time

from conflictgraph.config import Settings
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.loaders.bulk import ImportMemory, import_graphs
from conflictgraph.neo4j_local.manager import LocalNeo4j, LocalNeo4jConfig

from .context import BenchError, Context
from .neo4j_load import load_with_store, warm_up
from .results import Result, Target, compare, metric
from .synthetic import SyntheticCorpus, batched

__all__ = ["run"]

PORTS_ENV = "CONFLICTGRAPH_BENCH_BULK_PORTS"


def _manager(ctx: Context) -> LocalNeo4j:
    ports = os.environ.get(PORTS_ENV, "7766,7767,7768").split(",")
    if len(ports) != 3 or not all(p.strip().isdigit() for p in ports):
        raise BenchError(f"{PORTS_ENV} must be three ports, bolt,http,routing: got {ports}")
    bolt, http, routing = (int(p) for p in ports)
    settings = Settings()
    shared = LocalNeo4j(LocalNeo4jConfig.from_settings(settings))
    shared.provision()
    password = settings.neo4j_password.get_secret_value() or "bench-bulk-password"
    home = ctx.workdir / "bulk-neo4j"
    shutil.rmtree(home, ignore_errors=True)
    return LocalNeo4j(LocalNeo4jConfig(
        home=home, password=password, bolt_port=bolt, http_port=http, routing_port=routing,
        lib_dir=shared.config.libs))


def run(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    articles = max(1, sizes.bulk_claims // 10)  # the generator writes ~10 claims per article
    ctx.progress(f"generating {articles} synthetic articles")
    corpus = SyntheticCorpus(n_actors=max(200, articles * 2), seed=ctx.seed)
    graphs = list(corpus.articles(articles))
    n_claims = sum(len(g.claims) for g in graphs)
    config = (f"{articles} articles, {n_claims} claims, {len(corpus.actors)} actors; Bolt in "
              f"batches of {sizes.load_batch} articles")

    manager = _manager(ctx)
    try:
        ctx.progress("starting a server in a fresh home")
        manager.start(timeout=600)
        cfg = manager.config
        store = Neo4jStore(cfg.bolt_uri, cfg.user, cfg.password)
        try:
            ctx.progress("warming the server up on throwaway data")
            warm_up(store, ctx.seed)
            ctx.progress(f"Bolt: Neo4jStore.upsert of {n_claims} claims")
            bolt_s = load_with_store(store, list(batched(iter(graphs), sizes.load_batch)))
            bolt_counts = store.counts()
        finally:
            store.close()
        manager.stop()

        ctx.progress(f"bulk: import files, importer, start, schema for {n_claims} claims")
        memory = ImportMemory.for_machine()
        began = time.perf_counter()
        report = import_graphs(graphs, manager, csv_dir=ctx.workdir / "bulk-csv", memory=memory,
                               timeout=600)
        bulk_s = time.perf_counter() - began
    finally:
        manager.stop()
        shutil.rmtree(ctx.workdir / "bulk-csv", ignore_errors=True)
        shutil.rmtree(manager.home, ignore_errors=True)
    if bolt_counts["claims"] != n_claims or not report.ok or report.claims != n_claims:
        raise RuntimeError(f"a load lost claims: wrote {n_claims}; Bolt stored "
                           f"{bolt_counts['claims']}, bulk {report.nodes_found}, "
                           f"mismatches {report.mismatches}, rejected {report.rejected}")
    if bolt_counts["relations"] != sum(report.relationships_found[t] for t in (
            "SUPPORTS", "ALLIED_WITH", "OPPOSES", "COOPERATES", "MEDIATES", "LEADS", "MEMBER_OF")):
        raise RuntimeError("Bolt and bulk wrote different numbers of relations")
    bulk_rate, bolt_rate = n_claims / bulk_s, n_claims / bolt_s
    steady_s = report.seconds["write_files"] + report.seconds["import"]
    extra = {"claims": n_claims, "bulk_seconds": round(bulk_s, 3),
             "bolt_seconds": round(bolt_s, 3), "bulk_steps_s": report.seconds,
             "steady_seconds": round(steady_s, 3),
             "importer_heap": memory.heap, "importer_off_heap": memory.off_heap,
             # the bench process, the generated graphs in memory included (ru_maxrss: KiB)
             "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    return [
        metric("bulk_load_claims_per_s", bulk_rate, "claims/s",
               target=Target(100_000, "higher"), config=config, extra=extra,
               note="from graphs in memory to an online database with its indexes"),
        compare("bulk_vs_bolt", bulk_rate, bolt_rate, "claims/s",
                target=Target(20, "higher"), config=config, extra=extra,
                note="ratio = bulk-load claims/s ÷ Bolt upsert claims/s, same claims, one run"),
        metric("bulk_load_steady_claims_per_s", n_claims / steady_s, "claims/s", config=config,
               extra=extra,
               note="NOT end to end: import files + importer only, without the server start, "
                    "schema and count (fixed costs)"),
    ]
