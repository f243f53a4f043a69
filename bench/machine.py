"""What the numbers were measured on: goes at the top of the report."""

from __future__ import annotations

import os
import platform
import sys
import threading
from pathlib import Path
from typing import Any

__all__ = ["LoadSampler", "load_average", "machine_info", "neo4j_version"]


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)
    except (ValueError, OSError, AttributeError):
        return None


def neo4j_version(driver: Any, database: str = "neo4j") -> str:
    """Server name, version and edition, as ``dbms.components()`` reports them."""
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition "
        "RETURN name, versions[0] AS version, edition",
        database_=database,
    )
    return ", ".join(f"{r['name']} {r['version']} {r['edition']}" for r in records)


def machine_info() -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "os": f"{platform.system()} {platform.release()}",
    }


def load_average() -> list[float] | None:
    """The 1, 5 and 15-minute load averages: how busy the machine was around a run."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (OSError, AttributeError):
        return None


class LoadSampler:
    """Samples the 1-minute load average every ``interval`` seconds while a run lasts.

    The bench itself keeps up to two cores busy; a mean well above that says
    other work shared the machine, and the figures are slower for it.
    """

    def __init__(self, interval: float = 10.0) -> None:
        self.interval = interval
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="load-sampler", daemon=True)

    def _run(self) -> None:
        while True:
            load = load_average()
            if load is not None:
                self.samples.append(load[0])
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict[str, float | int] | None:
        if not self.samples:
            return None
        return {"mean": round(sum(self.samples) / len(self.samples), 2),
                "max": max(self.samples), "samples": len(self.samples)}
