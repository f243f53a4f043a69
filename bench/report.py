"""docs/benchmarks.md: the machine, the method, the results table, how to reproduce.

The report is rebuilt from saved runs (``python -m bench --from-json
bench/runs/A.json bench/runs/B.json --report docs/benchmarks.md``), or from
the run just made (``--report``). Every row names the run (date, mode,
commit) it was measured in, and every run keeps its machine, load and note,
so a report can hold the rows of an expensive full-mode run next to a newer
quick run without passing either off as the other. What each
missed target was traced to lives in ``findings.py`` and is printed next to
the numbers it explains.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .findings import FINDINGS, METHOD, finding_applies, finding_for
from .results import Result, merge_runs

__all__ = ["render", "write_report"]

LATENCY_TARGET_MS = 100.0


def _fmt(number: float | None) -> str:
    if number is None:
        return "—"
    if abs(number) >= 1000:
        return f"{number:,.0f}"
    if abs(number) >= 10:
        return f"{number:.1f}"
    return f"{number:.3g}"


def _status(result: Result) -> str:
    if result.met is None:
        return ""
    return "met" if result.met else "**missed**"


_MACHINE_FIELDS = (("CPU", "cpu"), ("cores", "cores"), ("RAM", "ram_gib"), ("OS", "os"),
                   ("Python", "python"))


def _machine_cell(machine: dict[str, Any], key: str) -> str:
    value = machine.get(key, "?")
    return f"{value} GiB" if key == "ram_gib" and value != "?" else str(value)


def _load(meta: dict[str, Any]) -> str:
    """The 1-minute load average around the run: before / mean (max) during / after."""
    before, during, after = meta.get("load_before"), meta.get("load_during"), meta.get("load_after")
    if not (before or during or after):
        return "not recorded"
    parts = [f"before {before[0]:g}" if before else "before ?"]
    if during:
        parts.append(f"during {during['mean']:g} mean, {during['max']:g} max")
    parts.append(f"after {after[0]:g}" if after else "after ?")
    return ", ".join(parts)


def _runs(runs: list[dict[str, Any]]) -> list[str]:
    """The machine(s) and every run the rows come from, with its load and notes."""
    machines = [m.get("machine") or {} for m in runs]
    shared = all(m == machines[0] for m in machines)
    lines: list[str] = []
    if shared:
        lines += ["| | |", "|---|---|"]
        lines += [f"| {label} | {_machine_cell(machines[0], key)} |"
                  for label, key in _MACHINE_FIELDS]
        lines += ["", "All runs below were measured on this machine.", ""]
    header = "| run | mode | date | commit | Neo4j | load (1-min average) |"
    rule = "|---|---|---|---|---|---|"
    if not shared:
        header, rule = header + " machine |", rule + "---|"
    lines += [header, rule]
    for meta in runs:
        row = (f"| {meta['label']} | {meta.get('mode', '?')} | {meta.get('date', '?')} | "
               f"{meta.get('commit') or '?'} | {meta.get('neo4j_version') or 'not used'} | "
               f"{_load(meta)} |")
        if not shared:
            machine = meta.get("machine") or {}
            row += " " + ", ".join(f"{label} {_machine_cell(machine, key)}"
                                   for label, key in _MACHINE_FIELDS) + " |"
        lines.append(row)
    notes = [(meta["label"], " ".join(filter(None, (meta.get("note"), meta.get("recovered_from")))))
             for meta in runs if meta.get("note") or meta.get("recovered_from")]
    if notes:
        lines.append("")
        lines += [f"> **{label}:** {note}" + ("\n>" if i < len(notes) - 1 else "")
                  for i, (label, note) in enumerate(notes)]
    return lines


def _table(results: list[Result]) -> list[str]:
    lines = [
        "| benchmark | value | unit | baseline | ratio | target | status | configuration | run |",
        "|---|---:|---|---:|---:|---|---|---|---|",
    ]
    for r in results:
        target = ""
        if r.target is not None:
            unit = "x" if r.ratio is not None else r.unit
            target = ("ratio " if r.ratio is not None else "") + r.target.describe(unit)
        lines.append(
            f"| `{r.name}` | {_fmt(r.value)} | {r.unit} | {_fmt(r.baseline)} | "
            f"{_fmt(r.ratio)} | {target} | {_status(r)} | {r.config} | {r.run} |"
        )
    return lines


def _short(result: Result) -> str:
    """The part of the configuration that tells rows of the same name apart."""
    return ", ".join(result.config.split(", ")[:2]) if result.name.startswith("api") else (
        result.config.split(",")[0])


def _this_run(result: Result) -> list[str]:
    extra = result.extra
    if "api_p50_ms" in extra and "direct_p50_ms" in extra:
        p50_ratio = extra["api_p50_ms"] / extra["direct_p50_ms"]
        return [f"This run: p50 {extra['api_p50_ms']:.1f} ms over HTTP against "
                f"{extra['direct_p50_ms']:.1f} ms direct (ratio {p50_ratio:.2f}) over "
                f"{extra['requests']} requests.", ""]
    return []


def _other_findings(results: list[Result], missed: list[Result]) -> list[Result]:
    """Slow rows without a target here that a recorded finding explains (one per finding)."""
    shown = {finding_for(r.name) for r in missed}
    picked = []
    for r in sorted(results, key=lambda r: -r.value):  # the slowest row stands for its cause
        text = finding_for(r.name)
        if (r.target is None and r.name in FINDINGS and text not in shown
                and finding_applies(r.name, r.config)):
            if r.unit == "ms" and r.value <= LATENCY_TARGET_MS:
                continue
            shown.add(text)
            picked.append(r)
    return picked


def render(results: list[Result], meta: dict[str, Any]) -> str:
    """The report of one run's meta, or of several runs merged by ``merge_runs``."""
    if "runs" not in meta:  # one run: label its rows as a merge would
        results, meta = merge_runs([(results, meta)])
    lines = ["# Benchmarks", "",
             "Generated by `python -m bench` (bench/report.py) from the runs listed below; do not",
             "edit by hand. Each row names the run it was measured in: rows of different runs",
             "were measured on different commits, sizes and machine load, so compare rows of",
             "one run with each other.", "",
             "## Machine and runs", "", *_runs(meta["runs"]), "",
             "## Results", "", *_table(results), ""]
    noted = [r for r in results if r.note]
    if noted:
        lines += ["Notes on individual rows:", ""]
        lines += [f"- `{r.name}` ({_short(r)}; {r.run}): {r.note}" for r in noted]
        lines.append("")
    skipped = meta.get("skipped") or {}
    if skipped:
        lines += ["Not run:", ""]
        lines += [f"- `{name}`: {reason}" for name, reason in skipped.items()]
        lines.append("")
    missed = [r for r in results if r.met is False]
    lines += ["## Missed targets and their measured causes", ""]
    if not missed:
        lines += ["Every target with a measurement in this run was met.", ""]
    for r in missed:
        lines += [f"### `{r.name}` ({r.config}; {r.run})", "", *_this_run(r),
                  finding_for(r.name), ""]
    others = _other_findings(results, missed)
    if others:
        lines += ["## Other measured causes", "",
                  "Rows without a target at this size whose numbers have a recorded cause.", ""]
        for r in others:
            lines += [f"### `{r.name}` ({r.config}; {r.run})", "", finding_for(r.name), ""]
    lines += ["## Method", "", METHOD.strip(), "",
              "## How to reproduce", "",
              "```bash",
              "pip install -e '.[test]' pyinstrument   # pyinstrument only for --profile",
              "conflictgraph neo4j start               # or any empty Neo4j 5.26",
              "export NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=...",
              "python -m bench --quick                 # under 3 minutes on 2 cores",
              "python -m bench --only neo4j_load_vs_unwind --profile bench/results/profile",
              "# another graph size for the API and as-of rows (the mode's relations per actor):",
              "python -m bench --quick --actors 100000 --only as_of_allies_vs_allies",
              "# a run to keep: --record writes bench/runs/<date>-<mode>-<commit>.json",
              "python -m bench --quick --record --note 'what the machine was doing'",
              "# the report: the runs it shows, in this order, each row labelled with its run",
              "python -m bench --from-json bench/runs/2026-11-28-full-b58384a.json \\",
              "    bench/runs/<date>-quick-<commit>.json --report docs/benchmarks.md",
              "```", "",
              "Committed runs live in `bench/runs/` (bench/runs/README.md); `bench/results/`",
              "is scratch space and is not committed.", "",
              "Run it on a quiet machine: the figures are wall-clock times and any other load",
              "on the cores shows up in them. The bench clears the Neo4j database it is",
              "given, and refuses one holding data it did not write unless `--wipe-neo4j`.",
              "A clean-up that fails keeps the rows already measured: the run reports the",
              "error, exits with 1, and the next run clears the data it left.",
              ""]
    return "\n".join(lines)


def write_report(results: list[Result], meta: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(results, meta), encoding="utf-8")
