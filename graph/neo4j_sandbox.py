"""Read-only Cypher for analysts: three walls between a query and anything outside the graph.

1. **The text** (:mod:`conflictgraph.graph.cypher_guard`), at every depth, including
   subqueries inside expressions that the plan does not show as operators: no ``LOAD CSV``,
   ``IN TRANSACTIONS``, ``SHOW``/``TERMINATE``, procedures outside :data:`ALLOWED_PROCEDURES`,
   plugin functions, and no work that grows before the timeout can stop it (``range()``
   without known bounds or past the iteration budget, self-doubling ``reduce``/``+``,
   ``replace`` growth).
2. **The plan** (``EXPLAIN``, nothing runs): the planner must classify the query as
   read-only (summary ``query_type == "r"``; writes are ``"w"``/``"rw"``, schema and admin
   commands ``"s"``); no plan operator may load CSV, commit in its own transactions, run a
   SHOW/TERMINATE command or call a procedure outside the allow-list; it must target the
   database it was sent to (no ``USE other``).
3. **The server**: what passes runs in a READ transaction (the server refuses writes there,
   ``Neo.ClientError.Statement.AccessMode``) with a server-side timeout, on a server whose
   settings block LOAD CSV from every address and file and cap each transaction's memory
   (:mod:`conflictgraph.graph.neo4j_hardening`).

A query is never retried (a transient error such as an exhausted heap is reported, not
run again), the caller gets an answer within ``timeout_s`` + :data:`DEADLINE_MARGIN_S`
whatever the server does, and at most ``row_cap`` rows and ``byte_cap`` bytes of JSON
come back. Values come back JSON-safe.
"""

from __future__ import annotations

import base64
import json
import math
import re
import threading
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import neo4j
from neo4j import NotificationMinimumSeverity, Query, ResultSummary
from neo4j.exceptions import Neo4jError
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time
from pydantic import BaseModel, ConfigDict

from .cypher_guard import CypherUnreadable, guard
from .neo4j_errors import driver_errors
from .neo4j_hardening import ALLOWED_PROCEDURES as _ALLOWED
from .neo4j_hardening import TRANSACTION_MEMORY

__all__ = [
    "ALLOWED_PROCEDURES",
    "REFUSED_OPERATORS",
    "CypherInvalid",
    "CypherRejected",
    "CypherResult",
    "CypherResultTooLarge",
    "CypherSandboxError",
    "CypherTimeout",
    "check_read_only",
    "check_text",
    "run_read_only",
    "to_json_safe",
]

MAX_QUERY_CHARS = 20_000

# Read procedures an analyst may call; everything else (dbms.*, tx.*, db.* admin and
# statistics, apoc.* other than its path expanders) is refused even when the planner calls
# it read-only. The server's own procedure allow-list is built from the same tuple.
ALLOWED_PROCEDURES = frozenset(_ALLOWED)

# The most JSON one answer may carry (rows are cut at row_cap first).
BYTE_CAP = 4_000_000
# The caller has its answer this long after the query's own timeout at the latest.
DEADLINE_MARGIN_S = 2.0
# Records the driver buffers per round trip: a few large rows cannot fill the API's memory
# before the byte cap is checked.
FETCH_SIZE = 100
# Analysts' queries that may run at once; more wait for a slot (up to their deadline).
MAX_CONCURRENT = 4

# Plan operators refused whatever the query type (names as the server reports them).
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files and URLs outside the graph",
    "TransactionApply": "CALL { } IN TRANSACTIONS commits on its own and is not allowed",
    "TransactionForeach": "CALL { } IN TRANSACTIONS commits on its own and is not allowed",
}
REFUSED_OPERATOR_PREFIXES = {
    "Show": "SHOW commands describe the server, not the graph",
    "Terminate": "TERMINATE commands act on other users' transactions",
}

# Neo.ClientError.Transaction.TransactionTimedOut and ...TimedOutClientConfiguration.
_TIMEOUT_CODE = "Neo.ClientError.Transaction.TransactionTimedOut"


class CypherSandboxError(Exception):
    """Base class: the query did not produce a result."""


class CypherRejected(CypherSandboxError):
    """The query would do more than read the graph (the API answers 403).

    ``reason`` may name what the query used (a procedure, a database), for the
    analyst's own terminal; ``summary`` says the same without repeating
    anything from the query, for answers that must not echo their request.
    """

    def __init__(self, reason: str, summary: str | None = None) -> None:
        super().__init__(f"query refused: {reason}")
        self.reason = reason
        self.summary = summary or reason


class CypherTimeout(CypherSandboxError):
    """The query ran longer than its time budget and the server stopped it."""

    def __init__(self, timeout_s: float) -> None:
        super().__init__(
            f"query stopped after its {timeout_s:g} s time limit; narrow the MATCH, "
            "add LIMIT, or bound variable-length patterns"
        )
        self.timeout_s = timeout_s


class CypherResultTooLarge(CypherSandboxError):
    """The rows would make an answer larger than the byte cap."""

    def __init__(self, byte_cap: int, rows: int) -> None:
        super().__init__(
            f"the result is larger than {byte_cap:,} bytes of JSON (the cap) after {rows} "
            "rows; return fewer or smaller columns, or add LIMIT"
        )
        self.byte_cap = byte_cap


class CypherInvalid(CypherSandboxError):
    """The server could not plan the query: syntax error, unknown function, missing parameter.

    The message may quote the query (Neo4j's does); ``code`` is Neo4j's status code and
    ``line``/``column`` (1-based) where in the analyst's query it found the fault, when it
    says. ``summary`` tells the same from those alone, without repeating the query.
    """

    def __init__(self, message: str, code: str | None = None, *, line: int | None = None,
                 column: int | None = None, summary: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.column = column
        if summary is None and code:
            kind = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", code.rsplit(".", 1)[-1]).lower()
            where = f" at line {line}, column {column}" if line is not None else ""
            summary = f"Neo4j could not run the query: {kind}{where} ({code})"
        self.summary = summary or message


class CypherResult(BaseModel):
    """Columns, rows in column order, and whether rows were cut at the cap."""

    model_config = ConfigDict(extra="forbid")

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False

    def records(self) -> list[dict[str, Any]]:
        """Rows as ``{column: value}`` dicts."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


# -- the check ----------------------------------------------------------------


def _operators(plan: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    """(operator name, details) of every node of a plan tree."""
    if not plan:
        return
    stack = [plan]
    while stack:
        node = stack.pop()
        name = str(node.get("operatorType", "")).split("@", 1)[0]
        details = str((node.get("args") or {}).get("Details", ""))
        yield name, details
        stack.extend(node.get("children") or [])


def _procedure_name(details: str) -> str:
    """``db.labels() :: (label :: STRING)`` -> ``db.labels``."""
    return details.split("(", 1)[0].strip()


def check_text(query: str, parameters: Mapping[str, Any] | None = None) -> None:
    """Raise CypherRejected when the query's text does what no plan operator shows."""
    try:
        refusal = guard(query, parameters, allowed_procedures=ALLOWED_PROCEDURES)
    except CypherUnreadable as exc:
        raise CypherInvalid(f"the query cannot be read: {exc}") from exc
    if refusal is not None:
        raise CypherRejected(refusal.reason, refusal.summary_in(query))


def check_read_only(summary: ResultSummary, database: str) -> None:
    """Raise CypherRejected unless an EXPLAIN summary shows a pure graph read."""
    query_type = summary.query_type
    if query_type != "r":
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or "
                "runs an administration command"}.get(str(query_type), f"is of type {query_type}")
        raise CypherRejected(f"the query {kind}; only read-only queries may run here")
    if summary.database and summary.database != database:
        raise CypherRejected(
            f"the query targets database {summary.database!r}; only {database!r} is open",
            f"the query targets another database; only {database!r} is open",
        )
    for name, details in _operators(summary.plan):
        if name in REFUSED_OPERATORS:
            raise CypherRejected(REFUSED_OPERATORS[name])
        for prefix, why in REFUSED_OPERATOR_PREFIXES.items():
            if name.startswith(prefix):
                raise CypherRejected(why)
        if name == "ProcedureCall":
            proc = _procedure_name(details)
            if proc not in ALLOWED_PROCEDURES:
                allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
                raise CypherRejected(f"procedure {proc} is not allowed; allowed: {allowed}",
                                     f"the query calls a procedure that is not allowed; allowed: "
                                     f"{allowed}")


# -- values ---------------------------------------------------------------------


def to_json_safe(value: Any) -> Any:
    """Driver values -> JSON-safe Python: graph objects as dicts, temporals as ISO strings."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Node):
        return {
            "elementId": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: to_json_safe(v) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        return {
            "elementId": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": {k: to_json_safe(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_json_safe(n) for n in value.nodes],
            "relationships": [to_json_safe(r) for r in value.relationships],
        }
    if isinstance(value, Date | DateTime | Time | Duration):
        return value.iso_format()
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": [to_json_safe(c) for c in value]}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): to_json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_safe(v) for v in value]
    if hasattr(value, "isoformat"):  # native datetime/date/time
        return value.isoformat()
    return str(value)


# -- running --------------------------------------------------------------------

_INT64 = (-(2**63), 2**63 - 1)


def _check_parameters(value: Any, where: str = "parameters") -> None:
    """Refuse values Bolt cannot carry (integers beyond 64 bits) as bad input, not a crash."""
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise CypherInvalid(f"{where} is an integer outside the 64-bit range Neo4j stores",
                                summary="a value in 'parameters' is an integer outside the "
                                        "64-bit range Neo4j stores")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _check_parameters(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_parameters(item, f"{where}[{index}]")



def _session(driver: neo4j.Driver, database: str) -> neo4j.Session:
    # READ access: the server refuses writes in these transactions whatever the plan said.
    # Notifications off: planner hints would otherwise be logged as warnings on stderr.
    return driver.session(
        database=database,
        default_access_mode=neo4j.READ_ACCESS,
        notifications_min_severity=NotificationMinimumSeverity.OFF,
        fetch_size=FETCH_SIZE,
    )


_EXPLAIN = "EXPLAIN "


def _explain(session: neo4j.Session, query: str, parameters: dict[str, Any],
             timeout_s: float) -> ResultSummary:
    # Auto-commit (not execute_read) so that CALL { } IN TRANSACTIONS can be planned and
    # refused with its own reason; EXPLAIN never executes the query either way.
    return session.run(Query(_EXPLAIN + query, timeout=timeout_s), parameters).consume()


def _fetch(
    tx: neo4j.Transaction, query: str, parameters: dict[str, Any], row_cap: int, byte_cap: int
) -> tuple[list[str], list[list[Any]], bool]:
    """Stream at most ``row_cap`` rows and ``byte_cap`` bytes of JSON, and say whether there
    were more rows. Raises CypherResultTooLarge at the byte cap."""
    result = tx.run(query, parameters)
    columns = list(result.keys())
    rows: list[list[Any]] = []
    size = 2 + len(json.dumps(columns))
    truncated = False
    for record in result:
        if len(rows) >= row_cap:
            truncated = True
            break
        row = [to_json_safe(v) for v in record.values()]
        size += len(json.dumps(row, ensure_ascii=False, default=str).encode()) + 1
        if size > byte_cap:
            raise CypherResultTooLarge(byte_cap, len(rows))
        rows.append(row)
    return columns, rows, truncated


# Where Neo4j found a fault: "(line 1, column 9 (offset: 8))", counted in the text it was sent.
_POSITION = re.compile(r"\(line \d+, column \d+ \(offset: (\d+)\)\)")


def _position(message: str, query: str, shift: int) -> tuple[int | None, int | None]:
    """Line and column (1-based) in the analyst's ``query`` of the offset Neo4j reports in
    the text it was sent, which was ``query`` stripped and with ``shift`` characters before."""
    found = _POSITION.search(message)
    if found is None:
        return None, None
    offset = int(found.group(1)) - shift + (len(query) - len(query.lstrip()))
    if not 0 <= offset <= len(query):
        return None, None
    line_start = query.rfind("\n", 0, offset) + 1
    return query.count("\n", 0, offset) + 1, offset - line_start + 1


def _translate(exc: Neo4jError, timeout_s: float, query: str, shift: int) -> CypherSandboxError:
    code = exc.code or ""
    allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
    if code.startswith(_TIMEOUT_CODE):
        return CypherTimeout(timeout_s)
    if "OutOfMemory" in code or "MemoryLimitExceeded" in code:
        why = ("the query needs more memory than one transaction may use "
               f"(db.memory.transaction.max {TRANSACTION_MEMORY}); aggregate less, or add LIMIT")
        return CypherInvalid(why, code, summary=why)
    if code == "Neo.ClientError.Procedure.ProcedureNotFound":
        # Not installed here, and so not on the allow-list either: refused, not a typo to fix.
        return CypherRejected(
            f"{exc.message or 'unknown procedure'} Allowed procedures: {allowed}",
            f"the query calls a procedure that is not installed here; allowed: {allowed}",
        )
    if code == "Neo.ClientError.Statement.AccessMode":
        return CypherRejected(exc.message or code,
                              "the query writes; only read-only queries may run here")
    if code.startswith("Neo.ClientError.Security."):
        return CypherRejected(exc.message or code, f"Neo4j refused the query ({code})")
    message = exc.message or str(exc)
    line, column = _position(message, query, shift)
    return CypherInvalid(message, code or None, line=line, column=column)


_slots = threading.BoundedSemaphore(MAX_CONCURRENT)
_workers = ThreadPoolExecutor(max_workers=MAX_CONCURRENT, thread_name_prefix="cypher-sandbox")


def _run(driver: neo4j.Driver, database: str, query: str, text: str, params: dict[str, Any],
         timeout_s: float, row_cap: int, byte_cap: int) -> CypherResult:
    shift = len(_EXPLAIN)  # positions in errors count from the text Neo4j was sent
    try:
        with driver_errors(), _session(driver, database) as session:
            check_read_only(_explain(session, text, params, timeout_s), database)
            shift = 0
            # One explicit transaction, never retried: a transient failure of an analyst's
            # query (an exhausted heap) is reported, not run again.
            with session.begin_transaction(timeout=timeout_s) as tx:
                columns, rows, truncated = _fetch(tx, text, params, row_cap, byte_cap)
                tx.rollback()
    except Neo4jError as exc:  # what driver_errors leaves: the server refused the query
        raise _translate(exc, timeout_s, query, shift) from exc
    finally:
        _slots.release()
    return CypherResult(columns=columns, rows=rows, truncated=truncated)


def run_read_only(
    driver: neo4j.Driver,
    database: str,
    query: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    timeout_s: float = 10.0,
    row_cap: int = 1000,
    byte_cap: int = BYTE_CAP,
) -> CypherResult:
    """Run an analyst's query if, and only if, its text and plan show a pure read.

    Raises CypherRejected (would write or reach outside the graph, or could outgrow the
    time limit), CypherTimeout (also when no answer came within ``timeout_s`` +
    DEADLINE_MARGIN_S), CypherResultTooLarge, CypherInvalid (cannot be read or planned) or
    StoreUnavailable (Neo4j unreachable). Parameters travel as data, never as query text.
    """
    text = (query or "").strip().rstrip(";").strip()
    if not text:
        raise CypherInvalid("the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise CypherInvalid(f"the query is longer than {MAX_QUERY_CHARS} characters")
    if timeout_s <= 0:
        raise ValueError("timeout_s must be positive")
    if row_cap < 0 or byte_cap <= 0:
        raise ValueError("row_cap must not be negative and byte_cap must be positive")
    params = dict(parameters or {})
    _check_parameters(params)
    check_text(text, params)
    deadline = timeout_s + DEADLINE_MARGIN_S
    if not _slots.acquire(timeout=deadline):
        raise CypherTimeout(timeout_s)
    future = _workers.submit(_run, driver, database, query or "", text, params, timeout_s,
                             row_cap, byte_cap)
    try:
        return future.result(timeout=deadline)
    except FutureTimeout:
        # The server did not stop the query in time; the caller is answered now and the
        # worker's slot stays taken until the server lets go of it.
        raise CypherTimeout(timeout_s) from None
