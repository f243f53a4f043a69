"""One translation of the Neo4j driver's errors into the store's named errors.

Every call that reaches the server goes through :func:`driver_errors`, so an unreachable
server or refused credentials read the same wherever they surface (the API maps
``StoreUnavailable`` to 503). Other server errors pass through unless the caller asks
for them as a refused write: the sandbox translates its own (timeouts, syntax) with the
query's position.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from .store import StoreError, StoreUnavailable

__all__ = ["driver_errors"]


@contextmanager
def driver_errors(uri: str | None = None, *, writing: bool = False) -> Iterator[None]:
    """Raise ``StoreUnavailable`` for connectivity and credential failures.

    With ``writing``, any other server error becomes ``StoreError`` ("refused the write").
    """
    where = f"Neo4j at {uri}" if uri else "Neo4j"
    try:
        yield
    except (ServiceUnavailable, SessionExpired, OSError) as exc:
        raise StoreUnavailable(f"{where} is unreachable: {exc}") from exc
    except AuthError as exc:  # before Neo4jError: it is one
        raise StoreUnavailable(f"{where} refused the credentials") from exc
    except Neo4jError as exc:
        if not writing:
            raise
        raise StoreError(f"Neo4j refused the write: {exc.message}") from exc
