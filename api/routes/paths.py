"""Signed paths between two actors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ...graph.model import Polarity
from ...queries.brief import BriefPaths, brief_paths
from ...queries.paths import MAX_HOPS, PathResult, signed_paths
from ...queries.search import resolve_actor
from ..deps import ViewDep
from ..errors import ApiProblem
from ..examples import (
    GNA,
    GNA_LNA_HOP,
    LNA,
    RUSSIA,
    RUSSIA_HOP,
    TURKEY,
    TURKEY_HOP,
    problem_examples,
)
from ..params import View, ViewParam, parse_types
from ..responses import model_response

router = APIRouter(tags=["paths"])

_EXAMPLE = {
    "source": TURKEY, "target": RUSSIA, "message": None, "truncated": False,
    "paths": [{"length": 3, "sign": -1, "polarity": "hostile", "score": 0.54876,
               "actors": [TURKEY, GNA, LNA, RUSSIA],
               "hops": [TURKEY_HOP, GNA_LNA_HOP, RUSSIA_HOP]}],
}
_EMPTY = {"source": TURKEY, "target": {"id": "sudan", "name": "Sudan", "kind": "state"},
          "paths": [], "truncated": False,
          "message": "no path of at most 4 hops links Turkey and Sudan"}


@router.get(
    "/paths", response_model=PathResult | BriefPaths, summary="Shortest signed paths between two actors",
    responses={200: {"description": "Paths, shortest first (possibly none)", "content": {
        "application/json": {"examples": {"found": {"value": _EXAMPLE},
                                          "none": {"value": _EMPTY}}}}},
               **problem_examples(404, 422, 503)},
)
def paths(
    store: ViewDep,
    source: Annotated[str, Query(min_length=1, max_length=300, examples=["Turkey"])],
    target: Annotated[str, Query(min_length=1, max_length=300, examples=["Russia"])],
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS, examples=[4])] = 4,
    k: Annotated[int, Query(ge=1, le=20, description="at most this many paths", examples=[5])] = 5,
    types: Annotated[list[str] | None, Query(
        description="relation types a hop may follow, comma-separated or repeated",
        examples=["SUPPORTS,ALLIED_WITH,OPPOSES"],
    )] = None,
    polarity: Annotated[Polarity | None, Query(
        description="keep only paths of this overall sign", examples=["hostile"],
    )] = None,
    view: ViewParam = View.FULL,
) -> Response:
    """Up to ``k`` shortest simple paths, walking relations either way.

    Each hop names the stored relation, its direction relative to the walk
    (``forward``: stored from this hop's source to its target), polarity and
    evidence. A path's sign is the product of its hops' signs: a friend of an
    enemy is hostile, an enemy of an enemy cooperative, a MEDIATES hop neutral.
    Where two actors share several relations the most confident one is walked.
    No path is not an error: the list is empty and ``message`` says why.
    ``view=brief``: each path as the actors it reaches, one flat item per hop.
    """
    origin = resolve_actor(store, source, given_as="the 'source' parameter")
    goal = resolve_actor(store, target, given_as="the 'target' parameter")
    if origin.id == goal.id:
        raise ApiProblem(422, f"'source' and 'target' both name {origin.name}.",
                         slug="invalid-request")
    result = signed_paths(store, origin.id, goal.id, max_hops=max_hops, k=k,
                          types=parse_types(types), polarity=polarity,
                          evidence_limit=1 if view is View.BRIEF else 3)
    return model_response(brief_paths(result) if view is View.BRIEF else result)
