"""Articles: ingest (through the extraction pipeline), read with their claims, retract."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response
from pydantic import Discriminator, Field, Tag

from ...loaders.records import ArticleRecord
from ...loaders.sources.base import LoadedRecord, Skipped
from ...queries.evidence import EvidenceLookup
from ..deps import ApiKeyDep, RuntimeDep, StoreDep, WriterDep
from ..errors import ApiProblem
from ..examples import ARTICLE_REF, GNA, TURKEY, json_example, problem_examples
from ..schemas import ArticleDetail, ArticlePage, ArticleSummary, ClaimOut, IngestOut

router = APIRouter(prefix="/articles", tags=["articles"])

MAX_BATCH = 100
SEED_RECORD = {
    "text": "Turkey is a main supporter of the U.N.-recognized government in Tripoli. "
            "Russia and the United Arab Emirates are among other countries allied with "
            "Haftar's forces.",
    "url": "https://example.org/libya-talks",
    "title": "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks",
    "published": "2020-10-21",
    "source": "VOA",
}
def _shape(value: object) -> str:
    """Which branch of the body union to validate, so errors name only that one."""
    return "list" if isinstance(value, list) else "article"


ArticleBody = Annotated[
    Annotated[ArticleRecord, Tag("article")]
    | Annotated[list[ArticleRecord], Field(min_length=1, max_length=MAX_BATCH), Tag("list")],
    Discriminator(_shape),
    Body(openapi_examples={
        "one": {"summary": "One article", "value": SEED_RECORD},
        "batch": {"summary": "A batch (up to 100)", "value": [SEED_RECORD]},
        "html": {"summary": "Raw HTML, cleaned server-side",
                 "value": {"html": "<html><body><p>Turkey backs the GNA.</p></body></html>",
                           "url": "https://example.org/p"}},
    }),
]
ArticleId = Annotated[str, Path(description="The article id returned by POST /articles",
                                examples=[ARTICLE_REF["id"]], max_length=200)]
INGEST_EXAMPLE = {
    "ids": [ARTICLE_REF["id"]], "articles": 1, "created": 1, "updated": 0, "unchanged": 0,
    "actors": 8, "actor_ids": ["government-of-national-accord", "khalifa-haftar",
                               "libyan-national-army", "russia", "stephanie-williams", "turkey",
                               "united-arab-emirates", "unsmil"],
    "claims": 8, "skipped": [],
    "results": [{"article_id": ARTICLE_REF["id"], "status": "created", "claims": 8, "actors": 8}],
}


@router.post(
    "", response_model=IngestOut, status_code=201,
    summary="Ingest one article or a list",
    responses={
        200: json_example({**INGEST_EXAMPLE, "created": 0, "unchanged": 1},
                          "Nothing new: every article was already stored"),
        201: json_example(INGEST_EXAMPLE, "At least one article was created"),
        **problem_examples(401, 403, 409, 413, 415, 422, 503),
    },
)
def ingest_articles(body: ArticleBody, runtime: RuntimeDep, _key: ApiKeyDep, _writer: WriterDep,
                    response: Response) -> IngestOut:
    """Extract actors and claims from each record and store them, each article atomically.

    Re-sending an article changes nothing (``unchanged``); an edited text replaces
    its earlier claims (``updated``). Needs ``X-API-Key`` when the server sets a key.
    """
    from ...loaders.pipeline import records_to_articles  # trafilatura: loaded on first ingest

    # Named by position ("record 2"), so that what 'skipped' says repeats nothing sent.
    records = [LoadedRecord.model_construct(**record.__dict__, origin=f"record {index}")
               for index, record in enumerate(body if isinstance(body, list) else [body], 1)]
    # HTML extraction, cleaning and the length checks need no lock: an over-long or empty
    # record is refused here without waiting for, or holding up, other requests' parses.
    articles = list(records_to_articles(records))
    if all(isinstance(a, Skipped) for a in articles):
        raise _no_article([a for a in articles if isinstance(a, Skipped)])
    ingestor = runtime.ingestor()
    with runtime.ingest_lock:
        summary = ingestor.ingest(articles)
    if summary.error is not None:
        # The pipeline stopped at a store failure; what it stored before stays stored.
        raise ApiProblem(
            503, "The graph store failed during ingestion; articles listed in 'not_stored' "
                 "were not stored. Re-sending the request is safe.",
            slug="store-unavailable", headers={"Retry-After": "5"},
            stored=[r.article_id for r in summary.results], not_stored=summary.not_stored,
        )
    if not summary.results and summary.skipped:
        raise _no_article(summary.skipped)
    if not summary.created:
        response.status_code = 200
    return IngestOut(
        ids=[r.article_id for r in summary.results],
        articles=summary.articles, created=summary.created, updated=summary.updated,
        unchanged=summary.unchanged, actors=summary.actors,
        actor_ids=sorted(summary.actor_ids), claims=summary.claims,
        skipped=summary.skipped, results=summary.results,
    )


def _no_article(skipped: list[Skipped]) -> ApiProblem:
    reasons = "; ".join(f"{s.name}: {s.reason}" for s in skipped[:5])
    return ApiProblem(422, f"No article could be taken from the request ({reasons}).",
                      slug="no-article", skipped=[s.model_dump() for s in skipped])


@router.get(
    "", response_model=ArticlePage, summary="List stored articles",
    responses={200: json_example({"items": [ARTICLE_REF], "total": 1}), **problem_examples(503)},
)
def list_articles(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500, examples=[50])] = 50,
    offset: Annotated[int, Query(ge=0, examples=[0])] = 0,
) -> ArticlePage:
    """Newest first (undated last), without their text."""
    articles = sorted(store.articles(),
                      key=lambda a: (a.published is None, -(a.published.toordinal()
                                                           if a.published else 0), a.id))
    page = articles[offset: offset + limit]
    return ArticlePage(
        items=[ArticleSummary(id=a.id, url=a.url, title=a.title, published=a.published,
                              source=a.source) for a in page],
        total=len(articles),
    )


@router.get(
    "/{article_id}", response_model=ArticleDetail, summary="An article with its claims",
    responses={
        200: json_example({
            **ARTICLE_REF, "text": "…", "content_hash": "9f2c…",
            "claims": [{"id": "c-5522253510602fa434a05b63", "type": "SUPPORTS", "polarity": "cooperative",
                        "subject": TURKEY, "object": GNA,
                        "sentence": "Turkey is a main supporter of the U.N.-recognized "
                                    "government in Tripoli.",
                        "start": 2118, "end": 2190, "subject_text": "Turkey",
                        "object_text": "U.N.-recognized government in Tripoli",
                        "confidence": 0.807, "hedged": False, "category": "SUPPORT", "mode": None,
                        "published": "2020-10-21", "extractor": "cg-rules-0.8",
                        "rule": "role_nouns:supporter"}],
        }),
        **problem_examples(503),
        404: {"description": "No such article"},
    },
)
def get_article(article_id: ArticleId, store: StoreDep) -> ArticleDetail:
    article = store.get_article(article_id)
    if article is None:
        raise ApiProblem(404, "No article has the id in the path.", slug="article-not-found")
    stored_claims = store.article_claims(article_id)
    lookup = EvidenceLookup(store)
    lookup.prefetch((), {i for c in stored_claims for i in (c.subject_id, c.object_id)})
    claims = [
        ClaimOut(
            id=c.id, type=c.type, polarity=c.polarity or c.type.polarity,
            subject=lookup.actor(c.subject_id), object=lookup.actor(c.object_id),
            sentence=c.sentence, start=c.start, end=c.end, subject_text=c.subject_text,
            object_text=c.object_text, confidence=c.confidence, hedged=c.hedged, ended=c.ended,
            disputed=c.disputed, attributed_to=c.attributed_to,
            category=c.category, mode=c.mode, published=c.published, event_date=c.event_date,
            extractor=c.extractor,
            rule=c.rule,
        )
        for c in stored_claims
    ]
    return ArticleDetail(id=article.id, url=article.url, title=article.title,
                         published=article.published, source=article.source, text=article.text,
                         content_hash=article.content_hash, claims=claims)


@router.delete(
    "/{article_id}", status_code=204, summary="Retract an article",
    responses={**problem_examples(401, 403, 409, 503), 404: {"description": "No such article"}},
)
def retract_article(article_id: ArticleId, _key: ApiKeyDep, _writer: WriterDep,
                    store: StoreDep) -> Response:
    """Remove the article and its claims; relations and actors only it supported go too."""
    if not store.retract(article_id):
        raise ApiProblem(404, "No article has the id in the path.", slug="article-not-found")
    return Response(status_code=204)
