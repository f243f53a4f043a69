"""Liveness (the process answers) and readiness (the store answers)."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import RuntimeDep
from ..errors import ApiProblem
from ..examples import json_example, problem_examples
from ..schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process is up",
            responses={200: json_example({"status": "ok", "store": None})})
def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz", response_model=Health, summary="The store answers",
    responses={200: json_example({"status": "ready", "store": "neo4j"}), **problem_examples(503)},
)
def readyz(runtime: RuntimeDep) -> Health:
    """503 while the store cannot be opened or pinged, and while a server's start-up
    warm-up runs (at most ``CONFLICTGRAPH_WARMUP_SECONDS``); ``warnings`` lists the
    protections the store lacks (a Neo4j server without the hardening settings of
    docs/security.md) and a warm-up that failed or stopped at its limit."""
    warm_up = runtime.warm_up
    if warm_up.pending:
        raise ApiProblem(503, "The server is warming up its store (page cache, query plans); "
                              f"ready within {warm_up.limit_s:g} s of starting. Retry shortly.",
                         slug="warming-up", headers={"Retry-After": "1"})
    store = runtime.store()
    store.ping()
    warnings = store.safety_warnings()
    if (note := warm_up.warning()) is not None:
        warnings.append(note)
    return Health(status="ready", store=store.name, warnings=warnings)
