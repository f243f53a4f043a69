"""Read-only Cypher for analysts: the server decides what a query does, not a regex.

Every query is first planned with ``EXPLAIN`` (nothing runs) and refused unless

* the planner classifies it as read-only (summary ``query_type == "r"``; writes are
  ``"w"``/``"rw"``, schema and admin commands ``"s"``);
* its plan holds none of the operators that read-only queries can still use to
  reach outside the graph or act on the server: ``LoadCSV`` (files and URLs),
  ``TransactionApply``/``TransactionForeach`` (``CALL { } IN TRANSACTIONS``),
  ``Show*``/``Terminate*`` commands (``SHOW TRANSACTIONS``, ``TERMINATE
  TRANSACTIONS``, ``SHOW SETTINGS`` ...: other users' queries and the server's
  configuration are not analysts' business), and any procedure outside a small
  allow-list of schema look-ups and index searches (no ``dbms.*``, no other ``db.*``
  such as ``db.createLabel`` or ``db.clearQueryCaches``, no ``apoc.*`` except its
  path expanders, which only read);
* it targets the database it was sent to (no ``USE other``).

What passes runs in a READ transaction (``session.execute_read``: the server itself
refuses writes there, ``Neo.ClientError.Statement.AccessMode``) with a server-side
timeout, and at most ``row_cap`` rows are streamed back. Values come back JSON-safe.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

import neo4j
from neo4j import NotificationMinimumSeverity, Query, ResultSummary
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time
from pydantic import BaseModel, ConfigDict

from ..graph.store import StoreUnavailable

__all__ = [
    "ALLOWED_PROCEDURES",
    "REFUSED_OPERATORS",
    "CypherInvalid",
    "CypherRejected",
    "CypherResult",
    "CypherSandboxError",
    "CypherTimeout",
    "check_read_only",
    "run_read_only",
    "to_json_safe",
]

MAX_QUERY_CHARS = 20_000

# Read procedures an analyst may call; everything else (dbms.*, tx.*, db.* admin,
# apoc.*) is refused even when the planner calls it read-only.
ALLOWED_PROCEDURES = frozenset({
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
    "db.index.vector.queryNodes",
    "db.index.vector.queryRelationships",
    "apoc.path.expand",
    "apoc.path.expandConfig",
    "apoc.path.subgraphNodes",
    "apoc.path.subgraphAll",
    "apoc.path.spanningTree",
})

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
    )


_EXPLAIN = "EXPLAIN "


def _explain(session: neo4j.Session, query: str, parameters: dict[str, Any],
             timeout_s: float) -> ResultSummary:
    # Auto-commit (not execute_read) so that CALL { } IN TRANSACTIONS can be planned and
    # refused with its own reason; EXPLAIN never executes the query either way.
    return session.run(Query(_EXPLAIN + query, timeout=timeout_s), parameters).consume()


def _fetch(
    tx: neo4j.ManagedTransaction, query: str, parameters: dict[str, Any], row_cap: int
) -> tuple[list[str], list[list[Any]], bool]:
    """Stream at most ``row_cap`` rows, and say whether there were more."""
    result = tx.run(query, parameters)
    columns = list(result.keys())
    rows: list[list[Any]] = []
    truncated = False
    for record in result:
        if len(rows) >= row_cap:
            truncated = True
            break
        rows.append([to_json_safe(v) for v in record.values()])
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


def run_read_only(
    driver: neo4j.Driver,
    database: str,
    query: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    timeout_s: float = 10.0,
    row_cap: int = 1000,
) -> CypherResult:
    """Run an analyst's query if, and only if, the server plans it as a pure read.

    Raises CypherRejected (would write or reach outside the graph), CypherTimeout,
    CypherInvalid (cannot be planned) or StoreUnavailable (Neo4j unreachable).
    Parameters travel as data, never as query text.
    """
    text = (query or "").strip().rstrip(";").strip()
    if not text:
        raise CypherInvalid("the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise CypherInvalid(f"the query is longer than {MAX_QUERY_CHARS} characters")
    if timeout_s <= 0:
        raise ValueError("timeout_s must be positive")
    if row_cap < 0:
        raise ValueError("row_cap must not be negative")
    params = dict(parameters or {})
    _check_parameters(params)
    shift = len(_EXPLAIN)  # positions in errors count from the text Neo4j was sent
    try:
        with _session(driver, database) as session:
            check_read_only(_explain(session, text, params, timeout_s), database)
            shift = 0
            work = neo4j.unit_of_work(timeout=timeout_s)(_fetch)
            columns, rows, truncated = session.execute_read(work, text, params, row_cap)
    except (ServiceUnavailable, SessionExpired, OSError) as exc:
        raise StoreUnavailable(f"Neo4j is unreachable: {exc}") from exc
    except AuthError as exc:
        raise StoreUnavailable("Neo4j refused the credentials") from exc
    except Neo4jError as exc:
        raise _translate(exc, timeout_s, query or "", shift) from exc
    return CypherResult(columns=columns, rows=rows, truncated=truncated)
