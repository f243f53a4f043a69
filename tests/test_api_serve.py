"""`conflictgraph serve` as a real server process on a free local port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

CLI = [sys.executable, "-c", "from conflictgraph.cli import app; app()", "serve"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(args: list[str], env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([*CLI, "--port", str(port), *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"server exited with {process.returncode}: {output}")
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("server did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICTGRAPH_")}
    env.update({"CONFLICTGRAPH_DATA_DIR": str(tmp_path)}, **extra)
    return env


def test_serve_memory_store_single_worker(tmp_path: Path) -> None:
    with serving(["--store", "memory"], base_env(tmp_path)) as base:
        assert httpx.get(f"{base}/readyz").json() == {"status": "ready", "store": "memory",
                                                            "warnings": []}
        assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == "conflictgraph"


@pytest.mark.neo4j
def test_serve_neo4j_with_two_workers(tmp_path: Path, neo4j_store: object) -> None:
    with serving(["--store", "neo4j", "--workers", "2"], base_env(tmp_path)) as base:
        deadline = time.monotonic() + 120  # each worker warms up before it is ready
        ready = 0
        while ready < 4 and time.monotonic() < deadline:
            answer = httpx.get(f"{base}/readyz")
            assert answer.status_code in (200, 503), answer.text
            ready = ready + 1 if answer.status_code == 200 else 0
            time.sleep(0.1)
        for _ in range(4):
            assert httpx.get(f"{base}/readyz").json() == {"status": "ready", "store": "neo4j",
                                                                "warnings": []}
        missing = httpx.get(f"{base}/actors/Nobody")
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")


def test_serve_refuses_memory_store_with_workers(tmp_path: Path) -> None:
    result = subprocess.run([*CLI, "--store", "memory", "--workers", "2"],
                            env=base_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "memory store lives in one process" in result.stderr
