"""Mediation described by what the mediator does, not by the word "mediate".

News and official statements rarely say "X mediated between A and B"; they
say who sat in which role at a meeting of the two sides, who met both sides
to secure their commitments, and who asked both sides to accept a truce:

* a designated mediator in a list of participants: "A and B, along with X
  (as the AU mediator), convened ..."; "X, as facilitator, ...";
* the host of a meeting of the parties, by its venue: "A and B met at the
  Egyptian embassy" (X's mission, embassy, ministry or palace);
* a third party meeting both sides to secure a truce or commitments: "X met
  with A and B to secure commitments from both leaders";
* a third party asking both sides to accept a truce, a ceasefire, talks or a
  proposal: "X asked the two parties to accept a humanitarian truce".

The parties are the other participants of the same clause; a party named by
its leader ("President A") stands for the state or organisation the article
says that person leads. When the clause names no parties, "the parties" of
the article (the pair it says are fighting) are used, at lower confidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...graph.model import ActorKind, PloverCategory, RelationType
from .arguments import LED_BY, PARTIES
from .lemmas import verb_lemma
from .lexicon import MEDIATION_VERBS, PEACE_NOUNS, TALK_NOUNS
from .modality import Modality, modality
from .predicate_frames import ACTIVE_SUBJECT, DIRECT_OBJECT
from .tree import inflected, is_truce_noun
from .types import Arg, Found, Role, Sense

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from .context import ConstructionContext

__all__ = [
    "ANCHOR_WORDS",
    "MEDIATION_ACTS",
    "asked_to_accept",
    "credited_mediation",
    "mediator_aside",
    "meeting_to_secure",
    "peacemaking_effort",
    "venue_host",
]

_MEDIATE = Sense(RelationType.MEDIATES, PloverCategory.MEDIATE, confidence=0.75)
# Mediation named by a noun: "grateful to Oman for its facilitation of these contacts".
MEDIATION_ACTS = frozenset({"facilitation", "mediation"})
_ROLE_WORDS = frozenset(
    {
        "mediator",
        "mediators",
        "co-mediator",
        "co-mediators",
        "facilitator",
        "facilitators",
        "co-facilitator",
        "co-facilitators",
        "broker",
        "host",
        "hosts",
        "co-hosts",
    }
)
_ASIDE_WORDS = frozenset({"DT", "JJ", "NNP", "NNPS", "NN", "NNS", "HYPH", "POS", "PRP$"})
_VENUE_NOUNS = frozenset(
    {"mission", "embassy", "residence", "ministry", "palace", "headquarters", "consulate", "presidency"}
)
_MEETING_VERBS = frozenset({"meet", "convene", "hold", "host", "gather", "engage", "talk", "negotiate"})
_MEETING_NOUNS = TALK_NOUNS | {"meeting", "meetings", "session", "conference"}
_SECURING_VERBS = frozenset({"secure", "obtain", "win", "broker", "reach", "negotiate", "seek", "extract"})
_COMMITMENT_NOUNS = (
    PEACE_NOUNS
    | {"commitment", "commitments", "assurances", "pledges", "guarantees", "agreement", "deal", "peace"}
    | {"de-escalation", "deescalation", "truce", "ceasefire", "cease-fire"}
)
_ASKING_VERBS = frozenset({"ask", "urge", "press", "call", "encourage", "invite", "push"})
_ACCEPTING_VERBS = frozenset(
    {"accept", "agree", "sign", "observe", "respect", "implement", "honor", "honour", "abide", "join"}
)
_ACCEPTED_NOUNS = TALK_NOUNS | {"proposal", "plan", "initiative", "offer", "framework", "roadmap"}


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause a noun phrase sits in (through conjuncts, prepositions)."""
    node = token
    for _ in range(8):
        if node.tag_.startswith("VB") and node.dep_ not in ("amod", "compound"):
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def _companions_from(heads: list[Token]) -> int | None:
    """Where an "along with" / "together with" list of companions starts, if any."""
    starts = [
        child.i
        for head in heads
        for child in head.children
        if child.dep_ == "prep" and child.lower_ in ("along", "together")
    ]
    return min(starts) if starts else None


def _clause_parties(c: ConstructionContext, verb: Token, mediators: list[Arg]) -> list[Arg]:
    """The subjects of an active clause that are not mediators or listed companions.

    "A and B, along with X, Y (as mediator) and Z, convened": everything from
    "along with" to the verb is a companion, whatever the parser attached it to.
    """
    subjects = c.frames[verb].get(Role.AGENT, ACTIVE_SUBJECT)
    if not subjects:
        return []
    heads = [verb, *subjects]
    heads.extend(t for s in subjects for t in s.subtree if t.dep_ == "conj")
    companions = _companions_from(heads)
    excluded = {a.ref.id for a in mediators if a.ref is not None}
    parties: dict[str, Arg] = {}
    for subject in subjects:
        for arg in c.resolver.resolve(subject):
            if arg.ref is None or arg.deferred is not None or arg.ref.id in excluded:
                continue
            if companions is not None and companions < arg.start < verb.i:
                continue
            parties.setdefault(arg.ref.id, arg)
    return list(parties.values())


def _as_states(args: list[Arg]) -> list[Arg]:
    """A party named by its leader stands for what the article says the leader leads."""
    out = []
    for arg in args:
        if arg.ref is not None and arg.ref.kind is ActorKind.PERSON and arg.deferred is None:
            out.append(Arg(arg.ref, arg.text, arg.start, arg.end, LED_BY, arg.factor, arg.form))
        else:
            out.append(arg)
    return out


def _article_parties(token: Token) -> list[Arg]:
    return [Arg(None, "the parties", token.i, token.i + 1, PARTIES, 0.75)]


def mediator_aside(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "X (as the African Union mediator)", "X, as facilitator,": X mediates the clause's parties."""
    if noun.lower_ not in _ROLE_WORDS:
        return
    tokens = c.tokens
    i = noun.i - 1
    while i > 0 and noun.i - i <= 6 and tokens[i].lower_ != "as" and tokens[i].tag_ in _ASIDE_WORDS:
        i -= 1
    if i < 2 or tokens[i].lower_ != "as" or tokens[i - 1].text not in ("(", ","):
        return
    holder = c.mentions.at(tokens[i - 2])
    if holder is None:
        return
    mediators = [c.resolver.mention_arg(holder)]
    if noun.lower_.endswith("s"):
        # "The United States and Saudi Arabia, as co-facilitators of the talks,": every conjunct
        first = c.doc[holder.start : holder.end].root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        listed = [a for a in c.resolver.resolve(first) if a.deferred is None and a.ref is not None]
        if any(a.ref is not None and a.ref.id == holder.ref.id for a in listed):
            mediators = listed
    verb = _clause_verb(tokens[i - 2])
    parties = _clause_parties(c, verb, mediators) if verb is not None else []
    factor = 0.95
    if len(parties) < 2:
        parties, factor = _article_parties(noun), 0.8
    yield from c.emit(_MEDIATE, mediators, parties, noun, "mediator-aside", factor)


def venue_host(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "A and B convened at the U.S. Mission in Geneva": the mission's state hosts the talks."""
    if verb_lemma(verb.lower_) not in _MEETING_VERBS:
        return
    frame = c.frames[verb]
    meetings = [o for o in frame.get(Role.PATIENT, DIRECT_OBJECT) if o.lower_ in _MEETING_NOUNS]
    # "convened at the mission", "held talks at the embassy": the venue on the verb or the talks
    venues = frame.prep_objects(("at", "in")) + [
        v for o in meetings for v in c.frames[o].prep_objects(("at", "in"))
    ]
    for venue in venues:
        if venue.lower_ not in _VENUE_NOUNS:
            continue
        host = _venue_owner(c, venue)
        if host is None:
            continue
        parties = _clause_parties(c, verb, [host])
        if len(parties) >= 2:
            yield from c.emit(_MEDIATE, [host], parties, verb, "venue-host", 0.8)
        return


def _venue_owner(c: ConstructionContext, venue: Token) -> Arg | None:
    for i in range(venue.left_edge.i, venue.i):
        mention = c.mentions.inner.get(i) or c.mentions.at(c.tokens[i])
        if mention is not None and mention.ref.kind is ActorKind.STATE:
            return c.resolver.mention_arg(mention)
    return None


def meeting_to_secure(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "X met with A and B to secure commitments from both leaders": X mediates A and B."""
    if verb_lemma(verb.lower_) not in _MEETING_VERBS:
        return
    purpose = [
        p
        for p in verb.children
        if p.dep_ in ("advcl", "xcomp")
        and verb_lemma(p.lower_) in _SECURING_VERBS
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in p.children)
    ]
    if not purpose or not any(
        o.lower_ in _COMMITMENT_NOUNS for p in purpose for o in c.frames[p].get(Role.PATIENT, DIRECT_OBJECT)
    ):
        return
    frame = c.frames[verb]
    met = frame.get(Role.PATIENT, DIRECT_OBJECT) + frame.prep_objects(("with",))
    parties = [a for t in met for a in c.resolver.resolve(t) if a.deferred is None]
    mediators = c.subjects_of(verb)
    if len({a.ref.id for a in parties if a.ref is not None}) < 2:
        return
    yield from c.emit(
        _MEDIATE, mediators, _as_states(parties), verb, "meeting-to-secure", 0.9, mood=modality(verb)
    )


def asked_to_accept(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "X asked the two parties to accept a humanitarian truce": X mediates the parties."""
    if verb_lemma(verb.lower_) not in _ASKING_VERBS:
        return
    frame = c.frames[verb]
    asked = frame.get(Role.PATIENT, DIRECT_OBJECT) + frame.prep_objects(("on",))
    accepting = [
        x for x in verb.children if x.dep_ in ("xcomp", "advcl") and verb_lemma(x.lower_) in _ACCEPTING_VERBS
    ]
    if not asked or not accepting:
        return
    objects = [
        o for x in accepting for o in x.subtree if o.dep_ in ("dobj", "pobj") and o.lower_ in _ACCEPTED_NOUNS
    ]
    if not objects:
        return
    parties = [a for t in asked for a in c.resolver.resolve(t)]
    named = {a.ref.id for a in parties if a.ref is not None and a.deferred is None}
    if len(named) < 2 and not any(a.deferred == PARTIES for a in parties):
        return
    mediators = c.subjects_of(verb)
    yield from c.emit(_MEDIATE, mediators, parties, verb, "asked-to-accept", 0.8, mood=modality(verb))


# -- "Qatar's efforts to end the fighting between A and B" ----------------------------------
_PEACEMAKING_NOUNS = frozenset({"effort", "efforts", "push", "bid", "diplomacy", "initiative", "mediation"})
_ENDING_VERBS = frozenset({"end", "stop", "halt", "resolve", "settle", "defuse", "de-escalate"})
# Verbs whose subject owns the effort: "X led/spearheaded/redoubled efforts to end ...".
_LEADING_VERBS = frozenset(
    {"lead", "spearhead", "head", "redouble", "intensify", "step", "pursue", "undertake"}
)


def _peacemakers(c: ConstructionContext, noun: Token) -> list[Arg]:
    """Whose effort it is: "Qatar's efforts", "Egyptian efforts", "efforts by/of Qatar"."""
    found = [
        c.resolver.mention_arg(m)
        for child in noun.children
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (m := c.mentions.at(child)) is not None
    ]
    found += [a for o in c.frames[noun].prep_objects(("by", "of")) for a in c.resolver.resolve(o)]
    if not found and noun.dep_ == "dobj" and verb_lemma(noun.head.lower_) in _LEADING_VERBS:
        found = c.subjects_of(noun.head)  # "Saudi Arabia led efforts to end ..."
    return [a for a in found if a.deferred is None and a.ref is not None]


def _effort_mood(noun: Token) -> Modality:
    """An effort as a subject takes its clause's mood: "efforts could resume" are not under way."""
    return modality(noun.head) if noun.dep_ in ("nsubj", "nsubjpass") else modality(noun)


def peacemaking_effort(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "Qatar's efforts to end the fighting between A and B", "an Egyptian push to broker a
    truce between A and B": the owner of the effort mediates between the two sides."""
    if noun.lower_ not in _PEACEMAKING_NOUNS:
        return
    for verb in (v for v in noun.children if v.dep_ in ("acl", "relcl") and v.tag_ == "VB"):
        lemma = verb_lemma(verb.lower_)
        if lemma not in _ENDING_VERBS and lemma not in ("broker", "secure", "negotiate", "mediate"):
            continue
        frame = c.frames[verb]
        objects = frame.get(Role.PATIENT, DIRECT_OBJECT)
        parties = [a for o in objects for a in c.between(o) if a.deferred is None and a.ref is not None] or [
            a for o in frame.prep_objects(("between",)) for a in c.resolver.resolve(o)
        ]
        if len({a.ref.id for a in parties if a.ref}) < 2:
            continue
        sides = {a.ref.id for a in parties if a.ref}
        owners = _peacemakers(c, noun) or [
            a for a in _credited(c, noun) if a.deferred is None  # "grateful to X for its efforts to ..."
        ]
        owners = [a for a in owners if a.ref and a.ref.id not in sides]
        yield from c.emit(
            _MEDIATE, owners, parties, noun, "peacemaking-effort", 0.9, mood=_effort_mood(noun)
        )


# -- "we thank X for its role in brokering the ceasefire between A and B" ------------------
# Nouns that credit an actor with a part in an act: "its role/efforts/leadership in brokering".
_CREDIT_NOUNS = frozenset(
    {
        "role",
        "roles",
        "effort",
        "efforts",
        "leadership",
        "work",
        "contribution",
        "contributions",
        "help",
        "assistance",
        "engagement",
        "diplomacy",
        "part",
        "commitment",
        "partnership",
        "support",
    }
)
# Words of thanks and praise whose object (or "to" object) is credited: "thank X for ...".
_PRAISE_VERBS = frozenset(
    {
        "thank",
        "commend",
        "applaud",
        "praise",
        "congratulate",
        "salute",
        "credit",
        "recognize",
        "recognise",
        "acknowledge",
        "appreciate",
        "welcome",
        "hail",
        "laud",
    }
)
_GRATEFUL_WORDS = frozenset(
    {"grateful", "thankful", "indebted", "gratitude", "thanks", "appreciation", "congratulations"}
)
# Verbs whose subject or agent owns a credited part: "X played a role", "the role played by X".
_PLAYING = frozenset({"play", "perform", "take", "took", "taken", "have", "has", "had"})
# What a go-between brings about besides talks and truces: "peace", "this initiative".
_DEAL_WORDS = frozenset({"peace", "initiative", "initiatives", "summit", "de-escalation", "settlement"})
_EFFORT_ACTS = _ENDING_VERBS | {"broker", "secure", "negotiate", "mediate"}
_FRUITION = frozenset({"fruition", "conclusion", "completion"})
# Acts of a go-between that a credited actor performs: "brokering", "facilitating", "hosting".
_GO_BETWEEN_VERBS = MEDIATION_VERBS - {"lead", "chair", "oversee"} | {"negotiate", "bring"}


def _praised(c: ConstructionContext, word: Token) -> list[Arg]:
    """Whom a word of thanks credits: "thank X", "grateful to X", "our gratitude to X"."""
    if word.tag_.startswith("VB") and inflected(word, _PRAISE_VERBS):
        objects = c.frames[word].get(Role.PATIENT, DIRECT_OBJECT)
        found = [a for o in objects for a in c.resolver.resolve(o)]
        return found or [a for o in objects if o.lower_ in _CREDIT_NOUNS for a in c.resolver.owner(o)]
    if word.tag_.startswith("VB"):
        # "we express our gratitude to X", "we are grateful to X"
        return [a for o in word.children if o.dep_ in ("dobj", "acomp") for a in _praised(c, o)]
    if word.lower_ in _GRATEFUL_WORDS:
        return [a for o in c.frames[word].prep_objects(("to",)) for a in c.resolver.resolve(o)]
    return []


def _credited(c: ConstructionContext, anchor: Token) -> list[Arg]:
    """Who is credited with the act hung on `anchor` (a credit noun or a word of thanks):
    the owner of the credit noun ("its role", "the role of X", "the role played by X",
    "X played a role"), else the actor thanked for it."""
    node = anchor
    for _ in range(3):
        if node.tag_.startswith("VB") and inflected(node, _PLAYING):
            # "the role played by X in brokering ...", "X played a role in brokering ..."
            agents = [a for o in c.frames[node].prep_objects(("by",)) for a in c.resolver.resolve(o)]
            return agents or c.subjects_of(node)
        if node.lower_ in _CREDIT_NOUNS and node.tag_.startswith("NN"):
            owners = [a for a in c.resolver.owner(node) if a.ref is not None]
            owners += [
                a
                for v in node.children
                if v.dep_ == "acl" and inflected(v, _PLAYING)
                for a in _credited(c, v)
            ]
            if owners:
                return owners
            if node.dep_ == "dobj" and inflected(node.head, _PLAYING):
                return c.subjects_of(node.head)  # "Qatar played a key role in brokering ..."
        praised = _praised(c, node)
        if praised:
            return praised
        if node.dep_ == "pobj" and node.head.lower_ in ("for", "on"):
            node = node.head.head  # "thank X for its efforts", "congratulate X on": the word of thanks
        elif node.dep_ in ("dobj", "attr") and node.head.tag_.startswith("VB"):
            node = node.head
        else:
            return []
    return []


def _act_parties(c: ConstructionContext, act: Token) -> tuple[list[Arg], bool]:
    """The parties of a go-between's act: "between A and B" on what it brokered or on the
    act itself; (the article's parties, False) when it brokered unnamed talks or a truce."""
    frame = c.frames[act]
    things = frame.get(Role.PATIENT, DIRECT_OBJECT)
    if act.lower_ in MEDIATION_ACTS:
        # "its facilitation of these contacts": what a mediation noun is of was mediated
        things = frame.prep_objects(("of",))
    deals = [
        t
        for t in things
        if act.lower_ in MEDIATION_ACTS
        or t.lower_ in TALK_NOUNS
        or is_truce_noun(t)
        or t.lower_ in _DEAL_WORDS
        or any(m.lower_ == "peace" for m in t.children if m.dep_ in ("compound", "amod"))
    ]
    parties = [a for t in deals for a in c.between(t)]
    if not parties:
        parties = [a for o in frame.prep_objects(("between",)) for a in c.resolver.resolve(o)]
    named = [a for a in parties if a.deferred is None and a.ref is not None]
    if len({a.ref.id for a in named if a.ref is not None}) >= 2:
        return named, True
    if deals:
        return _article_parties(act), False
    return [], False


def credited_mediation(c: ConstructionContext, act: Token) -> Iterator[Found]:
    """ "We thank X for its role in brokering the ceasefire between A and B", "X played a key
    role in facilitating the talks", "grateful to X for hosting the talks", "X's efforts to host
    the talks": X mediates A and B (the article's parties when the talks name none)."""
    gerund = act.tag_ == "VBG" and act.dep_ == "pcomp"
    nominal = act.tag_ == "NN" and act.dep_ == "pobj" and act.lower_.endswith("ing")
    infinitive = act.tag_ == "VB" and act.dep_ == "acl" and act.head.lower_ in _CREDIT_NOUNS
    named_act = act.tag_ == "NN" and act.dep_ == "pobj" and act.lower_ in MEDIATION_ACTS
    if not (gerund or nominal or infinitive or named_act):
        return  # "its role in brokering", "in mediating" tagged as a noun, "its efforts to host"
    if not named_act and not inflected(act, _GO_BETWEEN_VERBS):
        return
    if act.lower_ in ("bring", "bringing") and not any(
        (p.dep_ == "prt" and p.lower_ == "about") or p.lower_ in _FRUITION for p in act.subtree
    ):
        return  # "bringing about the agreement", "bringing the truce to fruition"
    if infinitive:
        anchor = act.head
    else:
        prep = act.head
        if prep.lower_ not in ("in", "for", "on", "to", "toward", "towards"):
            return
        anchor = prep.head
    parties, named = _act_parties(c, act)
    if infinitive and named and anchor.lower_ in _PEACEMAKING_NOUNS and inflected(act, _EFFORT_ACTS):
        return  # "Qatar's efforts to broker a truce between A and B": a peacemaking effort
    credited = [a for a in _credited(c, anchor) if a.deferred is None and a.ref is not None]
    if not credited:
        return
    ids = {a.ref.id for a in credited if a.ref is not None}
    parties = [a for a in parties if a.ref is None or a.ref.id not in ids]
    if (named or infinitive) and len(parties) < 2:
        return  # an effort "to host talks" names its parties; a thanked role may leave them implicit
    factor = 0.9 if named else 0.8
    mood = _effort_mood(anchor) if infinitive else modality(act)
    verb = _clause_verb(anchor)
    if verb is not None and mood.asserted:
        mood = modality(verb)  # "we do not thank X for ...", "we hope X will play a role in ..."
    yield from c.emit(_MEDIATE, credited, parties, act, "credited-mediation", factor, mood=mood)


# The word sets this module's constructions check first, by the names their anchors use
# (rules/anchors.jsonl, resolved by anchors.py).
ANCHOR_WORDS: dict[str, frozenset[str]] = {
    "MEDIATION_MEETING_VERBS": _MEETING_VERBS,
    "ASKING_VERBS": _ASKING_VERBS,
    "GO_BETWEEN_VERBS": _GO_BETWEEN_VERBS,
    "MEDIATOR_ROLE_WORDS": _ROLE_WORDS,
    "PEACEMAKING_NOUNS": _PEACEMAKING_NOUNS,
}
