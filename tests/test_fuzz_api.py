"""Property-based fuzzing of the whole HTTP API from its own OpenAPI schema (schemathesis).

Why: hand-written tests only try the inputs their author thought of. Here every
operation gets generated valid and invalid requests (bounded, derandomised so CI
sees the same cases every run) on both stores, and every answer must be a
non-5xx response that matches the documented status codes, content types,
headers and body schemas; invalid input must be refused with a 4xx.

The schema is driven through schemathesis' Hypothesis strategies rather than its
pytest plugin, so each (store, operation) pair is its own test item and the
test does not depend on pytest internals.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from pydantic import SecretStr
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from test_queries import egypt_article, libya_article

from conflictgraph.api.app import create_app
from conflictgraph.config import Settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.store import GraphStore

MAX_EXAMPLES = 25  # per operation and generation mode (valid / invalid data)


def no_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    """No 5xx, except the documented 501 of /cypher on the memory store (it has no Cypher)."""
    if response.status_code == 501 and case.operation.label == "POST /cypher":
        assert response.json()["type"] == "urn:conflictgraph:problem:cypher-needs-neo4j"
        return True
    return not_a_server_error(ctx, response, case)


CHECKS = [
    no_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]


API_KEY = "fuzz-key-0c4e9a"


def _app(store: GraphStore) -> FastAPI:
    """A server with an API key, as in production; every generated request carries the key.

    The key is fixed (not generated) so that invalid requests are invalid in their
    path, query or body: the key checks themselves are tests/test_security.py's job.
    """
    settings = Settings(_env_file=None, api_key=SecretStr(API_KEY), cors_origins=[])
    return create_app(settings, store)


def _operations() -> dict[str, bool]:
    """Every operation of the schema ("POST /articles" ...) -> whether it takes any input."""
    loaded = schemathesis.openapi.from_asgi("/openapi.json", _app(MemoryStore()))
    found = {}
    for result in loaded.get_all_operations():
        if not isinstance(result, Ok):  # the app's schema itself is broken
            raise AssertionError(f"invalid operation in the OpenAPI schema: {result.err()}")
        op = result.ok()
        found[op.label] = bool(len(op.path_parameters) or len(op.query) or len(op.headers)
                               or len(op.body))
    return dict(sorted(found.items()))


OPERATIONS = _operations()
LABELS = list(OPERATIONS)
# Invalid data needs something to be invalid: /healthz and /readyz take no input at all.
CASES = [(label, GenerationMode.POSITIVE) for label in LABELS] + [
    (label, GenerationMode.NEGATIVE) for label, has_input in OPERATIONS.items() if has_input
]


@pytest.fixture
def seeded_app(store: GraphStore) -> Iterator[FastAPI]:
    """An app around a store holding a known graph, so reads have something to find."""
    store.upsert([libya_article(), egypt_article()])
    yield _app(store)


@pytest.mark.parametrize(("label", "mode"), CASES,
                         ids=[f"{'valid' if m is GenerationMode.POSITIVE else 'invalid'}-{label}"
                              for label, m in CASES])
def test_operation_conforms_to_its_schema(seeded_app: FastAPI, label: str,
                                          mode: GenerationMode) -> None:
    loaded = schemathesis.openapi.from_asgi("/openapi.json", seeded_app)
    operation = loaded.find_operation_by_label(label)
    assert operation is not None, label
    calls = 0

    @given(case=operation.as_strategy(generation_mode=mode, headers={"X-API-Key": API_KEY}))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        nonlocal calls
        calls += 1
        case.call_and_validate(checks=CHECKS)

    run()
    assert calls > 0


def test_every_route_is_fuzzed() -> None:
    """A route added without a schema entry would silently escape the fuzzer."""
    assert len(LABELS) >= 14
    assert {"POST /articles", "POST /cypher", "GET /paths", "DELETE /articles/{article_id}"} <= set(
        LABELS
    )
    assert sum(1 for _, mode in CASES if mode is GenerationMode.NEGATIVE) >= len(LABELS) - 2
