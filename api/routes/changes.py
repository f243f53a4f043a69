"""What changed in a window: new alignments, ended ones, and flips."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from ...queries.changes import DEFAULT_LIMIT, DEFAULT_STALENESS_DAYS, Changes, changes_between
from ..deps import StoreDep
from ..errors import ApiProblem
from ..examples import LNA, TURKEY, problem_examples
from ..params import Day
from ..responses import model_response

router = APIRouter(tags=["changes"])

_EXAMPLE = {
    "since": "2020-10-01", "until": "2020-10-31", "staleness_days": 180,
    "previous_since": "2020-08-31",
    "new": [{"source": TURKEY, "target": LNA, "type": "OPPOSES", "polarity": "hostile",
             "first_seen": "2020-10-21", "last_seen": "2020-10-21", "claims": 1,
             "strength": 0.8, "evidence": None}],
    "ended": [], "flips": [], "truncated": False,
}


@router.get(
    "/changes", response_model=Changes,
    summary="Relations that began, went silent or flipped in a window",
    responses={200: {"description": "Each list strongest first", "content": {
        "application/json": {"example": _EXAMPLE}}}, **problem_examples(422, 503)},
)
def changes(
    store: StoreDep,
    since: Annotated[Day, Query(description="first day of the window", examples=["2023-04-01"])],
    until: Annotated[Day | None, Query(description="last day of the window (default: today)",
                                        examples=["2023-06-30"])] = None,
    staleness_days: Annotated[int, Query(
        ge=1, le=36_500, description="a relation silent this long has ended")] = DEFAULT_STALENESS_DAYS,
    limit: Annotated[int, Query(ge=1, le=1000, description="most items per list")] = DEFAULT_LIMIT,
) -> Response:
    """``new``: relations whose first claim falls in the window. ``ended``: relations
    that went silent in it (their last claim became older than ``staleness_days`` on a
    day of the window). ``flips``: pairs whose dominant polarity in the window is the
    opposite of the period of equal length just before it. Each list is ranked by
    evidence strength (the noisy-or confidence of the claims behind the change) and each
    item carries its strongest sentence."""
    end = until or date.today()
    if since > end:
        raise ApiProblem(422, "'since' is after 'until'.", slug="invalid-request")
    return model_response(changes_between(store, since, end, staleness_days=staleness_days,
                                          limit=limit))
