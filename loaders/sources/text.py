"""Plain-text files (.txt, .md): one article per file, title from the headline line.

An optional front-matter block (``---`` / ``key: value`` lines / ``---``) at
the top may give ``title``, ``url``, ``published`` (or ``date``) and
``source``. A file without a ``url`` is identified by its text, so editing it
makes a new article; give it a url to have an edited file replace the old one.
"""

from __future__ import annotations

import re

from ..cleaning import clean_text
from ..records import MAX_TEXT_CHARS, too_long
from .base import Item, Skipped, make_record

__all__ = ["parse_front_matter", "text_record"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:[^\n]*\n){0,40}?)---[ \t]*\n", re.M)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
_KEYS = {"title": "title", "url": "url", "published": "published", "date": "published",
         "source": "source"}


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(fields, rest of the text); fields is empty when there is no front matter."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group("body").splitlines():
        field = _FIELD.match(line)
        key = _KEYS.get(field.group("key").lower()) if field else None
        if field and key and key not in fields:
            fields[key] = field.group("value").strip("\"'")
    return fields, text[match.end():]


def text_record(text: str, origin: str, **defaults: object) -> Item:
    """A record from raw text: front matter first, then the headline heuristic for a title."""
    if len(text) > MAX_TEXT_CHARS and len(text.strip()) > MAX_TEXT_CHARS:
        return Skipped(name=origin, reason=too_long("the text", len(text.strip())))
    fields, body = parse_front_matter(text.replace("\r\n", "\n"))
    record: dict[str, object] = {k: v for k, v in defaults.items() if v is not None}
    record.update({k: v for k, v in fields.items() if v})
    record["text"] = body
    if not record.get("title"):
        record["title"] = clean_text(body).title
    return make_record(origin, record)
