"""Query parameters shared by several routes: list-valued ones (``types=SUPPORTS,OPPOSES``
or repeated) and the answer's ``view``."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

from fastapi import Query

from ..graph.model import Origin, RelationType
from .errors import ApiProblem

__all__ = ["View", "ViewParam", "parse_list", "parse_origins", "parse_types"]


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


def parse_types(values: Iterable[str] | None, *, name: str = "types") -> list[RelationType] | None:
    """Relation types, case-insensitive; None when none were given."""
    items = parse_list(values)
    if not items:
        return None
    valid = {t.value: t for t in RelationType}
    unknown = [i for i in items if i.upper() not in valid]
    if unknown:
        raise ApiProblem(
            422, f"'{name}' holds {len(unknown)} unknown relation type(s); "
                 f"choose from {', '.join(valid)}.",
            slug="invalid-request",
        )
    return [valid[i.upper()] for i in items]


def parse_origins(values: Iterable[str] | None, *, name: str = "origin") -> frozenset[Origin] | None:
    """Claim origins (text, acled, ucdp, gdelt, polecat), case-insensitive; None when none
    were given."""
    items = parse_list(values)
    if not items:
        return None
    valid = {o.value: o for o in Origin}
    unknown = [i for i in items if i.lower() not in valid]
    if unknown:
        raise ApiProblem(
            422, f"'{name}' holds unknown origin(s) {', '.join(repr(u) for u in unknown)}; "
                 f"choose from {', '.join(valid)}.",
            slug="invalid-request",
        )
    return frozenset(valid[i.lower()] for i in items)
