"""Where text and data disagree: dyads the news says cooperate while dataset records have
them fighting in the same period (``GET /disagreements``; the cookbook's
``disagreements.cypher`` answers the same on Neo4j).

Text side: claims read from articles of a SUPPORTS, ALLIED_WITH or COOPERATES relation that
are backing or working together (category SUPPORT, AID or COOPERATE; ALLIED_WITH always), so
a truce or talks between fighting parties is no disagreement. Data side: dataset claims of
the two actors' OPPOSES relation coded as fighting (ASSAULT, FIGHT, COERCE). With
``same_month``, a text claim and a data claim count only when they fall in one calendar
month; either way both must lie inside [since, until].
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, Field

from ..graph.model import Claim, Dataset, Origin, RelationKey, RelationType, relation_key
from ..graph.store import GraphStore, strongest_first
from .evidence import ActorRef, EvidenceLookup, EvidenceSentence

__all__ = [
    "DATA_ORIGINS",
    "DEFAULT_LIMIT",
    "FIGHT_CATEGORIES",
    "SUPPORT_CATEGORIES",
    "Disagreement",
    "Disagreements",
    "disagreements",
]

SUPPORT_TYPES = frozenset({RelationType.SUPPORTS, RelationType.ALLIED_WITH, RelationType.COOPERATES})
SUPPORT_CATEGORIES = frozenset({"SUPPORT", "AID", "COOPERATE"})
FIGHT_CATEGORIES = frozenset({"ASSAULT", "FIGHT", "COERCE"})
DATA_ORIGINS = frozenset(o for o in Origin if o is not Origin.TEXT)
DEFAULT_LIMIT = 100


class Disagreement(BaseModel):
    actor_a: ActorRef = Field(description="the dyad's actor with the smaller id")
    actor_b: ActorRef
    months: list[str] = Field(description="months (YYYY-MM) in which both sides speak")
    text_claims: int
    text_articles: int = Field(description="independent text sources: distinct articles")
    text_relation: RelationType = Field(description="the strongest text claim's relation")
    text_evidence: EvidenceSentence = Field(description="the strongest text claim")
    data_claims: int
    data_records: int = Field(description="independent dataset sources: distinct records")
    data_datasets: list[Dataset]
    data_evidence: EvidenceSentence = Field(description="the strongest dataset claim")


class Disagreements(BaseModel):
    items: list[Disagreement]
    total: int = Field(description="dyads found, before the limit")


def _month(day: date | None) -> str:
    return day.isoformat()[:7] if day is not None else ""


def _inside(claim: Claim, since: date | None, until: date | None) -> bool:
    day = claim.published
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def _supports(claim: Claim) -> bool:
    return (claim.origin is Origin.TEXT and claim.type in SUPPORT_TYPES
            and (claim.type is RelationType.ALLIED_WITH or claim.category in SUPPORT_CATEGORIES))


def disagreements(store: GraphStore, *, since: date | None = None, until: date | None = None,
                  same_month: bool = True, data_origins: Iterable[Origin] = DATA_ORIGINS,
                  limit: int = DEFAULT_LIMIT) -> Disagreements:
    """Dyads where text says cooperation while data says fighting, best corroborated first.

    Reads the relations once, keeps the dyads with a text-backed cooperative relation and a
    dataset-backed OPPOSES one (``Relation.sources``), then their claims in one round trip.
    """
    wanted = frozenset(data_origins) - {Origin.TEXT}
    relations = store.relations()
    fights = {frozenset((r.source, r.target)) for r in relations
              if r.type is RelationType.OPPOSES and not wanted.isdisjoint(r.sources)}
    backing = [r for r in relations if r.type in SUPPORT_TYPES and Origin.TEXT in r.sources
               and frozenset((r.source, r.target)) in fights]
    keys: set[RelationKey] = {r.key for r in backing}
    keys |= {relation_key(r.source, r.target, RelationType.OPPOSES) for r in backing}
    claims = store.evidence_many(keys)

    texts: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for rel in backing:
        dyad = (rel.source, rel.target) if rel.source < rel.target else (rel.target, rel.source)
        texts[dyad] += [c for c in claims.get(rel.key, []) if _supports(c) and _inside(c, since, until)]
    found: list[tuple[tuple[str, str], list[Claim], list[Claim]]] = []
    for (a, b), said in texts.items():
        data = [c for c in claims.get((a, b, RelationType.OPPOSES), [])
                if c.origin in wanted and c.category in FIGHT_CATEGORIES and _inside(c, since, until)]
        if same_month:
            months = {_month(c.published) for c in data}
            said = [c for c in said if _month(c.published) in months]
            months = {_month(c.published) for c in said}
            data = [c for c in data if _month(c.published) in months]
        if said and data:
            found.append(((a, b), said, data))

    lookup = EvidenceLookup(store, limit=1)
    rows = []
    for (a, b), said, data in found:
        text_claim, data_claim = strongest_first(said)[0], strongest_first(data)[0]
        rows.append(Disagreement(
            actor_a=lookup.actor(a), actor_b=lookup.actor(b),
            months=sorted({_month(c.published) for c in said} & {_month(c.published) for c in data}),
            text_claims=len(said), text_articles=len({c.article_id for c in said}),
            text_relation=text_claim.type, text_evidence=lookup.sentence(text_claim),
            data_claims=len(data), data_records=len({c.article_id for c in data}),
            data_datasets=sorted({c.dataset for c in data if c.dataset is not None}),
            data_evidence=lookup.sentence(data_claim),
        ))
    rows.sort(key=lambda r: (-(r.text_articles + r.data_records), r.actor_a.name, r.actor_b.name))
    return Disagreements(items=rows[:limit], total=len(rows))
