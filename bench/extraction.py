"""extraction_vs_spacy: the whole extraction pipeline against bare spaCy parsing.

The baseline is what no extractor can avoid: ``nlp.pipe`` over the same
texts with the extractor's own model object (same pipes, same batch size).
The value is ``extract_many`` over the same articles: parse, gazetteer and
NER actors, relation rules and graph building. The difference is our code.

extraction_selective_vs_parse_all: the same extractor made with
``parse_all=False`` (tagging and parsing only the sentences with two actor
candidates, ``CONFLICTGRAPH_PARSE_ALL=0``) against the pipeline as it runs by
default (every sentence parsed), timed in the same rounds; it also reports the
share of sentences the selective parse skips.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from conflictgraph.graph.model import Article

from .context import Context
from .corpus import MIN_CORPUS_ARTICLES, load_corpus, repeat_to_volume
from .results import Result, Target, compare

__all__ = ["run", "spacy_model_of"]

WARMUP_ARTICLES = 3


def spacy_model_of(extractor: Any) -> Any:
    """The spaCy Language the extractor parses with (its ``nlp``, else the shared model)."""
    nlp = getattr(extractor, "nlp", None)
    if nlp is not None:
        return nlp
    from conflictgraph.loaders.extraction.nlp import load_model

    return load_model()


def _timed(work: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    produced = work()
    return time.perf_counter() - start, produced


def _skipped(extractor: Any, articles: list[Article]) -> tuple[int, int]:
    """(sentences, sentences left unparsed) over the articles, as the extractor parses them."""
    from conflictgraph.loaders.extraction.selective import parsed

    sentences = skipped = 0
    for article in articles:
        doc, _ = extractor.parse(article)
        for sent in doc.sents:
            sentences += 1
            skipped += not parsed(sent)
    return sentences, skipped


def run(ctx: Context) -> list[Result]:
    from conflictgraph.loaders.extraction import get_extractor
    from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor

    sizes = ctx.sizes
    corpus = load_corpus(allow_download=sizes.mode != "tiny")
    articles = repeat_to_volume(corpus.articles, sizes.extraction_min_chars,
                                sizes.extraction_max_articles)
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    ctx.progress("loading the extractor and its spaCy model")
    extractor = get_extractor()
    nlp = spacy_model_of(extractor)
    batch_size = getattr(extractor, "batch_size", None) or nlp.batch_size
    selective = SpacyExtractor(nlp, extractor.gazetteer, batch_size=batch_size, parse_all=False)

    def pipeline(items: list[Article]) -> int:
        return sum(len(g.claims) for g in extractor.extract_many(items))

    def pipeline_selective(items: list[Article]) -> int:
        return sum(len(g.claims) for g in selective.extract_many(items))

    def bare(items: list[str]) -> int:
        return sum(len(doc) for doc in nlp.pipe(items, batch_size=batch_size))

    # Warm both paths (lazy loads, first-call caches) before timing either.
    pipeline(articles[:WARMUP_ARTICLES])
    pipeline_selective(articles[:WARMUP_ARTICLES])
    bare(texts[:WARMUP_ARTICLES])
    rounds = {"full": 3, "quick": 2}.get(sizes.mode, 1)
    spacy_times: list[float] = []
    pipeline_times: list[float] = []
    selective_times: list[float] = []
    claims = claims_selective = tokens = 0
    for round_no in range(1, rounds + 1):
        # Alternate which side goes first (ABC, CBA, …), so a load change hits all alike.
        sides = ["spacy", "pipeline", "selective"]
        for side in sides if round_no % 2 else reversed(sides):
            if side == "spacy":
                ctx.progress(f"round {round_no}/{rounds}: bare nlp.pipe of {len(texts)} texts")
                seconds, tokens = _timed(lambda: bare(texts))
                spacy_times.append(seconds)
            elif side == "pipeline":
                ctx.progress(f"round {round_no}/{rounds}: extract_many of {len(articles)} "
                             "articles")
                seconds, claims = _timed(lambda: pipeline(articles))
                pipeline_times.append(seconds)
            else:
                ctx.progress(f"round {round_no}/{rounds}: extract_many, the selective parse")
                seconds, claims_selective = _timed(lambda: pipeline_selective(articles))
                selective_times.append(seconds)
    sentences, skipped = _skipped(selective, list(corpus.articles))
    # The fastest round of each side: the one least disturbed by other load.
    ours, base, chosen = min(pipeline_times), min(spacy_times), min(selective_times)
    config = (f"{corpus.name}: {len(corpus.articles)} articles repeated to {len(articles)} "
              f"({chars:,} chars, {tokens:,} tokens), pipes {'+'.join(nlp.pipe_names)}, "
              f"best of {rounds}")
    note = "ratio = extract_many time ÷ bare nlp.pipe time (lower is better)"
    if sizes.mode == "full" and len(corpus.articles) < MIN_CORPUS_ARTICLES:
        note += (f"; full mode asks for ≥ {MIN_CORPUS_ARTICLES} real articles and only "
                 f"{len(corpus.articles)} were found")
    return [compare(
        "extraction_vs_spacy", ours, base, "s", target=Target(1.25, "lower"), config=config,
        note=note,
        extra={"articles": len(articles), "chars": chars, "tokens": tokens, "claims": claims,
               "pipeline_s": [round(t, 3) for t in pipeline_times],
               "spacy_s": [round(t, 3) for t in spacy_times],
               "chars_per_s": round(chars / ours)},
    ), compare(
        "extraction_selective_vs_parse_all", chosen, ours, "s", target=Target(1.0, "lower"),
        config=config,
        note=("ratio = extract_many time with the selective parse (CONFLICTGRAPH_PARSE_ALL=0) ÷ "
              "the default, every sentence parsed; the claims must be equal"),
        extra={"claims": claims_selective, "claims_parse_all": claims,
               "selective_s": [round(t, 3) for t in selective_times],
               "parse_all_s": [round(t, 3) for t in pipeline_times],
               "sentences": sentences, "sentences_skipped": skipped,
               "skipped_fraction": round(skipped / sentences, 3) if sentences else 0.0},
    )]
