"""``python -m bench``: run the benchmarks, print a table, write JSON and the Markdown report.

Examples::

    python -m bench --quick
    python -m bench --only neo4j_load_vs_unwind api_vs_direct_paths --json out.json
    python -m bench --report docs/benchmarks.md
    python -m bench --quick --record      # keeps the run as bench/runs/<date>-<mode>-<commit>.json
    python -m bench --from-json bench/runs/A.json bench/runs/B.json --report docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from conflictgraph.config import Settings

from .context import FULL, QUICK, BenchError, Context, Neo4jTarget, Sizes
from .machine import LoadSampler, load_average, machine_info, neo4j_version
from .report import write_report
from .results import Result, merge_runs, read_json, write_json

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Benchmark:
    name: str
    module: str
    needs_neo4j: bool = False
    # result names --only may use to pick this benchmark (besides its own name)
    aliases: tuple[str, ...] = ()


BENCHMARKS = [
    Benchmark("extraction_vs_spacy", "bench.extraction",
              aliases=("extraction_selective_vs_parse_all",)),
    Benchmark("neo4j_load_vs_unwind", "bench.neo4j_load", needs_neo4j=True,
              aliases=("neo4j_load_claims_per_s",)),
    Benchmark("bulk_vs_bolt", "bench.bulk_load", needs_neo4j=True,
              aliases=("bulk_load_claims_per_s", "bulk_load_steady_claims_per_s")),
    Benchmark("api_vs_direct", "bench.api_latency",
              aliases=("api_vs_direct_allies", "api_vs_direct_paths", "api_vs_direct_blocs",
                       "api_cold_vs_direct_allies", "api_cold_vs_direct_paths",
                       "api_cold_vs_direct_blocs")),
    Benchmark("memory_store_bytes_per_relation", "bench.memory",
              aliases=("memory_store", "memory_store_load_s", "memory_store_open_s")),
    Benchmark("ingest_http", "bench.ingest_http", aliases=("ingest_http_articles_per_s",)),
    Benchmark("datasets", "bench.datasets",
              aliases=("dataset_parse_rows_per_s", "dataset_peak_rss_mb_100k",
                       "dataset_peak_rss_mb_1m", "dataset_neo4j_load_vs_unwind")),
    Benchmark("as_of_allies_vs_allies", "bench.as_of", aliases=("as_of_allies_p50_ms",)),
]


def select(only: list[str] | None) -> list[Benchmark]:
    if not only:
        return list(BENCHMARKS)
    known = {n: b for b in BENCHMARKS for n in (b.name, *b.aliases)}
    unknown = [n for n in only if n not in known]
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {unknown}; choose from {sorted(known)}")
    return [b for b in BENCHMARKS if any(known[n] is b for n in only)]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    settings = Settings()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes: finishes in under 3 minutes on 2 cores")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these benchmarks")
    parser.add_argument("--actors", type=int, metavar="N",
                        help="graph size (actors) of the API and as-of benchmarks instead of the "
                             "mode's (quick 10k, full 10k and 100k); relations per actor, requests "
                             "and time caps stay the mode's, e.g. --quick --actors 100000 asks "
                             "100 requests of a 100k-actor, 300k-relation graph")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the results as JSON")
    parser.add_argument("--record", action="store_true",
                        help="also write the results to bench/runs/<date>-<mode>-<commit>.json, "
                             "the runs a committed report is built from")
    parser.add_argument("--report", type=Path, metavar="PATH",
                        help="write the Markdown report (e.g. docs/benchmarks.md)")
    parser.add_argument("--from-json", type=Path, nargs="+", metavar="PATH",
                        help="do not run: rebuild the report from saved --json files "
                             "(several runs, e.g. quick and full, make one report)")
    parser.add_argument("--neo4j-uri", default=settings.neo4j_uri)
    parser.add_argument("--neo4j-user", default=settings.neo4j_user)
    parser.add_argument("--neo4j-password", default=settings.neo4j_password.get_secret_value(),
                        help="default: $NEO4J_PASSWORD")
    parser.add_argument("--neo4j-database", default=settings.neo4j_database)
    parser.add_argument("--neo4j-home", type=Path, default=settings.neo4j_home,
                        help="home of the local server at --neo4j-uri (`conflictgraph neo4j "
                             "start`): the api_cold_vs_direct rows restart it "
                             "[$CONFLICTGRAPH_NEO4J_HOME]")
    parser.add_argument("--skip-neo4j", action="store_true",
                        help="run the memory-store side only")
    parser.add_argument("--wipe-neo4j", action="store_true",
                        help="allow clearing a database that holds data the bench did not write")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="write pyinstrument profiles of the store loads here")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--note", default="", help="a remark printed at the top of the report")
    return parser.parse_args(argv)


def _commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                              capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


def record_path(meta: dict[str, Any]) -> Path:
    """Where ``--record`` keeps a run: bench/runs/<YYYY-MM-DD>-<mode>-<commit>.json."""
    day = str(meta["date"])[:10]
    return REPO / "bench" / "runs" / f"{day}-{meta['mode']}-{meta.get('commit') or 'unknown'}.json"


def run_sizes(args: argparse.Namespace) -> Sizes:
    """The mode's sizes, with the API and as-of graph at ``--actors`` when given."""
    sizes = QUICK if args.quick else FULL
    if args.actors is None:
        return sizes
    if args.actors < 2:
        raise SystemExit("--actors needs at least 2 actors")
    # The mode names the change, so a recorded run is not taken for the mode's own sizes.
    return replace(sizes, mode=f"{sizes.mode}-{args.actors}-actors", api_actors=(args.actors,))


def _meta(args: argparse.Namespace, ctx: Context) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "mode": ctx.sizes.mode,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": machine_info(),
        "load_before": load_average(),
        "note": args.note,
        "neo4j_version": None,
    }
    if ctx.neo4j is not None:
        try:
            store = ctx.neo4j.open()
        except BenchError:
            return meta
        try:
            meta["neo4j_version"] = neo4j_version(store.driver, store.database)
        finally:
            store.close()
    return meta


def run_all(ctx: Context, benchmarks: list[Benchmark], console: Console,
            ) -> tuple[list[Result], dict[str, str], bool]:
    """Run each benchmark; a failure is reported and the others still run."""
    results: list[Result] = []
    skipped: dict[str, str] = {}
    failed = False
    columns = (SpinnerColumn(), TextColumn("[bold]{task.fields[bench]}"), BarColumn(),
               TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        overall = progress.add_task("", total=len(benchmarks), bench="benchmarks")
        for bench in benchmarks:
            task = progress.add_task("starting", total=None, bench=bench.name)

            def report(message: str, task: Any = task) -> None:
                progress.update(task, description=message)

            ctx.progress = report
            started = time.perf_counter()
            cleanups_before = len(ctx.cleanup_errors)
            if bench.needs_neo4j and ctx.neo4j is None:
                skipped[bench.name] = "needs Neo4j (run without --skip-neo4j)"
                progress.update(task, description="[yellow]skipped: needs Neo4j", total=1,
                                completed=1)
                progress.advance(overall)
                continue
            try:
                run: Callable[[Context], list[Result]] = importlib.import_module(bench.module).run
                found = run(ctx)
            except ModuleNotFoundError as exc:
                if not exc.name or not exc.name.startswith(("conflictgraph", "bench")):
                    raise
                skipped[bench.name] = f"part of the project is missing: {exc}"
                progress.update(task, description=f"[yellow]skipped: {exc}", total=1, completed=1)
            except Exception as exc:
                failed = True
                skipped[bench.name] = f"failed: {type(exc).__name__}: {exc}"
                console.print(f"[red]{bench.name} failed[/red]\n{traceback.format_exc()}")
                progress.update(task, description="[red]failed", total=1, completed=1)
            else:
                results.extend(found)
                progress.update(task, description=f"[green]done in "
                                f"{time.perf_counter() - started:.0f} s", total=1, completed=1)
            for error in ctx.cleanup_errors[cleanups_before:]:
                failed = True  # the rows stand, but the run did not leave things as it found them
                console.print(f"[red]{bench.name}: clean-up failed[/red] (its results are kept): "
                              f"{error}")
            progress.advance(overall)
    skipped.update(ctx.skipped_rows)
    return results, skipped, failed


def print_table(console: Console, results: list[Result]) -> None:
    table = Table(title="conflictgraph benchmarks")
    for column in ("benchmark", "value", "unit", "baseline", "ratio", "target", "status",
                   "configuration"):
        table.add_column(column, overflow="fold")
    for r in results:
        target = r.target.describe("x" if r.ratio is not None else r.unit) if r.target else ""
        status = "" if r.met is None else ("[green]met" if r.met else "[red]missed")
        table.add_row(r.name, f"{r.value:.4g}", r.unit,
                      "" if r.baseline is None else f"{r.baseline:.4g}",
                      "" if r.ratio is None else f"{r.ratio:.3g}", target, status, r.config)
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console(stderr=True)
    if not console.is_terminal:  # logs and CI: do not fold the table into 80 columns
        console = Console(stderr=True, width=200)
    if args.from_json:
        results, meta = merge_runs([read_json(path) for path in args.from_json])
        if args.note:
            meta["note"] = args.note
        if not args.report:
            raise SystemExit("--from-json only rebuilds a report: add --report PATH")
        write_report(results, meta, args.report)
        console.print(f"wrote {args.report}")
        return 0
    sizes = run_sizes(args)
    neo4j = None if args.skip_neo4j else Neo4jTarget(
        args.neo4j_uri, args.neo4j_user, args.neo4j_password, args.neo4j_database,
        home=args.neo4j_home)
    benchmarks = select(args.only)
    with tempfile.TemporaryDirectory(prefix="cg-bench-") as workdir:
        ctx = Context(sizes=sizes, neo4j=neo4j, wipe=args.wipe_neo4j, seed=args.seed,
                      workdir=Path(workdir), profile_dir=args.profile,
                      only=frozenset(args.only or ()))
        return _run(args, ctx, benchmarks, console)


def _run(args: argparse.Namespace, ctx: Context, benchmarks: list[Benchmark],
         console: Console) -> int:
    neo4j = ctx.neo4j
    meta = _meta(args, ctx)
    if neo4j is not None and meta["neo4j_version"] is None:
        console.print(f"[red]Neo4j is unreachable at {neo4j.uri}[/red]: start it, or pass "
                      "--skip-neo4j to run the memory-store side only.")
        return 2
    started = time.perf_counter()
    with LoadSampler() as load:
        results, skipped, failed = run_all(ctx, benchmarks, console)
    meta["load_during"] = load.summary()
    meta["skipped"] = skipped
    meta["cleanup_errors"] = list(ctx.cleanup_errors)
    meta["elapsed_s"] = round(time.perf_counter() - started, 1)
    meta["load_after"] = load_average()
    print_table(console, results)
    console.print(f"{len(results)} results in {meta['elapsed_s']:.0f} s")
    if args.json:
        write_json(results, args.json, meta)
        console.print(f"wrote {args.json}")
    if args.record:
        recorded = record_path(meta)
        write_json(results, recorded, meta)
        console.print(f"wrote {recorded}")
    if args.report:
        write_report(results, meta, args.report)
        console.print(f"wrote {args.report}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
