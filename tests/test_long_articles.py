"""Long articles: one length limit everywhere, refused early past it, extracted whole within it.

An article may have ``MAX_TEXT_CHARS`` characters wherever it comes in. Longer
texts and pages are refused with their size and the limit, before the
expensive steps (trafilatura, spaCy, the API's ingest lock); texts within the
limit are parsed in pieces, and every claim's offsets still point into the
article's own text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conflictgraph.api.app import create_app
from conflictgraph.cli import app as cli_app
from conflictgraph.config import Settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import Article
from conflictgraph.loaders.extraction.chunks import CHUNK_CHARS, chunk_spans
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor
from conflictgraph.loaders.pipeline import Ingestor
from conflictgraph.loaders.records import MAX_TEXT_CHARS

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "voa-libya-2020-10-21.txt"
# "... the two sides have reached agreements ..." and "... also have agreed to support the
# current calm ...": body paragraphs of a real article that yield claims.
BODY = SAMPLE.read_text().split("\n\n")[5:12]


def repeated_article(chars: int) -> str:
    """The sample's body paragraphs, numbered and repeated until the text has ``chars``."""
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = f"({len(paragraphs) + 1}) {BODY[len(paragraphs) % len(BODY)]}"
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


# -- cutting a text into pieces ------------------------------------------------------------
def assert_pieces(text: str, size: int) -> list[str]:
    spans = chunk_spans(text, size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))  # no gap, no overlap
    assert all(0 < end - start <= size for start, end in spans)
    return [text[start:end] for start, end in spans]


def test_a_short_text_is_one_piece() -> None:
    assert chunk_spans("Turkey backs the GNA.") == [(0, 21)]
    assert chunk_spans("") == [(0, 0)]


def test_pieces_end_at_paragraph_breaks() -> None:
    text = "First paragraph here.\n\nSecond one.\n  \nThird paragraph, longer than others."
    pieces = assert_pieces(text, 40)
    assert pieces == ["First paragraph here.\n\nSecond one.\n  \n",
                      "Third paragraph, longer than others."]


def test_a_long_paragraph_is_cut_at_sentences_then_lines_then_spaces() -> None:
    sentences = "One sentence ends here. Another ends there! A third? "
    assert assert_pieces(sentences * 3, 60)[0] == "One sentence ends here. Another ends there! A third? "
    lines = "a line without a stop\nanother line without one\nand more"
    assert assert_pieces(lines, 40)[0] == "a line without a stop\n"
    words = "words and more words and yet more words"
    assert assert_pieces(words, 12)[0] == "words and "
    assert assert_pieces("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]  # no space at all


# -- extraction in pieces ---------------------------------------------------------------------
def test_extraction_in_pieces_equals_extraction_whole(extractor: SpacyExtractor) -> None:
    text = repeated_article(40_000)
    article = Article.from_text(text, url="https://example.org/long")
    whole = extractor.extract(article)
    pieces = SpacyExtractor(load_model(), extractor.gazetteer, chunk_chars=3_000).extract(article)
    assert len(chunk_spans(text, 3_000)) > 10
    assert whole.claims, "the sample's paragraphs yield claims"
    assert pieces == whole


def test_a_text_longer_than_spacys_limit_is_ingested_with_exact_offsets(
    extractor: SpacyExtractor,
) -> None:
    nlp = extractor.nlp
    text = repeated_article(nlp.max_length + 50_000)  # spaCy alone refuses it (E088)
    assert nlp.max_length < len(text) <= MAX_TEXT_CHARS
    assert len(chunk_spans(text)) == len(text) // CHUNK_CHARS + 1
    store = MemoryStore()
    summary = Ingestor(store, extractor).ingest(
        [Article.from_text(text, url="https://example.org/very-long")])
    assert summary.skipped == [] and summary.created == 1, summary.skipped
    (listed,) = store.articles()
    article = store.get_article(listed.id)
    assert article is not None and len(article.text) == len(text)
    claims = store.article_claims(article.id)
    # Every numbered paragraph that yields claims does so wherever it is in the text.
    assert len(claims) >= len(text) // sum(len(p) for p in BODY)
    paragraphs = set(BODY)
    for claim in claims:
        sentence = article.text[claim.start:claim.end]
        assert sentence == claim.sentence
        _, _, paragraph = article.text[:claim.end].rsplit("\n\n", 1)[-1].partition(") ")
        assert paragraph in paragraphs or any(p.startswith(paragraph) for p in paragraphs)
    assert max(c.start for c in claims) > len(text) - CHUNK_CHARS  # the last piece too


# -- refusing what is longer than an article may be ------------------------------------------
def visible_page(chars: int) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in repeated_article(chars).split("\n\n"))
    return f"<html><head><title>Long</title></head><body><article>{body}</article></body></html>"


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = Settings(_env_file=None, api_key=None, cors_origins=[], max_body_bytes=10_000_000)
    with TestClient(create_app(settings, MemoryStore())) as test_client:
        yield test_client


def post_while_extraction_is_busy(client: TestClient, body: object) -> tuple[int, dict]:
    """POST while another request holds the ingest lock: a refusal must not wait for it."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    answer: list[tuple[int, dict]] = []

    def post() -> None:
        response = client.post("/articles", json=body)
        answer.append((response.status_code, response.json()))

    with runtime.ingest_lock:
        thread = threading.Thread(target=post, daemon=True)
        thread.start()
        thread.join(timeout=120)
        refused_while_locked = bool(answer)
    thread.join()
    assert refused_while_locked, "the request waited for the ingest lock"
    return answer[0]


def test_api_refuses_an_over_long_text_with_its_size(client: TestClient) -> None:
    status, problem = post_while_extraction_is_busy(client, {"text": "war " * 500_001})
    assert status == 422
    assert ("the text has 2,000,003 characters, more than the 2,000,000 an article may have"
            in problem["detail"])


def test_api_refuses_a_page_with_too_much_text_before_extracting_it(client: TestClient) -> None:
    page = visible_page(MAX_TEXT_CHARS + 100_000)
    status, problem = post_while_extraction_is_busy(
        client, {"html": page, "url": "https://example.org/huge-page"})
    assert status == 422, problem
    # "visible text": measured before trafilatura ran, not after.
    assert re.search(r"the page's visible text has 2,0\d\d,\d{3} characters", problem["detail"])
    assert "more than the 2,000,000 an article may have" in problem["detail"]


def test_cli_skips_over_long_files_naming_size_and_limit(
    settings_env: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "long.txt").write_text(repeated_article(MAX_TEXT_CHARS + 10))
    (inbox / "long.html").write_text(visible_page(MAX_TEXT_CHARS + 10_000))
    result = CliRunner().invoke(cli_app, ["ingest", str(inbox), "--store", "memory"])
    assert result.exit_code == 1, result.output
    lines = {line.split(": ", 1)[0].strip(): line.split(": ", 1)[1] for line in
             result.output.split("input(s):", 1)[1].splitlines() if line.startswith("  ")}
    assert lines[str(inbox / "long.txt")].startswith("the text has 2,000,")
    assert lines[str(inbox / "long.html")].startswith("the page's visible text has 2,0")
    for reason in lines.values():
        assert reason.endswith("more than the 2,000,000 an article may have; split it into "
                               "several articles")
