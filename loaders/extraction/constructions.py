"""Relations read off the dependency parse, one construction at a time.

Each construction starts from a trigger word of the lexicon and finds its two
sides in the tree:

* verbs, active ("Turkey backs the GNA"), passive ("backed by Egypt"),
  prepositional ("sided with", "allied with"), as participles and relative
  clauses ("the LNA, headed by Haftar", "which is backed by"), controlled
  ("agreed to support"), and accusations ("accused Y of arming Z");
* role nouns, through a copula ("X is a main supporter of Y", "X is among the
  allies of Y"), an apposition ("the head of UNSMIL, Stephanie Williams") or a
  title ("LNA commander Khalifa Haftar");
* compound participles ("Iran-backed Houthis", "U.S.-brokered ceasefire");
* event nouns with "between" ("the war between X and Y"), and talks with a
  mediator ("talks between X and Y mediated by Z");
* support and attack nouns with a holder and a target ("Russia's support for
  Haftar", "Houthi attacks on Saudi Arabia", "provided weapons to Y").

Coordination on either side multiplies claims; modality (negation, hedges,
ended and hypothetical relations) is judged at the trigger.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, NamedTuple

from ...graph.model import ActorKind, MentionForm, PloverCategory, RelationType
from ..gazetteer import Gazetteer
from .anchors import anchored
from .arguments import PARTIES, Resolver
from .coref import ARMY_WORDS
from .domain import demonym_people, one_side
from .events import consultation, crimes_found, enabled_by, phone_call, threatened_act
from .frames import (
    defended_against,
    event_category,
    hosted_meeting,
    hosted_talks,
    responsible_for_attack,
    truce_parties,
)
from .lemmas import noun_lemma, verb_lemma
from .lexicon import (
    AGREEMENT_NOUNS,
    APPROVED_NOUNS,
    ATTACK_NOUNS,
    BETWEEN_HOSTILE,
    COLLECTIVE_NOUNS,
    COMPOUND_PARTICIPLES,
    CONDUCT_NOUNS,
    COST_NOUNS,
    DEPLOYING_VERBS,
    ELABORATING_VERBS,
    ENDING_VERBS,
    EVENT_PHRASES,
    EVENT_VERBS,
    EXCHANGE_VERBS,
    EXCHANGED_NOUNS,
    FIRING_VERBS,
    FORCE_NOUNS,
    HOSTILE_ACTIVITY,
    IMPOSING_VERBS,
    LIGHT_VERBS,
    MEDIATION_VERBS,
    MEMBERSHIP_BODY_WORDS,
    PEACE_MODIFIERS,
    PEACE_NOUNS,
    PROJECTILE_NOUNS,
    QUANTITY_NOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    SUPPORT_NOUNS,
    TALK_NOUNS,
    TITLE_LEADS,
    TITLE_PAIRS,
    UNDERGOING_VERBS,
    VERB_PHRASES,
    VERBS,
)
from .mediation import (
    MEDIATION_ACTS,
    asked_to_accept,
    credited_mediation,
    mediator_aside,
    meeting_to_secure,
    peacemaking_effort,
    venue_host,
)
from .mentions import MentionIndex
from .modality import ATTRIBUTED_FACTOR, ENDED, Modality, ended_word, modality, negated_word
from .news import alliance, battle_with, intervention, misparsed_verb, mutual_fight, pitted
from .predicate_frames import ACTIVE_SUBJECT, DIRECT_OBJECT, PASSIVE_SUBJECT, frames_of
from .rulefiles import PhraseIndex, TriggerTable
from .statements import (
    coerced_owner,
    committed_to_security,
    mediation_phrase,
    named_alliance,
    protected_owner,
    supported_owner,
    transfer_of,
    weapon_transfer,
    weapon_use,
)
from .titles import TITLE_CHAIN_FACTOR, title_chain
from .tree import dependents, halted_activity, is_passive
from .types import Arg, Found, Frame, Mention, Ref, Role, Sense

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Span, Token


__all__ = ["REGISTERED", "REGISTRY", "TABLE_READERS", "Constructions", "Registered"]

_ACCUSING = frozenset(
    {"accuse", "suspect", "charge", "convict", "blame", "condemn", "criticize", "criticise", "sanction"}
)
# Heads of "member states/groups": the members of what modifies them ("NATO member states A and B").
_MEMBER_HEADS = frozenset({"state", "country", "nation", "group", "organisation", "organization", "faction"})
_TITLE_BLOCKERS = frozenset(
    {"deputy", "vice", "former", "ex", "assistant", "late", "then", "associate", "co"}
)
_PARTICIPANT_PREPS = frozenset({"between", "among", "involving"})
_PROPOSAL_NOUNS = frozenset({"proposal", "proposals", "plan", "initiative", "offer"})
_ACCEPTING = frozenset({"accept", "support", "back", "endorse", "welcome", "embrace", "sign"})
# Actors whose things a compound participle may describe: "an Iranian-backed Houthi missile
# system" is the Houthis' (a state's adjective names a place or a maker: "Iraqi territory").
_GROUP_OWNERS = frozenset({ActorKind.ARMED_GROUP, ActorKind.PARTY})
# Verbs whose subjects take part in the talks they hold: "X and Y held talks mediated by Z".
_TALKING = frozenset({"hold", "conduct", "resume", "begin", "start", "open", "join", "attend"})
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "ROOT"})
_ACCOUNTABLE = Sense(RelationType.OPPOSES, PloverCategory.ACCUSE, confidence=0.75)
_ANSWERABLE = frozenset({"accountable", "responsible", "culpable"})
_HOLD_FORMS = frozenset({"hold", "holds", "held", "holding"})
_FIRE_NOUNS = frozenset({"fire", "gunfire"})
# Verbs that put a person in a role named by their object complement: "was elected leader of Y".
_INSTALLING = frozenset(
    {
        "elected",
        "re-elected",
        "reelected",
        "named",
        "appointed",
        "chosen",
        "selected",
        "installed",
        "proclaimed",
        "confirmed",
        "elect",
        "name",
        "names",
        "appoint",
        "appoints",
    }
)
_PERSONNEL_NOUNS = frozenset(
    {
        "advisers",
        "advisors",
        "instructors",
        "trainers",
        "experts",
        "officers",
        "personnel",
        "ships",
        "warships",
        "volunteers",
        "commandos",
        "marines",
        "reinforcements",
    }
)
_WEAPON_FIRE = frozenset(
    {
        "rocket",
        "mortar",
        "artillery",
        "sniper",
        "tank",
        "machine-gun",
        "machinegun",
        "heavy",
        "enemy",
        "gun",
        "missile",
        "small-arms",
        "automatic",
        "anti-aircraft",
        "shell",
    }
)
_GUNFIRE = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, ("on",), confidence=0.8)
_CRITICISM = Sense(RelationType.OPPOSES, PloverCategory.ACCUSE, ("on",), confidence=0.7)
# Harm a party is held responsible for, beside attacks and crimes: "responsible for the deaths".
_HARM_NOUNS = frozenset(
    {
        "deaths",
        "death",
        "killing",
        "killings",
        "violence",
        "bloodshed",
        "bombings",
        "attacks",
        "blast",
        "explosion",
        "explosions",
        "shooting",
        "shootings",
        "kidnapping",
        "abduction",
        "downing",
        "sinking",
    }
)
_ALONGSIDE = Sense(RelationType.ALLIED_WITH, PloverCategory.COOPERATE, confidence=0.75)
_FIRED = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.8)
_JOINED = Sense(RelationType.ALLIED_WITH, PloverCategory.COOPERATE, confidence=0.75)
_AIMED = ("at", "toward", "towards", "into", "on")
_REPELLING = frozenset({"repel", "repulse", "thwart", "foil"})
_ON_BEHALF = Sense(RelationType.SUPPORTS, PloverCategory.SUPPORT, confidence=0.75)
_PROXY_VERBS = frozenset({"fight", "operate", "act", "intervene", "battle", "deploy", "wage"})
_RECIPROCALS = frozenset({"other", "another"})
_RECEIVING_VERBS = frozenset({"receive", "obtain", "acquire", "get", "accept"})
_CRIME_EVENTS = frozenset(
    {"atrocities", "atrocity", "crimes", "abuses", "violations", "massacre", "massacres"}
)
# An agreement between two actors that is no truce: "the agreement between ECOWAS and Mali".
_AGREED = Sense(RelationType.COOPERATES, PloverCategory.AGREE, confidence=0.7)
_CONDEMNING = frozenset(
    {PloverCategory.ACCUSE, PloverCategory.REJECT, PloverCategory.SANCTION, PloverCategory.PROTEST}
)
# Stages of a deal a go-between facilitates: "facilitated the signing of the agreement".
_DEAL_STAGES = frozenset({"signing", "conclusion", "negotiation", "negotiations", "implementation"})
# "stand shoulder to shoulder / side by side with Y".
_SIDE_NOUNS = frozenset({"shoulder", "side"})
# What an actor wages, named by its kind: "war of aggression", "campaign of terror".
_WAGED_NOUNS = frozenset({"war", "wars", "campaign", "campaigns", "act", "acts"})
# A part an actor has in an act: "Iran's role in arming Y", "played a part in training Y".
_PART_NOUNS = frozenset({"role", "part", "involvement", "complicity"})
_PLAYED = frozenset({"play", "plays", "played", "playing", "have", "has", "had"})
_ALONGSIDE_VERBS = frozenset({"fight", "operate", "serve", "deploy", "battle", "stand"})
# Texts an actor issues, whose participles state the issuer's act ("a resolution condemning X").
_ISSUING_VERBS = frozenset({"issue", "release", "publish", "adopt", "pass", "deliver", "sign", "make"})
_ADJECTIVAL = frozenset({"ally", "affiliate", "align", "arm"})
_DASHES = ("—", "–", "--")
_ISSUED_NOUNS = frozenset(
    {
        "statement",
        "statements",
        "resolution",
        "resolutions",
        "declaration",
        "communique",
        "communiqué",
        "letter",
        "decision",
        "order",
        "report",
        "announcement",
    }
)
# Event nouns whose capital-city target is the state: "Moscow's aggression against Kyiv".
_STATE_TARGET_NOUNS = frozenset({"aggression", "war", "wars"})
# Weapons that name a kind of attack: "missile strikes", "drone attacks", "rocket fire".
_WEAPON_MODIFIERS = frozenset({"missile", "drone", "rocket", "air", "artillery", "mortar", "naval", "cruise"})
# Whole populations standing for their state as victims: "the people of Ukraine suffer ...".
_POPULATION_NOUNS = frozenset({"people", "population", "nation"})
_PACKAGE_NOUNS = frozenset(
    {
        "package",
        "packages",
        "shipment",
        "shipments",
        "consignment",
        "consignments",
        "sale",
        "sales",
        "delivery",
        "deliveries",
        "transfer",
        "transfers",
    }
)
# A body of a state named between the nationality and the title: "Iraqi intelligence chief".
_SUB_BODY_WORDS = frozenset(
    {"intelligence", "army", "police", "security", "military", "spy", "navy", "defence", "defense", "party"}
)
_ROLE_HOLDER_NOUNS = frozenset(
    {"mediator", "mediators", "envoy", "envoys", "intermediary", "facilitator", "broker"}
)


_NOT_LED = (ActorKind.PERSON, ActorKind.STATE)  # "Putin's Russia" states no leadership


_UNIT_FORMS = (MentionForm.ADJECTIVE, MentionForm.AGENT)
_DEMONSTRATIVES = frozenset({"this", "that"})


def _elaborates(verb: Token, subjects: list[Token]) -> bool:
    """ "This includes ...", "That means ...": a demonstrative subject of a verb that spells
    out the act of the sentence before."""
    return (
        verb_lemma(verb.lower_) in ELABORATING_VERBS
        and all(s.lower_ in _DEMONSTRATIVES and not list(s.children) for s in subjects)
    )


def _field_commander(title: Token, obj: Arg) -> bool:
    """ "a senior Afghan commander", "Russian commander X": a commander with only a nationality
    commands some unit of that country, not the state; a state's head carries a head's title.
    Likewise "Iraqi intelligence chief X" heads the intelligence service, not Iraq, and "X,
    CENTCOM Commander" heads a command that acts for its state (an agent of the state)."""
    if obj.form not in _UNIT_FORMS or obj.ref is None or obj.ref.kind is not ActorKind.STATE:
        return False
    if obj.form is MentionForm.AGENT or noun_lemma(title.lower_) == "commander":
        return True
    return any(c.dep_ in ("compound", "amod") and c.lower_ in _SUB_BODY_WORDS for c in title.children)


# A party's negotiating team: whoever leads it heads the team, not the party.
_DELEGATION_NOUNS = frozenset({"delegation", "delegations", "team", "teams", "negotiators"})


def _credited_act(lower: str) -> bool:
    """A noun naming a go-between's act: "in mediating", "its facilitation of"."""
    return lower.endswith("ing") or lower in MEDIATION_ACTS


def _led_delegation(trigger: Token) -> bool:
    """ "The Ukrainian delegation was led by X", "X led Moscow's team", "the delegation, headed by
    X", "the head of the Russian delegation, X": X leads a delegation, not the state."""
    led = [c for c in trigger.children if c.dep_ in ("nsubjpass", "dobj")]
    led += [o for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    if trigger.dep_ in ("acl", "relcl"):
        led.append(trigger.head)
    return any(noun.lower_ in _DELEGATION_NOUNS for noun in led)


def _sent_personnel(verb: Token, sent: Token) -> bool:
    """ "sent troops/advisers/warships to ...": unnamed people or forces a subject deploys."""
    return verb_lemma(verb.lower_) in DEPLOYING_VERBS and (
        sent.lower_ in FORCE_NOUNS or sent.lower_ in _PERSONNEL_NOUNS
    )


def _blameworthy(adjective: Frame) -> bool:
    """ "held X responsible for the attack" blames X; "responsible for security in Gaza" is a duty."""
    if adjective.predicate.lower_ == "accountable":
        return True
    deeds = adjective.prep_objects(("for",))
    return not deeds or any(
        d.lower_ in ATTACK_NOUNS or d.lower_ in _CRIME_EVENTS or d.lower_ in _HARM_NOUNS or _hostile_gerund(d)
        for d in deeds
    )


def _hostile_gerund(word: Token) -> bool:
    """ "responsible for shelling the town": a gerund of a hostile verb."""
    sense = VERBS.get(verb_lemma(word.lower_)) if word.tag_ == "VBG" else None
    return sense is not None and sense.type is RelationType.OPPOSES


def _adjective_as_verb(verb: Token) -> bool:
    """ "... and allied armed groups": a participle-adjective parsed as a conjoined verb."""
    if verb.dep_ != "conj" or verb.tag_ not in ("VBD", "VBN") or verb_lemma(verb.lower_) not in _ADJECTIVAL:
        return False
    if dependents(verb, "nsubj", "nsubjpass"):
        return False
    objects = dependents(verb, "dobj")
    return bool(objects) and objects[0].left_edge.i == verb.i + 1


def _through_quantity(noun: Token) -> Token:
    """The quantity phrase that carries a noun: "a wave of airstrikes", "$2 billion in aid"."""
    node = noun
    for _ in range(2):
        prep = node.head
        if node.dep_ != "pobj" or prep.lower_ not in ("of", "in", "worth"):
            break
        quantity = prep.head
        if not (quantity.lower_ in QUANTITY_NOUNS or quantity.tag_ in ("CD", "$") or quantity.like_num):
            break
        node = quantity
    return node


def _money_anchor(noun: Token) -> Token:
    """ "sent billions of dollars in weapons to Y", with "in weapons" hung on the verb: the
    amount is the object the noun stands in for ("a wave of airstrikes", "$2 billion in aid")."""
    anchor = _through_quantity(noun)
    prep = noun.head
    if anchor is not noun or prep.lower_ not in ("in", "worth") or not prep.head.tag_.startswith("VB"):
        return anchor
    amounts = [
        o
        for o in dependents(prep.head, "dobj")
        if o.i < prep.i and (o.ent_type_ == "MONEY" or o.tag_ in ("CD", "$") or o.lower_ in QUANTITY_NOUNS)
    ]
    return amounts[0] if amounts else anchor


def _packaged(noun: Token) -> Sense | None:
    """ "a military aid package for Ukraine", "a new sanctions package against Russia": the
    package states what its contents state."""
    if noun.lower_ not in _PACKAGE_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "compound":
            sense = SUPPORT_NOUNS.get(child.lower_) or ATTACK_NOUNS.get(child.lower_)
            if sense is not None and sense.category in (
                PloverCategory.AID, PloverCategory.SUPPORT, PloverCategory.SANCTION
            ):
                return sense
    return None


def _under_fire(noun: Token) -> Sense | None:
    """ "Israel came under rocket fire from Hezbollah": fire only as what a subject comes under.
    Fire from weapons is an attack; bare "came under fire from X" is as often criticism, an
    accusation in the annotation sense too."""
    if noun.lower_ not in _FIRE_NOUNS or noun.dep_ != "pobj" or noun.head.lower_ != "under":
        return None
    if verb_lemma(noun.head.head.lower_) not in ("come", "be"):
        return None
    armed = noun.lower_ != "fire" or any(
        c.dep_ in ("compound", "amod") and c.lower_ in _WEAPON_FIRE for c in noun.children
    )
    return _GUNFIRE if armed else _CRITICISM


def _a_body(arg: Arg) -> bool:
    """Whether an actor is a body one is a member of: an intergovernmental organisation, or
    one whose name says it is a coalition or an alliance (``MEMBERSHIP_BODY_WORDS``)."""
    if arg.ref is None:
        return False
    if arg.ref.kind is ActorKind.IGO:
        return True
    words = {w.strip(".,()").casefold() for w in arg.ref.name.split()}
    return not words.isdisjoint(MEMBERSHIP_BODY_WORDS)


def _word_rule(trigger: Token, sense: Sense) -> str:
    """The trigger line's id when ``sense`` is the trigger word's own: what its table gives the
    token as the part of speech the table reads ("backed" in "Iran-backed" too). A sense lent
    to another word ("prime minister" read as a leader) or to a misparsed one ("back" tagged
    as an adverb) is the construction's reading: "" lets the driver name the construction,
    as it does for any construction but the table's reader (``TABLE_READERS``)."""
    if not sense.rule:
        return ""
    lower, tag = trigger.lower_, trigger.tag_
    if tag.startswith("VB"):
        lemma = verb_lemma(lower)
        if VERBS.get(lemma) is sense or EVENT_VERBS.get(lemma) is sense:
            return sense.rule
        for phrases in (VERB_PHRASES, EVENT_PHRASES):  # "cut ties with", a CAMEO phrase
            index = phrases.get(lemma)
            if index and any(entry[2] is sense for entries in index.values() for entry in entries):
                return sense.rule
    if tag.startswith("NN"):
        noun = noun_lemma(lower)
        for table in (ROLE_NOUNS, SUPPORT_NOUNS, ATTACK_NOUNS):
            if table.get(noun) is sense or table.get(lower) is sense:
                return sense.rule
    if COMPOUND_PARTICIPLES.get(lower.rpartition("-")[2]) is sense:
        return sense.rule
    return ""


# Dependencies a phrase's words are looked for along: the verb's own phrase, not a clause of
# its own ("cut ties with Y", "came to the aid of Y", "stepped up attacks on Y").
_PHRASE_DEPS = frozenset({
    "prt", "dobj", "prep", "pobj", "compound", "amod", "nmod", "det", "poss", "dative", "attr",
    "acomp", "oprd", "npadvmod", "advmod",
})
_PHRASE_DEPTH = 3


def _phrase_readings(verb: Token) -> dict[str, list[Token]]:
    """The words the tokens of a verb's phrase read as (form, noun and verb lemma), each
    with its tokens: the tokens within three dependency steps, not in a clause of their own."""
    readings: dict[str, list[Token]] = {}
    deps = _phrase_dep_ids()
    ccomp = _ccomp_id()
    frontier = [verb]
    for step in range(_PHRASE_DEPTH):
        # a clause headed by a noun is the verb's small clause, no clause of its own:
        # "considers Hezbollah a terrorist organization"
        frontier = [
            c for t in frontier for c in t.children if c.dep in deps or (c.dep == ccomp and _small_clause(c))
        ]
        if step == 1:
            # "partnering with X in combined operations": the parser hangs the verb's own
            # prepositional phrase on the object of its preposition; it counts as the verb's
            frontier += [c for t in frontier if t.dep_ == "pobj" for c in _late_preps(t)]
        for token in frontier:
            for word in _word_readings(token.lower_):
                readings.setdefault(word, []).append(token)
    return readings


def _late_preps(pobj: Token) -> list[Token]:
    """The objects of prepositions hung on a preposition's object (or on a name coordinated
    with it) that stand after it: "with AMISOM and the Somali army [in] combined operations"."""
    heads = [pobj, *(c for c in pobj.children if c.dep_ == "conj")]
    return [o for h in heads for p in h.children if p.dep_ == "prep" and p.i > h.i for o in p.children
            if o.dep_ == "pobj"]


def _apposed_to(appos: Token) -> Token:
    """What an apposition describes. The parser hangs a description that follows the last
    name of a coordination on its first: in "Israel and Hamas (an Iran-supported group)" the
    group is Hamas, the conjunct right before it."""
    before = [c for c in appos.head.conjuncts if c.i < appos.i]
    if not before or appos.head.i > appos.i:
        return appos.head
    last = max(before, key=lambda c: c.i)
    if last.i < appos.head.i:
        return appos.head
    return last if last.right_edge.i + 1 == appos.left_edge.i or (
        last.right_edge.i + 2 == appos.left_edge.i and last.doc[last.right_edge.i + 1].is_punct
    ) else appos.head


def _attacking(verb: Token) -> bool:
    """A hand trigger verb of an assault: "targeting", "hitting"."""
    sense = VERBS.get(verb_lemma(verb.lower_))
    return sense is not None and sense.category == PloverCategory.ASSAULT


def _small_clause(token: Token) -> bool:
    """A complement clause with a noun for its head and no verb: "[Hezbollah a terrorist
    organization]" after "considers"."""
    return token.dep_ == "ccomp" and token.tag_.startswith("NN")


@lru_cache(maxsize=1)
def _ccomp_id() -> int:
    """The id of the "ccomp" label (checked only on children outside ``_PHRASE_DEPS``)."""
    from spacy.strings import StringStore

    return int(StringStore()["ccomp"])


@lru_cache(maxsize=1)
def _phrase_dep_ids() -> frozenset[int]:
    """The ids of ``_PHRASE_DEPS`` (a label's id is the same in every vocabulary): an int
    compare per child instead of a string made."""
    from spacy.strings import StringStore

    strings = StringStore()
    return frozenset(strings[label] for label in _PHRASE_DEPS)


@lru_cache(maxsize=1 << 16)
def _word_readings(lower: str) -> tuple[str, ...]:
    """A word's form and its noun and verb lemmas, each once (cached: the lemma rules are
    tried on every word of every trigger verb's phrase)."""
    return tuple(dict.fromkeys((lower, noun_lemma(lower), verb_lemma(lower))))


def _phrase_tokens(readings: dict[str, list[Token]], words: tuple[str, ...]) -> tuple[Token, ...] | None:
    """One token for each of ``words`` (a word matches a token of that form or lemma), or
    None. Most phrases fail on a missing word, checked first."""
    if not all(word in readings for word in words):
        return None
    found: list[Token] = []
    for word in words:
        match = next((t for t in readings[word] if t not in found), None)
        if match is None:
            return None
        found.append(match)
    return tuple(found)


# Every verb lemma some trigger reads: a one-word trigger or a phrase's head.
_TRIGGER_HEADS = (
    frozenset(VERBS) | frozenset(VERB_PHRASES) | frozenset(EVENT_VERBS) | frozenset(EVENT_PHRASES)
)


def _best_phrase(
    index: PhraseIndex, readings: dict[str, list[Token]]
) -> tuple[Sense, tuple[Token, ...]] | None:
    """The longest phrase of the index whose words the verb's phrase holds (the first in file
    order among equals), with its tokens. Only the phrases whose first word is there are tried."""
    best: tuple[int, int, Sense, tuple[Token, ...]] | None = None
    for word in readings:
        for order, rest, sense in index.get(word, ()):
            if best is not None and (len(rest), -order) <= (best[0], best[1]):
                continue
            tokens = _phrase_tokens(readings, rest)
            if tokens is not None:
                best = (len(rest), -order, sense, tokens)
    return None if best is None else (best[2], best[3])


def _verb_senses(verb: Token, lemma: str) -> Iterator[tuple[Sense, tuple[Token, ...], bool]]:
    """The senses a verb may state, best first: each with the tokens of its phrase (empty
    for a one-word trigger) and whether it is a converted CAMEO one.

    Hand and user triggers first, a phrase before its head verb alone; then the converted
    CAMEO triggers (rules/cameo_triggers.jsonl), a phrase before the verb alone. A hand
    one-word sense ends the list: the CAMEO triggers never read a verb the hand ones read."""
    readings: dict[str, list[Token]] | None = None
    for phrases, words, converted in ((VERB_PHRASES, VERBS, False), (EVENT_PHRASES, EVENT_VERBS, True)):
        index = phrases.get(lemma)
        if index is not None:
            if readings is None:
                readings = _phrase_readings(verb)
            best = _best_phrase(index, readings)
            if best is not None:
                yield best[0], best[1], converted
        found = words.get(lemma)
        if found is not None:
            yield found, (), converted
            if not converted:
                return


def _leadable(mention: Mention) -> bool:
    """An organisation or state a titled person can lead (not a stray NER guess)."""
    if mention.ref.kind is ActorKind.PERSON:
        return False
    return mention.ref.known or mention.ref.kind is not ActorKind.OTHER


class Constructions:
    """Runs every construction over the sentences of one Doc."""

    def __init__(self, mentions: MentionIndex, gazetteer: Gazetteer) -> None:
        self.mentions = mentions
        self.resolver = Resolver(mentions)
        self.gazetteer = gazetteer
        self.doc = mentions.doc
        self.tokens = mentions.tokens
        # One matcher pass over the document: token index -> the constructions to try there.
        self.anchors = anchored(self.doc, REGISTERED)
        # One DependencyMatcher pass: each predicate's role fillers (rules/frames.jsonl).
        self.frames = frames_of(self.doc, self.tokens)

    # -- driver -----------------------------------------------------------
    def sentence(self, sent: Span) -> Iterator[Found]:
        """Every registered construction whose anchor matched a token, tried on it in registry order."""
        anchors = self.anchors
        for token in self.tokens[sent.start : sent.end]:
            ids = anchors.get(token.i)
            if ids is None:
                continue
            for anchor_id, construction in _ORDERED.get(ids) or _in_order(ids):
                own = _READ_RULES.get(anchor_id, frozenset())
                for item in construction(self, token):
                    if item.rule not in own:
                        # Not a trigger word read by its table's reader: the construction's.
                        item.rule = anchor_id
                    yield item

    # -- the inline readings, one registered construction each (anchors in rules/anchors.jsonl);
    # each makes its own checks, its anchor only the cheapest of them. Plain functions, not
    # generators: most tokens they are tried on fail the checks, and then cost one call.
    def _verb_hostile_between(self, token: Token) -> Iterable[Found]:
        if token.tag_ == "VBG" and token.lower_ in BETWEEN_HOSTILE and token.dep_ in _NOMINAL_DEPS:
            return self._hostile_between(token)  # "Fighting between X and Y"
        return ()

    def _role_noun_reading(self, token: Token) -> Iterable[Found]:
        noun = noun_lemma(token.lower_)
        if noun in ROLE_NOUNS:
            return self._role_noun(token, ROLE_NOUNS[noun])
        if noun in _MEMBER_HEADS and any(
            c.dep_ == "compound" and c.lower_ in ("member", "members") for c in token.children
        ):
            return self._role_noun(token, ROLE_NOUNS["member"])  # "NATO member states A and B"
        return ()

    def _prime_minister(self, token: Token) -> Iterable[Found]:
        if token.lower_ == "minister" and any(c.lower_ == "prime" for c in token.children):
            return self._role_noun(token, ROLE_NOUNS["leader"])  # "Ethiopia's prime minister, X"
        return ()

    def _title_reading(self, token: Token) -> Iterable[Found]:
        lower = token.lower_
        titled = noun_lemma(lower) in TITLE_LEADS or lower in ("minister", "general")
        if titled and token.dep_ == "compound":
            return self._title(token)
        return ()

    def _title_chain_reading(self, token: Token) -> Iterable[Found]:
        lower = token.lower_
        if noun_lemma(lower) in TITLE_LEADS or lower in ("minister", "ministers"):
            return self._title_chain(token)
        return ()

    def _credited_noun(self, token: Token) -> Iterable[Found]:
        if token.tag_ == "NN" and token.dep_ == "pobj" and _credited_act(token.lower_):
            return credited_mediation(self, token)  # "its role in mediating between"
        return ()

    def _noun_hostile_between(self, token: Token) -> Iterable[Found]:
        if token.lower_ in BETWEEN_HOSTILE:
            return self._hostile_between(token)
        return ()

    def _talks_reading(self, token: Token) -> Iterable[Found]:
        lower = token.lower_
        if lower in TALK_NOUNS or lower in PEACE_NOUNS or halted_activity(token):
            return self._talks(token)
        return ()

    def _peace_reading(self, token: Token) -> Iterable[Found]:
        lower = token.lower_
        if lower in TALK_NOUNS or lower in PEACE_NOUNS or halted_activity(token):
            return self._peace_between(token)
        return ()

    def _hostile_activity_reading(self, token: Token) -> Iterable[Found]:
        if token.dep_ == "dobj" and token.lower_ in HOSTILE_ACTIVITY:
            return self._hostile_activity(token)
        return ()

    def _joint_reading(self, token: Token) -> Iterable[Found]:
        if token.dep_ == "dobj" and any(c.lower_ == "joint" for c in token.children):
            return self._joint(token)
        return ()

    def _belligerents_reading(self, token: Token) -> Iterable[Found]:
        lower = token.lower_
        if lower in COLLECTIVE_NOUNS and lower in ("belligerents", "combatants"):
            return self._belligerents(token)
        return ()

    def _proposal_reading(self, token: Token) -> Iterable[Found]:
        if token.lower_ in _PROPOSAL_NOUNS:
            return self._proposal(token)
        return ()

    def _enabled_by_reading(self, token: Token) -> Iterable[Found]:
        if token.lower_ in SUPPORT_NOUNS:
            return enabled_by(self, token)
        return ()

    def _event_noun_reading(self, token: Token) -> Iterable[Found]:
        lower = token.lower_
        sense = SUPPORT_NOUNS.get(lower) or ATTACK_NOUNS.get(lower)
        sense = sense or _packaged(token) or _under_fire(token) or weapon_use(self, token)
        if sense is not None:
            return self._event_noun(token, sense)
        return ()

    def _compound_reading(self, token: Token) -> Iterable[Found]:
        if "-" in token.text or (token.i > 0 and self.tokens[token.i - 1].text == "-"):
            return self._compound(token)
        return ()

    def _possessive_leader(self, noun: Token) -> Iterator[Found]:
        """ "bin Laden's Al Qaeda fighters", "Arafat's Fatah movement": a person owning a named
        organisation (not a state) is the one who leads it, as "Haftar's forces" is his army."""
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if len(owners) != 1:
            return
        person = self.mentions.at(owners[0])
        if person is None or person.ref.kind is not ActorKind.PERSON or person.form == MentionForm.PRONOUN:
            return
        names = [noun, *(c for c in noun.children if c.dep_ == "compound")]
        orgs = {m.ref.id: m for t in names if (m := self.mentions.at(t)) is not None and m is not person}
        if len(orgs) != 1:
            return
        org = next(iter(orgs.values()))
        if not org.ref.known or org.form == MentionForm.ADJECTIVE or org.ref.kind in _NOT_LED:
            return
        subject = [self.resolver.mention_arg(person)]
        yield from self.emit(
            ROLE_NOUNS["leader"], subject, [self.resolver.mention_arg(org)], noun, "possessive-leader", 0.85
        )

    def _title_chain(self, title: Token) -> Iterator[Found]:
        """ "Presidents A of X and B of Y": each person leads the organisation after their name."""
        sense, pairs = title_chain(self.mentions, title)
        for person, organisation in pairs:
            yield from self.emit(
                sense,
                [self.resolver.mention_arg(person)],
                [self.resolver.mention_arg(organisation)],
                title,
                "title-chain",
                TITLE_CHAIN_FACTOR,
            )

    def _co_belligerents(self, attackers: list[Arg], trigger: Token) -> Iterator[Found]:
        """ "The forces of the US and the UK struck the Houthis": fighting side by side."""
        agents = [a for a in attackers if a.deferred is None and a.ref is not None]
        for left, right in combinations(agents, 2):
            yield from self.emit(_ALONGSIDE, [left], [right], trigger, "co-belligerents", 0.8)

    def emit(
        self,
        sense: Sense,
        subjects: list[Arg],
        objects: list[Arg],
        trigger: Token,
        construction: str,
        factor: float = 1.0,
        mood: Modality | None = None,
        nested: bool = False,
    ) -> Iterator[Found]:
        if not subjects or not objects:
            return
        mood = mood or modality(trigger)
        # "stopped arming X", "a former ally of X", "severed relations with X" (a sense that
        # says the relation ended, asserted): a claim that closes the relation
        ended = mood.reason == ENDED or (sense.ended and mood.asserted)
        if not mood.asserted and not ended:
            return
        if sense.ends is not None and mood.asserted:
            # "cut ties with X": the sanction, and the end of their cooperation (the rule
            # is the word's, as the sense it ends with)
            rule = _word_rule(trigger, sense)
            for found in self.emit(sense.ends, subjects, objects, trigger, construction, factor,
                                   mood, nested):
                found.rule = rule
                yield found
        if sense.reverse:
            subjects, objects = objects, subjects
        for subject in subjects:
            for obj in objects:
                if subject.key == obj.key or (subject.ref and obj.ref and subject.ref.id == obj.ref.id):
                    continue
                if not nested and subject.start < obj.end and obj.start < subject.end:
                    continue  # one phrase cannot be both sides
                if (
                    sense.type is RelationType.LEADS
                    and subject.ref
                    and subject.ref.kind is not ActorKind.PERSON
                ):
                    continue  # "the Saudi-led coalition": states lead nothing in the annotation sense
                if sense.type is RelationType.LEADS and (
                    _field_commander(trigger, obj) or _led_delegation(trigger)
                ):
                    continue
                if sense.type is RelationType.MEMBER_OF and sense.ended and not _a_body(obj):
                    continue  # "withdrew from Mali": a place left, no membership ended
                people = demonym_people(subject, self.doc) or demonym_people(obj, self.doc)
                if sense.type is not RelationType.LEADS and (people or one_side(subject, obj)):
                    continue  # "killed three Palestinians": people, not the state
                if sense.category in (PloverCategory.ASSAULT, PloverCategory.COERCE) and (
                    (obj.form == MentionForm.METONYM and trigger.lower_ not in _STATE_TARGET_NOUNS)
                    or (
                        obj.ref
                        and not obj.ref.known
                        and obj.ref.kind is ActorKind.OTHER
                        and obj.form == MentionForm.NER
                    )
                ):
                    continue  # "attacked Tripoli", "besieged El Fasher": the city, not an actor
                source = self._attribution(mood, subject, obj)
                confidence = sense.confidence * factor * mood.factor
                if source is not None:
                    confidence *= ATTRIBUTED_FACTOR
                yield Found(
                    sense.type,
                    sense.category,
                    subject,
                    obj,
                    trigger,
                    round(min(confidence, 0.99), 3),
                    mood.hedged,
                    construction,
                    _word_rule(trigger, sense),
                    sense.mode,
                    mood.disputed,
                    source,
                    ended,
                )

    def _attribution(self, mood: Modality, subject: Arg, obj: Arg) -> str | None:
        """Who the sentence says the relation on the word of, when that is a third party:
        not one of its actors ("Russia said it would keep arming X" is Russia's own word)
        and not a pronoun nobody resolved."""
        if mood.source is None:
            return None
        start, end = mood.source
        if any(start < arg.end and arg.start < end for arg in (subject, obj)):
            return None
        own = {arg.ref.id for arg in (subject, obj) if arg.ref is not None}
        named: str | None = None
        for token in self.doc[start:end]:
            mention = self.mentions.at(token)
            if mention is not None and mention.ref.id in own:
                return None
            if token.tag_ == "PRP":
                if mention is None:
                    return None
                named = mention.ref.name
        return named or self.doc[start:end].text

    # -- verbs ------------------------------------------------------------
    def subjects_of(self, verb: Token, depth: int = 0) -> list[Arg]:
        """Who does what a verb says: its subject, or the one it inherits."""
        if depth > 4:
            return []
        found: list[Arg] = []
        frame = self.frames[verb]
        subjects = frame.get(Role.AGENT, ACTIVE_SUBJECT)
        unsubjected = not subjects and not frame.get(Role.PATIENT, PASSIVE_SUBJECT)
        for child in subjects:
            if child.lower_ in SUPPORT_NOUNS and self._after_with(child) is not None:
                # "X, with support from Y, struck ...": the parser made "support" the subject
                found.extend(self._before_with(child))
                continue
            found.extend(self.resolver.resolve(child))
        if not found:
            for child in subjects:
                if child.tag_ == "NNS" and verb_lemma(child.lower_) in VERBS and dependents(child, "conj"):
                    # "Iran funds, arms, and trains Y", the first verbs read as a subject noun
                    found.extend(
                        self.resolver.mention_arg(m)
                        for c in dependents(child, "compound")
                        if (m := self.mentions.at(c)) is not None
                    )
        if not found and subjects and _elaborates(verb, subjects):
            # "U.S. forces will protect Americans. This includes partnering with X": the act
            # the sentence before states, done by that sentence's subject
            before = verb.sent.start - 1
            if before >= 0:
                found = self.subjects_of(self.tokens[before].sent.root, depth + 1)
        if not found and unsubjected:
            # "Egypt and Qatar are mediating ...", with the subject hung on the auxiliary
            for aux in dependents(verb, "aux"):
                held = self.frames[aux].get(Role.AGENT, ACTIVE_SUBJECT)
                found.extend(a for c in held for a in self.resolver.resolve(c))
        if not found and unsubjected:
            dep, head = verb.dep_, verb.head
            if dep == "conj" and verb.tag_ == "VB" and head.tag_ != "VB":
                # "enabling X to obtain A, evade B and fund C": a bare infinitive
                # conjoined to a participle belongs with the participle's infinitive.
                inner = [c for c in dependents(head, "xcomp") if c.tag_ == "VB" and c.i < verb.i]
                if inner:
                    head = inner[-1]
            if dep == "conj" and head.tag_ in ("NNS", "NN") and head.i < verb.i:
                found = self._misread_verb_subjects(head)  # "Iran funds, arms and trains Y"
            elif dep == "conj" and head.tag_.startswith("VB"):
                if is_passive(head) and not is_passive(verb):
                    found = self._agents(head)
                else:
                    found = self.subjects_of(head, depth + 1)
            elif (dep == "xcomp" and head.dep_ in ("acomp", "oprd") and head.tag_ == "JJ") or (
                dep == "xcomp" and head.dep_ == "acomp" and head.text == "-"
            ):
                # "The United States is proud to support ..."; "X and Y are co-hosting the
                # talks", the prefix and its hyphen read as an adjective complement
                found = self.subjects_of(head.head, depth + 1)
            elif dep == "xcomp":
                controllers = self.frames[head].get(Role.PATIENT, DIRECT_OBJECT)
                if not controllers and verb_lemma(head.lower_) == "call":
                    # "called on Iran to stop supporting Y": the one called on, not the caller
                    controllers = [
                        o
                        for p in dependents(head, "prep")
                        if p.lower_ in ("on", "upon")
                        for o in dependents(p, "pobj")
                    ]
                if _adjective_as_verb(head):
                    # "urge X, Y and allied armed groups to cease ...": "allied" is no verb
                    controllers = dependents(head.head, "dobj") + controllers
                if controllers:
                    found = self.resolver.resolve(controllers[0])
                    if not found and _sent_personnel(head, controllers[0]):
                        # "Iran dispatched advisers to help Hezbollah": the sender helps
                        found = self.subjects_of(head, depth + 1)
                elif is_passive(head):
                    held = self.frames[head].get(Role.PATIENT, PASSIVE_SUBJECT)
                    found = [a for c in held for a in self.resolver.resolve(c)]
                else:
                    found = self.subjects_of(head, depth + 1)
            elif dep == "pcomp" and head.dep_ in ("prep", "conj") and head.tag_ == "IN":
                governor = head.head
                for _ in range(2):  # "committed to X, and to supporting Y"
                    if governor.tag_ in ("IN", "TO") and governor.dep_ in ("conj", "prep"):
                        governor = governor.head
                if governor.tag_ == "JJ" and governor.dep_ in ("acomp", "oprd"):
                    # "The United States is committed to helping Ethiopia"
                    found = self.subjects_of(governor.head, depth + 1)
                elif (
                    governor.lower_ in _PART_NOUNS
                    and head.lower_ == "in"
                    and governor.tag_[:2] == "NN"
                    and verb_lemma(verb.lower_) not in MEDIATION_VERBS  # credited mediation reads those
                ):
                    # "Iran's role in arming the Houthis", "X played a part in arming Y"
                    found = [a for a in self.resolver.owner(governor) if a.ref is not None]
                    if not found and governor.dep_ == "dobj" and governor.head.lower_ in _PLAYED:
                        found = self.subjects_of(governor.head, depth + 1)
                elif governor.tag_.startswith("VB"):
                    if verb_lemma(governor.lower_) in _ACCUSING:
                        accused = sorted(
                            self.frames[governor].get(Role.PATIENT, DIRECT_OBJECT)
                            + self.frames[governor].get(Role.PATIENT, PASSIVE_SUBJECT),
                            key=lambda t: t.i,
                        )
                        found = [a for c in accused for a in self.resolver.resolve(c)]
                    elif head.lower_ in ("by", "after", "while", "before", "in", "to"):
                        found = self.subjects_of(governor, depth + 1)
            elif dep == "acl" and verb.tag_ == "VBG":
                found = self.resolver.resolve(head) or self._issuers(head)
            elif dep == "advcl" and verb.tag_ in ("VBG", "VBN") and not dependents(verb, "mark"):
                # "X welcomed the statement by Y on Monday, condemning Z": the participle hung
                # on the verb belongs to the text Y issued
                objects = self.frames[head].get(Role.PATIENT, DIRECT_OBJECT)
                # "X, as well as the statement"
                objects += [c for o in objects for c in dependents(o, "conj")]
                texts = [c for c in objects if c.lower_ in _ISSUED_NOUNS and c.i < verb.i]
                found = (self._issuers(texts[0]) if texts else []) or self.subjects_of(head, depth + 1)
            elif (
                dep == "advcl"
                and verb.tag_ == "VB"
                and any(c.lower_ == "to" for c in dependents(verb, "aux"))
            ):
                # purpose clause: "X deployed ships to protect Y" (X protects Y)
                found = self.subjects_of(head, depth + 1)
        for partner in self.resolver.partners(verb):
            found.extend(self.resolver.resolve(partner))
        return found

    def _misread_verb_subjects(self, noun: Token) -> list[Arg]:
        """ "Iran funds, arms and trains the Houthis": the parser read the first verbs as nouns
        ("Iran funds", "arms") and left the last one without a subject. When every earlier
        conjunct is a verb of the lexicon and the first heads the sentence, the actor named
        before it is the subject."""
        first = noun
        chain = [noun]
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
            chain.append(first)
        if first.dep_ != "ROOT" or any(verb_lemma(t.lower_) not in VERBS for t in chain):
            return []
        if any(t.tag_.startswith("VB") for t in self.tokens[first.sent.start : first.i]):
            return []
        named = [
            self.resolver.mention_arg(m)
            for c in first.children
            if c.dep_ in ("compound", "nsubj", "nmod", "amod", "poss")
            and c.i < first.i
            and (m := self.mentions.at(c)) is not None
        ]
        return named if len(named) == 1 else []

    def _issuers(self, noun: Token) -> list[Arg]:
        """ "a statement by the UN Security Council condemning X": who issued the text."""
        if noun.lower_ not in _ISSUED_NOUNS:
            return []
        found = self._prep_args(noun, ("by", "from", "of"))
        if not found and noun.dep_ == "dobj" and verb_lemma(noun.head.lower_) in _ISSUING_VERBS:
            found = self.subjects_of(noun.head)  # "X issued a statement condemning Y", not "X rejected ..."
        found += [
            self.resolver.mention_arg(m)
            for c in noun.children
            if c.dep_ in ("poss", "compound", "nmod") and (m := self.mentions.at(c)) is not None
        ]
        return found

    def _prep_args(self, token: Token, preps: Collection[str]) -> list[Arg]:
        """The actors named by the objects of the prepositions ``preps`` on ``token`` (its frame's
        prepositional objects): "efforts by Qatar" -> Qatar."""
        return [a for t in self.frames[token].prep_objects(preps) for a in self.resolver.resolve(t)]

    def _by_agents(self, verb: Token) -> list[Token]:
        """The objects of "by" on the verb (its frame's by-agents and any other "by")."""
        return self.frames[verb].prep_objects(("by",))

    def _agents(self, verb: Token) -> list[Arg]:
        found = [a for t in self._by_agents(verb) for a in self.resolver.resolve(t)]
        if not found and verb.tag_ == "VBN":
            # "armed and trained by Rwanda": the agent of the last participle is shared
            for conj in dependents(verb, "conj"):
                if conj.tag_ == "VBN" and not self._subjected(conj):
                    found = [a for t in self._by_agents(conj) for a in self.resolver.resolve(t)]
                    break
        if not found:
            sense = VERBS.get(verb_lemma(verb.lower_))
            if sense is not None and sense.category == PloverCategory.ASSAULT:
                # "struck by Hezbollah rockets": whoever the weapons belong to
                found = [
                    a
                    for t in self._by_agents(verb)
                    if t.lower_ in PROJECTILE_NOUNS
                    for a in self.resolver.owner(t)
                    if a.deferred is None
                ]
        return found

    def _subjected(self, verb: Token) -> bool:
        """Whether the verb has a subject of its own, active or passive."""
        frame = self.frames[verb]
        return bool(frame.get(Role.AGENT, ACTIVE_SUBJECT) or frame.get(Role.PATIENT, PASSIVE_SUBJECT))

    def read_verb(self, verb: Token) -> Iterator[Found]:
        lemma = verb_lemma(verb.lower_)
        frame = self.frames[verb]
        direct_objects = frame.get(Role.PATIENT, DIRECT_OBJECT)
        # Looked for only after "hold": every verb pays for the checks before its trigger's.
        accountable = [c for c in verb.children if c.lower_ in _ANSWERABLE] + [
            c for o in direct_objects for c in o.children if c.lower_ in _ANSWERABLE
        ] if verb.lower_ in _HOLD_FORMS else []
        if accountable and _blameworthy(self.frames[accountable[0]]):
            # "hold X accountable", "held X responsible for the attack" (X may be parsed as the
            # subject of the adjective, or the adjective as a modifier of X)
            held = direct_objects + dependents(accountable[0], "nsubj")
            objects = [a for c in held for a in self.resolver.resolve(c)]
            yield from self.emit(_ACCOUNTABLE, self.subjects_of(verb), objects, verb, "accountable")
            return
        if lemma == "blame":
            blamed = self._blamed_on(verb)
            if blamed:
                # "X blamed the attack on Y", "the attack, which X blamed on Y"
                yield from self.emit(VERBS["blame"], self.subjects_of(verb), blamed, verb, "blamed-on")
                return
        alongside = frame.prep_objects(("alongside",)) if lemma in _ALONGSIDE_VERBS else []
        if alongside:
            partners = [a for t in alongside for a in self.resolver.resolve(t)]
            subjects = self.resolver.resolve(verb.head) if verb.dep_ == "acl" else self.subjects_of(verb)
            yield from self.emit(_ALONGSIDE, subjects, partners, verb, "alongside")
        if lemma in _PROXY_VERBS:
            yield from self._on_behalf(verb, lemma)
        if lemma in FIRING_VERBS or lemma in EXCHANGE_VERBS or lemma == "join":
            yield from self._fired_at(verb, lemma)
        if lemma not in _TRIGGER_HEADS:
            return
        for sense, phrase, converted in _verb_senses(verb, lemma):
            found = False
            for item in self._read_sense(verb, lemma, sense, phrase, converted):
                found = True
                yield item
            if found:
                return  # the first sense that reads the clause; else the next ("warned Y of")

    def _read_sense(
        self, verb: Token, lemma: str, sense: Sense, phrase: tuple[Token, ...], converted: bool
    ) -> Iterator[Found]:
        if lemma == "rule" and dependents(verb, "prt") and not phrase:
            return  # "ruled out X" is no rule over X
        if sense.type is RelationType.COOPERATES and sense.category == PloverCategory.COOPERATE:
            # "cooperated to implement the ceasefire": an event between the parties
            event = event_category(verb)
            if event is not None:
                sense = replace(sense, category=event)
        if verb.dep_ in ("amod", "compound") and verb.i > 0 and self.doc[verb.i - 1].text == "-":
            return  # "Iran-backed": the compound construction reads it
        if verb.dep_ == "amod" and not self._by_agents(verb):
            return  # "armed groups", "allied forces": an adjective, not an event
        frame = self.frames[verb]
        direct_objects = frame.get(Role.PATIENT, DIRECT_OBJECT)
        passive_subjects = frame.get(Role.PATIENT, PASSIVE_SUBJECT)
        prep_objects = frame.prep_objects(sense.preps) if sense.preps else []
        if phrase:
            # "cut ties with Y", "came to the aid of Y": the PP may hang on a word of the phrase
            prep_objects = [
                t
                for at in (verb, *phrase)
                for t in (self.frames[at].prep_objects(sense.preps) if sense.preps else [])
                if t not in phrase
            ]
        if not prep_objects and sense.preps and not sense.direct:
            # "seized the town of Sake from Congolese forces": the PP hangs off the object
            prep_objects = [t for o in direct_objects for t in self.frames[o].prep_objects(sense.preps)]
        if lemma == "stand":
            prep_objects = [t for t in prep_objects if t.lower_ not in _SIDE_NOUNS]  # "by side"
        if not prep_objects and sense.preps and lemma == "stand":
            # "stands shoulder to shoulder with Y", "side by side with Y": the PP on the body noun
            near = [o for c in verb.children for o in (c, *dependents(c, "pobj")) if o.lower_ in _SIDE_NOUNS]
            prep_objects = [
                t for o in near for x in (o, *o.children) for t in self.frames[x].prep_objects(sense.preps)
            ]
        if sense.type is RelationType.MEDIATES and not prep_objects:
            return  # "brokered a ceasefire": the talks construction finds the parties
        if converted and is_passive(verb):
            return  # precision first: the CAMEO triggers read active clauses only
        if prep_objects and not (is_passive(verb) and lemma != "ally" and sense.direct):
            # "sided with", "countries allied with", "clashed with", "mediate between"
            if verb.dep_ in ("acl", "amod") and not frame.get(Role.AGENT, ACTIVE_SUBJECT):
                subjects = self.resolver.resolve(verb.head)
            elif is_passive(verb):
                subjects = [a for c in passive_subjects for a in self.resolver.resolve(c)]
            else:
                subjects = self.subjects_of(verb)
            objects = [a for t in prep_objects for a in self.resolver.resolve(t)]
            if "between" in sense.preps and len(objects) >= 2:
                yield from self.emit(sense, subjects, objects, verb, "verb-between")
                return
            yield from self.emit(sense, subjects, objects, verb, "verb-prep")
            return
        fronted = (
            verb.tag_ == "VBN"
            and verb.dep_ == "advcl"
            and not frame.get(Role.AGENT, ACTIVE_SUBJECT)
            and not dependents(verb, "mark")
        )
        # "the M23, armed and trained by Rwanda,", "who are funded and trained by Iran": a
        # participle conjoined to a participle shares its patient
        paired = (
            verb.tag_ == "VBN"
            and verb.dep_ == "conj"
            and not self._subjected(verb)
            and not direct_objects
            and (verb.head.dep_ in ("acl", "amod", "acomp") or is_passive(verb.head))
            and bool(self._agents(verb))
        )
        if is_passive(verb) or (verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")) or fronted or paired:
            if converted:
                return  # precision first: the CAMEO triggers read active clauses only
            subjects = self._agents(verb)
            if paired and verb.head.dep_ in ("acl", "amod"):
                objects = self.resolver.resolve(verb.head.head)
                construction = "participle"
            elif paired and verb.head.dep_ == "acomp":
                # "who are armed and trained by Rwanda", "armed" read as an adjective
                held = self.frames[verb.head.head].get(Role.AGENT, ACTIVE_SUBJECT)
                objects = [a for c in held for a in self.resolver.resolve(c)]
                construction = "passive"
            elif verb.dep_ in ("acl", "amod"):
                # "the leaders designated by OFAC include X and Y": the ones the subject lists
                objects = self.resolver.included(verb.head) or self.resolver.resolve(verb.head)
                if not objects and verb.head.dep_ == "appos":
                    objects = self.resolver.resolve(verb.head.head)  # "Al Qaeda, the network headed by X"
                construction = "participle"
            elif fronted and not is_passive(verb):
                # "Backed by Turkey, the GNA repelled ...": the participle describes the subject
                objects = self.subjects_of(verb.head) if verb.head.tag_.startswith("VB") else []
                construction = "participle"
            else:
                objects = [a for c in passive_subjects for a in self.resolver.resolve(c)]
                construction = "passive"
            if not objects and verb.dep_ == "conj":
                held = self.frames[verb.head].get(Role.PATIENT, PASSIVE_SUBJECT)
                objects = [a for c in held for a in self.resolver.resolve(c)]
            yield from self.emit(sense, subjects, objects, verb, construction)
            return
        if not sense.direct:
            if sense.type.symmetric and not prep_objects and not phrase and lemma in VERBS:
                # "X and Y clashed"
                agents = [a for a in self.subjects_of(verb) if a.deferred is None]
                for left, right in combinations(agents, 2):
                    yield from self.emit(sense, [left], [right], verb, "symmetric")
            return
        objects_tokens = direct_objects
        if not objects_tokens:
            # "arms and trains the LNA": the object sits on the last conjunct.
            for conj in dependents(verb, "conj"):
                if conj.tag_.startswith("VB"):
                    objects_tokens = self.frames[conj].get(Role.PATIENT, DIRECT_OBJECT)
                    if objects_tokens:
                        break
        if any(
            t.lower_ in _RECIPROCALS and any(d.lower_ in ("each", "one") for d in t.children)
            for t in objects_tokens
        ) or any(
            t.lower_ == "another" and t.i > 0 and self.doc[t.i - 1].lower_ == "one" for t in objects_tokens
        ):
            # "X and Y accused each other": every pair of the subjects
            agents = [a for a in self.subjects_of(verb) if a.deferred is None]
            for left, right in combinations(agents, 2):
                yield from self.emit(sense, [left], [right], verb, "reciprocal")
                if not sense.type.symmetric:
                    yield from self.emit(sense, [right], [left], verb, "reciprocal")
            return
        objects = [a for t in objects_tokens for a in self.resolver.resolve(t)]
        if not objects and sense.type is RelationType.COOPERATES:
            # "X welcomed Y's commitment to a ceasefire": approval of Y's act
            objects = [a for t in objects_tokens for a in self._approved(t)]
        if not objects and (sense.category in _CONDEMNING or lemma in _REPELLING):
            # "condemned the attacks by the RSF", "denounced Russia's invasion": the doer
            objects = [a for t in objects_tokens for a in self._event_doers(t)]
        if not objects and sense.category == PloverCategory.AID:
            # "help Ethiopia address the crisis": the helped one is the clause's subject
            for clause in dependents(verb, "ccomp", "xcomp"):
                held = self.frames[clause].get(Role.AGENT, ACTIVE_SUBJECT)
                objects.extend(a for c in held for a in self.resolver.resolve(c))
        if not objects and sense.category == PloverCategory.SANCTION and not converted:
            # "labels the YPG a terrorist group", "considers Hezbollah a terrorist organization":
            # the designee of a small clause, the dative or the subject of the predicate noun
            designees = dependents(verb, "dative") + [
                s for c in dependents(verb, "ccomp", "oprd", "xcomp") if c.tag_.startswith("NN")
                for s in dependents(c, "nsubj")
            ]
            objects = [a for t in designees for a in self.resolver.resolve(t)]
        hits_owner = sense.category in (PloverCategory.ASSAULT, PloverCategory.SANCTION)
        if not objects and hits_owner and not converted:
            # "struck Hezbollah positions", "sanctioned five RSF commanders": the owner
            objects = [a for t in objects_tokens for a in self.resolver.target_owner(t)]
        if not objects and sense.category == PloverCategory.AID:
            # "supplied millions of shells to Russia": the recipient after "to"
            objects = [
                a
                for t in frame.prep_objects(("to",))
                + [p for o in objects_tokens for p in self.frames[o].prep_objects(("to",))]
                for a in self.resolver.resolve(t)
            ]
        if not objects:
            return
        construction = "relative" if verb.dep_ == "relcl" else "active"
        subjects = self.subjects_of(verb)
        if not subjects and sense.category == PloverCategory.ASSAULT and not converted:
            # "Israeli strikes killed dozens of Hamas fighters": whoever made the strikes
            subjects = [a for t in frame.get(Role.AGENT, ACTIVE_SUBJECT) for a in self._event_doers(t)]
        if lemma == "hit":
            # storms and shells hit places too; a named person rarely "hits" an actor
            subjects = [a for a in subjects if a.ref is None or a.ref.kind is not ActorKind.PERSON]
        yield from self.emit(sense, subjects, objects, verb, construction)
        if sense.category == PloverCategory.ASSAULT and not sense.type.symmetric and len(subjects) > 1:
            yield from self._co_belligerents(subjects, verb)

    def _blamed_on(self, verb: Token) -> list[Arg]:
        """Whom a deed is blamed on: the last "on" phrase of the verb or of its object (an earlier
        one names the deed's target: "blamed the attack on the embassy on Y")."""
        frame = self.frames[verb]
        blamed = frame.get(Role.PATIENT, DIRECT_OBJECT)
        if any(a for o in blamed for a in self.resolver.resolve(o)):
            return []  # "blamed Y for the attack": the active construction
        ons = frame.prep_objects(("on", "upon")) + [
            t for o in blamed for t in self.frames[o].prep_objects(("on", "upon"))
        ]
        if not ons:
            return []
        return self.resolver.resolve(max(ons, key=lambda t: t.i))

    def _fired_at(self, verb: Token, lemma: str) -> Iterator[Found]:
        """ "X fired rockets at Y", "X and Y traded strikes", "X joined forces with Y"."""
        frame = self.frames[verb]
        objects = frame.get(Role.PATIENT, DIRECT_OBJECT)
        if lemma == "join":
            if any(o.lower_ == "forces" for o in objects):
                partners = frame.prep_objects(("with",)) + [
                    t for o in objects for t in self.frames[o].prep_objects(("with",))
                ]
                allies = [a for t in partners for a in self.resolver.resolve(t)]
                yield from self.emit(_JOINED, self.subjects_of(verb), allies, verb, "joined-forces")
            return
        nouns = [_through_quantity(o) for o in objects]
        nouns += [p for o in objects for p in self.frames[o].prep_objects(("of",))]
        if lemma in EXCHANGE_VERBS:
            if not any(n.lower_ in EXCHANGED_NOUNS for n in nouns):
                return
            agents = [a for a in self.subjects_of(verb) if a.deferred is None]
            others = [a for t in frame.prep_objects(("with",)) for a in self.resolver.resolve(t)]
            if others:
                yield from self.emit(_FIRED, agents, others, verb, "exchange")
                return
            for left, right in combinations(agents, 2):
                yield from self.emit(_FIRED, [left], [right], verb, "exchange")
            return
        if not any(n.lower_ in PROJECTILE_NOUNS for n in nouns):
            return
        aimed = frame.prep_objects(_AIMED) + [t for o in objects for t in self.frames[o].prep_objects(_AIMED)]
        targets = [a for t in aimed for a in self.resolver.resolve(t) or self.resolver.target_owner(t)]
        yield from self.emit(_FIRED, self.subjects_of(verb), targets, verb, "fired-at", 0.95)

    def _event_doers(self, noun: Token) -> list[Arg]:
        """Who did what an attack or crime noun names: "Russia's invasion", "attacks by the RSF",
        "the Israeli strikes"."""
        lower = noun.lower_
        if weapon_transfer(self, noun) or weapon_use(self, noun) is not None:
            lower = "actions"  # "condemned the DPRK's transfer of munitions": the maker
        elif (lower not in ATTACK_NOUNS and lower not in _CRIME_EVENTS) or lower in COST_NOUNS:
            return []
        found = [
            self.resolver.mention_arg(m)
            for c in noun.children
            if c.dep_ in ("poss", "compound", "nmod", "amod") and (m := self.mentions.at(c)) is not None
        ]
        preps = ("by", "from", "of") if lower in CONDUCT_NOUNS else ("by", "from")
        found += self._prep_args(noun, preps)
        return [a for a in found
                if a.form != MentionForm.METONYM or a.ref is None or a.ref.kind is not ActorKind.STATE]

    def _on_behalf(self, verb: Token, lemma: str) -> Iterator[Found]:
        """ "X fought on behalf of Y", "X operates on behalf of Y", "X fights for Y": X supports Y."""
        principals: list[Arg] = []
        for on in (p for p in verb.children if p.dep_ == "prep" and p.lower_ == "on"):
            for behalf in (b for b in on.children if b.dep_ == "pobj" and b.lower_ == "behalf"):
                principals += self._prep_args(behalf, ("of",))
        if lemma in ("fight", "battle") and not principals:
            principals = [
                a
                for t in self.frames[verb].get(Role.BENEFICIARY)  # "fights for Y"
                for a in self.resolver.resolve(t)
                if a.form not in (MentionForm.METONYM, MentionForm.ADJECTIVE)
            ]
        if not principals:
            return
        subjects = self.resolver.resolve(verb.head) if verb.dep_ == "relcl" else self.subjects_of(verb)
        if verb.dep_ == "relcl" and not subjects:
            subjects = self.subjects_of(verb)
        yield from self.emit(_ON_BEHALF, subjects, principals, verb, "on-behalf", 0.9)

    # -- role nouns -------------------------------------------------------
    def _holders(self, noun: Token, *, titled: bool = True) -> list[Arg]:
        """Who holds a role: copula subject, apposition, or the titled person.

        ``titled`` is false for stances ("supporters of the Hamas leader Yassin"), whose
        "of" object is the one supported, never the holder.
        """
        dep, head = noun.dep_, noun.head
        if dep in ("attr", "acomp") and head.tag_.startswith("VB"):
            return self.subjects_of(head)
        if dep == "pobj" and head.lower_ in ("among", "of") and head.head.tag_.startswith("VB"):
            return self.subjects_of(head.head)
        if dep == "pobj" and head.lower_ == "of" and head.head.dep_ == "attr":
            return self.subjects_of(head.head.head)  # "X is one of the backers of Y"
        if dep == "pobj" and head.lower_ == "as" and head.head.tag_.startswith("VB"):
            return self.subjects_of(head.head)
        if dep == "oprd" and head.lower_ in _INSTALLING:
            # "X, who was elected leader of Y", "Y named X commander"
            named = dependents(head, "nsubjpass") if is_passive(head) else dependents(head, "dobj")
            return [a for c in named for a in self.resolver.resolve(c)]
        appositions = [a for c in dependents(noun, "appos") for a in self.resolver.resolve(c)]
        if appositions:
            return appositions
        if dep == "conj" and any(c.lower_ == "other" for c in noun.children):
            # "France and our other allies": France is one of them
            first = head
            while first.dep_ == "conj" and first.head is not first:
                first = first.head
            siblings = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.i < noun.i)]
            return [self.resolver.mention_arg(m) for t in siblings if (m := self.mentions.at(t)) is not None]
        for obj in self.frames[noun].prep_objects(("of",)) if titled else []:
            # "President of the United States Joe Biden": the name hangs off the country
            for child in dependents(obj, "appos"):
                mention = self.mentions.at(child)
                if mention is not None and mention.ref.kind is ActorKind.PERSON:
                    return [self.resolver.mention_arg(mention)]
        if dep == "appos":
            mention = self.mentions.at(head)
            if mention is not None:
                return [self.resolver.mention_arg(mention)]
        if dep == "compound":
            mention = self.mentions.at(head)
            if mention is not None and mention.ref.kind is ActorKind.PERSON:
                return [self.resolver.mention_arg(mention)]
        return []

    def _role_noun(self, noun: Token, sense: Sense) -> Iterator[Found]:
        if negated_word(noun) and (sense.type is RelationType.LEADS or not ended_word(noun)):
            return  # "no ally"; a "former ally" is read as a relation that ended (modality)
        if sense.type is RelationType.LEADS and any(
            t.lower_ in _TITLE_BLOCKERS for t in self.doc[noun.left_edge.i : noun.i]
        ):
            return  # deputies, former and late leaders do not lead
        preps = [p for p in sense.preps if p != "between"]
        objects = self._prep_args(noun, tuple(preps))
        between = self._prep_args(noun, ("between",))
        if sense.type is RelationType.MEDIATES:
            yield from self._mediator_noun(noun, sense, objects + between)
            return
        # "Hamas (an Iranian ally)", "Hezbollah, an Iranian proxy,": apposed to a name, the
        # role noun's nationality is the other side, not the holder's own
        apposed = noun.dep_ == "appos" and self.mentions.at(noun.head) is not None
        modifiers = self._modifier_mentions(
            noun, allow_adjective=sense.type is RelationType.LEADS or apposed
        )
        if sense.type is not RelationType.LEADS and any(c.dep_ == "poss" for c in noun.children):
            # "Turkey's NATO allies", "our NATO ally Poland": the organisation classes the allies
            modifiers = [m for m in modifiers if m.ref is None or m.ref.kind is not ActorKind.IGO]
        if not modifiers and sense.type is RelationType.LEADS:
            modifiers = self._army_modifier(noun)  # "Burhan, the army chief,"
        holders = self._holders(noun, titled=sense.type is RelationType.LEADS)
        if not holders and not objects and sense.type is not RelationType.LEADS:
            holders = self._stance_holders(noun)  # "Hezbollah's Iranian backers"
        if not objects:
            objects = [m for m in modifiers if not any(h.key == m.key for h in holders)]
        if not objects and sense.type.symmetric and len(holders) >= 2 and noun.tag_ == "NNS":
            # "Russia and Syria are allies"
            for left, right in combinations(holders, 2):
                yield from self.emit(sense, [left], [right], noun, "copula-plural")
            return
        yield from self.emit(sense, holders, objects, noun, "role-noun", 0.95)

    def _modifier_mentions(self, noun: Token, *, allow_adjective: bool) -> list[Arg]:
        found = []
        for child in noun.children:
            if child.dep_ not in ("poss", "compound", "nmod", "amod"):
                continue
            if child.dep_ == "poss" and child.lower_ == "whose":
                found.extend(self._whose(noun))  # "Hezbollah, whose leader X said ..."
                continue
            mention = self.mentions.at(child)
            if mention is None:
                continue
            if child.dep_ == "amod" and not allow_adjective:
                continue
            found.append(self.resolver.mention_arg(mention))
        return found

    def _stance_holders(self, noun: Token) -> list[Arg]:
        """ "Hezbollah's Iranian backers", "Iran's Houthi allies": with an owner named by a
        possessive, a nationality or a name before the role noun names who holds the role."""
        owners = [m for c in noun.children if c.dep_ == "poss" and (m := self.mentions.at(c)) is not None]
        if not owners:
            return []
        return [
            self.resolver.mention_arg(m)
            for c in noun.children
            if (c.dep_ == "compound" or (c.dep_ == "amod" and c.tag_ == "JJ"))
            and (m := self.mentions.at(c)) is not None
            and m is not owners[0]
            and m.end <= noun.i  # "our NATO Allies" is one name, not NATO holding a role
            and (c.dep_ == "compound" or m.form == MentionForm.ADJECTIVE)
            and m.ref.kind is not ActorKind.IGO  # "Turkey's NATO allies": NATO classes them
        ]

    def _whose(self, noun: Token) -> list[Arg]:
        """The antecedent of "whose" in the relative clause the noun belongs to."""
        node = noun
        for _ in range(3):
            if node.dep_ == "relcl":
                return self.resolver.resolve(node.head)
            if node.head is node:
                break
            node = node.head
        return []

    def _army_modifier(self, noun: Token) -> list[Arg]:
        """ "the army chief": the army the article named, when it is a force of its own
        (a chief of the army leads the army, not the state)."""
        return [
            arg
            for child in noun.children
            if child.dep_ == "compound" and child.lower_ in ARMY_WORDS and self.mentions.at(child) is None
            for arg in self.resolver.army(child)
            if arg.ref is not None and arg.ref.kind is ActorKind.ARMED_GROUP
        ]

    def _mediator_noun(self, noun: Token, sense: Sense, parties: list[Arg]) -> Iterator[Found]:
        organisations = [
            self._specific(arg)
            for arg in self._modifier_mentions(noun, allow_adjective=True)
            if arg.ref is not None and arg.ref.kind is not ActorKind.PERSON
        ]
        holders = organisations or self._holders(noun)
        factor = 0.95
        if not parties:
            # "A UN mediator reports progress after talks involving the parties"
            clause = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else None
            if clause is not None:
                for token in clause.subtree:
                    if token.lower_ in TALK_NOUNS and token.tag_.startswith("NN"):
                        parties = self._participants(token)
                        if parties:
                            break
            factor = 0.7
        yield from self.emit(sense, holders, parties, noun, "mediator-noun", factor)

    def _specific(self, arg: Arg) -> Arg:
        """ "UN mediator" in a story about UNSMIL: the UN body the story names."""
        if arg.ref is None:
            return arg
        children = {e.id for e in self.gazetteer.children_of(arg.ref.id)}
        if not children:
            return arg
        named = {m.ref.id: m for m in self.mentions.mentions if m.ref.id in children}
        if len(named) == 1:
            (mention,) = named.values()
            return Arg(mention.ref, arg.text, arg.start, arg.end, factor=arg.factor * 0.9)
        return arg

    def _title(self, title: Token) -> Iterator[Found]:
        """ "LNA commander Khalifa Haftar", "Rwandan President Kagame"."""
        words = [title]
        if title.lower_ in ("minister", "general"):  # "Prime Minister X", "NATO Secretary General X"
            pair = [c for c in title.children if c.dep_ in ("compound", "amod")]
            if not any((c.lower_, title.lower_) in TITLE_PAIRS for c in pair):
                return
            words.extend(pair)
        person_token = title.head
        while person_token.dep_ == "compound" and self.mentions.at(person_token) is None:
            person_token = person_token.head
        person = self.mentions.at(person_token)
        if person is None or person.ref.kind is not ActorKind.PERSON:
            return
        organisations: list[Mention] = []
        if any(t.lower_ in _TITLE_BLOCKERS for t in self.doc[title.left_edge.i : title.i]):
            return  # "LNA Deputy Commander Saddam Haftar"
        for word in words:
            for child in word.children:
                if child.lower_ in _TITLE_BLOCKERS:
                    return
                if child.dep_ in ("compound", "amod", "poss", "nmod"):
                    mention = self.mentions.at(child)
                    if mention is not None and _leadable(mention):
                        organisations.append(mention)
                    elif mention is None and child.lower_ in ARMY_WORDS and child.dep_ == "compound":
                        # "Army chief X": the army the article named
                        army = self.resolver.antecedents.army(child)
                        if army is not None and army.ref.kind is ActorKind.ARMED_GROUP:
                            organisations.append(army)
        if not organisations:
            for obj in self.frames[person_token].prep_objects(("of",)):
                mention = self.mentions.at(obj)
                if mention is not None and _leadable(mention):
                    organisations.append(mention)
        if not organisations:
            # "President Felix Tshisekedi of the DRC", whatever the parse made of "of"
            following = self._after_of(person.end)
            if following is not None and _leadable(following):
                organisations.append(following)
        sense = ROLE_NOUNS.get(noun_lemma(title.lower_)) or ROLE_NOUNS["leader"]
        yield from self.emit(
            sense,
            [self.resolver.mention_arg(person)],
            [self.resolver.mention_arg(m) for m in organisations],
            title,
            "title",
            0.9,
        )

    def _after_of(self, position: int) -> Mention | None:
        """The mention in "of (the) <mention>" starting at token ``position``."""
        tokens = self.tokens
        if position + 1 >= len(tokens) or tokens[position].lower_ != "of":
            return None
        position += 1
        if tokens[position].lower_ == "the" and position + 1 < len(tokens):
            position += 1
        mention = self.mentions.at(tokens[position])
        return mention if mention is not None and mention.start == position else None

    # -- events with "between" ---------------------------------------------
    def between(self, noun: Token) -> list[Arg]:
        """Actors named by "between X and Y" on the noun or on the clause it heads."""
        places = [noun, *(c for c in noun.children if c.dep_ == "acl"), *halted_activity(noun)]
        if noun.dep_ in ("nsubj", "nsubjpass"):
            places.append(noun.head)
            places.extend(c for c in noun.head.children if c.dep_ in ("acomp", "attr", "advcl"))
        for place in places:
            for obj in self.frames[place].prep_objects(("between",)):
                found = self.resolver.resolve(obj)
                if len(found) >= 2:
                    return found
                found = self._listed_after(obj.head)
                if len(found) >= 2:
                    return found
        return []

    def _listed_after(self, prep: Token) -> list[Arg]:
        """ "between the Government of X and Y", read off the surface when the parse
        folded the pair into one phrase: the actors named up to the phrase's end."""
        found: dict[str, Arg] = {}
        joined = False
        for token in self.tokens[prep.i + 1 : min(prep.i + 16, prep.sent.end)]:
            if token.tag_.startswith("VB") or (token.is_punct and token.text not in ("(", ")", "/", "-")):
                break
            if token.lower_ in ("and", "&"):
                joined = True
            mention = self.mentions.at(token)
            if mention is not None and mention.start == token.i and mention.form != MentionForm.METONYM:
                found.setdefault(mention.ref.id, self.resolver.mention_arg(mention, 0.9))
        return list(found.values()) if joined else []

    def _hostile_between(self, noun: Token) -> Iterator[Found]:
        sides = [a for a in self.between(noun) if a.deferred != PARTIES]
        if len(sides) < 2 or negated_word(noun):
            return
        sense = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.8)
        mood = modality(noun)
        for left, right in combinations(sides, 2):
            yield from self.emit(sense, [left], [right], noun, "between", mood=mood)

    def _participants(self, noun: Token) -> list[Arg]:
        found = self.between(noun)
        if found:
            return found
        for child in noun.children:
            if child.lower_ in _PARTICIPANT_PREPS:
                targets = [c for c in child.children if c.dep_ in ("pobj", "dobj")]
                for target in targets:
                    found.extend(self.resolver.resolve(target))
                if not found and child.tag_.startswith("VB"):
                    # "talks involving leaders from X": X hangs off the participle
                    for target in self.frames[child].prep_objects(("from", "of")):
                        found.extend(self.resolver.resolve(target))
        return found

    def _talks(self, noun: Token) -> Iterator[Found]:
        """Talks, ceasefires and deals with a mediator: the mediator MEDIATES each party."""
        mediators: list[Arg] = []
        head = noun.head
        if noun.dep_ == "dobj" and verb_lemma(head.lower_) in MEDIATION_VERBS:
            mediators = self.subjects_of(head)
        elif noun.dep_ == "nsubjpass" and verb_lemma(head.lower_) in MEDIATION_VERBS:
            mediators = self._agents(head)
        elif (
            noun.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.lower_ in _DEAL_STAGES
            and head.head.dep_ == "dobj"
            and verb_lemma(head.head.head.lower_) in MEDIATION_VERBS
        ):
            mediators = self.subjects_of(head.head.head)  # "X facilitated the signing of the deal"
        for child in noun.children:
            if child.dep_ in ("acl", "amod") and verb_lemma(child.lower_) in MEDIATION_VERBS:
                agents = self._agents(child)
                if not agents and child.dep_ == "amod":
                    # "President Trump secured peace between ...", parsed as a modifier
                    agents = [
                        self.resolver.mention_arg(m)
                        for c in noun.children
                        if c.dep_ in ("nmod", "poss") and (m := self.mentions.at(c))
                    ]
                if not agents and child.dep_ == "amod" and child.tag_ in ("VBD", "VBZ"):
                    # "Turkey hosted talks between ...", with the subject hung on the verb
                    agents = [
                        a for c in dependents(child, "npadvmod", "nsubj") for a in self.resolver.resolve(c)
                    ]
                if not agents and child.dep_ == "amod" and child.tag_ == "VBG" and noun.dep_ == "attr":
                    # "X and Y are co-hosting talks between ...", the progressive read as a
                    # modifier of the copula's complement
                    agents = self.subjects_of(noun.head)
                mediators.extend(agents)
            if noun.lower_ == "mediation" and child.dep_ in ("poss", "compound"):
                mention = self.mentions.at(child)
                if mention is not None:
                    mediators.append(self.resolver.mention_arg(mention))
                elif child.lower_ == "their":
                    mediators.extend(self.resolver.owner(noun))  # "thanked X and Y for their mediation"
            if child.dep_ == "prep" and child.lower_ == "under":
                for auspices in child.children:
                    for obj in self.frames[auspices].prep_objects(("of",)):
                        mediators.extend(self.resolver.resolve(obj))
        mediators.extend(self._relative_mediators(noun))
        if noun.dep_ == "nsubjpass":
            for under in (p for p in head.children if p.dep_ == "prep" and p.lower_ == "under"):
                # "talks ... were held under the auspices of X"
                for auspices in (a for a in under.children if a.lower_ in ("auspices", "aegis", "mediation")):
                    mediators.extend(self._prep_args(auspices, ("of",)))
        if not mediators:
            return
        parties = self._participants(noun) or self._accepting_parties(noun)
        sense = Sense(RelationType.MEDIATES, PloverCategory.MEDIATE, confidence=0.8)
        yield from self.emit(sense, mediators, parties, noun, "talks")

    def _relative_mediators(self, noun: Token) -> list[Arg]:
        """ "the agreement ..., which it helped broker", "talks that Qatar hosted": the subject
        of a mediation verb whose object is the relative pronoun."""
        found: list[Arg] = []
        # the parser hangs the clause on the noun or on the last party ("between A and B, which")
        holders = [noun] + [t for p in dependents(noun, "prep") if p.lower_ == "between" for t in p.subtree]
        for clause in (c for h in holders for c in h.children if c.dep_ == "relcl"):
            if not any(o.dep_ == "dobj" and (o.tag_ == "WDT" or o.lower_ == "that") for o in clause.subtree):
                continue
            for verb in (clause, *(x for x in clause.children if x.dep_ == "xcomp")):
                if verb_lemma(verb.lower_) in MEDIATION_VERBS and modality(verb).asserted:
                    found.extend(self.subjects_of(clause))  # "which it helped broker": who helped
        return found

    def _accepting_parties(self, noun: Token) -> list[Arg]:
        """ "X and Y agreed to / accepted / signed a ceasefire mediated by Z": X and Y are the parties."""
        node = noun
        if node.dep_ == "pobj" and node.head.lower_ in ("to", "on"):
            node = node.head
        verb = node.head
        if node.dep_ not in ("dobj", "prep") or verb_lemma(verb.lower_) not in _ACCEPTING | _TALKING | {
            "agree",
            "reach",
        }:
            return []
        parties = [a for a in self.subjects_of(verb) if a.deferred is None]
        return parties if len({a.ref.id for a in parties if a.ref}) >= 2 else []

    def _peace_between(self, noun: Token) -> Iterator[Found]:
        """ "a ceasefire between X and Y", "peace agreement between X and Y": X and Y fought."""
        peace = noun.lower_ in PEACE_NOUNS or any(
            c.lower_ in PEACE_MODIFIERS and c.dep_ in ("compound", "amod", "nmod") for c in noun.children
        )
        if not peace:
            yield from self._agreement_between(noun)
            return
        sides = [a for a in self.between(noun) if a.deferred != PARTIES]
        sense = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.7)
        mood = Modality(True) if not negated_word(noun) else Modality(False)
        for left, right in combinations(sides, 2):
            yield from self.emit(sense, [left], [right], noun, "peace-between", mood=mood)

    def _agreement_between(self, noun: Token) -> Iterator[Found]:
        """ "the agreement between ECOWAS and Mali on a transition timeline": an AGREE event
        between the parties (no truce, so no sign that they fought, and no alignment)."""
        if noun.lower_ not in AGREEMENT_NOUNS:
            return
        sides = [a for a in self.between(noun) if a.deferred != PARTIES]
        for left, right in combinations(sides, 2):
            yield from self.emit(_AGREED, [left], [right], noun, "agreement-between", 0.9)

    def _hostile_activity(self, noun: Token) -> Iterator[Found]:
        """ "urge X and Y to cease hostilities", "X and Y redoubled combat operations".

        A call to stop fighting states that the fighting is going on, so only
        plain negation of the verb cancels it.
        """
        if noun.lower_ == "operations" and not any(
            c.lower_ in ("combat", "military", "offensive") for c in noun.children
        ):
            return
        verb = noun.head
        if not verb.tag_.startswith("VB") or any(c.dep_ == "neg" for c in verb.children):
            return
        if self.frames[noun].prep_objects(("on", "against", "at")):
            return  # "X and Y launched attacks on Z": co-agents against a target, not foes
        agents = [a for a in self.subjects_of(verb) if a.deferred is None]
        if len(agents) < 2:
            return
        sense = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.7)
        for left, right in combinations(agents, 2):
            yield from self.emit(sense, [left], [right], noun, "hostile-activity", mood=Modality(True))

    def _joint(self, noun: Token) -> Iterator[Found]:
        """ "X and Y conducted joint strikes": fighting together is an alliance."""
        if noun.lower_ not in HOSTILE_ACTIVITY | {
            "strikes",
            "strike",
            "operation",
            "patrols",
            "offensive",
            "raids",
            "airstrikes",
        }:
            return
        verb = noun.head
        agents = [a for a in self.subjects_of(verb) if a.deferred is None]
        sense = Sense(RelationType.ALLIED_WITH, PloverCategory.COOPERATE, confidence=0.75)
        mood = modality(noun)
        for left, right in combinations(agents, 2):
            yield from self.emit(sense, [left], [right], noun, "joint", mood=mood)

    def _proposal(self, noun: Token) -> Iterator[Found]:
        """ "X and Y accepted the U.S. proposal of a ceasefire": the proposer mediates.

        A truce or peace plan put by one actor to two others who accept or back it.
        """
        subtree = list(noun.subtree)
        if not any(t.lower_ in PEACE_NOUNS or t.lower_ in ("peace", "end") for t in subtree):
            return
        proposers = [
            self.resolver.mention_arg(m)
            for c in noun.children
            if c.dep_ in ("poss", "compound", "nmod") and (m := self.mentions.at(c)) is not None
        ]
        proposers += self._prep_args(noun, ("by", "from"))
        node = noun
        if (
            node.dep_ == "pobj"
            and node.head.lower_ == "for"
            and node.head.head.lower_
            in (
                "support",
                "backing",
            )
        ):
            node = node.head.head  # "expressed support for the proposal"
        verb = node.head
        if node.dep_ != "dobj" or not verb.tag_.startswith("VB"):
            return
        if node is noun and verb_lemma(verb.lower_) not in _ACCEPTING:
            return
        parties = [a for a in self.subjects_of(verb) if a.deferred is None]
        if len(parties) < 2:
            return
        sense = Sense(RelationType.MEDIATES, PloverCategory.MEDIATE, confidence=0.65)
        yield from self.emit(sense, proposers, parties, noun, "proposal")

    def _belligerents(self, noun: Token) -> Iterator[Found]:
        """ "the belligerents—the SAF and the RSF—": the named belligerents fight each other."""
        members = [a for c in noun.children if c.dep_ == "appos" for a in self.resolver.resolve(c)]
        if not members:
            members = self._dashed_list(noun)
        sense = Sense(RelationType.OPPOSES, PloverCategory.ASSAULT, confidence=0.7)
        for left, right in combinations(members, 2):
            yield from self.emit(sense, [left], [right], noun, "belligerents", mood=Modality(True))

    def _made_by_subject(self, anchor: Token) -> bool:
        """ "Hamas launched attacks from the Gaza Strip": the light verb's subject makes the
        event, and "from" says where it came from."""
        return (
            anchor.dep_ == "dobj"
            and verb_lemma(anchor.head.lower_) in LIGHT_VERBS
            and self._subjected(anchor.head)
        )

    def _dashed_list(self, noun: Token) -> list[Arg]:
        """ "the belligerents ...—the SAF and the RSF—", when the parser detached the dash."""
        tokens = self.tokens
        position = noun.right_edge.i + 1
        if position >= len(tokens) or tokens[position].text not in _DASHES:
            return []
        found: dict[str, Arg] = {}
        for token in tokens[position + 1 : noun.sent.end]:
            if token.tag_.startswith("VB") or any(d in token.text for d in _DASHES):
                break
            mention = self.mentions.at(token)
            if mention is not None and mention.start == token.i:
                found.setdefault(mention.ref.id, self.resolver.mention_arg(mention))
        return list(found.values())

    # -- compound participles ------------------------------------------------
    def _compound(self, token: Token) -> Iterator[Found]:
        """ "Iran-backed Houthis", "U.S.-brokered ceasefire between X and Y"."""
        lower = token.lower_
        prefix_arg: Arg | None = None
        if "-" in token.text and not token.text.startswith("-"):
            prefix, _, suffix = token.text.rpartition("-")
            sense = COMPOUND_PARTICIPLES.get(suffix.lower())
            if sense is None:
                return
            entry = self.gazetteer.resolve(prefix)
            if entry is None:
                return
            prefix_arg = Arg(Ref.of(entry), prefix, token.i, token.i + 1)
        else:
            sense = COMPOUND_PARTICIPLES.get(lower)
            if sense is None or token.i < 2:
                return
            before = self.doc[token.i - 2]
            mention = self.mentions.inner_at(before)
            if mention is None:
                return
            text = self.doc[mention.start : token.i - 1].text
            prefix_arg = Arg(mention.ref, text, mention.start, token.i - 1)
        backers = [prefix_arg, *self._dangling_prefixes(prefix_arg.start)]
        head = token.head
        if token.dep_ == "conj" and len(backers) > 1 and head.text.endswith("-"):
            head = head.head  # "Iranian- and Russian-backed X", parsed as a coordination of prefixes
        elif token.dep_ not in ("amod", "compound", "acl", "nmod", "appos"):
            return
        if sense.type is RelationType.LEADS and head.lower_ in TALK_NOUNS:
            # "Angolan-led peace talks between X and Y": a mediation
            sense = replace(sense, type=RelationType.MEDIATES, category=PloverCategory.MEDIATE, mode=None)
        if sense.type is RelationType.MEDIATES:
            if head.lower_ in TALK_NOUNS:
                yield from self.emit(sense, [prefix_arg], self._participants(head), token, "compound")
            return
        spans = [(b.start, b.end) for b in backers[1:]]

        def backed(token: Token) -> list[Arg]:
            # a hanging prefix ("Iranian-") may be a name of its own: it is a backer, not the backed
            return [a for a in self.resolver.resolve(token) if not any(s <= a.start < e for s, e in spans)]

        objects = backed(head)
        if not objects and head.tag_.startswith("NN"):
            # "an Iranian-backed Houthi missile system": the group the backed thing is of
            objects = [
                self.resolver.mention_arg(m)
                for t in self.doc[token.i + 1 : head.i]
                if t.head.i <= head.i
                and (m := self.mentions.at(t)) is not None
                and m.start == t.i
                and m.ref.kind in _GROUP_OWNERS
            ]
        described = head.head if head.dep_ == "conj" and head.head.dep_ == "appos" else head
        if not objects and described.dep_ == "appos":
            # "Hezbollah, the Iran-backed group,"; "the IRGC, an arm of the military and a
            # U.S.-designated FTO"
            objects = backed(_apposed_to(described))
        yield from self.emit(sense, backers, objects, token, "compound", 0.95, nested=True)

    def _dangling_prefixes(self, start: int) -> list[Arg]:
        """ "Russian- and Iranian-backed forces": the prefixes coordinated before a compound
        participle, each left hanging on its hyphen."""
        found: list[Arg] = []
        i = start - 1
        while i >= 1 and self.tokens[i].lower_ in ("and", "or", ","):
            token = self.tokens[i - 1]
            if len(token.text) > 1 and token.text.endswith("-"):
                entry = self.gazetteer.resolve(token.text[:-1])
                if entry is None:
                    break
                found.append(Arg(Ref.of(entry), token.text[:-1], token.i, token.i + 1))
                i = token.i - 1
            elif token.text == "-" and token.i >= 1:
                mention = self.mentions.inner_at(self.tokens[token.i - 1])
                if mention is None:
                    break
                found.append(Arg(mention.ref, self.doc[mention.start : token.i].text, mention.start, token.i))
                i = mention.start - 1
            else:
                break
        return found

    # -- support and attack nouns --------------------------------------------
    def _event_noun(self, noun: Token, sense: Sense) -> Iterator[Found]:
        """ "Russia's support for Haftar", "provided weapons to Y", "attacks on X by Y",
        "X, with support from Y, struck", "X attacked Z in support of Y"."""
        if negated_word(noun):
            return
        anchor = _through_quantity(noun) if noun.dep_ != "pobj" else _money_anchor(noun)
        if noun.lower_ in COST_NOUNS and not (
            anchor.dep_ == "dobj" and verb_lemma(anchor.head.lower_) in IMPOSING_VERBS
        ):
            return  # "the costs of the war" is no sanction; "impose costs on X" is
        target_tokens = self.frames[noun].prep_objects(sense.preps)
        if not target_tokens and anchor is not noun:
            target_tokens = self.frames[anchor].prep_objects(sense.preps)
        if not target_tokens:
            # "the offensive by M23 rebels against Congolese forces": the target PP
            # attached to the agent
            target_tokens = [
                t
                for by in self.frames[noun].prep_objects(("by",))
                for t in self.frames[by].prep_objects(sense.preps)
            ]
        if not target_tokens:
            # "the support given to the RSF by the UAE": the recipient on the participle
            target_tokens = [
                o
                for v in dependents(noun, "acl")
                if v.tag_ == "VBN"
                for p in dependents(v, "prep", "dative")
                if p.lower_ in sense.preps
                for o in dependents(p, "pobj")
            ]
        if not target_tokens and sense.category == PloverCategory.ASSAULT:
            # "an airstrike targeting al-Shabaab militants": the object of an attacking
            # participle on the attack noun
            target_tokens = [
                o
                for v in dependents(noun, "acl")
                if v.tag_ == "VBG" and _attacking(v)
                for o in dependents(v, "dobj")
            ]
        if (
            not target_tokens
            and sense.category == PloverCategory.ASSAULT
            and weapon_use(self, noun) is not None
        ):
            # "Russia's use of Iranian drones against Ukraine": the target PP on the weapons
            target_tokens = [
                t
                for o in self.frames[noun].prep_objects(("of",))
                for t in self.frames[o].prep_objects(sense.preps)
            ]
        if not target_tokens and anchor.dep_ == "dobj" and verb_lemma(anchor.head.lower_) in LIGHT_VERBS:
            # "conducted strikes on Monday against X": the target hangs off the verb
            target_tokens = self.frames[anchor.head].prep_objects(sense.preps)
        targets = [a for t in target_tokens for a in self.resolver.resolve(t)]
        if not targets and sense.category in (PloverCategory.ASSAULT, PloverCategory.SANCTION):
            targets = [a for t in target_tokens for a in self.resolver.target_owner(t)]
        if not targets and sense.type is RelationType.SUPPORTS:
            # "support for Russia's defense industrial base": the owner of the war asset
            targets = [a for t in target_tokens for a in supported_owner(self, t)]
        holders: list[Arg] = []
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                mention = self.mentions.at(child)
                if mention is not None and (
                    mention.ref.known
                    or (child.dep_ != "compound" and mention.ref.kind is not ActorKind.OTHER)
                ):
                    # an unknown name compounded with a noun is a product ("Patriot systems"), no holder
                    holders.append(self.resolver.mention_arg(mention))
            elif child.dep_ == "prep" and (
                child.lower_ == "by"
                or (child.lower_ == "from" and not self._made_by_subject(anchor))
                or (child.lower_ == "of" and noun.lower_ in CONDUCT_NOUNS)
            ):
                holders.extend(a for c in dependents(child, "pobj") for a in self.resolver.resolve(c))
            elif child.dep_ == "acl" and child.tag_ == "VBN":
                holders.extend(self._agents(child))
        if not holders and sense.category == PloverCategory.ASSAULT:
            # "Russian missile strikes", "Israeli drone attacks": the adjective the parser hung
            # on the weapon word makes the attack
            holders = [
                self.resolver.mention_arg(m)
                for weapon in dependents(noun, "compound")
                if weapon.lower_ in _WEAPON_MODIFIERS
                for c in dependents(weapon, "amod", "poss", "compound")
                if (m := self.mentions.at(c)) is not None and m.ref.known
            ]
        head = noun.head
        if not holders and noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _WAGED_NOUNS:
            # "Russia's war of aggression against Ukraine", "its campaign of terror against Y":
            # the owner of the war
            holders = [
                self.resolver.mention_arg(m)
                for c in head.head.children
                if c.dep_ in ("poss", "amod", "compound") and (m := self.mentions.at(c)) is not None
            ]
            waged = head.head
            if not holders and waged.dep_ == "dobj" and verb_lemma(waged.head.lower_) in LIGHT_VERBS:
                holders = self.subjects_of(waged.head)  # "Russia launched a war of aggression against Y"
        if sense.type is RelationType.SUPPORTS and noun.dep_ == "pobj" and head.lower_ == "with":
            provided = self._provided_with(noun, head, holders)
            if provided is not None:
                # "provide Ukraine with the security assistance it needs"
                yield from self.emit(sense, provided[0], provided[1], noun, "provide-with", 0.9)
                return
        if (sense.category == PloverCategory.ASSAULT or sense is _CRITICISM) and not targets:
            undergone = self._undergone(noun, anchor)
            if undergone is not None:
                # "The people of Ukraine suffer an attack by Russian forces",
                # "Israel came under attack from Hezbollah"
                victims, verb = undergone
                holders = holders or self._prep_args(verb, ("by", "from"))
                yield from self.emit(sense, holders, victims, noun, "undergone", 0.9)
                return
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.tag_.startswith("VB"):
            governor = head.head
            if noun.lower_ == "war" and head.lower_ == "at" and not holders:
                # "Israel has been at war with Hamas"
                holders = self.subjects_of(governor)
            elif head.lower_ in ("on", "upon") and verb_lemma(governor.lower_) in ("rely", "depend"):
                # "The RSF relies on the backing of the UAE": the UAE backs the RSF
                holders = holders or targets
                targets = self.subjects_of(governor)
        if (
            not holders
            and noun.dep_ == "pobj"
            and head.lower_ == "for"
            and head.head.lower_ == "responsibility"
            and verb_lemma(head.head.head.lower_) in ("claim", "accept", "take", "admit")
        ):
            # "The Houthis claimed responsibility for the attack on X"
            holders = self.subjects_of(head.head.head)
        if sense.type is RelationType.SUPPORTS and noun.dep_ != "pobj" and holders and self._after_with(noun):
            # "X, with support from Y, struck ...", with "support" misparsed as a subject
            supported = self._before_with(noun)
            yield from self.emit(sense, holders, supported, noun, "with-support", 0.8)
            return
        if (
            sense.type is RelationType.SUPPORTS
            and anchor is noun
            and noun.dep_ == "pobj"
            and head.lower_ in ("with", "in", "under")
        ):
            # The supported side, or the supporter, is the actor of the clause.
            yield from self._support_phrase(noun, sense, head, holders, targets)
            return
        if anchor is not noun:
            head = anchor.head
        # "X suspended/halted/cut military aid to Y": an ending verb carries a support noun as a
        # light verb does; the claim it makes is ended (modality: the ending verb above it)
        ending = sense.type is RelationType.SUPPORTS and verb_lemma(head.lower_) in ENDING_VERBS
        light = ending or verb_lemma(head.lower_) in LIGHT_VERBS
        if ending and holders and not targets and anchor.dep_ == "dobj" and head.tag_.startswith("VB"):
            # "X halted its military aid to Y", with "to Y" hung on the verb
            targets = self._prep_args(head, ("to", "for"))
        if not holders and head.tag_.startswith("VB") and light:
            if anchor.dep_ == "dobj":
                holders = self.subjects_of(head)
                if not targets:
                    targets = [a for c in dependents(head, "dative") for a in self.resolver.resolve(c)]
                    targets += self._prep_args(head, ("to", "for"))
            elif anchor.dep_ == "nsubjpass":
                holders = self._agents(head)
                targets = targets or self._prep_args(head, ("to", "for"))
        if noun.dep_ == "dobj" and verb_lemma(head.lower_) in _RECEIVING_VERBS and not targets:
            # "X received weapons from Y": Y supports X
            holders = holders or self._prep_args(head, ("from",))
            targets = self.subjects_of(head)
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "provides X with missile components and training"
        if not holders and first.dep_ == "pobj" and first.head.lower_ == "with":
            verb = first.head.head
            if verb.tag_.startswith("VB") and verb_lemma(verb.lower_) in LIGHT_VERBS | {"arm", "equip"}:
                holders = self.subjects_of(verb)
                targets = targets or [a for c in dependents(verb, "dobj") for a in self.resolver.resolve(c)]
        holders = [h for h in holders if not any(h.key == t.key for t in targets)]
        yield from self.emit(sense, holders, targets, noun, "event-noun", 0.9)
        if sense.category == PloverCategory.ASSAULT and targets and len(holders) > 1:
            yield from self._co_belligerents(holders, noun)

    def _provided_with(
        self, noun: Token, prep: Token, holders: list[Arg]
    ) -> tuple[list[Arg], list[Arg]] | None:
        """ "X provided/supplied/furnished Y with weapons": X supports Y."""
        verb = prep.head
        if not verb.tag_.startswith("VB") or verb_lemma(verb.lower_) not in LIGHT_VERBS:
            return None
        recipients = [a for c in dependents(verb, "dobj", "dative") for a in self.resolver.resolve(c)]
        if not recipients:
            return None
        return (holders or self.subjects_of(verb)), recipients

    def _undergone(self, noun: Token, anchor: Token) -> tuple[list[Arg], Token] | None:
        """The subject that suffers, faces or comes under an attack, and its verb."""
        head = anchor.head
        if anchor.dep_ == "dobj" and verb_lemma(head.lower_) in UNDERGOING_VERBS - {"be", "come"}:
            verb = head
        elif (
            anchor.dep_ == "pobj"
            and head.lower_ == "under"
            and verb_lemma(head.head.lower_) in UNDERGOING_VERBS
        ):
            verb = head.head  # "came under attack", "is under attack"
        else:
            return None
        victims: list[Arg] = []
        for subject in dependents(verb, "nsubj", "nsubjpass"):
            if subject.lower_ in _POPULATION_NOUNS:
                victims.extend(self.resolver.owner(subject))  # "the people of Ukraine"
            else:
                victims.extend(self.resolver.resolve(subject))
        if not victims and verb.dep_ in ("xcomp", "conj"):
            victims = self.subjects_of(verb)  # "Ukraine continues to face attacks by X"
        return (victims, verb) if victims else None

    def _approved(self, thing: Token) -> list[Arg]:
        """Whose commitment, decision or efforts are welcomed: "Qatar's commitment to ..."."""
        if thing.lower_ not in APPROVED_NOUNS:
            return []
        found = [
            self.resolver.mention_arg(m)
            for c in thing.children
            if c.dep_ in ("poss", "compound", "nmod", "amod") and (m := self.mentions.at(c)) is not None
        ]
        found += self._prep_args(thing, ("by", "of"))
        return found

    def _after_with(self, noun: Token) -> Token | None:
        """The "with" of "with (the full) support", when the parse lost it."""
        for i in range(noun.i - 1, max(noun.i - 4, -1), -1):
            token = self.doc[i]
            if token.lower_ == "with":
                return token
            if token.tag_ not in ("DT", "JJ", "PRP$", "RB"):
                return None
        return None

    def _before_with(self, noun: Token) -> list[Arg]:
        """The actors named just before ", with support ...": the supported side."""
        with_token = self._after_with(noun)
        if with_token is None:
            return []
        i = with_token.i - 1
        while i >= 0 and self.doc[i].is_punct:
            i -= 1
        if i < 0 or self.mentions.at(self.doc[i]) is None:
            return []
        token = self.doc[i]
        while token.dep_ == "conj" and self.mentions.at(token.head) is not None:
            token = token.head  # back to the first conjunct
        return self.resolver.resolve(token)

    def _support_phrase(
        self, noun: Token, sense: Sense, prep: Token, holders: list[Arg], targets: list[Arg]
    ) -> Iterator[Found]:
        anchor = prep.head
        verbal = anchor.tag_.startswith("VB")
        if verbal and prep.lower_ == "with" and verb_lemma(anchor.lower_) in SPEECH_VERBS:
            return  # "they discussed X, with the support of Y": support for X, not for them
        actors = self.subjects_of(anchor) if verbal else self.resolver.resolve(anchor)
        if prep.lower_ == "in":
            # "attacked Israel in support of Hamas": the actor supports Hamas
            yield from self.emit(sense, actors, targets, noun, "in-support-of", 0.9)
        else:
            # "the US, with the support of France, ...": France supports the actor
            supporters = holders or targets
            yield from self.emit(sense, supporters, actors, noun, "with-support", 0.9)


# -- the registry: every anchored construction, in the order `Constructions.sentence` tries
# them on a token; each has one anchor in rules/anchors.jsonl (see anchors.py).
Construction = Callable[["Constructions", "Token"], Iterable[Found]]
_VERB_CONSTRUCTIONS: tuple[tuple[str, Construction], ...] = (
    ("read_verb", Constructions.read_verb),
    ("venue_host", venue_host),
    ("meeting_to_secure", meeting_to_secure),
    ("asked_to_accept", asked_to_accept),
    ("credited_mediation", credited_mediation),
    ("crimes_found", crimes_found),
    ("phone_call", phone_call),
    ("threatened_act", threatened_act),
    ("mutual_fight", mutual_fight),
    ("pitted", pitted),
    ("truce_parties", truce_parties),
    ("defended_against", defended_against),
    ("hosted_talks", hosted_talks),
    ("hosted_meeting", hosted_meeting),
    ("responsible_for_attack", responsible_for_attack),
    ("protected_owner", protected_owner),
    ("coerced_owner", coerced_owner),
    ("verb_hostile_between", Constructions._verb_hostile_between),
)
_NOUN_CONSTRUCTIONS: tuple[tuple[str, Construction], ...] = (
    ("role_noun", Constructions._role_noun_reading),
    ("prime_minister", Constructions._prime_minister),
    ("title", Constructions._title_reading),
    ("title_chain", Constructions._title_chain_reading),
    ("mediator_aside", mediator_aside),
    ("peacemaking_effort", peacemaking_effort),
    ("credited_noun", Constructions._credited_noun),
    ("hostile_between", Constructions._noun_hostile_between),
    ("talks", Constructions._talks_reading),
    ("peace_between", Constructions._peace_reading),
    ("hostile_activity", Constructions._hostile_activity_reading),
    ("joint", Constructions._joint_reading),
    ("belligerents", Constructions._belligerents_reading),
    ("proposal", Constructions._proposal_reading),
    ("enabled_by", Constructions._enabled_by_reading),
    ("consultation", consultation),
    ("alliance", alliance),
    ("named_alliance", named_alliance),
    ("committed_to_security", committed_to_security),
    ("mediation_phrase", mediation_phrase),
    ("transfer_of", transfer_of),
    ("possessive_leader", Constructions._possessive_leader),
    ("intervention", intervention),
    ("battle_with", battle_with),
    ("event_noun", Constructions._event_noun_reading),
)
_PARTICLE_CONSTRUCTIONS: tuple[tuple[str, Construction], ...] = (("misparsed_verb", misparsed_verb),)
_EVERY_TOKEN: tuple[tuple[str, Construction], ...] = (("compound", Constructions._compound_reading),)


# The generic readers of the trigger tables: a claim one of them makes from a trigger word's
# own sense names the trigger line ("verbs:back"); every other claim names the construction
# that made it, so a trigger id always means its table's reader read the word.
TABLE_READERS: dict[str, tuple[TriggerTable, ...]] = {
    "read_verb": (TriggerTable.VERBS,),
    "role_noun": (TriggerTable.ROLE_NOUNS,),
    "event_noun": (TriggerTable.SUPPORT_NOUNS, TriggerTable.ATTACK_NOUNS),
    "compound": (TriggerTable.COMPOUND_PARTICIPLES,),
}
_TABLES: dict[TriggerTable, dict[str, Sense]] = {
    TriggerTable.VERBS: VERBS,
    TriggerTable.ROLE_NOUNS: ROLE_NOUNS,
    TriggerTable.SUPPORT_NOUNS: SUPPORT_NOUNS,
    TriggerTable.ATTACK_NOUNS: ATTACK_NOUNS,
    TriggerTable.COMPOUND_PARTICIPLES: COMPOUND_PARTICIPLES,
}
def _phrase_rules(indexes: Iterable[dict[str, PhraseIndex]]) -> frozenset[str]:
    return frozenset(entry[2].rule for index in indexes for by_word in index.values()
                     for entries in by_word.values() for entry in entries)


# The trigger ids each table reader may name: its table's one-word triggers, and for the
# verb reader also the phrases and the converted CAMEO triggers.
_READ_RULES: dict[str, frozenset[str]] = {
    anchor: (frozenset(sense.rule for table in tables for sense in _TABLES[table].values())
             | (frozenset(s.rule for s in EVENT_VERBS.values())
                | _phrase_rules((VERB_PHRASES, EVENT_PHRASES))
                if TriggerTable.VERBS in tables else frozenset())) - {""}
    for anchor, tables in TABLE_READERS.items()
}


def _verb_tag(tag: str) -> bool:
    return tag.startswith("VB")


def _noun_tag(tag: str) -> bool:
    return tag.startswith("NN")


def _particle_tag(tag: str) -> bool:
    return tag in ("RB", "IN", "RP")


def _any_tag(tag: str) -> bool:
    return True


class Registered(NamedTuple):
    """One anchored construction: its id (the anchor's), the function, and the tags of the
    tokens `Constructions.sentence` tries it on."""

    id: str
    construction: Construction
    tried_on: Callable[[str], bool]


REGISTRY: tuple[Registered, ...] = tuple(
    Registered(name, construction, tried_on)
    for group, tried_on in (
        (_VERB_CONSTRUCTIONS, _verb_tag),
        (_NOUN_CONSTRUCTIONS, _noun_tag),
        (_PARTICLE_CONSTRUCTIONS, _particle_tag),
        (_EVERY_TOKEN, _any_tag),
    )
    for name, construction in group
)
REGISTERED: tuple[str, ...] = tuple(entry.id for entry in REGISTRY)
_ORDER: dict[str, int] = {name: k for k, name in enumerate(REGISTERED)}
_ORDERED: dict[frozenset[str], tuple[tuple[str, Construction], ...]] = {}


def _in_order(ids: frozenset[str]) -> tuple[tuple[str, Construction], ...]:
    """The constructions of a set of matched anchors with their ids, in registry order (cached
    per set)."""
    found = _ORDERED.get(ids)
    if found is None:
        found = _ORDERED[ids] = tuple(
            (REGISTRY[k].id, REGISTRY[k].construction) for k in sorted(_ORDER[i] for i in ids)
        )
    return found
