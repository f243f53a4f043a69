"""Which parts of an article text are body prose, and which are page furniture.

Scraped articles keep headers and footers: site slogans, section names, the
title, "By <Name> <Date>" bylines, "Join the mailing list", related-story
teasers ("... - by <Name>"). None of them states a relation, and the names in
them are not actors of the story, so extraction reads body paragraphs only.
A paragraph is a block of lines between blank lines.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["BodyMap", "is_boilerplate", "quoted_spans"]

_BLOCK_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n")
_FINAL_PUNCT = re.compile(r"[.!?:;][\"'”’»)\]]*$|[\"”’»]$")
_BYLINE = re.compile(
    r"^(?:by|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})*"
    r"(?:[\s,|–—-]+.*\d{4}.*)?$",
)
_TRAILING_BYLINE = re.compile(r"\s[-–—|]\s*by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*$")
_CALL_TO_ACTION = re.compile(
    r"\b(?:join now|join the mailing list|mailing list|sign up|subscribe|newsletter|"
    r"click here|read more|follow us|share this|advertisement|all rights reserved|"
    r"copyright|cookie|log in|download the app|related (?:stories|articles))\b|©",
    re.IGNORECASE,
)
_CURLY_QUOTE = re.compile(r"“[^”\n]*(?:”|$)", re.MULTILINE)
_STRAIGHT_QUOTE = re.compile(r'(?<![\w])"[^"\n]*(?:"|$)', re.MULTILINE)
_SIGNATURE = re.compile(
    r"^(?:President|Prime Minister|King|Queen|Amir|Emir|Sultan|Chancellor|Premier|"
    r"Secretary[- ]General|Chairman|Chairperson|Chair)\s+of\s+(?:the\s+)?[A-Z]"
)
# A wire story's place line before its first sentence: "DOHA, July 19 -", "PORT SUDAN, Sept 3 —",
# "KYIV, Ukraine (AP) —", "NIAMEY (Reuters) -". The place is where the story was filed, not an actor.
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]*){0,3}"
    r"(?:,\s+[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*){0,2})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s+\([A-Za-z .'’-]{1,40}\))?"
    r"\s*[-–—]{1,2}\s+(?=\S)"
)
_SALUTATION = re.compile(r"^(?:Dear|Sincerely|Respectfully|Yours)\b")
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "vs",
        "via",
        "about",
        "over",
    ]
)


def is_boilerplate(block: str) -> bool:
    """True for a paragraph that is not a sentence of the article body."""
    text = " ".join(block.split())
    if not text:
        return True
    words = _WORD.findall(text)
    if _SALUTATION.match(text):
        return True
    if _SIGNATURE.match(text) and len(words) <= 16:
        return False  # "President of the Arab Republic of Egypt Abdel Fattah el-Sisi"
    if _BYLINE.match(text) and len(words) <= 12:
        return True
    if _TRAILING_BYLINE.search(text):
        return True
    if _CALL_TO_ACTION.search(text) and len(words) < 30:
        return True
    if _FINAL_PUNCT.search(text):
        return False
    # No sentence-final punctuation: a title, a section name or a slogan,
    # unless it reads like a long sentence that merely lost its full stop.
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper())
    title_case = bool(content) and capitalised / len(content) >= 0.6
    return title_case or len(words) < 12


def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges inside quotation marks (curly pairs, or straight quotes paired
    within a paragraph): words there belong to the quoted speaker."""
    spans: list[tuple[int, int]] = []
    for match in _CURLY_QUOTE.finditer(text):
        spans.append((match.start(), match.end()))
    for match in _STRAIGHT_QUOTE.finditer(text):
        spans.append((match.start(), match.end()))
    return tuple(sorted(spans))


@dataclass(frozen=True)
class BodyMap:
    """Character ranges of body paragraphs; everything else is furniture."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    quotes: tuple[tuple[int, int], ...] = ()
    datelines: tuple[tuple[int, int], ...] = ()  # place lines inside body paragraphs

    @classmethod
    def of(cls, text: str) -> BodyMap:
        starts: list[int] = []
        ends: list[int] = []
        datelines: list[tuple[int, int]] = []
        position = 0
        for match in [*_BLOCK_SPLIT.finditer(text), None]:
            end = match.start() if match else len(text)
            block = text[position:end]
            if block.strip() and not is_boilerplate(block):
                lead = len(block) - len(block.lstrip())
                starts.append(position + lead)
                ends.append(position + len(block.rstrip()))
                place = _DATELINE.match(block[lead:])
                if place is not None:
                    datelines.append((position + lead, position + lead + place.end()))
            position = match.end() if match else len(text)
        return cls(tuple(starts), tuple(ends), quoted_spans(text), tuple(datelines))

    def without_datelines(self, text: str) -> str:
        """``text`` (the one mapped) with each dateline blanked to spaces, for the parser:
        "DOHA, July 19 -" parsed with the first sentence makes the city its subject.
        Offsets are unchanged."""
        parts, position = [], 0
        for start, end in self.datelines:
            parts += [text[position:start], " " * (end - start)]
            position = end
        return "".join([*parts, text[position:]])

    def paragraph(self, char: int) -> tuple[int, int] | None:
        """The body paragraph holding a character offset, or None for furniture."""
        index = bisect.bisect_right(self.starts, char) - 1
        if index >= 0 and char < self.ends[index]:
            return self.starts[index], self.ends[index]
        return None

    def past_dateline(self, char: int) -> int:
        """``char``, or the end of the dateline it falls in: where the body's sentence starts."""
        return next((end for start, end in self.datelines if start <= char < end), char)

    def __contains__(self, char: object) -> bool:
        """Whether a character is body text: in a body paragraph, and not its dateline."""
        if not isinstance(char, int) or self.paragraph(char) is None:
            return False
        return not any(start <= char < end for start, end in self.datelines)
