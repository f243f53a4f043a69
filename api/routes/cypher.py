"""Read-only Cypher for analysts, on the Neo4j store only."""

from __future__ import annotations

from fastapi import APIRouter

from ...graph.neo4j_sandbox import (
    CypherInvalid,
    CypherRejected,
    CypherResult,
    CypherResultTooLarge,
    CypherTimeout,
    run_read_only,
)
from ...graph.neo4j_store import Neo4jStore
from ..deps import ApiKeyDep, StoreDep
from ..errors import ApiProblem
from ..examples import json_example, problem_examples
from ..schemas import CypherRequest

router = APIRouter(tags=["cypher"])

TIMEOUT_S = 10.0
ROW_CAP = 1000
BYTE_CAP = 4_000_000


@router.post(
    "/cypher", response_model=CypherResult, summary="Run a read-only Cypher query",
    responses={
        200: json_example({"columns": ["backer", "backed"],
                           "rows": [["Turkey", "Government of National Accord"]],
                           "truncated": False}),
        400: {"description": "Neo4j refused the query (syntax, unknown function, timeout)",
              "content": {"application/problem+json": {"example": {
                  "type": "urn:conflictgraph:problem:cypher-error", "title": "Cypher error",
                  "status": 400, "detail": "Neo4j could not run the query: syntax error at line 1, "
                  "column 1 (Neo.ClientError.Statement.SyntaxError)",
                  "code": "Neo.ClientError.Statement.SyntaxError", "line": 1, "column": 1}}}},
        403: {"description": "Missing key is 401; a wrong key or a write/admin query is 403",
              "content": {"application/problem+json": {"example": {
                  "type": "urn:conflictgraph:problem:cypher-rejected", "title": "Forbidden",
                  "status": 403, "detail": "the query writes; only read-only queries may run here"}}}},
        **problem_examples(401, 413, 415, 422, 501, 503),
    },
)
def cypher(body: CypherRequest, _key: ApiKeyDep, store: StoreDep) -> CypherResult:
    """Parameterised and read-only, with a 10 s timeout, at most 1000 rows and 4 MB of JSON.

    The query's text is read first, at every depth (subqueries inside expressions too),
    then the server plans it (EXPLAIN). Writes, schema changes, LOAD CSV, CALL IN
    TRANSACTIONS, SHOW/TERMINATE commands, procedures outside a small allow-list, plugin
    functions and expressions that could outgrow the timeout (``range()`` past 1,000,000
    elements or without known bounds, self-doubling ``reduce``/``+``) are refused with 403
    and the reason. An answer comes within 12 s whatever the server does; a result over the
    byte cap is a 400 that says so. Needs ``X-API-Key`` when the server sets a key; 501 on
    the memory store.
    """
    if not isinstance(store, Neo4jStore):
        raise ApiProblem(501, f"Cypher queries need the Neo4j store; this server runs the "
                              f"{store.name} store.", slug="cypher-needs-neo4j")
    try:
        return run_read_only(store.driver, store.database, body.query, body.parameters,
                             timeout_s=TIMEOUT_S, row_cap=ROW_CAP, byte_cap=BYTE_CAP)
    # Error bodies never repeat the request: the summaries name no part of the query.
    except CypherRejected as exc:
        raise ApiProblem(403, exc.summary, title="Query refused", slug="cypher-rejected") from exc
    except CypherResultTooLarge as exc:
        raise ApiProblem(400, str(exc), title="Result too large",
                         slug="cypher-result-too-large") from exc
    except CypherTimeout as exc:
        raise ApiProblem(400, str(exc), title="Query timed out", slug="cypher-timeout") from exc
    except CypherInvalid as exc:
        raise ApiProblem(400, exc.summary, title="Cypher error", slug="cypher-error",
                         code=exc.code, line=exc.line, column=exc.column) from exc
