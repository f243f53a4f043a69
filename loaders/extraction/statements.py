"""Constructions of government and diplomatic statements.

Statements state support, alliance and mediation in set phrases rather than
with a relation verb:

* Commitments to another actor's security or defence: "Washington reaffirmed
  its commitment to Israel's security", "our commitment to the defense of
  Japan is ironclad", "we are committed to the security of Israel" (SUPPORTS:
  a commitment of current policy to protect the actor). A commitment to a
  goal ("to Ukraine's sovereignty", "to peace") names no one supported.
* Mediation named by a phrase on the clause of the parties: "Thanks to the
  mediation of Qatar, Russia and Ukraine agreed ...", "Through the good
  offices of Z, A and B signed ...", "Under the auspices of Z, A and B ...",
  "A and B reached a deal with Z's mediation", "we thank Z for its good
  offices in the talks between A and B" (MEDIATES each party). Without two
  named parties in the clause there is no line.
* Transfers of arms: "the DPRK's provision of munitions to Russia", "Iran's
  transfer of ballistic missiles to Russia" (SUPPORTS; "we condemn" such a
  transfer condemns its maker); support for what an actor owns for its wars:
  "the PRC's support for Russia's defense industrial base / war machine"
  (SUPPORTS the owner).
* Alliances and wars named by their sides: "the U.S.-Japan alliance", "the
  United States-Republic of Korea alliance" (ALLIED_WITH; a partnership is no
  alliance), "the Israel-Hamas war", "the Israel-Hezbollah ceasefire"
  (OPPOSES, as for a ceasefire "between" them).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING

from ...graph.model import MentionForm, PloverCategory, RelationType
from .lemmas import verb_lemma
from .lexicon import PROJECTILE_NOUNS, SUPPORT_NOUNS, TALK_NOUNS
from .modality import modality, negated_word
from .predicate_frames import DATIVE_RECIPIENT, DIRECT_OBJECT, PASSIVE_SUBJECT
from .tree import inflected
from .tree import named_args as _named
from .types import Arg, Found, Ref, Role, Sense

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from .context import ConstructionContext

__all__ = [
    "ANCHOR_WORDS",
    "coerced_owner",
    "committed_to_security",
    "mediation_phrase",
    "named_alliance",
    "protected_owner",
    "supported_owner",
    "transfer_of",
    "weapon_transfer",
    "weapon_use",
]

_COMMITTED = Sense(RelationType.SUPPORTS, PloverCategory.SUPPORT, confidence=0.75)
_MEDIATED = Sense(RelationType.MEDIATES, PloverCategory.MEDIATE, confidence=0.75)
_ALLIED = Sense(RelationType.ALLIED_WITH, PloverCategory.COOPERATE, confidence=0.75)

# What a commitment protects: "commitment to Israel's security", "to the defense of Japan".
_PROTECTED_NOUNS = frozenset({"security", "defense", "defence", "self-defense", "self-defence", "protection"})
_COMMITMENT_WORDS = frozenset({"commitment", "commitments", "committed", "dedication", "dedicated"})
# Mediation as a phrase: "the mediation of Z", "Z's good offices", "under the auspices of Z".
_MEDIATION_WORDS = frozenset({"mediation", "offices", "auspices", "aegis", "facilitation"})
# Help that, opening a sentence whose parties agree, names a go-between: "With the help of Z, ...".
_HELP_NOUNS = frozenset(
    {"help", "assistance", "support", "efforts", "effort", "diplomacy", "leadership", "engagement"}
)
_AGREEING = frozenset(
    {
        form
        for lemma in ("agree", "sign", "reach", "conclude", "accept", "finalize", "finalise")
        for form in (lemma, lemma + "s", lemma + "d", lemma + "ed", lemma + "ing", lemma[:-1] + "ing")
    }
)
_MEDIATION_PREPS = frozenset({"to", "through", "under", "with", "via", "by"})
_ALLIANCE_WORDS = frozenset({"alliance"})
# Wars and truces named by their sides: "the Israel-Hamas war", "the Israel-Hezbollah ceasefire"
# (the annotation guide counts the parties of a ceasefire as in conflict).
_WAR_WORDS = frozenset(
    {"war", "conflict", "fighting", "clashes", "hostilities", "ceasefire", "cease-fire", "truce", "armistice"}
)
_AT_WAR = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.75)

# Mentions that name no actor of their own in a statement: a capital, a pronoun, "we".
_NOT_NAMED = (MentionForm.METONYM, MentionForm.PRONOUN, MentionForm.SPEAKER)





def _owners(c: ConstructionContext, noun: Token) -> list[Arg]:
    """Whose thing a noun is: "Israel's security", "the security of Israel", "our commitment"."""
    found = [
        c.resolver.mention_arg(m)
        for child in noun.children
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (m := c.mentions.at(child)) is not None
    ]
    found += [a for t in c.frames[noun].prep_objects(("of",)) for a in c.resolver.resolve(t)]
    return _named(found)


# -- "our commitment to Israel's security" ---------------------------------------------------
def _committed_holders(c: ConstructionContext, word: Token) -> list[Arg]:
    """Who is committed: the owner of the commitment, the subject of the verb that reaffirms
    it ("X reaffirmed its commitment"), or the subject of "is/remains committed"."""
    if word.tag_.startswith("NN"):
        owners = _owners(c, word)
        if owners:
            return owners
        if word.dep_ == "dobj" and word.head.tag_.startswith("VB"):
            return _named(c.subjects_of(word.head))
        return []
    if word.dep_ in ("acomp", "ROOT", "conj", "xcomp") or word.tag_ == "VBN":
        verb = word.head if word.dep_ == "acomp" else word
        # "France is committed to ...", read as a passive
        passive = c.frames[verb].get(Role.PATIENT, PASSIVE_SUBJECT)
        if passive:
            return _named([a for t in passive for a in c.resolver.resolve(t)])
        return _named(c.subjects_of(verb))
    return []


def committed_to_security(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "X reaffirmed its commitment to Y's security": X supports Y."""
    if noun.lower_ not in _PROTECTED_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "to":
        return
    word = noun.head.head
    if word.lower_ not in _COMMITMENT_WORDS or negated_word(word):
        return
    protected = _owners(c, noun)
    if not protected:
        return
    holders = _committed_holders(c, word)
    holders = [h for h in holders if not any(h.ref and p.ref and h.ref.id == p.ref.id for p in protected)]
    yield from c.emit(
        _COMMITTED, holders, protected, word, "committed-to-security", 0.9, mood=modality(word)
    )


# What protecting stands for: "protecting Lebanon's institutions", "defend Israel's security".
_PROTECTED_OWNED = frozenset(
    {
        "security",
        "institutions",
        "territory",
        "borders",
        "border",
        "infrastructure",
        "airspace",
        "defense",
        "defence",
    }
)
_PROTECTING_VERBS = frozenset({"protect", "defend", "safeguard", "bolster", "strengthen", "support"})


def protected_owner(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "X remains committed to protecting Lebanon's institutions", "X helps defend Israel's
    security": protecting what an actor owns protects the actor."""
    if not verb.tag_.startswith("VB") or verb_lemma(verb.lower_) not in _PROTECTING_VERBS:
        return
    owned = [o for o in c.frames[verb].get(Role.PATIENT, DIRECT_OBJECT) if o.lower_ in _PROTECTED_OWNED]
    protected = [a for o in owned for a in _owners(c, o)]
    if not protected:
        return
    ids = {a.ref.id for a in protected if a.ref is not None}
    subjects = [a for a in _named(c.subjects_of(verb)) if a.ref is not None and a.ref.id not in ids]
    yield from c.emit(_COMMITTED, subjects, protected, verb, "protected-owner", 0.9)


# -- "Iran's transfer of missiles to Russia" ------------------------------------------------
_TRANSFER_NOUNS = frozenset(
    {
        "provision",
        "transfer",
        "transfers",
        "delivery",
        "deliveries",
        "supply",
        "supplies",
        "shipment",
        "shipments",
        "sale",
        "sales",
        "export",
        "exports",
    }
)
_TRANSFERRED = Sense(RelationType.SUPPORTS, PloverCategory.AID, confidence=0.8)


def _weapons(token: Token) -> bool:
    sense = SUPPORT_NOUNS.get(token.lower_)
    return (sense is not None and sense.category == PloverCategory.AID) or token.lower_ in PROJECTILE_NOUNS


def weapon_transfer(c: ConstructionContext, noun: Token) -> bool:
    """ "provision of munitions", "transfers of ballistic missiles": arms handed over."""
    return noun.lower_ in _TRANSFER_NOUNS and any(_weapons(t) for t in c.frames[noun].prep_objects(("of",)))


def transfer_of(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "the DPRK's provision of munitions to Russia": the DPRK supports Russia."""
    if not weapon_transfer(c, noun) or negated_word(noun):
        return
    frame = c.frames[noun]
    recipients = _named([a for t in frame.prep_objects(("to",)) for a in c.resolver.resolve(t)])
    if not recipients:
        return
    holders = [
        c.resolver.mention_arg(m)
        for child in noun.children
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (m := c.mentions.at(child)) is not None
    ]
    holders += [a for t in frame.prep_objects(("by", "from")) for a in c.resolver.resolve(t)]
    yield from c.emit(_TRANSFERRED, _named(holders), recipients, noun, "transfer-of", 0.9)


_USED = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, ("against", "on"), confidence=0.75)


def weapon_use(c: ConstructionContext, noun: Token) -> Sense | None:
    """ "Russia's use of Iranian drones against Ukraine", "the regime's use of chemical weapons":
    using arms or force is an attack on its target (and a deed a condemnation names)."""
    if noun.lower_ != "use" or not noun.tag_.startswith("NN"):
        return None
    used = c.frames[noun].prep_objects(("of",))
    return _USED if any(_weapons(t) or t.lower_ == "force" for t in used) else None


# What an actor's war rests on: "support for Russia's defense industrial base / war machine".
_WAR_ASSETS = frozenset(
    {"base", "industry", "machine", "effort", "efforts", "defense", "defence", "security"}
)


def supported_owner(c: ConstructionContext, token: Token) -> list[Arg]:
    """The owner of what support goes to: "Russia's war machine", "the security of Israel".
    A goal ("Ukraine's sovereignty") or a people names no one supported."""
    if token.lower_ not in _WAR_ASSETS:
        return []
    if token.lower_ in ("base", "industry", "machine", "effort", "efforts") and not any(
        t.lower_ in ("defense", "defence", "war", "military", "industrial", "arms") for t in token.lefts
    ):
        return []  # "Russia's support base", "Ukraine's reform effort"
    return _owners(c, token)


# -- "thanks to the mediation of Z, A and B agreed ..." ------------------------------------
def _mediation_noun(noun: Token) -> bool:
    if noun.lower_ not in _MEDIATION_WORDS:
        return False
    if noun.lower_ == "offices":
        return any(c.lower_ == "good" for c in noun.children)
    return True


def _fronted_parties(c: ConstructionContext, noun: Token) -> tuple[Token, Token] | None:
    """ "Through the good offices of Qatar, Israel and Hamas agreed ...": a mediation phrase that
    opens the sentence, the comma that closes it and the verb of the main clause."""
    sent = noun.sent
    first = c.tokens[sent.start]
    opener = first.lower_ == "thanks" or (first.lower_ in _MEDIATION_PREPS and first.tag_ == "IN")
    if not opener or noun.i - sent.start > 4:
        return None
    comma = next((t for t in c.tokens[noun.i : sent.end] if t.text == ","), None)
    if comma is None:
        return None
    verb = next(
        (t for t in c.tokens[comma.i + 1 : sent.end] if t.tag_.startswith("VB") or t.tag_ == "MD"), None
    )
    if verb is None:
        return None
    while (verb.tag_ == "MD" or verb.dep_ in ("aux", "auxpass")) and verb.head.i != verb.i:
        verb = verb.head
    return comma, verb


def _between_comma_and_verb(
    c: ConstructionContext, comma: Token, verb: Token, mediators: set[str]
) -> list[Arg]:
    """The parties named after the opening phrase, read off the surface: the parser often
    hangs them on the mediator's phrase ("of Qatar, Israel and Hamas")."""
    parties: dict[str, Arg] = {}
    for token in c.tokens[comma.i + 1 : verb.i]:
        if token.tag_.startswith("VB") or token.tag_ == "MD":
            break
        mention = c.mentions.at(token)
        if (
            mention is not None
            and mention.start == token.i
            and mention.ref.id not in mediators
            and mention.form not in _NOT_NAMED
        ):
            parties.setdefault(mention.ref.id, c.resolver.mention_arg(mention))
    return list(parties.values())


def _clause_parties(c: ConstructionContext, noun: Token, mediators: set[str]) -> list[Arg]:
    """The parties of a mediation phrase hung on its clause ("A and B agreed ... under the
    auspices of Z"), or named by "between" on the phrase or on the talks it is in."""
    talks = [noun] + [
        t for t in c.frames[noun].prep_objects(("in", "for", "on", "of")) if t.lower_ in TALK_NOUNS
    ]
    between = [a for t in talks for a in c.between(t)]
    if between:
        return [a for a in _named(between) if a.ref is not None and a.ref.id not in mediators]
    node = noun.head
    if noun.dep_ != "pobj" or node.lower_ not in _MEDIATION_PREPS:
        return []
    verb = node.head
    if verb.lower_ == "thanks":
        verb = verb.head
    if verb.dep_ in ("dobj", "pobj") and verb.tag_.startswith("NN"):
        verb = verb.head  # "reached a deal with Qatar's mediation", the phrase hung on the deal
        if verb.dep_ == "prep":
            verb = verb.head  # "agreed to a truce under the auspices of Z"
    if not verb.tag_.startswith("VB"):
        return []
    return [a for a in _named(c.subjects_of(verb)) if a.ref is not None and a.ref.id not in mediators]


def mediation_phrase(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """ "Thanks to the mediation of Z, A and B ...", "Z's good offices", "under the auspices of Z";
    "With the help of Z, A and B agreed / signed ...": help with a deal of two parties."""
    helped = noun.lower_ in _HELP_NOUNS
    if not (helped or _mediation_noun(noun)) or negated_word(noun):
        return
    fronted = _fronted_parties(c, noun)
    if helped and (fronted is None or fronted[1].lower_ not in _AGREEING):
        return
    if fronted is not None:
        comma, verb = fronted
        mediators = [a for a in _owners(c, noun) if a.end <= comma.i]
        ids = {a.ref.id for a in mediators if a.ref is not None}
        parties = _between_comma_and_verb(c, comma, verb, ids)
    else:
        verb = noun
        mediators = _owners(c, noun)
        ids = {a.ref.id for a in mediators if a.ref is not None}
        parties = _clause_parties(c, noun, ids)
    if not mediators or len({a.ref.id for a in parties if a.ref is not None}) < 2:
        return
    yield from c.emit(_MEDIATED, mediators, parties, noun, "mediation-phrase", 0.9, mood=modality(verb))


# -- "the U.S.-Japan alliance" --------------------------------------------------------------
def named_alliance(c: ConstructionContext, noun: Token) -> Iterator[Found]:
    """An alliance or a war named by its sides joined with hyphens: "the U.S.-Japan alliance",
    "the Israel-Hamas war"."""
    if noun.lower_ in _ALLIANCE_WORDS:
        sense = _ALLIED
    elif noun.lower_ in _WAR_WORDS:
        sense = _AT_WAR
    else:
        return
    if negated_word(noun):
        return
    start = noun.left_edge.i
    words = c.tokens[start : noun.i]
    if not any(t.text in ("-", "–") or "-" in t.text for t in words):
        return
    members: dict[str, Arg] = {}
    for token in words:
        if token.dep_ == "poss" or token.tag_ == "POS":
            return  # "Japan's U.S. alliance": an owner, not a member list
        mention = c.mentions.at(token) or c.mentions.inner.get(token.i)
        if (mention is None or not mention.ref.known) and "-" in token.text.strip("-"):
            # "U.S.-Japan" as one token (NER may take it for one name): each capitalised part
            parts = [c.gazetteer.resolve(p) if p[:1].isupper() else None for p in token.text.split("-")]
            if all(parts):
                for part, entry in zip(token.text.split("-"), parts, strict=True):
                    assert entry is not None
                    members.setdefault(entry.id, Arg(Ref.of(entry), part, token.i, token.i + 1))
                continue
        if mention is not None and mention.form not in _NOT_NAMED:
            members.setdefault(mention.ref.id, c.resolver.mention_arg(mention))
    sides = list(members.values())
    if len(sides) < 2:
        return
    for left, right in combinations(sides, 2):
        yield from c.emit(sense, [left], [right], noun, "named-pair", 0.9, nested=True)


# -- "deny the IRGC access to ...", "disrupt Hezbollah's financial networks" ----------------
# Measures against what an actor draws on: its money, networks, access and means of war.
_COERCING_VERBS = frozenset(
    {
        "deny",
        "disrupt",
        "dismantle",
        "degrade",
        "counter",
        "target",
        "choke",
        "starve",
        "block",
        "freeze",
        "froze",
        "frozen",
        "constrain",
        "curb",
        "cut",
    }
)
_RESOURCE_NOUNS = frozenset(
    {
        "access",
        "network",
        "networks",
        "finances",
        "financing",
        "funding",
        "funds",
        "revenue",
        "revenues",
        "streams",
        "assets",
        "ability",
        "capabilities",
        "capacity",
        "procurement",
        "financiers",
        "facilitators",
        "supply",
        "supplies",
        "sources",
        "schemes",
        "operations",
        "activities",
        "activity",
    }
)
_COERCED = Sense(RelationType.OPPOSES, PloverCategory.SANCTION, confidence=0.7)


def coerced_owner(c: ConstructionContext, verb: Token) -> Iterator[Found]:
    """ "X will deny the IRGC access to ...", "X acted to disrupt Hezbollah's financial
    networks", "sanctions degrade the RSF's ability to wage war": measures against what an
    actor draws on oppose the actor (the sanctioning sense of `docs/annotation.md`)."""
    if not verb.tag_.startswith("VB") or not inflected(verb, _COERCING_VERBS):
        return
    if verb.lower_.startswith("cut") and not any(p.lower_ == "off" for p in verb.children):
        return  # "cut off X's funding", not "cut ties"
    frame = c.frames[verb]
    objects = frame.get(Role.PATIENT, DIRECT_OBJECT)
    resources = [o for o in objects if o.lower_ in _RESOURCE_NOUNS]
    targets: list[Arg] = []
    for noun in resources:
        targets += [
            c.resolver.mention_arg(m)
            for child in noun.children
            if child.dep_ in ("poss", "compound", "nmod", "amod") and (m := c.mentions.at(child)) is not None
        ]
        targets += [a for t in c.frames[noun].prep_objects(("of",)) for a in c.resolver.resolve(t)]
    if inflected(verb, ("deny",)):
        # "deny X access", with X as the indirect object
        targets += [a for t in frame.get(Role.RECIPIENT, DATIVE_RECIPIENT) for a in c.resolver.resolve(t)]
        if any(o.lower_ == "access" for o in objects):
            targets += [a for t in objects if t.lower_ != "access" for a in c.resolver.resolve(t)]
    targets = [a for a in _named(targets) if a.form not in _NOT_NAMED]
    if not targets:
        return
    ids = {a.ref.id for a in targets if a.ref is not None}
    agents = [a for a in _named(c.subjects_of(verb)) if a.ref is not None and a.ref.id not in ids]
    yield from c.emit(_COERCED, agents, targets, verb, "coerced-owner", 0.9)


# The word sets this module's constructions check first, by the names their anchors use
# (rules/anchors.jsonl, resolved by anchors.py).
ANCHOR_WORDS: dict[str, frozenset[str]] = {
    "PROTECTING_VERBS": _PROTECTING_VERBS,
    "COERCING_VERBS": _COERCING_VERBS,
    "ALLIANCE_WORDS": _ALLIANCE_WORDS,
    "WAR_WORDS": _WAR_WORDS,
    "PROTECTED_NOUNS": _PROTECTED_NOUNS,
    "HELP_NOUNS": _HELP_NOUNS,
    "MEDIATION_WORDS": _MEDIATION_WORDS,
    "TRANSFER_NOUNS": _TRANSFER_NOUNS,
}
