"""Ended leadership: a leader the sentence states to be dead or out of office leads nothing.

The annotation guide does not count former or dead leaders ("its longtime
leader Nasrallah", stated to be dead). A title read off "Hamas leader Yahya
Sinwar was killed in Rafah" is therefore dropped when the same sentence makes
the named leader the patient of a killing ("was killed", "Israel killed X",
"the killing of X", "X's death", "X, who was assassinated", "X died", "X was
buried", "thousands mourned X") or marks him as former ("former", "ex-", "the
late", "slain").

Only the leader's own mentions are examined, so the LEADS claim of a second,
living leader in the sentence ("... and Naim Qassem now leads the group") and
every other claim stay. Deaths that did not happen ("tried to kill X", "X
survived an assassination attempt", "called for the killing of X") do not
count, nor does a killing someone else suffered ("X vowed to avenge the
killing of Z").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ...graph.model import ActorKind, PloverCategory, RelationType
from .modality import negated_word
from .types import Found

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from .mentions import MentionIndex

__all__ = ["drop_ended_leadership", "drop_state_membership", "leader_gone", "rank_titles"]


def _words(text: str) -> frozenset[str]:
    """A word list written as prose, so the many verb forms stay readable."""
    return frozenset(text.split())


# Forms of verbs whose patient dies or loses office: "was killed", "Israel assassinated X".
_KILLING = _words(
    """kill kills killed killing assassinate assassinates assassinated assassinating slay slays slew slain
    murder murders murdered murdering execute executes executed executing eliminate eliminates eliminated
    eliminating martyred behead beheads beheaded hanged oust ousts ousted depose deposes deposed topple
    topples toppled overthrow overthrows overthrew overthrown bury buries buried mourn mourns mourned"""
)
# Forms of verbs whose subject dies or leaves office: "X died", "X resigned".
_DYING = _words("die dies died dying perish perished resign resigns resigned abdicate abdicated")
# Nouns of a death that happened: "the killing of X", "X's assassination".
_DEATH_NOUNS = frozenset(
    {
        "death",
        "killing",
        "assassination",
        "murder",
        "execution",
        "slaying",
        "demise",
        "funeral",
        "burial",
        "martyrdom",
    }
)
# Modifiers before a leader's name or title that end the tenure: "the late X", "former LNA commander X".
_ENDED_WORDS = frozenset(
    {
        "former",
        "formerly",
        "ex",
        "erstwhile",
        "onetime",
        "one-time",
        "late",
        "slain",
        "assassinated",
        "killed",
        "murdered",
        "deceased",
        "dead",
        "ousted",
        "deposed",
        "toppled",
        "overthrown",
    }
)
# Forms of verbs that leave a killing unrealised: "tried to kill X", "called for the killing of X".
_UNREALISED = _words(
    """try tries tried trying attempt attempts attempted attempting plan plans planned planning plot plots
    plotted plotting seek seeks sought seeking vow vows vowed vowing threaten threatens threatened
    threatening want wants wanted fail fails failed intend intends intended aim aims aimed conspire
    conspired order orders ordered ordering call calls called calling demand demands demanded urge urges
    urged pledge pledged promise promised hope hopes hoped survive survives survived surviving escape
    escapes escaped escaping avoid avoided fear fears feared deny denies denied denying"""
)
_UNREALISED_MODIFIERS = frozenset(
    {"attempted", "failed", "foiled", "thwarted", "planned", "botched", "would-be", "possible", "potential"}
)
_RELATIVES = frozenset({"who", "whom", "whose", "that", "which"})
_LINKS = frozenset({"compound", "appos", "flat"})
_MODIFIER_DEPS = frozenset({"amod", "advmod", "compound", "nmod"})
_INCLUDING = frozenset({"including", "among"})
# Prepositions that give a past tenure its end: "led Y until 2019", "between 2011 and 2019".
_ENDING_PREPS = frozenset({"until", "till", "between"})
# Lengths of a tenure told in the simple past: "X, who led Y for three decades".
_SPANS = frozenset({"year", "years", "decade", "decades", "month", "months"})


# Relations a former or dead holder no longer has: "former Hamas official X" is no member.
_TENURES = frozenset({RelationType.LEADS, RelationType.MEMBER_OF})
# What has no members in the annotation's sense: a state's officials, bodies and envoys are the
# state itself ("Kremlin spokesman Dmitry Peskov", "Sudan's army chief").
_MEMBERLESS = frozenset({ActorKind.STATE, ActorKind.GOVERNMENT})


def drop_ended_leadership(items: Iterable[Found], mentions: MentionIndex) -> Iterator[Found]:
    """Every item but the LEADS and MEMBER_OF claims of a holder the sentence states to be gone."""
    for item in items:
        if item.type in _TENURES and leader_gone(item, mentions):
            continue
        yield item


# What makes a leading title one of several holders: "a Hezbollah commander", "a senior leader
# of Hamas", "senior Hezbollah commander X" name a member below the top, not the head.
_ONE_OF = frozenset({"a", "an", "another"})
_BELOW_TOP = frozenset({"senior", "local", "field", "regional", "mid-level", "junior", "sector", "battalion"})


def rank_titles(items: Iterable[Found]) -> Iterator[Found]:
    """LEADS read off a title that names one of several holders becomes MEMBER_OF
    (docs/annotation.md: a commander below the top is a member)."""
    for item in items:
        if item.type is RelationType.LEADS and _one_of_several(item.trigger):
            yield replace(item, type=RelationType.MEMBER_OF, category=PloverCategory.COOPERATE)
            continue
        yield item


def _one_of_several(title: Token) -> bool:
    if not title.tag_.startswith("NN"):
        return False
    for child in title.children:
        if child.dep_ == "det" and child.lower_ in _ONE_OF:
            return True
        if child.dep_ in _MODIFIER_DEPS and child.lower_ in _BELOW_TOP:
            return True
    return False


def drop_state_membership(items: Iterable[Found]) -> Iterator[Found]:
    """Every item but membership of a state or government: its agents act for it, they are not
    its members (docs/annotation.md, MEMBER_OF)."""
    for item in items:
        obj = item.object.ref
        if item.type is RelationType.MEMBER_OF and obj is not None and obj.kind in _MEMBERLESS:
            continue
        yield item


def leader_gone(item: Found, mentions: MentionIndex) -> bool:
    """Does the item's sentence state its leader dead or former?"""
    subject = item.subject
    if subject.ref is None or subject.deferred:
        return False
    sent = item.trigger.sent
    doc = mentions.doc
    heads = {doc[subject.start : subject.end].root} if subject.end > subject.start else set()
    for mention in mentions.mentions:
        if mention.ref.id == subject.ref.id and sent.start <= mention.start < sent.end:
            heads.add(doc[mention.start : mention.end].root)
    if item.trigger.tag_.startswith("NN"):
        heads.add(item.trigger)
    return _past_tenure(item.trigger) or any(_gone(token) for head in heads for token in _nominals(head))


def _past_tenure(verb: Token) -> bool:
    """ "X, who led Y until 2019", "X headed Y from 2011 to 2019", "X, who led Y for three
    decades": a simple past with an end date or a length is a tenure over ("X has led Y since
    2019" and "has led Y for 20 years" are not)."""
    if verb.tag_ != "VBD" or any(c.dep_ == "aux" for c in verb.children):
        return False
    preps = [c for c in verb.children if c.dep_ == "prep"]
    if any(p.lower_ in _ENDING_PREPS for p in preps):
        return True
    if any(p.lower_ == "for" and o.dep_ == "pobj" and o.lower_ in _SPANS for p in preps for o in p.children):
        return True  # "X, who led Y for 37 years": the whole tenure, told as over
    starts = [p for p in preps if p.lower_ == "from"]
    return bool(starts) and any(t.lower_ == "to" for p in preps for t in p.subtree)


def _nominals(token: Token) -> list[Token]:
    """The noun phrase a name belongs to: the name, its title and appositions, and the
    relative pronouns that stand for it ("X, who was killed ...")."""
    seen: dict[int, Token] = {}
    todo = [token]
    while todo:
        current = todo.pop()
        if current.i in seen:
            continue
        seen[current.i] = current
        if current.dep_ in _LINKS and current.head.i != current.i:
            todo.append(current.head)
        todo.extend(c for c in current.children if c.dep_ in _LINKS)
        todo.extend(_group_of(current))
    found = list(seen.values())
    for noun in list(found):
        for clause in noun.children:
            if clause.dep_ == "relcl":
                found.extend(_relatives(clause))
    return found


def _group_of(token: Token) -> list[Token]:
    """The group a name is counted in: "senior leaders are dead, including its leader X",
    "Israel killed several commanders, including X"."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ not in _INCLUDING:
        return []
    anchor = preposition.head
    if anchor.tag_.startswith("NN"):
        return [anchor]
    if anchor.tag_.startswith("VB"):
        return [c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _relatives(clause: Token) -> list[Token]:
    """Relative pronouns of this clause, not of clauses nested in it."""
    found = []
    for token in clause.subtree:
        if token.lower_ not in _RELATIVES:
            continue
        owner = token.head
        while owner.dep_ != "relcl" and owner.head.i != owner.i:
            owner = owner.head
        if owner.i == clause.i:
            found.append(token)
    return found


def _gone(token: Token) -> bool:
    if token.lower_ == "ex" or token.lower_.startswith("ex-"):
        return True  # "the ex-commander", split by the tokenizer into an apposition of its own
    return (
        _ended_modifier(token) or _patient_of_killing(token) or _subject_of_dying(token) or _dead_noun(token)
    )


def _ended_modifier(token: Token) -> bool:
    """ "the late X", "former LNA commander X", "slain Hamas leader X"."""
    return any(
        child.lower_ in _ENDED_WORDS and child.i < token.i and child.dep_ in _MODIFIER_DEPS
        for child in token.children
    )


def _realised(word: Token) -> bool:
    """A killing or death the clause reports as done: not negated, not merely tried or planned."""
    if word.tag_ in ("VB", "MD") or negated_word(word) or any(_cancels(c) for c in word.children):
        return False
    if word.tag_.startswith("VB") and word.dep_ not in ("xcomp", "ccomp", "pcomp"):
        return True
    governor = _governing_verb(word)
    return governor is None or governor.lower_ not in _UNREALISED


def _cancels(child: Token) -> bool:
    """ "was not killed", "could be killed", "if X is killed"."""
    return (
        child.dep_ == "neg"
        or (child.dep_ == "aux" and child.tag_ == "MD")
        or (child.dep_ == "mark" and child.lower_ in ("if", "unless", "lest"))
    )


def _governing_verb(word: Token) -> Token | None:
    """The nearest verb above a word ("called for [the killing]", "denied [killing] X")."""
    current = word
    while current.head.i != current.i and current.dep_ in ("dobj", "pobj", "prep", "pcomp", "xcomp", "ccomp"):
        current = current.head
        if current.tag_.startswith("VB"):
            return current
    return None


def _patient_of_killing(token: Token) -> bool:
    """ "X was killed", "Israel killed X", "X, killed in Rafah last year"."""
    head = token.head
    if token.dep_ in ("nsubjpass", "dobj") and head.lower_ in _KILLING and head.tag_.startswith("VB"):
        return _realised(head)
    return any(
        # "the ISIS leader killed in a raid" (the participle sometimes tagged as a past tense)
        c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and c.lower_ in _KILLING and _realised(c)
        for c in token.children
    )


def _subject_of_dying(token: Token) -> bool:
    """ "X died", "X was found dead", "X stepped down"."""
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or not verb.tag_.startswith("VB"):
        return False
    dead = any(c.dep_ in ("acomp", "oprd") and c.lower_ == "dead" for c in verb.children)
    if token.dep_ == "nsubjpass":
        return dead and _realised(verb)  # "X was found dead"
    stepped = verb.lower_ in ("step", "steps", "stepped") and any(c.lower_ == "down" for c in verb.children)
    if verb.lower_ in _DYING or stepped:
        return _realised(verb)
    return dead and _realised(verb)


def _dead_noun(token: Token) -> bool:
    """ "the killing of X", "X's death", "whose assassination"."""
    if token.dep_ == "poss":
        noun = token.head
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            return False  # "X's killing of hostages": X did the killing
    elif token.dep_ == "pobj" and token.head.lower_ == "of":
        noun = token.head.head
    else:
        return False
    if noun.lower_ not in _DEATH_NOUNS or noun.dep_ == "compound":
        return False
    if any(c.lower_ in _UNREALISED_MODIFIERS for c in noun.children):
        return False
    return _realised(noun)
