"""Is a relation asserted as a fact? Negation, hedges, ended and hypothetical relations.

Read off the parse around the trigger word and the words that govern it:
"did not back", "never supported", "denied arming" state no relation;
"formerly backed", "stopped supporting", "withdrew its support" state one
that ended; "could back", "plans to arm", "if ... supports" state none yet.
"reportedly", "allegedly", "accused of", "is said to" keep the claim but
lower its confidence and mark it hedged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...graph.model import PloverCategory
from .lemmas import verb_lemma
from .lexicon import (
    ATTACK_NOUNS,
    BETWEEN_HOSTILE,
    ENDED_MODIFIERS,
    ENDING_VERBS,
    HEDGE_ADVERBS,
    HEDGE_VERBS,
    HYPOTHETICAL_ADJECTIVES,
    HYPOTHETICAL_AUX,
    HYPOTHETICAL_VERBS,
    NEGATING_VERBS,
    PASSIVE_HEDGE_VERBS,
    SUPPORT_NOUNS,
)
from .tree import is_passive

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

__all__ = ["HEDGE_FACTOR", "Modality", "modality", "negated_word"]

HEDGE_FACTOR = 0.6
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nothing"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Marks of a condition clause whose main clause is only a consequence ("if ..., X will attack Y").
_CONSEQUENT_MARKS = frozenset({"if", "unless"})
# Steps from a trigger up to the words that govern it.
_UP_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "attr", "acomp", "dobj"})
_MAX_STEPS = 5


@dataclass(frozen=True, slots=True)
class Modality:
    asserted: bool
    hedged: bool = False
    reason: str = ""

    @property
    def factor(self) -> float:
        return HEDGE_FACTOR if self.hedged else 1.0


_ASSERTED = Modality(True)


def modality(trigger: Token) -> Modality:
    """How the sentence commits to the relation the trigger states."""
    if trigger.sent.text.rstrip().endswith("?"):
        return Modality(False, reason="question")
    if _ended_state(trigger):
        return Modality(False, reason="ended")
    hedged = False
    node = trigger
    for _ in range(_MAX_STEPS):
        lemma = verb_lemma(node.lower_)
        if node is not trigger and _called_to_stop(node):
            # "we urge X to stop arming Y", "X must end its aggression against Y": the call
            # states that the activity is going on
            return Modality(True, hedged=True, reason="hedged") if hedged else _ASSERTED
        unrelenting = _unrelenting(node, trigger)
        for child in node.children:
            dep, lower = child.dep_, child.lower_
            if (dep == "neg" or (dep == "det" and lower == "no")) and not unrelenting:
                return Modality(False, reason="negated")
            if dep == "advmod" and lower == "longer":
                return Modality(False, reason="ended")
            if dep in ("aux", "auxpass") and lower in HYPOTHETICAL_AUX:
                return Modality(False, reason="hypothetical")
            if dep in ("advmod", "amod", "advcl") and lower in ENDED_MODIFIERS:
                return Modality(False, reason="ended")
            if dep == "mark" and lower in _CONDITIONAL_MARKS:
                return Modality(False, reason="hypothetical")
            if dep == "advmod" and lower in HEDGE_ADVERBS:
                hedged = True
            if dep == "aux" and lower == "used":
                return Modality(False, reason="ended")
            if dep == "advcl" and _condition_clause(child) and node.tag_ != "VBD":
                return Modality(False, reason="hypothetical")
        if node is not trigger and node.tag_.startswith("VB"):
            if lemma in NEGATING_VERBS and not _rejected_deed(node, trigger):
                return Modality(False, reason="denied")
            if lemma in ENDING_VERBS and not unrelenting:
                if _call_to_end(node, trigger):
                    break  # "efforts to end the fighting between X and Y": it goes on
                return Modality(False, reason="ended")
            if lemma in HYPOTHETICAL_VERBS and not _pressing_on(node):
                return Modality(False, reason="hypothetical")
            if lemma in HEDGE_VERBS or (lemma in PASSIVE_HEDGE_VERBS and is_passive(node)):
                hedged = True
        if node is not trigger and node.tag_ == "JJ" and node.lower_ in HYPOTHETICAL_ADJECTIVES:
            return Modality(False, reason="hypothetical")
        if node.dep_ == "conj":
            # Conjoined verbs share auxiliaries and conditions, not negation.
            head = node.head
            for child in head.children:
                if child.dep_ in ("aux", "auxpass") and child.lower_ in HYPOTHETICAL_AUX:
                    return Modality(False, reason="hypothetical")
                if child.dep_ == "mark" and child.lower_ in _CONDITIONAL_MARKS:
                    return Modality(False, reason="hypothetical")
            break
        purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if (node.dep_ not in _UP_DEPS and not purpose) or node.head is node:
            break  # a purpose clause ("could send troops to help X") shares its verb's mood
        node = node.head
    return Modality(True, hedged=True, reason="hedged") if hedged else _ASSERTED


# "will not relent in targeting X", "never stopped arming X": a negated stop goes on.
_STOPPING_VERBS = frozenset({"relent", "stop", "cease", "halt", "quit", "waver"})


def _unrelenting(verb: Token, trigger: Token) -> bool:
    """A negated verb of stopping over the trigger states that the activity continues."""
    return (
        verb is not trigger
        and verb.tag_.startswith("VB")
        and verb_lemma(verb.lower_) in _STOPPING_VERBS
        and any(c.dep_ == "neg" for c in verb.children)
    )


# A call to stop an activity says the activity is going on (the annotation guide): "we urge X to
# stop arming Y", "we call on X to cease its support for Y", "X must end its aggression".
_CALLED_STOPS = frozenset({"stop", "cease", "end", "halt", "quit", "discontinue"})
_CALLING_VERBS = frozenset(
    {"urge", "call", "ask", "press", "demand", "implore", "encourage", "appeal", "insist", "exhort"}
)
_CALLING_AUX = frozenset({"must", "should"})


def _rejected_deed(verb: Token, trigger: Token) -> bool:
    """ "We reject Russia's annexation of Y": rejecting a deed condemns it; it happened
    (unlike "rejected claims that it armed X", or "rejected the offer of support")."""
    return (
        verb_lemma(verb.lower_) == "reject"
        and trigger.head.i == verb.i
        and trigger.dep_ == "dobj"
        and trigger.lower_ in ATTACK_NOUNS
        and ATTACK_NOUNS[trigger.lower_].category == PloverCategory.ASSAULT
    )


def _plain(verb: Token) -> bool:
    """No negation, condition or modal of possibility on a verb."""
    return not any(
        c.dep_ == "neg"
        or (c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS)
        or (c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX and c.lower_ not in _CALLING_AUX)
        for c in verb.children
    )


def _called_to_stop(verb: Token) -> bool:
    """ "(we urge X) to stop ...", "X must/should end ...": a demand to stop, not a stop."""
    if not verb.tag_.startswith("VB") or verb_lemma(verb.lower_) not in _CALLED_STOPS or not _plain(verb):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _CALLING_AUX for c in verb.children):
        return True
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "to withdraw its troops and cease its support for Y"
    if node.dep_ not in ("xcomp", "ccomp", "advcl"):
        return False
    if node.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        return False  # "called on X to end ...", parsed as a purpose clause
    caller = node.head
    return caller.tag_.startswith("VB") and verb_lemma(caller.lower_) in _CALLING_VERBS and _plain(caller)


# "pressed on/ahead with its offensive": carrying on, not pressing someone to act.
_ONWARD_PARTICLES = frozenset({"on", "ahead", "forward"})


def _pressing_on(verb: Token) -> bool:
    """ "X pressed on with its offensive" continues an activity; "pressed X to attack" is a call."""
    return verb_lemma(verb.lower_) == "press" and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in _ONWARD_PARTICLES for c in verb.children
    )


def _condition_clause(clause: Token) -> bool:
    """An "if"/"unless" clause: the verb it hangs on states a consequence, not a fact
    ("if the men are not handed over, the army will resume its raids"). "even if" and
    "as if" concede or compare instead, and leave the main clause asserted."""
    marks = [c for c in clause.children if c.dep_ == "mark"]
    if not any(m.lower_ in _CONSEQUENT_MARKS for m in marks):
        return False
    return not any(c.lower_ in ("even", "as") for c in clause.children if c.dep_ in ("advmod", "mark"))


def _ended_state(noun: Token) -> bool:
    """ "Pakistan's support for the Taliban ended in September", "aid to X was suspended": a
    support or a war that is the subject of an ending verb is over. An attack that "ended at
    dawn" still happened, so only lasting states count."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or not noun.tag_.startswith("NN"):
        return False
    if noun.lower_ not in SUPPORT_NOUNS and noun.lower_ not in BETWEEN_HOSTILE:
        return False
    verb = noun.head
    if not verb.tag_.startswith("VB") or verb_lemma(verb.lower_) not in ENDING_VERBS:
        return False
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children)


def _call_to_end(verb: Token, trigger: Token) -> bool:
    """An infinitive "to end/stop/halt" over fighting: a call or an effort to end it says the
    fighting is going on ("urge X to end the war between A and B", "efforts to stop the
    clashes"). Only fighting, never support ("agreed to stop arming X" is a promise)."""
    return trigger.lower_ in BETWEEN_HOSTILE and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def negated_word(token: Token) -> bool:
    """A modifier that cancels a role noun: "no ally", "former ally"."""
    return any(
        (c.dep_ in ("det", "neg") and c.lower_ in _NEGATORS)
        or (c.dep_ == "amod" and c.lower_ in ENDED_MODIFIERS)
        for c in token.children
    )
