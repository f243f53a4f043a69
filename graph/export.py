"""Export the whole graph: JSON for programs, GraphML for Gephi, Cytoscape and networkx.

Both formats keep every relation traceable: JSON carries each relation's
evidence sentences; GraphML (whose attributes must be scalars) carries the
evidence count, the articles and the evidence as a JSON string.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from .model import Claim, Origin, Relation
from .store import GraphStore

__all__ = ["build_networkx", "export_graphml", "export_json"]


def _evidence(relation: Relation, claim: Claim) -> dict[str, Any]:
    # For a symmetric relation the claim's subject may be the relation's target.
    forward = claim.subject_id == relation.source
    item: dict[str, Any] = {
        "article_id": claim.article_id,
        "sentence": claim.sentence,
        "source_text": claim.subject_text if forward else claim.object_text,
        "target_text": claim.object_text if forward else claim.subject_text,
        "start": claim.start,
        "end": claim.end,
        "hedged": claim.hedged,
        "disputed": claim.disputed,
        "attributed_to": claim.attributed_to,
    }
    if claim.event_date is not None:  # the date the sentence or row gives for the event
        item["event_date"] = claim.event_date.isoformat()
    if claim.ended:
        item["ended"] = True
    if claim.dataset is not None:  # a dataset row: where to find it again
        item.update(
            dataset=claim.dataset.value,
            dataset_version=claim.dataset_version,
            record_id=claim.record_id,
            place=claim.place,
        )
    return item


def _relation(store: GraphStore, relation: Relation) -> dict[str, Any]:
    claims = store.evidence(relation.source, relation.target, relation.type)
    return {
        "source": relation.source,
        "target": relation.target,
        "type": relation.type.value,
        "polarity": relation.polarity.value,
        "confidence": relation.confidence,
        **({"closed_on": relation.closed_on.isoformat()} if relation.closed_on else {}),
        "sources": {origin.value: n for origin, n in relation.sources.items()},
        "evidence": [_evidence(relation, claim) for claim in claims],
    }


def export_json(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    """``{"actors": [...], "relations": [...], "articles": [...]}``, JSON-serialisable."""
    return {
        "actors": [
            {"id": a.id, "name": a.name, "kind": a.kind.value, "aliases": list(a.aliases)}
            for a in store.actors()
        ],
        "relations": [_relation(store, r) for r in store.relations()],
        "articles": [
            {
                "id": a.id,
                "url": a.url,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
            }
            for a in store.articles()
        ],
    }


def build_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """Actors as nodes, relations as keyed edges, every attribute a scalar (GraphML needs it)."""
    graph = nx.MultiDiGraph(name="conflictgraph")
    for actor in store.actors():
        attrs: dict[str, Any] = {"label": actor.name, "kind": actor.kind.value,
                                 "aliases": "|".join(actor.aliases)}
        if actor.country:
            attrs["country"] = actor.country
        graph.add_node(actor.id, **attrs)
    for relation in store.relations():
        evidence = _relation(store, relation)["evidence"]
        attrs = {
            "type": relation.type.value,
            "polarity": relation.polarity.value,
            "sign": relation.polarity.sign,
            "symmetric": relation.type.symmetric,
            "confidence": relation.confidence,
            "evidence_count": relation.evidence_count,
            **{f"sources_{origin.value}": relation.sources.get(origin, 0) for origin in Origin},
            "articles": "|".join(sorted({e["article_id"] for e in evidence})),
            "evidence": json.dumps(evidence, ensure_ascii=False),
        }
        if relation.first_seen:
            attrs["first_seen"] = relation.first_seen.isoformat()
        if relation.last_seen:
            attrs["last_seen"] = relation.last_seen.isoformat()
        if relation.closed_on:
            attrs["closed_on"] = relation.closed_on.isoformat()
        graph.add_edge(relation.source, relation.target, key=relation.type.value, **attrs)
    return graph


def export_graphml(store: GraphStore) -> str:
    """The actor graph as a GraphML document (readable by ``networkx.read_graphml``)."""
    return "\n".join(nx.generate_graphml(build_networkx(store), encoding="utf-8")) + "\n"
