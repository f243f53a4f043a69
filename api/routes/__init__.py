"""One router per resource, gathered here in the order the docs show them."""

from __future__ import annotations

from fastapi import APIRouter

from . import (
    actors,
    articles,
    blocs,
    changes,
    cypher,
    datasets,
    disagreements,
    graph,
    health,
    paths,
    relations,
)

__all__ = ["api_router"]

api_router = APIRouter()
for module in (articles, datasets, actors, paths, relations, changes, disagreements, blocs, graph,
               cypher, health):
    api_router.include_router(module.router)
