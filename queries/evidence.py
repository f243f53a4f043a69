"""Hops with their evidence: how every answer points back to the sentences behind it.

A ``Hop`` is one step along a relation as the reader walks it (from one actor
to the next), with the direction relative to the stored edge and the claims
that state it. ``EvidenceLookup`` caches the store reads one request needs so
that an actor reached by many paths costs one lookup.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from ..graph.model import Actor, ActorKind, Claim, Dataset, Origin, Polarity, Relation, RelationType
from ..graph.store import GraphStore, strongest_first

__all__ = [
    "ActorRef",
    "ArticleRef",
    "EvidenceLookup",
    "EvidenceSentence",
    "Hop",
    "actor_ref",
]


class ActorRef(BaseModel):
    """Enough of an actor to show and to link: id, name, kind."""

    id: str = Field(examples=["khalifa-haftar"])
    name: str = Field(examples=["Khalifa Haftar"])
    kind: ActorKind = ActorKind.OTHER


def actor_ref(actor: Actor) -> ActorRef:
    return ActorRef(id=actor.id, name=actor.name, kind=actor.kind)


class ArticleRef(BaseModel):
    """Where a sentence comes from."""

    id: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None


class DatasetRecord(BaseModel):
    """Where a claim read from a dataset row comes from: enough to find the row again."""

    dataset: Dataset
    version: str | None = Field(default=None, description="Version or export date of the file")
    record_id: str | None = Field(default=None, examples=["SDN90001"])
    place: str | None = None


class EvidenceSentence(BaseModel):
    """One claim: the sentence, its offsets in the article text, and the article.

    A claim read from a dataset row quotes the row rendered as one line, and names its
    dataset record in ``record``; ``record`` is null for a claim read from text.
    """

    claim_id: str
    sentence: str = Field(examples=["Turkey is a main supporter of the U.N.-recognized government."])
    start: int
    end: int
    subject_text: str
    object_text: str
    confidence: float
    hedged: bool = False
    disputed: bool = Field(default=False, description="an actor in the text denies the claim")
    attributed_to: str | None = Field(
        default=None, description="the third party the text says it on the word of", examples=["UN experts"])
    ended: bool = Field(default=False, description=(
        "The sentence says the relation ended: it closes the relation, and is no evidence for it"))
    published: date | None = None
    event_date: date | None = Field(default=None, description=(
        "The date the sentence or dataset row gives for the event; null: the claim dates "
        "from its article's publication"))
    article: ArticleRef
    record: DatasetRecord | None = None


class Hop(BaseModel):
    """One step from ``source`` to ``target`` along a stored relation."""

    source: ActorRef
    target: ActorRef
    type: RelationType
    direction: Literal["forward", "backward"] = Field(
        description="forward when the stored edge points from source to target"
    )
    polarity: Polarity
    confidence: float
    evidence_count: int
    sources: dict[Origin, int] = Field(default_factory=dict, description=(
        "independent sources behind the relation by origin: distinct articles (text), "
        "distinct records (acled, ucdp, gdelt, polecat)"), examples=[{"text": 3, "acled": 2}])
    evidence: list[EvidenceSentence] = Field(default_factory=list)


class EvidenceLookup:
    """Per-request cache of actors, articles and claims, read through a store."""

    def __init__(self, store: GraphStore, *, limit: int = 3,
                 actors: dict[str, Actor] | None = None) -> None:
        self.store = store
        self.limit = limit
        self._actors: dict[str, Actor | None] = dict(actors or {})
        self._articles: dict[str, ArticleRef] = {}
        self._claims: dict[tuple[str, str, RelationType], list[Claim]] = {}
        # Keys whose cached claims are only the ``limit`` strongest (from ``prefetch``).
        self._strongest_only: set[tuple[str, str, RelationType]] = set()

    def actor(self, actor_id: str) -> ActorRef:
        if actor_id not in self._actors:
            self._actors[actor_id] = self.store.get_actor(actor_id)
        actor = self._actors[actor_id]
        if actor is None:  # retracted while the request ran: still show the id
            return ActorRef(id=actor_id, name=actor_id)
        return actor_ref(actor)

    def article(self, article_id: str) -> ArticleRef:
        if article_id not in self._articles:
            found = self.store.get_article(article_id)
            self._articles[article_id] = (
                ArticleRef(id=article_id) if found is None else ArticleRef(
                    id=found.id, url=found.url, title=found.title,
                    published=found.published, source=found.source,
                )
            )
        return self._articles[article_id]

    def prefetch(self, relations: Iterable[Relation], actor_ids: Iterable[str] = (),
                 *, all_claims: bool = False) -> None:
        """Load the claims, articles and actors these relations will need in three round trips.

        Without it each hop costs a store read per relation, article and actor:
        thousands of reads for a well-connected actor on Neo4j. Only the ``limit``
        strongest claims of each relation are read, unless ``all_claims`` (needed when
        sentences will be filtered by date): a hub relation can have thousands.
        """
        relations = list(relations)
        keys = {r.key for r in relations} - self._claims.keys()
        if keys:
            strongest = None if all_claims else self.limit
            self._claims.update(self.store.evidence_many(keys, strongest=strongest))
            if strongest is not None:
                self._strongest_only |= keys
        article_ids = {c.article_id for k in keys for c in self._claims.get(k, [])}
        article_ids -= self._articles.keys()
        if article_ids:
            found = self.store.get_articles(article_ids)
            for article_id in article_ids:
                article = found.get(article_id)
                self._articles[article_id] = ArticleRef(id=article_id) if article is None else (
                    ArticleRef(id=article.id, url=article.url, title=article.title,
                               published=article.published, source=article.source))
        wanted = set(actor_ids) | {i for r in relations for i in (r.source, r.target)}
        wanted -= self._actors.keys()
        if wanted:
            found_actors = self.store.get_actors(wanted)
            for actor_id in wanted:
                self._actors[actor_id] = found_actors.get(actor_id)

    def claims(self, relation: Relation) -> list[Claim]:
        """Every claim behind the relation (read again if only the strongest were cached)."""
        if relation.key not in self._claims or relation.key in self._strongest_only:
            self._claims[relation.key] = self.store.evidence(*relation.key)
            self._strongest_only.discard(relation.key)
        return self._claims[relation.key]

    def sentences(
        self,
        relation: Relation,
        *,
        limit: int | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[EvidenceSentence]:
        """The strongest claims behind a relation (most confident, then newest)."""
        cap = self.limit if limit is None else limit
        cached = self._claims.get(relation.key)
        if (relation.key in self._strongest_only and cached is not None and since is None
                and until is None and cap <= self.limit):
            claims = cached  # already the strongest ``self.limit``, in order
        else:
            claims = self.claims(relation)
        if since is not None:
            claims = [c for c in claims if c.when is not None and c.when >= since]
        if until is not None:
            claims = [c for c in claims if c.when is not None and c.when <= until]
        ranked = strongest_first(claims)
        return [self.sentence(c) for c in ranked[:cap]]

    def sentence(self, claim: Claim) -> EvidenceSentence:
        return EvidenceSentence(
            claim_id=claim.id,
            sentence=claim.sentence,
            start=claim.start,
            end=claim.end,
            subject_text=claim.subject_text,
            object_text=claim.object_text,
            confidence=claim.confidence,
            hedged=claim.hedged,
            disputed=claim.disputed,
            attributed_to=claim.attributed_to,
            ended=claim.ended,
            published=claim.published,
            event_date=claim.event_date,
            article=self.article(claim.article_id),
            record=DatasetRecord(dataset=claim.dataset, version=claim.dataset_version,
                                 record_id=claim.record_id, place=claim.place)
            if claim.dataset is not None else None,
        )

    def hop(self, relation: Relation, from_id: str, *, aligned_only: bool = False) -> Hop:
        """The relation walked from ``from_id`` to its other end.

        ``aligned_only``: the hop explains an alignment, so it shows only the claims that
        count as one (``Claim.aligns``), with their count and confidence: a COOPERATES
        relation that also holds a ceasefire agreement is an alliance by its cooperation.
        """
        forward = relation.source == from_id
        to_id = relation.target if forward else relation.source
        confidence, count = relation.confidence, relation.evidence_count
        if aligned_only and relation.alignment_count < relation.evidence_count:
            confidence, count = relation.alignment_confidence, relation.alignment_count
            aligned = strongest_first(c for c in self.claims(relation) if c.aligns)
            evidence = [self.sentence(c) for c in aligned[:self.limit]]
        else:
            evidence = self.sentences(relation)
        return Hop(
            source=self.actor(from_id),
            target=self.actor(to_id),
            type=relation.type,
            direction="forward" if forward else "backward",
            polarity=relation.polarity,
            confidence=confidence,
            evidence_count=count,
            sources=relation.sources,
            evidence=evidence,
        )
