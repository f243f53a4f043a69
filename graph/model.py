"""The graph model: the contract between loaders, stores, queries and the API.

Everything that crosses a module boundary is one of these pydantic models.
Relations are never written by hand: they are the aggregate of the claims
that state them (see ``graph.aggregate``), so every edge stays traceable to
the sentences behind it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "Actor",
    "ActorKind",
    "Article",
    "ArticleGraph",
    "Claim",
    "Direction",
    "Polarity",
    "Relation",
    "RelationType",
    "article_id_for",
    "slugify",
]


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT = "government"
    ARMED_GROUP = "armed_group"
    PERSON = "person"
    IGO = "igo"
    PARTY = "party"
    OTHER = "other"


class Polarity(StrEnum):
    COOPERATIVE = "cooperative"
    HOSTILE = "hostile"
    NEUTRAL = "neutral"

    @property
    def sign(self) -> int:
        """+1, -1 or 0: the edge sign used by the signed-graph analytics."""
        return _SIGNS[self]  # a str enum hashes as its value; read in hot loops


_SIGNS = {"cooperative": 1, "hostile": -1, "neutral": 0}


class RelationType(StrEnum):
    SUPPORTS = "SUPPORTS"
    ALLIED_WITH = "ALLIED_WITH"
    OPPOSES = "OPPOSES"
    COOPERATES = "COOPERATES"
    MEDIATES = "MEDIATES"
    LEADS = "LEADS"
    MEMBER_OF = "MEMBER_OF"

    @property
    def polarity(self) -> Polarity:
        return _POLARITY[self]

    @property
    def symmetric(self) -> bool:
        """Symmetric types are stored once per unordered actor pair."""
        return self in _SYMMETRIC


_POLARITY = {
    RelationType.SUPPORTS: Polarity.COOPERATIVE,
    RelationType.ALLIED_WITH: Polarity.COOPERATIVE,
    RelationType.COOPERATES: Polarity.COOPERATIVE,
    RelationType.OPPOSES: Polarity.HOSTILE,
    RelationType.MEDIATES: Polarity.NEUTRAL,
    RelationType.LEADS: Polarity.COOPERATIVE,
    RelationType.MEMBER_OF: Polarity.COOPERATIVE,
}
_SYMMETRIC = frozenset({RelationType.ALLIED_WITH, RelationType.OPPOSES, RelationType.COOPERATES})


class Direction(StrEnum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII slug used for actor ids: stable across runs and machines."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_STRIP.sub("-", ascii_text.lower()).strip("-")
    if slug:
        return slug[:120]
    # Names in non-Latin scripts still need a stable id.
    return "x-" + hashlib.sha1(text.encode()).hexdigest()[:16]


def _normalise_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id_for(url: str | None, text: str) -> str:
    """Stable article id: from the URL when there is one, else from the normalised text."""
    basis = ("url:" + url.strip()) if url and url.strip() else ("text:" + _normalise_text(text))
    return "a-" + hashlib.sha256(basis.encode()).hexdigest()[:24]


def content_hash(text: str) -> str:
    """Hash of the normalised text: tells an unchanged re-ingest from an edited article."""
    return hashlib.sha256(_normalise_text(text).encode()).hexdigest()[:32]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Actor(_Model):
    id: str = Field(min_length=1, max_length=200, examples=["libyan-national-army"])
    name: str = Field(min_length=1, max_length=300, examples=["Libyan National Army"])
    kind: ActorKind = ActorKind.OTHER
    aliases: list[str] = Field(default_factory=list, examples=[["LNA", "Haftar's forces"]])
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 where it applies")

    @field_validator("aliases")
    @classmethod
    def _dedupe_aliases(cls, aliases: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for alias in aliases:
            alias = alias.strip()
            if alias and alias.casefold() not in seen:
                seen[alias.casefold()] = alias[:300]
        return sorted(seen.values(), key=str.casefold)

    def names(self) -> list[str]:
        """Canonical name and aliases: everything a user may call this actor."""
        return [self.name, *self.aliases]


class Article(_Model):
    id: str = Field(min_length=1, max_length=200)
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    text: str = Field(default="", description="The cleaned article text the claims' offsets refer to")
    content_hash: str = ""

    @model_validator(mode="after")
    def _fill_hash(self) -> Article:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        return self

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        url: str | None = None,
        title: str | None = None,
        published: date | None = None,
        source: str | None = None,
    ) -> Article:
        return cls(
            id=article_id_for(url, text),
            url=url,
            title=title,
            published=published,
            source=source,
            text=text,
        )


class Claim(_Model):
    """One statement, from one sentence of one article, about two actors."""

    id: str = ""
    article_id: str
    subject_id: str
    object_id: str
    type: RelationType
    polarity: Polarity | None = None
    confidence: float = Field(ge=0.0, le=1.0, default=0.8)
    category: str = Field(default="SUPPORT", description="PLOVER-style event category")
    mode: str | None = Field(default=None, description="PLOVER mode of the category, when known")
    sentence: str
    start: int = Field(ge=0, description="Character offset of the sentence in the article text")
    end: int = Field(ge=0)
    subject_text: str
    object_text: str
    hedged: bool = False
    published: date | None = None
    extractor: str = "unknown"

    @model_validator(mode="after")
    def _derive(self) -> Claim:
        if self.end < self.start:
            raise ValueError("claim end offset precedes its start")
        if self.subject_id == self.object_id:
            raise ValueError("a claim needs two different actors")
        if self.polarity is None:
            self.polarity = self.type.polarity
        if not self.id:
            basis = "|".join(
                [self.article_id, self.type, self.subject_id, self.object_id, str(self.start)]
            )
            self.id = "c-" + hashlib.sha256(basis.encode()).hexdigest()[:24]
        return self

    @property
    def relation_key(self) -> tuple[str, str, RelationType]:
        """(source, target, type) of the relation this claim counts towards."""
        source, target = self.subject_id, self.object_id
        if self.type.symmetric and target < source:
            source, target = target, source
        return source, target, self.type


class Relation(_Model):
    """The actor-to-actor aggregate of all claims with the same key."""

    source: str
    target: str
    type: RelationType
    polarity: Polarity
    evidence_count: int = Field(ge=0)
    first_seen: date | None = None
    last_seen: date | None = None
    confidence: float = Field(ge=0.0, le=1.0)

    @property
    def key(self) -> tuple[str, str, RelationType]:
        return self.source, self.target, self.type


class ArticleGraph(_Model):
    """What extraction yields for one article, and what a store upserts atomically."""

    article: Article
    actors: list[Actor] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    @model_validator(mode="after")
    def _claims_reference_known_actors(self) -> ArticleGraph:
        known = {actor.id for actor in self.actors}
        for claim in self.claims:
            if claim.article_id != self.article.id:
                raise ValueError(f"claim {claim.id} belongs to another article")
            missing = {claim.subject_id, claim.object_id} - known
            if missing:
                raise ValueError(f"claim {claim.id} names unknown actors {sorted(missing)}")
        return self
