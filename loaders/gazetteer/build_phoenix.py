"""Convert the Phoenix (PETRARCH/CAMEO) actor dictionaries into gazetteer JSONL.

Run by developers, never at run time; the project only reads the JSONL it
writes::

    python loaders/gazetteer/build_phoenix.py PATH/TO/phoenix [--report FILE]

PATH/TO/phoenix must hold Phoenix.MilNonState.actors.txt,
Phoenix.International.actors.txt and Phoenix.Countries.actors.txt (MIT
licence, see data/PHOENIX-LICENSE.txt).  Output: data/phoenix.jsonl.

What is kept, and why:

* MilNonState: every named militant group, as ``armed_group``.
* International: IGOs (codes ``IGO...``) as ``igo`` and their officials as
  ``person``.  NGOs, companies and media are left out: they are not conflict
  actors, and their short names and acronyms make false matches.
* Countries: people (leaders, ministers, commanders) whose dated roles reach
  2005 or later, plus named state institutions (armies, security services,
  legislatures, parties, rebel groups).  Countries themselves come from
  build_states.py instead.

Entries that denote an actor already in curated.jsonl or states.jsonl are
dropped (curated data wins), as are surface forms that would collide with a
curated or state form, and names too ambiguous to match safely in running
text (ordinary English words, strings shorter than three characters, names
made only of generic institutional words).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = {
    "milnonstate": "Phoenix.MilNonState.actors.txt",
    "international": "Phoenix.International.actors.txt",
    "countries": "Phoenix.Countries.actors.txt",
}
CUTOFF_YEAR = 2005
# Six-digit Phoenix dates (YYMMDD) predate 2015; later two-digit years are 19xx.
CENTURY_PIVOT = 15

# CAMEO role codes that may follow a three-letter country code.  A six-letter
# code whose second half is none of these is a dependent territory ("USAGUM").
ROLE_CODES = {
    "GOV", "MIL", "REB", "OPP", "ELI", "SPY", "COP", "LEG", "JUD", "PTY", "BUS", "MED", "EDU",
    "HLH", "AGR", "DEV", "LAB", "ENV", "HRI", "REF", "REL", "MUS", "CHR", "JEW", "UAF", "INS",
    "SEP", "CVL", "IGO", "NGO", "NGM", "IMG", "CRM", "MNC", "SET", "RAD", "HIN", "BUD", "ATH",
    "MOD", "OCC",
}  # fmt: skip
# Roles of people and bodies that are not conflict actors (sector ministers,
# business, media, clergy...).  GOVMED (information ministers) is kept.
NON_ACTOR_ROLES = {
    "AGR", "BUS", "DEV", "EDU", "ENV", "HLH", "LAB", "REF", "REL", "MUS", "MED", "CHR", "JEW",
    "HIN", "BUD", "ATH", "MNC", "NGO", "SET", "CVL", "RAD",
}  # fmt: skip
ARMED_ROLES = {"MIL", "REB", "UAF", "INS", "SEP", "IMG"}
GOVERNMENT_ROLES = {"GOV", "SPY", "COP", "LEG", "JUD"}
ARMED_WORDS = {
    "ARMY", "FORCES", "FORCE", "BRIGADE", "BRIGADES", "BATTALION", "BATTALIONS", "REGIMENT",
    "CORPS", "GUARD", "GUARDS", "MILITIA", "MILITIAS", "FIGHTERS", "GUERRILLAS", "COMMANDOS",
    "SQUAD", "SQUADS", "LEGION", "DIVISION", "JAISH", "JAYSH", "KATAIB", "KATIBA", "LASHKAR",
    "SARAYA", "SARAYAT", "JUND", "LIWA", "LIWAA",
}  # fmt: skip
AGENCY_WORDS = {
    "AGENCY", "SERVICE", "SERVICES", "BUREAU", "DEPARTMENT", "MINISTRY", "OFFICE", "DIRECTORATE",
    "ADMINISTRATION", "COUNCIL", "ASSEMBLY", "COMMITTEE",
}  # fmt: skip
# Phoenix records that join two people or are otherwise garbled.
EXCLUDED_NAMES = {"jack straw douglas alexander", "anthony crosland then david owen"}

# IGO code fragments -> curated parent id (longest fragment wins).
IGO_PARENTS = {
    "IGOUNO": "united-nations",
    "IGOUNOREFHCR": "unhcr",
    "IGOUNOKID": "unicef",
    "IGOUNOWFP": "world-food-programme",
    "IGOUNOIAE": "international-atomic-energy-agency",
    "IGOUNOHLHWHO": "world-health-organization",
    "IGOUNOJUDICJ": "international-court-of-justice",
    "IGOUNOHRIHCH": "office-of-the-un-high-commissioner-for-human-rights",
    "IGOUNODEVWBK": "world-bank",
    "IGOUNODEV": "un-development-programme",
    "IGOWSTNAT": "nato",
    "IGOEUREEC": "european-union",
    "IGOAFRAFU": "african-union",
    "IGOMEAARL": "arab-league",
    "IGOWAFWAS": "economic-community-of-west-african-states",
    "IGOWAFBUSWAS": "economic-community-of-west-african-states",
    "IGODEVIAD": "intergovernmental-authority-on-development",
    "IGOEAFDEVIAD": "intergovernmental-authority-on-development",
    "IGOMOSOIC": "organisation-of-islamic-cooperation",
    "IGOBUSIMF": "international-monetary-fund",
    "IGOJUDICC": "international-criminal-court",
    "IGOSAFSAD": "southern-african-development-community",
    "IGOSAFDEVSAD": "southern-african-development-community",
    "IGOEAFEAC": "east-african-community",
}

# Words that make a name an organisation rather than a person.
INSTITUTION_WORDS = {
    "ACADEMY", "ADMINISTRATION", "AGENCY", "ALLIANCE", "APPARATUS", "ARMY", "ASSEMBLY",
    "ASSOCIATION", "AUTHORITY", "BANK", "BATTALION", "BATTALIONS", "BLOC", "BOARD", "BRIGADE",
    "BRIGADES", "BUREAU", "CABINET", "CARTEL", "CELL", "CELLS", "CENTER", "CENTRE", "CHAMBER",
    "COALITION", "COLLECTIVE", "COMMAND", "COMMANDOS", "COMMISSION", "COMMITTEE", "COMMITTEES",
    "COMMUNITY", "CONFEDERATION", "CONFERENCE", "CONGRESS", "CORPS", "COUNCIL", "COURT",
    "DEPARTMENT", "DIRECTORATE", "DIVISION", "FACTION", "FEDERATION", "FIGHTERS", "FORCE",
    "FORCES", "FOUNDATION", "FRONT", "FUND", "GOVERNMENT", "GROUP", "GROUPS", "GUARD", "GUARDS",
    "GUERRILLAS", "HOUSE", "INITIATIVE", "INSTITUTE", "INTELLIGENCE", "JUNTA", "LEAGUE", "LEGION",
    "LIBERATION", "MILITIA", "MILITIAS", "MINISTRY", "MISSION", "MOVEMENT", "NETWORK", "NUCLEI",
    "OFFICE", "OPERATION", "OPERATIONS", "ORGANISATION", "ORGANIZATION", "PALACE", "PANEL",
    "PARLIAMENT", "PARTNERSHIP", "PARTY", "POLICE", "PROGRAM", "PROGRAMME", "PROJECT",
    "RAPPORTEUR", "REGIME", "REGIMENT", "REPRESENTATIVE", "REPUBLIC", "RESISTANCE", "SECRETARIAT",
    "SENATE", "SERVICE", "SERVICES", "SOCIETY", "SQUAD", "SQUADS", "TEAM", "TREATY", "TRIBUNAL",
    "UNION", "UNIT", "UNITS", "UNIVERSITY", "ANSAR", "BRIGADAS", "EJERCITO", "FRENTE", "FUERZAS",
    "HARAKAT", "HARKAT", "HIZB", "JABHAT", "JAISH", "JAMAAT", "JAMA'AT", "JAMIAT", "JAYSH", "JUND",
    "KATAIB", "KATIBA", "LASHKAR", "MOVIMIENTO", "SARAYA", "SARAYAT", "TANZIM", "TEHREEK",
    "TEHRIK",
}  # fmt: skip  # the last line: Arabic, Urdu and Spanish organisation words
# Descriptive nouns: "UN envoy", "ASEAN defense ministers" are not actors.
DESCRIPTOR_WORDS = {
    "BODIES", "CHIEF", "CONTINGENT", "EXTREMIST", "COUNTRIES", "DELEGATES", "DELEGATION",
    "ENVOY", "ENVOYS", "MEMBER", "MEMBERS", "MINISTERS", "MONITOR", "MONITORS",
    "OFFICIAL", "OFFICIALS", "PEACEKEEPER", "PEACEKEEPERS", "RESIDENT",
    "SOLDIERS", "SPOKESMAN", "SPOKESPERSON", "SPOKESWOMAN", "STAFF", "TROOPS",
}  # fmt: skip
# Titles that start a person's name; used to spot people listed as group aliases.
PERSON_TITLES = {
    "ABU", "AYATOLLAH", "COLONEL", "COMMANDER", "DR", "DR.", "EMIR", "GENERAL",
    "HAJI", "IMAM", "MAULANA", "MAWLAWI", "MULLAH", "SAYED", "SAYYED", "SHAYKH",
    "SHEIK", "SHEIKH",
}  # fmt: skip
PERSON_FIRST_NAMES = {
    "ABDEL", "ABDUL", "ABDULLAH", "AHMAD", "AHMED", "ALI", "AYMAN", "HASSAN",
    "HUSSEIN", "IBRAHIM", "KHALED", "KHALID", "MARWAN", "MOHAMED", "MOHAMMAD",
    "MOHAMMED", "MUHAMMAD", "MUSTAFA", "OMAR", "OSAMA", "SAMI", "UMAR", "YUSUF",
}  # fmt: skip

# A name made only of these words identifies no single actor ("Security
# Council", "Liberation Army", "Islamic Front").
GENERIC_WORDS = {
    "A", "ACTION", "AFFAIRS", "AGAINST", "AIR", "ALL", "AND", "ANTI", "ARMED",
    "ARMY", "ASSEMBLY", "AUTHORITY", "BORDER", "BRIGADE", "BRIGADES", "CABINET",
    "CELL", "CENTRAL", "CHIEF", "CITIZENS", "CIVIL", "COALITION", "COMMAND",
    "COMMISSION", "COMMITTEE", "COMMUNIST", "COMMUNITY", "CONGRESS",
    "CONSULTATIVE", "COUNCIL", "COURT", "DEFENCE", "DEFENSE", "DEMOCRATIC",
    "DEPARTMENT", "DIRECTORATE", "EXECUTIVE", "FEDERAL", "FIGHTERS", "FOR",
    "FORCE", "FORCES", "FOREIGN", "FREE", "FREEDOM", "FRONT", "GENERAL",
    "GOVERNMENT", "GROUP", "GUARD", "GUARDS", "HIGH", "HOLY", "HOUSE", "IN",
    "INDEPENDENCE", "INTELLIGENCE", "INTERIOR", "INTERNATIONAL", "ISLAMIC",
    "JUSTICE", "LAW", "LEADERSHIP", "LIBERATION", "MILITARY", "MILITIA",
    "MINISTER", "MINISTRY", "MOVEMENT", "MUJAHIDEEN", "MUJAHIDIN", "NATIONAL",
    "NAVY", "OF", "OFFICE", "OPPOSITION", "ORGANIZATION", "ORGANISATION",
    "PARLIAMENT", "PARTY", "PATRIOTIC", "PEACE", "PEOPLE", "PEOPLES",
    "PEOPLE'S", "POLICE", "POPULAR", "PRESIDENT", "PRIME", "PROVISIONAL",
    "PUBLIC", "REBEL", "REBELS", "REGIONAL", "REPRESENTATIVES", "REPUBLIC",
    "REPUBLICAN", "RESISTANCE", "REVOLUTION", "REVOLUTIONARY", "SECRET",
    "SECRETARY", "SECURITY", "SENATE", "SERVICE", "SOCIALIST", "SPECIAL",
    "STATE", "STATES", "SUPREME", "THE", "TRANSITIONAL", "UNION", "UNITED",
    "UNITY", "WORKERS", "WORLD", "YOUTH",
}  # fmt: skip

# Single-token Phoenix names/aliases that are ordinary English (or otherwise
# everyday) words and would match running text case-insensitively.
AMBIGUOUS_WORDS = {
    "action", "alpha", "amal", "anarchist", "army", "assembly", "azov", "badr", "barbecue",
    "black", "brigade", "bush", "cabinet", "cartel", "change", "chief", "commando", "commandos",
    "communist", "congress", "council", "cross", "crusaders", "defenders", "democrat", "dignity",
    "duma", "eagle", "eagles", "fatah", "fighters", "flag", "forces", "freedom", "front", "guard",
    "guardians", "hope", "independence", "jihad", "justice", "kremlin", "lions", "martyrs",
    "militia", "mission", "movement", "muslim", "nation", "national", "navy", "partisans", "party",
    "patriots", "peace", "pentagon", "police", "politburo", "power", "president", "rebels", "red",
    "resistance", "revenge", "revolution", "righteous", "senate", "shield", "soldiers",
    "solidarity", "state", "sword", "tigers", "truth", "union", "unity", "vanguard", "victory",
    "volunteers", "warriors", "white", "wolves", "youth", "ana", "car", "camo", "erg", "eta",
    "eyal", "hum", "isa", "zero", "emetic", "mavericks", "falcon", "machete", "paradise",
    "boogeymen", "aleph", "shahin", "yahweh", "abdullah", "albert", "fahd", "hamzah", "muhannad",
    "salauddin", "stephenson", "strathclyde",
}  # fmt: skip
# Multi-word Phoenix names that are everyday phrases in news text.
AMBIGUOUS_PHRASES = {
    "red line",
    "red flag",
    "red banner",
    "new order",
    "free land",
    "the foundation",
    "the cornerstone",
    "the avengers",
    "the lightning",
    "triple a",
    "action faction",
    "peoples war",
    "jihad group",
    "revolutionary left",
    "direct action",
    "immediate action",
    "international solidarity",
    "friendship society",
    "social resistance",
    "black hand",
    "black star",
    "gods army",
    "jihad base",
    "un mission",
    "we will win",
}
# Words that make an undated Countries record an office, not a person
# ("President of the United States", "Kosovar Prime Minister").
OFFICE_WORDS = {"PRESIDENT", "MINISTER", "CHANCELLOR", "PREMIER", "GOVERNOR", "SECRETARY", "POTUS"}
# Words of a person's title: an institution's alias made of one ("German Chancellor",
# "Bundeskanzler") names its holder, not the institution, and would make the holder's
# title match the institution in running text.
PERSON_TITLE_WORDS = {
    "PRESIDENT", "VICE-PRESIDENT", "MINISTER", "CHANCELLOR", "KANZLER", "BUNDESKANZLER", "PREMIER",
    "GOVERNOR", "SECRETARY", "POTUS", "KING", "QUEEN", "MONARCH", "EMPEROR", "EMIR", "AMIR",
    "SULTAN", "PRINCE", "PRINCESS", "SHAH", "TSAR", "CZAR", "DICTATOR", "PRESIDENTE", "PRESIDENTA",
    "CHAIRMAN", "CHAIRWOMAN", "MAYOR", "AYATOLLAH", "COMMANDER", "GENERAL-SECRETARY",
}  # fmt: skip
KNOWN_ACRONYMS = {
    "UN", "EU", "AU", "US", "USA", "UK", "NATO", "OPEC", "ASEAN", "UNICEF",
    "UNESCO", "UNHCR", "UNDP", "UNFPA", "IAEA", "ICC", "ICJ", "IMF", "WTO", "WHO",
    "OAS", "OAU", "OIC", "GCC", "ECOWAS", "SADC", "IGAD", "CIS", "OSCE", "IRA",
    "ETA", "PLO", "FARC", "ELN", "LTTE", "UNITA", "RENAMO", "FRELIMO", "MEND",
    "ULFA", "NSCN", "AQAP", "AQIM", "ISIS", "ISIL", "UNMIN", "MONUC", "UNSC",
    "OHCHR", "UNESCAP", "UNIFEM", "IPCC", "WFP", "FAO", "ILO", "CEMAC", "SAARC",
    "SAFTA", "SEATO", "OAPEC", "SLMM", "AUPSC", "PSCAU", "IPU", "OFID", "ICCO",
    "IDF", "KRG", "EPA", "FBI", "CIA", "NSA", "DEA", "NASA", "USAID", "ANSF",
}  # fmt: skip
LOWER_PARTICLES = {
    "of", "the", "and", "for", "in", "on", "at", "to", "by", "de", "del", "della",
    "di", "da", "du", "des", "la", "le", "les", "van", "von", "der", "den", "al",
    "el", "bin", "ibn", "bint", "wa", "wal", "y", "e", "ul", "ud", "ur", "ash",
    "as", "an", "ad", "az", "et", "i", "o", "ou", "with", "from", "against",
}  # fmt: skip
ROMAN = re.compile(r"^(II|III|IV|VI|VII|VIII|IX|XI|XII)$")

_CODE = re.compile(r"\[([^\]]*)\]")
_PAREN = re.compile(r"\(([^()]*)\)")


@dataclass
class Restriction:
    """One ``[CODE date-range]`` of a Phoenix entry; years only."""

    code: str
    start: int | None = None
    end: int | None = None
    dated: bool = False

    def reaches(self, year: int) -> bool:
        """True when a dated restriction covers ``year`` or later."""
        return self.dated and (self.end is None or self.end >= year)

    def label(self) -> str:
        """Compact form for notes: "LBYGOV 2006-2008", "LBYELI"."""
        if not self.dated:
            return self.code
        if self.start and self.start == self.end:
            return f"{self.code} {self.start}"
        return f"{self.code} {self.start or ''}-{self.end or ''}"


@dataclass
class RawEntry:
    """A Phoenix record: primary phrases, '+' synonyms and code restrictions."""

    names: list[str]
    aliases: list[str] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    line: int = 0  # where the entry starts, for debugging conversions


@dataclass
class Record:
    """An output gazetteer record before ids are assigned."""

    name: str
    kind: str
    aliases: list[str]
    country: str | None
    parent: str | None
    note: str
    origin: str
    codes: tuple[str, ...] = ()


def parse_year(text: str) -> int | None:
    """Year of a Phoenix YYYYMMDD or YYMMDD date; None when malformed."""
    if re.fullmatch(r"\d{8}", text):
        return int(text[:4])
    if re.fullmatch(r"\d{6}", text):
        yy = int(text[:2])
        return 2000 + yy if yy <= CENTURY_PIVOT else 1900 + yy
    return None


def parse_restriction(body: str) -> Restriction | None:
    """``CODE``, ``CODE >date``, ``CODE <date`` or ``CODE d1-d2``."""
    parts = body.split()
    if not parts:
        return None
    code, rest = parts[0], "".join(parts[1:])
    if not rest:
        return Restriction(code)
    if rest.startswith(">"):
        return Restriction(code, parse_year(rest[1:]), None, True)
    if rest.startswith("<"):
        return Restriction(code, None, parse_year(rest[1:]) or 0, True)
    if "-" in rest:
        first, _, last = rest.partition("-")
        start, end = parse_year(first), parse_year(last)
        if end is None:  # malformed end date: keep what the start tells
            end = start or 0
        return Restriction(code, start, end, True)
    return Restriction(code)


def read_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Lines decoded as UTF-8, falling back to Latin-1 (the files mix both)."""
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, raw.decode("latin-1")


def _shares_word(first: str, second: str) -> bool:
    """True when two phrases share a distinctive word (a surname, say)."""

    def words(text: str) -> set[str]:
        return {
            w
            for w in re.split(r"[_\s\-'.]+", text.upper())
            if len(w) >= 4 and w not in GENERIC_WORDS and w.lower() not in LOWER_PARTICLES
        }

    return bool(words(first) & words(second))


def parse_actor_file(path: Path) -> list[RawEntry]:
    """Parse a PETRARCH actor dictionary into raw entries.

    Consecutive primary lines without codes form one group (they share the
    restrictions that follow); a blank line ends a group; '+' lines after a
    blank line still belong to the previous entry (MilNonState does that).
    """
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    for number, line in read_lines(path):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        content = line.split("#", 1)[0].rstrip()
        if not content.strip():
            if not stripped:
                current = None
            continue
        codes = [r for r in map(parse_restriction, _CODE.findall(content)) if r]
        text = _CODE.sub(" ", content)
        target = current or (entries[-1] if entries else None)
        if line[0] in " \t":
            if target is None:
                continue
            target.restrictions.extend(codes)
            if text.strip():
                target.names.append(text.strip())
        elif line[0] == "+":
            if target is None:
                continue
            target.aliases.append(text[1:].strip())
            target.restrictions.extend(codes)
        elif current is not None and not current.restrictions:
            # Codeless primaries share the restrictions that follow them:
            # spelling variants of one name become names of one entry,
            # unrelated names become sibling entries sharing the same list.
            if _shares_word(current.names[0], text):
                current.names.append(text.strip())
            else:
                current = RawEntry([text.strip()], [], current.restrictions, number)
                entries.append(current)
            current.restrictions.extend(codes)
        else:
            current = RawEntry([text.strip()], [], codes, number)
            entries.append(current)
    return entries


def clean_phrase(phrase: str) -> list[str]:
    """Phoenix phrase -> display strings (several when '+' joins two names)."""
    out: list[str] = []
    for part in phrase.split("+"):
        part = part.replace("_", " ")
        if part.count("(") != part.count(")"):
            part = part.replace("(", " ").replace(")", " ")
        part = re.sub(r"\s+", " ", part).strip(" ,;:-")
        if part:
            out.append(part)
    return out


def _is_acronym(word: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", word)
    if not letters:
        return False
    if word.upper() in KNOWN_ACRONYMS:
        return True
    if "." in word and len(letters) <= 4:
        return True
    return len(letters) >= 2 and not re.search(r"[AEIOUYaeiouy]", letters)


def _cap(word: str) -> str:
    """Capitalise one word, handling apostrophes and 'Mc'."""
    if not word:
        return word
    if "'" in word:
        head, _, tail = word.partition("'")
        if len(head) == 1:  # O'Kennedy, D'Escoto
            return head.upper() + "'" + _cap(tail)
        return _cap(head) + "'" + tail.lower()
    if word.upper().startswith("MC") and len(word) > 3:
        return "Mc" + word[2:].capitalize()
    return word[:1].upper() + word[1:].lower()


def title_case(text: str, single_is_acronym: bool = False) -> str:
    """Title-case an upper-case Phoenix name, keeping acronyms upper-case."""
    words = text.split(" ")
    if single_is_acronym and len(words) == 1 and len(text) <= 4:
        return text.upper()
    out: list[str] = []
    for index, word in enumerate(words):
        if _is_acronym(word) or (index and ROMAN.match(word.upper())):
            out.append(word.upper())
            continue
        parts = re.split(r"([-/])", word)  # pieces at even, separators at odd indexes
        pieces = parts[::2]
        for pos, piece in enumerate(pieces):
            low = piece.lower()
            first = index == 0 and pos == 0
            last_piece = pos == len(pieces) - 1
            if not first and low in LOWER_PARTICLES and (len(pieces) == 1 or not last_piece):
                parts[2 * pos] = low
            elif _is_acronym(piece) and len(pieces) > 1:
                parts[2 * pos] = piece.upper()
            else:
                parts[2 * pos] = _cap(piece)
        out.append("".join(parts))
    return " ".join(out)


def split_parentheses(text: str) -> tuple[str, list[str]]:
    """Move acronym-like parentheticals "(AAIA)" out of a name into aliases."""
    extra: list[str] = []

    def repl(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        if norm(inner) in _PLACE_NAMES:  # "DIRECT_ACTION_(GREECE)": a disambiguator
            return " "
        if re.fullmatch(r"[A-Z0-9.\-&/]{2,10}", inner):
            extra.append(inner)
            return " "
        return match.group(0)

    name = re.sub(r"\s+", " ", _PAREN.sub(repl, text)).strip(" ,;:-")
    return name, extra


def norm(text: str) -> str:
    """Matching key: accents, case, dots, apostrophes, hyphens and 'the' ignored."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['’`.,]", "", text.casefold())
    text = re.sub(r"[\s\-–/]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def slugify(text: str) -> str:
    """Lowercase ASCII slug, the rule of graph.model.slugify, so ids agree."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:120]


def _upper_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", text.upper()) if w]


def is_institution(text: str) -> bool:
    """Name contains an organisation word, so it is not a person."""
    return any(w.strip(".,()") in INSTITUTION_WORDS for w in _upper_words(text))


# Words in group names that INSTITUTION_WORDS lacks ("Jemaah Islamiyah",
# "Caucasian Mujahideen", "D Company"): used before calling a name a person's.
GROUP_HINTS = {
    "AUM", "COMMANDO", "COMPANY", "ISLAMI", "ISLAMIA", "ISLAMIAH", "ISLAMIYA", "ISLAMIYAH",
    "JIHAD", "MUJAHIDEEN", "MUJAHIDEN", "MUJAHIDIN", "QAEDA", "QAIDA", "QAI'DA", "QAI'DAH",
    "TAIBA", "TAYYABA", "TAYYIBA", "TOIBA",
}  # fmt: skip


def is_groupish(text: str) -> bool:
    """Institution words, group hints or a lone acronym: not a person."""
    words = {re.sub(r"^(AL|EL)-", "", w.strip(".,()")) for w in _upper_words(text)}
    return is_institution(text) or bool(words & GROUP_HINTS) or (len(words) == 1 and _is_acronym(text))


def is_person_title(text: str) -> bool:
    """ "German Chancellor", "Federal Chancellor of Germany": an office held by a person,
    with no institution word ("Office of the President", "Council of Ministers" stay)."""
    words = {w.strip(".,()'") for w in _upper_words(text)}
    return bool(words & PERSON_TITLE_WORDS) and not is_institution(text)


def is_descriptor(text: str) -> bool:
    """Generic descriptions such as "UN envoy" name no actor."""
    return any(w.strip(".,()") in DESCRIPTOR_WORDS for w in _upper_words(text))


def looks_like_person(text: str, strict: bool = True) -> bool:
    """Heuristic for names that are really a person's: a title, a common first
    name or "bin"/"ibn".  ``strict`` also requires two or more words."""
    words = [w.strip(".,()") for w in _upper_words(text)]
    if is_institution(text) or (strict and len(words) < 2):
        return False
    return (
        words[0] in PERSON_TITLES
        or any(w in PERSON_FIRST_NAMES for w in words)
        or any(w in {"BIN", "IBN", "BINT"} for w in words[1:])
    )


def ambiguity(text: str) -> str | None:
    """Why a surface form is unsafe to match, or None when it is fine."""
    letters = re.sub(r"[^\w]", "", text)
    if len(letters) < 3:
        return "too short"
    words = [w for w in re.split(r"[\s]+", text) if w]
    if len(words) == 1 and norm(text) in AMBIGUOUS_WORDS:
        return "common word"
    if norm(text) in AMBIGUOUS_PHRASES:
        return "common phrase"
    upper = [w.strip(".,()").upper() for w in re.split(r"[\s\-]+", text) if w]
    if all(w in GENERIC_WORDS for w in upper):
        return "generic words only"
    if re.search(r",\s*THEN\b", text, re.IGNORECASE) or not re.search(r"[^\W\d_]", text):
        return "malformed"
    return None


_ALPHA3: dict[str, str] = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
_PLACE_NAMES = {
    norm(name)
    for c in pycountry.countries
    for name in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""))
    if name
} | {"uk", "usa", "us", "britain", "palestine", "kosovo", "turkey", "iran", "syria"}


def country_of(codes: Iterable[str]) -> str | None:
    """ISO alpha-2 from the first code whose prefix is an ISO alpha-3 code."""
    for code in codes:
        if code[:3] in _ALPHA3:
            return _ALPHA3[code[:3]]
    return None


def igo_parent(codes: Iterable[str]) -> str | None:
    """Curated parent id for the most specific known IGO code fragment."""
    best: tuple[int, str] | None = None
    for code in codes:
        for fragment, parent in IGO_PARENTS.items():
            if code.startswith(fragment) and (best is None or len(fragment) > best[0]):
                best = (len(fragment), parent)
    return best[1] if best else None


def summarize(restrictions: list[Restriction], limit: int = 3) -> str:
    """Short, de-duplicated CAMEO code summary for the record note."""
    labels = list(dict.fromkeys(r.label() for r in restrictions if r.code != "---"))
    more = f" +{len(labels) - limit}" if len(labels) > limit else ""
    return "Phoenix " + "; ".join(labels[:limit]) + more


def roles_of(code: str) -> list[str]:
    """CAMEO role chunks after the country part: "AFGGOVMIL" -> ["GOV", "MIL"]."""
    body = code[3:] if code[:3] not in ROLE_CODES else code
    return [body[i : i + 3] for i in range(0, len(body) - 2, 3)]


def is_non_actor(code: str) -> bool:
    """Sector ministers, business people, media and clergy are not kept."""
    roles = roles_of(code)
    if not roles:
        return False
    if roles[0] in NON_ACTOR_ROLES:
        return True
    return roles[0] == "GOV" and len(roles) > 1 and roles[1] in NON_ACTOR_ROLES - {"MED"}


def recent(entry: RawEntry) -> list[Restriction]:
    """Restrictions that count for the 2005 cut-off.

    Dated ones must reach 2005; an entry with no dated role at all (later,
    hand-added Phoenix records) counts by its undated codes.
    """
    dated = [r for r in entry.restrictions if r.dated]
    if not dated:
        return [r for r in entry.restrictions if r.code != "---"]
    return [r for r in dated if r.reaches(CUTOFF_YEAR)]


def latest(restrictions: list[Restriction]) -> Restriction | None:
    """The restriction that ends last (open-ended ones count as current)."""
    if not restrictions:
        return None
    return max(restrictions, key=lambda r: (r.dated, r.end if r.end is not None else 9999))


def display_forms(entry: RawEntry, acronym_single: bool) -> tuple[str, list[str]]:
    """Canonical display name and aliases of a raw entry."""
    phrases: list[str] = []
    for raw in entry.names + entry.aliases:
        phrases.extend(clean_phrase(raw))
    forms: list[str] = []
    for phrase in phrases:
        base, extra = split_parentheses(phrase)
        for form in [base, *extra]:
            if form:
                forms.append(title_case(form, acronym_single or form in extra))
    if not forms:
        return "", []
    return forms[0], forms[1:]


def _raw_name(entry: RawEntry) -> str:
    if not entry.names:
        return ""
    cleaned = clean_phrase(entry.names[0])
    return split_parentheses(cleaned[0])[0] if cleaned else ""


def convert_milnonstate(entries: list[RawEntry]) -> Iterator[Record]:
    """Militant groups as armed_group; their members (Phoenix marks them with a
    trailing double underscore, "HAMBALI__") as person.  Defunct dated-only
    entries are dropped."""
    for entry in entries:
        if not recent(entry) and entry.restrictions:
            continue
        first = entry.names[0].strip() if entry.names else ""
        raw_name = _raw_name(entry)
        if not raw_name or is_descriptor(raw_name):
            continue
        person = not is_groupish(raw_name) and (first.endswith("__") or looks_like_person(raw_name))
        name, aliases = display_forms(entry, acronym_single=not person)
        codes = tuple(r.code for r in entry.restrictions)
        yield Record(
            name, "person" if person else "armed_group", aliases, country_of(codes), None,
            summarize(entry.restrictions), "milnonstate", codes,
        )  # fmt: skip


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.){1,3}", word)) and word not in {"U.N.", "U.S.", "E.U.", "U.K."}


def convert_international(entries: list[RawEntry]) -> Iterator[Record]:
    """IGOs and IGO officials; NGOs, companies and media are skipped."""
    for entry in entries:
        codes = tuple(r.code for r in entry.restrictions)
        if not any(code.startswith("IGO") for code in codes):
            continue
        raw_name = _raw_name(entry)
        if not raw_name or is_descriptor(raw_name):
            continue
        words = raw_name.split()
        dated = any(r.dated for r in entry.restrictions)
        acronyms = any(_is_acronym(w) and not _is_initial(w) for w in words)
        connective = any(w.upper() in {"OF", "FOR", "AND", "THE", "ON", "AGAINST"} for w in words)
        person = (
            not is_institution(raw_name) and not connective and (dated or (len(words) >= 2 and not acronyms))
        )
        if entry.restrictions and not recent(entry):
            continue  # people whose roles ended before 2005, defunct bodies
        name, aliases = display_forms(entry, acronym_single=not person)
        igo_codes = [c for c in codes if c.startswith("IGO")]
        other = [c for c in codes if not c.startswith("IGO")]
        yield Record(
            name,
            "person" if person else "igo",
            aliases,
            country_of(other) if person else None,
            igo_parent(igo_codes),
            summarize(entry.restrictions),
            "international",
            tuple(igo_codes),
        )


def institution_kind(raw_name: str, restrictions: list[Restriction]) -> str | None:
    """Kind of a named state body or movement in the Countries file, or None."""
    last = latest(restrictions)
    if last is None or is_non_actor(last.code):
        return None
    roles = set(roles_of(last.code))
    words = {w.strip(".,()") for w in _upper_words(raw_name)}
    if "PTY" in roles or "PARTY" in words:
        return "party"
    if words & ARMED_WORDS or roles & (ARMED_ROLES - {"MIL"}):
        return "armed_group"
    if "MIL" in roles:
        return "government" if words & AGENCY_WORDS else "armed_group"
    if "OPP" in roles:
        return "party"
    if roles & GOVERNMENT_ROLES:
        return "government"
    return None


def convert_countries(entries: list[RawEntry]) -> Iterator[Record]:
    """Recent leaders and named state institutions (not countries themselves)."""
    for entry in entries:
        codes = tuple(r.code for r in entry.restrictions if r.code != "---")
        if not codes:
            continue
        roles = {c[3:6] for c in codes if len(c) >= 6}
        if any(len(c) == 3 for c in codes) or (roles and not roles & ROLE_CODES):
            continue  # a country, region or dependent territory: see build_states.py
        raw_name = _raw_name(entry)
        if not raw_name or is_descriptor(raw_name) or norm(raw_name) in EXCLUDED_NAMES:
            continue
        keep = recent(entry)
        if not keep:
            continue
        dated = any(r.dated for r in entry.restrictions)
        if not dated and set(_upper_words(raw_name)) & OFFICE_WORDS:
            continue  # an office ("Kosovar Prime Minister"), not a person
        single = len(raw_name.split()) == 1
        armed_role = any(set(roles_of(c)) & ARMED_ROLES for c in codes)
        if (
            is_institution(raw_name)
            or (single and not dated)
            or (not dated and armed_role and not looks_like_person(raw_name, strict=False))
        ):
            kind = institution_kind(raw_name, keep)
            if kind is None:
                continue
        else:
            if all(is_non_actor(r.code) for r in keep):
                continue
            kind = "person"
        name, aliases = display_forms(entry, acronym_single=kind != "person")
        yield Record(
            name, kind, aliases, country_of(codes), None,
            summarize(entry.restrictions), "countries", codes,
        )  # fmt: skip


@dataclass
class Report:
    """What the build dropped, for the developer's review."""

    counts: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)

    def add(self, reason: str, detail: str) -> None:
        self.counts[reason] += 1
        self.lines.append(f"{reason}\t{detail}")


def load_reference(paths: Iterable[Path]) -> dict[str, str]:
    """Surface-form key -> id for every curated and state record."""
    forms: dict[str, str] = {}
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            for form in [record["name"], *record["aliases"], *record["adjectives"], *record["metonyms"]]:
                forms.setdefault(norm(form), record["id"])
    return forms


def _canonical_ids(paths: Iterable[Path]) -> tuple[set[str], dict[str, str]]:
    ids: set[str] = set()
    names: dict[str, str] = {}
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                ids.add(record["id"])
                names[norm(record["name"])] = record["id"]
    return ids, names


# "Abu Abdullah", "Abu Talha": a bare kunya names thousands of people.
_KUNYA = re.compile(r"(?:Abu|Abou|Umm) [\w'-]+", re.IGNORECASE)


def _fuzzy(text: str) -> str:
    key = norm(text).replace(" ", "")
    for british, american in (
        ("organisation", "organization"),
        ("labour", "labor"),
        ("programme", "program"),
        ("centre", "center"),
        ("defence", "defense"),
    ):
        key = key.replace(british, american)
    return key


def _acronym(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in LOWER_PARTICLES]
    return "".join(w[0] for w in words).upper()


def _compatible(a: Record, b: Record) -> bool:
    return a.kind == b.kind and (a.country == b.country or a.country is None or b.country is None)


def _merge_into(target: Record, other: Record) -> None:
    target.aliases.extend([other.name, *other.aliases])
    if other.note not in target.note:
        target.note = f"{target.note}; {other.note.removeprefix('Phoenix ')}"
    target.parent = target.parent or other.parent
    target.country = target.country or other.country


def _merge_phoenix(records: list[Record]) -> list[Record]:
    """Fold Phoenix records that denote one actor.

    Phoenix lists spelling variants as separate records sharing a code; here
    they merge when their names match loosely, when one name is the other's
    acronym (same IGO code), or when one record lists the other's name as an
    alias.
    """
    out: list[Record] = []
    by_key: dict[tuple[str, str], Record] = {}
    for rec in records:
        key = (_fuzzy(rec.name), rec.kind)
        if key in by_key and _compatible(by_key[key], rec):
            _merge_into(by_key[key], rec)
        else:
            by_key[key] = rec
            out.append(rec)
    # IGO acronyms: "ASEAN" and "Association of South East Asian Nations".
    by_code: dict[tuple[str, ...], list[Record]] = defaultdict(list)
    for rec in out:
        if rec.kind == "igo" and rec.codes:
            by_code[rec.codes].append(rec)
    dropped: set[int] = set()
    for group in by_code.values():
        for long in group:
            for short in group:
                if (
                    short is not long
                    and id(short) not in dropped
                    and id(long) not in dropped
                    and " " not in short.name
                    and norm(short.name).upper() in {_acronym(f) for f in [long.name, *long.aliases]}
                ):
                    _merge_into(long, short)
                    dropped.add(id(short))
    out = [r for r in out if id(r) not in dropped]
    # A record listing another record's name as an alias absorbs it.
    by_name: dict[str, list[Record]] = defaultdict(list)
    for rec in out:
        by_name[norm(rec.name)].append(rec)
    for rec in out:
        if id(rec) in dropped:
            continue
        for alias in list(rec.aliases):
            for other in by_name.get(norm(alias), []):
                if other is not rec and id(other) not in dropped and _compatible(rec, other):
                    _merge_into(rec, other)
                    dropped.add(id(other))
    return [r for r in out if id(r) not in dropped]


def finalize(
    records: Iterable[Record],
    reference: dict[str, str],
    taken_ids: set[str],
    canonical: dict[str, str],
    report: Report,
) -> list[dict[str, object]]:
    """Filter ambiguous forms, drop curated duplicates, merge, assign ids."""
    cleaned: list[Record] = []
    for rec in records:
        forms: list[str] = []
        for form in [rec.name, *rec.aliases]:
            why = ambiguity(form)
            if why:
                report.add(f"ambiguous ({why})", f"{form}\t[{rec.origin}: {rec.name}]")
            else:
                forms.append(form)
        if not forms:
            continue
        keys = [norm(f) for f in forms]
        hits = [reference[k] for k in keys if k in reference]
        named = [canonical[k] for k in keys if k in canonical]
        if keys[0] in reference or named or (hits and len(hits) * 2 >= len(forms)):
            target = reference.get(keys[0]) or (named or hits or ["?"])[0]
            report.add("same actor as curated/state", f"{rec.name}\t-> {target}")
            continue
        if rec.kind == "person" and " " not in forms[0]:
            longer = [f for f in forms if " " in f]
            if not longer:  # "Fahd", "Albert": a bare first name is not safe
                report.add("single-word person name", f"{forms[0]}\t[{rec.origin}]")
                continue
            forms.remove(longer[0])
            forms.insert(0, longer[0])
            keys = [norm(f) for f in forms]
        kept: list[str] = []
        for form, key in zip(forms, keys, strict=True):
            if key in reference:
                report.add("form owned by curated/state", f"{form}\t[{rec.name}] -> {reference[key]}")
            elif rec.kind != "person" and kept and looks_like_person(form):
                report.add("person listed as group alias", f"{form}\t[{rec.name}]")
            elif rec.kind != "person" and kept and is_person_title(form) and not is_person_title(kept[0]):
                # an institution's alias naming its head; an office entry keeps its own
                # ("UN Secretary General")
                report.add("person title listed as group alias", f"{form}\t[{rec.name}]")
            else:
                kept.append(form)
        if kept:
            cleaned.append(
                Record(kept[0], rec.kind, kept[1:], rec.country, rec.parent, rec.note, rec.origin, rec.codes)
            )

    merged = _merge_phoenix(cleaned)
    group_forms = {norm(f) for r in merged if r.kind != "person" for f in [r.name, *r.aliases]}
    out: list[dict[str, object]] = []
    used = set(taken_ids)
    for rec in merged:
        if rec.kind == "person":
            if norm(rec.name) in group_forms or _KUNYA.fullmatch(rec.name):
                report.add("person name clashes with a group or is a bare kunya", rec.name)
                continue
            rec.aliases = [a for a in rec.aliases if norm(a) not in group_forms and not _KUNYA.fullmatch(a)]
        base = slugify(rec.name)
        if not base:
            report.add("no slug", rec.name)
            continue
        slug = base if base not in used else f"{base}-{(rec.country or rec.kind).lower()}"
        counter = 2
        while slug in used:
            slug = f"{base}-{counter}"
            counter += 1
        used.add(slug)
        seen = {norm(rec.name)}
        aliases: list[str] = []
        for alias in rec.aliases:
            if norm(alias) not in seen:
                seen.add(norm(alias))
                aliases.append(alias)
        out.append(
            {
                "id": slug,
                "name": rec.name,
                "kind": rec.kind,
                "aliases": aliases,
                "adjectives": [],
                "metonyms": [],
                "country": rec.country,
                "parent": rec.parent if rec.parent in taken_ids else None,
                "source": "phoenix",
                "note": rec.note,
            }
        )
    return out


def build(phoenix_dir: Path, data_dir: Path, report: Report) -> list[dict[str, object]]:
    """Parse the three Phoenix files and return the output records."""
    parsed = {key: parse_actor_file(phoenix_dir / name) for key, name in FILES.items()}
    records: list[Record] = [
        *convert_milnonstate(parsed["milnonstate"]),
        *convert_international(parsed["international"]),
        *convert_countries(parsed["countries"]),
    ]
    reference_files = [data_dir / "curated.jsonl", data_dir / "states.jsonl"]
    taken, canonical = _canonical_ids(reference_files)
    return finalize(records, load_reference(reference_files), taken, canonical, report)


def main(argv: list[str] | None = None) -> int:
    """CLI entry point: read Phoenix from the given folder, write phoenix.jsonl."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("phoenix_dir", type=Path, help="folder with the Phoenix *.actors.txt files")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="gazetteer data folder")
    parser.add_argument("--report", type=Path, help="write every dropped form and why to this file")
    args = parser.parse_args(argv)
    missing = [name for name in FILES.values() if not (args.phoenix_dir / name).is_file()]
    if missing:
        print(f"missing in {args.phoenix_dir}: {', '.join(missing)}", file=sys.stderr)
        return 1
    report = Report()
    records = build(args.phoenix_dir, args.data_dir, report)
    out = args.data_dir / "phoenix.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    kinds = Counter(str(r["kind"]) for r in records)
    print(f"wrote {len(records)} records to {out}: {dict(sorted(kinds.items()))}")
    for reason, count in sorted(report.counts.items()):
        print(f"  dropped {count:5d} {reason}")
    if args.report:
        args.report.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
