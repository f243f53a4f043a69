"""The extraction rules as data: reading, merging and checking the rule files.

Two packaged files in ``rules/`` hold the words the constructions look for:

* ``triggers.jsonl``: one trigger a line, a lemma of one table (``VERBS``,
  ``ROLE_NOUNS``, ``SUPPORT_NOUNS``, ``ATTACK_NOUNS``, ``COMPOUND_PARTICIPLES``)
  with the ``Sense`` it states; a ``VERBS`` trigger may be a phrase headed by its
  verb ("cut ties", "come to aid"), and a sense may give a PLOVER ``mode``;
* ``cameo_triggers.jsonl``: the event triggers converted from the CAMEO verb
  dictionary (``cameo.py``), read after ``triggers.jsonl``: a hand trigger with the
  same table and lemma wins;
* ``plover_relations.toml``: the relation type and polarity of each event category
  (and of a mode that reads otherwise), for triggers whose sense names no type;
  ``cameo_plover.tsv``, the CAMEO -> PLOVER table, gives each category's modes;
* ``words.toml``: the plain word sets (``LIGHT_VERBS``, ``HEDGE_ADVERBS``, ...),
  and the groups of sets that must not share a word;
* ``anchors.jsonl``: one line per construction, the one-token spaCy ``Matcher``
  pattern of the cheap condition it checks first (its anchor); a construction is
  only tried on the tokens its anchor matched. ``read_anchors`` reads and checks
  the file against the registered constructions and the word sets its patterns
  name (``IN_SET``, ``VERB_FORMS``); ``resolve_pattern`` turns those names into
  plain ``IN`` lists;
* ``frames.jsonl``: spaCy ``DependencyMatcher`` patterns, each naming the
  roles (``types.Role``) its nodes fill for the node ``predicate``;
  ``read_frames`` reads and checks them, ``load_frames`` merges the user's.

A user's JSONL file of triggers (``CONFLICTGRAPH_RULES``) adds triggers or
replaces packaged ones, by ``id`` or by table and lemma; its lines with
``roles`` are frame patterns, which add patterns or replace packaged ones by ``id``. ``load_rules`` builds
the tables and stops at a broken file; ``check_rules`` reads every file to the
end and lists every problem with its file and line (``conflictgraph rules
check``). The format is in docs/extraction.md, "Rules as data".
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass, field, replace
from enum import Enum, StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from ...graph.model import PloverCategory, Polarity, RelationType
from .types import Role, Sense

__all__ = [
    "ANCHOR_OPERATORS",
    "PACKAGED_ANCHORS",
    "PACKAGED_CAMEO",
    "PACKAGED_FRAMES",
    "PACKAGED_MODES",
    "PACKAGED_RELATIONS",
    "PACKAGED_TRIGGERS",
    "PACKAGED_WORDS",
    "PAIR_SETS",
    "WORD_SETS",
    "Anchor",
    "FramePattern",
    "PhraseIndex",
    "PloverRelations",
    "Problem",
    "RuleCheck",
    "RuleError",
    "Rules",
    "Trigger",
    "TriggerPos",
    "TriggerTable",
    "check_frames",
    "check_rules",
    "load_frames",
    "load_rules",
    "plover_relations",
    "read_anchors",
    "read_frames",
    "read_relations",
    "resolve_pattern",
]

RULES_DIR = Path(__file__).resolve().parent / "rules"
PACKAGED_TRIGGERS = RULES_DIR / "triggers.jsonl"
PACKAGED_WORDS = RULES_DIR / "words.toml"
PACKAGED_ANCHORS = RULES_DIR / "anchors.jsonl"
PACKAGED_FRAMES = RULES_DIR / "frames.jsonl"
PACKAGED_CAMEO = RULES_DIR / "cameo_triggers.jsonl"
PACKAGED_RELATIONS = RULES_DIR / "plover_relations.toml"
PACKAGED_MODES = RULES_DIR / "cameo_plover.tsv"


class TriggerPos(StrEnum):
    """What a trigger's token is: spaCy's fine-grained tag tells them apart."""

    VERB = "VERB"
    NOUN = "NOUN"
    PARTICIPLE = "PARTICIPLE"  # the second half of "Iran-backed"


class TriggerTable(StrEnum):
    """The trigger tables of the lexicon; each reads one part of speech."""

    VERBS = "VERBS"
    ROLE_NOUNS = "ROLE_NOUNS"
    SUPPORT_NOUNS = "SUPPORT_NOUNS"
    ATTACK_NOUNS = "ATTACK_NOUNS"
    COMPOUND_PARTICIPLES = "COMPOUND_PARTICIPLES"

    @property
    def pos(self) -> TriggerPos:
        return _TABLE_POS[self]


_TABLE_POS = {
    TriggerTable.VERBS: TriggerPos.VERB,
    TriggerTable.ROLE_NOUNS: TriggerPos.NOUN,
    TriggerTable.SUPPORT_NOUNS: TriggerPos.NOUN,
    TriggerTable.ATTACK_NOUNS: TriggerPos.NOUN,
    TriggerTable.COMPOUND_PARTICIPLES: TriggerPos.PARTICIPLE,
}


# The word sets words.toml must define, each a set of single lower-case tokens.
WORD_SETS: tuple[str, ...] = (
    "APPROVED_NOUNS", "MEDIATION_VERBS", "TITLE_LEADS", "TITLE_PAIRS", "BETWEEN_HOSTILE",
    "PEACE_NOUNS", "PEACE_MODIFIERS", "AGREEMENT_NOUNS", "HOSTILE_ACTIVITY", "STOPPAGE_NOUNS", "TALK_NOUNS",
    "SWAP_NOUNS", "CAPTIVE_NOUNS",
    "CONDUCT_NOUNS", "COST_NOUNS", "IMPOSING_VERBS", "UNDERGOING_VERBS", "LIGHT_VERBS",
    "DEPLOYING_VERBS", "PROJECTILE_NOUNS", "FIRING_VERBS", "QUANTITY_NOUNS", "EXCHANGE_VERBS",
    "EXCHANGED_NOUNS", "FORCE_NOUNS", "GOVERNMENT_NOUNS", "GENERIC_STATE_WORDS", "EFFORT_NOUNS",
    "PERSON_ROLE_NOUNS", "TARGET_NOUNS", "VESSEL_NOUNS", "CIVILIAN_VESSEL_WORDS",
    "GENERIC_GROUP_NOUNS", "DESIGNATION_WORDS", "COLLECTIVE_NOUNS", "BACKER_PARTICIPLES", "HEDGE_ADVERBS",
    "HEDGE_VERBS", "PASSIVE_HEDGE_VERBS", "NEGATING_VERBS", "ENDING_VERBS", "ENDED_MODIFIERS",
    "HYPOTHETICAL_AUX", "HYPOTHETICAL_VERBS", "HYPOTHETICAL_ADJECTIVES", "COMMITMENT_VERBS",
    "FINDING_VERBS", "ENABLING_VERBS", "SPEECH_VERBS", "DISPUTING_VERBS", "DISPUTED_NOUNS",
    "REPORTING_VERBS", "ELABORATING_VERBS", "MEMBERSHIP_BODY_WORDS",
)
# Sets of two-word titles, written "prime minister": each entry is exactly two tokens.
PAIR_SETS = frozenset({"TITLE_PAIRS"})
_DISJOINT_KEY = "disjoint"

# Words the parser attaches as a preposition (prep, agent, dative): a trigger's
# "preps" outside this list could never introduce the other role.
_PREPOSITIONS = frozenset(
    [
        "aboard", "about", "above", "across", "after", "against", "along", "alongside", "amid",
        "amidst", "among", "amongst", "around", "as", "at", "atop", "before", "behind", "below",
        "beneath", "beside", "besides", "between", "beyond", "by", "despite", "down", "during", "for",
        "from", "in", "inside", "into", "like", "near", "of", "off", "on", "onto", "opposite", "out",
        "outside", "over", "past", "per", "regarding", "since", "through", "throughout", "to",
        "toward", "towards", "under", "underneath", "until", "unto", "up", "upon", "versus", "via",
        "with", "within", "without",
    ]
)
_TRIGGER_FIELDS = frozenset({"id", "table", "lemma", "pos", "sense", "note", "cameo"})
_REQUIRED_FIELDS = ("id", "table", "lemma", "pos", "sense")
_SENSE_FIELDS = frozenset({"type", "category", "mode", "preps", "direct", "reverse", "confidence",
                           "ended", "ends"})
_CAMEO_CODE = re.compile(r"\d{2,4}")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a rule file, where it is."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line == 0:  # the file as a whole
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


class RuleError(ValueError):
    """A rule file that cannot be used; names every problem with its file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        listed = "\n".join(f"  {p}" for p in problems)
        super().__init__(
            f"the extraction rules have {len(problems)} problem(s); fix them, or unset "
            f"CONFLICTGRAPH_RULES if the file is yours, then run `conflictgraph rules check`:\n"
            f"{listed}"
        )


@dataclass(frozen=True, slots=True)
class Trigger:
    """One line of a trigger file: a lemma of one table and the sense it states."""

    id: str
    table: TriggerTable
    lemma: str
    pos: TriggerPos
    sense: Sense
    file: str
    line: int
    note: str = ""
    cameo: str = ""  # the CAMEO code of a converted trigger

    @property
    def key(self) -> tuple[TriggerTable, str]:
        return (self.table, self.lemma)

    @property
    def words(self) -> tuple[str, ...]:
        """The phrase's words, the head first: ("cut", "ties"); one for a one-word trigger."""
        return tuple(self.lemma.split(" "))


@dataclass(frozen=True)
class Rules:
    """The merged triggers and the word sets the lexicon exposes."""

    triggers: tuple[Trigger, ...]
    words: dict[str, frozenset[str]]
    pairs: dict[str, frozenset[tuple[str, str]]]

    def table(self, table: TriggerTable, *, converted: bool = False) -> dict[str, Sense]:
        """The table's one-word lemmas and senses, in file order: the hand and user triggers,
        or (``converted``) those of cameo_triggers.jsonl."""
        return {
            t.lemma: t.sense
            for t in self.triggers
            if t.table is table and len(t.words) == 1 and _converted(t) is converted
        }

    def phrases(self, *, converted: bool = False) -> dict[str, PhraseIndex]:
        """The VERBS phrases by their head verb, then by their first word after it: (file
        order, the words after the head, the sense), for the hand and user triggers or
        (``converted``) the CAMEO ones."""
        found: dict[str, dict[str, list[tuple[int, tuple[str, ...], Sense]]]] = {}
        for order, t in enumerate(self.triggers):
            if t.table is TriggerTable.VERBS and len(t.words) > 1 and _converted(t) is converted:
                found.setdefault(t.words[0], {}).setdefault(t.words[1], []).append(
                    (order, t.words[1:], t.sense))
        return {head: {word: tuple(items) for word, items in by_word.items()}
                for head, by_word in found.items()}


# A head verb's phrases by the first word after it: (file order, the words after the head, sense).
PhraseIndex = dict[str, tuple[tuple[int, tuple[str, ...], Sense], ...]]


def _converted(trigger: Trigger) -> bool:
    return Path(trigger.file).name == PACKAGED_CAMEO.name and bool(trigger.cameo)


@dataclass
class RuleCheck:
    """What ``check_rules`` found: the merged triggers and every problem."""

    triggers: list[Trigger] = field(default_factory=list)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    pairs: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    overrides: list[tuple[Trigger, Trigger]] = field(default_factory=list)  # (user, packaged)
    shadowed: list[tuple[Trigger, Trigger]] = field(default_factory=list)  # (hand, converted)
    switched_off: int = 0  # converted triggers of categories with converted = false
    files: list[str] = field(default_factory=list)

    def counts_by_table(self) -> Counter[str]:
        return Counter(str(t.table) for t in self.triggers)

    def counts_by_type(self) -> Counter[str]:
        return Counter(str(t.sense.type) for t in self.triggers)

    def counts_by_category(self) -> Counter[str]:
        return Counter(t.sense.category for t in self.triggers)

    def counts_by_mode(self) -> Counter[str]:
        """Triggers per category and mode ("AID military"; "AID -" without a mode)."""
        return Counter(f"{t.sense.category} {t.sense.mode or '-'}" for t in self.triggers)

    def counts_by_source(self) -> Counter[str]:
        return Counter(
            ("cameo " if _converted(t) else "hand ") + ("phrase" if len(t.words) > 1 else "word")
            for t in self.triggers
        )


# -- reading -----------------------------------------------------------------------------
def _word_problem(word: str) -> str | None:
    if not word:
        return "an empty word can never match"
    if _TOKEN.fullmatch(word) is None:
        return (f"{word!r} has a space: the tables match one token (only a VERBS trigger may "
                f"be a phrase)")
    if word != word.lower():
        return f"{word!r} has upper-case letters: lookups are lower-case, so it can never match"
    return None


def _phrase_problem(phrase: str) -> str | None:
    """What is wrong with a VERBS phrase ("cut ties", "come to aid"): words one space apart."""
    words = phrase.split(" ")
    if any(not w for w in words):
        return f"{phrase!r} must be words separated by single spaces, the verb first"
    for word in words:
        problem = _word_problem(word)
        if problem:
            return problem
    if len(set(words)) != len(words):
        return f"{phrase!r} names a word twice: each word must match its own token"
    return None



_E = TypeVar("_E", bound=Enum)


def _member(kind: type[_E], value: Any, what: str) -> _E:
    """``kind(value)``, or a ValueError naming the value and every known one."""
    try:
        return kind(value)
    except ValueError:
        raise ValueError(f"unknown {what} {value!r} "
                         f"(known: {', '.join(str(k.value) for k in kind)})") from None

# -- event categories: their modes and the relation each feeds ----------------------------
@dataclass(frozen=True)
class PloverRelations:
    """plover_relations.toml and the modes of cameo_plover.tsv: what an event claim is."""

    types: dict[PloverCategory, tuple[RelationType, Polarity]]
    by_mode: dict[tuple[PloverCategory, str], tuple[RelationType, Polarity]]
    modes: dict[PloverCategory, frozenset[str]]  # the modes the CAMEO -> PLOVER table gives
    # (category, mode) whose CAMEO triggers are not read; mode "" for the whole category
    off: frozenset[tuple[str, str]] = frozenset()

    def reads(self, trigger: Trigger) -> bool:
        """Whether a converted trigger is read (its category and mode are not switched off)."""
        sense = trigger.sense
        return (sense.category, "") not in self.off and (sense.category, sense.mode or "") not in self.off

    def relation(self, category: PloverCategory, mode: str | None) -> RelationType:
        """The relation type an event of the category (and mode) feeds."""
        found = self.by_mode.get((category, mode or "")) or self.types.get(category)
        if found is None:
            raise ValueError(f"category {category.value} has no relation in "
                             f"{PACKAGED_RELATIONS.name}: give the sense a type")
        return found[0]


def _read_modes(path: Path) -> tuple[dict[PloverCategory, frozenset[str]], list[Problem]]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Problem(name, 0, f"cannot read the CAMEO -> PLOVER table: {exc}")]
    modes: dict[PloverCategory, set[str]] = {c: set() for c in PloverCategory}
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        try:
            if len(fields) != 5 or not _CAMEO_CODE.fullmatch(fields[0]):
                raise ValueError("a line is code, category, mode, context, description, "
                                 "separated by tabs")
            category = _member(PloverCategory, fields[1], "category")
        except ValueError as exc:
            problems.append(Problem(name, number, str(exc)))
            continue
        if fields[2]:
            modes[category].add(fields[2])
    return {c: frozenset(m) for c, m in modes.items()}, problems


def _relation_entry(value: Any) -> tuple[RelationType, Polarity]:
    if not isinstance(value, dict) or not {"type", "polarity"} <= set(value) <= {
        "type", "polarity", "converted"
    }:
        raise ValueError("must be { type = \"...\", polarity = \"...\" } (and optionally "
                         "converted = true or false)")
    if not isinstance(value.get("converted", True), bool):
        raise ValueError("converted must be true or false")
    rel = _member(RelationType, value["type"], "relation type")
    polarity = _member(Polarity, value["polarity"], "polarity")
    if polarity is not rel.polarity:
        raise ValueError(f"polarity {polarity.value} is not {rel.value}'s ({rel.polarity.value})")
    return rel, polarity


def read_relations(
    path: Path = PACKAGED_RELATIONS, modes_path: Path = PACKAGED_MODES
) -> tuple[PloverRelations, list[Problem]]:
    """The event categories' relations and modes, and every problem in either file."""
    modes, problems = _read_modes(modes_path)
    name = str(path)
    types: dict[PloverCategory, tuple[RelationType, Polarity]] = {}
    by_mode: dict[tuple[PloverCategory, str], tuple[RelationType, Polarity]] = {}
    off: set[tuple[str, str]] = set()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return PloverRelations(types, by_mode, modes), [
            *problems, Problem(name, 0, f"cannot read the relations table: {exc}")]
    lines = text.splitlines()
    unknown = sorted(set(data) - {"categories", "modes"})
    if unknown:
        problems.append(Problem(name, 0, f"unknown table(s) {', '.join(unknown)} "
                                         f"(known: categories, modes)"))
    categories = data.get("categories", {})
    for key, value in categories.items() if isinstance(categories, dict) else ():
        try:
            category = _member(PloverCategory, key, "category")
            types[category] = _relation_entry(value)
            if value.get("converted", True) is False:
                off.add((category.value, ""))
        except ValueError as exc:
            problems.append(Problem(name, _line_of(lines, key), f"{key}: {exc}"))
    missing = [c.value for c in PloverCategory if c not in types]
    if missing:
        problems.append(Problem(name, 0, f"[categories] lacks {', '.join(missing)}: their "
                                         f"triggers would have no relation"))
    mode_tables = data.get("modes", {})
    for key, table in mode_tables.items() if isinstance(mode_tables, dict) else ():
        try:
            category = _member(PloverCategory, key, "category")
            if not isinstance(table, dict):
                raise ValueError("must be a table of modes")
            for mode, value in table.items():
                if mode not in modes.get(category, ()):
                    raise ValueError(f"unknown mode {mode!r} for {category.value}")
                by_mode[(category, mode)] = _relation_entry(value)
                if value.get("converted", True) is False:
                    off.add((category.value, mode))
        except ValueError as exc:
            problems.append(Problem(name, _line_of(lines, key), f"modes.{key}: {exc}"))
    return PloverRelations(types, by_mode, modes, frozenset(off)), problems


@lru_cache(maxsize=1)
def plover_relations() -> PloverRelations:
    """The packaged event-category table, read once; RuleError if it is broken."""
    relations, problems = read_relations()
    if problems:
        raise RuleError(problems)
    return relations


def _parse_sense(raw: Any, where: str, relations: PloverRelations) -> Sense:
    if not isinstance(raw, dict):
        raise ValueError(f"{where} must be an object with type, category, preps, direct, "
                         f"reverse, confidence")
    unknown = sorted(set(raw) - _SENSE_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) in sense: {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(_SENSE_FIELDS))})")
    if "category" not in raw:
        raise ValueError("sense lacks 'category'")
    category = _member(PloverCategory, raw["category"], "category")
    mode = raw.get("mode")
    if mode is not None:
        known = relations.modes.get(category, frozenset())
        if not isinstance(mode, str) or mode not in known:
            raise ValueError(f"unknown mode {mode!r} for {category.value} (known: "
                             f"{', '.join(sorted(known)) or 'none: the category has no modes'})")
    if "type" in raw:
        rel = _member(RelationType, raw["type"], "relation type")
    else:
        rel = relations.relation(category, mode)
    preps = raw.get("preps", [])
    if not isinstance(preps, list) or not all(isinstance(p, str) for p in preps):
        raise ValueError("sense.preps must be a list of prepositions, e.g. [\"with\", \"against\"]")
    for prep in preps:
        if prep not in _PREPOSITIONS:
            raise ValueError(f"sense.preps: {prep!r} is not a preposition the parser attaches, "
                             f"so that role can never be found")
    if len(set(preps)) != len(preps):
        raise ValueError(f"sense.preps lists a preposition twice: {preps}")
    direct, reverse = raw.get("direct", True), raw.get("reverse", False)
    if not isinstance(direct, bool) or not isinstance(reverse, bool):
        raise ValueError("sense.direct and sense.reverse must be true or false")
    if not direct and not preps:
        raise ValueError("sense.direct is false and sense.preps is empty: the other role can "
                         "never be found")
    confidence = raw.get("confidence", 0.85)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not (
        0 < confidence <= 1
    ):
        raise ValueError(f"sense.confidence must be a number in (0, 1], not {confidence!r}")
    ended = raw.get("ended", False)
    if not isinstance(ended, bool):
        raise ValueError("sense.ended must be true or false")
    ends = None
    if "ends" in raw:
        # "cut ties with": the category of the relation the word also ends, between the
        # same actors and read the same way (plover_relations.toml gives its type)
        if ended:
            raise ValueError("sense.ends is for a word that states a relation: this one ends it")
        ended_category = _member(PloverCategory, raw["ends"], "category in sense.ends")
        ends = Sense(relations.relation(ended_category, None), ended_category, tuple(preps),
                     direct, reverse, float(confidence), ended=True)
    return Sense(rel, category, tuple(preps), direct, reverse, float(confidence), mode,
                 ended=ended, ends=ends)


class _RepeatedKey(ValueError):
    """A JSON object that names one field twice (json keeps the last one silently)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in pairs:
        if key in row:
            raise _RepeatedKey(key)
        row[key] = value
    return row


def _parse_trigger(text: str, file: str, line: int, relations: PloverRelations) -> Trigger:
    try:
        row = json.loads(text, object_pairs_hook=_unique_keys)
    except _RepeatedKey as exc:
        raise ValueError(f"field {exc.args[0]!r} is given twice") from None
    except ValueError as exc:
        raise ValueError(f"not JSON ({exc.args[0]})") from None
    if not isinstance(row, dict):
        raise ValueError("a trigger line must be a JSON object")
    unknown = sorted(set(row) - _TRIGGER_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(_TRIGGER_FIELDS))})")
    missing = [name for name in _REQUIRED_FIELDS if name not in row]
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    for name in ("id", "lemma", "table", "pos"):
        if not isinstance(row[name], str):
            raise ValueError(f"{name} must be a string")
    if not row["id"].strip():
        raise ValueError("id must not be empty")
    table = _member(TriggerTable, row["table"], "table")
    pos = _member(TriggerPos, row["pos"], "pos")
    if pos is not table.pos:
        raise ValueError(f"pos {pos.value} can never match in {table.value}, which reads "
                         f"{table.pos.value} tokens")
    if " " in row["lemma"] and table is TriggerTable.VERBS:
        problem = _phrase_problem(row["lemma"])
    else:
        problem = _word_problem(row["lemma"])
    if problem:
        raise ValueError(f"lemma {problem}")
    note, cameo = row.get("note", ""), row.get("cameo", "")
    if not isinstance(note, str):
        raise ValueError("note must be a string")
    if not isinstance(cameo, str) or (cameo and not _CAMEO_CODE.fullmatch(cameo)):
        raise ValueError(f"cameo must be a CAMEO event code of 2 to 4 digits, not {cameo!r}")
    sense = replace(_parse_sense(row["sense"], "sense", relations), rule=row["id"])
    if sense.ends is not None:
        sense = replace(sense, ends=replace(sense.ends, rule=row["id"]))
    return Trigger(row["id"], table, row["lemma"], pos, sense, file, line, note, cameo)


def _is_frame_line(line: str) -> bool:
    """A line of a user's rule file that is a frame pattern (it has ``roles``), not a trigger."""
    try:
        row = json.loads(line)
    except ValueError:
        return False
    return isinstance(row, dict) and "roles" in row and "table" not in row


def _read_triggers(path: Path, relations: PloverRelations, *,
                   user: bool = False) -> tuple[list[Trigger], list[Problem]]:
    """Every trigger of one file, and every problem in it (the file read to the end); a
    user's file may also hold frame patterns, which ``read_frames`` reads."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(name, 0, f"cannot read the rule file: {exc}")]
    triggers: list[Trigger] = []
    problems: list[Problem] = []
    by_id: dict[str, Trigger] = {}
    by_key: dict[tuple[TriggerTable, str], Trigger] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#") or (user and _is_frame_line(line)):
            continue
        try:
            trigger = _parse_trigger(line, name, number, relations)
        except ValueError as exc:
            problems.append(Problem(name, number, str(exc)))
            continue
        if trigger.id in by_id:
            problems.append(Problem(name, number, f"duplicate id {trigger.id!r} "
                                                  f"(first on line {by_id[trigger.id].line})"))
            continue
        earlier = by_key.get(trigger.key)
        if earlier is not None:
            what = "duplicate" if earlier.sense == trigger.sense else "conflicting"
            problems.append(Problem(
                name, number,
                f"{what} {'phrase' if len(trigger.words) > 1 else 'trigger'}: "
                f"{trigger.lemma!r} ({trigger.pos.value}) is already in "
                f"{trigger.table.value} on line {earlier.line}"
                + ("" if what == "duplicate" else " with another sense"),
            ))
            continue
        by_id[trigger.id] = trigger
        by_key[trigger.key] = trigger
        triggers.append(trigger)
    return triggers, problems


def _line_of(lines: list[str], name: str, word: str | None = None) -> int:
    """The line of a set's key in words.toml (or of one word in it); 0 when not found."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"\s*{re.escape(name)}\s*=", line)),
                 None)
    if start is None:
        return 0
    if word is None:
        return start + 1
    quoted = json.dumps(word, ensure_ascii=False)
    for i in range(start, len(lines)):
        if quoted in lines[i]:
            return i + 1
        if i > start and re.match(r"\s*[A-Za-z_]+\s*=|\s*\[", lines[i]):
            break
    return start + 1


def _read_words(
    path: Path,
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[tuple[str, str]]], list[Problem]]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        return {}, {}, [Problem(name, 0, f"cannot read the word file: {exc}")]
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        return {}, {}, [Problem(name, int(match.group(1)) if match else 0, f"not TOML: {exc}")]
    lines = text.splitlines()
    problems: list[Problem] = []
    words: dict[str, frozenset[str]] = {}
    pairs: dict[str, frozenset[tuple[str, str]]] = {}
    disjoint = data.pop(_DISJOINT_KEY, {})
    for key, value in data.items():
        line = _line_of(lines, key)
        if key not in WORD_SETS:
            problems.append(Problem(name, line, f"unknown word set {key!r}: no code reads it"))
            continue
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            problems.append(Problem(name, line, f"{key} must be a list of strings"))
            continue
        seen: set[str] = set()
        for word in value:
            # The word's line is looked up only for a problem: the lookup scans the file.
            if word in seen:
                problems.append(Problem(name, _line_of(lines, key, word),
                                        f"{word!r} is listed twice in {key}"))
            seen.add(word)
            if key in PAIR_SETS:
                parts = word.split(" ")
                bad = len(parts) != 2 or any(_word_problem(p) for p in parts)
                if bad:
                    problems.append(Problem(name, _line_of(lines, key, word),
                                            f"{key}: {word!r} must be two lower-case "
                                            f"words separated by one space"))
            else:
                problem = _word_problem(word)
                if problem:
                    problems.append(Problem(name, _line_of(lines, key, word), f"{key}: {problem}"))
        if key in PAIR_SETS:
            pairs[key] = frozenset((a, b) for a, b in (w.split(" ", 1) for w in value))
        else:
            words[key] = frozenset(value)
    missing = [key for key in WORD_SETS if key not in data]
    if missing:
        problems.append(Problem(name, 0, f"word set(s) missing: {', '.join(missing)}"))
    if not isinstance(disjoint, dict):
        problems.append(Problem(name, _line_of(lines, _DISJOINT_KEY), "[disjoint] must be a table"))
        disjoint = {}
    for group, members in disjoint.items():
        line = _line_of(lines, group)
        if not isinstance(members, list) or not all(m in words for m in members):
            problems.append(Problem(name, line, f"disjoint group {group!r} must list word sets "
                                                f"of this file"))
            continue
        owner: dict[str, str] = {}
        for member in members:
            for word in sorted(words[member]):
                if word in owner:
                    problems.append(Problem(
                        name, _line_of(lines, member, word),
                        f"{word!r} is in both {owner[word]} and {member}, which the "
                        f"{group!r} group keeps apart (the later one never sees it)",
                    ))
                else:
                    owner[word] = member
    return words, pairs, problems


def _merge(
    packaged: list[Trigger], user: list[Trigger]
) -> tuple[list[Trigger], list[tuple[Trigger, Trigger]]]:
    """Packaged triggers with the user's: one with a packaged id or table and lemma replaces it."""
    merged = list(packaged)
    overrides: list[tuple[Trigger, Trigger]] = []
    for trigger in user:
        at = next((i for i, t in enumerate(merged) if t.id == trigger.id), None)
        if at is None:
            at = next((i for i, t in enumerate(merged) if t.key == trigger.key), None)
        if at is None:
            merged.append(trigger)
            continue
        overrides.append((trigger, merged[at]))
        merged[at] = trigger
        # The replaced trigger's id may differ: no other packaged line keeps the same key.
        merged = [t for i, t in enumerate(merged) if i == at or t.key != trigger.key]
    return merged, overrides


def _read_converted(path: Path, relations: PloverRelations) -> tuple[list[Trigger], list[Problem]]:
    """The converted CAMEO triggers, read at start without the per-field checks of
    ``_read_triggers``: the file is written by ``conflictgraph rules import-cameo``, and
    ``rules check`` (CI, tests/test_rules_events.py) checks every line of it. Its 28,000 lines
    take a tenth of the time; a line it cannot read is a problem, as in ``_read_triggers``.
    The switched-off categories are skipped unread."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(name, 0, f"cannot read the rule file: {exc}")]
    categories = {c.value: c for c in PloverCategory}
    tables, kinds = {t.value: t for t in TriggerTable}, {p.value: p for p in TriggerPos}
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), 1)
                if line and not line.startswith("#")]
    try:  # one JSON array: one call into the C decoder, not one a line
        rows = json.loads("[" + ",".join(line for _, line in numbered) + "]")
    except ValueError as exc:
        return [], [Problem(name, 0, f"not JSON lines ({exc}): run `conflictgraph rules check` "
                                     f"for the line")]
    triggers: list[Trigger] = []
    off = relations.off
    for (number, _), row in zip(numbered, rows, strict=True):
        try:
            raw = row["sense"]
            category = categories[raw["category"]]
            mode = raw.get("mode")
            if (category.value, "") in off or (category.value, mode or "") in off:
                continue
            sense = Sense(relations.relation(category, mode), category, tuple(raw["preps"]),
                          raw["direct"], raw["reverse"], float(raw["confidence"]), mode,
                          rule=row["id"])
            triggers.append(Trigger(row["id"], tables[row["table"]], row["lemma"],
                                    kinds[row["pos"]], sense, name, number, "",
                                    row.get("cameo", "")))
        except (ValueError, KeyError, TypeError) as exc:
            return [], [Problem(name, number, f"not a converted trigger ({exc}): run "
                                              f"`conflictgraph rules check` for the details")]
    return triggers, []


def _under_hand(
    hand: list[Trigger], converted: list[Trigger], relations: PloverRelations
) -> tuple[list[Trigger], list[tuple[Trigger, Trigger]]]:
    """The hand triggers, then the converted ones whose table and lemma no hand trigger has
    (the hand one wins) and whose category is not switched off (``converted = false`` in
    plover_relations.toml); and the pairs (hand, converted) where one shadowed the other."""
    by_key = {t.key: t for t in hand}
    kept = [t for t in converted if t.key not in by_key and relations.reads(t)]
    shadowed = [(by_key[t.key], t) for t in converted if t.key in by_key]
    return hand + kept, shadowed


def check_rules(
    user: Path | None = None,
    triggers_file: Path = PACKAGED_TRIGGERS,
    words_file: Path = PACKAGED_WORDS,
    cameo_file: Path | None = PACKAGED_CAMEO,
    relations_file: Path = PACKAGED_RELATIONS,
    modes_file: Path = PACKAGED_MODES,
) -> RuleCheck:
    """Read the rule files to the end; every problem is listed, nothing raises."""
    check = RuleCheck(files=[str(triggers_file), str(words_file), str(relations_file),
                             str(modes_file)])
    relations, problems = read_relations(relations_file, modes_file)
    check.problems += problems
    packaged, problems = _read_triggers(triggers_file, relations)
    check.problems += problems
    converted: list[Trigger] = []
    if cameo_file is not None:
        check.files.insert(1, str(cameo_file))
        converted, problems = _read_triggers(cameo_file, relations)
        check.problems += problems
    check.words, check.pairs, problems = _read_words(words_file)
    check.problems += problems
    user_triggers: list[Trigger] = []
    if user is not None:
        check.files.append(str(user))
        user_triggers, problems = _read_triggers(user, relations, user=True)
        check.problems += problems
    check.switched_off = sum(not relations.reads(t) for t in converted)
    check.problems += _split_words([*packaged, *user_triggers])
    packaged, check.shadowed = _under_hand(packaged, converted, relations)
    check.triggers, check.overrides = _merge(packaged, user_triggers)
    return check


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], Sized]:
    import spacy

    return spacy.blank("en").tokenizer  # the English model's own rules and exceptions


def _split_words(triggers: list[Trigger]) -> list[Problem]:
    """One-word triggers the English tokenizer cuts into several tokens ("commander-in-chief"):
    the tables look tokens up one at a time, so such a trigger can never match."""
    problems = []
    for trigger in triggers:
        if " " in trigger.lemma:
            continue
        pieces = len(_tokenizer()(trigger.lemma))
        if pieces > 1:
            problems.append(Problem(trigger.file, trigger.line, (
                f"{trigger.lemma!r} can never match: the tokenizer cuts it into {pieces} tokens, "
                "and a table reads one token; remove it, or write a verb phrase")))
    return problems


@lru_cache(maxsize=4)
def load_rules(user: Path | None = None) -> Rules:
    """The packaged rules (hand triggers, then the converted CAMEO ones under them) with the
    user's triggers merged in; RuleError if any file is broken."""
    relations, problems = read_relations()
    packaged, trigger_problems = _read_triggers(PACKAGED_TRIGGERS, relations)
    converted, converted_problems = _read_converted(PACKAGED_CAMEO, relations)
    words, pairs, word_problems = _read_words(PACKAGED_WORDS)
    problems += trigger_problems + converted_problems + word_problems
    user_triggers: list[Trigger] = []
    if user is not None:
        user_triggers, user_problems = _read_triggers(user, relations, user=True)
        problems += user_problems
    if problems:
        raise RuleError(problems)
    packaged, _ = _under_hand(packaged, converted, relations)
    merged, _ = _merge(packaged, user_triggers)
    return Rules(tuple(merged), words, pairs)


# -- anchors -------------------------------------------------------------------------------
_ANCHOR_FIELDS = frozenset({"id", "pattern", "note"})
_ANCHOR_ATTRS = frozenset({"LOWER", "TAG", "DEP"})
# The extension of the Matcher's operators: a LOWER word list given by set names (UPPER_CASE)
# and words (lower case). IN_SET: the words themselves; VERB_FORMS: every form whose verb
# lemma is one of them (the names are lemmas, tokens carry forms).
ANCHOR_OPERATORS = ("IN_SET", "VERB_FORMS")
_SET_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
# The Matcher operators an anchor may use besides those (anchors.py evaluates them).
_ANCHOR_OPS = frozenset({"IN", "NOT_IN", "REGEX"})


@dataclass(frozen=True, slots=True)
class Anchor:
    """One line of anchors.jsonl: the token pattern a construction is tried on."""

    id: str
    pattern: tuple[dict[str, Any], ...]
    file: str
    line: int
    note: str = ""


def _named_words(value: Any, sets: dict[str, frozenset[str]]) -> frozenset[str]:
    """The words of an IN_SET or VERB_FORMS value: a name or word, or a list of them."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise ValueError("takes a set name or a word, or a non-empty list of them")
    words: set[str] = set()
    for item in items:
        if _SET_NAME.fullmatch(item):
            if item not in sets:
                raise ValueError(f"names an unknown word set {item!r}")
            words |= sets[item]
        else:
            problem = _word_problem(item)
            if problem:
                raise ValueError(problem)
            words.add(item)
    return frozenset(words)


def resolve_pattern(
    pattern: Any,
    sets: dict[str, frozenset[str]],
    verb_forms: Callable[[frozenset[str]], frozenset[str]] | None = None,
) -> list[dict[str, Any]]:
    """A Matcher pattern with IN_SET and VERB_FORMS replaced by IN lists (ValueError when
    malformed). Without ``verb_forms`` (no model at hand) VERB_FORMS keeps the lemmas only."""
    if not isinstance(pattern, list) or len(pattern) != 1 or not isinstance(pattern[0], dict):
        raise ValueError("pattern must be a list of one token object: an anchor is one token")
    token: dict[str, Any] = {}
    for attr, value in pattern[0].items():
        if attr not in _ANCHOR_ATTRS:
            raise ValueError(f"unknown token attribute {attr!r} (anchors read: "
                             f"{', '.join(sorted(_ANCHOR_ATTRS))})")
        if isinstance(value, dict) and any(op in value for op in ANCHOR_OPERATORS):
            if attr != "LOWER":
                raise ValueError(f"{attr}: {' and '.join(ANCHOR_OPERATORS)} apply to LOWER only")
            if len(value) != 1:
                raise ValueError(f"{attr}: {'/'.join(ANCHOR_OPERATORS)} stands alone in its object")
            [(op, named)] = value.items()
            try:
                words = _named_words(named, sets)
            except ValueError as exc:
                raise ValueError(f"{attr} {op} {exc}") from None
            if op == "VERB_FORMS" and verb_forms is not None:
                words = verb_forms(words)
            token[attr] = {"IN": sorted(words)}
        else:
            if isinstance(value, dict) and set(value) - _ANCHOR_OPS:
                raise ValueError(f"{attr}: anchors take a word, {', '.join(sorted(_ANCHOR_OPS))}, "
                                 f"{' or '.join(ANCHOR_OPERATORS)}, not "
                                 f"{', '.join(sorted(set(value) - _ANCHOR_OPS))}")
            token[attr] = value
    return [token]


def _compiles(anchor_id: str, pattern: list[dict[str, Any]]) -> str | None:
    """Why spaCy's Matcher rejects a pattern (checked on a blank English vocab), or None."""
    from spacy.matcher import Matcher

    matcher = Matcher(_blank_vocab(), validate=True)
    try:
        matcher.add(anchor_id, [pattern])
    except (ValueError, KeyError, TypeError, re.error) as exc:  # MatchPatternError is a ValueError
        detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
        return f"spaCy's Matcher rejects the pattern: {detail or type(exc).__name__}"
    return None


@lru_cache(maxsize=1)
def _blank_vocab() -> Any:
    import spacy

    return spacy.blank("en").vocab


def read_anchors(
    registered: Sequence[str],
    sets: dict[str, frozenset[str]],
    path: Path = PACKAGED_ANCHORS,
) -> tuple[list[Anchor], list[Problem]]:
    """Every anchor of the file and every problem: a line that is not an anchor, a pattern
    spaCy cannot compile, an unknown set, an anchor for no registered construction, a
    construction with no anchor or two."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(name, 0, f"cannot read the anchor file: {exc}")]
    anchors: list[Anchor] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    known = set(registered)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line, object_pairs_hook=_unique_keys)
        except _RepeatedKey as exc:
            problems.append(Problem(name, number, f"field {exc.args[0]!r} is given twice"))
            continue
        except ValueError as exc:
            problems.append(Problem(name, number, f"not JSON ({exc.args[0]})"))
            continue
        if not isinstance(row, dict):
            problems.append(Problem(name, number, "an anchor line must be a JSON object"))
            continue
        anchor_id = row.get("id")
        if not isinstance(anchor_id, str):
            problems.append(Problem(name, number, "id must be a string naming a construction"))
            continue
        if anchor_id not in known:
            problems.append(Problem(name, number, f"{anchor_id!r} is no registered construction "
                                                  f"(registered: {', '.join(registered)})"))
            continue
        if anchor_id in first_line:
            problems.append(Problem(name, number, f"a second anchor for {anchor_id!r} "
                                                  f"(first on line {first_line[anchor_id]})"))
            continue
        first_line[anchor_id] = number
        unknown = sorted(set(row) - _ANCHOR_FIELDS)
        if unknown:
            problems.append(Problem(name, number, f"{anchor_id}: unknown field(s): {', '.join(unknown)}"
                                                  f" (known: {', '.join(sorted(_ANCHOR_FIELDS))})"))
            continue
        note = row.get("note", "")
        if "pattern" not in row or not isinstance(note, str):
            problems.append(Problem(name, number, f"{anchor_id}: an anchor needs a pattern; "
                                                  f"its note is a string"))
            continue
        try:
            resolved = resolve_pattern(row["pattern"], sets)
        except ValueError as exc:
            problems.append(Problem(name, number, f"{anchor_id}: {exc}"))
            continue
        rejected = _compiles(anchor_id, resolved)
        if rejected:
            problems.append(Problem(name, number, f"{anchor_id}: {rejected}"))
            continue
        anchors.append(Anchor(anchor_id, tuple(row["pattern"]), name, number, note))
    problems += [Problem(name, 0, f"the registered construction {missing_id!r} has no anchor")
                 for missing_id in registered if missing_id not in first_line]
    return anchors, problems


# -- frames ----------------------------------------------------------------------------------
_FRAME_FIELDS = frozenset({"id", "roles", "preps", "pattern", "note"})
PREDICATE_NODE = "predicate"  # the node of a frame pattern that is the frame's predicate


@dataclass(frozen=True, slots=True)
class FramePattern:
    """One line of frames.jsonl: a DependencyMatcher pattern and the roles its nodes fill."""

    id: str
    roles: tuple[tuple[str, Role], ...]  # (node RIGHT_ID, role)
    pattern: tuple[dict[str, Any], ...]
    file: str
    line: int
    note: str = ""
    # (preposition, role): a role node that is the object of the preposition also fills the role
    preps: tuple[tuple[str, Role], ...] = ()


def _dependency_problem(pattern_id: str, pattern: list[dict[str, Any]]) -> str | None:
    """Why spaCy's DependencyMatcher rejects a pattern (on a blank English vocab), or None."""
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(_blank_vocab(), validate=True)
    try:
        matcher.add(pattern_id, [pattern])
    except (ValueError, KeyError, TypeError, IndexError, re.error) as exc:
        detail = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
        return f"spaCy's DependencyMatcher rejects the pattern: {detail or type(exc).__name__}"
    return None


def _parse_frame(row: Any) -> FramePattern:
    """A frame pattern from one parsed line (file and line filled in by the caller)."""
    if not isinstance(row, dict):
        raise ValueError("a frame pattern line must be a JSON object")
    pattern_id = row.get("id")
    if not isinstance(pattern_id, str) or not pattern_id.strip():
        raise ValueError("id must be a non-empty string")
    unknown = sorted(set(row) - _FRAME_FIELDS)
    if unknown:
        raise ValueError(f"{pattern_id}: unknown field(s): {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(_FRAME_FIELDS))})")
    note = row.get("note", "")
    if not isinstance(note, str):
        raise ValueError(f"{pattern_id}: note must be a string")
    pattern, roles = row.get("pattern"), row.get("roles")
    if not isinstance(pattern, list) or not pattern or not all(isinstance(n, dict) for n in pattern):
        raise ValueError(f"{pattern_id}: pattern must be a non-empty list of DependencyMatcher nodes")
    rejected = _dependency_problem(pattern_id, pattern)
    if rejected:
        raise ValueError(f"{pattern_id}: {rejected}")
    nodes = [node.get("RIGHT_ID") for node in pattern]
    if nodes[0] != PREDICATE_NODE:
        raise ValueError(f"{pattern_id}: the first node (the anchor) must be {PREDICATE_NODE!r}, "
                         f"the frame's predicate")
    if not isinstance(roles, dict) or not roles:
        raise ValueError(f"{pattern_id}: roles must map pattern nodes to roles, e.g. "
                         f"{{\"subject\": \"AGENT\"}}")
    parsed: list[tuple[str, Role]] = []
    for node, role in roles.items():
        if node not in nodes or node == PREDICATE_NODE:
            raise ValueError(f"{pattern_id}: roles names {node!r}, which is no node of the "
                             f"pattern other than {PREDICATE_NODE!r} (nodes: {', '.join(map(str, nodes))})")
        parsed.append((node, _member(Role, role, "role")))
    preps = row.get("preps", {})
    if not isinstance(preps, dict):
        raise ValueError(f"{pattern_id}: preps must map prepositions to roles, "
                         f"e.g. {{\"to\": \"RECIPIENT\"}}")
    by_prep: list[tuple[str, Role]] = []
    for prep, role in preps.items():
        if prep not in _PREPOSITIONS:
            raise ValueError(f"{pattern_id}: preps: {prep!r} is not a preposition the parser attaches")
        by_prep.append((prep, _member(Role, role, "role")))
    return FramePattern(pattern_id, tuple(parsed), tuple(pattern), "", 0, note, tuple(by_prep))


def read_frames(
    path: Path = PACKAGED_FRAMES, *, user: bool = False
) -> tuple[list[FramePattern], list[Problem]]:
    """Every frame pattern of one file and every problem in it: a line that is no pattern, a
    pattern spaCy's DependencyMatcher rejects, an unknown role, a duplicate id. In a user's
    file only the lines with ``roles`` are frame patterns (the others are triggers)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(name, 0, f"cannot read the frame file: {exc}")]
    patterns: list[FramePattern] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#") or (user and not _is_frame_line(line)):
            continue
        try:
            row = json.loads(line, object_pairs_hook=_unique_keys)
            found = _parse_frame(row)
        except _RepeatedKey as exc:
            problems.append(Problem(name, number, f"field {exc.args[0]!r} is given twice"))
            continue
        except ValueError as exc:
            message = str(exc) if not isinstance(exc, json.JSONDecodeError) else f"not JSON ({exc.args[0]})"
            problems.append(Problem(name, number, message))
            continue
        if found.id in first_line:
            problems.append(Problem(name, number, f"duplicate id {found.id!r} "
                                                  f"(first on line {first_line[found.id]})"))
            continue
        first_line[found.id] = number
        patterns.append(FramePattern(found.id, found.roles, found.pattern, name, number, found.note,
                                     found.preps))
    return patterns, problems


def _merge_frames(packaged: list[FramePattern], user: list[FramePattern]) -> list[FramePattern]:
    """The packaged patterns with the user's: one with a packaged id replaces it."""
    merged = {p.id: p for p in packaged}
    for pattern in user:
        merged[pattern.id] = pattern
    return list(merged.values())


def check_frames(
    user: Path | None = None, required: Sequence[str] = (), path: Path = PACKAGED_FRAMES
) -> tuple[list[FramePattern], list[Problem]]:
    """The merged frame patterns and every problem, including roles no pattern produces and
    patterns the extractor reads by id (``required``) that the files do not define."""
    patterns, problems = read_frames(path)
    if user is not None:
        mine, user_problems = read_frames(user, user=True)
        problems += user_problems
        patterns = _merge_frames(patterns, mine)
    produced = {role for p in patterns for _, role in (*p.roles, *p.preps)}
    problems += [Problem(str(path), 0, f"no pattern produces the role {role.value}")
                 for role in Role if role not in produced]
    ids = {p.id for p in patterns}
    problems += [Problem(str(path), 0, f"the extractor reads the pattern {missing!r}, which no "
                                       f"frame file defines") for missing in required if missing not in ids]
    return patterns, problems


@lru_cache(maxsize=4)
def load_frames(user: Path | None = None, required: tuple[str, ...] = ()) -> tuple[FramePattern, ...]:
    """The packaged frame patterns with the user's merged in; RuleError if any is broken."""
    patterns, problems = check_frames(user, required)
    if problems:
        raise RuleError(problems)
    return tuple(patterns)
