"""The server process: pid file, identity check, and a polite-then-firm stop.

Only a pid whose command line is *our* Neo4j (CommunityEntryPoint with this
home dir) is ever signalled, so a stale pid file reused by another process
is never killed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

__all__ = [
    "ENTRY_POINT",
    "is_our_server",
    "process_alive",
    "process_cmdline",
    "read_pid",
    "stop_process",
    "write_pid",
]

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"


def read_pid(pid_file: Path) -> int | None:
    try:
        text = pid_file.read_text().strip()
    except FileNotFoundError:
        return None
    return int(text) if text.isdigit() else None


def write_pid(pid_file: Path, pid: int) -> None:
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = pid_file.with_suffix(".tmp")
    tmp.write_text(f"{pid}\n")
    tmp.replace(pid_file)


def _reap(pid: int) -> None:
    """Collect the exit status if the server is our child, so it does not linger as a zombie."""
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def process_alive(pid: int) -> bool:
    _reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        with contextlib.suppress(OSError, IndexError):
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return False
    return True


def process_cmdline(pid: int) -> str | None:
    """The process's command line, or None when it is gone."""
    if not process_alive(pid):
        return None
    proc_file = Path(f"/proc/{pid}/cmdline")
    if proc_file.exists():
        try:
            return proc_file.read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            return None
    if sys.platform == "win32":  # pragma: no cover - the manager targets Linux and macOS
        return None
    out = subprocess.run(
        ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, check=False
    )
    return out.stdout.strip() or None


def is_our_server(pid: int, home: Path) -> bool:
    """True only for a live Neo4j started for this home dir."""
    cmdline = process_cmdline(pid)
    if not cmdline:
        return False
    return ENTRY_POINT in cmdline and f"--home-dir={home}" in cmdline


def stop_process(pid: int, timeout: float = 60.0) -> bool:
    """SIGTERM, wait up to `timeout` s (Neo4j checkpoints on shutdown), then SIGKILL.

    Returns True when the process had to be killed.
    """
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process_alive(pid):
            return False
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return True
