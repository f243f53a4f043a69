"""Request and response bodies that belong to the HTTP layer.

Query results (alignment, supporters, paths, blocs, actor detail, evidence,
actor search, and their brief views in ``queries.brief``) are the query
modules' own pydantic models and are returned as they are (the command line
prints the same ones); what is here wraps store objects for the web (claims
with actor names, relation lists) or describes requests.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..graph.model import ActorKind, Origin, PloverCategory, Polarity, RelationType
from ..graph.store import UpsertResult
from ..loaders.sources.base import Skipped
from ..queries.actors import ActorDetail, RelationSummary
from ..queries.blocs import BlocOut, BlocsOut, FrustratedEdge
from ..queries.evidence import ActorRef, EvidenceSentence

__all__ = [
    "ActorDetail",
    "ArticleDetail",
    "ArticlePage",
    "ArticleSummary",
    "BlocOut",
    "BlocsOut",
    "ClaimOut",
    "CypherRequest",
    "EdgeOut",
    "FrustratedEdge",
    "GraphOut",
    "Health",
    "IngestOut",
    "NodeOut",
    "RelationOut",
    "RelationSummary",
    "RelationsOut",
]


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    store: str | None = Field(default=None, examples=["neo4j"])
    warnings: list[str] = Field(
        default_factory=list,
        description="protections the store lacks (e.g. Neo4j hardening settings); empty when none",
        examples=[[]])


# -- articles ---------------------------------------------------------------------
class IngestOut(BaseModel):
    ids: list[str] = Field(description="article ids, in the order sent",
                           examples=[["a-5b0b7d6f1c2e4a9b8c7d6e5f"]])
    articles: int = Field(examples=[1])
    created: int = Field(examples=[1])
    updated: int = Field(examples=[0])
    unchanged: int = Field(examples=[0])
    actors: int = Field(examples=[9])
    actor_ids: list[str] = Field(
        default_factory=list, examples=[["libyan-national-army", "turkey"]],
        description="the distinct actors counted in 'actors', so that a client sending "
                    "several requests can count each actor once")
    claims: int = Field(examples=[6])
    skipped: list[Skipped] = Field(
        description="records that yielded no article, with the reason", examples=[[]],
    )
    results: list[UpsertResult]


class ArticleSummary(BaseModel):
    id: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    total: int


class ClaimOut(BaseModel):
    id: str
    type: RelationType
    polarity: Polarity
    subject: ActorRef
    object: ActorRef
    sentence: str
    start: int
    end: int
    subject_text: str
    object_text: str
    confidence: float
    hedged: bool
    disputed: bool = False
    attributed_to: str | None = None
    ended: bool = Field(default=False, description="the sentence says the relation ended")
    category: PloverCategory
    mode: str | None = None
    published: date | None = None
    event_date: date | None = Field(default=None, description="the date the sentence gives for the event")
    extractor: str
    rule: str = ""


class ArticleDetail(ArticleSummary):
    text: str
    content_hash: str
    claims: list[ClaimOut]


# -- actors and relations (ActorDetail, RelationSummary: queries.actors) -------------
class RelationOut(BaseModel):
    source: ActorRef
    target: ActorRef
    type: RelationType
    polarity: Polarity
    direction: Literal["out", "in", "mutual"]
    confidence: float
    evidence_count: int
    alignment_count: int = Field(description=(
        "claims that count for allies, adversaries and blocs: not agreements, talks, "
        "concessions or withdrawals (AGREE, CONSULT, CONCEDE, RETREAT), not mediation"))
    alignment_confidence: float = Field(description="noisy-or confidence of those claims")
    sources: dict[Origin, int] = Field(default_factory=dict, description=(
        "independent sources behind the relation by origin: distinct articles (text), "
        "distinct records (acled, ucdp, gdelt, polecat)"), examples=[{"text": 3, "acled": 2}])
    first_seen: date | None = None
    last_seen: date | None = None
    closed_on: date | None = Field(default=None, description=(
        "when a claim said the relation ended, later than every claim stating it: "
        "the relation is closed (shown, but no alignment or support); null while current"))
    evidence: list[EvidenceSentence]


class RelationsOut(BaseModel):
    actor: ActorRef
    items: list[RelationOut]
    total: int


# -- blocs (BlocsOut, BlocOut, FrustratedEdge: queries.blocs) and graph -------------
class NodeOut(BaseModel):
    id: str
    name: str
    kind: ActorKind
    aliases: list[str]
    country: str | None = None


class EdgeOut(BaseModel):
    id: str = Field(description="source|type|target", examples=["russia|ALLIED_WITH|lna"])
    source: str
    target: str
    type: RelationType
    polarity: Polarity
    confidence: float
    evidence_count: int
    sources: dict[Origin, int] = Field(default_factory=dict, description=(
        "independent sources behind the relation by origin: distinct articles (text), "
        "distinct records (acled, ucdp, gdelt, polecat)"), examples=[{"text": 3, "acled": 2}])
    first_seen: date | None = None
    last_seen: date | None = None
    closed_on: date | None = Field(default=None, description=(
        "when a claim said the relation ended, later than every claim stating it: "
        "the relation is closed (shown, but no alignment or support); null while current"))


class GraphOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    truncated: bool = False


# -- cypher -------------------------------------------------------------------------
class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000, examples=[
        "MATCH (a:Actor)-[r:SUPPORTS]->(b:Actor) RETURN a.name AS backer, b.name AS backed"
    ])
    parameters: dict[str, Any] = Field(default_factory=dict, examples=[{}])
