"""The real articles the extraction and ingest benchmarks use.

First the collected corpus (``tests/data/corpus/articles.jsonl``, used only
once it holds the 200 articles the issue asks for), else the dev set, else
the seed samples; each article goes through the same cleaning as ingest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from conflictgraph.graph.model import Article
from conflictgraph.loaders.pipeline import record_to_article
from conflictgraph.loaders.records import ArticleRecord

__all__ = ["Corpus", "load_corpus", "repeat_to_volume"]

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus" / "articles.jsonl"
DEVSET = REPO / "tests" / "data" / "devset" / "articles.jsonl"
SAMPLES = REPO / "data" / "samples"
MIN_CORPUS_ARTICLES = 200


@dataclass(frozen=True)
class Corpus:
    name: str
    articles: tuple[Article, ...]

    @property
    def chars(self) -> int:
        return sum(len(a.text) for a in self.articles)


def _read_jsonl(path: Path) -> list[Article]:
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = ArticleRecord.model_validate(json.loads(line))
            articles.append(record_to_article(record))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: not a usable article: {exc}") from exc
    return articles


def load_corpus() -> Corpus:
    """The best real corpus present (see module docstring)."""
    if CORPUS.exists():
        articles = _read_jsonl(CORPUS)
        if len(articles) >= MIN_CORPUS_ARTICLES:
            return Corpus(str(CORPUS.relative_to(REPO)), tuple(articles))
    if DEVSET.exists():
        return Corpus(str(DEVSET.relative_to(REPO)), tuple(_read_jsonl(DEVSET)))
    texts = sorted(SAMPLES.glob("*.txt"))
    if not texts:
        raise FileNotFoundError("no corpus: none of tests/data/corpus, tests/data/devset, "
                                "data/samples holds articles")
    articles = [record_to_article(ArticleRecord(text=p.read_text(encoding="utf-8"),
                                                url=f"file:{p.name}"))
                for p in texts]
    return Corpus(str(SAMPLES.relative_to(REPO)), tuple(articles))


def repeat_to_volume(articles: tuple[Article, ...], min_chars: int,
                     max_articles: int | None = None) -> list[Article]:
    """The articles in order, cycled until they hold ``min_chars`` characters.

    ``max_articles`` caps the count first (the smoke test's tiny runs).
    """
    base = list(articles[:max_articles] if max_articles else articles)
    if not base:
        raise ValueError("no articles to repeat")
    out: list[Article] = []
    total = 0
    while total < min_chars or not out:
        for article in base:
            out.append(article)
            total += len(article.text)
            if total >= min_chars:
                break
    return out
