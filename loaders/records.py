"""ArticleRecord: the one input shape every source produces (and the API accepts)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = ["MAX_TEXT_CHARS", "ArticleRecord"]

# Longer texts are refused rather than truncated: a half-article would give half a graph.
MAX_TEXT_CHARS = 2_000_000


class ArticleRecord(BaseModel):
    """``{text | html, url, title, published, source}`` as found in JSON, JSONL and the API."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    html: str | None = Field(default=None, max_length=5 * MAX_TEXT_CHARS)
    url: str | None = Field(default=None, max_length=4096)
    title: str | None = Field(default=None, max_length=2000)
    published: date | None = None
    source: str | None = Field(default=None, max_length=500)

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
