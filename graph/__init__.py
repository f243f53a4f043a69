"""The graph model and the stores that hold it."""

from .model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    Direction,
    Polarity,
    Relation,
    RelationType,
)
from .store import GraphSnapshot, GraphStore, StoreError, StoreUnavailable, UpsertResult

__all__ = [
    "Actor",
    "ActorKind",
    "Article",
    "ArticleGraph",
    "Claim",
    "Direction",
    "GraphSnapshot",
    "GraphStore",
    "Polarity",
    "Relation",
    "RelationType",
    "StoreError",
    "StoreUnavailable",
    "UpsertResult",
]
