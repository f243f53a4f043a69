"""The extractor contract: articles in, article graphs (actors + claims) out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from ...graph.model import Article, ArticleGraph

__all__ = ["Extractor"]


class Extractor(Protocol):
    """Anything that turns cleaned articles into actors and traceable claims.

    ``extract_many`` exists so implementations can batch (``nlp.pipe``); it
    yields one graph per input article, in order.
    """

    version: str

    def extract(self, article: Article) -> ArticleGraph: ...

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleGraph]: ...
