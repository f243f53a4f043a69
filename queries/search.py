"""Finding actors by what people call them: search, resolution, suggestions.

Users type "Haftar", "UAE" or "the Emirates", not ids. ``resolve_actor``
accepts anything the store knows exactly (id, canonical name, alias, any
case) and otherwise only a *unique strong* fuzzy match, so a typo resolves
but a guess between two actors does not: that is a 404 with suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, Field
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from ..graph.model import Actor, ActorKind
from ..graph.store import GraphStore

__all__ = [
    "ActorMatch",
    "ActorNotFound",
    "ActorPage",
    "reading_note",
    "resolve_actor",
    "search_actors",
    "suggest_actors",
]

# A fuzzy score at or above this resolves a reference when one actor alone reaches it.
STRONG_SCORE = 90.0
# Search results and suggestions below this score are noise.
SEARCH_CUTOFF = 70.0
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


class ActorNotFound(LookupError):
    """No actor, or more than one, answers to a reference."""

    def __init__(self, ref: str, suggestions: list[Actor], *, ambiguous: bool = False,
                 given_as: str = "the reference") -> None:
        self.ref = ref
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        self.given_as = given_as  # where the caller took ``ref`` from, e.g. "'source'"
        what = "matches several actors" if ambiguous else "matches no actor"
        super().__init__(f"{ref!r} {what}")

    @property
    def detail(self) -> str:
        """What to tell the user, naming the reference itself (the command line's message)."""
        return self.message(repr(self.ref))

    def message(self, named: str) -> str:
        """The closest actors, or that the reference is ambiguous, with the reference named
        as ``named`` (the API names where it was, "'source'", never the reference)."""
        names = [a.name for a in self.suggestions]
        if self.ambiguous:
            return (f"{named[:1].upper()}{named[1:]} could name several actors: "
                    f"{', '.join(names)}. Be more specific.")
        if names:
            return f"No actor matches {named}. Did you mean: {', '.join(names)}?"
        return f"No actor matches {named}."


class ActorMatch(BaseModel):
    """An actor with how well it matched the query."""

    id: str = Field(examples=["united-arab-emirates"])
    name: str = Field(examples=["United Arab Emirates"])
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list, examples=[["UAE", "the Emirates"]])
    country: str | None = None
    score: float = Field(description="0-100; 100 is an exact name or alias match", examples=[100.0])
    matched: str | None = Field(default=None, description="the name or alias that matched best",
                                examples=["UAE"])


class ActorPage(BaseModel):
    items: list[ActorMatch]
    total: int = Field(description="matches before limit/offset")


def _process(text: str) -> str:
    return str(default_process(text))


def _compact(text: str) -> str:
    return _process(text).replace(" ", "")


def _name_score(query: str, name: str) -> float:
    """Score one name against a processed query: exact > prefix > word > fuzzy."""
    candidate = _process(name)
    if not query or not candidate:
        return 0.0
    if candidate == query or _compact(name) == query.replace(" ", ""):
        return 100.0
    if candidate.startswith(query):
        return 95.0
    if query in candidate.split():
        return 92.0
    return _fuzzy(query, candidate)


def _fuzzy(query: str, candidate: str) -> float:
    """Whole-string, per-word and (for longer names) partial similarity, the best of them.

    Partial matching only applies when the name is at least as long as the
    query: "narnia" must not match "GNA" because both contain "na".
    """
    scores = [fuzz.ratio(query, candidate), fuzz.token_sort_ratio(query, candidate)]
    scores += [0.95 * fuzz.ratio(query, word) for word in candidate.split() if len(word) >= 3]
    if len(candidate) >= len(query) >= 4:
        scores.append(0.9 * fuzz.partial_ratio(query, candidate))
    return float(max(scores))


def _best_name(query: str, actor: Actor) -> tuple[float, str]:
    scored = [(_name_score(query, name), name) for name in actor.names()]
    return max(scored, key=lambda pair: (pair[0], pair[1] == actor.name))


def search_actors(
    store: GraphStore,
    q: str | None = None,
    *,
    kind: ActorKind | None = None,
    limit: int = 20,
    offset: int = 0,
) -> ActorPage:
    """Actors whose name or an alias matches ``q``, best first; all actors by name without ``q``."""
    actors = [a for a in store.actors() if kind is None or a.kind == kind]
    query = _process(q or "")
    matches: list[ActorMatch] = []
    if not query:
        for actor in sorted(actors, key=lambda a: (a.name.casefold(), a.id)):
            matches.append(_match(actor, 100.0, None))
    else:
        for actor in actors:
            score, name = _best_name(query, actor)
            if score >= SEARCH_CUTOFF:
                matches.append(_match(actor, round(score, 1), name))
        matches.sort(key=lambda m: (-m.score, m.name.casefold(), m.id))
    return ActorPage(items=matches[offset: offset + limit], total=len(matches))


def _match(actor: Actor, score: float, matched: str | None) -> ActorMatch:
    return ActorMatch(id=actor.id, name=actor.name, kind=actor.kind, aliases=actor.aliases,
                      country=actor.country, score=score, matched=matched)


def suggest_actors(actors: Iterable[Actor], ref: str, *, limit: int = 5) -> list[Actor]:
    """The closest actors to a reference that resolved to nothing."""
    query = _process(ref)
    if not query:
        return []
    scored = [(*_best_name(query, actor), actor) for actor in actors]
    scored = [entry for entry in scored if entry[0] >= SEARCH_CUTOFF]
    # On a tie, a match on the canonical name beats one on an alias.
    scored.sort(key=lambda e: (-e[0], e[1] != e[2].name, e[2].name.casefold(), e[2].id))
    return [actor for _, _, actor in scored[:limit]]


def resolve_actor(store: GraphStore, ref: str, *, given_as: str = "the reference") -> Actor:
    """The one actor ``ref`` names, or ``ActorNotFound`` carrying suggestions (and
    ``given_as``, which says where ``ref`` came from without repeating it).

    Order: ``store.find_actor`` (id, name, alias; case-insensitive), the same
    without a leading article ("the Emirates"), a match ignoring punctuation
    and spaces ("U.A.E."), a unique actor whose canonical name ends with the
    reference ("Haftar" → "Khalifa Haftar"), and a unique actor with a name
    scoring at least 90 (a typo, a reordered name).
    """
    ref = ref.strip()
    if not ref:
        raise ActorNotFound(ref, [], given_as=given_as)
    found = store.find_actor(ref)
    if found is not None:
        return found
    bare = _LEADING_ARTICLE.sub("", ref)
    if bare != ref and bare:
        found = store.find_actor(bare)
        if found is not None:
            return found
    actors = store.actors()
    query = _process(bare)
    compact = query.replace(" ", "")
    for tier in (
        lambda a: compact != "" and any(_compact(n) == compact for n in a.names()),
        lambda a: len(query) >= 3 and " " not in query and _process(a.name).split()[-1:] == [query],
        lambda a: len(query) >= 4 and any(_strong(query, n) for n in a.names()),
    ):
        hits = [a for a in actors if tier(a)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise ActorNotFound(ref, sorted(hits, key=lambda a: (a.name.casefold(), a.id))[:5],
                                ambiguous=True, given_as=given_as)
    raise ActorNotFound(ref, suggest_actors(actors, ref), given_as=given_as)


def _strong(query: str, name: str) -> bool:
    candidate = _process(name)
    return max(fuzz.ratio(query, candidate), fuzz.token_sort_ratio(query, candidate)) >= STRONG_SCORE


def reading_note(ref: str, actor: Actor) -> str | None:
    """A note for the user when ``ref`` resolved to ``actor`` by more than an exact id, name
    or alias (a typo, a last name): "'Turky' is read as Turkey"; None otherwise."""
    key = ref.strip().casefold()
    if key == actor.id.casefold() or any(key == n.casefold() for n in actor.names()):
        return None
    return f"{ref.strip()!r} is read as {actor.name}."
