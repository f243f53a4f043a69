"""Query parameters shared by several routes: list-valued ones (``types=SUPPORTS,OPPOSES``
or repeated), days (``Day``) and the answer's ``view``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Annotated, TypeVar

from fastapi import Query
from pydantic import BeforeValidator

from ..graph.model import Origin, RelationType
from .errors import ApiProblem

__all__ = ["Day", "View", "ViewParam", "parse_list", "parse_origins", "parse_types"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Only a calendar day written YYYY-MM-DD is a day: pydantic alone would read a bare
    number as a Unix time (``since=0`` as 1970-01-01), which no one asking for a day means."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value.strip()):
        raise ValueError("a day is written YYYY-MM-DD, e.g. 2023-04-15")
    return value


# A query parameter that is a day: ``Annotated[Day | None, Query(...)]``.
Day = Annotated[date, BeforeValidator(_iso_day)]


class View(StrEnum):
    """How much of an answer to send."""

    FULL = "full"  # every explaining path and hop, each with its evidence sentences
    BRIEF = "brief"  # one flat item per actor or hop, with one evidence sentence


ViewParam = Annotated[View, Query(description=(
    "full: the whole answer, every path and hop with its evidence; brief: one flat item per "
    "actor or hop (id, name, relation, strength, one evidence sentence with its article)"
), examples=["brief"])]


def parse_list(values: Iterable[str] | None) -> list[str]:
    """Comma-separated and repeated values alike, trimmed, empty ones dropped, order kept."""
    items: list[str] = []
    for value in values or ():
        items.extend(part.strip() for part in value.split(","))
    return list(dict.fromkeys(item for item in items if item))


_Member = TypeVar("_Member", bound=StrEnum)


def _members(values: Iterable[str] | None, kind: type[_Member], *, name: str, what: str
             ) -> list[_Member] | None:
    """Members of ``kind`` by value, case-insensitive; None when none were given. Unknown
    values are counted, never repeated (error bodies repeat nothing of the request)."""
    items = parse_list(values)
    if not items:
        return None
    valid = {m.value.casefold(): m for m in kind}
    unknown = [i for i in items if i.casefold() not in valid]
    if unknown:
        raise ApiProblem(
            422, f"'{name}' holds {len(unknown)} unknown {what}(s); "
                 f"choose from {', '.join(m.value for m in kind)}.",
            slug="invalid-request",
        )
    return list(dict.fromkeys(valid[i.casefold()] for i in items))


def parse_types(values: Iterable[str] | None, *, name: str = "types") -> list[RelationType] | None:
    """Relation types, case-insensitive; None when none were given."""
    return _members(values, RelationType, name=name, what="relation type")


def parse_origins(values: Iterable[str] | None, *, name: str = "origin") -> frozenset[Origin] | None:
    """Claim origins (text, acled, ucdp, gdelt, polecat), case-insensitive; None when none
    were given."""
    origins = _members(values, Origin, name=name, what="origin")
    return frozenset(origins) if origins is not None else None
