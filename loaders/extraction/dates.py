"""The date a sentence gives for its event: "on Tuesday", "on March 3", "in 2019".

Read off spaCy's DATE entities in the claim's sentence and resolved against the article's
publication date: a weekday is the most recent such day on or before publication; a day
and month without a year is the latest such date on or before publication; a month with
its year is the month's first day, a bare year its first day. Conservative on purpose:
spans ("since 2019", "from March to May"), relative phrases ("last week", "two years
ago"), future days and sentences that name two different dates give no date, and the
claim then dates from its article.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Span, Token

__all__ = ["resolve_date", "sentence_date"]

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
# Words around a date that leave its day unchanged: "early on Tuesday", "Tuesday night".
_BEFORE = r"(?:(?:on|in|early|late|earlier|later|this|past|the|of)\s+)*"
_AFTER = r"(?:\s+(?:morning|afternoon|evening|night))?"
_FORMS = [re.compile(rf"^{_BEFORE}{body}{_AFTER}$", re.IGNORECASE) for body in (
    rf"{_WEEKDAY}(?:,?\s+{_MONTH}\s+{_DAY})?(?:,?\s+{_YEAR})?",
    rf"{_WEEKDAY},?\s+{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?",
    rf"{_MONTH}\s+{_DAY},?(?:\s+{_YEAR})?",
    rf"{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?",
    rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}",
    _YEAR,
    r"(?P<relative>yesterday|today)",
    r"(?P<iso>\d{4}-\d{2}-\d{2})",
)]
_LAST = re.compile(r"^last\s+" + _WEEKDAY + _AFTER + r"$", re.IGNORECASE)
# Words before a date that make it one end of a span or a deadline, not the event's day.
_SPAN_WORDS = frozenset({"since", "until", "till", "before", "after", "by", "from", "through",
                         "to", "between", "and", "throughout", "ago", "next", "within", "during"})


def resolve_date(expression: str, published: date | None) -> date | None:
    """The day one date expression names, against the publication date; None if unsure."""
    text = " ".join(expression.split()).strip(" ,.")
    last = _LAST.match(text)
    if last is not None:
        if published is None:
            return None
        back = (published.weekday() - _WEEKDAYS[last["weekday"].lower()]) % 7 or 7
        return published - timedelta(days=back)
    for form in _FORMS:
        found = form.match(text)
        if found is not None:
            return _day(found.groupdict(), published)
    return None


def _day(parts: dict[str, str | None], published: date | None) -> date | None:
    if parts.get("iso"):
        try:
            return _not_after(date.fromisoformat(str(parts["iso"])), published)
        except ValueError:
            return None
    if parts.get("relative"):
        if published is None:
            return None
        return published - timedelta(days=1) if str(parts["relative"]).lower() == "yesterday" else published
    year = int(str(parts["year"])) if parts.get("year") else None
    month = _MONTHS[str(parts["month"]).lower()] if parts.get("month") else None
    day = int(str(parts["day"])) if parts.get("day") else None
    weekday = parts.get("weekday")
    if month is None and day is None and weekday is not None:
        if published is None or year is not None:
            return None
        back = (published.weekday() - _WEEKDAYS[weekday.lower()]) % 7
        return published - timedelta(days=back)
    if month is None:  # a bare year
        return _not_after(date(year, 1, 1), published) if year is not None else None
    if day is None:  # a month and its year
        return _not_after(date(year, month, 1), published) if year is not None else None
    if year is None:
        if published is None:
            return None
        year = published.year
        candidate = _valid(year, month, day)
        if candidate is not None and candidate > published:
            candidate = _valid(year - 1, month, day)
        return candidate
    return _not_after(_valid(year, month, day), published)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _not_after(day: date | None, published: date | None) -> date | None:
    """A report tells what happened: a date after publication is a plan, not the event."""
    if day is None or (published is not None and day > published):
        return None
    return day


# Verbs of reporting: a date hanging on one is when something was said.
_REPORTING = frozenset({"say", "said", "says", "saying", "tell", "told", "announce", "announced",
                        "report", "reported", "add", "added", "state", "stated", "confirm",
                        "confirmed"})


def _reporting(token: Token) -> bool:
    """Whether the first verb above the date's head is one of reporting."""
    node = token.head
    for _ in range(4):
        if node.tag_.startswith("VB"):
            return node.lower_ in _REPORTING
        if node.head is node:
            break
        node = node.head
    return False


def sentence_date(sentence: Span, published: date | None) -> date | None:
    """The one date the sentence's DATE entities give, or None (none, or several)."""
    days: set[date] = set()
    for ent in sentence.ents:
        if ent.label_ != "DATE":
            continue
        before = sentence.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        after = sentence.doc[ent.end].lower_ if ent.end < len(sentence.doc) else ""
        if before in _SPAN_WORDS or after in ("ago", "to", "and", "-", "–", "until"):
            continue
        if any(t.lower_ in _SPAN_WORDS or t.text in ("-", "–") for t in ent):
            continue
        if _reporting(ent.root):
            continue  # "..., officials said on Tuesday": the day of the report, not the event
        day = resolve_date(ent.text, published)
        if day is not None:
            days.add(day)
    return days.pop() if len(days) == 1 else None
