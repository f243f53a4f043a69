"""Cutting a long text into parser-sized pieces whose concatenation is the text.

Why: spaCy parses one text at a time with temporary memory that grows with
its length, and refuses texts past ``nlp.max_length`` (a million characters)
outright. A long article is parsed piece by piece and the pieces' Docs are
joined back (``Doc.from_docs``) into one Doc over the whole text, so every
character offset, sentence and claim refers to the original text.

Pieces end at a paragraph break (a blank line) where there is one, else at
the end of a sentence, else at a line break, else at a space; only a run of
``size`` characters without any whitespace is cut mid-word.
"""

from __future__ import annotations

import re

__all__ = ["CHUNK_CHARS", "chunk_spans"]

# Large enough that news articles are parsed whole, small enough that the parser's
# temporary memory stays at a few hundred MB whatever the article's length.
CHUNK_CHARS = 100_000

# Where a piece may end, best first; a piece ends at the end of the last match.
_CUTS = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),  # a blank line: a paragraph break
    re.compile(r"[.!?][\"'”’»)\]]*\s+"),  # the end of a sentence
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"\s+"),  # a space between words
)


def _cut(text: str, start: int, size: int) -> int:
    """Where the piece that starts at ``start`` ends: at most ``start + size``."""
    limit = start + size
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(text, start, limit):
            last = match
        # A match that runs to the window's edge may go on past it: end the piece at the
        # edge, the rest of the whitespace starts the next piece (no offset moves).
        if last is not None and last.end() > start:
            return min(last.end(), limit)
    return limit


def chunk_spans(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` spans that cover ``text`` exactly, each at most ``size``
    characters; one span when the text is that short."""
    if size < 1:
        raise ValueError("size must be at least 1")
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, size)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans
