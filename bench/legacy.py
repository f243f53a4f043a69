"""Recover a run whose JSON was not kept from a report that printed it.

Reports used to be written from runs whose ``--json`` files were not kept, so
some measured rows exist only in a generated docs/benchmarks.md. This reads
such a report's machine and results tables back into the run format of
``results.write_json`` (values, baselines and ratios as the report printed
them, to its 3-4 significant figures), once, so the run can be committed
under bench/runs/ and merged like any other::

    git show be36b06:docs/benchmarks.md > /tmp/old.md
    python -m bench.legacy /tmp/old.md --run 1 --rows 'requests' \\
        --source 'docs/benchmarks.md at commit be36b06' --json bench/runs/X.json

``--run N`` picks the N-th (from 0) of the runs a merged report lists in its
machine table (``mode | quick + full``), and ``--rows`` keeps the rows whose
configuration matches that regular expression: the rows of that run.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from .results import Result, Target, write_json

__all__ = ["LegacyReportError", "parse_report"]


class LegacyReportError(ValueError):
    """The text is not a report this module can read back."""


_MACHINE_KEYS = {"CPU": "cpu", "cores": "cores", "RAM": "ram_gib", "OS": "os", "Python": "python"}
_TARGET = re.compile(r"^(ratio )?([≤≥]) ([0-9.,]+)(?: (.+))?$")
_NOTE = re.compile(r"^- `([^`]+)` \(([^)]*)\): (.+)$")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _number(text: str) -> float | None:
    text = text.strip()
    if text in {"", "—"}:
        return None
    return float(text.replace(",", ""))


def _target(text: str) -> Target | None:
    if not text:
        return None
    found = _TARGET.match(text)
    if found is None:
        raise LegacyReportError(f"unreadable target {text!r}")
    return Target(float(found.group(3).replace(",", "")),
                  "lower" if found.group(2) == "≤" else "higher")


def _section(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    try:
        start = lines.index(title)
    except ValueError as exc:
        raise LegacyReportError(f"no {title!r} section") from exc
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start + 1:end]


def parse_report(text: str, run: int = 0, rows: str = ".*") -> tuple[list[Result], dict[str, Any]]:
    """The rows of run ``run`` (those whose configuration matches ``rows``) and its meta."""
    machine_rows = {_cells(line)[0]: _cells(line)[1] for line in _section(text, "## Machine")
                    if line.startswith("| ") and len(_cells(line)) == 2}
    if "CPU" not in machine_rows:
        raise LegacyReportError("no machine table")

    def of_run(value: str) -> str:
        parts = [part.strip() for part in value.split(" + ")]
        if run >= len(parts):
            raise LegacyReportError(f"the report lists {len(parts)} run(s) in {value!r}, not {run + 1}")
        return parts[run]

    machine: dict[str, Any] = {}
    for label, key in _MACHINE_KEYS.items():
        value = machine_rows.get(label, "?")
        machine[key] = (int(value) if key == "cores" and value.isdigit() else
                        float(value.removesuffix(" GiB")) if key == "ram_gib" else value)
    meta: dict[str, Any] = {
        "mode": of_run(machine_rows.get("mode", "?")),
        "date": of_run(machine_rows.get("date", "?")),
        "commit": of_run(machine_rows.get("commit", "?")),
        "machine": machine,
        "neo4j_version": machine_rows.get("Neo4j"),
    }
    keep = re.compile(rows)
    results: list[Result] = []
    for line in _section(text, "## Results"):
        if not line.startswith("| `"):
            continue
        cells = _cells(line)
        name, value, unit, baseline, ratio, target, _status, config = cells[:8]
        if not keep.search(config):
            continue
        measured = _number(value)
        if measured is None:
            raise LegacyReportError(f"row {name} has no value")
        results.append(Result(name=name.strip("`"), value=measured, unit=unit,
                              baseline=_number(baseline), ratio=_number(ratio),
                              target=_target(target), config=config))
    notes = [_NOTE.match(line) for line in text.splitlines()]
    for found in filter(None, notes):
        name, short, note = found.groups()
        for result in results:
            if result.name == name and result.config.startswith(short) and not result.note:
                result.note = note
    if not results:
        raise LegacyReportError(f"no result rows match {rows!r}")
    return results, meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.legacy", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, help="a docs/benchmarks.md the bench generated")
    parser.add_argument("--run", type=int, default=0, help="which of a merged report's runs")
    parser.add_argument("--rows", default=".*", help="keep rows whose configuration matches")
    parser.add_argument("--source", required=True,
                        help="where the report came from, e.g. 'docs/benchmarks.md at commit X'")
    parser.add_argument("--note", default="", help="the run's note (what it measured, how)")
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        results, meta = parse_report(args.report.read_text(encoding="utf-8"), args.run, args.rows)
    except LegacyReportError as exc:
        print(f"{args.report}: {exc}", file=sys.stderr)
        return 2
    meta["note"] = args.note
    meta["recovered_from"] = (
        f"{args.source}: parsed once by bench/legacy.py from the report's tables, because "
        "the run's own JSON was not kept. Values, baselines and ratios are as the report "
        "printed them (3-4 significant figures); the run's p50 extras and skipped list are "
        "not recoverable.")
    write_json(results, args.json, meta)
    print(f"wrote {len(results)} rows to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
