"""References back to actors named earlier: plural pronouns and definite descriptions.

Only two readings are made, both cheap and conservative:

* a plural reference ("they", "their governments", "these groups", "both
  militias") is the nearest coordination of two or more actors in the same or
  the previous sentence ("Israel and Lebanon ... their governments");
* a singular definite description ("the regime", "the junta", "the group",
  "the militia") is the nearest earlier actor the article has named with the
  same head noun ("the Iranian regime" ... "the regime"), or, for group words,
  the nearest earlier armed group within two sentences.

Anything else (a pronoun with no coordinated antecedent, a description with no
earlier mention of its kind) stays unresolved: no guess, no claim.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ...graph.model import ActorKind, MentionForm
from .mentions import MentionIndex
from .types import Mention

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

__all__ = [
    "ARMY_WORDS",
    "DESCRIPTOR_NOUNS",
    "FIGHTER_WORDS",
    "GROUP_WORDS",
    "PLURAL_GROUP_WORDS",
    "Antecedents",
    "Descriptions",
]

# Singular and plural nouns for a non-state armed actor.
GROUP_WORDS = frozenset({"group", "militia", "movement", "organization", "organisation", "faction"})
PLURAL_GROUP_WORDS = frozenset(
    {"groups", "militias", "movements", "organizations", "organisations", "factions", "proxies"}
)
_GROUP_KINDS = frozenset({ActorKind.ARMED_GROUP, ActorKind.PARTY})
# How news refers back to a non-state armed group: "the rebels", "the militants".
FIGHTER_WORDS = frozenset(
    {"rebels", "insurgents", "militants", "jihadists", "paramilitaries", "militiamen", "guerrillas"}
)
# Words a description of a group may add without naming a different one: "the rebel group".
_GROUP_DESCRIPTIONS = frozenset(
    {
        "armed",
        "militant",
        "rebel",
        "jihadist",
        "terrorist",
        "paramilitary",
        "insurgent",
        "islamist",
        "islamic",
        "shiite",
        "shia",
        "sunni",
        "palestinian",
        "extremist",
        "separatist",
        "backed",
    }
)
# A state's own forces are never "the rebels": "Sudanese Armed Forces", "Libyan National Army".
_STATE_FORCE_WORDS = frozenset({"army", "armed", "military", "navy", "police", "defense", "defence"})
_SENTENCES_BACK = 1  # the current sentence and the one before it
# A state's army named bare: "the army", "the military" (and "the armed forces", "government forces").
ARMY_WORDS = frozenset({"army", "military"})
# Words that make a name a state's army: "the Sudanese army", "Sudanese Armed Forces", "Russian troops".
_ARMY_NAME_WORDS = frozenset({"army", "military", "armed", "troops"})
_STATE_KINDS = frozenset({ActorKind.STATE, ActorKind.GOVERNMENT})


class Antecedents:
    """Finds the actors an anaphoric reference points back to, within one Doc."""

    def __init__(self, mentions: MentionIndex) -> None:
        self.mentions = mentions
        self.doc = mentions.doc
        self._starts = [m.start for m in mentions.mentions]

    def _window_start(self, token: Token, sentences: int = _SENTENCES_BACK) -> int:
        start = token.sent.start
        for _ in range(sentences):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        return start

    def _before(self, token: Token, window: int) -> list[Mention]:
        """Mentions ending before ``token`` and starting at or after ``window``, nearest first."""
        mentions = self.mentions.mentions
        index = bisect_left(self._starts, token.i)
        return [m for m in reversed(mentions[:index]) if m.end <= token.i and m.start >= window]

    def group(self, token: Token) -> list[Mention]:
        """The nearest coordination of two or more actors before ``token``."""
        window = self._window_start(token)
        seen: set[int] = set()
        for mention in self._before(token, window):
            if mention.form == MentionForm.SPEAKER or mention.start in seen:
                continue
            members = self._coordination(mention)
            seen.update(m.start for m in members)
            if len({m.ref.id for m in members}) >= 2:
                return members
            if self._plural_name(mention):
                return []  # "X and Y fought the Houthis, while Iran armed them": either reading
        return []

    def _plural_name(self, mention: Mention) -> bool:
        """A group named in the plural ("the Houthis", "the rebels' militias") is a nearer
        antecedent for "they" than a coordination before it."""
        last = self.doc[mention.end - 1]
        plural = last.tag_ in ("NNPS", "NNS", "NNP") and last.lower_.endswith("s")
        return mention.ref.kind in _GROUP_KINDS and plural

    def _coordination(self, mention: Mention) -> list[Mention]:
        """Every mention coordinated with ``mention`` ("X, Y and Z")."""
        root = self.doc[mention.start : mention.end].root
        while root.dep_ in ("conj", "appos") and root.head.i != root.i:
            root = root.head
        found: list[Mention] = []
        stack = [root]
        while stack:
            node = stack.pop()
            hit = self.mentions.at(node)
            if hit is not None and all(m.start != hit.start for m in found):
                found.append(hit)
            # a list is sometimes parsed as appositions: "X (KH), Y, and Z"
            stack.extend(c for c in node.children if c.dep_ in ("conj", "appos"))
        found.sort(key=lambda m: m.start)
        return found

    def described(self, token: Token, modifiers: Sequence[str] = ()) -> Mention | None:
        """ "the regime", "the military regime": the nearest earlier actor named with
        this head noun (and these modifiers)."""
        noun = token.lower_
        for mention in self._before(token, 0):
            words = {t.lower_ for t in self.doc[mention.start : mention.end]}
            if noun in words and words.issuperset(modifiers) and mention.ref.kind is not ActorKind.PERSON:
                return mention
        if noun in GROUP_WORDS and _GROUP_DESCRIPTIONS.issuperset(modifiers):
            # the one armed group of the last sentences: "Hamas and Hezbollah ... the group"
            # is either
            window = self._window_start(token, 2)
            groups = [m for m in self._before(token, window) if m.ref.kind in _GROUP_KINDS]
            if len({m.ref.id for m in groups}) == 1:
                return groups[0]
        return None

    def fighters(self, token: Token) -> Mention | None:
        """ "the rebels", "the militants": the non-state armed group the last two sentences
        name, or, if they name several, the one that was last a subject."""
        found: list[Mention] = []
        for mention in self._before(token, self._window_start(token, 2)):
            words = {w.lower() for w in mention.ref.name.split()}
            if mention.ref.kind is ActorKind.ARMED_GROUP and not words & _STATE_FORCE_WORDS:
                found.append(mention)
        if len({m.ref.id for m in found}) == 1:
            return found[0]
        for mention in found:
            root = self.doc[mention.start : mention.end].root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            if root.dep_ in ("nsubj", "nsubjpass"):
                return mention
        return None

    def army(self, token: Token) -> Mention | None:
        """ "the army", "the military", "government forces": the one state army the article
        has named ("the Sudanese army", "Sudanese Armed Forces"), else the one state or
        government named as a subject in the last two sentences. Two candidates, no reading."""
        armies = [m for m in self._before(token, 0) if self._state_army(m)]
        if len({m.ref.id for m in armies}) == 1:
            return armies[0]
        window = self._window_start(token, 2)
        if armies:
            near = [m for m in armies if m.start >= window]
            return near[0] if len({m.ref.id for m in near}) == 1 else None
        subjects = [m for m in self._before(token, window) if m.ref.kind in _STATE_KINDS and self._subject(m)]
        return subjects[0] if len({m.ref.id for m in subjects}) == 1 else None

    def _state_army(self, mention: Mention) -> bool:
        """A name made of a state word and an army word: "Russian army", "Sudanese Armed Forces"."""
        tokens = self.doc[mention.start : mention.end]
        root = tokens.root
        if root.dep_ == "poss" and root.head.lower_ in _ARMY_NAME_WORDS | {"forces"}:
            return mention.ref.kind is ActorKind.STATE  # "Syria's army", "Russia's armed forces"
        if not {t.lower_ for t in tokens} & _ARMY_NAME_WORDS:
            return False
        if mention.ref.kind is ActorKind.STATE:
            return True
        inner = self.mentions.inner
        return mention.ref.kind is ActorKind.ARMED_GROUP and any(
            (hit := inner.get(t.i)) is not None and hit.ref.kind is ActorKind.STATE for t in tokens
        )

    def _subject(self, mention: Mention) -> bool:
        root = self.doc[mention.start : mention.end].root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass")


# Descriptions of a state by what kind of state it is: "the kingdom", "the Gulf state", "the
# island nation". Each names the countries (ISO codes) it can describe; the article must name
# exactly one of them before the description.
_KINGDOMS = frozenset(
    {"SA", "JO", "MA", "GB", "BH", "BE", "NL", "ES", "SE", "NO", "DK", "TH", "KH", "LS", "SZ", "TO", "BT"}
)
_GULF = frozenset({"SA", "AE", "QA", "KW", "BH", "OM"})
_ISLANDS = frozenset(
    {
        "TW",
        "JP",
        "PH",
        "LK",
        "CU",
        "ID",
        "NZ",
        "IE",
        "IS",
        "MG",
        "MT",
        "CY",
        "SG",
        "BH",
        "MV",
        "HT",
        "DO",
        "JM",
        "FJ",
        "TL",
        "BS",
        "BB",
        "TT",
        "PG",
        "SB",
        "VU",
        "WS",
        "TO",
        "KI",
        "MU",
        "SC",
        "CV",
        "KM",
        "ST",
        "GB",
    }
)
_STATE_NOUNS = frozenset({"state", "nation", "country", "monarchy", "emirate", "sheikhdom"})
# Descriptions of an organisation: "the alliance", "the bloc", "the U.N. body", "the world body".
_ALLIANCE_WORDS = ("alliance", "treaty", "pact")
_UN_WORDS = ("united nations", "un ", "u.n. ", "unsc")
_UN_MODIFIERS = frozenset({"u.n.", "un", "united", "nations", "world"})
# Descriptions of a person: "the rebel leader", "the former general", "the 44-year-old".
_PERSON_NOUNS = frozenset(
    {"leader", "commander", "general", "warlord", "strongman", "cleric", "chief", "old", "colonel"}
)
_PERSON_MODIFIERS = frozenset(
    {"rebel", "militia", "former", "retired", "renegade", "military", "top", "veteran"}
)
DESCRIPTOR_NOUNS = frozenset({"kingdom", "alliance", "bloc", "body"}) | _STATE_NOUNS | _PERSON_NOUNS
_WINDOW = 2  # the current sentence and the two before it


def _names(mention: Mention) -> list[str]:
    return [f"{n.lower()} " for n in (mention.ref.name, *mention.ref.aliases)]


class Descriptions:
    """ "the kingdom", "the Gulf state", "the alliance", "the bloc", "the U.N. body", "the rebel
    leader", "the 44-year-old": the one earlier actor of the right kind. Two candidates (or a
    plural antecedent, or a description that does not fit), no reading."""

    def __init__(self, antecedents: Antecedents) -> None:
        self.antecedents = antecedents
        self.doc = antecedents.doc

    def resolve(self, token: Token, modifiers: Sequence[str], age: str | None) -> Mention | None:
        noun = token.lower_
        mods = set(modifiers)
        window = self.antecedents._window_start(token, _WINDOW)
        before = self.antecedents._before(token, window)
        if age is not None:
            return self._one(m for m in self.antecedents._before(token, 0) if self._aged(m, age))
        if noun in _PERSON_NOUNS and noun != "old":
            if not mods <= _PERSON_MODIFIERS:
                return None
            return self._one(m for m in before if m.ref.kind is ActorKind.PERSON)
        if noun == "kingdom" and mods <= {"gulf", "desert", "oil-rich", "conservative", "hashemite"}:
            codes = _KINGDOMS & _GULF if "gulf" in mods else _KINGDOMS
        elif noun in _STATE_NOUNS and mods in ({"gulf"}, {"gulf", "arab"}):
            codes = _GULF
        elif noun in ("nation", "state", "country") and mods == {"island"}:
            codes = _ISLANDS
        else:
            return self._organisation(noun, mods, before)
        return self._one(
            m for m in before if m.ref.kind is ActorKind.STATE and (m.ref.country or "") in codes
        )

    def _organisation(self, noun: str, mods: set[str], before: list[Mention]) -> Mention | None:
        if noun == "alliance" and mods <= {"military", "western", "atlantic", "defence", "defense"}:
            return self._one(
                m
                for m in before
                if m.ref.kind is not ActorKind.PERSON
                and any(w in n for n in _names(m) for w in _ALLIANCE_WORDS)
            )
        if noun == "bloc" and mods <= {"regional", "economic", "political", "trade", "european", "african"}:
            return self._one(
                m
                for m in before
                if m.ref.kind is ActorKind.IGO and not any(w in n for n in _names(m) for w in _UN_WORDS)
            )
        if noun == "body" and mods and mods <= _UN_MODIFIERS:
            if "world" in mods:
                return self._one(m for m in before if m.ref.id == "united-nations")
            return self._one(
                m
                for m in before
                if m.ref.kind is ActorKind.IGO
                and m.ref.id != "united-nations"
                and any(w in n for n in _names(m) for w in _UN_WORDS)
            )
        return None

    def _aged(self, mention: Mention, age: str) -> bool:
        """ "Khalifa Haftar, 76," : a person followed by the age the description gives."""
        doc = self.doc
        if mention.ref.kind is not ActorKind.PERSON or mention.end + 1 >= len(doc):
            return False
        return doc[mention.end].text == "," and doc[mention.end + 1].text == age

    def _one(self, candidates: Iterable[Mention]) -> Mention | None:
        found = list(candidates)
        if len({m.ref.id for m in found}) != 1:
            return None
        return next((m for m in found if m.form in (MentionForm.NAME, MentionForm.ALIAS)), found[0])
