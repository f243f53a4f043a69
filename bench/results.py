"""The record every benchmark returns, and the JSON file they are written to.

A ratio is only ever computed here, from two measured numbers, so no
benchmark can report a ratio without the baseline it came from.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = ["Result", "Target", "compare", "merge_runs", "metric", "read_json", "write_json"]

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


def merge_runs(runs: list[tuple[list[Result], dict[str, Any]]]) -> tuple[list[Result], dict[str, Any]]:
    """Results of several saved runs as one report: rows in run order, the runs' meta joined.

    The machine is the first run's; mode, date, commit and notes list every run's.
    """
    if not runs:
        raise ValueError("no runs to merge")
    results = [r for run_results, _ in runs for r in run_results]
    metas = [meta for _, meta in runs]
    merged = dict(metas[0])
    for name in ("mode", "date", "commit"):
        values = [str(m.get(name)) for m in metas if m.get(name)]
        if values:
            merged[name] = " + ".join(dict.fromkeys(values))
    notes = [m["note"] for m in metas if m.get("note")]
    if notes:
        merged["note"] = " / ".join(dict.fromkeys(notes))
    versions = [m["neo4j_version"] for m in metas if m.get("neo4j_version")]
    if versions:
        merged["neo4j_version"] = versions[0]
    merged["skipped"] = {k: v for m in metas for k, v in (m.get("skipped") or {}).items()}
    return results, merged
