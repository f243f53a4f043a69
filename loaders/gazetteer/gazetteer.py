"""The actor gazetteer: known actors, every surface form they go by, and a matcher.

Data lives in JSONL files (one actor per line, see docs/extraction.md). Layers
are applied in order, a later layer overriding an earlier one by id and by
surface form: ``phoenix`` < ``states`` < ``curated`` < the user's file.

Lookups are case-insensitive. Matching in a parsed Doc walks the tokens against
whitespace-free lower-case surface keys with a prefix index built once (no
pattern is tokenised, so loading stays fast however large the gazetteer); a
case policy then refuses lower-case hits of capitalised names ("turkey", "us").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...graph.model import Actor, ActorKind, MentionForm
from .codes import Crosswalk, get_crosswalk

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Token

__all__ = [
    "DATA_DIR",
    "DEFAULT_LAYERS",
    "Entry",
    "Gazetteer",
    "GazetteerError",
    "GazetteerMatch",
    "SurfaceForm",
    "Term",
    "case_compatible",
    "read_entries",
    "surface_key",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
# Lowest priority first: later files override earlier ones.
DEFAULT_LAYERS = ("phoenix", "states", "curated")

_FORMS = ("name", "alias", "adjective", "metonym")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_WS = re.compile(r"\s+")
# Tokens of a name for variant keys: "U.N." stays whole, "Libya's" splits.
_KEY_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[\w]+|[^\w\s]")


class GazetteerError(ValueError):
    """A gazetteer file that cannot be read: names the file and line."""


# Typographic variants that news sites use interchangeably inside names:
# "Kata’ib" / "Kata'ib", "Corps–Qods Force" / "Corps-Qods Force".
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "–": "-", "‐": "-", "‑": "-"})


def surface_key(text: str) -> str:
    """Whitespace-free lower-case key: equal for a pattern and the Doc span it matched."""
    return _WS.sub("", text).lower().translate(_TYPOGRAPHIC)


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office: ``office`` ("president", "prime minister") of the actor ``of``,
    from ``start`` (inclusive) to ``end`` (exclusive; ``None`` while in office)."""

    office: str
    of: str
    start: date
    end: date | None = None

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One known actor as the gazetteer holds it."""

    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    source: str = "user"
    note: str | None = None
    leads: tuple[str, ...] = ()
    seat: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    acts_for_state: bool = False  # a force, command or service of ``country``'s state: it acts for it

    def to_actor(self) -> Actor:
        return Actor(
            id=self.id,
            name=self.name,
            kind=self.kind,
            aliases=list(self.aliases),
            country=self.country,
        )

    def forms(self) -> Iterator[tuple[str, MentionForm]]:
        """(surface, form) pairs: every way the text may refer to this actor."""
        yield self.name, MentionForm.NAME
        for alias in self.aliases:
            yield alias, MentionForm.ALIAS
        for adjective in self.adjectives:
            yield adjective, MentionForm.ADJECTIVE
        for metonym in self.metonyms:
            yield metonym, MentionForm.METONYM


@dataclass(frozen=True, slots=True)
class SurfaceForm:
    """What one surface string points at."""

    entry_id: str
    form: MentionForm  # name, alias, adjective or metonym
    text: str  # the surface as written in the data (case kept for the case policy)


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A gazetteer hit in a Doc: token span [start, end) and what it refers to."""

    start: int
    end: int
    entry: Entry
    form: MentionForm
    surface: str


def _as_tuple(value: Any, field_name: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise GazetteerError(f"{where}: '{field_name}' must be a string or a list of strings")


def _day(value: Any, name: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise GazetteerError(
            f"{where}: term '{name}' must be a date written YYYY-MM-DD, got {value!r}"
        ) from None


def _parse_terms(value: Any, where: str) -> tuple[Term, ...]:
    """``[{"office": "president", "of": "kenya", "start": "2022-09-13", "end": null}, ...]``."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise GazetteerError(f"{where}: 'terms' must be a list of objects")
    terms = []
    for item in value:
        if not isinstance(item, dict) or set(item) - {"office", "of", "start", "end"}:
            raise GazetteerError(f"{where}: a term has the fields office, of, start and end")
        office, of = item.get("office"), item.get("of")
        if not isinstance(office, str) or not office.strip() or not isinstance(of, str) or not of.strip():
            raise GazetteerError(f"{where}: a term needs its 'office' and the id it is held 'of'")
        start = _day(item.get("start"), "start", where)
        end = None if item.get("end") is None else _day(item.get("end"), "end", where)
        if end is not None and end <= start:
            raise GazetteerError(f"{where}: a term ends ({end}) before it starts ({start})")
        terms.append(Term(" ".join(office.lower().split()), of.strip(), start, end))
    return tuple(terms)


def _parse_entry(raw: Any, source: str, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: expected a JSON object")
    ident, name = raw.get("id"), raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerError(f"{where}: 'name' is required")
    if ident is None:
        from ...graph.model import slugify

        ident = slugify(name)
    if not isinstance(ident, str) or not ident.strip():
        raise GazetteerError(f"{where}: 'id' must be a non-empty string")
    try:
        kind = ActorKind(raw.get("kind") or "other")
    except ValueError:
        allowed = ", ".join(k.value for k in ActorKind)
        raise GazetteerError(f"{where}: unknown kind {raw.get('kind')!r} (one of {allowed})") from None
    country = raw.get("country")
    parent = raw.get("parent")
    note = raw.get("note")
    acts_for = raw.get("acts_for")
    if acts_for not in (None, "state"):
        raise GazetteerError(f"{where}: 'acts_for' must be \"state\" (got {acts_for!r})")
    if acts_for and not (isinstance(country, str) and country):
        raise GazetteerError(f"{where}: 'acts_for' needs the 'country' of the state it acts for")
    return Entry(
        id=ident.strip(),
        name=name.strip(),
        kind=kind,
        aliases=_as_tuple(raw.get("aliases"), "aliases", where),
        adjectives=_as_tuple(raw.get("adjectives"), "adjectives", where),
        metonyms=_as_tuple(raw.get("metonyms"), "metonyms", where),
        country=country if isinstance(country, str) and country else None,
        parent=parent if isinstance(parent, str) and parent else None,
        source=str(raw.get("source") or source),
        note=note if isinstance(note, str) else None,
        leads=_as_tuple(raw.get("leads"), "leads", where),
        seat=_as_tuple(raw.get("seat"), "seat", where),
        terms=_parse_terms(raw.get("terms"), where),
        acts_for_state=acts_for == "state",
    )


def read_entries(path: Path, source: str | None = None) -> list[Entry]:
    """Parse one JSONL file; blank lines and ``#`` comment lines are skipped."""
    label = source or path.stem
    entries = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer file {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GazetteerError(f"{where}: invalid JSON ({exc.msg})") from None
        entries.append(_parse_entry(raw, label, where))
    return entries


@dataclass
class Gazetteer:
    """Known actors with case-insensitive lookup and a cached Doc matcher."""

    entries: dict[str, Entry] = field(default_factory=dict)
    surfaces: dict[str, SurfaceForm] = field(default_factory=dict)
    _keys: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _prefixes: frozenset[str] | None = field(default=None, repr=False)
    _bodies: dict[str, str | None] = field(default_factory=dict, repr=False)
    _variants: dict[str, str] | None = field(default=None, repr=False)
    _governments: dict[str, list[Entry]] | None = field(default=None, repr=False)
    _children: dict[str, list[Entry]] | None = field(default=None, repr=False)
    _terms: dict[tuple[str, str], list[tuple[Term, Entry]]] | None = field(default=None, repr=False)
    _states: dict[str, Entry] | None = field(default=None, repr=False)

    # -- building ---------------------------------------------------------
    @classmethod
    def load(
        cls,
        user_path: Path | None = None,
        *,
        data_dir: Path = DATA_DIR,
        layers: Sequence[str] = DEFAULT_LAYERS,
    ) -> Gazetteer:
        """The packaged layers that exist, then the user's file (which must exist)."""
        gazetteer = cls()
        for layer in layers:
            path = data_dir / f"{layer}.jsonl"
            if path.exists():
                gazetteer.add_layer(read_entries(path, layer))
        if user_path is not None:
            if not Path(user_path).is_file():
                raise GazetteerError(f"user gazetteer {user_path} does not exist")
            gazetteer.add_layer(read_entries(Path(user_path), "user"))
        return gazetteer

    @classmethod
    def from_entries(cls, *layers: Iterable[Entry]) -> Gazetteer:
        gazetteer = cls()
        for layer in layers:
            gazetteer.add_layer(layer)
        return gazetteer

    def add_layer(self, entries: Iterable[Entry]) -> None:
        """Override by id and by surface form; an actor whose name is taken is dropped."""
        entries = list(entries)
        layer_ids = {e.id for e in entries}
        for entry in entries:
            if entry.id in self.entries:
                self._drop(entry.id)
            # An earlier actor with the same canonical name is the same actor.
            old = self.surfaces.get(surface_key(_strip_article(entry.name)))
            if (
                old is not None
                and old.form == MentionForm.NAME
                and old.entry_id not in layer_ids
                and surface_key(self.entries[old.entry_id].name) == surface_key(entry.name)
            ):
                self._drop(old.entry_id)
        for entry in entries:
            self.entries[entry.id] = entry
        for entry in entries:
            for surface, form in entry.forms():
                stripped = _strip_article(surface)
                if stripped:
                    key = surface_key(stripped)
                    current = self.surfaces.get(key)
                    # Within a layer the first entry keeps a shared form, and a
                    # name beats an alias, adjective or metonym.
                    if (
                        current is not None
                        and current.entry_id in layer_ids
                        and current.entry_id != entry.id
                        and (current.form == MentionForm.NAME or form != MentionForm.NAME)
                    ):
                        continue
                    previous = self.surfaces.get(key)
                    if previous is not None:
                        self._keys.get(previous.entry_id, set()).discard(key)
                    self.surfaces[key] = SurfaceForm(entry.id, form, stripped)
                    self._keys.setdefault(entry.id, set()).add(key)
        self._invalidate()

    def _drop(self, entry_id: str) -> None:
        self.entries.pop(entry_id, None)
        for key in self._keys.pop(entry_id, set()):
            if key in self.surfaces and self.surfaces[key].entry_id == entry_id:
                del self.surfaces[key]

    def _invalidate(self) -> None:
        self._prefixes = None
        self._bodies = {}
        self._variants = None
        self._governments = None
        self._children = None
        self._terms = None
        self._states = None

    # -- lookups ----------------------------------------------------------
    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def _term_index(self) -> dict[tuple[str, str], list[tuple[Term, Entry]]]:
        """(office, of) -> the recorded terms of it, built once."""
        if self._terms is None:
            index: dict[tuple[str, str], list[tuple[Term, Entry]]] = {}
            for entry in self.entries.values():
                for term in entry.terms:
                    index.setdefault((term.office, term.of), []).append((term, entry))
            self._terms = index
        return self._terms

    def offices(self) -> frozenset[str]:
        """Every office a term is recorded for ("president", "prime minister")."""
        return frozenset(office for office, _ in self._term_index())

    def holder(self, office: str, of: str, day: date) -> Entry | None:
        """Whoever held ``office`` of the actor ``of`` on ``day``, by the recorded terms."""
        for term, entry in self._term_index().get((office, of), []):
            if term.held_on(day):
                return entry
        return None

    def surface(self, text: str) -> SurfaceForm | None:
        """The surface form record for a text, any form, case-insensitively."""
        return self.surfaces.get(surface_key(_strip_article(text.strip())))

    def lookup(
        self, text: str, *, forms: Sequence[MentionForm] = (MentionForm.NAME, MentionForm.ALIAS)
    ) -> Entry | None:
        """The actor a name or alias denotes (adjectives/metonyms only when asked)."""
        found = self.surface(text)
        if found is None or found.form not in forms:
            return None
        return self.entries.get(found.entry_id)

    def resolve(self, ref: str) -> Entry | None:
        """An id, or any name, alias, adjective or metonym."""
        if ref in self.entries:
            return self.entries[ref]
        found = self.surface(ref)
        return self.entries.get(found.entry_id) if found else None

    def lookup_variant(self, text: str) -> Entry | None:
        """Match a name whose country or organisation words are spelt differently.

        "Libya National Army" finds "Libyan National Army" and "U.N. Support
        Mission" finds "United Nations Support Mission": every state or IGO
        surface inside the name is replaced by that actor's id before comparing.
        """
        if self._variants is None:
            self._variants = self._build_variants()
        key = self._variant_key(text)
        entry_id = self._variants.get(key) if key else None
        return self.entries.get(entry_id) if entry_id else None

    def scan(self, text: str, *, skip: str | None = None) -> list[tuple[str, SurfaceForm | None]]:
        """Split a short text (a title, a source name) into known surfaces and other words.

        Greedy longest match over word tokens; for texts that were not parsed.
        Surfaces of the entry ``skip`` are not used.
        """
        tokens = _KEY_TOKEN.findall(text)
        out: list[tuple[str, SurfaceForm | None]] = []
        i = 0
        while i < len(tokens):
            for n in range(min(8, len(tokens) - i), 0, -1):
                piece = tokens[i : i + n]
                found = self.surfaces.get(surface_key("".join(piece)))
                if (
                    found is not None
                    and found.entry_id != skip
                    and case_compatible("".join(piece), found.text)
                ):
                    out.append((" ".join(piece), found))
                    i += n
                    break
            else:
                out.append((tokens[i], None))
                i += 1
        return out

    def state_of_body(self, entry: Entry, generic_words: frozenset[str]) -> Entry | None:
        """The state an entry is merely a body of ("US State Department" -> United States).

        True when its name is the state's name (or adjective) plus generic words
        only; a government with a name of its own ("Government of National
        Accord") is not a body of its state.
        """
        if entry.kind is ActorKind.STATE or not entry.country:
            return None
        if entry.id in self._bodies:
            found = self._bodies[entry.id]
            return self.entries.get(found) if found else None
        state: Entry | None = None
        generic = True
        for word, surface in self.scan(entry.name, skip=entry.id):
            if surface is None:
                if word.lower() not in generic_words and word.isalnum():
                    generic = False
                    break
                continue
            candidate = self.entries.get(surface.entry_id)
            if (
                candidate is None
                or candidate.kind is not ActorKind.STATE
                or candidate.country != entry.country
            ):
                generic = False
                break
            state = candidate
        if not generic:
            state = None
        if state is None and generic:
            state = next(
                (
                    e
                    for e in self.entries.values()
                    if e.kind is ActorKind.STATE and e.country == entry.country
                ),
                None,
            )
        self._bodies[entry.id] = state.id if state else None
        return state

    def state_by_parent(self, entry: Entry) -> Entry | None:
        """The state an organisation is an organ of through its ``parent`` links.

        A body whose parent is a state, directly or through other bodies (a combatant
        command whose parent is the state's armed forces, whose parent is the state),
        acts for that state. People and states are never bodies; a chain is followed
        for a few links only, so a cycle in a user's file ends.
        """
        current = entry
        for _ in range(4):
            if current.kind in (ActorKind.PERSON, ActorKind.STATE) or not current.parent:
                return None
            parent = self.entries.get(current.parent)
            if parent is None:
                return None
            if parent.kind is ActorKind.STATE:
                return parent
            current = parent
        return None

    def _variant_key(self, text: str) -> str | None:
        tokens = _KEY_TOKEN.findall(_strip_article(text))
        if not tokens:
            return None
        out: list[str] = []
        replaced = False
        i = 0
        while i < len(tokens):
            for n in range(min(5, len(tokens) - i), 0, -1):
                found = self.surfaces.get("".join(tokens[i : i + n]).lower())
                if found is not None:
                    entry = self.entries.get(found.entry_id)
                    if entry is not None and entry.kind in (ActorKind.STATE, ActorKind.IGO):
                        out.append("@" + entry.id)
                        replaced = True
                        i += n
                        break
            else:
                out.append(tokens[i].lower())
                i += 1
        if not replaced or len(out) < 2:
            return None
        return " ".join(out)

    def _build_variants(self) -> dict[str, str]:
        variants: dict[str, str] = {}
        for entry in self.entries.values():
            if entry.kind in (ActorKind.STATE, ActorKind.PERSON):
                continue
            for surface in (entry.name, *entry.aliases):
                key = self._variant_key(surface)
                if key is not None:
                    variants.setdefault(key, entry.id)
        return variants

    def state_of_country(self, alpha2: str) -> Entry | None:
        """The state record of an ISO alpha-2 country code."""
        if self._states is None:
            states: dict[str, Entry] = {}
            for entry in self.entries.values():
                if entry.kind is ActorKind.STATE and entry.country:
                    states.setdefault(entry.country, entry)
            self._states = states
        return self._states.get(alpha2)

    def principal_state(self, entry: Entry) -> Entry | None:
        """The state a force, command, service or other body acts for, else None: the state of
        its ``country`` when it is marked ``"acts_for": "state"``, else the state its
        ``parent`` links reach (``state_by_parent``)."""
        if entry.acts_for_state and entry.country:
            return self.state_of_country(entry.country)
        return self.state_by_parent(entry)

    def by_code(self, code: str, crosswalk: Crosswalk | None = None) -> Entry | None:
        """The state a dataset code names (``gw:625``, ``cow:625``, ``cameo:SDN``,
        ``iso3:SDN``, ``isonum:729``), by the code crosswalk; None for any other code."""
        country = (crosswalk or get_crosswalk()).country(code)
        return self.state_of_country(country) if country else None

    def governments_of(self, state_id: str) -> list[Entry]:
        """Government entries of a state (by ``parent``, else by country code)."""
        if self._governments is None:
            index: dict[str, list[Entry]] = {}
            by_country = {
                e.country: e.id for e in self.entries.values() if e.kind is ActorKind.STATE and e.country
            }
            for entry in self.entries.values():
                if entry.kind is not ActorKind.GOVERNMENT:
                    continue
                owner = entry.parent if entry.parent in self.entries else None
                if owner is None and entry.country:
                    owner = by_country.get(entry.country)
                if owner is not None:
                    index.setdefault(owner, []).append(entry)
            self._governments = index
        return self._governments.get(state_id, [])

    @staticmethod
    def seated_in(governments: Sequence[Entry], place: str) -> list[Entry]:
        """The governments whose seat is ``place``: by ``seat``, metonym, or a name using it."""
        key = surface_key(place)
        word = re.compile(r"(?<![\w])" + re.escape(place.lower()) + r"(?![\w])")
        by_seat = [g for g in governments if key in {surface_key(s) for s in (*g.seat, *g.metonyms)}]
        if by_seat:
            return by_seat
        return [g for g in governments if any(word.search(a.lower()) for a in g.aliases)]

    def children_of(self, parent_id: str) -> list[Entry]:
        if self._children is None:
            index: dict[str, list[Entry]] = {}
            for entry in self.entries.values():
                if entry.parent:
                    index.setdefault(entry.parent, []).append(entry)
            self._children = index
        return self._children.get(parent_id, [])

    def led_by(self, person_id: str) -> Entry | None:
        """The organisation a person leads, from ``leads`` only.

        ``parent`` says where a person belongs, not that they lead it: a
        spokesman or a minister has a parent too, and "the spokesman's forces"
        are not his to command.
        """
        person = self.entries.get(person_id)
        if person is None:
            return None
        for target in person.leads:
            entry = self.entries.get(target)
            if entry is not None and entry.kind is not ActorKind.PERSON:
                return entry
        return None

    # -- matching in a Doc ------------------------------------------------
    def _prefix_index(self) -> frozenset[str]:
        """Every prefix of every surface key: lets a Doc walk stop at the first miss."""
        if self._prefixes is None:
            prefixes: set[str] = set()
            for key in self.surfaces:
                for end in range(1, len(key) + 1):
                    prefixes.add(key[:end])
            self._prefixes = frozenset(prefixes)
        return self._prefixes

    def prepare(self) -> None:
        """Build the match index now (it is otherwise built on the first match)."""
        self._prefix_index()

    def match(self, doc: Doc) -> list[GazetteerMatch]:
        """Longest non-overlapping hits that pass the case policy, in text order."""
        return self.match_all(doc)[0]

    def match_all(
        self, doc: Doc, tokens: Sequence[Token] | None = None
    ) -> tuple[list[GazetteerMatch], list[GazetteerMatch]]:
        """(longest hits, shorter hits nested inside them): "Iran" in "Iran-backed Houthis".

        Token texts are joined without whitespace and looked up by surface key,
        so a match never depends on how the tokenizer splits a pattern; the
        prefix index stops each walk at the first token that cannot continue a
        name, which keeps the cost near one lookup per token.
        """
        prefixes = self._prefix_index()
        surfaces = self.surfaces
        hits: list[tuple[int, int, SurfaceForm]] = []
        size = len(doc)
        for start in range(size):
            first = doc[start]
            if first.is_space or (first.is_punct and first.text not in ("'", "’")):
                continue
            key = ""
            for end in range(start, size):
                token = doc[end]
                if token.is_space:
                    break
                key += token.lower_.translate(_TYPOGRAPHIC)
                if key not in prefixes:
                    break
                surface = surfaces.get(key)
                if surface is not None:
                    span_text = doc[start : end + 1].text
                    if case_compatible(span_text, surface.text):
                        hits.append((start, end + 1, surface))
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        taken = [False] * size
        longest: list[GazetteerMatch] = []
        nested: list[GazetteerMatch] = []
        for start, end, surface in hits:
            entry = self.entries.get(surface.entry_id)
            if entry is None:
                continue
            match = GazetteerMatch(start, end, entry, surface.form, surface.text)
            if any(taken[start:end]):
                nested.append(match)
                continue
            for i in range(start, end):
                taken[i] = True
            longest.append(match)
        longest.sort(key=lambda m: m.start)
        nested.sort(key=lambda m: m.start)
        return longest, nested


def _strip_article(text: str) -> str:
    return _LEADING_ARTICLE.sub("", text.strip())


def case_compatible(found: str, surface: str) -> bool:
    """Refuse "us" for "US" and "turkey" for "Turkey"; accept "TURKEY" in headlines."""
    letters = [c for c in surface if c.isalpha()]
    if not letters or not any(c.isupper() for c in letters):
        return True
    found_letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        # An acronym matches only as written (ignoring dots and spaces).
        return "".join(found_letters) == "".join(letters)
    return any(c.isupper() for c in found_letters)
