"""Deterministic synthetic article graphs for the store and API benchmarks.

Why synthetic: the real corpus is a few hundred articles, far too small to
show how the stores behave at 100k actors and 1M relations. The generator
keeps the shape of real data: a few hub actors named in many articles
(power-law degrees), ~10 claims per article, each a readable sentence whose
offsets point into the article text, dates spread over five years, and one
seed that makes every run produce the same graphs.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from conflictgraph.graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    PloverCategory,
    RelationType,
    slugify,
)

__all__ = ["SyntheticCorpus", "batched"]

# The event category a synthetic claim of each type carries: what the extractor gives the
# plain sentence of that type ("X backs Y" is SUPPORT), so support counts as alignment.
_CATEGORY = {
    RelationType.SUPPORTS: PloverCategory.SUPPORT,
    RelationType.OPPOSES: PloverCategory.ASSAULT,
    RelationType.ALLIED_WITH: PloverCategory.COOPERATE,
    RelationType.COOPERATES: PloverCategory.COOPERATE,
    RelationType.MEDIATES: PloverCategory.MEDIATE,
    RelationType.LEADS: PloverCategory.LEAD,
    RelationType.MEMBER_OF: PloverCategory.COOPERATE,
}

START = date(2020, 1, 1)
SPAN_DAYS = 5 * 365

_SYLLABLES = [
    "ka", "ro", "va", "mi", "del", "sar", "tu", "ben", "zor", "li", "an", "gha", "ur", "es",
    "tan", "mar", "qu", "is", "dor", "na", "bel", "ko", "ra", "shi", "em", "vol", "ti", "har",
]
_SUFFIXES = ["ia", "stan", "land", "ania", "or", "ea", "ar", "ica"]

# name template, kind; {p} is a generated place name, {n} a generated person name.
_TEMPLATES: list[tuple[str, ActorKind]] = [
    ("{p}", ActorKind.STATE),
    ("Government of {p}", ActorKind.GOVERNMENT),
    ("{p} Liberation Front", ActorKind.ARMED_GROUP),
    ("Popular Forces of {p}", ActorKind.ARMED_GROUP),
    ("{p} Defence Brigades", ActorKind.ARMED_GROUP),
    ("{n}", ActorKind.PERSON),
    ("{p} Union", ActorKind.IGO),
    ("{p} National Party", ActorKind.PARTY),
]
_FIRST = ["Amin", "Leila", "Omar", "Sofia", "Karim", "Nadia", "Yusuf", "Irina", "Tomas", "Aisha",
          "Malik", "Elena", "Hassan", "Mira", "Idris", "Zara", "Pavel", "Samir", "Lina", "Rashid"]

# Sentence templates per relation type; {s} and {o} are the actors' names.
_SENTENCES: dict[RelationType, list[str]] = {
    RelationType.SUPPORTS: [
        "{s} has supplied weapons and funding to {o}, officials said.",
        "According to a UN panel, {s} continued to back {o} throughout the year.",
        "{s} provided drones and military advisers to {o}.",
    ],
    RelationType.ALLIED_WITH: [
        "{s} and {o} announced a formal alliance on Tuesday.",
        "{s} is allied with {o}, diplomats in the region say.",
    ],
    RelationType.OPPOSES: [
        "Fighting between {s} and {o} intensified near the border.",
        "{s} launched an offensive against {o} early on Monday.",
        "{s} accused {o} of shelling civilian areas.",
    ],
    RelationType.COOPERATES: [
        "{s} and {o} signed an agreement to share intelligence.",
        "{s} cooperated with {o} on a joint border patrol.",
    ],
    RelationType.MEDIATES: [
        "{s} mediated talks involving {o} in the capital.",
        "{s} hosted a round of negotiations with {o}.",
    ],
    RelationType.LEADS: [
        "{s} leads {o}, according to the group's statement.",
        "{s}, the commander of {o}, addressed the fighters.",
    ],
    RelationType.MEMBER_OF: [
        "{s} is a member of {o}.",
        "{s} joined {o} last year.",
    ],
}
_TYPE_WEIGHTS = {
    RelationType.SUPPORTS: 25, RelationType.OPPOSES: 25, RelationType.COOPERATES: 15,
    RelationType.ALLIED_WITH: 10, RelationType.MEDIATES: 10, RelationType.LEADS: 8,
    RelationType.MEMBER_OF: 7,
}
_FILLER = [
    "The situation remains tense, according to local residents.",
    "Humanitarian agencies warned of worsening shortages of food and fuel.",
    "The statement did not give further details.",
    "Talks are expected to resume next month.",
]


def _place_name(rng: random.Random) -> str:
    syllables = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    return (syllables + rng.choice(_SUFFIXES)).capitalize()


@dataclass
class SyntheticCorpus:
    """``n_actors`` actors with Zipf-like popularity, and an endless stream of articles.

    ``alpha`` is the popularity exponent: actor ``i`` is picked with weight
    ``(i + 1) ** -alpha``, which gives the heavy-tailed degree distribution of
    real conflict news (a handful of states and groups in most stories).
    """

    n_actors: int
    seed: int = 42
    claims_per_article: int = 10
    alpha: float = 0.8
    actors: list[Actor] = field(init=False, repr=False)
    _cum_weights: list[float] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.n_actors < 2:
            raise ValueError("a synthetic graph needs at least 2 actors")
        rng = random.Random(self.seed)
        self.actors = self._make_actors(rng)
        total = 0.0
        self._cum_weights = []
        for i in range(self.n_actors):
            total += (i + 1) ** -self.alpha
            self._cum_weights.append(total)
        self._types = list(_TYPE_WEIGHTS)
        self._type_cum = list(itertools.accumulate(_TYPE_WEIGHTS.values()))

    def _make_actors(self, rng: random.Random) -> list[Actor]:
        actors: list[Actor] = []
        seen: set[str] = set()
        for i in range(self.n_actors):
            template, kind = _TEMPLATES[rng.randrange(len(_TEMPLATES))]
            person = f"{rng.choice(_FIRST)} {_place_name(rng)}"
            name = template.format(p=_place_name(rng), n=person)
            actor_id = slugify(name)
            if actor_id in seen:  # keep ids unique without losing determinism
                name = f"{name} {i}"
                actor_id = slugify(name)
            seen.add(actor_id)
            aliases = [name.split()[-1]] if kind is ActorKind.PERSON else []
            actors.append(Actor(id=actor_id, name=name, kind=kind, aliases=aliases))
        return actors

    def pick_actor(self, rng: random.Random) -> int:
        """An actor index drawn by popularity."""
        return bisect.bisect_left(self._cum_weights, rng.random() * self._cum_weights[-1])

    def _pick_type(self, rng: random.Random) -> RelationType:
        index = bisect.bisect_left(self._type_cum, rng.random() * self._type_cum[-1])
        return self._types[index]

    def article(self, index: int) -> ArticleGraph:
        """Article number ``index``: the same graph for the same (seed, index)."""
        rng = random.Random(f"{self.seed}:{index}")
        published = START + timedelta(days=rng.randrange(SPAN_DAYS))
        pieces: list[str] = []
        offset = 0
        specs: list[tuple[int, int, RelationType, str, int]] = []
        n_claims = max(1, self.claims_per_article + rng.randint(-2, 2))
        for _ in range(n_claims):
            s = self.pick_actor(rng)
            o = self.pick_actor(rng)
            while o == s:
                o = self.pick_actor(rng)
            rel_type = self._pick_type(rng)
            template = rng.choice(_SENTENCES[rel_type])
            sentence = template.format(s=self.actors[s].name, o=self.actors[o].name)
            specs.append((s, o, rel_type, sentence, offset))
            pieces.append(sentence)
            offset += len(sentence) + 1
            if rng.random() < 0.3:
                filler = rng.choice(_FILLER)
                pieces.append(filler)
                offset += len(filler) + 1
        text = " ".join(pieces)
        article = Article.from_text(
            text,
            url=f"https://synthetic.invalid/{self.seed}/{index}",
            title=f"Synthetic report {index}",
            published=published,
            source="synthetic",
        )
        used: dict[int, Actor] = {}
        claims: list[Claim] = []
        for s, o, rel_type, sentence, start in specs:
            subject, obj = self.actors[s], self.actors[o]
            used[s], used[o] = subject, obj
            claims.append(Claim(
                article_id=article.id, subject_id=subject.id, object_id=obj.id,
                type=rel_type, confidence=round(0.55 + 0.4 * rng.random(), 3),
                category=_CATEGORY[rel_type], sentence=sentence, start=start,
                end=start + len(sentence), subject_text=subject.name, object_text=obj.name,
                published=published, extractor="synthetic",
            ))
        # Two claims of one article can share a key and sentence start only by chance.
        unique = list({c.id: c for c in claims}.values())
        return ArticleGraph(article=article, actors=list(used.values()), claims=unique)

    def articles(self, count: int, first: int = 0) -> Iterator[ArticleGraph]:
        for index in range(first, first + count):
            yield self.article(index)

    def until_relations(self, relations: int) -> Iterator[ArticleGraph]:
        """Articles until their claims make ``relations`` distinct relation keys."""
        keys: set[tuple[str, str, RelationType]] = set()
        for index in itertools.count():
            graph = self.article(index)
            yield graph
            keys.update(c.relation_key for c in graph.claims)
            if len(keys) >= relations:
                return


def batched(graphs: Iterator[ArticleGraph], size: int) -> Iterator[list[ArticleGraph]]:
    """Group a stream of article graphs into lists of ``size`` (the last may be shorter)."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    while batch := list(itertools.islice(graphs, size)):
        yield batch
