"""Constructions of wire-service conflict reporting.

News states relations in a few shapes the statement register rarely uses:

* Mutual fighting with both sides as subjects and no object: "Russia and
  Ukraine have fought since 2014", "the army and the RSF have been battling
  for control of Khartoum" (OPPOSES between the subjects). Fighting
  "together", "alongside", "in" a third actor's war or "for" an actor is not
  fighting each other.
* "pit X against Y": "the war, which pits the army against the RSF".
* Alliances as events: "an alliance between A and B", "A and B formed an
  alliance", "A signed a defence pact with B" (ALLIED_WITH).
* Fights "with" an enemy as nouns: "Hamas fought gun battles with police",
  "the LNA was locked in a battle with the GNA", "the RSF's clashes with the
  army" (OPPOSES).
* Interventions for a side: "Turkey's military intervention on behalf of
  the GNA", "Russia's deployment in support of Assad" (SUPPORTS).
* A support verb the small tagger reads as an adverb or a preposition:
  "Russia and the UAE back the LNA" ("back" tagged RB, the sentence folded
  into one noun phrase).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING

from ...graph.model import MentionForm, PloverCategory, RelationType
from .lemmas import verb_lemma
from .lexicon import BETWEEN_HOSTILE, VERBS
from .modality import negated_word
from .predicate_frames import ACTIVE_SUBJECT, DIRECT_OBJECT, PASSIVE_SUBJECT
from .tree import dependents as _deps
from .tree import named_args as _named
from .types import Arg, Found, Role, Sense

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from .context import ConstructionContext

__all__ = [
    "ANCHOR_WORDS", "alliance", "battle_with", "intervention", "misparsed_verb", "mutual_fight", "pitted",
]

_FOUGHT = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.75)
_PITTED = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.75)
_ALLIANCE = Sense(RelationType.ALLIED_WITH, PloverCategory.COOPERATE, confidence=0.75)
_INTERVENED = Sense(RelationType.SUPPORTS, PloverCategory.SUPPORT, confidence=0.75)

# Fights an actor has "with" another; "war" is an attack noun of its own ("war with").
_BATTLE_NOUNS = (
    BETWEEN_HOSTILE - {"war", "wars", "conflict", "conflicts", "rivalry", "enmity", "bloodshed"}
) | {
    "firefight",
    "firefights",
    "gunbattle",
    "gunbattles",
    "gunfight",
}
_MUTUAL_VERBS = frozenset({"fight", "battle", "skirmish", "spar"})
# Fighting with, beside or under someone is fighting on the same side.
_SAME_SIDE_PREPS = frozenset({"alongside", "beside", "with", "under", "among", "against", "on"})
_SAME_SIDE_ADVERBS = frozenset({"together", "jointly", "side", "alongside", "back", "shoulder"})
# What two sides fight each other for or over: "battled for control of Khartoum".
_CONTESTED = frozenset({"control", "territory", "supremacy", "dominance", "power", "ground", "land"})
_ALLIANCE_NOUNS = frozenset({"alliance", "alliances", "coalition"})
# A pact or treaty is an alliance only as a defence pact.
_PACT_NOUNS = frozenset({"pact", "treaty"})
_DEFENCE_WORDS = frozenset({"defence", "defense", "military", "mutual", "security"})
_FORMING_VERBS = frozenset(
    {"form", "forge", "sign", "seal", "cement", "conclude", "build", "strike", "create"}
    # an alliance the statement says holds: "X and Y reaffirmed/strengthened their alliance"
    | {"reaffirm", "strengthen", "deepen", "renew", "reinforce", "modernize", "modernise"}
)
_INTERVENTION_NOUNS = frozenset({"intervention", "interventions", "involvement", "deployment", "deployments"})
_MISREAD_TAGS = frozenset({"RB", "IN", "RP"})





def _pairs(
    c: ConstructionContext, sense: Sense, sides: list[Arg], trigger: Token, name: str
) -> Iterator[Found]:
    for left, right in combinations(sides, 2):
        yield from c.emit(sense, [left], [right], trigger, name, 0.9)


# -- "X and Y have fought since 2014" ---------------------------------------------
_DURATIONS = frozenset({"days", "weeks", "months", "years", "decades", "generations", "hours"})


def _same_side(c: ConstructionContext, verb: Token, subjects: list[Arg]) -> bool:
    """Fought together, alongside someone, in a third actor's war, or for a principal."""
    if any(a.lower_ in _SAME_SIDE_ADVERBS for a in _deps(verb, "advmod", "prt", "npadvmod")):
        return True
    frame = c.frames[verb]
    if frame.prep_objects(_SAME_SIDE_PREPS):
        return True
    own = {a.ref.id for a in subjects if a.ref is not None}
    for place in frame.prep_objects(("in", "during")):
        if place.lower_ in BETWEEN_HOSTILE:
            return True  # "fought in the war" (maybe on one side)
        if any(a.ref is not None and a.ref.id not in own for a in c.resolver.resolve(place)):
            return True  # "fought in Syria": side by side, in someone else's country
    for goal in frame.prep_objects(("for", "over")):
        # "fought for control of X" is fighting each other; "fought for Haftar" or "for the
        # deal" is not
        if goal.lower_ in _DURATIONS:
            continue  # "have fought for months": a duration, not a cause
        if goal.lower_ not in _CONTESTED and not any(
            a.form == MentionForm.METONYM for a in c.resolver.resolve(goal)
        ):
            return True
    return False


def mutual_fight(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "Russia and Ukraine have fought since 2014": coordinated subjects, no object."""
    frame = c.frames[verb]
    if verb_lemma(verb.lower_) not in _MUTUAL_VERBS or not frame.get(Role.AGENT, ACTIVE_SUBJECT):
        return
    if frame.get(Role.PATIENT, DIRECT_OBJECT) or frame.get(Role.PATIENT, PASSIVE_SUBJECT):
        return
    if _deps(verb, "auxpass", "ccomp", "xcomp"):
        return  # a passive or a verb with a clause for its object
    if any(c.frames[conj].get(Role.PATIENT, DIRECT_OBJECT) for conj in _deps(verb, "conj")):
        return  # "fought and defeated X": the object is someone else
    subjects = _named(c.subjects_of(verb))
    if len(subjects) < 2 or _same_side(c, verb, subjects):
        return
    yield from _pairs(c, _FOUGHT, subjects, verb, "mutual-fight")


# -- "the war pitting X against Y" --------------------------------------------------
def pitted(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "a conflict which pits the SAF against the RSF": the two are at war."""
    if verb_lemma(verb.lower_) != "pit":
        return
    frame = c.frames[verb]
    objects = frame.get(Role.PATIENT, DIRECT_OBJECT)
    against = frame.prep_objects(("against",)) + [
        t for o in objects for t in c.frames[o].prep_objects(("against",))
    ]
    left = _named([a for o in objects for a in c.resolver.resolve(o)])
    right = _named([a for t in against for a in c.resolver.resolve(t)])
    for one in left:
        yield from c.emit(_PITTED, [one], right, verb, "pitted", 0.9)


# -- alliances as events ----------------------------------------------------------------
def _is_alliance(noun: Token) -> bool:
    lower = noun.lower_
    if lower in _ALLIANCE_NOUNS:
        return lower != "coalition" or any(c.lower_ == "military" for c in noun.children)
    return lower in _PACT_NOUNS and any(
        c.lower_ in _DEFENCE_WORDS or c.lower_.startswith(("defence", "defense", "mutual"))
        for c in noun.children
        if c.dep_ in ("amod", "compound")
    )


def alliance(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "an alliance between A and B", "A and B formed an alliance", "A signed a defence pact with B"."""
    if not _is_alliance(noun) or negated_word(noun):
        return
    between = _named(c.between(noun))
    if len(between) >= 2:
        yield from _pairs(c, _ALLIANCE, between, noun, "alliance-between")
        return
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "into":
        verb = verb.head  # "entered into an alliance with"
    elif noun.dep_ != "dobj":
        return
    lemma = verb_lemma(verb.lower_)
    if lemma not in _FORMING_VERBS and lemma != "enter":
        return
    members = _named(c.subjects_of(verb))
    partners = _named(
        [
            a
            for t in c.frames[noun].prep_objects(("with",)) + c.frames[verb].prep_objects(("with",))
            for a in c.resolver.resolve(t)
        ]
    )
    if partners:
        yield from c.emit(_ALLIANCE, members, partners, noun, "alliance-formed", 0.9)
    elif len(members) >= 2:
        yield from _pairs(c, _ALLIANCE, members, noun, "alliance-formed")


# -- interventions for a side -------------------------------------------------------------
def _principals(c: ConstructionContext, noun: Token) -> list[Arg]:
    """The side an intervention is for: "on behalf of X", "in support of X", "in favour of X"."""
    found: list[Arg] = []
    for word in c.frames[noun].prep_objects(("on", "in")):
        if word.lower_ in ("behalf", "support", "favour", "favor", "defence", "defense"):
            found += [a for t in c.frames[word].prep_objects(("of",)) for a in c.resolver.resolve(t)]
    return _named(found)


def intervention(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "Turkey's military intervention on behalf of the GNA": Turkey supports the GNA."""
    if noun.lower_ not in _INTERVENTION_NOUNS or negated_word(noun):
        return
    principals = _principals(c, noun)
    if not principals:
        return
    holders = [
        c.resolver.mention_arg(m)
        for child in noun.children
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (m := c.mentions.at(child)) is not None
    ]
    holders += [a for t in c.frames[noun].prep_objects(("by",)) for a in c.resolver.resolve(t)]
    yield from c.emit(_INTERVENED, _named(holders), principals, noun, "intervention", 0.9)


# -- "Russia and the UAE back the LNA", with "back" read as an adverb ---------------------------
def _first_conjunct(token: Token) -> Token:
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def misparsed_verb(c: ConstructionContext, token: Token) -> Iterator[Found]:
    """A support or attack verb tagged as an adverb or preposition between two named sides."""
    if token.tag_ not in _MISREAD_TAGS:
        return
    sense = VERBS.get(verb_lemma(token.lower_))
    if sense is None or not sense.direct or sense.type not in (RelationType.SUPPORTS, RelationType.OPPOSES):
        return
    frame = c.frames[token]  # a verb's frame, as the parser gave it (misread_verb_frame)
    if frame.get(Role.AGENT, ACTIVE_SUBJECT) and frame.get(Role.PATIENT, DIRECT_OBJECT):
        yield from c.read_verb(token)  # the tree of a verb, only the tag is wrong
        return
    if token.i == 0 or token.i + 1 >= len(c.tokens):
        return
    before = c.mentions.at(c.tokens[token.i - 1])
    position = token.i + 1
    if c.tokens[position].tag_ == "DT" and position + 1 < len(c.tokens):
        position += 1
    after = c.mentions.at(c.tokens[position])
    if before is None or after is None or before.end != token.i or after.start != position:
        return
    subject = _first_conjunct(c.doc[before.start : before.end].root)
    if subject.dep_ not in ("ROOT", "nsubj") or (subject.dep_ == "nsubj" and subject.head.i != token.i):
        return
    subjects = _named([a for a in c.resolver.resolve(subject) if a.end <= token.i])
    objects = _named([a for a in c.resolver.resolve(c.tokens[position]) if a.start > token.i])
    yield from c.emit(sense, subjects, objects, token, "misparsed-verb", 0.9)


# -- "fought gun battles with Y", "locked in a battle with Y" -----------------------------------
def _battle_holders(c: ConstructionContext, noun: Token) -> list[Arg]:
    """Who is in the fight: the owner ("the LNA's clashes with"), or the subject of the verb
    that has it ("fought battles with", "was locked in a battle with")."""
    owners = [
        c.resolver.mention_arg(m)
        for child in noun.children
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (m := c.mentions.at(child)) is not None
    ]
    if owners:
        return owners
    head = noun.head
    if noun.dep_ == "dobj" and head.tag_.startswith("VB"):
        return c.subjects_of(head)
    if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.tag_.startswith("VB"):
        verb = head.head
        passive = c.frames[verb].get(Role.PATIENT, PASSIVE_SUBJECT)  # "X has been locked in a battle with Y"
        return [a for t in passive for a in c.resolver.resolve(t)] if passive else c.subjects_of(verb)
    return []


def battle_with(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "Hamas fought gun battles with Y", "X was locked in a battle with Y", "X's clashes with Y"."""
    if noun.lower_ not in _BATTLE_NOUNS or negated_word(noun):
        return
    enemies = _named([a for t in c.frames[noun].prep_objects(("with",)) for a in c.resolver.resolve(t)])
    if not enemies:
        return
    holders = _named(_battle_holders(c, noun))
    yield from c.emit(_FOUGHT, holders, enemies, noun, "battle-with", 0.9)


# The word sets this module's constructions check first, by the names their anchors use
# (rules/anchors.jsonl, resolved by anchors.py).
ANCHOR_WORDS: dict[str, frozenset[str]] = {
    "MUTUAL_VERBS": _MUTUAL_VERBS,
    "ALLIANCE_NOUNS": _ALLIANCE_NOUNS,
    "PACT_NOUNS": _PACT_NOUNS,
    "INTERVENTION_NOUNS": _INTERVENTION_NOUNS,
    "BATTLE_NOUNS": _BATTLE_NOUNS,
}
