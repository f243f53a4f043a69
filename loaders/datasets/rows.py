"""Typed row -> claims mappings, one per format (the tables are in tables/mappings.toml).

A mapper turns one row into a ``RowEvent``: the record's id, date, place and
source, a one-line rendering of the row (the claims' sentence), and the claims
it states as ``ClaimSpec``s between ``ActorRef``s that the actor resolver
later turns into graph actors. A row that cannot be read raises ``BadRow``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter

import pycountry

from ...graph.model import ActorKind, Dataset, PloverCategory, Polarity, RelationType
from ..gazetteer import CodeScheme, get_crosswalk, names_one_actor
from .formats import COLUMNS
from .tables import Mappings

__all__ = ["ActorRef", "BadRow", "ClaimSpec", "RowEvent", "mapper_for", "split_actors"]


class BadRow(ValueError):
    """A row the mapping cannot read (missing id, unreadable date, unknown code)."""


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as a dataset names it, with what the row says about it."""

    name: str
    country: str | None = None  # ISO alpha-2, from the row's context
    kinds: frozenset[ActorKind] = frozenset()  # kinds it may resolve to (empty: any)
    codes: tuple[str, ...] = ()  # the row's codes for it, "scheme:value", tried first in order
    role: str | None = None  # e.g. the ACLED actor type, for the rendering


@dataclass(frozen=True, slots=True)
class ClaimSpec:
    subject: ActorRef
    object: ActorRef
    category: PloverCategory
    type: RelationType
    polarity: Polarity
    hedged: bool = False
    support_types: tuple[str, ...] = ()


@dataclass(slots=True)
class RowEvent:
    dataset: Dataset
    record_id: str
    date: date | None
    place: str | None
    source: str | None
    url: str | None
    text: str
    claims: list[ClaimSpec] = field(default_factory=list)
    mentions: int | None = None
    group_key: tuple[str, ...] | None = None  # rows with one key collapse into one claim set


Mapper = Callable[[Sequence[str]], RowEvent]  # a row's fields, in its header's column order
NamedMapper = Callable[[dict[str, str]], RowEvent]  # the same row by column name

_SPACES = re.compile(r"\s+")


def _clean(text: str | None) -> str:
    if not text:
        return ""
    text = text.strip()
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        return _SPACES.sub(" ", text)
    return text


def split_actors(cell: str, separators: str = ";") -> list[str]:
    """The actors of a cell that may hold several, each once, in order."""
    out: list[str] = []
    for part in re.split("[" + re.escape(separators) + "]", cell or ""):
        part = _clean(part)
        if part and part not in out:
            out.append(part)
    return out


@lru_cache(maxsize=8192)
def _alpha2(code: str | None) -> str | None:
    """ISO alpha-2 from an alpha-3, numeric or alpha-2 code (pycountry), else None."""
    code = (code or "").strip()
    if not code:
        return None
    try:
        if code.isdigit():
            found = pycountry.countries.get(numeric=code.zfill(3))
        elif len(code) == 3:
            found = pycountry.countries.get(alpha_3=code.upper())
        elif len(code) == 2:
            found = pycountry.countries.get(alpha_2=code.upper())
        else:
            found = None
    except (KeyError, LookupError):
        found = None
    return found.alpha_2 if found is not None else None


@lru_cache(maxsize=8192)
def country_by_name(name: str | None) -> str | None:
    """ISO alpha-2 of a country named by its name, alpha-3 or numeric code.

    Two-letter names are not looked up: "IS", "AU" or "UN" name groups far more often
    than Iceland, Australia or nowhere.
    """
    name = _clean(name)
    if len(name) <= 2:
        return None
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%Y%m%d", "%Y-%m-%d %H:%M:%S.%f",
                 "%Y-%m-%d %H:%M:%S", "%m/%d/%Y")


def parse_date(text: str, what: str, formats: tuple[str, ...] = _DATE_FORMATS) -> date:
    text = _clean(text)
    try:  # the common layouts without strptime, which costs a tenth of a row's time
        if "%Y%m%d" in formats and len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if "%Y-%m-%d" in formats and len(text) == 10 and text[4] == "-":
            return date.fromisoformat(text)
    except ValueError:
        raise BadRow(f"{what} {text!r} is not a date") from None
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise BadRow(f"{what} {text!r} is not a date")


def _required(row: dict[str, str], column: str) -> str:
    value = _clean(row.get(column))
    if not value:
        raise BadRow(f"{column} is empty")
    return value


def _category_claims(
    m: Mappings, category: str, subjects: list[ActorRef], objects: list[ActorRef],
    *, hedged: bool = False, support: tuple[str, ...] = (),
) -> list[ClaimSpec]:
    if not category:  # the row states no relation between its actors
        return []
    plover = PloverCategory(category.upper())
    rel = m.relation(plover)
    return [
        ClaimSpec(s, o, plover, rel, rel.polarity, hedged, support)
        for s in subjects for o in objects if s.name != o.name
    ]


def _place(*parts: str | None) -> str | None:
    found = [p for p in (_clean(x) for x in parts) if p]
    return ", ".join(dict.fromkeys(found)) or None


# -- ACLED ----------------------------------------------------------------------------------
def acled(m: Mappings) -> NamedMapper:
    def inter(value: str) -> str:
        value = _clean(value)
        return m.acled_inter.get(value, value)

    def refs(main: str, assoc: str, role: str, country: str | None) -> list[ActorRef]:
        kinds = m.acled_kinds.get(role, frozenset())
        names = [_clean(main), *split_actors(assoc)] if _clean(main) else []
        # The row's country is where the event happened, not whose actor it is: ACLED names
        # carry their country themselves ("Civilians (Sudan)", "Military Forces of Sudan").
        del country
        return [ActorRef(n, None, kinds if i == 0 else frozenset(), role=role if i == 0 else None)
                for i, n in enumerate(names)]

    def mapper(row: dict[str, str]) -> RowEvent:
        record = _required(row, "event_id_cnty")
        when = parse_date(_required(row, "event_date"), "event_date")
        country = _alpha2(row.get("iso")) or country_by_name(row.get("country"))
        sub, event_type = _clean(row.get("sub_event_type")), _required(row, "event_type")
        category = m.acled_sub_event.get(sub)
        if category is None:
            category = m.acled_event.get(event_type)
        if category is None:
            raise BadRow(f"unknown event_type/sub_event_type {event_type!r}/{sub!r}")
        role1, role2 = inter(row.get("inter1", "")), inter(row.get("inter2", ""))
        side1 = refs(row.get("actor1", ""), row.get("assoc_actor_1", ""), role1, country)
        side2 = refs(row.get("actor2", ""), row.get("assoc_actor_2", ""), role2, country)
        if not side1:
            raise BadRow("actor1 is empty")
        claims: list[ClaimSpec] = []
        target1, target2 = role1 in m.acled_targets, role2 in m.acled_targets
        if side2:
            # Targets are on the receiving end: orient the claim towards them.
            subjects, objects = (side2, side1) if target1 and not target2 else (side1, side2)
            claims += _category_claims(m, category, subjects, objects)
        # Associated actors fight alongside their main actor; targets have no partners.
        for side, role in ((side1, role1), (side2, role2)):
            if len(side) > 1 and role not in m.acled_targets and category:
                claims += _category_claims(m, "COOPERATE", side[:1], side[1:])
        text = (f"ACLED {record} ({when.isoformat()}): {event_type}"
                + (f" / {sub}" if sub else "") + f": {', '.join(r.name for r in side1)}"
                + (f" ({role1})" if role1 else "")
                + (f" vs {', '.join(r.name for r in side2)}" + (f" ({role2})" if role2 else "")
                   if side2 else "")
                + (f" in {_place(row.get('location'), row.get('admin1'), row.get('country'))}"
                   if _place(row.get("location")) else ""))
        return RowEvent(Dataset.ACLED, record, when,
                        _place(row.get("location"), row.get("admin1"), row.get("country")),
                        _clean(row.get("source")) or None, None, text, claims)

    return mapper


# -- UCDP GED -------------------------------------------------------------------------------
def _ged_sides(names: str, ids: str, gwnos: str, civilians_place: str | None) -> list[ActorRef]:
    """A side naming several actors ("Government of Sudan, Government of South Sudan") is split:
    on the commas when its id cell lists as many ids, else before each capitalised name.

    Each actor carries its UCDP actor id, and a government side its Gleditsch-Ward number
    (``gwnoa``), when the cells list one per actor."""
    names = _clean(names)
    if not names:
        return []
    id_list = [i.strip() for i in (ids or "").split(",") if i.strip()]
    gw_list = [g.strip() for g in (gwnos or "").split(",") if g.strip()]
    parts = [p.strip() for p in names.split(",")] if len(id_list) > 1 else [names]
    if len(id_list) > 1 and len(parts) != len(id_list):
        parts = [p.strip() for p in re.split(r",\s+(?=[A-Z])", names)]
    out = []
    for index, part in enumerate(parts):
        if part.lower() == "civilians" and civilians_place:
            part = f"Civilians ({civilians_place})"
        codes = []
        if len(gw_list) == len(parts) and part.startswith("Government of"):
            codes.append(_code("gw", gw_list[index]))
        if len(id_list) == len(parts):
            codes.append(_code("ucdp", id_list[index]))
        out.append(ActorRef(part, None, codes=tuple(c for c in codes if c)))
    return out


def ucdp_ged(m: Mappings) -> NamedMapper:
    def mapper(row: dict[str, str]) -> RowEvent:
        record = _required(row, "id")
        violence = _required(row, "type_of_violence")
        category = m.ged_violence.get(violence)
        if category is None:
            raise BadRow(f"type_of_violence {violence!r} is not 1, 2 or 3")
        when = parse_date(_required(row, "date_start"), "date_start")
        country_name = _clean(row.get("country"))
        side_a = _ged_sides(row.get("side_a", ""), row.get("side_a_new_id", ""),
                            row.get("gwnoa", ""), country_name)
        side_b = _ged_sides(row.get("side_b", ""), row.get("side_b_new_id", ""),
                            row.get("gwnob", ""), country_name)
        if not side_a or not side_b:
            raise BadRow("side_a or side_b is empty")
        claims = _category_claims(m, category, side_a, side_b)
        place = _place(row.get("where_coordinates"), row.get("adm_1"), country_name)
        text = (f"UCDP GED {record} ({when.isoformat()}): {category.lower()} "
                f"({row.get('dyad_name') or ''}): {', '.join(a.name for a in side_a)} vs "
                f"{', '.join(b.name for b in side_b)} in {place or 'an unknown place'}; "
                f"best estimate {_clean(row.get('best')) or '?'} deaths")
        return RowEvent(Dataset.UCDP_GED, record, when, place,
                        _clean(row.get("source_office")) or None, None, text, claims)

    return mapper


# -- UCDP ESD -------------------------------------------------------------------------------
def ucdp_esd(m: Mappings) -> NamedMapper:
    def flag(row: dict[str, str], column: str) -> bool:
        return _clean(row.get(column)) in {"1", "1.0", "yes", "true"}

    def mapper(row: dict[str, str]) -> RowEvent:
        year = _required(row, "year")
        if not year.isdigit():
            raise BadRow(f"year {year!r} is not a year")
        receiver, supporter = _required(row, "actor_name"), _required(row, "ext_name")
        if _clean(row.get("ext_sup")) not in {"", "1", "1.0"}:
            return RowEvent(Dataset.UCDP_ESD, _esd_id(row), date(int(year), 1, 1), None, None, None,
                            f"UCDP ESD: no support from {supporter} to {receiver} in {year}")
        support = tuple(sorted({name for column, name in m.esd_support.items() if flag(row, column)}))
        alleged = flag(row, "ext_alleged")
        claims = _category_claims(
            m, "SUPPORT", [ActorRef(supporter, codes=_codes(_code("ucdp", row.get("ext_id"))))],
            [ActorRef(receiver, codes=_codes(
                _code("gw", row.get("gwno_a")) if not flag(row, "actor_nonstate") else None))],
            hedged=alleged, support=support)
        text = (f"UCDP ESD {year}: {supporter} {'allegedly ' if alleged else ''}supported "
                f"{receiver}" + (f" with {', '.join(support)}" if support else "")
                + (f" (conflict {row.get('conflict_id')})" if row.get("conflict_id") else ""))
        return RowEvent(Dataset.UCDP_ESD, _esd_id(row), date(int(year), 1, 1), None, None, None,
                        text, claims)

    return mapper


def _code(prefix: str, value: str | None) -> str | None:
    value = _clean(value)
    return f"{prefix}:{value}" if value and value not in {"NA", "-99", "."} else None


def _codes(*codes: str | None) -> tuple[str, ...]:
    return tuple(c for c in codes if c)


@lru_cache(maxsize=4096)
def _cameo_country(code: str) -> str | None:
    """ISO alpha-2 of a CAMEO country code (the crosswalk knows CAMEO's older codes)."""
    code = code.strip()
    if not code:
        return None
    return get_crosswalk().country(f"cameo:{code}") or _alpha2(code)


def _esd_id(row: dict[str, str]) -> str:
    """The ESD row id, else supporter, receiver, conflict and year (a row per triad-year)."""
    if _clean(row.get("id")):
        return _clean(row.get("id"))
    parts = [_clean(row.get(c)) for c in ("conflict_id", "year", "actor_name", "ext_name")]
    return ":".join(parts)


# -- GDELT 2.0 events -----------------------------------------------------------------------
_CACHE_MAX = 65_536  # distinct actor pairs or dates held before a cache starts again


def gdelt(m: Mappings, columns: Sequence[str]) -> Mapper:
    """GDELT rows by column index: a 15-minute export is 100k rows and a backfill hundreds
    of millions, so nothing is built per row that a few repeated values can be cached for
    (GDELT names few actors, and few dates, many times)."""
    index = {name: i for i, name in enumerate(columns)}
    pad = len(columns)  # a column the header lacks reads as the empty field appended here
    missing = any(c not in index for c in _GDELT_READ)

    def at(name: str) -> int:
        return index.get(name, pad)

    i_id, i_date, i_code = at("GLOBALEVENTID"), at("SQLDATE"), at("EventCode")
    i_mentions, i_place, i_url = at("NumMentions"), at("ActionGeo_FullName"), at("SOURCEURL")
    actor1, actor2 = (itemgetter(*(at(f"{who}{part}") for part in _GDELT_ACTOR_PARTS))
                      for who in ("Actor1", "Actor2"))
    dates: dict[str, tuple[date, str]] = {}
    pairs: dict[tuple[str, tuple[str, ...], tuple[str, ...]],
                tuple[ActorRef | None, ActorRef | None, str, list[ClaimSpec]]] = {}

    @lru_cache(maxsize=_CACHE_MAX)
    def actor_of(code: str, name: str, country_code: str, type_code: str, group: str
                 ) -> ActorRef | None:
        code, name, group = _clean(code), _clean(name), _clean(group)
        country_code = _clean(country_code).upper()
        if not code and not name:
            return None
        country = _cameo_country(country_code)
        kind = _clean(type_code).upper()
        display = name.title() if name.isupper() else name
        coded = (f"cameo:{code}",) if code else ()
        if group:
            # The group's own CAMEO code (the GDELT codebook: an IGO, NGO or rebel group
            # "with its own CAMEO code") is its identity: the next row naming the group
            # otherwise ("TALIBAN", "TALIBAN FIGHTERS") finds the same actor, in its country.
            # A code the crosswalk reads as a country would name the state: not kept.
            known = group.upper()
            if names_one_actor(CodeScheme.CAMEO, known) and _cameo_country(known) is None:
                coded = (*coded, f"cameo:{known}")
            return ActorRef(display or code or group, country, codes=coded)
        if country is None:
            return ActorRef(display or code, country, codes=coded)
        # CAMEO codes the state itself with its bare country code, whatever GDELT's name
        # for it ("KHARTOUM", "SUDANESE"); a country name of a state type is the state too.
        if kind in m.gdelt_state_types and (code == country_code or country_by_name(name)):
            codes = tuple(dict.fromkeys((f"cameo:{country_code}", *coded)))
            return ActorRef(display, country, frozenset({ActorKind.STATE}), codes=codes)
        if country_by_name(name) is None:
            return ActorRef(display or code, country, codes=coded)
        # Named only by its country: its military, or the country's group of a type.
        if kind in m.gdelt_military_types:
            return ActorRef(f"Military Forces of {display}", country, codes=coded)
        label = m.gdelt_type_names.get(kind, kind.lower())
        return ActorRef(f"{display} {label}", country, frozenset({ActorKind.OTHER, ActorKind.ARMED_GROUP,
                        ActorKind.PARTY}), codes=coded)

    def day(text: str) -> tuple[date, str]:
        found = dates.get(text)
        if found is None:
            if not text.strip():
                raise BadRow("SQLDATE is empty")
            when = parse_date(text, "SQLDATE", ("%Y%m%d",))
            if len(dates) >= _CACHE_MAX:
                dates.clear()
            found = dates[text] = (when, when.isoformat())
        return found

    def pair(row: Sequence[str], event_code: str
             ) -> tuple[ActorRef | None, ActorRef | None, str, list[ClaimSpec]]:
        first, second = actor1(row), actor2(row)
        key = (event_code, first, second)
        found = pairs.get(key)
        if found is None:
            a1, a2 = actor_of(*first), actor_of(*second)
            category = m.cameo_category(event_code)
            # REQUEST (CAMEO 10) asks for something: it states no relation, as in POLECAT.
            claims = (_category_claims(m, category, [a1], [a2])
                      if a1 and a2 and category and category != PloverCategory.REQUEST else [])
            if len(pairs) >= _CACHE_MAX:
                pairs.clear()
            found = pairs[key] = (a1, a2, category, claims)
        return found

    def mapper(row: Sequence[str]) -> RowEvent:
        if missing:
            row = [*row, ""]
        record = row[i_id].strip()
        if not record:
            raise BadRow("GLOBALEVENTID is empty")
        when, iso = day(row[i_date])
        event_code = row[i_code].strip()
        if not event_code:
            raise BadRow("EventCode is empty")
        if not event_code.isdigit() or len(event_code) < 2:
            raise BadRow(f"EventCode {event_code!r} is not a CAMEO code")
        root = event_code[:2]  # a string: "0231" has root "02", not 2
        a1, a2, category, claims = pair(row, event_code)
        mentions_text = row[i_mentions].strip()
        mentions = (int(mentions_text) or 1) if mentions_text.isdigit() else 1
        place = _clean(row[i_place]) or None
        url = _clean(row[i_url]) or None
        name1, name2 = a1.name if a1 else "", a2.name if a2 else ""
        text = (f"GDELT {iso}: {name1 or '?'} -> {name2 or '?'}: "
                f"CAMEO {root} ({category or 'no relation'})" + (f" in {place}" if place else ""))
        return RowEvent(Dataset.GDELT_EVENTS, record, when, place, None, url, text, list(claims),
                        mentions=mentions, group_key=(name1, name2, root, iso))

    return mapper


_GDELT_ACTOR_PARTS = ("Code", "Name", "CountryCode", "Type1Code", "KnownGroupCode")
_GDELT_READ = ("GLOBALEVENTID", "SQLDATE", "EventCode", "NumMentions", "ActionGeo_FullName",
               "SOURCEURL", *(f"{who}{part}" for who in ("Actor1", "Actor2")
                              for part in _GDELT_ACTOR_PARTS))


# -- POLECAT --------------------------------------------------------------------------------
def polecat(m: Mappings) -> NamedMapper:
    def refs(row: dict[str, str], who: str) -> list[ActorRef]:
        names = split_actors(row.get(f"{who} Name", ""))
        countries = split_actors(row.get(f"{who} Country", ""))
        out = []
        for index, name in enumerate(names):
            code = countries[index] if len(countries) == len(names) else (
                countries[0] if len(countries) == 1 else None)
            country = _alpha2(code)
            # An actor named by its own country is that state: match it by the country code.
            state = country is not None and country_by_name(name) == country
            out.append(ActorRef(name, country, codes=(f"iso3:{code}",) if state and code else ()))
        return out

    def mapper(row: dict[str, str]) -> RowEvent:
        record = _required(row, "Event ID")
        when = parse_date(_required(row, "Event Date"), "Event Date")
        category = _required(row, "Event Type").upper()
        if category not in PloverCategory.__members__:
            raise BadRow(f"Event Type {category!r} is not a PLOVER category")
        actors, recipients = refs(row, "Actor"), refs(row, "Recipient")
        # A request states no relation: pressure from a mediator or a backer is no opposition.
        claims = (_category_claims(m, category, actors, recipients)
                  if actors and recipients and category != PloverCategory.REQUEST else [])
        place = _place(row.get("Placename"), row.get("Province"), row.get("Country"))
        text = (f"POLECAT {record} ({when.isoformat()}): {', '.join(a.name for a in actors) or '?'} "
                f"{category} {', '.join(r.name for r in recipients) or '?'}"
                + (f" ({_clean(row.get('Event Mode'))})" if _clean(row.get("Event Mode")) else "")
                + (f" in {place}" if place else ""))
        return RowEvent(Dataset.POLECAT, record, when, place, _clean(row.get("Source")) or None,
                        None, text, claims)

    return mapper


_NAMED_MAPPERS: dict[Dataset, Callable[[Mappings], NamedMapper]] = {
    Dataset.ACLED: acled,
    Dataset.UCDP_GED: ucdp_ged,
    Dataset.UCDP_ESD: ucdp_esd,
    Dataset.POLECAT: polecat,
}


def mapper_for(fmt: Dataset, mappings: Mappings, columns: Sequence[str] | None = None) -> Mapper:
    """The row mapper of a format, for rows whose fields follow ``columns`` (default: the
    format's standard columns)."""
    names = tuple(columns) if columns is not None else COLUMNS[fmt]
    if fmt is Dataset.GDELT_EVENTS:
        return gdelt(mappings, names)
    named = _NAMED_MAPPERS[fmt](mappings)

    def by_name(row: Sequence[str]) -> RowEvent:
        return named(dict(zip(names, row, strict=False)))

    return by_name
