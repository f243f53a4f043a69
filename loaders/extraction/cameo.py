"""Event triggers from a real dictionary: PETRARCH2's CAMEO verb patterns, coded in PLOVER.

``convert`` reads the CAMEO verb pattern dictionary (``data/cameo/CAMEO.2.0.txt``,
MIT) and the CAMEO -> PLOVER table (``data/cameo/CAMEO2PLOVER-2021.txt``, CC BY-SA
4.0) and writes two files of ``rules/``:

* ``cameo_plover.tsv``: the table as this project reads it, one CAMEO code a line
  with its PLOVER category, mode and context (a derived work of the PLOVER table,
  shipped under its licence);
* ``cameo_triggers.jsonl``: one trigger a line (the format of ``triggers.jsonl``),
  a verb or a phrase headed by a verb, with the CAMEO code, the PLOVER category and
  mode; its relation type comes from ``plover_relations.toml``.

What a pattern becomes (the dictionary's format: ``- [pre] * [post] [CODE]``):

* a verb of a block with an event code: a one-word trigger whose direct object is
  the target ("X threatened Y");
* ``* (PREP)``: the verb with the target after ``PREP`` ("sided with Y"); when the
  bare verb has the same category and mode the preposition joins its sense;
* words after the verb only inside prepositional phrases, ``* (OF CONSEQUENCES)``: a
  phrase ("warn of consequences") whose direct object is the target ("warned Y of");
* an object noun, ``* AID``, ``* {ECONOMIC TIES}``, ``* TIES (WITH)``: a phrase whose
  target follows a preposition: the pattern's own noun-less one when it names one,
  else one of ``TARGET_PREPS`` ("cut ties with Y", "rushed aid to Y").

Synonym sets (``&NAME``) expand to one phrase per member. The rest is skipped and
counted by reason (``Conversion.skipped``): patterns with words before the verb,
actor markers (``$ + % ^``), paired codes (``[042:043]``), codes with no PLOVER
category (01 statements, 02 appeals, ``---``), a second sense for the same words.
The conversion is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ...graph.model import PloverCategory, Polarity
from .rulefiles import PACKAGED_CAMEO, PACKAGED_MODES, PACKAGED_RELATIONS, read_relations

__all__ = [
    "CAMEO_DICTIONARY",
    "PLOVER_TABLE",
    "TARGET_PREPS",
    "Conversion",
    "PloverCode",
    "SkipReason",
    "convert",
    "read_plover_table",
    "write_conversion",
]

_DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "cameo"
CAMEO_DICTIONARY = _DATA_DIR / "CAMEO.2.0.txt"
PLOVER_TABLE = _DATA_DIR / "CAMEO2PLOVER-2021.txt"
DERIVED_TABLE = PACKAGED_MODES
CAMEO_TRIGGERS = PACKAGED_CAMEO

# Where the target of an object-noun phrase is looked for when the pattern names no
# preposition, by the polarity of its category: "imposed sanctions on Y", "launched an
# offensive against Y"; "sent aid to Y", "boosted relations with Y". ("with" of a hostile
# phrase is a partner as often as a target: "launched an offensive ... with the MNDAA".)
TARGET_PREPS: dict[Polarity, tuple[str, ...]] = {
    Polarity.HOSTILE: ("against", "on"),
    Polarity.COOPERATIVE: ("to", "with"),
    Polarity.NEUTRAL: ("between",),
}
# The confidence of a converted trigger: below a hand trigger's 0.85, since a pattern
# matched on lemmas and the dependency tree is looser than PETRARCH's own parse.
_CONFIDENCE = {"verb": 0.7, "phrase": 0.75}


class SkipReason:
    """Why a pattern or verb does not become a trigger (the report's keys)."""

    PRE_VERB = "words before the verb (pre-verb nouns or prepositions)"
    MARKER = "actor markers ($ + % ^) place the actors inside the pattern"
    PAIRED = "paired source:target code"
    NO_CATEGORY = "code with no PLOVER category (01 statements, 02 appeals, --- null)"
    NOT_IN_TABLE = "code not in the PLOVER table"
    UNDEFINED_SYNSET = "names an undefined synonym set"
    SYNSET = "names a synonym set (&NAME): phrases over word sets are not expressible yet"
    SYNONYM = ("a synonym in its block with no code of its own: only the block's own verb and "
               "verbs with their own code are one-word triggers (\"take\" in APPREHEND)")
    REPEATED = "a word twice in the phrase (\"square off off\"): each word needs its own token"
    NO_VERB = "its block has no verb the engine can read"
    PRE_VERB_WORDS = "multi-word verb with words before the verb"
    OTHER_SENSE = "same words as an earlier pattern with another category or mode"
    DUPLICATE = "same words and sense as an earlier pattern"
    UNPARSED = "pattern the converter cannot parse"


@dataclass(frozen=True, slots=True)
class PloverCode:
    """One CAMEO code's PLOVER reading."""

    code: str
    category: PloverCategory
    mode: str
    context: str
    description: str


@dataclass
class Conversion:
    """What ``convert`` made: the derived table, the trigger lines, and the counts."""

    table: list[PloverCode] = field(default_factory=list)
    triggers: list[dict[str, object]] = field(default_factory=list)
    patterns: int = 0  # pattern lines read
    converted: int = 0  # pattern lines that gave at least one trigger (or a preposition)
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> pattern lines skipped
    verbs: int = 0  # verbs read
    verbs_skipped: Counter[str] = field(default_factory=Counter)  # reason -> verbs with no trigger

    def counts(self) -> Counter[str]:
        """Triggers per PLOVER category."""
        return Counter(str(t["sense"]["category"]) for t in self.triggers)  # type: ignore[index]


# -- the PLOVER table ---------------------------------------------------------------------
_TABLE_LINE = re.compile(r"^(\d{2,4}):\s*([^#]*?)\s*(?:#\s*(.*))?$")


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().strip(";").strip()


def read_plover_table(text: str) -> list[PloverCode]:
    """The table's codes in file order; a code given twice keeps its first line. Where the
    table leaves AID's mode blank, its context names the kind of aid (economic, military,
    humanitarian, peacekeeping, asylum): the PLOVER manual's AID modes, taken as the mode."""
    codes: list[PloverCode] = []
    seen: set[str] = set()
    for line in text.splitlines():
        match = _TABLE_LINE.match(line.strip())
        if match is None:
            continue
        code, body, description = match.group(1), match.group(2), match.group(3) or ""
        parts = [_clean(p) for p in body.split(",")]
        parts += [""] * (3 - len(parts))
        category = PloverCategory(parts[0])
        mode, context = parts[1], parts[2].replace(" ", "")
        if not mode and category is PloverCategory.AID and ";" not in context:
            mode = context
        if len(code) == 2:
            mode = context = ""  # a root line ("03: AGREE") names the category only
        if code in seen:
            continue
        seen.add(code)
        codes.append(PloverCode(code, category, mode, context, _clean(description)))
    return codes


def _plover(code: str, table: dict[str, PloverCode]) -> PloverCode | None:
    """The code's reading, else its parent's (``0874`` -> ``087`` -> ``08``)."""
    for length in (len(code), 3, 2):
        found = table.get(code[:length])
        if found is not None:
            return found
    return None


# -- the verb dictionary ------------------------------------------------------------------
_CODE = re.compile(r"\[([^\]]*)\]")
_BLOCK = re.compile(r"^---\s+(.*?)\s+\[([^\]]*)\]\s+---")


@dataclass
class _Block:
    code: str
    name: str = ""  # the block's own verb, lower-case words ("apprehend")
    verbs: list[tuple[str, str | None]] = field(default_factory=list)  # (verb words, own code)
    patterns: list[tuple[str, str, int]] = field(default_factory=list)  # (pattern, code, line)


def _words(item: str) -> str:
    """A dictionary word or phrase as lower-case words: "HARSH_RIPOSTES" -> "harsh ripostes"."""
    return " ".join(w for w in item.lower().replace("_", " ").split())


def _read_dictionary(text: str) -> tuple[dict[str, list[str]], list[_Block]]:
    synsets: dict[str, list[str]] = {}
    blocks: list[_Block] = []
    current_set: str | None = None
    block: _Block | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("- ") else raw.rstrip()
        if not line.strip():
            continue
        head = _BLOCK.match(line)
        if head is not None:
            block = _Block(head.group(2).strip(), _words(head.group(1)))
            blocks.append(block)
            current_set = None
            continue
        if block is None:
            if line.startswith("&"):
                current_set = line.strip().rstrip("_")
                synsets[current_set] = []
            elif line.startswith("+") and current_set is not None:
                synsets[current_set].append(_words(line[1:].strip().rstrip("_")))
            continue
        if line.startswith("- "):
            body = line.split("#", 1)[0]
            code = _CODE.search(body)
            if code is None:
                continue
            block.patterns.append((body[1 : code.start()].strip(), code.group(1).strip(), number))
        elif line.startswith("~"):
            continue  # transformations: verb-verb interactions the engine does not read
        else:
            # "HOLD {HOLDS HOLDING HELD } [---]": the verb, its irregular forms, its own code
            word = re.sub(r"\{[^}]*\}", " ", line)
            own = _CODE.search(word)
            verb = (word[: own.start()] if own else word).strip()
            if verb:
                block.verbs.append((verb, own.group(1).strip() if own else None))
    return synsets, blocks


_TOKENS = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")


def _expand(item: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """The word strings an item stands for (a synset expands to its members); None if it
    names an undefined synset."""
    if item.startswith("{"):
        options = [""]
        for part in item[1:-1].split():
            members = _expand(part, synsets)
            if members is None:
                return None
            options = [f"{o} {m}".strip() for o in options for m in members]
        return options
    if item.startswith("&"):
        members = synsets.get(item.rstrip("_"))
        return list(members) if members is not None else None
    return [_words(item)]


@dataclass(frozen=True)
class _Shape:
    """A pattern's words after the verb, each alternative a tuple of words."""

    alternatives: tuple[tuple[str, ...], ...]
    object_noun: bool  # a noun outside any prepositional phrase
    target_prep: str | None  # "* (WITH)": the noun-less preposition that takes the target


def _shape(post: str, synsets: dict[str, list[str]]) -> _Shape | str:
    """The pattern's words, or a SkipReason."""
    if re.search(r"[$+%^]", post):
        return SkipReason.MARKER
    alternatives: list[tuple[str, ...]] = [()]
    object_noun = False
    target_prep: str | None = None
    for token in _TOKENS.findall(post):
        if token.startswith("("):
            parts = _TOKENS.findall(token[1:-1])
            if not parts:
                return SkipReason.UNPARSED
            prep = _words(parts[0])
            if len(parts) == 1:
                if target_prep is not None:
                    return SkipReason.UNPARSED
                target_prep = prep
                continue
            options: list[tuple[str, ...]] = [(prep,)]
            for part in parts[1:]:
                members = _expand(part, synsets)
                if members is None:
                    return SkipReason.UNDEFINED_SYNSET
                options = [o + tuple(m.split()) for o in options for m in members]
        else:
            members = _expand(token, synsets)
            if members is None:
                return SkipReason.UNDEFINED_SYNSET
            options = [tuple(m.split()) for m in members]
            object_noun = True
        alternatives = [a + o for a in alternatives for o in options]
    return _Shape(tuple(alternatives), object_noun, target_prep)


def _verb_words(verb: str) -> tuple[str, ...] | None:
    """"+STEP_UP" -> ("step", "up"); None for words before the verb ("WIRE_+TAP")."""
    if "+" in verb and not verb.startswith("+"):
        return None
    return tuple(_words(verb.lstrip("+")).split())


def _trigger(
    words: tuple[str, ...], plover: PloverCode, preps: list[str], direct: bool, kind: str
) -> dict[str, object]:
    phrase = " ".join(words)
    sense: dict[str, object] = {"category": plover.category.value}
    if plover.mode:
        sense["mode"] = plover.mode
    sense.update(preps=preps, direct=direct, reverse=False, confidence=_CONFIDENCE[kind])
    return {
        "id": f"cameo:{plover.code}:{phrase.replace(' ', '_')}",
        "table": "VERBS",
        "lemma": phrase,
        "pos": "VERB",
        "sense": sense,
        "cameo": plover.code,
    }


def convert(dictionary: str, plover_table: str) -> Conversion:
    """The triggers of the CAMEO dictionary's text, coded through the PLOVER table's text."""
    result = Conversion(table=read_plover_table(plover_table))
    table = {p.code: p for p in result.table}
    relations, _ = read_relations(PACKAGED_RELATIONS, PACKAGED_MODES)
    synsets, blocks = _read_dictionary(dictionary)
    by_words: dict[str, dict[str, object]] = {}
    no_event: set[str] = set()  # verbs whose first listing codes no event: later ones too

    def add(trigger: dict[str, object]) -> str | None:
        """Add the trigger; the reason it is skipped if it is not added."""
        phrase = str(trigger["lemma"])
        if len(set(phrase.split())) != len(phrase.split()):
            return SkipReason.REPEATED
        earlier = by_words.get(phrase)
        if earlier is None:
            by_words[phrase] = trigger
            result.triggers.append(trigger)
            return None
        return SkipReason.DUPLICATE if earlier["sense"] == trigger["sense"] else SkipReason.OTHER_SENSE

    def coded(code: str) -> PloverCode | str:
        if ":" in code:
            return SkipReason.PAIRED
        if not code or code.startswith(("01", "02", "-")):
            return SkipReason.NO_CATEGORY
        found = _plover(code, table)
        return found if found is not None else SkipReason.NOT_IN_TABLE

    def merge(words: tuple[str, ...], plover: PloverCode, prep: str, alone: bool) -> str | None:
        """ "* (WITH)" on a verb that is already a trigger: the preposition joins its sense
        when the category and mode agree; else the verb with that preposition, when the verb
        may be a one-word trigger (``alone``: the block's own verb or one with its own code)."""
        bare = by_words.get(" ".join(words))
        if " ".join(words) in no_event:
            return SkipReason.OTHER_SENSE
        if bare is None:
            if not alone:
                return SkipReason.SYNONYM
            return add(_trigger(words, plover, [prep], False, "verb"))
        sense = bare["sense"]
        assert isinstance(sense, dict)
        if (sense["category"], sense.get("mode", "")) != (plover.category.value, plover.mode):
            return SkipReason.OTHER_SENSE
        if prep not in sense["preps"]:
            sense["preps"].append(prep)
        return None

    for block in blocks:
        verbs: list[tuple[str, ...]] = []
        alone: set[tuple[str, ...]] = set()  # verbs that may be one-word triggers
        for verb_text, own in block.verbs:
            result.verbs += 1
            head = _verb_words(verb_text)
            if head is None:
                result.verbs_skipped[SkipReason.PRE_VERB_WORDS] += 1
                continue
            verbs.append(head)
            if own is not None or " ".join(head) == block.name:
                alone.add(head)
            plover = coded(own or block.code)
            if " ".join(head) in no_event:
                reason: str | None = SkipReason.OTHER_SENSE
            elif own is None and " ".join(head) != block.name and not isinstance(plover, str):
                # WordNet synonyms read alone are too loose: "take", "hold", "ask", "best"
                reason = SkipReason.SYNONYM
            elif isinstance(plover, str):
                reason = plover
                if " ".join(head) not in by_words:
                    no_event.add(" ".join(head))  # its first listing says it is no event
            else:
                reason = add(_trigger(head, plover, [], True, "verb"))
            if reason is not None:
                result.verbs_skipped[reason] += 1
        for pattern, code, _line in block.patterns:
            result.patterns += 1
            pre, star, post = pattern.partition("*")
            plover = coded(code)
            shape: _Shape | str
            if re.search(r"[$+%^]", pattern):
                shape = SkipReason.MARKER
            elif not star or pre.strip():
                shape = SkipReason.PRE_VERB
            elif "&" in post:
                shape = SkipReason.SYNSET
            elif isinstance(plover, str):
                shape = plover
            else:
                shape = _shape(post, synsets)
            if isinstance(shape, str):
                result.skipped[shape] += 1
                continue
            assert not isinstance(plover, str)
            outcomes: Counter[str | None] = Counter()
            for head in verbs:
                for extra in shape.alternatives:
                    words = head + extra
                    if not extra:
                        assert shape.target_prep is not None
                        outcomes[merge(words, plover, shape.target_prep, head in alone)] += 1
                    elif shape.object_noun:
                        polarity = relations.relation(plover.category, plover.mode).polarity
                        preps = [shape.target_prep] if shape.target_prep else [*TARGET_PREPS[polarity]]
                        outcomes[add(_trigger(words, plover, preps, False, "phrase"))] += 1
                    else:
                        # "warn (OF CONSEQUENCES)": the direct object is the target
                        outcomes[add(_trigger(words, plover, [], True, "phrase"))] += 1
            if outcomes[None]:
                result.converted += 1
            else:
                reason = max(outcomes, key=lambda r: (outcomes[r], str(r))) if outcomes else None
                result.skipped[reason or SkipReason.NO_VERB] += 1
    return result


_TABLE_HEADER = """\
# CAMEO -> PLOVER: one CAMEO event code a line, tab-separated: code, PLOVER category, mode,
# context, description. Written by `conflictgraph rules import-cameo`; do not edit by hand.
#
# Derived from the Open Event Data Alliance's CAMEO to PLOVER conversion table
# (CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8, 17 September 2021, edited by Philip
# Schrodt; https://github.com/openeventdata/PLOVER), licensed under the Creative Commons
# Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0,
# https://creativecommons.org/licenses/by-sa/4.0/). This file is licensed under CC BY-SA 4.0.
# Changes: whitespace normalised; a code listed twice keeps its first line; the root lines
# keep their category only; AID's blank mode takes the kind of aid from the context column.
"""

_TRIGGERS_HEADER = """\
# CAMEO event triggers: one JSON object a line, the format of triggers.jsonl. Written by
# `conflictgraph rules import-cameo` from data/cameo/; do not edit by hand (override a line
# in triggers.jsonl or your CONFLICTGRAPH_RULES file instead).
#
# Derived from PETRARCH2's CAMEO verb pattern dictionary (CAMEO.2.0.txt), Copyright (c) 2015
# Open Event Data Alliance, MIT licence (data/cameo/LICENSE-CAMEO), with each CAMEO code's
# PLOVER category and mode from cameo_plover.tsv (CC BY-SA 4.0, see that file).
"""


def render_table(codes: list[PloverCode]) -> str:
    rows = [
        "\t".join([c.code, c.category.value, c.mode, c.context, c.description]) for c in codes
    ]
    return _TABLE_HEADER + "\n".join(rows) + "\n"


def render_triggers(triggers: list[dict[str, object]]) -> str:
    return _TRIGGERS_HEADER + "".join(
        json.dumps(t, ensure_ascii=False) + "\n" for t in triggers
    )


def write_conversion(
    dictionary: Path = CAMEO_DICTIONARY,
    plover_table: Path = PLOVER_TABLE,
    triggers_out: Path = CAMEO_TRIGGERS,
    table_out: Path = DERIVED_TABLE,
) -> Conversion:
    """Convert the files and write both outputs (each replaced whole, or left as it was)."""
    result = convert(dictionary.read_text(encoding="utf-8"), plover_table.read_text(encoding="utf-8"))
    for path, text in ((table_out, render_table(result.table)),
                       (triggers_out, render_triggers(result.triggers))):
        partial = path.with_suffix(path.suffix + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    return result
