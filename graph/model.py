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
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "ALIGNED_BY_CATEGORY_TYPES",
    "ALIGNMENT_CATEGORIES",
    "ALWAYS_ALIGNED_TYPES",
    "Actor",
    "ActorKind",
    "Article",
    "ArticleGraph",
    "Claim",
    "Dataset",
    "DatasetName",
    "Direction",
    "MatchReason",
    "MentionForm",
    "Origin",
    "PloverCategory",
    "Polarity",
    "Relation",
    "RelationKey",
    "RelationType",
    "article_id_for",
    "counts_as_alignment",
    "origin_of",
    "relation_key",
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

# (source, target, type): the key a relation is stored under.
RelationKey = tuple[str, str, RelationType]


class PloverCategory(StrEnum):
    """The event category of a claim: PLOVER's categories (both the 2018 names, ACCUSE and
    REQUEST, that the CAMEO->PLOVER table uses and the later DISAPPROVE, DEMAND, INVESTIGATE
    and FIGHT that datasets such as POLECAT and ACLED mappings use) and the two this project
    adds for typed relations, MEDIATE and LEAD."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    DEMAND = "DEMAND"
    ACCUSE = "ACCUSE"
    DISAPPROVE = "DISAPPROVE"
    INVESTIGATE = "INVESTIGATE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"
    FIGHT = "FIGHT"
    MEDIATE = "MEDIATE"
    LEAD = "LEAD"


class MentionForm(StrEnum):
    """How a mention in a text named its actor."""

    NAME = "name"  # the gazetteer's name
    ALIAS = "alias"
    ADJECTIVE = "adjective"  # "Russian", "Iranian-backed"
    METONYM = "metonym"  # "the Kremlin", "Washington"
    NER = "ner"  # a named entity the gazetteer lacks
    INSTITUTION = "institution"  # "Sudan's army": an institution of a known owner
    DESCRIPTIVE = "descriptive"  # "the rebel group"
    COREF = "coref"  # "the group", "the two sides"
    PRONOUN = "pronoun"
    SPEAKER = "speaker"  # "we" and "I" of a statement's issuer
    OFFICE = "office"  # "the Turkish president": its holder on the article's date
    AGENT = "agent"  # "Russia's foreign ministry": acts for its state


def relation_key(source: str, target: str, rel_type: RelationType) -> RelationKey:
    """The stored key of a relation: a symmetric type keeps its pair in sorted order.

    The one rule both stores, the exporter and the evaluator key relations by, so the
    same pair written either way round lands on one edge.
    """
    if rel_type.symmetric and target < source:
        return target, source, rel_type
    return source, target, rel_type


# What counts as alignment (allies, adversaries, blocs). Hostile claims always do, and so
# do stated alliances, memberships and leadership. A SUPPORTS or COOPERATES claim counts
# only when its event category is backing or working together: an agreement, talks, a
# concession or a withdrawal (AGREE, CONSULT, CONCEDE, RETREAT) is an event between the
# parties, often adversaries agreeing a ceasefire, and says nothing about whose side they
# are on. Neutral claims (MEDIATES) never count.
ALIGNMENT_CATEGORIES = frozenset({PloverCategory.SUPPORT, PloverCategory.AID, PloverCategory.COOPERATE})
ALWAYS_ALIGNED_TYPES = frozenset({
    RelationType.OPPOSES, RelationType.ALLIED_WITH, RelationType.MEMBER_OF, RelationType.LEADS,
})
ALIGNED_BY_CATEGORY_TYPES = frozenset({RelationType.SUPPORTS, RelationType.COOPERATES})


def counts_as_alignment(rel_type: RelationType, category: PloverCategory | str) -> bool:
    """Whether a claim of this type and event category is evidence of alignment."""
    if rel_type in ALWAYS_ALIGNED_TYPES:
        return True
    return rel_type in ALIGNED_BY_CATEGORY_TYPES and category in ALIGNMENT_CATEGORIES


class Dataset(StrEnum):
    """Structured conflict datasets whose rows become claims (loaders/datasets)."""

    ACLED = "acled"
    UCDP_GED = "ucdp-ged"
    UCDP_ESD = "ucdp-esd"
    GDELT_EVENTS = "gdelt-events"
    POLECAT = "polecat"


class Origin(StrEnum):
    """Where a claim comes from: news text, or the family of the dataset whose row it is.

    Corroboration counts the independent sources of a relation per origin, and the API's
    and the cookbook's ``origin`` filter keeps the claims of some origins only.
    """

    TEXT = "text"
    ACLED = "acled"
    UCDP = "ucdp"
    GDELT = "gdelt"
    POLECAT = "polecat"


# The origin of each dataset's claims (UCDP's GED and ESD are one family).
_DATASET_ORIGINS = {
    Dataset.ACLED: Origin.ACLED,
    Dataset.UCDP_GED: Origin.UCDP,
    Dataset.UCDP_ESD: Origin.UCDP,
    Dataset.GDELT_EVENTS: Origin.GDELT,
    Dataset.POLECAT: Origin.POLECAT,
}


def origin_of(dataset: Dataset | None) -> Origin:
    """The origin of a claim read from ``dataset`` (``None``: read from text)."""
    return Origin.TEXT if dataset is None else _DATASET_ORIGINS[dataset]


class MatchReason(StrEnum):
    """Why a dataset's actor name was matched to a graph actor (loaders/datasets/actors.py)."""

    CODE = "code"
    PATTERN = "pattern"
    EXACT = "exact"
    ALIAS = "alias"
    STORE = "store"
    FUZZY = "fuzzy"
    NEW = "new"


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


class DatasetName(_Model):
    """A name a dataset gives an actor, and why it was matched to the actor."""

    dataset: Dataset
    name: str = Field(min_length=1, max_length=300)
    reason: MatchReason
    score: float | None = Field(default=None, description="rapidfuzz score of a fuzzy match")
    code: str | None = Field(default=None, examples=["gw:625"],
                             description="The code that matched (reason code): scheme:value")


class Actor(_Model):
    id: str = Field(min_length=1, max_length=200, examples=["libyan-national-army"])
    name: str = Field(min_length=1, max_length=300, examples=["Libyan National Army"])
    kind: ActorKind = ActorKind.OTHER
    aliases: list[str] = Field(default_factory=list, examples=[["LNA", "Haftar's forces"]])
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 where it applies")
    dataset_names: list[DatasetName] = Field(
        default_factory=list,
        description="Names datasets give this actor, each with the reason it was matched",
    )

    @field_validator("dataset_names")
    @classmethod
    def _dedupe_dataset_names(cls, names: list[DatasetName]) -> list[DatasetName]:
        """One entry per (dataset, name): the first match recorded stays."""
        seen: dict[tuple[str, str], DatasetName] = {}
        for entry in names:
            seen.setdefault((entry.dataset.value, entry.name), entry)
        return sorted(seen.values(), key=lambda e: (e.dataset.value, e.name))

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
    category: PloverCategory = Field(default=PloverCategory.SUPPORT, description="PLOVER event category")
    mode: str | None = Field(default=None, description="PLOVER mode of the category, when known")
    sentence: str
    start: int = Field(ge=0, description="Character offset of the sentence in the article text")
    end: int = Field(ge=0)
    subject_text: str
    object_text: str
    hedged: bool = False
    disputed: bool = Field(default=False, description=(
        "an actor in the text denies the claim (\"denied arming X\", \"an accusation X "
        "denies\"); kept as evidence, weighed at half its confidence"))
    attributed_to: str | None = Field(default=None, max_length=300, description=(
        "the third party the text attributes the claim to (\"UN experts said ...\", "
        "\"according to Reuters\"); None when the text states it itself"))
    ended: bool = Field(default=False, description=(
        "The sentence says the relation ended (\"ended its support for\", \"cut ties with\", "
        "\"the former ally\"): not evidence of the relation, it closes it on the claim's date"))
    published: date | None = None
    event_date: date | None = Field(default=None, description=(
        "The date the sentence or dataset row gives for the event; None when it gives none "
        "(the claim then dates from its article's publication)"))
    extractor: str = "unknown"
    rule: str = Field(
        default="",
        description="Id of the extraction rule that made the claim: a trigger line's "
        "(\"verbs:support\") or a construction's anchor (\"truce_parties\"); empty when unknown",
    )
    # Provenance of claims read from a dataset row (None for claims read from text). The
    # row's article is a synthetic one per record; ``published`` is the event's date.
    dataset: Dataset | None = Field(default=None, description="Dataset the claim was read from")
    dataset_version: str | None = Field(
        default=None, description="Version or export date of the dataset file"
    )
    record_id: str | None = Field(
        default=None, description="The row's id in its dataset, e.g. ACLED event_id_cnty"
    )
    place: str | None = Field(default=None, description="Where the event took place")
    mentions: int | None = Field(
        default=None, ge=0, description="Reports collapsed into this claim (GDELT)"
    )
    support_types: list[str] = Field(
        default_factory=list, description="Kinds of support (UCDP ESD): troops, weapons, ..."
    )

    @model_validator(mode="after")
    def _derive(self) -> Claim:
        if self.end < self.start:
            raise ValueError("claim end offset precedes its start")
        if self.subject_id == self.object_id:
            raise ValueError("a claim needs two different actors")
        if self.polarity is None:
            self.polarity = self.type.polarity
        if not self.id:
            parts = [self.article_id, self.type, self.subject_id, self.object_id, str(self.start)]
            basis = "|".join([*parts, "ended"] if self.ended else parts)
            self.id = "c-" + hashlib.sha256(basis.encode()).hexdigest()[:24]
        return self

    @property
    def asserted(self) -> bool:
        """Stated as a fact: neither hedged, disputed nor said to have ended (attribution to
        a source is fine)."""
        return not (self.hedged or self.disputed or self.ended)

    @property
    def when(self) -> date | None:
        """The claim's date: the event's when the text or row gives one, else publication.

        Everything that windows, buckets or orders claims by date reads this."""
        return self.event_date if self.event_date is not None else self.published

    @property
    def origin(self) -> Origin:
        """Text, or the family of the claim's dataset (``origin_of``)."""
        return origin_of(self.dataset)

    @property
    def source_id(self) -> str:
        """The independent source behind the claim: its article, which for a dataset row
        is the synthetic article of its record (one per dataset and record id)."""
        return self.article_id

    @property
    def aligns(self) -> bool:
        """Evidence of alignment (``counts_as_alignment``), not only of an event; an ended
        relation is evidence of nothing."""
        return not self.ended and counts_as_alignment(self.type, self.category)

    @property
    def relation_key(self) -> RelationKey:
        """(source, target, type) of the relation this claim counts towards."""
        return relation_key(self.subject_id, self.object_id, self.type)


class Relation(_Model):
    """The actor-to-actor aggregate of all claims with the same key.

    ``alignment_count`` and ``alignment_confidence`` aggregate only the claims that count
    as alignment (``counts_as_alignment``): a COOPERATES relation made of agreements and
    talks is shown, but has none. Built without them, a relation counts every claim.

    Claims saying the relation ended (``Claim.ended``) count in neither ``evidence_count``
    nor the confidences; they date the span (``first_seen``, ``last_seen``) and set
    ``closed_on`` (``aggregate.closing_date``). A closed relation aligns nobody.
    """

    source: str
    target: str
    type: RelationType
    polarity: Polarity
    evidence_count: int = Field(ge=0)
    first_seen: date | None = None
    last_seen: date | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    alignment_count: int = Field(ge=0, description=(
        "claims that count as alignment: all but agreements, talks, concessions and "
        "withdrawals (AGREE, CONSULT, CONCEDE, RETREAT) and mediation"))
    alignment_confidence: float = Field(ge=0.0, le=1.0, description=(
        "noisy-or confidence of the claims that count as alignment; 0 when none do"))
    closed_on: date | None = Field(default=None, description=(
        "The date of the latest claim saying the relation ended, when it is later than every "
        "claim stating the relation: the relation is over (not current) from that day"))
    undated_count: int = Field(default=0, ge=0, description=(
        "claims without a date (neither an event date nor a publication date), ended ones "
        "included: they count in the relation of all time but in no window of time"))
    sources: dict[Origin, int] = Field(default_factory=dict, description=(
        "independent sources behind the relation, by origin: distinct articles for text, "
        "distinct dataset records for each dataset family (origins without any are left out)"),
        examples=[{"text": 3, "acled": 2}])

    @model_validator(mode="before")
    @classmethod
    def _every_claim_aligns(cls, data: Any) -> Any:
        """Without alignment figures, every claim of an aligning type counts."""
        if isinstance(data, dict) and "alignment_count" not in data:
            rel_type = RelationType(data["type"])
            aligning = rel_type in ALWAYS_ALIGNED_TYPES or rel_type in ALIGNED_BY_CATEGORY_TYPES
            data = {**data, "alignment_count": data.get("evidence_count", 0) if aligning else 0,
                    "alignment_confidence": data.get("confidence", 0.0) if aligning else 0.0}
        return data

    @property
    def key(self) -> tuple[str, str, RelationType]:
        return self.source, self.target, self.type

    @property
    def alignment_sign(self) -> int:
        """+1 or -1 when the relation is evidence of alignment, 0 when it is not (neutral,
        or only events such as a ceasefire agreed by adversaries)."""
        return self.polarity.sign if self.alignment_count and self.closed_on is None else 0

    @property
    def current(self) -> bool:
        """Not closed by a later claim saying it ended."""
        return self.closed_on is None


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
