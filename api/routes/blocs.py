"""Opposing blocs among a set of actors or around one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ...queries.blocs import BlocsOut, BlocsRequestError, find_blocs
from ...queries.brief import BriefBlocs, brief_blocs
from ...queries.evidence import EvidenceLookup
from ..deps import ViewDep
from ..errors import ApiProblem
from ..examples import GNA, HAFTAR, LNA, RUSSIA, TURKEY, UAE, json_example, problem_examples
from ..params import View, ViewParam, parse_list
from ..responses import model_response

router = APIRouter(tags=["blocs"])

_EXAMPLE = {
    "blocs": [{"members": [GNA, TURKEY], "component": 0},
              {"members": [HAFTAR, LNA, RUSSIA, UAE], "component": 0}],
    "frustration": 0, "frustrated": [], "unaligned": [], "method": "exact", "truncated": False,
}


@router.get(
    "/blocs", response_model=BlocsOut | BriefBlocs,
    summary="Partition actors into opposing blocs",
    responses={200: json_example(_EXAMPLE), **problem_examples(404, 422, 503)},
)
def blocs(
    store: ViewDep,
    actors: Annotated[list[str] | None, Query(
        description="actors to partition, comma-separated or repeated (ids, names or aliases)",
        examples=["Turkey,GNA,Russia,UAE,LNA,Haftar"],
    )] = None,
    around: Annotated[str | None, Query(max_length=300, description="or: every actor near this one",
                                        examples=["Haftar"])] = None,
    depth: Annotated[int, Query(ge=1, le=3, description="hops out from 'around'")] = 2,
    view: ViewParam = View.FULL,
) -> Response:
    """Signed-graph partition: cooperative relations pull together, hostile ones apart.

    Neutral relations (MEDIATES) are ignored; actors with no other relation are
    ``unaligned``. ``frustration`` counts the relations the partition contradicts
    (0: perfectly balanced). Each connected component is split on its own (blocs
    sharing a ``component`` oppose each other): exactly up to 20 actors, by
    deterministic local search beyond. ``view=brief``: one item per actor with its
    bloc and the strongest relation that puts it there, with one sentence.
    """
    try:
        partition = find_blocs(store, actors=parse_list(actors), around=around, depth=depth)
    except BlocsRequestError as exc:
        raise ApiProblem(422, str(exc), slug="invalid-request") from exc
    if view is View.BRIEF:
        return model_response(brief_blocs(partition, EvidenceLookup(store, limit=1)))
    return model_response(partition.answer)
