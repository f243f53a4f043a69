"""Smoke test of the benchmark harness: each benchmark at tiny size, real parts throughout.

Not a timed test: it checks the shape of the result records, that every
ratio is the quotient of two numbers the benchmark actually measured, and
that the harness refuses to clear a Neo4j database holding someone's data.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conflictgraph.graph.neo4j_store import Neo4jStore

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # `bench` is a top-level folder run as `python -m bench`
    sys.path.insert(0, str(REPO))


def _bench(name: str) -> Any:
    # Imported by name: mypy checks bench/ as part of the repository package, and a
    # static import from here would make it see each bench module twice.
    return importlib.import_module(f"bench.{name}")


api_latency, as_of, datasets, extraction, ingest_http, memory, neo4j_load = (
    _bench(n) for n in ("api_latency", "as_of", "datasets", "extraction", "ingest_http", "memory",
                        "neo4j_load"))
legacy, machine = _bench("legacy"), _bench("machine")
cli, context, report, results_mod, synthetic, timing = (
    _bench(n) for n in ("__main__", "context", "report", "results", "synthetic", "timing"))
main, select = cli.main, cli.select
TINY, BenchError, Context, Neo4jTarget = (
    context.TINY, context.BenchError, context.Context, context.Neo4jTarget)
render = report.render
Result, Target, compare, metric, read_json, write_json = (
    results_mod.Result, results_mod.Target, results_mod.compare, results_mod.metric,
    results_mod.read_json, results_mod.write_json)
SyntheticCorpus = synthetic.SyntheticCorpus
paired_loop, percentile = timing.paired_loop, timing.percentile

RESULT_KEYS = {"name", "value", "unit", "baseline", "ratio"}


def assert_shape(result: Any) -> None:
    data = result.as_json()
    assert data.keys() >= RESULT_KEYS
    json.dumps(data)  # serialisable as it is written
    assert isinstance(result.name, str) and result.name
    assert math.isfinite(result.value) and result.value > 0
    assert result.unit
    if result.ratio is not None:
        assert result.baseline is not None and result.baseline > 0
        assert result.ratio == pytest.approx(result.value / result.baseline, rel=1e-3)
    else:
        assert result.baseline is None


@pytest.fixture
def neo4j_target(neo4j_store: Neo4jStore) -> Any:
    """The test server, reachable (the fixture fails otherwise) and empty."""
    return Neo4jTarget(neo4j_store.uri, os.environ.get("NEO4J_USER", "neo4j"),
                       os.environ.get("NEO4J_PASSWORD", ""), neo4j_store.database)


def tiny_context(tmp_path: Path, neo4j: Any = None, **changes: object) -> Any:
    sizes = dataclasses.replace(TINY, **changes) if changes else TINY
    return Context(sizes=sizes, neo4j=neo4j, workdir=tmp_path)


# -- pure parts ---------------------------------------------------------------------
def test_synthetic_graphs_are_deterministic_traceable_and_heavy_tailed() -> None:
    first, again = SyntheticCorpus(300, seed=7), SyntheticCorpus(300, seed=7)
    assert first.article(5) == again.article(5)
    assert first.article(5) != SyntheticCorpus(300, seed=8).article(5)
    degree: dict[str, int] = {}
    for graph in first.articles(200):
        for claim in graph.claims:
            assert graph.article.text[claim.start:claim.end] == claim.sentence
            assert claim.subject_text in claim.sentence and claim.object_text in claim.sentence
            for actor in (claim.subject_id, claim.object_id):
                degree[actor] = degree.get(actor, 0) + 1
    ranked = sorted(degree.values(), reverse=True)
    assert ranked[0] > 10 * ranked[len(ranked) // 2]  # hubs, as in real news
    graphs = list(SyntheticCorpus(300, seed=7).until_relations(500))
    keys = {c.relation_key for g in graphs for c in g.claims}
    assert len(keys) >= 500
    assert len({c.relation_key for g in graphs[:-1] for c in g.claims}) < 500


def test_ratios_need_two_real_measurements() -> None:
    result = compare("x", 3.0, 2.0, "s", target=Target(1.25, "lower"))
    assert result.ratio == 1.5 and result.met is False
    for bad in (0.0, -1.0, math.nan, math.inf):
        with pytest.raises(ValueError, match="positive finite"):
            compare("x", 1.0, bad, "s")
        with pytest.raises(ValueError, match="positive finite"):
            metric("x", bad, "s")


def test_percentile_and_paired_loop() -> None:
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert percentile(list(range(1, 101)), 99) == 99
    order: list[str] = []
    a, b = paired_loop([lambda: order.append("a")] * 4, [lambda: order.append("b")] * 4,
                       time_cap_s=10, warmup=1)
    assert len(a.latencies) == len(b.latencies) == 3
    assert order == ["a", "b", "a", "b", "b", "a", "a", "b"]  # warm-up, then alternating
    order.clear()
    a, b = paired_loop([lambda: order.append("a")] * 4, [lambda: order.append("b")] * 4,
                       time_cap_s=10, alternate_every=2)  # two kinds of call, interleaved
    assert order == ["a", "b", "a", "b", "b", "a", "b", "a"]


def test_report_and_json_round_trip(tmp_path: Path) -> None:
    results = [compare("neo4j_load_vs_unwind", 100.0, 400.0, "claims/s",
                       target=Target(0.5, "higher"), config="c"),
               metric("api_paths_p99_ms", 12.5, "ms")]
    path = tmp_path / "out.json"
    write_json(results, path, {"mode": "tiny", "machine": {"cpu": "test cpu", "cores": 2}})
    raw = json.loads(path.read_text())
    assert [set(r) >= RESULT_KEYS for r in raw["results"]] == [True, True]
    back, meta = read_json(path)
    assert [r.as_json() for r in back] == [r.as_json() for r in results]
    text = render(back, meta)
    assert "test cpu" in text and "| `neo4j_load_vs_unwind` |" in text and "**missed**" in text
    report = tmp_path / "bench.md"
    assert main(["--from-json", str(path), "--report", str(report)]) == 0
    assert report.read_text() == text


def test_findings_measured_on_one_store_are_not_lent_to_the_other() -> None:
    # A slow memory-store row without a target must not be explained by the Neo4j analysis.
    slow = [metric("api_allies_p99_ms", 600.0, "ms", config="memory, 100k actors"),
            metric("api_allies_p99_ms", 150.0, "ms", config="neo4j, 10k actors")]
    text = render(slow, {"mode": "tiny", "machine": {}})
    others = text.split("## Other measured causes")[1].split("## Method")[0]
    assert "### `api_allies_p99_ms` (neo4j, 10k actors; " in others
    assert "memory, 100k actors" not in others


def test_only_selects_benchmarks_by_name_or_result_name() -> None:
    assert [b.name for b in select(["api_vs_direct_paths", "extraction_vs_spacy"])] == [
        "extraction_vs_spacy", "api_vs_direct"]
    with pytest.raises(SystemExit, match="unknown benchmark"):
        select(["no_such_bench"])


# -- each benchmark at tiny size -------------------------------------------------------
def test_extraction_vs_spacy(tmp_path: Path) -> None:
    result, selective = extraction.run(tiny_context(tmp_path))
    assert_shape(result)
    assert result.name == "extraction_vs_spacy" and result.target is not None
    assert result.value == pytest.approx(min(result.extra["pipeline_s"]), abs=1e-3)
    assert result.baseline == pytest.approx(min(result.extra["spacy_s"]), abs=1e-3)
    assert result.extra["tokens"] > 100
    # The selective parse against parsing every sentence, in the same run: the same claims.
    assert_shape(selective)
    assert selective.name == "extraction_selective_vs_parse_all"
    assert selective.value == pytest.approx(min(selective.extra["selective_s"]), abs=1e-3)
    assert selective.baseline == pytest.approx(min(selective.extra["parse_all_s"]), abs=1e-3)
    assert selective.baseline == result.value  # the default pipeline parses every sentence
    assert selective.extra["claims"] == selective.extra["claims_parse_all"] > 0
    assert 0 <= selective.extra["sentences_skipped"] <= selective.extra["sentences"]


@pytest.mark.neo4j
def test_neo4j_load_vs_unwind(tmp_path: Path, neo4j_target: Any,
                              neo4j_store: Neo4jStore) -> None:
    results = neo4j_load.run(tiny_context(tmp_path, neo4j_target))
    assert [r.name for r in results] == ["neo4j_load_vs_unwind", "neo4j_load_claims_per_s"]
    for result in results:
        assert_shape(result)
    ratio, rate = results
    claims = ratio.extra["claims"]
    assert ratio.value == pytest.approx(claims / ratio.extra["store_seconds"], rel=1e-2)
    assert ratio.baseline == pytest.approx(claims / ratio.extra["raw_seconds"], rel=1e-2)
    assert rate.value == ratio.value
    assert neo4j_store.counts() == {"actors": 0, "articles": 0, "claims": 0, "relations": 0}


@pytest.mark.neo4j
def test_bulk_load_vs_bolt(tmp_path: Path, neo4j_target: Any) -> None:
    """Runs a server of its own on spare ports (CONFLICTGRAPH_BENCH_BULK_PORTS)."""
    results = _bench("bulk_load").run(tiny_context(tmp_path, neo4j_target))
    assert [r.name for r in results] == [
        "bulk_load_claims_per_s", "bulk_vs_bolt", "bulk_load_steady_claims_per_s"]
    for result in results:
        assert_shape(result)
    rate, ratio, steady = results
    claims = ratio.extra["claims"]
    assert claims >= 250
    assert rate.value == pytest.approx(claims / rate.extra["bulk_seconds"], rel=1e-2)
    steps = rate.extra["bulk_steps_s"]  # the end-to-end figure holds every step
    assert rate.extra["bulk_seconds"] >= sum(
        steps[k] for k in ("write_files", "import", "start_server", "schema", "count"))
    assert steady.value == pytest.approx(claims / (steps["write_files"] + steps["import"]),
                                         rel=1e-2)
    assert steady.value > rate.value
    assert ratio.baseline == pytest.approx(claims / ratio.extra["bolt_seconds"], rel=1e-2)
    assert not (tmp_path / "bulk-neo4j").exists()  # the server's home is removed


@pytest.mark.neo4j
def test_bench_refuses_to_clear_foreign_data(tmp_path: Path, neo4j_target: Any,
                                              neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert(list(SyntheticCorpus(20, seed=1).articles(1)))
    with pytest.raises(BenchError, match="did not write"):
        tiny_context(tmp_path, neo4j_target).neo4j_store()
    assert neo4j_store.counts()["articles"] == 1  # untouched


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# A benchmark whose Neo4j clean-up fails after it measured a row: the server went away.
_CLEANUP_FAILS = """
from conflictgraph.graph.neo4j_store import Neo4jStore
from bench.results import metric

def run(ctx):
    gone = Neo4jStore("bolt://127.0.0.1:{port}", "neo4j", "x", ensure_schema=False)
    rows = [metric("measured_before_cleanup_ms", 1.5, "ms")]
    ctx.release_neo4j(gone)
    return rows
"""


def test_rows_measured_before_a_failed_clean_up_are_kept_and_the_run_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    port = _closed_port()
    (tmp_path / "bench_cleanup_fails.py").write_text(_CLEANUP_FAILS.format(port=port))
    monkeypatch.syspath_prepend(str(tmp_path))
    ctx = tiny_context(tmp_path)
    out = Console(file=open(tmp_path / "console.txt", "w"), width=200)  # noqa: SIM115
    found, _, failed = cli.run_all(ctx, [cli.Benchmark("cleanup_fails", "bench_cleanup_fails")],
                                   out)
    out.file.close()
    assert [r.name for r in found] == ["measured_before_cleanup_ms"]  # the row survives
    assert failed  # ... and the run says the database was not left as found
    (error,) = ctx.cleanup_errors
    assert f"127.0.0.1:{port}" in error and "still holds" in error
    assert "clean-up failed" in (tmp_path / "console.txt").read_text()


def test_actors_option_sizes_the_as_of_and_api_graphs() -> None:
    sizes = cli.run_sizes(cli.parse_args(["--quick", "--actors", "100000"]))
    assert sizes.api_actors == (100_000,) and sizes.mode == "quick-100000-actors"
    assert sizes.relations_per_actor == context.QUICK.relations_per_actor
    assert cli.run_sizes(cli.parse_args([])) == context.FULL
    with pytest.raises(SystemExit, match="at least 2"):
        main(["--quick", "--actors", "1", "--skip-neo4j", "--only", "as_of_allies_vs_allies"])


def test_api_vs_direct_on_the_memory_store(tmp_path: Path) -> None:
    results = api_latency.run(tiny_context(tmp_path))
    names = [r.name for r in results]
    for query in ("allies", "paths", "blocs"):
        assert names.count(f"api_vs_direct_{query}") == 1
        assert {f"api_{query}_p50_ms", f"api_{query}_p99_ms"} <= set(names)
    for result in results:
        assert_shape(result)
        if result.ratio is not None:
            assert result.value == pytest.approx(result.extra["api_p99_ms"], abs=0.01)
            assert result.baseline == pytest.approx(result.extra["direct_p99_ms"], abs=0.01)
            assert result.extra["requests"] >= 1


def test_as_of_allies_vs_allies_on_the_memory_store(tmp_path: Path) -> None:
    results = as_of.run(tiny_context(tmp_path))
    assert [r.name for r in results] == ["as_of_allies_vs_allies", "as_of_allies_p50_ms"]
    ratio = results[0]
    assert_shape(ratio)
    assert ratio.value == pytest.approx(ratio.extra["as_of_p99_ms"], abs=0.01)
    assert ratio.baseline == pytest.approx(ratio.extra["allies_p99_ms"], abs=0.01)
    assert ratio.extra["requests"] >= 1 and ratio.target is not None and ratio.target.limit == 1.5


@pytest.mark.neo4j
def test_api_vs_direct_paths_on_neo4j(tmp_path: Path, neo4j_target: Any,
                                      neo4j_store: Neo4jStore) -> None:
    ctx = tiny_context(tmp_path, neo4j_target)
    ctx.only = frozenset({"api_vs_direct_paths"})
    results = api_latency.run(ctx)
    assert {r.extra["store"] for r in results} == {"memory", "neo4j"}
    assert {r.name for r in results} == {"api_vs_direct_paths", "api_paths_p50_ms",
                                         "api_paths_p99_ms"}
    for result in results:
        assert_shape(result)
    assert neo4j_store.counts()["actors"] == 0  # the bench leaves the database empty


@pytest.mark.neo4j
def test_cold_rows_say_why_they_were_not_measured(tmp_path: Path, neo4j_target: Any,
                                                 neo4j_store: Neo4jStore) -> None:
    """Only a local server the bench knows the home of is restarted; otherwise no row."""
    ctx = tiny_context(tmp_path, neo4j_target)  # no home: not a server the bench may restart
    ctx.only = frozenset({"api_cold_vs_direct_paths"})
    assert api_latency.run(ctx) == []
    assert "--neo4j-home" in ctx.skipped_rows["api_cold_vs_direct"]
    elsewhere = tiny_context(tmp_path, dataclasses.replace(neo4j_target, home=tmp_path / "no-server"))
    elsewhere.only = frozenset({"api_cold_vs_direct_allies"})
    assert api_latency.run(elsewhere) == []
    assert "no local Neo4j runs from" in elsewhere.skipped_rows["api_cold_vs_direct"]
    assert neo4j_store.counts()["actors"] == 0


def test_memory_store_footprint(tmp_path: Path) -> None:
    results = memory.run(tiny_context(tmp_path))
    assert [r.name for r in results] == ["memory_store_bytes_per_relation",
                                         "memory_store_load_s", "memory_store_open_s"]
    for result in results:
        assert_shape(result)
    per_relation = results[0]
    assert per_relation.extra["relations"] >= TINY.memory_relations
    assert per_relation.value == pytest.approx(
        per_relation.extra["rss_delta"] / per_relation.extra["relations"])
    assert per_relation.extra["tracemalloc_bytes_per_relation"] > 0


def test_ingest_over_http(tmp_path: Path) -> None:
    (result,) = ingest_http.run(tiny_context(tmp_path))
    assert_shape(result)
    assert result.name == "ingest_http_articles_per_s"
    assert result.extra["created"] == result.extra["requests"] == TINY.ingest_requests
    assert result.value == pytest.approx(result.extra["created"] / result.extra["seconds"],
                                         rel=1e-2)


def test_datasets_parse_memory_and_neo4j_load(tmp_path: Path, neo4j_target: Any) -> None:
    results = datasets.run(tiny_context(tmp_path, neo4j_target))
    assert [r.name for r in results] == ["dataset_parse_rows_per_s", "dataset_peak_rss_mb_1k",
                                         "dataset_peak_rss_mb_10k", "dataset_neo4j_load_vs_unwind"]
    for result in results:
        assert_shape(result)
    parse, _, _, load = results
    assert parse.extra["rows"] == TINY.dataset_parse_rows
    assert parse.value == pytest.approx(parse.extra["rows"] / parse.extra["cpu_s"], rel=1e-2)
    assert load.extra["rows"] == TINY.dataset_neo4j_rows and load.extra["claims"] > 0


def test_synthetic_gdelt_rows_all_map(tmp_path: Path) -> None:
    path = datasets.write_gdelt(tmp_path / "s.export.CSV", 500, seed=3)
    measured = datasets.parse_file(path)
    assert (measured["rows"], measured["bad"]) == (500, 0)


def test_report_merges_several_runs(tmp_path: Path) -> None:
    quick, full = tmp_path / "quick.json", tmp_path / "full.json"
    machine = {"cpu": "test cpu", "cores": 2}
    write_json([metric("api_paths_p99_ms", 12.5, "ms", config="memory, 10k actors")], quick,
               {"mode": "quick", "commit": "abc", "date": "2026-12-08 03:10 UTC", "note": "first",
                "machine": machine, "load_before": [3.5, 2.0, 1.0],
                "load_during": {"mean": 6.25, "max": 9.5, "samples": 12},
                "load_after": [4.0, 3.0, 2.0]})
    write_json([metric("api_paths_p99_ms", 80.0, "ms", config="neo4j, 100k actors")], full,
               {"mode": "full", "commit": "def", "date": "2026-11-28 21:56 UTC", "note": "second",
                "neo4j_version": "5.26", "machine": machine,
                "skipped": {"ingest_http": "needs Neo4j"}})
    report = tmp_path / "bench.md"
    assert main(["--from-json", str(quick), str(full), "--report", str(report)]) == 0
    text = report.read_text()
    rows = [line for line in text.splitlines() if line.startswith("| `api_paths_p99_ms`")]
    # every row says which run (date, mode, commit) measured it
    assert rows[0].endswith("| memory, 10k actors | 2026-12-08 quick abc |")
    assert rows[1].endswith("| neo4j, 100k actors | 2026-11-28 full def |")
    runs = text.split("## Machine and runs")[1].split("## Results")[0]
    assert "| CPU | test cpu |" in runs and "All runs below were measured on this machine." in runs
    assert ("| 2026-12-08 quick abc | quick | 2026-12-08 03:10 UTC | abc | not used | "
            "before 3.5, during 6.25 mean, 9.5 max, after 4 |") in runs
    assert "| 2026-11-28 full def | full | 2026-11-28 21:56 UTC | def | 5.26 | not recorded |" in runs
    assert "**2026-12-08 quick abc:** first" in runs and "**2026-11-28 full def:** second" in runs
    assert "- `ingest_http (2026-11-28 full def)`: needs Neo4j" in text
    with pytest.raises(ValueError, match="given twice"):
        main(["--from-json", str(quick), str(quick), "--report", str(report)])


def test_report_describes_each_machine_when_runs_differ() -> None:
    one = ([metric("x", 1.0, "s")], {"mode": "quick", "commit": "a", "date": "2026-12-01",
                                      "machine": {"cpu": "cpu one", "cores": 2}})
    two = ([metric("x", 2.0, "s")], {"mode": "quick", "commit": "b", "date": "2026-12-02",
                                      "machine": {"cpu": "cpu two", "cores": 8}})
    text = render(*results_mod.merge_runs([one, two]))
    assert "All runs below" not in text
    assert "CPU cpu one, cores 2" in text and "CPU cpu two, cores 8" in text


def test_load_sampler_summarises_the_load_while_a_run_lasts() -> None:
    with machine.LoadSampler(interval=0.01) as load:
        time.sleep(0.05)
    summary = load.summary()
    assert summary is not None and summary["samples"] >= 2
    assert 0 <= summary["mean"] <= summary["max"]


OLD_REPORT = """# Benchmarks

## Machine

| | |
|---|---|
| CPU | Test CPU |
| cores | 2 |
| RAM | 23.5 GiB |
| OS | Linux 6 |
| Python | 3.11.7 |
| Neo4j | Neo4j Kernel 5.26.30 community |
| mode | quick + full |
| date | 2026-11-28 22:54 UTC + 2026-11-28 21:56 UTC |
| commit | 5e27a01 + b58384a |

## Results

| benchmark | value | unit | baseline | ratio | target | status | configuration |
|---|---:|---|---:|---:|---|---|---|
| `neo4j_load_claims_per_s` | 4,413 | claims/s | — | — | ≥ 20000 claims/s | **missed** | 1000 articles |
| `api_vs_direct_allies` | 56.5 | ms | 61.3 | 0.921 | ratio ≤ 1.5 | met | neo4j, 10k actors, 1000 requests |
| `api_allies_p99_ms` | 61.1 | ms | — | — | ≤ 100 ms | met | neo4j, 100k actors, 1000 requests |

Notes on individual rows:

- `api_vs_direct_allies` (neo4j, 10k actors): ratio = API p99 ÷ direct-call p99

## Missed targets and their measured causes
"""


def test_a_report_whose_json_was_lost_is_read_back_once(tmp_path: Path) -> None:
    results, meta = legacy.parse_report(OLD_REPORT, run=1, rows="k actors, .*requests")
    assert (meta["mode"], meta["date"], meta["commit"]) == ("full", "2026-11-28 21:56 UTC", "b58384a")
    assert meta["machine"] == {"cpu": "Test CPU", "cores": 2, "ram_gib": 23.5, "os": "Linux 6",
                               "python": "3.11.7"}
    assert [(r.name, r.value, r.baseline, r.ratio) for r in results] == [
        ("api_vs_direct_allies", 56.5, 61.3, 0.921), ("api_allies_p99_ms", 61.1, None, None)]
    assert results[0].target == Target(1.5, "lower") and results[0].met is True
    assert results[1].target == Target(100.0, "lower")
    assert results[0].note == "ratio = API p99 ÷ direct-call p99" and results[1].note == ""
    first, _ = legacy.parse_report(OLD_REPORT, run=0, rows="articles")
    assert first[0].value == 4413 and first[0].target == Target(20000.0, "higher")
    with pytest.raises(legacy.LegacyReportError, match="not 3"):
        legacy.parse_report(OLD_REPORT, run=2)
    out = tmp_path / "run.json"
    report = tmp_path / "old.md"
    report.write_text(OLD_REPORT)
    assert legacy.main([str(report), "--run", "1", "--rows", "requests", "--source", "test",
                        "--json", str(out)]) == 0
    back, saved = read_json(out)
    assert [r.as_json() for r in back] == [r.as_json() for r in results]
    assert saved["recovered_from"].startswith("test: parsed once by bench/legacy.py")
    assert "test: parsed once by bench/legacy.py" in render(back, saved)  # the report says so


def test_committed_runs_load_and_say_where_they_came_from() -> None:
    runs = sorted((REPO / "bench" / "runs").glob("*.json"))
    assert runs, "bench/runs/ holds the runs docs/benchmarks.md is built from"
    for path in runs:
        results, meta = read_json(path)
        assert path.stem == f"{meta['date'][:10]}-{meta['mode']}-{meta['commit']}"
        assert results and meta["machine"]["cpu"]
        # a run read back from a printed report has its figures to the printed precision
        rel = 1e-2 if meta.get("recovered_from") else 1e-3
        for r in results:
            assert math.isfinite(r.value) and r.value > 0 and r.unit
            if r.ratio is not None:
                assert r.ratio == pytest.approx(r.value / r.baseline, rel=rel)
