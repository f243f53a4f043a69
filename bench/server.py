"""Start the real API under uvicorn in a child process, and stop it again.

A separate process, not a thread: the client and the server must not share
one interpreter lock, or the measured latency would be the GIL's.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx

from .context import BenchError

__all__ = ["free_port", "uvicorn_server"]

REPO = Path(__file__).resolve().parent.parent
APP = "conflictgraph.api.app:app_from_env"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _PortTaken(BenchError):
    """Someone bound the chosen free port before uvicorn did."""


@contextmanager
def uvicorn_server(env: Mapping[str, str], log_path: Path, *,
                   ready_path: str = "/openapi.json", start_timeout_s: float = 120.0,
                   ) -> Iterator[str]:
    """Yield the base URL of a uvicorn server running the app with ``env`` added."""
    for attempt in range(3):
        try:
            proc, base = _start(env, log_path, ready_path, start_timeout_s)
        except _PortTaken:
            if attempt == 2:
                raise
            continue
        try:
            yield base
        finally:
            _stop(proc)
        return


def _start(env: Mapping[str, str], log_path: Path, ready_path: str, timeout_s: float,
           ) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cmd = [sys.executable, "-m", "uvicorn", APP, "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--workers", "1", "--log-level", "warning", "--no-access-log"]
    full_env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(proc, base + ready_path, timeout_s, log_path)
    except BaseException:
        _stop(proc)
        raise
    return proc, base


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def _wait_ready(proc: subprocess.Popen[bytes], url: str, timeout_s: float, log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = _tail(log)
            if "address already in use" in tail.lower():
                raise _PortTaken(tail)
            raise BenchError(f"the API server exited with {proc.returncode}:\n{tail}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise BenchError(f"the API server did not answer {url} within {timeout_s:.0f} s:\n{_tail(log)}")


def _tail(log: Path, chars: int = 3000) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return "(no server log)"
