"""Clause frames that name both sides of a conflict without a relation verb between them.

* Cooperation on a truce, talks or an exchange of prisoners is an event between the
  parties, not an alliance: "Israel and Hamas cooperated to implement the ceasefire",
  "Russia cooperated with Ukraine on the exchange of prisoners" (AGREE).
  ``event_category`` says so for a cooperation verb.
* Truces agreed by their parties: "Israel and Hezbollah agreed to a ceasefire",
  "Armenia and Azerbaijan signed a ceasefire deal", "Hamas agreed to a truce with
  Israel". The annotation guide counts the parties of a ceasefire as in conflict,
  and a conflict ongoing up to the deal is annotated on the day it is agreed. A
  third party who calls for the truce ("X called on A and B to agree a
  ceasefire") is not a party: only the clause's own subjects are.
* Defence against a possessed attack: "Ukraine defends itself against Russia's
  invasion", "helped Israel defend against Iran's attacks" (the attacker opposes
  the defended). An indefinite or possible attack ("against any aggression")
  has happened to nobody.
* Talks described by a participle, with their parties as the object of the
  clause: "The talks, hosted by Qatar in Doha, brought together Israel and Hamas"
  (the host mediates between each party), or by a relative clause on the hosted
  talks: "Qatar hosted talks that brought together Israel and Hamas".
* Responsibility for an attack: "X claimed responsibility for the attack on Z",
  "X and Y were jointly responsible for the attack on Z" (each attacker opposes
  the target). Denying responsibility ("X denied responsibility") claims nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING

from ...graph.model import PloverCategory, RelationType
from .arguments import PARTIES
from .lemmas import verb_lemma
from .lexicon import CAPTIVE_NOUNS, MEDIATION_VERBS, PEACE_NOUNS, SWAP_NOUNS, TALK_NOUNS
from .modality import modality, negated_word
from .predicate_frames import ACTIVE_SUBJECT, DIRECT_OBJECT
from .tree import dependents as _deps
from .tree import is_truce_noun
from .tree import named_args as _named
from .tree import prep_objects as _pobjs
from .types import Arg, Found, Role, Sense

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from .context import ConstructionContext

__all__ = [
    "ANCHOR_WORDS",
    "defended_against",
    "event_category",
    "hosted_meeting",
    "hosted_talks",
    "responsible_for_attack",
    "truce_parties",
]

_TRUCE = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.75)
_ATTACKED = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.8)
_HOSTED = Sense(RelationType.MEDIATES, PloverCategory.MEDIATE, confidence=0.75)

_AGREEING_VERBS = frozenset({"agree", "sign", "reach", "accept", "seal", "conclude", "strike", "commit"})
# A deal is a truce only when its compound says so: "a ceasefire deal", "a peace agreement".
_DEAL_NOUNS = frozenset({"deal", "agreement", "accord", "pact", "treaty", "deals", "agreements"})
_TRUCE_MODIFIERS = PEACE_NOUNS | {"peace"}
_DEFENDING_VERBS = frozenset({"defend", "protect", "shield"})
_REFLEXIVES = frozenset({"itself", "themselves", "herself", "himself", "ourselves"})
_ATTACK_WORDS = frozenset(
    {
        "war",
        "invasion",
        "aggression",
        "attack",
        "attacks",
        "onslaught",
        "assault",
        "assaults",
        "offensive",
        "incursion",
        "incursions",
        "strikes",
        "airstrikes",
        "bombardment",
        "occupation",
    }
)
# "against any aggression", "against a possible invasion": an attack nobody has made.
_UNREAL_DETERMINERS = frozenset({"any", "a", "an", "future", "possible", "potential", "further", "every"})
# "claimed/accepted/admitted responsibility": the speaker owns the attack; "denied" does not.
_CLAIMING_VERBS = frozenset({"claim", "accept", "admit", "acknowledge"})
_RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})
_GATHERING_VERBS = frozenset({"bring", "gather", "involve", "include", "unite", "assemble"})





def _resolved(c: ConstructionContext, tokens: list[Token]) -> list[Arg]:
    return _named([a for t in tokens for a in c.resolver.resolve(t)])


# -- "X and Y agreed to a ceasefire" --------------------------------------------------------
def _is_truce(noun: Token) -> bool:
    lower = noun.lower_
    if is_truce_noun(noun):
        return True  # "a ceasefire", "a pause in fighting", "a cessation of hostilities"
    return lower in _DEAL_NOUNS and any(
        c.lower_ in _TRUCE_MODIFIERS for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
    )


def _subjects(c: ConstructionContext, verb: Token) -> list[Token]:
    """The verb's active subjects, from its frame."""
    return c.frames[verb].get(Role.AGENT, ACTIVE_SUBJECT)


def _objects(c: ConstructionContext, verb: Token) -> list[Token]:
    """The verb's direct objects, from its frame."""
    return c.frames[verb].get(Role.PATIENT, DIRECT_OBJECT)


def _truce_subjects(c: ConstructionContext, verb: Token) -> list[Token]:
    """The clause's own subjects, or those of the clause a participle hangs on: "A and B signed
    a declaration, committing to a permanent ceasefire". "called on A and B to agree a truce"
    has none."""
    subjects = _subjects(c, verb)
    if subjects or verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp"):
        return subjects
    return _subjects(c, verb.head)


def truce_parties(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "Israel and Hezbollah agreed to a ceasefire", "A signed a truce with B": the parties fought.
    "Both sides agreed to a pause in fighting": the article's two parties."""
    if verb_lemma(verb.lower_) not in _AGREEING_VERBS:
        return
    subjects = _truce_subjects(c, verb)
    if not subjects:
        return
    truces = [n for n in _objects(c, verb) + _pobjs(verb, ("to", "on")) if _is_truce(n)]
    if not truces or any(negated_word(n) for n in truces):
        return
    every = [a for t in subjects for a in c.resolver.resolve(t)]
    sides = [a for a in every if a.deferred == PARTIES]
    if sides and len(every) == 1:
        yield from _between_sides(sides[0], verb)
        return
    parties = _named(every)
    partners = _resolved(c, [t for n in truces for t in _pobjs(n, ("with",))] + _pobjs(verb, ("with",)))
    if partners:
        yield from c.emit(_TRUCE, parties, partners, verb, "truce-parties", 0.9)
        return
    for left, right in combinations(parties, 2):
        yield from c.emit(_TRUCE, [left], [right], verb, "truce-parties", 0.9)


def _between_sides(sides: Arg, verb: Token) -> Iterator[Found]:
    """One claim between "the two sides" themselves, filled in from the article's last named pair."""

    mood = modality(verb)
    if mood.asserted:
        confidence = round(min(_TRUCE.confidence * 0.9 * mood.factor, 0.99), 3)
        yield Found(
            _TRUCE.type, _TRUCE.category, sides, sides, verb, confidence, mood.hedged, "truce-parties"
        )


# -- "Israel and Hamas cooperated to implement the ceasefire" ----------------------------------
# What a cooperation is about: "cooperate on X", "work with Y over X", "cooperated to
# implement X".
_TOPIC_PREPS = ("on", "over", "in", "for", "to", "toward", "towards", "regarding")


def _topics(verb: Token) -> list[Token]:
    nouns = _deps(verb, "dobj") + _pobjs(verb, _TOPIC_PREPS)
    for purpose in _deps(verb, "xcomp", "advcl"):
        if purpose.tag_ == "VB":  # "to implement the ceasefire"
            nouns += _deps(purpose, "dobj") + _pobjs(purpose, _TOPIC_PREPS)
    return nouns + [c for n in nouns for c in _deps(n, "conj")]


def _is_swap(noun: Token) -> bool:
    """ "a prisoner swap", "the exchange of hostages", "the release of detainees"."""
    if noun.lower_ not in SWAP_NOUNS:
        return False
    return any(c.lower_ in CAPTIVE_NOUNS for c in _deps(noun, "compound", "amod", "nmod")) or any(
        o.lower_ in CAPTIVE_NOUNS for o in _pobjs(noun, ("of",)))


def event_category(verb: Token) -> PloverCategory | None:
    """AGREE when a cooperation verb is about a truce, a peace deal or an exchange of
    prisoners: an event between the parties, who are adversaries. None when it is about
    anything else, talks included ("Egypt worked with Qatar on the talks": two mediators
    working together), which is cooperation."""
    return PloverCategory.AGREE if any(_is_truce(n) or _is_swap(n) for n in _topics(verb)) else None


# -- "Ukraine defends itself against Russia's invasion" --------------------------------------------
def _attackers(c: ConstructionContext, noun: Token) -> list[Arg]:
    """Who makes the attack: its possessor, its adjective ("Russian aggression") or "by X"."""
    if any(d.lower_ in _UNREAL_DETERMINERS for d in noun.children if d.dep_ in ("det", "amod")):
        return []
    owners = [
        c.resolver.mention_arg(m)
        for child in noun.children
        if child.dep_ in ("poss", "amod", "compound") and (m := c.mentions.at(child)) is not None
    ]
    return _named(owners) or _resolved(c, _pobjs(noun, ("by",)))


def _defended(c: ConstructionContext, verb: Token) -> list[Arg]:
    """The defended side: the object, or the subject when the object is "itself" or absent."""
    objects = _objects(c, verb)
    if objects and objects[0].lower_ not in _REFLEXIVES:
        return _resolved(c, objects)
    return _named(c.subjects_of(verb))


def defended_against(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "Y defends itself against X's war/invasion/aggression/attacks": X opposes Y."""
    if verb_lemma(verb.lower_) not in _DEFENDING_VERBS:
        return
    holders = [verb, *_objects(c, verb)]
    attacks = [n for h in holders for n in _pobjs(h, ("against", "from")) if n.lower_ in _ATTACK_WORDS]
    for noun in attacks:
        if negated_word(noun):
            continue
        attackers = _attackers(c, noun)
        if attackers:
            yield from c.emit(_ATTACKED, attackers, _defended(c, verb), verb, "defended-against", 0.9)


# -- "The talks, hosted by Qatar, brought together A and B" ------------------------------------------
def _hosts(c: ConstructionContext, talks: Token) -> list[Arg]:
    """The host of talks: the agent of a participle on them ("talks, hosted by Qatar, ...")."""
    return _resolved(
        c,
        [
            agent
            for clause in _deps(talks, "acl")
            if clause.tag_ == "VBN" and verb_lemma(clause.lower_) in MEDIATION_VERBS
            for by in _deps(clause, "agent")
            for agent in _deps(by, "pobj")
        ],
    )


def _relative_host(c: ConstructionContext, verb: Token) -> tuple[list[Arg], Token] | None:
    """ "Qatar hosted talks that brought together ...": the subject of the verb hosting the talks
    the relative clause is about, with that verb (whose mood the claim takes)."""
    if verb.dep_ != "relcl" or verb.head.lower_ not in TALK_NOUNS or verb.head.dep_ != "dobj":
        return None
    if not any(s.tag_ == "WDT" for s in _subjects(c, verb)):
        return None
    host_verb = verb.head.head
    if verb_lemma(host_verb.lower_) not in MEDIATION_VERBS:
        return None
    return _named(c.subjects_of(host_verb)), host_verb


def hosted_talks(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "The talks, hosted by Qatar in Doha, brought together Israel and Hamas", "Qatar hosted talks
    that brought together Israel and Hamas": Qatar mediates."""
    if verb_lemma(verb.lower_) not in _GATHERING_VERBS:
        return
    relative = _relative_host(c, verb)
    talks = [t for t in _subjects(c, verb) if t.lower_ in TALK_NOUNS]
    if not talks and relative is None:
        return
    parties = _resolved(c, _objects(c, verb))
    if len(parties) < 2:
        return  # one side is no talks between sides
    if relative is not None:
        hosts, host_verb = relative
        yield from c.emit(_HOSTED, hosts, parties, host_verb, "hosted-talks", 0.9)
        return
    hosts = [h for t in talks for h in _hosts(c, t)]
    yield from c.emit(_HOSTED, hosts, parties, verb, "hosted-talks", 0.9)


_MEETING_VERBS = frozenset({"meet", "hold", "convene", "gather", "resume", "open"})


def _talk_nouns(noun: Token) -> list[Token]:
    """The talks a phrase names: "talks", "a second round of direct peace talks"."""
    found = [noun] if noun.lower_ in TALK_NOUNS or noun.lower_ in ("round", "session") else []
    return found + [o for o in _pobjs(noun, ("of",)) if o.lower_ in TALK_NOUNS]


def hosted_meeting(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "Russian and Ukrainian delegations met in Istanbul for a second round of talks, hosted by
    Turkey", "A and B held talks hosted by Qatar": the host mediates between the clause's subjects."""
    if verb_lemma(verb.lower_) not in _MEETING_VERBS:
        return
    heads = _objects(c, verb) + _pobjs(verb, ("for", "in"))
    talks = [t for h in heads for t in _talk_nouns(h)]
    if not any(t.lower_ in TALK_NOUNS for t in talks):
        return
    hosts = [h for t in talks for h in _hosts(c, t)]
    if not hosts:
        return
    parties = _named(c.subjects_of(verb))
    if len({a.ref.id for a in parties if a.ref is not None}) < 2:
        return  # one side is no talks between sides
    yield from c.emit(_HOSTED, hosts, parties, verb, "hosted-meeting", 0.9)


# -- "X claimed responsibility for the attack on Z" ---------------------------------------------
def _owned_attacks(c: ConstructionContext, verb: Token) -> list[Token]:
    """The attacks a clause makes its subject answer for: "claimed responsibility for the attack",
    "were responsible for the attack"."""
    lemma = verb_lemma(verb.lower_)
    if lemma in _CLAIMING_VERBS:
        holders = [n for n in _objects(c, verb) if n.lower_ in _RESPONSIBILITY_NOUNS]
    elif lemma == "be":
        holders = [a for a in _deps(verb, "acomp") if a.lower_ == "responsible"]
    else:
        return []
    return [n for h in holders for n in _pobjs(h, ("for",)) if n.lower_ in _ATTACK_WORDS]


def responsible_for_attack(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "X claimed responsibility for the attack on Z", "X and Y were responsible for the attack
    on Z": the attackers oppose the attacked."""
    attacks = [n for n in _owned_attacks(c, verb) if not negated_word(n)]
    if not attacks:
        return
    attackers = _named(c.subjects_of(verb))
    targets = _resolved(c, [t for n in attacks for t in _pobjs(n, ("on", "against"))])
    yield from c.emit(_ATTACKED, attackers, targets, verb, "responsible-for-attack", 0.9)


# The word sets this module's constructions check first, by the names their anchors use
# (rules/anchors.jsonl, resolved by anchors.py).
ANCHOR_WORDS: dict[str, frozenset[str]] = {
    "AGREEING_VERBS": _AGREEING_VERBS,
    "DEFENDING_VERBS": _DEFENDING_VERBS,
    "GATHERING_VERBS": _GATHERING_VERBS,
    "HOSTED_MEETING_VERBS": _MEETING_VERBS,
    "CLAIMING_VERBS": _CLAIMING_VERBS,
}
