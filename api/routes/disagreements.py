"""Where text and data disagree: the news says cooperation, dataset records say fighting."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from ...graph.model import Origin
from ...queries.disagreements import DATA_ORIGINS, DEFAULT_LIMIT, Disagreements, disagreements
from ..deps import StoreDep
from ..errors import ApiProblem
from ..examples import json_example, problem_examples
from ..params import parse_origins

router = APIRouter(tags=["corroboration"])

# Days as ISO dates only: a bare number would otherwise be read as a Unix time.
ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ApiProblem(422, f"'{name}' is not a day of the calendar: {value!r} (use YYYY-MM-DD).",
                         slug="invalid-request") from exc

_RSF = {"id": "rapid-support-forces", "name": "Rapid Support Forces", "kind": "armed_group"}
_SAF = {"id": "sudanese-armed-forces", "name": "Sudanese Armed Forces", "kind": "armed_group"}
_TEXT = "The RSF and the army are coordinating operations in Darfur."
_ROW = "ACLED SDN90001 (2024-05-02): Battles / Armed clash: Military Forces of Sudan (2019-) vs RSF"
_EXAMPLE = {"total": 1, "items": [{
    "actor_a": _RSF, "actor_b": _SAF, "months": ["2024-05"],
    "text_claims": 1, "text_articles": 1, "text_relation": "COOPERATES",
    "text_evidence": {"claim_id": "c-3f1d…", "sentence": _TEXT, "start": 0, "end": len(_TEXT),
                      "subject_text": "RSF", "object_text": "the army", "confidence": 0.8,
                      "hedged": False, "published": "2024-05-20",
                      "article": {"id": "a-9c0e…", "url": "https://news.example/pact"}},
    "data_claims": 2, "data_records": 2, "data_datasets": ["acled", "polecat"],
    "data_evidence": {"claim_id": "c-51aa…", "sentence": _ROW, "start": 0, "end": len(_ROW),
                      "subject_text": "RSF: Rapid Support Forces",
                      "object_text": "Military Forces of Sudan (2019-)", "confidence": 0.9,
                      "hedged": False, "published": "2024-05-02",
                      "article": {"id": "d-77b2…", "title": "acled SDN90001"},
                      "record": {"dataset": "acled", "version": "2024-06-01 export",
                                 "record_id": "SDN90001", "place": "El Fasher"}},
}]}


@router.get(
    "/disagreements", response_model=Disagreements,
    summary="Dyads the news says cooperate while dataset records have them fighting",
    responses={200: json_example(_EXAMPLE), **problem_examples(422, 503)},
)
def list_disagreements(
    store: StoreDep,
    since: Annotated[str | None, Query(description="first day of the claims compared (ISO date)",
                                       pattern=ISO_DAY, examples=["2024-01-01"])] = None,
    until: Annotated[str | None, Query(description="last day of the claims compared (ISO date)",
                                       pattern=ISO_DAY, examples=["2024-06-30"])] = None,
    same_month: Annotated[bool, Query(description=(
        "count only fighting in a month the text also speaks of support (false: anywhere "
        "in the window)"))] = True,
    data_origin: Annotated[list[str] | None, Query(description=(
        "datasets whose fighting is compared: acled, ucdp, gdelt, polecat; comma-separated "
        "or repeated (default: all)"), examples=["acled,ucdp"])] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="most dyads listed")] = DEFAULT_LIMIT,
) -> Disagreements:
    """Text side: SUPPORTS, ALLIED_WITH or COOPERATES claims read from articles that are
    backing or working together (SUPPORT, AID, COOPERATE; a truce is no support). Data
    side: dataset OPPOSES claims of the same two actors coded ASSAULT, FIGHT or COERCE.
    Each item: the shared months, each side's claims and independent sources, and each
    side's strongest claim with its article or dataset record. The cookbook's
    ``disagreements`` query answers the same in Neo4j Browser."""
    first, last = _day(since, "since"), _day(until, "until")
    if first is not None and last is not None and first > last:
        raise ApiProblem(422, "'since' is after 'until'.", slug="invalid-request")
    origins = parse_origins(data_origin, name="data_origin")
    if origins is not None and Origin.TEXT in origins:
        raise ApiProblem(422, "'data_origin' takes datasets only: acled, ucdp, gdelt, polecat.",
                         slug="invalid-request")
    return disagreements(store, since=first, until=last, same_month=same_month,
                         data_origins=DATA_ORIGINS if origins is None else origins, limit=limit)
