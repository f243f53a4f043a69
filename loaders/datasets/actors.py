"""One actor space: dataset actor names resolved to the gazetteer's and the store's actors.

Order of attempts, first hit wins (each hit records why):

1. ``code``    the name is a country name or ISO code (pycountry) -> that state;
2. ``pattern`` ACLED's "Military Forces of Sudan (2019-)" -> Sudan's army as the gazetteer
               knows it, else the state; "Government of X" / "Police Forces of X" -> the state;
3. ``exact`` / ``alias``  the gazetteer's canonical name or an alias, trying each part of
               "JNIM: Group for Support of Islam and Muslims" and the name without its
               "(2019-)" years or "(Sudan)" country suffix;
4. ``store``   an actor already in the store by id, name or alias (a text actor with no
               gazetteer entry);
5. ``fuzzy``   rapidfuzz token-sort ratio >= ``FUZZY_MIN`` against the gazetteer names of the
               same country;
6. ``new``     a new node named as the dataset names it, with that name and the dataset's
               code as aliases.

A candidate of another country, or of a kind the row rules out (an ACLED "Rebel group" is
never a state), is refused at every step: a name is never merged across countries or kinds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ...graph.model import Actor, ActorKind, MatchReason, MentionForm, slugify
from ..gazetteer import Entry, Gazetteer
from .rows import ActorRef, country_by_name

__all__ = ["ActorMatch", "ActorResolver", "KnownActors", "MatchReason"]

FUZZY_MIN = 92.0

_YEARS = re.compile(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)\s*$")
_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")
_FORCES_OF = re.compile(r"^(Military|Police|Armed|Security)\s+Forces\s+of\s+(.+)$", re.I)
_GOVERNMENT_OF = re.compile(r"^Government\s+of\s+(.+)$", re.I)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """How one dataset name was resolved (the ingest summary lists these)."""

    name: str
    actor_id: str
    reason: MatchReason
    score: float | None = None

    @property
    def new(self) -> bool:
        return self.reason is MatchReason.NEW


class KnownActors:
    """The store's actors by id, name and alias (case-insensitive), read once per run.

    One read of every actor instead of a query per name: the store cannot index aliases,
    and a lookup per distinct dataset name cost 20 ms each on Neo4j.
    """

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self._by_id: dict[str, Actor] = {}
        self._by_name: dict[str, Actor] = {}
        self._by_alias: dict[str, Actor] = {}
        for actor in sorted(actors, key=lambda a: a.id):
            self.add(actor)

    def add(self, actor: Actor) -> None:
        self._by_id[actor.id] = actor
        self._by_name.setdefault(actor.name.casefold(), actor)
        for alias in actor.aliases:
            self._by_alias.setdefault(alias.casefold(), actor)

    def find(self, ref: str) -> Actor | None:
        """As ``GraphStore.find_actor``: the id, else a canonical name, else an alias."""
        key = ref.strip().casefold()
        return self._by_id.get(ref.strip()) or self._by_name.get(key) or self._by_alias.get(key)


class ActorResolver:
    """Resolves ``ActorRef``s, once per distinct (name, country, kinds, code)."""

    def __init__(self, gazetteer: Gazetteer, known: KnownActors | None = None) -> None:
        self.gazetteer = gazetteer
        self._known = known or KnownActors()
        self._cache: dict[ActorRef, tuple[Actor, ActorMatch]] = {}
        self._states: dict[str, Entry] = {}
        for entry in gazetteer.entries.values():
            if entry.kind is ActorKind.STATE and entry.country:
                self._states.setdefault(entry.country, entry)
        self._by_country: dict[str | None, dict[str, str]] | None = None

    def resolve(self, ref: ActorRef) -> tuple[Actor, ActorMatch]:
        found = self._cache.get(ref)
        if found is None:
            found = self._resolve(ref)
            self._cache[ref] = found
        return found

    def matches(self) -> list[ActorMatch]:
        return sorted((m for _, m in self._cache.values()), key=lambda m: (m.name, m.actor_id))

    # -- the steps ----------------------------------------------------------------------
    def _resolve(self, ref: ActorRef) -> tuple[Actor, ActorMatch]:
        name, country = self._strip(ref)
        for step in (self._by_code, self._by_pattern, self._by_gazetteer, self._by_store,
                     self._by_fuzzy):
            hit = step(name, country, ref)
            if hit is not None:
                actor, reason, score = hit
                if ref.name not in actor.names() and ref.name != actor.id:
                    actor = actor.model_copy(update={"aliases": [*actor.aliases, ref.name]})
                    actor = Actor.model_validate(actor.model_dump())
                return actor, ActorMatch(ref.name, actor.id, reason, score)
        actor = self._new(ref, name, country)
        return actor, ActorMatch(ref.name, actor.id, MatchReason.NEW)

    def _strip(self, ref: ActorRef) -> tuple[str, str | None]:
        """The name without "(2019-)" years or a "(Sudan)" country suffix, and its country."""
        name = _YEARS.sub("", ref.name).strip()
        country = ref.country
        paren = _PAREN.match(name)
        if paren:
            inner_country = country_by_name(paren.group(2))
            if inner_country is not None:
                name = paren.group(1).strip() or name
                country = country or inner_country
        return name, country

    def _fits(self, entry: Entry | Actor, country: str | None, ref: ActorRef) -> bool:
        if country and entry.country and entry.country != country:
            return False
        return not ref.kinds or entry.kind in ref.kinds

    def _state(self, text: str) -> Entry | None:
        code = country_by_name(text)
        return self._states.get(code) if code else None

    def _by_code(self, name: str, country: str | None, ref: ActorRef
                 ) -> tuple[Actor, MatchReason, float | None] | None:
        state = self._state(name)
        if state is None or not self._fits(state, country, ref):
            return None
        reason = MatchReason.EXACT if state.name.casefold() == name.casefold() else MatchReason.CODE
        return state.to_actor(), reason, None

    def _by_pattern(self, name: str, country: str | None, ref: ActorRef
                    ) -> tuple[Actor, MatchReason, float | None] | None:
        forces, government = _FORCES_OF.match(name), _GOVERNMENT_OF.match(name)
        place = forces.group(2) if forces else government.group(1) if government else None
        state = self._state(place) if place else None
        if state is None or (country and state.country != country):
            return None
        if forces and forces.group(1).lower() in {"military", "armed"}:
            for army in self._armies(state):
                if self._fits(army, country, ref):
                    return army.to_actor(), MatchReason.PATTERN, None
        if self._fits(state, country, ref):
            return state.to_actor(), MatchReason.PATTERN, None
        return None

    def _armies(self, state: Entry) -> list[Entry]:
        forms = [f"{state.name}'s military", f"{state.name}'s army", f"{state.name}'s armed forces",
                 f"Armed Forces of {state.name}", f"{state.name} Armed Forces"]
        for adjective in state.adjectives:
            forms += [f"{adjective} army", f"{adjective} military", f"{adjective} Armed Forces"]
        out = []
        for form in forms:
            entry = self.gazetteer.lookup(form)
            if (entry is not None and entry.country == state.country
                    and entry.kind is ActorKind.ARMED_GROUP and entry not in out):
                out.append(entry)
        return out

    def _by_gazetteer(self, name: str, country: str | None, ref: ActorRef
                      ) -> tuple[Actor, MatchReason, float | None] | None:
        candidates = [name] + [p.strip() for p in name.split(":") if ":" in name and p.strip()]
        for candidate in candidates:
            found = self.gazetteer.surface(candidate)
            if found is None or found.form not in (MentionForm.NAME, MentionForm.ALIAS):
                continue
            entry = self.gazetteer.get(found.entry_id)
            if entry is not None and self._fits(entry, country, ref):
                reason = MatchReason.EXACT if found.form == MentionForm.NAME else MatchReason.ALIAS
                return entry.to_actor(), reason, None
        return None

    def _by_store(self, name: str, country: str | None, ref: ActorRef
                  ) -> tuple[Actor, MatchReason, float | None] | None:
        actor = self._known.find(ref.name)  # the dataset's own name, as stored before
        if actor is not None and self._fits(actor, country, ref):
            return actor, MatchReason.STORE, None
        actor = self._known.find(name) if name != ref.name else None
        # Without its suffix the name must also agree on the country ("Civilians (Sudan)"
        # is not an actor named "civilians" of nowhere in particular).
        if actor is not None and self._fits(actor, country, ref) and actor.country == country:
            return actor, MatchReason.STORE, None
        return None

    def _by_fuzzy(self, name: str, country: str | None, ref: ActorRef
                  ) -> tuple[Actor, MatchReason, float | None] | None:
        if country is None or len(name) < 6:
            return None  # fuzzy matching across the world's names merges strangers
        choices = self._names_by_country().get(country, {})
        if not choices:
            return None
        best = process.extractOne(name, choices.keys(), scorer=fuzz.token_sort_ratio,
                                  score_cutoff=FUZZY_MIN)
        if best is None:
            return None
        entry = self.gazetteer.get(choices[best[0]])
        if entry is None or not self._fits(entry, country, ref):
            return None
        return entry.to_actor(), MatchReason.FUZZY, round(float(best[1]), 1)

    def _names_by_country(self) -> dict[str | None, dict[str, str]]:
        if self._by_country is None:
            index: dict[str | None, dict[str, str]] = {}
            for entry in self.gazetteer.entries.values():
                if entry.kind is ActorKind.PERSON:
                    continue
                for surface in (entry.name, *entry.aliases):
                    if len(surface) >= 6:
                        index.setdefault(entry.country, {}).setdefault(surface, entry.id)
            self._by_country = index
        return self._by_country

    def _new(self, ref: ActorRef, name: str, country: str | None) -> Actor:
        kinds = sorted(ref.kinds - {ActorKind.STATE, ActorKind.GOVERNMENT}) if ref.kinds else []
        kind = kinds[0] if len(kinds) == 1 else (
            ActorKind.ARMED_GROUP if ActorKind.ARMED_GROUP in ref.kinds else ActorKind.OTHER)
        display = ref.name if country and name != ref.name else name
        ident = slugify(display)
        taken = self.gazetteer.get(ident) or self._known.find(ident)
        if taken is not None and (taken.country != country or taken.kind is not kind):
            ident = slugify(f"{display} {country or kind.value}")
        aliases = [a for a in (ref.name, name, ref.code) if a and a != display]
        actor = Actor(id=ident, name=display, kind=kind, aliases=aliases, country=country)
        self._known.add(actor)
        return actor
