"""Plain-text cleaning: strip page chrome from the edges of an article, keep its body.

Pages copied or scraped as text carry site banners, section labels, a
headline, a byline, and at the bottom newsletter prompts and promotions.
None of that states who backs whom, and some of it (a book promotion "- by
Matthew Yglesias") would become bogus actors. Rules here work by *shape*,
never by exact strings:

* at the top, short lines that are not sentences are the header: the last
  such line before the byline (or the body) is the headline and becomes the
  title; the others are banners and section labels and go;
* a byline ("By Lisa Schlein October 21, 2020") gives author and date and goes;
* at the bottom, short non-sentences, calls to action and "Title - by Name"
  promotions go;
* inside the body only unmistakable chrome goes (a bare "Advertisement", a
  "Sign up for our newsletter" line without a full stop); sentences stay.

The cleaned text is what the Article stores and what claims' offsets refer
to. Cleaning is idempotent: cleaning cleaned text changes nothing.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from pydantic import BaseModel, Field

__all__ = ["CleanedText", "clean_text", "parse_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})"),
]
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?"
_DATE_ANY = (
    r"(?i:" + _WEEKDAY + r"(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?:at\s+)?" + _TIME + r")?)"
)
_DATELINE = re.compile(
    r"^(?:(?:published|updated|posted|last\s+updated|date)\s*(?:on)?\s*:?\s*)?"
    r"(?:" + _DATE_ANY + r"|" + _TIME + r")\.?$",
    re.I,
)
# Names are matched case-sensitively: capitalised tokens (or name particles), never a month.
_NAME_TOKEN = (
    r"(?!(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+\d)"
    r"(?:[A-Z][\w'’.\-]*|(?:de|da|di|du|del|der|van|von|la|le|al|el|bin|ibn)\b)"
)
_NAMES = _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r"){0,5}"
_BYLINE = re.compile(
    r"^(?i:by)\s+(?P<author>" + _NAMES + r"(?:\s*(?:,|&|\band\b)\s*" + _NAMES + r"){0,3})"
    r"(?:\s*[,|·•\-–—]?\s*(?P<date>" + _DATE_ANY + r"))?"
    r"(?:\s*[,|·•\-–—]\s*[A-Z][\w .&'’-]{0,60})?\.?$"
)
_PROMO = re.compile(r"^.{3,200}?\s[-–—]\s*(?i:by)\s+" + _NAMES + r"$")
# Calls to action and site furniture. A line that is not a sentence is chrome if one of
# these appears anywhere in it; a full sentence only if it *starts* with one.
_SOCIAL = r"(?:print|e-?mail|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|copy\s+link)"
_CTA = re.compile(
    r"\bjoin\s+(?:now|us|today|our\b|the\s+(?:mailing\s+list|newsletter|conversation|community))"
    r"|\bsubscribe\b|\bsign\s+(?:up|in)\b|\blog\s*in\b|\bregister\s+(?:now|here|today)\b"
    r"|\bnewsletters?\b|\bmailing\s+list\b|\bfollow\s+(?:us|@)"
    r"|\bshare\s+(?:this|on|via|the\s+(?:story|article))\b|^share$"
    r"|\b(?:click|tap)\s+here\b|\bread\s+(?:more|next|also)\b|\bsee\s+also\b"
    r"|\bdownload\s+(?:our|the)\s+app\b|\bsupport\s+(?:us|our\s+journalism)\b|\bdonate\b"
    r"|^advertisement$|^(?:sponsored|promoted)(?:\s+(?:content|post|by\b.*))?$"
    r"|^related(?:\s+(?:articles?|stories|coverage|content|topics|news))?:?$"
    r"|\ball\s+rights\s+reserved\b|^©|^copyright\b"
    r"|\bcookies?\s+(?:policy|settings|consent)\b|\baccept\s+(?:all\s+)?cookies\b"
    r"|^" + _SOCIAL + r"(?:\s*[|/·•,]?\s*" + _SOCIAL + r")*$",
    re.I,
)
_INNER_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+[\"'“‘(]?[A-Z]")
_END_MARK = re.compile(r"^(?:\\?#{3,}|\*{3,}|-+\s*30\s*-+|end(?:\s+of)?\s+(?:text|statement|release))\.?$",
                       re.I)
# A line ending in a colon introduces what follows ("The below is attributable to X:").
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")

MAX_HEADER_WORDS = 40
MAX_FOOTER_WORDS = 20
MAX_CTA_WORDS = 15
MAX_WRAP_WIDTH = 120


class CleanedText(BaseModel):
    """The body text and what was learnt from the chrome around it."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    removed: list[str] = Field(default_factory=list, description="Lines dropped, for review")


def parse_date(text: str) -> date | None:
    """The first plausible date in ``text`` ("October 21, 2020", "21 Oct 2020", ISO)."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
            try:
                return date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                continue
    return None


def _units(text: str) -> list[str]:
    """Paragraphs: blank-line blocks, hard-wrapped lines joined, whitespace normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    units: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        width = max(len(line) for line in lines)
        wrapped = 40 <= width <= MAX_WRAP_WIDTH
        current = lines[0]
        for previous, line in pairwise(lines):
            if wrapped and (len(previous) >= 0.75 * width or line[:1].islower()):
                current += " " + line
            else:
                units.append(current)
                current = line
        units.append(current)
    return units


def _words(unit: str) -> int:
    return len(unit.split())


def _sentence_like(unit: str) -> bool:
    return bool(_SENTENCE_END.search(unit)) and not _END_MARK.match(unit)


def _is_cta(unit: str) -> bool:
    if _words(unit) > MAX_CTA_WORDS:
        return False
    if not _sentence_like(unit):
        return bool(_CTA.search(unit))
    # "Sign up for our newsletter." is chrome; "Russia did not subscribe to the plan." is news.
    return bool(_CTA.match(unit)) and not _INNER_SENTENCE_BREAK.search(unit)


def _is_chrome(unit: str) -> bool:
    """Never part of a body wherever it stands: promotions, end marks, datelines."""
    return bool(_PROMO.match(unit) or _END_MARK.match(unit) or _DATELINE.match(unit))


def _is_footer(unit: str) -> bool:
    if _is_cta(unit) or _is_chrome(unit):
        return True
    return not _sentence_like(unit) and _words(unit) <= MAX_FOOTER_WORDS


def _is_header(unit: str) -> bool:
    if _is_cta(unit) or _is_chrome(unit) or _BYLINE.match(unit):
        return True
    return not _sentence_like(unit) and _words(unit) <= MAX_HEADER_WORDS


def _is_inner_junk(unit: str) -> bool:
    return (_is_cta(unit) and not _sentence_like(unit)) or bool(
        _PROMO.match(unit) or _END_MARK.match(unit)
    )


def clean_text(text: str) -> CleanedText:
    """Split an article's text into body and metadata; see the module docstring for the rules."""
    units = [_HEADING_MARK.sub("", u) for u in _units(text)]
    start = 0
    while start < len(units) and _is_header(units[start]):
        start += 1
    end = len(units)
    while end > start and _is_footer(units[end - 1]):
        end -= 1

    if start == end:
        # Nothing looks like a body (a one-line note, a bare headline): keep all but
        # the obvious chrome rather than return an empty article.
        kept = [u for u in units if not (_is_cta(u) or _is_chrome(u))]
        removed = [u for u in units if u not in kept]
        return CleanedText(text="\n\n".join(kept), removed=removed)

    result = CleanedText(text="")
    candidates: list[str] = []
    byline_at: int | None = None
    for unit in units[:start]:
        byline = _BYLINE.match(unit)
        if byline and byline_at is None and not _is_cta(unit):
            byline_at = len(candidates)
            result.author = " ".join(byline.group("author").split())
            if byline.group("date"):
                result.published = parse_date(byline.group("date"))
        elif _DATELINE.match(unit):
            result.published = result.published or parse_date(unit)
        elif not (_is_cta(unit) or _is_chrome(unit)):
            candidates.append(unit)
        result.removed.append(unit)
    preferred = candidates[:byline_at] if byline_at else candidates
    titled = [c for c in preferred if _words(c) >= 3] or preferred
    if titled:
        result.title = titled[-1]

    body = [u for u in units[start:end] if not _is_inner_junk(u)]
    result.removed += [u for u in units[start:end] if _is_inner_junk(u)]
    result.removed += units[end:]
    result.text = "\n\n".join(body)
    return result
