"""The record every benchmark returns, and the JSON file they are written to.

A ratio is only ever computed here, from two measured numbers, so no
benchmark can report a ratio without the baseline it came from.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = ["Result", "Target", "compare", "merge_runs", "metric", "read_json", "run_label",
           "write_json"]

Better = Literal["lower", "higher"]


@dataclass(frozen=True)
class Target:
    """A goal from the issue: ``value`` must be at most (``lower``) or at least (``higher``)."""

    limit: float
    better: Better

    def met(self, value: float) -> bool:
        return value <= self.limit if self.better == "lower" else value >= self.limit

    def describe(self, unit: str) -> str:
        sign = "≤" if self.better == "lower" else "≥"
        return f"{sign} {self.limit:g}{'' if unit in ('', 'x') else ' ' + unit}"


@dataclass
class Result:
    """One line of the results table.

    ``value`` is what we measured, ``baseline`` what we compare against (or
    None for a plain measurement), and ``ratio`` is ``value / baseline``.
    """

    name: str
    value: float
    unit: str
    baseline: float | None = None
    ratio: float | None = None
    target: Target | None = None
    config: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # the run this row was measured in (``run_label`` of its meta), set when runs are merged
    run: str = ""

    @property
    def judged(self) -> float:
        """The number the target applies to: the ratio when there is one."""
        return self.ratio if self.ratio is not None else self.value

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.target.met(self.judged)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "target": asdict(self.target) if self.target else None,
            "met": self.met,
            "config": self.config,
            "note": self.note,
        }
        if self.extra:
            data["extra"] = self.extra
        return data


def _measured(name: str, number: float) -> float:
    if not isinstance(number, int | float) or not math.isfinite(number) or number <= 0:
        raise ValueError(f"{name}: a measurement must be a positive finite number, got {number!r}")
    return float(number)


def compare(name: str, value: float, baseline: float, unit: str, *,
            target: Target | None = None, config: str = "", note: str = "",
            extra: dict[str, Any] | None = None) -> Result:
    """A ratio result: ``value / baseline`` from two real measurements."""
    value = _measured(name, value)
    baseline = _measured(name, baseline)
    return Result(name=name, value=value, unit=unit, baseline=baseline,
                  ratio=round(value / baseline, 4), target=target, config=config, note=note,
                  extra=dict(extra or {}))


def metric(name: str, value: float, unit: str, *, target: Target | None = None,
           config: str = "", note: str = "", extra: dict[str, Any] | None = None) -> Result:
    """A plain measurement without a baseline."""
    return Result(name=name, value=_measured(name, value), unit=unit, target=target,
                  config=config, note=note, extra=dict(extra or {}))


def write_json(results: list[Result], path: Path, meta: dict[str, Any] | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {"results": [r.as_json() for r in results]}
    if meta:
        payload["meta"] = meta
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")


def read_json(path: Path) -> tuple[list[Result], dict[str, Any]]:
    """Results written by ``write_json`` (the report can be rebuilt from a saved run)."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    results = []
    for raw in payload["results"]:
        target = Target(**raw["target"]) if raw.get("target") else None
        results.append(Result(
            name=raw["name"], value=raw["value"], unit=raw["unit"], baseline=raw.get("baseline"),
            ratio=raw.get("ratio"), target=target, config=raw.get("config", ""),
            note=raw.get("note", ""), extra=raw.get("extra", {}),
        ))
    return results, payload.get("meta", {})


def run_label(meta: dict[str, Any]) -> str:
    """How a report names a run: its date, mode and commit (``2026-11-28 full b58384a``)."""
    day = str(meta.get("date") or "?")[:10]
    return f"{day} {meta.get('mode') or '?'} {meta.get('commit') or '?'}"


def merge_runs(runs: list[tuple[list[Result], dict[str, Any]]]) -> tuple[list[Result], dict[str, Any]]:
    """Results of several saved runs as one report: rows in run order, each row labelled
    with the run it was measured in (``Result.run``), every run's meta kept in ``runs``.

    Nothing is averaged or carried over between runs: a row is exactly what its run
    measured, on that run's commit, machine and load.
    """
    if not runs:
        raise ValueError("no runs to merge")
    labels = [run_label(meta) for _, meta in runs]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise ValueError(f"runs {repeated} are given twice (same date, mode and commit)")
    results = [dataclasses.replace(r, run=label)
               for (run_results, _), label in zip(runs, labels, strict=True) for r in run_results]
    metas = [dict(meta, label=label) for (_, meta), label in zip(runs, labels, strict=True)]
    merged: dict[str, Any] = {"runs": metas}
    merged["skipped"] = {f"{name} ({meta['label']})": reason
                         for meta in metas for name, reason in (meta.get("skipped") or {}).items()}
    return results, merged
