"""Relations stated through an event rather than between two named actors.

* Enablement: "Russia's attacks, which are enabled by arms from Iran": the
  source of the arms supports the attacker ("fuelled by weapons from",
  "sustained by funding from").
* Threats of a hostile act: "North Korea threatened to strike South Korea": the
  threatener threatens the object of the threatened act (OPPOSES, THREATEN); the
  act itself is a plan and states nothing (``HYPOTHETICAL_VERBS``).
* Findings of crimes: "We have determined that members of X committed war
  crimes": whoever finds, concludes or determines that an actor committed
  atrocities accuses it (OPPOSES, ACCUSE).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING

from ...graph.model import PloverCategory, RelationType
from .lemmas import verb_lemma
from .lexicon import ATTACK_NOUNS, ENABLING_VERBS, FINDING_VERBS, SUPPORT_NOUNS, VERBS
from .modality import Modality, modality
from .predicate_frames import DIRECT_OBJECT, PASSIVE_SUBJECT
from .types import Arg, Found, Role, Sense

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from .context import ConstructionContext

__all__ = ["consultation", "crimes_found", "enabled_by", "phone_call", "threatened_act"]

_ENABLED = Sense(RelationType.SUPPORTS, PloverCategory.AID, confidence=0.8)
_CRIME_NOUNS = frozenset(
    {
        "crimes",
        "crime",
        "atrocities",
        "genocide",
        "massacres",
        "massacre",
        "abuses",
        "cleansing",
        "violations",
    }
)
_ACCUSED = Sense(RelationType.OPPOSES, PloverCategory.ACCUSE, confidence=0.75)
_EVENT_NOUNS = frozenset(ATTACK_NOUNS) | {"operations", "campaign", "war", "offensive", "aggression"}


def _doers(c: ConstructionContext, event: Token) -> list[Arg]:
    """Who carries out an event noun: "Russia's attacks", "Houthi strikes"."""
    found = c.resolver.resolve(event)
    if found:
        return found
    if event.lower_ not in _EVENT_NOUNS:
        return []
    return [
        c.resolver.mention_arg(m)
        for child in event.children
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (m := c.mentions.at(child)) is not None
    ]


def enabled_by(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "attacks, which are enabled by arms and ammunition from Iran": Iran supports the attacker."""
    if noun.lower_ not in SUPPORT_NOUNS or noun.dep_ not in ("pobj", "conj"):
        return
    head = noun
    while head.dep_ == "conj":
        head = head.head
    agent = head.head
    if head.dep_ != "pobj" or agent.dep_ != "agent":
        return
    verb = agent.head
    if verb_lemma(verb.lower_) not in ENABLING_VERBS:
        return
    sources = [
        a
        for item in (head, *(t for t in head.subtree if t.dep_ == "conj" and t.head.i == head.i))
        for p in c.frames[item].prep_objects(("from",))
        for a in c.resolver.resolve(p)
    ]
    if not sources:
        return
    enabled: list[Arg] = []
    for subject in c.frames[verb].get(Role.PATIENT, PASSIVE_SUBJECT):
        event = verb.head if subject.tag_ == "WDT" and verb.dep_ == "relcl" else subject
        enabled.extend(_doers(c, event))
    if verb.dep_ in ("acl", "amod") and not enabled:
        enabled = _doers(c, verb.head)  # "attacks enabled by weapons from X"
    yield from c.emit(_ENABLED, sources, enabled, noun, "enabled-by", 0.9)


def crimes_found(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "We have determined that members of X committed war crimes": we accuse X."""
    if verb_lemma(verb.lower_) != "commit" or verb.dep_ != "ccomp":
        return
    if not any(o.lower_ in _CRIME_NOUNS for o in c.frames[verb].get(Role.PATIENT, DIRECT_OBJECT)):
        return
    finding = verb.head
    if verb_lemma(finding.lower_) not in FINDING_VERBS:
        return
    if any(
        t.dep_ == "neg" for v in (verb, finding) for t in v.children
    ) or finding.sent.text.rstrip().endswith("?"):
        return
    # A finding made earlier ("previously determined") still stands: only negation cancels it.
    accused = c.subjects_of(verb)
    mood = Modality(True)
    yield from c.emit(_ACCUSED, c.subjects_of(finding), accused, verb, "crimes-found", 0.9, mood=mood)


_THREATENED = Sense(RelationType.OPPOSES, PloverCategory.THREATEN, confidence=0.6)
# The categories of a threatened act that make the threat one against its object: "threatened to
# strike/attack/sanction Y" (not "threatened to support Y", nor "to resign").
_THREATENED_ACTS = frozenset(
    {PloverCategory.ASSAULT, PloverCategory.FIGHT, PloverCategory.COERCE, PloverCategory.SANCTION}
)


def threatened_act(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "X threatened to strike Y": X threatens Y (the strike itself is only threatened)."""
    if verb_lemma(verb.lower_) != "threaten":
        return
    for act in verb.children:
        if act.dep_ != "xcomp" or not act.tag_.startswith("VB"):
            continue
        sense = VERBS.get(verb_lemma(act.lower_))
        if sense is None or sense.category not in _THREATENED_ACTS:
            continue
        frame = c.frames[act]
        held = frame.get(Role.PATIENT, DIRECT_OBJECT) + frame.prep_objects(tuple(sense.preps))
        targets = [a for t in held for a in c.resolver.resolve(t) or c.resolver.target_owner(t)]
        yield from c.emit(_THREATENED, c.subjects_of(verb), targets, verb, "threatened-act")


_CONSULTED = Sense(RelationType.COOPERATES, PloverCategory.CONSULT, confidence=0.7)
# Nouns of a consultation: "a phone call with Y", "a meeting with Y", "talks with Y".
_CONSULTATION_NOUNS = frozenset({"call", "meeting", "conversation", "videoconference", "talks"})
# Prepositions that set a consultation as the clause's frame: "During/In/On a call with Y, X ...".
_FRAME_PREPS = frozenset({"during", "in", "on", "at"})
# Verbs that hold a consultation: "X held/had a call with Y".
_HOLDING_VERBS = frozenset({"hold", "have", "conduct"})
# Children of "call" that make it another verb: "called Y to ..." (xcomp), "called it illegal";
# "called on/for/upon" ask for something ("called Y a terrorist group" is read in phone_call).
_CALL_ELSEWHERE_DEPS = frozenset({"xcomp", "ccomp", "acomp", "attr", "dative"})
_CALL_ELSEWHERE_PREPS = frozenset({"on", "for", "upon", "off", "out"})


def consultation(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "During a phone call with Y, X ...", "X held talks with Y", "X and Y held a meeting":
    X consults Y."""
    if noun.lower_ not in _CONSULTATION_NOUNS:
        return
    others = [
        a
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for p in prep.children
        if p.dep_ == "pobj"
        for a in c.resolver.resolve(p)
    ]
    if noun.dep_ == "dobj" and verb_lemma(noun.head.lower_) in _HOLDING_VERBS:
        verb = noun.head  # "X held a call with Y"
        if others:
            yield from c.emit(_CONSULTED, c.subjects_of(verb), others, noun, "consultation", 0.9)
        elif not any(p.dep_ == "prep" and p.lower_ == "with" for p in noun.children):
            # "Iran and Syria held talks in Damascus": the joint subject consult each other
            agents = [a for a in c.subjects_of(verb) if a.deferred is None]
            for left, right in combinations(agents, 2):
                yield from c.emit(_CONSULTED, [left], [right], noun, "joint-consultation", 0.9)
        return
    if not others:
        return
    if noun.dep_ == "pobj" and noun.head.lower_ in _FRAME_PREPS and noun.head.head.tag_.startswith("VB"):
        # "During a call with Y, X offered ...": the call frames the clause and took place
        # whatever the clause's verb says (an offer is no plan of a call): the clause's
        # commitment is read off its verb alone.
        verb = noun.head.head
        mood = modality(verb)
        yield from c.emit(_CONSULTED, c.subjects_of(verb), others, noun, "consultation", 0.9, mood=mood)


def phone_call(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "Marco Rubio called Felix Tshisekedi on January 27": a call to an actor, no complement."""
    if verb_lemma(verb.lower_) != "call" or any(
        child.dep_ in _CALL_ELSEWHERE_DEPS
        or (child.dep_ in ("prep", "prt") and child.lower_ in _CALL_ELSEWHERE_PREPS and child.i == verb.i + 1)
        for child in verb.children
    ):
        return
    objects = [t for t in verb.children if t.dep_ == "dobj"]
    predicates = [t for t in verb.children if t.dep_ == "oprd"]
    if objects and predicates:
        return  # "called Hamas a terrorist organization"
    # The parser reads a bare called name as a predicate ("called Kuleba": oprd); only a
    # proper name right after the verb is the one called ("called Ukraine's leaders Nazis" names).
    objects = objects or [p for p in predicates if p.left_edge.i == verb.i + 1 and p.tag_ == "NNP"]
    if len(objects) != 1 or any(child.dep_ in ("acomp", "amod", "oprd") for child in objects[0].rights):
        return
    called = c.resolver.resolve(objects[0])
    if not called:
        return
    yield from c.emit(_CONSULTED, c.subjects_of(verb), called, verb, "phone-call", 0.9)
