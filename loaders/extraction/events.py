"""Relations stated through an event rather than between two named actors.

* Enablement: "Russia's attacks, which are enabled by arms from Iran": the
  source of the arms supports the attacker ("fuelled by weapons from",
  "sustained by funding from").
* Findings of crimes: "We have determined that members of X committed war
  crimes": whoever finds, concludes or determines that an actor committed
  atrocities accuses it (OPPOSES, ACCUSE).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...graph.model import PloverCategory, RelationType
from .lemmas import verb_lemma
from .lexicon import ATTACK_NOUNS, ENABLING_VERBS, FINDING_VERBS, SUPPORT_NOUNS
from .modality import Modality
from .predicate_frames import DIRECT_OBJECT, PASSIVE_SUBJECT
from .types import Arg, Found, Role, Sense

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from .context import ConstructionContext

__all__ = ["crimes_found", "enabled_by"]

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
