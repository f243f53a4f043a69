"""Example payloads shown in the OpenAPI docs (/docs), taken from the seed article.

Kept apart from the routes so a route reads as logic, and so every example
is one place to update when a schema changes.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PROBLEMS", "brief_evidence", "json_example", "problem_examples", "views_example"]

SEED_URL = "https://www.globalsecurity.org/wmd/library/news/libya/2020/libya-201021-voa01.htm"
ARTICLE_REF = {"id": "a-7002a806989209bd9f894516", "url": SEED_URL,
               "title": "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks",
               "published": "2020-10-21", "source": "Voice of America"}
HAFTAR = {"id": "khalifa-haftar", "name": "Khalifa Haftar", "kind": "person"}
LNA = {"id": "libyan-national-army", "name": "Libyan National Army", "kind": "armed_group"}
RUSSIA = {"id": "russia", "name": "Russia", "kind": "state"}
UAE = {"id": "united-arab-emirates", "name": "United Arab Emirates", "kind": "state"}
TURKEY = {"id": "turkey", "name": "Turkey", "kind": "state"}
GNA = {"id": "government-of-national-accord", "name": "Government of National Accord",
       "kind": "government"}

STRUGGLE_SENTENCE = (
    "A violent nationwide power struggle has been ongoing between two rival governments—the "
    "internationally recognized government in the capital, Tripoli, and the Benghazi-based "
    "Libya National Army headed by renegade commander Khalifa Haftar."
)
SUPPORT_SENTENCE = "Turkey is a main supporter of the U.N.-recognized government in Tripoli."
ALLIED_SENTENCE = ("Russia and the United Arab Emirates are among other countries allied with "
                   "Haftar's forces.")


def _evidence(sentence: str, subject: str, obj: str, start: int,
              confidence: float) -> dict[str, Any]:
    return {"claim_id": "c-8074207cb97dd75908696a6d", "sentence": sentence, "start": start,
            "end": start + len(sentence), "subject_text": subject, "object_text": obj,
            "confidence": confidence, "hedged": False, "disputed": False, "attributed_to": None,
            "published": "2020-10-21",
            "article": ARTICLE_REF}


def hop(source: dict[str, Any], target: dict[str, Any], rel_type: str, direction: str,
        polarity: str, evidence: tuple[str, str, str, int], confidence: float) -> dict[str, Any]:
    return {"source": source, "target": target, "type": rel_type, "direction": direction,
            "polarity": polarity, "confidence": confidence, "evidence_count": 1, "sources": {"text": 1},
            "evidence": [_evidence(*evidence, confidence)]}


LEADS_HOP = hop(HAFTAR, LNA, "LEADS", "forward", "cooperative",
                (STRUGGLE_SENTENCE, "Khalifa Haftar", "Libya National Army", 1434), 0.85)
RUSSIA_HOP = hop(LNA, RUSSIA, "ALLIED_WITH", "forward", "cooperative",
                 (ALLIED_SENTENCE, "Russia", "Haftar's forces", 2191), 0.85)
TURKEY_HOP = hop(TURKEY, GNA, "SUPPORTS", "forward", "cooperative",
                 (SUPPORT_SENTENCE, "Turkey", "U.N.-recognized government in Tripoli", 2118),
                 0.807)
GNA_LNA_HOP = hop(GNA, LNA, "OPPOSES", "forward", "hostile",
                  (STRUGGLE_SENTENCE, "internationally recognized government in the capital, "
                   "Tripoli", "Libya National Army", 1434), 0.8)


def brief_evidence(sentence: str) -> dict[str, Any]:
    """A sentence as the brief view shows it: with its article's title, URL and date."""
    return {"sentence": sentence, "title": ARTICLE_REF["title"], "url": SEED_URL,
            "published": "2020-10-21", "source": "VOA"}


def views_example(full: Any, brief: Any, description: str = "Success") -> dict[str, Any]:
    """One example per ``view``: the full answer and the brief one."""
    return {"description": description, "content": {"application/json": {"examples": {
        "full": {"summary": "view=full (default)", "value": full},
        "brief": {"summary": "view=brief", "value": brief},
    }}}}


def json_example(example: Any, description: str = "Success") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"example": example}}}


PROBLEMS: dict[int, dict[str, Any]] = {
    401: {"type": "urn:conflictgraph:problem:api-key-missing", "title": "Authentication required",
          "status": 401, "detail": "This operation needs the X-API-Key header."},
    403: {"type": "urn:conflictgraph:problem:api-key-invalid", "title": "Forbidden",
          "status": 403, "detail": "The X-API-Key header does not match the server's key."},
    404: {"type": "urn:conflictgraph:problem:actor-not-found", "title": "Unknown actor",
          "status": 404, "detail": "No actor matches the reference in the path. Did you mean: "
          "Khalifa Haftar?",
          "suggestions": [HAFTAR]},
    409: {"type": "urn:conflictgraph:problem:store-locked", "title": "Conflict", "status": 409,
          "detail": "The store is being written by process 4711 (conflictgraph ingest). This "
          "server serves it read-only until that process stops; send the write again then, "
          "or send it to that process."},
    413: {"type": "urn:conflictgraph:problem:body-too-large", "title": "Request body too large",
          "status": 413, "detail": "The request body exceeds the limit of 10000000 bytes."},
    415: {"type": "urn:conflictgraph:problem:unsupported-media-type",
          "title": "Unsupported media type", "status": 415,
          "detail": "Send the body as JSON with 'Content-Type: application/json'."},
    422: {"type": "urn:conflictgraph:problem:invalid-request", "title": "Invalid request",
          "status": 422, "detail": "query.max_hops: Input should be less than or equal to 6",
          "errors": [{"loc": ["query", "max_hops"], "msg": "Input should be less than or equal "
                      "to 6", "type": "less_than_equal"}]},
    501: {"type": "urn:conflictgraph:problem:cypher-needs-neo4j", "title": "Not implemented",
          "status": 501, "detail": "Cypher queries need the Neo4j store; this server runs the "
          "memory store."},
    503: {"type": "urn:conflictgraph:problem:store-unavailable", "title": "Service unavailable",
          "status": 503, "detail": "The graph store cannot be reached; try again shortly."},
}


def problem_examples(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the problem documents a route can answer."""
    return {
        status: {
            "description": PROBLEMS[status]["title"],
            "content": {"application/problem+json": {"example": PROBLEMS[status]}},
        }
        for status in statuses
    }
