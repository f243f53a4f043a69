"""ArticleRecord: the one input shape every source produces (and the API accepts)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

__all__ = ["HTML_PER_TEXT", "MAX_HTML_CHARS", "MAX_TEXT_CHARS", "ArticleRecord", "ArticleTooLong",
           "too_long"]

# The one limit on an article's length, in characters, wherever articles come in (API,
# files, URLs, CLI). Longer texts are refused rather than truncated: a half-article would
# give half a graph. Extraction parses texts this long in pieces (extraction/chunks.py).
MAX_TEXT_CHARS = 2_000_000
# A page's HTML may be this many times longer than the text an article may have: markup
# around the text. Longer HTML is refused before it is parsed.
HTML_PER_TEXT = 5
MAX_HTML_CHARS = HTML_PER_TEXT * MAX_TEXT_CHARS


def too_long(what: str, chars: int, limit: int = MAX_TEXT_CHARS) -> str:
    """The refusal of an over-long input, naming its size and the limit."""
    return (f"{what} has {chars:,} characters, more than the {limit:,} an article may have; "
            "split it into several articles")


class ArticleTooLong(ValueError):
    """An article's text (or the text a page holds) is longer than ``MAX_TEXT_CHARS``."""

    def __init__(self, chars: int, what: str = "the text") -> None:
        super().__init__(too_long(what, chars))
        self.chars = chars


def _refuse_over(value: object, limit: int, what: str) -> object:
    """Refuse an over-long string before it is copied and stripped, with its size."""
    if isinstance(value, str) and len(value) > limit and len(value.strip()) > limit:
        raise PydanticCustomError(
            "string_too_long", "{message}", {"message": too_long(what, len(value.strip()), limit),
                                            "max_length": limit},
        )
    return value


class ArticleRecord(BaseModel):
    """``{text | html, url, title, published, source}`` as found in JSON, JSONL and the API."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    html: str | None = Field(default=None, max_length=MAX_HTML_CHARS)
    url: str | None = Field(default=None, max_length=4096)
    title: str | None = Field(default=None, max_length=2000)
    published: date | None = None
    source: str | None = Field(default=None, max_length=500)

    @field_validator("text", mode="before")
    @classmethod
    def _text_length(cls, value: object) -> object:
        return _refuse_over(value, MAX_TEXT_CHARS, "the text")

    @field_validator("html", mode="before")
    @classmethod
    def _html_length(cls, value: object) -> object:
        return _refuse_over(value, MAX_HTML_CHARS, "the HTML")

    @field_validator("published", mode="before")
    @classmethod
    def _parse_date(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
            except ValueError:
                return value[:10]
        if isinstance(value, datetime):
            return value.date()
        return value

    @model_validator(mode="after")
    def _needs_content(self) -> ArticleRecord:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("a record needs a non-empty 'text' or 'html'")
        return self
