"""The ingest pipeline: records → cleaned articles → extraction → store, in batches.

Why batches: spaCy is fastest on many texts at once (``extract_many``) and a
store write per batch keeps round trips few. Each article is still stored
all-or-nothing by the store, so a failure stops the run with an exact list
of what was not stored; re-running is safe because ingest is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pydantic import BaseModel, Field, ValidationError

from ..graph.model import Article, ArticleGraph
from ..graph.store import GraphStore, StoreError, StoreUnavailable, UpsertResult, UpsertStatus
from .cleaning import clean_text
from .extraction.base import Extractor
from .records import MAX_TEXT_CHARS, ArticleRecord, ArticleTooLong
from .sources.base import Skipped, describe_validation_error
from .sources.html import extract_html

__all__ = ["IngestSummary", "Ingestor", "record_name", "record_to_article", "records_to_articles"]

Progress = Callable[[int], None]


class IngestSummary(BaseModel):
    """What one ingest run did, for the CLI table and the API response."""

    articles: int = Field(default=0, description="Articles stored or found unchanged")
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    actors: int = Field(default=0, description="Distinct actors in the ingested articles")
    actor_ids: set[str] = Field(default_factory=set, exclude=True,
                                description="The distinct actors counted in ``actors``")
    claims: int = Field(default=0, description="Claims extracted from the ingested articles")
    skipped: list[Skipped] = Field(default_factory=list)
    results: list[UpsertResult] = Field(default_factory=list)
    not_stored: list[str] = Field(
        default_factory=list,
        description="Article ids of the batch the store failed on; later input was not read",
    )
    error: str | None = Field(default=None, description="Why the run stopped early, if it did")
    store_unavailable: bool = Field(
        default=False, description="The early stop was the store being unreachable (HTTP 503)"
    )

    @property
    def complete(self) -> bool:
        return self.error is None


def record_name(record: ArticleRecord, index: int) -> str:
    """How messages name a record: where it came from, else its URL, title or position."""
    origin = getattr(record, "origin", None)
    if origin:
        return str(origin)
    return record.url or record.title or f"record {index + 1}"


def record_to_article(record: ArticleRecord) -> Article:
    """Clean one record into the Article that gets stored; ValueError if no text is left.

    Explicit record fields win over what the page's metadata says, which wins
    over what cleaning guessed (headline, byline date).
    """
    text = record.text or ""
    title, published, url, source = record.title, record.published, record.url, record.source
    if not text.strip() and record.html:
        doc = extract_html(record.html, url=record.url)
        if doc is None:
            raise ValueError("no article text found in the HTML")
        text = doc.text
        title = title or doc.title
        published = published or doc.published
        url = url or doc.url
        source = source or doc.sitename
    cleaned = clean_text(text)
    if not cleaned.text.strip():
        raise ValueError("no text left after removing page chrome")
    if len(cleaned.text) > MAX_TEXT_CHARS:  # the parser is never given more than an article
        raise ArticleTooLong(len(cleaned.text))
    return Article.from_text(
        cleaned.text,
        url=url or None,
        title=title or cleaned.title,
        published=published or cleaned.published,
        source=source or None,
    )


Input = ArticleRecord | Article | Skipped


def _prepare(items: Iterable[Input]) -> Iterator[tuple[Article | Skipped, str]]:
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        if isinstance(item, Skipped):
            yield item, item.name
            continue
        if isinstance(item, Article):  # cleaned already (``records_to_articles``)
            article, name = item, item.url or item.title or f"record {index + 1}"
        else:
            name = record_name(item, index)
            try:
                article = record_to_article(item)
            except ValueError as exc:
                yield Skipped(name=name, reason=str(exc)), name
                continue
        if article.id in seen:
            basis = "URL" if article.url else "text"
            yield Skipped(name=name, reason=f"duplicate of {seen[article.id]} (same {basis})"), name
            continue
        seen[article.id] = name
        yield article, name


def records_to_articles(items: Iterable[Input]) -> Iterator[Article | Skipped]:
    """One Article (or Skipped) per input item, in input order.

    An article id seen before in the same run (same URL, or same text without
    a URL) is skipped: the first copy wins. This is the cheap half of ingest
    (HTML extraction, cleaning, length checks): callers that serialise
    extraction run it first, outside their lock, and ingest what it yields.
    """
    for article, _ in _prepare(items):
        yield article


def _one_line(exc: Exception) -> str:
    """An error as one line: the CLI prints one line per skipped input."""
    if isinstance(exc, ValidationError):
        return f"{exc.title}: {describe_validation_error(exc)}"
    return " ".join(f"{type(exc).__name__}: {exc}".split())


class Ingestor:
    """Turns records into stored article graphs; the CLI and POST /articles both use it."""

    def __init__(
        self, store: GraphStore, extractor: Extractor | None = None, batch_size: int = 32
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.store = store
        self._extractor = extractor
        self.batch_size = batch_size

    @property
    def extractor(self) -> Extractor:
        """Loaded on first use: spaCy takes seconds to start and many callers never extract."""
        if self._extractor is None:
            from .extraction import get_extractor

            self._extractor = get_extractor()
        return self._extractor

    def _extract(self, batch: list[tuple[Article, str]]) -> tuple[list[ArticleGraph], list[Skipped]]:
        """Extract a batch; if the batch call fails, go one by one so one bad text costs one."""
        articles = [article for article, _ in batch]
        try:
            graphs = list(self.extractor.extract_many(articles))
            if len(graphs) == len(articles):
                return graphs, []
        except Exception:
            pass
        graphs, skipped = [], []
        for article, name in batch:
            try:
                graphs.append(self.extractor.extract(article))
            except Exception as exc:
                skipped.append(Skipped(name=name, reason=f"extraction failed: {_one_line(exc)}"))
        return graphs, skipped

    def ingest(
        self,
        items: Iterable[Input],
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Ingest everything; ``progress(n)`` is told each time n more input items are done.

        Batches hold ``batch_size`` articles; skipped inputs are reported as they come.
        """
        summary = IngestSummary()

        def report(count: int) -> None:
            if progress is not None and count:
                progress(count)

        batch: list[tuple[Article, str]] = []
        for article, name in _prepare(items):
            if isinstance(article, Skipped):
                summary.skipped.append(article)
                report(1)
                continue
            batch.append((article, name))
            if len(batch) >= self.batch_size:
                stored = self._store_batch(batch, summary)
                report(len(batch))
                if not stored:
                    return summary
                batch = []
        if batch:
            self._store_batch(batch, summary)
            report(len(batch))
        return summary

    def _store_batch(self, batch: list[tuple[Article, str]], summary: IngestSummary) -> bool:
        """Extract and store one batch into ``summary``; False when the store failed."""
        graphs, failed = self._extract(batch)
        summary.skipped.extend(failed)
        if not graphs:
            return True
        try:
            results = self.store.upsert(graphs)
        except StoreError as exc:
            summary.error = f"the store failed, ingest stopped: {exc}"
            summary.store_unavailable = isinstance(exc, StoreUnavailable)
            summary.not_stored = [g.article.id for g in graphs]
            return False
        for graph, result in zip(graphs, results, strict=True):
            summary.results.append(result)
            summary.articles += 1
            summary.claims += len(graph.claims)
            summary.actor_ids.update(actor.id for actor in graph.actors)
            if result.status is UpsertStatus.CREATED:
                summary.created += 1
            elif result.status is UpsertStatus.UPDATED:
                summary.updated += 1
            else:
                summary.unchanged += 1
        summary.actors = len(summary.actor_ids)
        return True
