"""The graph for web visualisation, and whole-graph exports."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from ...queries.neighbourhood import bounded_subgraph
from ...queries.search import resolve_actor
from ..deps import ViewDep
from ..examples import HAFTAR, LNA, json_example, problem_examples
from ..schemas import EdgeOut, GraphOut, NodeOut

router = APIRouter(prefix="/graph", tags=["graph"])

_EXAMPLE = {
    "nodes": [{**HAFTAR, "aliases": ["Haftar"], "country": "LY"},
              {**LNA, "aliases": ["LNA", "Haftar's forces"], "country": "LY"}],
    "edges": [{"id": "khalifa-haftar|LEADS|libyan-national-army", "source": "khalifa-haftar",
               "target": "libyan-national-army", "type": "LEADS", "polarity": "cooperative",
               "confidence": 0.85, "evidence_count": 1, "first_seen": "2020-10-21",
               "last_seen": "2020-10-21"}],
    "truncated": False,
}


@router.get(
    "", response_model=GraphOut, summary="Nodes and edges around an actor",
    responses={200: json_example(_EXAMPLE), **problem_examples(404, 422, 503)},
)
def graph(
    store: ViewDep,
    around: Annotated[str, Query(min_length=1, max_length=300, examples=["Haftar"])],
    depth: Annotated[int, Query(ge=1, le=3, examples=[2])] = 2,
    max_nodes: Annotated[int, Query(ge=1, le=1000, examples=[200])] = 200,
) -> GraphOut:
    """The actors within ``depth`` hops and every relation among them, ready for a
    force-directed layout (edges reference node ids); ``truncated`` when capped."""
    centre = resolve_actor(store, around, given_as="the 'around' parameter")
    hood = bounded_subgraph(store, [centre.id], depth, max_nodes=max_nodes, closed=True)
    return GraphOut(
        nodes=[NodeOut(id=a.id, name=a.name, kind=a.kind, aliases=a.aliases, country=a.country)
               for a in hood.actors.values()],
        edges=[EdgeOut(id=f"{r.source}|{r.type.value}|{r.target}", source=r.source,
                       target=r.target, type=r.type, polarity=r.polarity,
                       confidence=r.confidence, evidence_count=r.evidence_count,
                       sources=r.sources, first_seen=r.first_seen, last_seen=r.last_seen,
                       closed_on=r.closed_on)
               for r in hood.relations],
        truncated=hood.truncated,
    )


@router.get(
    "/export", summary="Export the whole graph (JSON or GraphML)",
    responses={
        200: {"description": "The graph", "content": {
            "application/json": {"example": {"actors": [], "relations": []}},
            "application/graphml+xml": {"example": "<?xml version='1.0' encoding='utf-8'?>"
                                                   "<graphml>…</graphml>"},
        }},
        **problem_examples(422, 503),
    },
)
def export(
    store: ViewDep,
    format: Annotated[Literal["json", "graphml"], Query(examples=["graphml"])] = "json",
) -> Response:
    """Every actor, relation and claim, for Gephi, yEd, Cytoscape or a notebook."""
    from ...graph.export import export_graphml, export_json

    if format == "graphml":
        return Response(export_graphml(store), media_type="application/graphml+xml",
                        headers={"Content-Disposition": 'attachment; filename="conflictgraph.graphml"'})
    return JSONResponse(export_json(store))
