"""Liveness (the process answers) and readiness (the store answers)."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import RuntimeDep
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
    """503 while the store cannot be opened or pinged; ``warnings`` lists the protections
    the store lacks (a Neo4j server without the hardening settings of docs/security.md)."""
    store = runtime.store()
    store.ping()
    return Health(status="ready", store=store.name, warnings=store.safety_warnings())
