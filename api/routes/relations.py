"""How the relation between two actors moved over time: the timeline and its plot."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from ...graph.model import Actor
from ...graph.store import GraphStore
from ...queries.search import resolve_actor
from ...queries.timeline import Bucket, Timeline, TimelineTooLong, relation_timeline
from ...queries.timeline_plot import PlotFormat, render_timeline
from ..deps import StoreDep
from ..errors import ApiProblem
from ..examples import LNA, TURKEY, problem_examples
from ..params import Day
from ..responses import model_response

router = APIRouter(tags=["relations"])

_EVIDENCE = {
    "claim_id": "c-5e0b8f0b6a3c1d2e4f5a6b7c", "start": 0, "end": 46, "confidence": 0.85,
    "sentence": "Turkish drones struck LNA positions near Sirte.",
    "subject_text": "Turkish", "object_text": "LNA", "hedged": False, "published": "2020-06-03",
    "article": {"id": "a-1f2e3d4c5b6a7980", "url": "https://example.org/sirte",
                "title": "Fighting near Sirte", "published": "2020-06-03", "source": "Example"},
}
_EXAMPLE = {
    "a": TURKEY, "b": LNA, "bucket": "quarter", "since": None, "until": None,
    "claims": 3, "undated": 0,
    "buckets": [
        {"start": "2020-01-01", "label": "2020-Q1", "cooperative": 0, "hostile": 1, "neutral": 0,
         "by_type": {"OPPOSES": 1}, "by_category": {"ACCUSE": 1}, "strongest": None},
        {"start": "2020-04-01", "label": "2020-Q2", "cooperative": 0, "hostile": 2, "neutral": 0,
         "by_type": {"OPPOSES": 2}, "by_category": {"ASSAULT": 2}, "strongest": _EVIDENCE},
    ],
    "marks": [{"kind": "opened", "type": "OPPOSES", "date": "2020-02-11", "bucket": "2020-Q1"}],
}

A = Annotated[str, Query(min_length=1, max_length=300, description="one actor (id, name or alias)",
                         examples=["Turkey"])]
B = Annotated[str, Query(min_length=1, max_length=300, description="the other actor",
                         examples=["LNA"])]
BucketParam = Annotated[Bucket, Query(description="length of one step", examples=["quarter"])]
Since = Annotated[Day | None, Query(description="first day counted", examples=["2019-01-01"])]
Until = Annotated[Day | None, Query(description="last day counted", examples=["2023-12-31"])]


def _timeline(store: GraphStore, a: str, b: str, bucket: Bucket,
              since: date | None, until: date | None) -> Timeline:
    if since and until and since > until:
        raise ApiProblem(422, "'since' is after 'until'.", slug="invalid-request")
    first: Actor = resolve_actor(store, a, given_as="the 'a' parameter")
    second: Actor = resolve_actor(store, b, given_as="the 'b' parameter")
    if first.id == second.id:
        raise ApiProblem(422, f"'a' and 'b' both name {first.name}.", slug="invalid-request")
    try:
        return relation_timeline(store, first, second, bucket=bucket, since=since, until=until)
    except TimelineTooLong as exc:
        raise ApiProblem(422, f"{exc}.", slug="invalid-request") from exc


@router.get(
    "/relations/timeline", response_model=Timeline,
    summary="Claims between two actors per month, quarter or year",
    responses={200: {"description": "Buckets oldest first, without gaps", "content": {
        "application/json": {"example": _EXAMPLE}}}, **problem_examples(404, 422, 503)},
)
def timeline(store: StoreDep, a: A, b: B, bucket: BucketParam = Bucket.MONTH,
             since: Since = None, until: Until = None) -> Response:
    """Every claim between ``a`` and ``b``, of any type and either direction, counted in
    the bucket of its date: cooperative, hostile and neutral, by relation type and by
    PLOVER category, with each bucket's strongest sentence (asserted before hedged, then
    most confident). Buckets run without gaps from the first dated claim to the last
    (or from ``since`` to ``until``); undated claims are counted apart. ``marks`` give the
    date each relation type first appears between the two."""
    return model_response(_timeline(store, a, b, bucket, since, until))


_IMAGE_RESPONSES = {
    200: {"description": "The plot: cooperative claims above the axis, hostile below",
          "content": {"image/png": {}, "image/svg+xml": {}}},
    **problem_examples(404, 422, 503),
}


def _plot(store: GraphStore, a: str, b: str, bucket: Bucket, since: date | None,
          until: date | None, fmt: PlotFormat) -> Response:
    picture = render_timeline(_timeline(store, a, b, bucket, since, until), fmt)
    return Response(content=picture, media_type=fmt.media_type)


@router.get("/relations/timeline.png", summary="The timeline as a plot (PNG, or SVG with format=svg)",
            response_class=Response, responses=_IMAGE_RESPONSES)
def timeline_png(store: StoreDep, a: A, b: B, bucket: BucketParam = Bucket.MONTH,
                 since: Since = None, until: Until = None,
                 format: Annotated[PlotFormat, Query(description="image format")] = PlotFormat.PNG,
                 ) -> Response:
    """The timeline of ``/relations/timeline`` drawn: bars of cooperative claims above the
    axis and hostile ones below, a dotted line where a relation type first appears."""
    return _plot(store, a, b, bucket, since, until, format)


@router.get("/relations/timeline.svg", summary="The timeline as a plot (SVG)",
            response_class=Response, responses=_IMAGE_RESPONSES)
def timeline_svg(store: StoreDep, a: A, b: B, bucket: BucketParam = Bucket.MONTH,
                 since: Since = None, until: Until = None) -> Response:
    """The same plot as ``/relations/timeline.png``, as SVG."""
    return _plot(store, a, b, bucket, since, until, PlotFormat.SVG)
