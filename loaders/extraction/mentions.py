"""Actor mentions in a parsed article: who is named where, and which actor it is.

Order of trust: gazetteer names and aliases first; spaCy entities (ORG,
PERSON, GPE, NORP) for names the gazetteer lacks; then references built from
the parse: "the government in <capital>", "the <adjective> government",
surnames of people named in full earlier, and acronyms introduced in
parentheses. Furniture (titles, bylines, footers) never yields a mention.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ...graph.model import ActorKind, MentionForm, PloverCategory, RelationType, slugify
from ..gazetteer import Entry, Gazetteer, GazetteerMatch
from .agents import AGENTS, MAX_AGENT_WORDS, ActsFor
from .boilerplate import BodyMap
from .lemmas import noun_lemma, verb_lemma
from .lexicon import (
    DESIGNATION_WORDS,
    FIRING_VERBS,
    GENERIC_STATE_WORDS,
    GOVERNMENT_NOUNS,
    SPEECH_VERBS,
    VERBS,
)
from .tree import prep_objects
from .types import Mention, Ref

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "GAZETTEER_MATCHES",
    "INSTITUTION_WORDS",
    "NER_LABELS",
    "MentionIndex",
    "find_mentions",
    "guess_kind",
    "remember_matches",
]

NER_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP"})
# Where a Doc keeps the gazetteer's matches found before its parse (they read only the
# tokens' text), so that find_mentions does not match the same text twice.
GAZETTEER_MATCHES = "cg_gazetteer_matches"
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_ARMED_WORDS = frozenset(
    [
        "army",
        "forces",
        "force",
        "militia",
        "militias",
        "brigade",
        "brigades",
        "front",
        "movement",
        "battalion",
        "battalions",
        "guard",
        "guards",
        "corps",
        "rebels",
        "insurgents",
        "fighters",
        "mujahideen",
        "jihad",
        "resistance",
        "legion",
        "regiment",
        "division",
        "units",
        "unit",
        "militants",
        "liberation",
    ]
)
_PARTY_WORDS = frozenset({"party", "parties"})
# A military government named by what it is: "the junta", "the putschists".
_JUNTA_WORDS = frozenset({"junta", "putschists", "putschist"})
# A state's army named by a bare common noun: "the army", "the military", "army positions".
_BARE_ARMY_WORDS = frozenset({"army", "military"})
# Words that make an armed group's name a state's army ("Sudanese Armed Forces", "Israel Defense Forces").
_STATE_FORCE_WORDS = frozenset({"army", "armed", "military", "navy", "police", "defense", "defence"})
_IGO_WORDS = frozenset({"nations", "union", "league", "council", "organization", "organisation"})
_GOVERNMENT_WORDS = frozenset({"government", "ministry", "administration", "cabinet"})
# Words that make an entry a state's government proper rather than one of its bodies.
_NATIONAL_GOVERNMENT_WORDS = frozenset({"government", "junta", "regime", "authority", "council"})
_WORD = re.compile(r"[A-Za-z]+")
_PLACE_PREPS = frozenset({"in", "of", "at", "from"})
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my"})
_FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my"})
# Offices named bare in a government's own statement: "the Secretary", "the President".
_SPEAKER_OFFICES = frozenset(
    {
        "secretary",
        "president",
        "department",
        "ministry",
        "minister",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "administration",
        "government",
    }
)
# A body of a government, named without its country: "the Department of State".
INSTITUTION_WORDS = frozenset(
    [
        "department",
        "ministry",
        "treasury",
        "office",
        "cabinet",
        "presidency",
        "embassy",
        "secretariat",
        "of",
        "the",
        "for",
        "and",
        "state",
        "foreign",
        "affairs",
        "defense",
        "defence",
        "finance",
        "interior",
        "justice",
        "homeland",
        "security",
        "national",
        "federal",
        "u.s.",
        "us",
        "home",
        "commerce",
        "war",
        "government",
        "administration",
        "regime",
        "white",
        "house",
        "official",
        "officials",
        "president",
        "prime",
        "minister",
        "executive",
    ]
)
_INSTITUTION_HEADS = frozenset(
    ["department", "ministry", "treasury", "office", "cabinet", "presidency", "embassy", "secretariat"]
)


# Ranks written between an organisation and a name ("Joint Chiefs General Richard Myers").
_RANKS = frozenset(
    {"general", "gen.", "admiral", "colonel", "lieutenant", "major", "captain", "brigadier", "marshal"}
)
# Place nouns a name can modify without naming an actor.
_PLACE_NOUNS = frozenset(
    {
        "cave", "caves", "complex", "mountains", "mountain", "valley", "valleys", "airport", "base",
        "region", "area", "province", "district", "city", "town", "village", "border", "pass", "hills",
        "range", "mosque", "hospital", "building",
    }
)


# Words between a principal and its agent phrase: "Russia's top diplomat", "a Hamas senior official".
_AGENT_QUALIFIERS = frozenset(
    {"senior", "top", "high-ranking", "ranking", "leading", "chief", "deputy", "acting", "own"}
)
# Words between an office and its holder's name: "Amir of the State of Qatar HH Sheikh Tamim".
_HONORIFICS = frozenset(
    {"hh", "h.h.", "he", "h.e.", "his", "her", "highness", "majesty", "excellency", "sheikh", "mr.", "mr"}
)
# Words before an office that leave it without its present holder.
_NOT_IN_OFFICE = frozenset(
    {"former", "ex", "ex-", "late", "then", "then-", "vice", "deputy", "next", "future", "previous", "past"}
)
_STATE_PRINCIPALS = frozenset({ActorKind.STATE, ActorKind.GOVERNMENT})
_GROUP_PRINCIPALS = frozenset({ActorKind.ARMED_GROUP, ActorKind.PARTY, ActorKind.IGO})

# Verb senses whose object is the one attacked.
_ATTACKING = frozenset({PloverCategory.ASSAULT, PloverCategory.COERCE})
# The prepositions of a fired weapon's target: "fired rockets at/into ...".
_FIRED_AT = frozenset({"at", "into", "on", "toward", "towards"})


@dataclass
class MentionIndex:
    """Mentions of one Doc, addressable by token."""

    doc: Doc
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    by_token: list[int] = field(default_factory=list)
    inner: dict[int, Mention] = field(default_factory=dict)  # nested gazetteer hits
    co_speakers: tuple[Ref, ...] = ()  # the issuers of a joint statement, whose "we" is all of them

    def at(self, token: Token) -> Mention | None:
        index = self.by_token[token.i]
        return self.mentions[index] if index >= 0 else None

    def inner_at(self, token: Token) -> Mention | None:
        """A shorter actor name inside a longer one ("Iran" in "Iran-backed Houthis")."""
        return self.inner.get(token.i) or self.at(token)

    def text(self, mention: Mention) -> str:
        return self.doc[mention.start : mention.end].text


def guess_kind(name: str, label: str) -> ActorKind:
    """The kind of a new actor from its entity label and head words."""
    words = {w.lower() for w in name.replace("-", " ").split()}
    if label == "PERSON":
        return ActorKind.PERSON
    if label == "ORG":
        if words & _PARTY_WORDS:
            return ActorKind.PARTY
        if words & _ARMED_WORDS:
            return ActorKind.ARMED_GROUP
        if words & _GOVERNMENT_WORDS:
            return ActorKind.GOVERNMENT
        if "united" in words and words & _IGO_WORDS:
            return ActorKind.IGO
    return ActorKind.OTHER


# Words of a title before a surname ("DNI Haines", "Special Envoy Perriello").
_TITLE_WORDS = frozenset(
    [
        "president",
        "secretary",
        "minister",
        "prime",
        "ambassador",
        "envoy",
        "special",
        "director",
        "general",
        "gen.",
        "senator",
        "sen.",
        "governor",
        "commander",
        "chief",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "chairman",
        "chairwoman",
        "chairperson",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sheikh",
        "king",
        "emir",
        "amir",
        "foreign",
        "defense",
        "defence",
        "state",
        "national",
        "security",
        "adviser",
        "advisor",
    ]
)


def _organisation(mention: Mention) -> bool:
    """An antecedent for "its"/"their": an actor named as itself, never a person, an
    adjective ("Turkish") or a capital standing for its government."""
    return (mention.ref.kind is not ActorKind.PERSON
            and mention.form not in (MentionForm.ADJECTIVE, MentionForm.METONYM))


def _titles_only(span: Span) -> bool:
    """Only title words or acronyms ("DNI", "NSC"), never "Deputy" or "Vice"."""
    return all(t.lower_ in _TITLE_WORDS or (t.text.isupper() and t.text.isalpha()) for t in span)


def _people_word(span: Span, label: str) -> bool:
    """One unknown word for a people or creed ("Islamist", "Sunni"), or any unknown adjective.

    A capitalised plural ("Greens", "Democrats") may be a party and stays.
    """
    if len(span) != 1 or label not in ("GPE", "NORP"):
        return False
    word = span[0]
    return word.tag_ == "JJ" or (label == "NORP" and not word.lower_.endswith("s"))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners and a trailing possessive marker."""
    while start < end and doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def _new_ref(name: str, label: str, gazetteer: Gazetteer) -> Ref:
    ident = slugify(name)
    entry = gazetteer.get(ident)
    if entry is not None:
        return Ref.of(entry)
    return Ref(ident, name, guess_kind(name, label))


class _Builder:
    """Collects mentions for one Doc; the public entry point is find_mentions."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, body: BodyMap) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.body = body
        self.tokens: list[Token] = list(doc)  # one Token object per token, reused
        self.mentions: list[Mention] = []
        self.owner: list[int] = [-1] * len(doc)
        self.inner: dict[int, Mention] = {}
        self.speaker: Ref | None = None

    def in_body(self, start: int) -> bool:
        return self.tokens[start].idx in self.body

    def place(self, mention: Mention) -> None:
        """Add a mention, displacing any it overlaps."""
        for i in range(mention.start, mention.end):
            old = self.owner[i]
            if old >= 0:
                self.remove(old)
        self.mentions.append(mention)
        index = len(self.mentions) - 1
        for i in range(mention.start, mention.end):
            self.owner[i] = index

    def remove(self, index: int) -> None:
        old = self.mentions[index]
        for i in range(old.start, old.end):
            if self.owner[i] == index:
                self.owner[i] = -1
        old.end = old.start  # tombstone

    def covered(self, start: int, end: int) -> list[Mention]:
        seen = {self.owner[i] for i in range(start, end) if self.owner[i] >= 0}
        return [self.mentions[i] for i in sorted(seen)]

    # -- gazetteer --------------------------------------------------------
    def add_gazetteer(self, matches: Sequence[GazetteerMatch], countries: set[str]) -> None:
        named_forces = self._named_forces(matches)
        for match in matches:
            if not self.in_body(match.start) or self.under_anti(match.start):
                continue
            surface = match.surface
            if (
                not any(c.isupper() for c in surface)
                and match.entry.country
                and match.entry.country not in countries
            ):
                # A description with no name in it ("the internationally recognized
                # government") means this actor only where its country is in the story.
                continue
            principal = self.gazetteer.principal_state(match.entry)
            if principal is not None:  # "U.S. Central Command", "AFRICOM": the state acts
                self.place(Mention(match.start, match.end, Ref.of(principal), MentionForm.AGENT))
                continue
            state = self._state_apparatus(match) if match.entry.id not in named_forces else None
            ref = state or self.ref_of(match.entry)
            self.place(Mention(match.start, match.end, ref, match.form))

    def under_anti(self, start: int) -> bool:
        """A name under "anti-" names the other side ("anti-Taliban forces" fight the Taliban)."""
        before = self.tokens[start - 2:start] if start >= 2 else self.tokens[:start]
        words = [t.lower_ for t in before]
        return words[-1:] in (["anti"], ["anti-"]) or words == ["anti", "-"]

    def _anti(self, first: int, start: int) -> bool:
        """An entity that is or follows "anti-": a stance ("anti-Taliban"), not a name."""
        return self.tokens[first].lower_ in ("anti", "anti-") or self.under_anti(start)

    def ref_of(self, entry: Entry) -> Ref:
        """An entry, or its state when the entry is only a body of that state: by its
        name ("US State Department") or by its ``parent`` links (a combatant command)."""
        principal = self.gazetteer.principal_state(entry)
        if principal is not None:
            return Ref.of(principal)
        if entry.kind in (ActorKind.GOVERNMENT, ActorKind.OTHER):
            state = self.gazetteer.state_of_body(entry, INSTITUTION_WORDS)
            if state is not None:
                return Ref.of(state)
        return Ref.of(entry)

    def _named_forces(self, matches: Sequence[GazetteerMatch]) -> set[str]:
        """Armies that are a party of their own in this article.

        In a civil war the state's army is one side ("the Sudanese Armed Forces" against
        the RSF): when the article names the army by its own name or acronym and also
        names a non-state armed group of the same country, "the Sudanese army" is that
        army, not the state.
        """
        groups = [m for m in matches if m.entry.kind is ActorKind.ARMED_GROUP and self.in_body(m.start)]
        rebels = {
            (m.entry.country, m.entry.id)
            for m in groups
            if m.entry.country and not {w.lower() for w in m.entry.name.split()} & _STATE_FORCE_WORDS
        }
        return {
            m.entry.id
            for m in groups
            if self._own_name(m)
            and any(country == m.entry.country and ident != m.entry.id for country, ident in rebels)
        }

    def _own_name(self, match: GazetteerMatch) -> bool:
        """A capitalised name ("Sudanese Armed Forces") or an acronym ("SAF")."""
        words = [
            t for t in self.doc[match.start : match.end] if not t.is_punct and t.lower_ not in _DETERMINERS
        ]
        if len(words) == 1:
            return words[0].text.isupper() and len(words[0].text) >= 2
        return bool(words) and all(t.text[:1].isupper() for t in words)

    def _state_apparatus(self, match: GazetteerMatch) -> Ref | None:
        """ "U.S. forces", "the Iranian regime": a country plus lower-case generic words.

        A capitalised name ("Sudanese Armed Forces") stays the named actor.
        """
        if match.entry.kind not in (ActorKind.GOVERNMENT, ActorKind.ARMED_GROUP):
            return None
        state: Entry | None = None
        rest = []
        for token in self.doc[match.start : match.end]:
            inner = self.inner.get(token.i)
            if inner is not None and inner.ref.kind is ActorKind.STATE:
                state = self.gazetteer.get(inner.ref.id)
            elif not (token.is_punct or token.lower_ in _DETERMINERS or token.tag_ == "POS"):
                rest.append(token)
        if state is None or not rest:
            return None
        if match.entry.kind is ActorKind.GOVERNMENT and any(t.lower_ == "military" for t in rest):
            return None  # "the Burmese military regime": a junta the gazetteer names, not the state
        if all(t.lower_ in GENERIC_STATE_WORDS and t.text == t.lower_ for t in rest):
            return Ref.of(state)
        return None

    def add_possessive_its(self) -> None:
        """ "The Assad regime's refusal ..., and its reliance on Russia": "its" is the
        nearest earlier organisation in the sentence that is a subject or possessor; "Iran
        and its proxies" is Iran's; "condemned Russia for its attacks", "pressed Russia to
        end its offensive" are the object's. "their" is read only off a single organisation
        that is the clause subject ("the RSF pressed on with their offensive")."""
        for token in self.tokens:
            if token.tag_ != "PRP$" or token.lower_ not in ("its", "their") or self.owner[token.i] >= 0:
                continue
            if token.lower_ == "their":
                antecedent = self._clause_subject(token)
            else:
                antecedent = (
                    self._reporter_of(token) or self._local_owner(token) or self._nearest_holder(token)
                )
            if antecedent is not None:
                self.place(Mention(token.i, token.i + 1, antecedent.ref, MentionForm.PRONOUN))

    def _nearest_holder(self, token: Token) -> Mention | None:
        """The nearest earlier subject or possessor in the sentence, if an organisation."""
        for i in range(token.i - 1, token.sent.start - 1, -1):
            index = self.owner[i]
            if index < 0:
                continue
            mention = self.mentions[index]
            root = self.doc[mention.start : mention.end].root
            if root.dep_ not in ("nsubj", "nsubjpass", "poss") or mention.form == MentionForm.SPEAKER:
                continue  # the antecedent of "its" is a subject or a possessor
            return mention if _organisation(mention) else None
        return None

    def _local_owner(self, token: Token) -> Mention | None:
        """ "Iran and its proxies": the first conjunct; "condemned Russia for its attacks",
        "pressed Russia to end its offensive": the verb's object, whom the phrase is about."""
        noun = token.head
        if noun.dep_ == "conj":
            first = self._mention_of(noun.head)
            return first if first is not None and _organisation(first) else None
        verb: Token | None = None
        if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "over", "on") and noun.head.dep_ == "prep":
            verb = noun.head.head  # "condemned Russia for its attacks"
        elif noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.dep_ == "prep":
            backing = noun.head.head  # "supports the SDF in its campaign against ISIS": the helped
            sense = VERBS.get(verb_lemma(backing.lower_))
            if backing.tag_.startswith("VB") and sense is not None and sense.type is RelationType.SUPPORTS:
                verb = backing
        elif noun.dep_ == "dobj":
            clause = noun.head
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head  # "to withdraw its troops and cease its support"
            if clause.dep_ == "xcomp" or (
                clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            ):
                verb = clause.head  # "pressed Russia to end its offensive"
        if verb is not None and verb.tag_.startswith("NN"):
            objects = self._measure_targets(verb)  # "sanctions on Russia over its war"
            if len(objects) == 1 and objects[0].end <= token.i and _organisation(objects[0]):
                return objects[0]
            return None
        if verb is None or not verb.tag_.startswith("VB"):
            return None
        objects = [m for c in verb.children if c.dep_ == "dobj" and (m := self._mention_of(c)) is not None]
        if not objects and noun.dep_ == "pobj":
            # "imposed sanctions on Russia over its war": the one the measure targets
            objects = [m for c in verb.children if c.dep_ == "dobj" for m in self._measure_targets(c)]
        if not objects and verb_lemma(verb.lower_) == "call":
            # "called on Russia to end its offensive": the one called on
            objects = [
                m
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ == "on"
                for c in p.children
                if c.dep_ == "pobj" and (m := self._mention_of(c)) is not None
            ]
        if len(objects) == 1 and objects[0].end <= token.i and _organisation(objects[0]):
            return objects[0]
        return None

    def _measure_targets(self, noun: Token) -> list[Mention]:
        """Whom a measure is aimed at: "sanctions on X", "measures against X"."""
        return [
            m
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ in ("on", "against")
            for c in p.children
            if c.dep_ == "pobj" and (m := self._mention_of(c)) is not None
        ]

    def _clause_subject(self, token: Token) -> Mention | None:
        """ "The RSF pressed on with their offensive": the one organisation subject of the clause
        (through infinitives: "vowed to continue their war"); a coordination is left to coref."""
        node = token.head
        for _ in range(6):
            if node.tag_.startswith("VB"):
                subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects:
                    if len(subjects) > 1 or any(c.dep_ == "conj" for c in subjects[0].children):
                        return None
                    mention = self._mention_of(subjects[0])
                    ok = (
                        mention is not None
                        and _organisation(mention)
                        and mention.end <= token.i
                        # "we commend X and Y for their ...": never "we"
                        and mention.form != MentionForm.SPEAKER
                    )
                    return mention if ok else None
                if node.dep_ not in ("xcomp", "conj"):
                    return None
            elif node.dep_ not in ("pobj", "prep", "dobj", "conj"):
                return None
            if node.head is node:
                return None
            node = node.head
        return None

    def _reporter_of(self, token: Token) -> Mention | None:
        """ "Ukraine said Russia attacked its forces": "its" in the target of an attack the
        speaker reports is the speaker's, not the attacker's (who does not attack itself)."""
        noun = token.head
        if any(c.lower_ == "own" for c in noun.children):
            return None  # "fired rockets at its own positions": the attacker's
        while noun.dep_ in ("conj", "compound", "pobj", "prep") and noun.head.i != noun.i:
            if noun.dep_ == "prep" and noun.head.tag_.startswith("VB"):
                break  # "fired rockets at its towns": the prepositional target of the verb
            noun = noun.head
        verb = noun.head
        if noun.dep_ not in ("dobj", "prep") or not verb.tag_.startswith("VB") or verb.dep_ != "ccomp":
            return None
        sense = VERBS.get(verb_lemma(verb.lower_))
        firing = verb_lemma(verb.lower_) in FIRING_VERBS and noun.dep_ == "prep" and noun.lower_ in _FIRED_AT
        if not firing and (sense is None or sense.category not in _ATTACKING):
            return None
        if verb_lemma(verb.head.lower_) not in SPEECH_VERBS:
            return None
        speakers = [self._mention_of(c) for c in verb.head.children if c.dep_ == "nsubj"]
        attackers = [self._mention_of(c) for c in verb.children if c.dep_ == "nsubj"]
        if len(speakers) != 1 or speakers[0] is None or len(attackers) != 1 or attackers[0] is None:
            return None
        speaker, attacker = speakers[0], attackers[0]
        if speaker.ref.kind is ActorKind.PERSON or speaker.ref.id == attacker.ref.id:
            return None
        return speaker

    def _mention_of(self, token: Token) -> Mention | None:
        index = self.owner[token.i]
        return self.mentions[index] if index >= 0 else None

    def add_first_person(self, speaker: Ref | None, quotes: Sequence[tuple[int, int]]) -> None:
        """ "we", "our", "I" in a government statement: the issuing government."""
        if speaker is None:
            return
        for token in self.tokens:
            if token.tag_ not in ("PRP", "PRP$") or token.lower_ not in _FIRST_PERSON:
                continue
            if speaker.kind is ActorKind.PERSON and token.lower_ not in _FIRST_PERSON_SINGULAR:
                continue  # an envoy's "we" is the office or the UN, not the envoy
            if self.owner[token.i] >= 0 or not self.in_body(token.i):
                continue
            if any(start <= token.idx < end for start, end in quotes):
                continue  # a quoted speaker is someone else
            self.place(Mention(token.i, token.i + 1, speaker, MentionForm.SPEAKER))
        if speaker.kind is not ActorKind.PERSON:
            self._bare_offices(speaker, quotes)

    def _bare_offices(self, speaker: Ref, quotes: Sequence[tuple[int, int]]) -> None:
        """ "The Secretary condemned ...", "the President": the issuing government's own office.

        Only a capitalised office right after "the", with no name, country or
        complement of its own ("the President of Kenya", "the Kenyan President",
        "President Ruto" are someone else).
        """
        tokens = self.tokens
        for token in tokens:
            if token.lower_ not in _SPEAKER_OFFICES or not token.text[:1].isupper() or token.i == 0:
                continue
            if tokens[token.i - 1].lower_ != "the" or self.owner[token.i] >= 0 or not self.in_body(token.i):
                continue
            following = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
            if following is not None and (
                following.lower_ in ("of", "for") or following.tag_ in ("NNP", "NNPS", "POS")
            ):
                continue
            if any(start <= token.idx < end for start, end in quotes):
                continue
            self.place(Mention(token.i - 1, token.i + 1, speaker, MentionForm.SPEAKER))

    # -- named entities ---------------------------------------------------
    def add_entities(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ not in NER_LABELS:
                continue
            start, end = _trim(self.doc, ent.start, ent.end)
            if start >= end or not self.in_body(start) or self._anti(ent.start, start):
                continue
            inside = self.covered(start, end)
            if any(m.start <= start and m.end >= end for m in inside):
                continue  # the gazetteer already names the whole entity
            if any(m.start < start or m.end > end for m in inside):
                continue  # crosses a gazetteer name: trust the gazetteer
            if any(
                m.ref.kind not in (ActorKind.STATE, ActorKind.IGO)
                and m.form in (MentionForm.NAME, MentionForm.ALIAS)
                for m in inside
            ):
                continue
            if ent.label_ == "ORG":
                end = self._without_rank(start, end)
            span = self.doc[start:end]
            name = " ".join(span.text.split())
            entry = self.gazetteer.lookup(name) or self.gazetteer.lookup_variant(name)
            if entry is None and ent.label_ == "ORG":
                # "U.N. Support Mission" + "in Libya": the name goes on past the entity.
                extended = self._with_place(end)
                if extended is not None:
                    longer = " ".join(self.doc[start:extended].text.split())
                    entry = self.gazetteer.lookup(longer) or self.gazetteer.lookup_variant(longer)
                    if entry is not None:
                        end = extended
            if entry is not None:
                self.place(Mention(start, end, self.ref_of(entry), MentionForm.ALIAS, ent.label_))
                continue
            if ent.label_ == "GPE" and not inside:
                continue  # every state is in the gazetteer: a place it lacks is a town or region
            if inside:
                rest = [t for t in span if self.owner[t.i] < 0 and not (t.is_punct or t.tag_ == "POS")]
                if all(t.lower_ in GENERIC_STATE_WORDS or t.lower_ in ("of", "the") for t in rest):
                    continue  # "U.S. Government", "Government of the DRC": the country
                if ent.label_ in ("GPE", "NORP"):
                    continue
            if all(t.lower_ in DESIGNATION_WORDS for t in span if not (t.is_punct or t.lower_ == "the")):
                continue  # "Foreign Terrorist Organization", "FTO": a legal category, nobody
            if _people_word(span, ent.label_):
                continue  # an unknown nationality, creed or adjective ("Islamist") names people
            if self._place_name(span):
                continue  # "the Tora Bora cave complex": a place the parser took for a name
            if len(span) == 1 and span[0].lower_ in GENERIC_STATE_WORDS:
                continue  # "Army chief X": a bare "Army" names no particular army
            if ent.label_ == "ORG" and self._institution(span):
                state = next((m.ref for m in inside if m.ref.kind is ActorKind.STATE), None)
                owner = state or self.speaker
                if owner is not None:
                    self.place(Mention(start, end, owner, MentionForm.INSTITUTION, ent.label_))
                continue  # a ministry of an unknown country is nobody we can name
            new = _new_ref(name, ent.label_, self.gazetteer)
            self.place(Mention(start, end, new, MentionForm.NER, ent.label_))

    def _without_rank(self, start: int, end: int) -> int:
        """ "the Joint Chiefs General Richard Myers": a rank before a name is not the body's."""
        following = self.doc[end] if end < len(self.doc) else None
        if following is None or following.ent_type_ != "PERSON":
            return end
        while end - 1 > start and self.doc[end - 1].lower_ in _RANKS:
            end -= 1
        return end

    @staticmethod
    def _place_name(span: Span) -> bool:
        """A name that only modifies a place noun ("Tora Bora caves", "the Shah-i-Kot valley")."""
        root = span.root
        return root.dep_ == "compound" and root.head.i >= span.end and root.head.lower_ in _PLACE_NOUNS

    def _with_place(self, end: int) -> int | None:
        """End of "in/for/on <country>" right after token ``end``, if it is there."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].lower_ not in ("in", "for", "on", "of"):
            return None
        position = end + 1
        if doc[position].lower_ == "the":
            position += 1
        if position >= len(doc):
            return None
        index = self.owner[position]
        if index < 0:
            return None
        mention = self.mentions[index]
        if mention.ref.kind is not ActorKind.STATE or mention.start != position:
            return None
        return mention.end

    def _institution(self, span: Span) -> bool:
        """ "Department of the Treasury", "Foreign Ministry", "State Department"."""
        words = [t for t in span if self.owner[t.i] < 0 and not (t.is_punct or t.tag_ == "POS")]
        return (
            bool(words)
            and any(t.lower_ in _INSTITUTION_HEADS for t in words)
            and all(t.lower_ in INSTITUTION_WORDS for t in words)
        )

    # -- descriptions -----------------------------------------------------
    def add_governments(self) -> None:
        """ "the government in Tripoli", "the Tripoli government", "Libya's government"; a bare
        "the government" after one of these (or "the Government of X") is the government named last."""
        last: Ref | None = None
        for token in self.tokens:
            if token.lower_ not in GOVERNMENT_NOUNS or not token.tag_.startswith("NN"):
                continue
            if token.tag_ == "NNS" or not self.in_body(token.i):
                continue
            owner = self.owner[token.i]
            if owner >= 0:
                self._extend(self.mentions[owner], token)
                if self.mentions[owner].ref.kind in (ActorKind.GOVERNMENT, ActorKind.STATE):
                    last = self.mentions[owner].ref
                continue
            found = self._state_modifier(token)
            if found is None:
                if last is not None and token.lower_ == "government" and _bare_definite(token):
                    self.place(Mention(token.i - 1, token.i + 1, last, MentionForm.COREF))
                continue
            state, place, end = found
            target = self._government(state, place)
            start, _ = _trim(self.doc, min(token.left_edge.i, token.i), token.i + 1)
            self.place(Mention(start, max(token.i + 1, end), target, MentionForm.DESCRIPTIVE))
            last = target

    def _extend(self, mention: Mention, token: Token) -> None:
        """A named government followed by its seat: "... government in the capital, Tripoli"."""
        if mention.end != token.i + 1 or mention.ref.kind not in (ActorKind.GOVERNMENT, ActorKind.STATE):
            return
        found = self._state_modifier(token, preps_only=True)
        if found is None:
            return
        state, _, last = found
        if state.id == mention.ref.id or (state.country and state.country == mention.ref.country):
            self.place(Mention(mention.start, last, mention.ref, mention.form, mention.label))

    def _state_modifier(
        self, token: Token, *, preps_only: bool = False
    ) -> tuple[Entry, str | None, int] | None:
        for child in token.children:
            if not preps_only and child.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
                found = self._state_of(child)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    for candidate in (obj, *(c for c in obj.children if c.dep_ in ("appos", "conj"))):
                        found = self._state_of(candidate)
                        if found:
                            return found
        return None

    def _state_of(self, token: Token) -> tuple[Entry, str | None, int] | None:
        index = self.owner[token.i]
        if index < 0:
            return None
        mention = self.mentions[index]
        entry = self.gazetteer.get(mention.ref.id)
        if entry is None or entry.kind is not ActorKind.STATE:
            return None
        place = self.doc[mention.start : mention.end].text if mention.form == MentionForm.METONYM else None
        return entry, place, mention.end

    def _government(self, state: Entry, place: str | None) -> Ref:
        mentioned = {m.ref.id for m in self.mentions if m.end > m.start}
        candidates = self.gazetteer.governments_of(state.id)
        if place:
            seated = self.gazetteer.seated_in(candidates, place)
            if seated:
                candidates = seated
            else:
                return Ref.of(state)
        if len(candidates) > 1:
            named = [g for g in candidates if g.id in mentioned]
            if named:
                return Ref.of(named[0])
            if place:
                return Ref.of(candidates[0])
            return Ref.of(state)
        if len(candidates) == 1 and _is_national_government(candidates[0]):
            return Ref.of(candidates[0])
        # A state's only government-kind entry may be an agency ("National Intelligence
        # Organization"), a regional administration or a breakaway entity: "the Turkish
        # government" is then the state itself.
        return Ref.of(state)

    # -- coreference ------------------------------------------------------
    def add_coreference(self) -> None:
        """Surnames of people named in full earlier; "(ACRONYM)" after a name."""
        surnames: dict[str, Ref] = {}
        acronyms: dict[str, Ref] = {}
        doc = self.doc
        for token in self.tokens:
            index = self.owner[token.i]
            mention = self.mentions[index] if index >= 0 else None
            if mention is not None and token.i != mention.start:
                continue
            if mention is not None:
                length = mention.end - mention.start
                key = token.text
                if length == 1 and mention.form == MentionForm.NER and (key in surnames or key in acronyms):
                    mention.ref = surnames.get(key) or acronyms[key]
                    mention.form = MentionForm.COREF
                    continue
                last = doc[mention.end - 1].text
                if (
                    length >= 2
                    and mention.form == MentionForm.NER
                    and last in surnames
                    and _titles_only(doc[mention.start : mention.end - 1])
                ):
                    # "DNI Haines", "Secretary Blinken": a title and a surname named in full earlier
                    mention.ref = surnames[last]
                    mention.form = MentionForm.COREF
                    continue
                if mention.ref.kind is ActorKind.PERSON and length >= 2:
                    surnames.setdefault(doc[mention.end - 1].text, mention.ref)
                if mention.ref.kind is not ActorKind.PERSON:
                    self._acronym_after(mention, acronyms)
                continue
            if token.tag_ == "NNP" and self.in_body(token.i):
                ref = surnames.get(token.text) or acronyms.get(token.text)
                if ref is not None:
                    self.place(Mention(token.i, token.i + 1, ref, MentionForm.COREF))

    def add_civil_war_army(self) -> None:
        """ "the army", "the military", "army positions" in a civil war: the state's army as a
        side of its own ("Sudan's army" against the RSF). Only when the article names exactly one
        state whose army the gazetteer knows and a non-state armed group of that state."""
        states: dict[str, Ref] = {}
        rebels: set[str] = set()
        for mention in self.mentions:
            if mention.end <= mention.start:
                continue
            ref = mention.ref
            if ref.kind is ActorKind.STATE:
                states.setdefault(ref.id, ref)
            elif (
                ref.kind is ActorKind.ARMED_GROUP
                and ref.country
                and not {w.lower() for w in ref.name.split()} & _STATE_FORCE_WORDS
            ):
                rebels.add(ref.country)
        armies = []
        for state in states.values():
            if state.country not in rebels:
                continue
            army = self.gazetteer.lookup(f"{state.name}'s army")
            if army is not None and army.kind is ActorKind.ARMED_GROUP and army.country == state.country:
                armies.append(army)
        if len(armies) != 1:
            return
        army_ref = Ref.of(armies[0])
        for token in self.tokens:
            if token.lower_ not in _BARE_ARMY_WORDS or self.owner[token.i] >= 0 or not self.in_body(token.i):
                continue
            if any(c.dep_ in ("poss", "prep", "amod", "compound") for c in token.children):
                continue  # "Mali's army", "the army of Chad", "the Chadian army": someone else's
            bare = (token.dep_ == "compound" and token.text.islower()) or token.i == token.sent.start
            determiners = {c.lower_ for c in token.children if c.dep_ == "det"}
            if bare or determiners == {"the"}:
                start = token.i - 1 if determiners else token.i
                self.place(Mention(start, token.i + 1, army_ref, MentionForm.COREF))

    # -- office holders ---------------------------------------------------
    def add_office_holders(self, day: date | None) -> None:
        """ "the president of Kenya", "Russia's president", "the Iranian president" with no name
        given: whoever held the office on the article's date, by the gazetteer's terms. Without
        a date, or a recorded term for that day, the office names nobody."""
        offices = self.gazetteer.offices() if day is not None else frozenset()
        if day is None or not offices:
            return
        for token in self.tokens:
            if not self._free_body_noun(token):
                continue
            office, start = self._office_at(token, offices)
            if office is None or self._names_holder(token):
                continue
            state = self._office_state(token, start)
            if state is None:
                continue
            begin, end = min(state.start, start), max(state.end, token.i + 1)
            if any(t.lower_ in _NOT_IN_OFFICE for t in self.tokens[max(begin - 1, 0) : start]):
                continue  # "the former Russian president", "Russia's late president"
            if self._after_office(end):
                continue  # "President of the United States Joe Biden"; "the prime minister of A and B"
            holder = self.gazetteer.holder(office, state.ref.id, day)
            if holder is not None:
                self.place(Mention(begin, end, Ref.of(holder), MentionForm.OFFICE))

    def _person_after(self, end: int) -> bool:
        """ "a spokesman for M23, Lawrence Kanyuka, ...": the person named after the phrase."""
        position = end + 1 if end < len(self.tokens) and self.tokens[end].text == "," else end
        if position >= len(self.tokens) or self.owner[position] < 0:
            return False
        return self.mentions[self.owner[position]].ref.kind is ActorKind.PERSON

    def _after_office(self, end: int) -> bool:
        """A name after the office (its holder is named) or a second state joined to it."""
        position = end
        while position < len(self.tokens) and self.tokens[position].lower_ in (",", "and", "or"):
            position += 1
        position = _skip_words(self.tokens, position, _HONORIFICS)
        if position >= len(self.tokens) or self.owner[position] < 0:
            return False
        kind = self.mentions[self.owner[position]].ref.kind
        return kind is ActorKind.PERSON or (position > end and kind is ActorKind.STATE)

    def _office_at(self, token: Token, offices: frozenset[str]) -> tuple[str | None, int]:
        lemma = noun_lemma(token.lower_)
        if token.i > 0 and f"{self.tokens[token.i - 1].lower_} {lemma}" in offices:
            return f"{self.tokens[token.i - 1].lower_} {lemma}", token.i - 1
        return (lemma, token.i) if lemma in offices else (None, -1)

    def _office_state(self, token: Token, start: int) -> Mention | None:
        """The state of an office: "Russia's" / "Russian" before it, or "of (the) X" after it."""
        position = start - 1
        if position >= 0 and self.tokens[position].tag_ == "POS":
            position -= 1
        candidates = [position] if position >= 0 else []
        after = token.i + 1
        if after < len(self.tokens) and self.tokens[after].lower_ == "of":
            after += 1
            if after < len(self.tokens) and self.tokens[after].lower_ == "the":
                after += 1
            candidates.append(after)
        for index, position in enumerate(candidates):
            if position >= len(self.tokens) or self.owner[position] < 0:
                continue
            mention = self.mentions[self.owner[position]]
            edge = mention.end - 1 if index == 0 and position < start else mention.start
            if (edge == position and mention.ref.kind is ActorKind.STATE
                    and mention.form != MentionForm.SPEAKER):
                return mention
        return None

    def _free_body_noun(self, token: Token) -> bool:
        """A noun of the body, not a compound's modifier, that no mention owns yet: where an
        office ("the president of Kenya") or an agent ("Turkey's foreign ministry") may stand."""
        return (
            token.tag_.startswith("NN")
            and token.dep_ != "compound"
            and self.owner[token.i] < 0
            and self.in_body(token.i)
        )

    # -- agents -----------------------------------------------------------
    def add_agents(self) -> None:
        """ "Turkey's foreign ministry", "a Russian spokesman", "Sudan's army chief", "an M23
        spokesman": an agent phrase of rules/agents.jsonl hung on the state or group it acts
        for names that principal. A phrase followed by a name ("M23 spokesman X") is the
        person's title: the person stays the actor."""
        for token in self.tokens:
            if not self._free_body_noun(token):
                continue
            start = self._agent_start(token)
            if start < 0 or self._names_holder(token):
                continue
            acts_for = AGENTS[self._agent_words(token, start)]
            principal = self._principal(token, start, acts_for)
            if principal is not None:
                self.place(Mention(principal.start, token.i + 1, principal.ref, MentionForm.AGENT))
                continue
            principal = self._principal_after(token, start, acts_for)
            if principal is not None and not self._person_after(principal.end):
                self.place(Mention(start, principal.end, principal.ref, MentionForm.AGENT))

    def _principal_after(self, token: Token, start: int, acts_for: ActsFor) -> Mention | None:
        """ "a spokesman for M23", "a spokesman for the Kremlin", "officials of the RSF": the
        principal after "of", or after "for" when the agent serves any kind of principal (an
        envoy "for Yemen" is sent to Yemen, not by it). Nothing when a name stands before."""
        if start > 0 and (self.owner[start - 1] >= 0 or self.tokens[start - 1].tag_.startswith(("JJ", "NN"))):
            return None  # a name or a modifier before: "the military governments of Mali" is a junta
        if token.lower_ in GOVERNMENT_NOUNS or noun_lemma(token.lower_) in GOVERNMENT_NOUNS:
            return None  # "the Government of X" is read by add_governments
        position = token.i + 1
        if position >= len(self.tokens):
            return None
        prep = self.tokens[position].lower_
        if prep != "of" and not (prep == "for" and acts_for is ActsFor.ANY):
            return None
        position += 1
        if position < len(self.tokens) and self.tokens[position].lower_ == "the":
            position += 1
        if position >= len(self.tokens) or self.owner[position] < 0:
            return None
        mention = self.mentions[self.owner[position]]
        if mention.start != position or mention.form in (MentionForm.SPEAKER, MentionForm.ADJECTIVE):
            return None
        return mention if _acts_for_kind(mention.ref.kind, acts_for) else None

    def _names_holder(self, token: Token) -> bool:
        """ "A senior Afghan commander, Haji Zaman, ...", "X, a Russian official, ...": the title
        of a named person."""
        if any(c.dep_ == "appos" for c in token.children):
            return True
        if token.dep_ == "appos" and self.owner[token.head.i] >= 0:
            return self.mentions[self.owner[token.head.i]].ref.kind is ActorKind.PERSON
        following = token.i + 1
        if following < len(self.tokens) and self.tokens[following].text == ",":
            following += 1
        if following >= len(self.tokens) or self.owner[following] < 0:
            return False
        return self.mentions[self.owner[following]].ref.kind is ActorKind.PERSON

    def _agent_words(self, token: Token, start: int) -> tuple[str, ...]:
        return (*(t.lower_ for t in self.tokens[start : token.i]), noun_lemma(token.lower_))

    def _agent_start(self, token: Token) -> int:
        """First token of the longest agent phrase ending at ``token``, or -1."""
        for length in range(min(MAX_AGENT_WORDS, token.i + 1), 0, -1):
            start = token.i - length + 1
            if any(self.owner[i] >= 0 for i in range(start, token.i)):
                continue
            if self._agent_words(token, start) in AGENTS:
                return start
        return -1

    def _principal(self, token: Token, start: int, acts_for: ActsFor) -> Mention | None:
        """The mention the phrase hangs on, right before it: "Turkey's", "Russian", "M23"."""
        position = start - 1
        while position >= 0 and self.tokens[position].lower_ in _AGENT_QUALIFIERS:
            position -= 1
        if position >= 0 and self.tokens[position].tag_ == "POS":
            position -= 1
        if position < 0 or self.owner[position] < 0:
            return None
        mention = self.mentions[self.owner[position]]
        if mention.end != position + 1 or mention.form == MentionForm.SPEAKER:
            return None
        if not any(mention.start <= t.i < mention.end for t in token.subtree):
            return None  # the parser hangs the name elsewhere: not this phrase's owner
        return mention if _acts_for_kind(mention.ref.kind, acts_for) else None

    def _junta_of(self, state: Ref, cache: dict[str, Ref | None]) -> Ref | None:
        if state.id not in cache:
            entry = self.gazetteer.lookup(f"{state.name}'s junta")
            if entry is None or entry.kind is not ActorKind.GOVERNMENT or entry.country != state.country:
                cache[state.id] = None
            else:
                cache[state.id] = Ref.of(entry)
        return cache[state.id]

    def _state_at(self, token: Token) -> Ref | None:
        index = self.owner[token.i]
        if index < 0:
            return None
        ref = self.mentions[index].ref
        return ref if ref.kind is ActorKind.STATE else None

    def add_juntas(self) -> None:
        """ "the junta", "the putschists", "the coup leaders", "the new military rulers": the military
        government of the country the story last named that has one; "the military governments of
        Mali and Burkina Faso", "the new rulers in Niamey": the juntas of the countries named there."""
        cache: dict[str, Ref | None] = {}
        live = sorted((m for m in self.mentions if m.end > m.start), key=lambda m: m.start)
        position = 0
        last: Ref | None = None
        for token in self.tokens:
            while position < len(live) and live[position].start < token.i:
                ref = live[position].ref
                if ref.kind is ActorKind.STATE:
                    last = self._junta_of(ref, cache) or last
                position += 1
            lower = token.lower_
            modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
            military = lower in ("government", "governments", "authorities") and "military" in modifiers
            junta = (
                lower in _JUNTA_WORDS
                or (lower in ("leaders", "leader") and "coup" in modifiers)
                or (lower == "rulers" and modifiers & {"military", "new"})
                or military
            )
            if not junta or not self.in_body(token.i):
                continue
            owners = [o for o in prep_objects(token, ("of",)) if self._state_at(o) is not None]
            if owners:
                # "the military governments of Mali and Burkina Faso": each state named is its junta
                for state_token in (t for o in owners for t in o.subtree):
                    state = self._state_at(state_token)
                    named = self._junta_of(state, cache) if state is not None else None
                    if named is not None:
                        self.mentions[self.owner[state_token.i]].ref = named
                continue
            if military or self.owner[token.i] >= 0 or any(c.dep_ == "poss" for c in token.children):
                continue  # "Mali's junta" is a name the gazetteer matched, or someone else's
            seat = self._seat_after(token)
            junta_ref = self._junta_of(seat, cache) if seat is not None else last
            if junta_ref is not None:
                self.place(Mention(token.i, token.i + 1, junta_ref, MentionForm.COREF))

    def _seat_after(self, token: Token) -> Ref | None:
        """ "the new rulers in Niamey": the state named right after "in", wherever the parser
        hangs the phrase."""
        doc = self.doc
        if token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "in":
            return self._state_at(doc[token.i + 2])
        return None

    def _acronym_after(self, mention: Mention, acronyms: dict[str, Ref]) -> None:
        doc = self.doc
        if mention.end + 2 < len(doc) and doc[mention.end].text == "(" and doc[mention.end + 2].text == ")":
            candidate = doc[mention.end + 1]
            if candidate.text.isupper() and len(candidate.text) >= 2:
                acronyms.setdefault(candidate.text, mention.ref)
                if self.owner[candidate.i] < 0:
                    self.place(Mention(candidate.i, candidate.i + 1, mention.ref, MentionForm.COREF))

    def index(self) -> MentionIndex:
        live = [m for m in self.mentions if m.end > m.start]
        live.sort(key=lambda m: m.start)
        by_token = [-1] * len(self.doc)
        for number, mention in enumerate(live):
            for i in range(mention.start, mention.end):
                by_token[i] = number
        return MentionIndex(self.doc, self.tokens, live, by_token, self.inner)


def _skip_words(tokens: Sequence[Token], position: int, words: frozenset[str]) -> int:
    while position < len(tokens) and tokens[position].lower_ in words:
        position += 1
    return position


def _bare_definite(token: Token) -> bool:
    """ "the government" with nothing else hung on it (no adjective, owner, place or "of")."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].lower_ != "the":
        return False
    return all(
        c.dep_ in ("cc", "conj", "punct") or (c.dep_ == "det" and c.lower_ == "the") for c in token.children
    )


def find_mentions(
    doc: Doc,
    gazetteer: Gazetteer,
    body: BodyMap,
    *,
    speaker: Ref | None = None,
    co_speakers: tuple[Ref, ...] = (),
    published: date | None = None,
) -> MentionIndex:
    """Every actor mention in the body of a parsed article.

    ``speaker`` is the government issuing the text, if it is a government
    statement: its first-person pronouns then name it. ``published`` is the article's date:
    an unnamed office ("Russia's president") names whoever held it then.
    """
    builder = _Builder(doc, gazetteer, body)
    builder.speaker = speaker
    matches, nested = _matches(doc, gazetteer, builder.tokens)
    countries = {m.entry.country for m in matches if m.entry.country and any(c.isupper() for c in m.surface)}
    for hit in nested:
        if builder.in_body(hit.start) and not builder.under_anti(hit.start):
            mention = Mention(hit.start, hit.end, Ref.of(hit.entry), hit.form)
            for i in range(hit.start, hit.end):
                known = builder.inner.get(i)
                if known is None or known.end - known.start > hit.end - hit.start:
                    builder.inner[i] = mention  # the innermost name: "Rwanda" in "Rwanda-backed M23"
    builder.add_gazetteer(matches, countries)
    builder.add_entities()
    builder.add_first_person(speaker, body.quotes)
    builder.add_governments()
    builder.add_coreference()
    builder.add_civil_war_army()
    builder.add_juntas()
    builder.add_office_holders(published)
    builder.add_agents()
    builder.add_possessive_its()
    index = builder.index()
    index.co_speakers = co_speakers
    return index


def remember_matches(
    doc: Doc, gazetteer: Gazetteer, matches: tuple[list[GazetteerMatch], list[GazetteerMatch]]
) -> None:
    """Keep ``gazetteer``'s matches over ``doc`` for find_mentions (which then does not match again)."""
    doc.user_data[GAZETTEER_MATCHES] = (gazetteer, len(doc), matches)


def _matches(
    doc: Doc, gazetteer: Gazetteer, tokens: Sequence[Token]
) -> tuple[list[GazetteerMatch], list[GazetteerMatch]]:
    kept = doc.user_data.get(GAZETTEER_MATCHES)
    if kept is not None and kept[0] is gazetteer and kept[1] == len(doc):
        return kept[2]
    return gazetteer.match_all(doc, tokens)


def _is_national_government(entry: Entry) -> bool:
    """An entry that can be what "the government of X" names: a government, junta, regime,
    authority or council by one of its names, and no regional one ("Tigray Interim Regional
    Administration", "Kurdistan Regional Government")."""
    words = {w.lower() for name in (entry.name, *entry.aliases) for w in _WORD.findall(name)}
    return bool(words & _NATIONAL_GOVERNMENT_WORDS) and "regional" not in words


def _acts_for_kind(kind: ActorKind, acts_for: ActsFor) -> bool:
    """Whether an actor of ``kind`` can be the principal of an agent that acts for ``acts_for``."""
    if kind in _STATE_PRINCIPALS:
        return acts_for is not ActsFor.GROUP
    if kind in _GROUP_PRINCIPALS:
        return acts_for is not ActsFor.STATE
    return False
