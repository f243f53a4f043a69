"""datasets: reading dataset files (parse rate, peak memory) and loading them into Neo4j.

A synthetic GDELT 2.0 events file (61 tab-separated columns, header-less, as GDELT
publishes them) is generated with realistic variety: ten countries including one
with an older CAMEO code (ROM), state, military, rebel, opposition, civilian and
police actor types, CAMEO event codes with leading zeros, mention counts and URLs.

* ``dataset_parse_rows_per_s``: rows per CPU second (one core) from bytes on disk
  to mapped events (``read_lines`` -> ``rows_of`` -> the GDELT mapper), measured in a
  fresh child process on the largest file;
* ``dataset_peak_rss_mb_<n>``: that child's peak resident set size after reading
  ``n`` rows (100k and 1M): flat means the reader holds nothing per row;
* ``dataset_neo4j_load_vs_unwind``: rows per second through ``DatasetIngestor`` into
  Neo4j (parsing, collapsing, actor matching, ``Neo4jStore.upsert``) against bare
  ``UNWIND … MERGE`` of the same article graphs (the baseline of
  ``neo4j_load_vs_unwind``, given its rows ready-made).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import ArticleGraph
from conflictgraph.graph.store import UpsertResult
from conflictgraph.loaders.datasets import DatasetIngestor
from conflictgraph.loaders.datasets.formats import GDELT_COLUMNS, Row, detect_format, rows_of
from conflictgraph.loaders.datasets.rows import BadRow, mapper_for
from conflictgraph.loaders.datasets.streams import open_members, read_lines
from conflictgraph.loaders.datasets.tables import get_mappings
from conflictgraph.loaders.gazetteer import get_gazetteer

from .context import Context
from .neo4j_load import load_raw, raw_rows, warm_up
from .results import Result, Target, compare, metric

__all__ = ["parse_file", "run", "write_gdelt"]

REPO = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

_COUNTRIES = (("SDN", "SUDAN"), ("USA", "UNITED STATES"), ("RUS", "RUSSIA"), ("UKR", "UKRAINE"),
              ("EGY", "EGYPT"), ("ISR", "ISRAEL"), ("SYR", "SYRIA"), ("MLI", "MALI"),
              ("COD", "DEMOCRATIC REPUBLIC OF THE CONGO"), ("ROM", "ROMANIA"))
_TYPES = ("", "GOV", "MIL", "REB", "OPP", "CVL", "COP")
_EVENT_CODES = ("190", "0231", "057", "1823", "043", "111", "051", "173", "036", "193", "010",
                "120", "0874", "138")
_PLACES = ("El Fasher, Shamal Darfur, Sudan", "Kharkiv, Kharkivs'ka Oblast', Ukraine",
           "Gao, Gao, Mali", "Goma, Nord-Kivu, Democratic Republic of the Congo", "")


def gdelt_lines(rows: int, seed: int) -> Any:
    """``rows`` synthetic GDELT 2.0 event lines (deterministic for a seed)."""
    rng = random.Random(seed)
    index = {c: i for i, c in enumerate(GDELT_COLUMNS)}
    blank = [""] * len(GDELT_COLUMNS)
    for i in range(rows):
        row = blank.copy()
        day = f"2024{1 + i // 100_000 % 12:02d}{1 + i % 28:02d}"
        row[index["GLOBALEVENTID"]] = str(1_100_000_000 + i)
        row[index["SQLDATE"]], row[index["MonthYear"]], row[index["Year"]] = day, day[:6], day[:4]
        row[index["FractionDate"]] = "2024.3315"
        for who in ("Actor1", "Actor2"):
            code, name = rng.choice(_COUNTRIES)
            kind = rng.choice(_TYPES)
            row[index[f"{who}Code"]] = code + kind
            row[index[f"{who}Name"]] = name
            row[index[f"{who}CountryCode"]] = code
            row[index[f"{who}Type1Code"]] = kind
        event = rng.choice(_EVENT_CODES)
        row[index["IsRootEvent"]] = "1"
        row[index["EventCode"]], row[index["EventBaseCode"]] = event, event[:3]
        row[index["EventRootCode"]], row[index["QuadClass"]] = event[:2], "4"
        row[index["GoldsteinScale"]], row[index["AvgTone"]] = "-10", "-5.1"
        row[index["NumMentions"]] = str(1 + i % 9)
        row[index["NumSources"]] = row[index["NumArticles"]] = "1"
        row[index["ActionGeo_FullName"]] = rng.choice(_PLACES)
        row[index["DATEADDED"]] = day + "151500"
        row[index["SOURCEURL"]] = f"https://news.example/{seed}/{i}"
        yield "\t".join(row) + "\n"


def write_gdelt(path: Path, rows: int, seed: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.writelines(gdelt_lines(rows, seed))
    return path


def peak_rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def parse_file(path: Path) -> dict[str, Any]:
    """Read and map every row, keeping none (as the loader does between batches)."""
    rows = bad = 0
    wall, cpu = time.perf_counter(), time.process_time()
    with ExitStack() as stack:
        for member in open_members(path, stack):
            lines = read_lines(member.stream)
            first = next(lines)
            header = detect_format(first)
            mapper = mapper_for(header.format, get_mappings(), header.columns)
            for row in rows_of(header, first, lines, member.name):
                if isinstance(row, Row):
                    try:
                        mapper(row.fields)
                        rows += 1
                    except BadRow:
                        bad += 1
                else:
                    bad += 1
    return {"rows": rows, "bad": bad, "cpu_s": time.process_time() - cpu,
            "wall_s": time.perf_counter() - wall, "peak_rss": peak_rss_bytes()}


def _child(path: Path) -> dict[str, Any]:
    """``parse_file`` in a fresh interpreter: its peak RSS is the reader's alone."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)}
    done = subprocess.run([sys.executable, "-m", "bench.datasets", str(path)], cwd=REPO,
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"datasets benchmark child failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _label(rows: int) -> str:
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}m"
    return f"{rows // 1000}k" if rows % 1000 == 0 else str(rows)


class _Recorder(MemoryStore):
    """A memory store that keeps each batch the ingestor writes (the baseline's input)."""

    def __init__(self) -> None:
        super().__init__(None)
        self.batches: list[list[ArticleGraph]] = []

    def upsert(self, graphs: list[ArticleGraph]) -> list[UpsertResult]:
        self.batches.append(list(graphs))
        return super().upsert(graphs)


def _neo4j_load(ctx: Context, path: Path, rows: int) -> list[Result]:
    gazetteer = get_gazetteer()
    recorder = _Recorder()
    DatasetIngestor(recorder, gazetteer).ingest_file(path)
    row_batches = [raw_rows(b) for b in recorder.batches]
    n_claims = sum(len(g.claims) for b in recorder.batches for g in b)
    store = ctx.neo4j_store()
    try:
        ctx.progress("warming the server up on throwaway data")
        warm_up(store, ctx.seed)
        ctx.progress(f"DatasetIngestor into Neo4j: {rows} GDELT rows")
        start = time.perf_counter()
        summary = DatasetIngestor(store, gazetteer).ingest_file(path)
        ours_s = time.perf_counter() - start
        ours_counts = store.counts()
        store.clear()
        ctx.progress(f"raw UNWIND … MERGE of the same {n_claims} claims")
        raw_s = load_raw(store, row_batches)
        raw_counts = store.counts()
    finally:
        ctx.release_neo4j(store)
    if not summary.complete or ours_counts["claims"] != n_claims or raw_counts["claims"] != n_claims:
        raise RuntimeError(f"load lost claims: {n_claims} expected, the ingestor stored "
                           f"{ours_counts['claims']}, the baseline {raw_counts['claims']}")
    config = (f"{rows} synthetic GDELT rows -> {summary.records} records, {n_claims} claims, "
              f"batches of 500 records")
    extra = {"rows": rows, "records": summary.records, "claims": n_claims,
             "ingest_seconds": round(ours_s, 3), "raw_seconds": round(raw_s, 3)}
    return [compare("dataset_neo4j_load_vs_unwind", rows / ours_s, rows / raw_s, "rows/s",
                    target=Target(0.5, "higher"), config=config, extra=extra,
                    note="ratio = rows/s through DatasetIngestor (parse, collapse, match, "
                         "upsert) ÷ rows/s of bare UNWIND…MERGE of the same graphs, "
                         "given ready-made")]


def run(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    results: list[Result] = []
    measured: dict[int, dict[str, Any]] = {}
    for rows in sorted(set(sizes.dataset_rss_rows) | {sizes.dataset_parse_rows}):
        ctx.progress(f"generating {rows} synthetic GDELT rows")
        path = write_gdelt(ctx.workdir / f"{rows}.export.CSV", rows, ctx.seed)
        ctx.progress(f"reading {rows} rows in a child process")
        measured[rows] = _child(path)
        if measured[rows]["rows"] != rows:
            raise RuntimeError(f"read {measured[rows]['rows']} of {rows} rows")
        if rows != sizes.dataset_neo4j_rows:
            path.unlink()
    parse = measured[sizes.dataset_parse_rows]
    results.append(metric(
        "dataset_parse_rows_per_s", parse["rows"] / parse["cpu_s"], "rows/s",
        target=Target(50_000, "higher"),
        config=f"{parse['rows']} synthetic GDELT rows, one core (CPU time of one process)",
        extra={"rows": parse["rows"], "cpu_s": round(parse["cpu_s"], 3),
               "wall_s": round(parse["wall_s"], 3)},
        note=f"bytes to mapped events; wall clock {parse['rows'] / parse['wall_s']:,.0f} rows/s"))
    small, large = sorted(sizes.dataset_rss_rows)
    for rows in (small, large):
        peak = measured[rows]["peak_rss"] / MB
        results.append(metric(
            f"dataset_peak_rss_mb_{_label(rows)}", peak, "MB",
            target=Target(measured[small]["peak_rss"] / MB * 1.1 + 5, "lower") if rows == large
            else None,
            config=f"peak RSS of a fresh process after reading {rows} GDELT rows",
            note="flat: the large file's peak stays within 10% (+5 MB) of the small one's"
            if rows == large else "the interpreter, the loaders and the tables included"))
    if ctx.neo4j is not None:
        rows = sizes.dataset_neo4j_rows
        path = ctx.workdir / f"{rows}.export.CSV"
        if not path.exists():
            write_gdelt(path, rows, ctx.seed)
        results += _neo4j_load(ctx, path, rows)
        path.unlink()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description="Read one dataset file (child process).")
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    print(json.dumps(parse_file(args.path)))


if __name__ == "__main__":
    main()
