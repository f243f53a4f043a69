"""From a syntactic argument (a head token) to the actors it denotes.

One head can denote several actors (coordination: "Egypt, Russia and the
UAE"), an actor named in a modifier ("Turkish forces", "Haftar's army"), the
antecedent of a relative pronoun ("the LNA, which is backed by ..."), the
subject of a copula ("Russia is among the countries allied with ..."), or the
belligerents of the article ("the two sides"), which are known only once the
whole article is read and so stay deferred.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...graph.model import ActorKind, MentionForm
from .coref import (
    ARMY_WORDS,
    DESCRIPTOR_NOUNS,
    FIGHTER_WORDS,
    GROUP_WORDS,
    PLURAL_GROUP_WORDS,
    Antecedents,
    Descriptions,
)
from .lemmas import verb_lemma
from .lexicon import (
    BACKER_PARTICIPLES,
    CIVILIAN_VESSEL_WORDS,
    COLLECTIVE_NOUNS,
    COMPOUND_PARTICIPLES,
    EFFORT_NOUNS,
    FORCE_NOUNS,
    GENERIC_GROUP_NOUNS,
    MEDIATION_VERBS,
    PEACE_NOUNS,
    PERSON_ROLE_NOUNS,
    TALK_NOUNS,
    TARGET_NOUNS,
    VESSEL_NOUNS,
)
from .mentions import MentionIndex
from .types import Arg, Mention

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

__all__ = ["LED_BY", "PARTIES", "Resolver"]

LED_BY = "led_by"  # the organisation a person leads ("Haftar's forces")
PARTIES = "parties"  # the belligerents of the article ("the two sides")

_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod"})
_COORD_DEPS = frozenset({"conj"})
_RELATIVE_TAGS = frozenset({"WDT", "WP"})
_MEMBER_NOUNS = FORCE_NOUNS | {"leaders", "leader", "delegates", "members", "representatives", "allies"}
_MAX_DEPTH = 6


def _member_compound(token: Token) -> bool:
    """ "the alliance's member groups", "NATO member states": members, named by their owner."""
    return any(c.dep_ == "compound" and c.lower_ == "member" for c in token.children)


# Participles that tie a target to its owner: "ships linked to Israel".
_TIED_PARTICIPLES = frozenset({"linked", "tied", "connected"})
_QUANTITY_NOUNS = frozenset(
    {"number", "series", "range", "dozens", "scores", "hundreds", "string", "wave", "host"}
)
# Participles that name where a thing comes from, not who holds it: "US-made", "Iranian-designed".
_ORIGIN_PARTICIPLES = frozenset(
    {"made", "built", "supplied", "designed", "manufactured", "provided", "produced", "donated", "sourced"}
)
# Groupings of several actors: the one that leads is a member, not the whole ("the US-led coalition").
_LED_GROUPINGS = frozenset({"coalition", "coalitions", "alliance", "alliances", "bloc", "grouping"})
_COMMAND_NOUNS = frozenset({"command", "control", "leadership"})
# Heads whose possessor is the other side of the relation, not the group itself.
_RELATIONAL_PLURALS = frozenset({"allies"})
_COREF_FACTOR = 0.8  # an actor reached through a pronoun or a description
_PLURAL_DETERMINERS = frozenset({"these", "those", "both"})
_DESCRIBED_NOUNS = frozenset({"regime", "junta", "administration"}) | GROUP_WORDS
# Plain descriptive words a later description may repeat: "the (ruling) military regime".
_DESCRIPTIVE_MODIFIERS = frozenset({"military", "ruling", "armed", "militant", "terrorist", "rebel"})
_MODIFIER_OR_PREP = frozenset({"compound", "amod", "nmod", "poss", "prep", "nummod", "appos"})
# "government forces", "the armed forces", "government troops": a state's army named bare.
_ARMY_PLURALS = frozenset({"forces", "troops", "soldiers"})
_ARMY_PLURAL_MODIFIERS = frozenset({"government", "armed"})
# Heads for which a person owner means the organisation the person leads.
_LED_NOUNS = frozenset(
    [
        "force",
        "forces",
        "army",
        "armies",
        "troops",
        "troop",
        "military",
        "militia",
        "militias",
        "fighters",
        "loyalists",
        "brigade",
        "brigades",
        "units",
        "soldiers",
        "men",
        "camp",
        "side",
    ]
)


def _children_except(token: Token, *deps: str) -> list[Token]:
    """Children other than ``deps`` and punctuation: what else modifies a head."""
    return [c for c in token.children if c.dep_ not in deps and c.dep_ != "punct"]


class Resolver:
    """Resolves head tokens to actors within one Doc."""

    def __init__(self, mentions: MentionIndex) -> None:
        self.mentions = mentions
        self.doc = mentions.doc
        self.antecedents = Antecedents(mentions)
        self.descriptions = Descriptions(self.antecedents)

    def resolve(self, token: Token, depth: int = 0) -> list[Arg]:
        """All actors a head token denotes, coordinated ones included."""
        if depth > _MAX_DEPTH:
            return []
        found = self._single(token, depth)
        for other in self._coordinated(token):
            found.extend(self.resolve(other, depth + 1))
        unique: dict[str, Arg] = {}
        for arg in found:
            unique.setdefault(arg.key, arg)
        return list(unique.values())

    def mention_arg(self, mention: Mention, factor: float = 1.0) -> Arg:
        return Arg(
            mention.ref,
            self.mentions.text(mention),
            mention.start,
            mention.end,
            factor=factor,
            form=mention.form,
        )

    # -- one head ----------------------------------------------------------
    def _single(self, token: Token, depth: int) -> list[Arg]:
        mention = self.mentions.at(token)
        if mention is not None and mention.form == MentionForm.SPEAKER and len(self.mentions.co_speakers) > 1:
            # "we" in a joint statement of two governments: both of them
            return [
                self.mention_arg(Mention(mention.start, mention.end, ref, mention.form))
                for ref in self.mentions.co_speakers
            ]
        if mention is not None:
            if token.lower_ in PERSON_ROLE_NOUNS and mention.ref.kind is not ActorKind.PERSON:
                # "the AU High Representative for the Horn of Africa Olusegun Obasanjo":
                # an office named as an organisation, then the person holding it
                holder = self._office_holder(token, mention)
                if holder is not None:
                    return [holder]
            return [self.mention_arg(mention)]
        if token.tag_ in _RELATIVE_TAGS and token.head.dep_ == "relcl":
            return self.resolve(token.head.head, depth + 1)
        lower = token.lower_
        if token.dep_ == "conj" and any(c.lower_ == "other" for c in token.children):
            # "Hezbollah and other organizations backed by Iran": Hezbollah is one of them
            return self.resolve(token.head, depth + 1) if depth < 2 else []
        if lower in PERSON_ROLE_NOUNS:
            named = [a for c in token.children if c.dep_ == "appos" for a in self.resolve(c, depth + 1)]
            if named:
                return named
        if lower in _MEMBER_NOUNS or lower in EFFORT_NOUNS or _member_compound(token):
            owner = self._owner(token, depth)
            if owner:
                return owner
        if lower in COLLECTIVE_NOUNS and token.tag_ == "NNS":
            named = [a for c in token.children if c.dep_ == "appos" for a in self.resolve(c, depth + 1)]
            if named:
                return named
            return [Arg(None, self._phrase(token), token.left_edge.i, token.i + 1, PARTIES, 0.75)]
        if lower in GENERIC_GROUP_NOUNS:
            listed = self._listed(token, depth)
            if listed:
                return listed
            subject = self._copula_subject(token)
            if subject is not None:
                return self.resolve(subject, depth + 1)
        for child in token.children:
            if child.dep_ == "appos":
                return self.resolve(child, depth + 1)
        if token.tag_ == "NNS":
            listed = self._listed(token, depth)  # "those leading the efforts, including X"
            if listed:
                return listed
        return self._anaphor(token)

    def _office_holder(self, token: Token, office: Mention) -> Arg | None:
        """The person named right after an office ("... Envoy for Yemen Hans Grundberg").

        A name the gazetteer knows as an office must be followed at once by the
        person; an office spaCy guessed may have its complement in between.
        """
        if office.form != MentionForm.NER:
            following = self.mentions.at(self.doc[office.end]) if office.end < len(self.doc) else None
            if following is not None and following.ref.kind is ActorKind.PERSON:
                return self.mention_arg(following)
            return None
        for inner in token.subtree:
            if inner.i < office.end:
                continue
            found = self.mentions.at(inner)
            if found is not None and found.ref.kind is ActorKind.PERSON:
                return self.mention_arg(found)
        return None

    def _anaphor(self, token: Token) -> list[Arg]:
        """ "they", "these groups", "both militias", "the regime", "the group": an earlier actor."""
        lower = token.lower_
        if token.tag_ == "PRP" and lower in ("they", "them"):
            described = self._described_reporter(token)
            if described is not None:
                return described
            return self._group_args(token) or (self._reporter(token, plural=True) if lower == "they" else [])
        if lower == "it":
            return self._reporter(token) or self._relative_it(token)
        dets = {c.lower_ for c in token.children if c.dep_ in ("det", "predet")}
        if dets == {"the"} and lower in DESCRIPTOR_NOUNS and token.tag_ in ("NN", "NNP", "JJ"):
            described = self._description(token)
            if described is not None:
                return described
        if lower in PLURAL_GROUP_WORDS or lower in GENERIC_GROUP_NOUNS:
            if dets & _PLURAL_DETERMINERS:
                return self._group_args(token)
            return []
        if self._army_word(token, dets):
            return self.army(token)
        if lower in FIGHTER_WORDS and dets == {"the"} and not _children_except(token, "det"):
            fighters = self.antecedents.fighters(token)  # "the rebels": the group just named
            return [self.mention_arg(fighters, _COREF_FACTOR)] if fighters is not None else []
        if dets == {"the"} and lower in GROUP_WORDS:
            described = self._description(token)
            if described is not None:
                return described
        if lower in _DESCRIBED_NOUNS and token.tag_ == "NN" and dets == {"the"}:
            modifiers = [c for c in token.children if c.dep_ in _MODIFIER_OR_PREP]
            if any(
                c.lower_ not in _DESCRIPTIVE_MODIFIERS or c.dep_ not in ("amod", "compound")
                for c in modifiers
            ):
                return []
            # "the military regime": an earlier actor named with the same words
            mention = self.antecedents.described(token, [c.lower_ for c in modifiers])
            if mention is not None:
                return [self.mention_arg(mention, _COREF_FACTOR)]
        return []

    def _description(self, token: Token) -> list[Arg] | None:
        """ "the kingdom", "the Gulf state", "the bloc", "the U.N. body", "the rebel leader",
        "the 44-year-old", "the Islamist group", "the Iranian-backed group": the one earlier
        actor the description fits (an empty list when none or several do; None when the
        words are no such description)."""
        modifiers: list[str] = []
        age: str | None = None
        for child in token.children:
            if child.dep_ in ("det", "punct", "case") or child.dep_ in ("prep", "relcl", "acl"):
                continue
            if child.dep_ == "npadvmod" and child.lower_ == "year" and token.lower_ == "old":
                age = next((c.text for c in child.children if c.dep_ == "nummod"), None)
                continue
            if child.dep_ == "amod" and child.tag_ == "VBN" and child.lower_ in BACKER_PARTICIPLES:
                modifiers.append("backed")  # "the Iranian-backed group"
                continue
            if child.dep_ not in ("amod", "compound"):
                return None
            modifiers.append(child.lower_)
        if token.lower_ == "old" and age is None:
            return None
        if token.lower_ in GROUP_WORDS:
            if token.tag_ != "NN":
                return None
            mention = self.antecedents.described(token, modifiers)
        else:
            mention = self.descriptions.resolve(token, modifiers, age)
        return [self.mention_arg(mention, _COREF_FACTOR)] if mention is not None else []

    @staticmethod
    def _army_word(token: Token, dets: set[str]) -> bool:
        """ "the army", "the military", "the armed forces", "government forces"."""
        others = [c for c in token.children if c.dep_ not in ("det", "punct", "case", "prep", "acl", "relcl")]
        if token.lower_ in ARMY_WORDS and token.tag_ == "NN":
            return dets == {"the"} and not others
        if token.lower_ not in _ARMY_PLURALS or not dets <= {"the"} or len(others) != 1:
            return False
        modifier = others[0]
        return (
            modifier.lower_ in _ARMY_PLURAL_MODIFIERS
            and modifier.dep_ in ("amod", "compound")
            and (modifier.lower_ == "government" or dets == {"the"})
        )

    def army(self, token: Token) -> list[Arg]:
        """The state army a bare "army" word refers back to, if the article makes it plain."""
        mention = self.antecedents.army(token)
        return [self.mention_arg(mention, _COREF_FACTOR)] if mention is not None else []

    def _relative_it(self, token: Token) -> list[Arg]:
        """ "X welcomed the agreement, which it helped broker": "it" in a relative clause on
        the object is the subject of the main verb (an organisation or a state)."""
        if token.dep_ != "nsubj":
            return []
        clause = token.head
        while clause.dep_ in ("xcomp", "ccomp") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "relcl" or not any(t.tag_ == "WDT" or t.lower_ == "that" for t in clause.subtree):
            return []
        if not any(verb_lemma(v.lower_) in MEDIATION_VERBS for v in (clause, *clause.children)):
            return []  # "the deal ..., which it helped broker"; other verbs misread "which"
        noun = clause.head
        while noun.dep_ in ("conj", "pobj", "prep") and noun.head.i != noun.i:
            noun = noun.head  # "the agreement between A and B, which it ...": the agreement
        if noun.dep_ != "dobj" or (noun.lower_ not in TALK_NOUNS and noun.lower_ not in PEACE_NOUNS):
            return []  # only for deals and talks, whose "which" the parser hangs on a party
        return [
            self.mention_arg(m, _COREF_FACTOR)
            for c in noun.head.children
            if c.dep_ == "nsubj"
            and (m := self.mentions.at(c)) is not None
            and m.ref.kind is not ActorKind.PERSON
        ]

    def _described_reporter(self, token: Token) -> list[Arg] | None:
        """ "The military governments of Mali and Niger said they backed ...": "they" is the
        speaker the clause reports, here a plural description; the actors it is made of, or no
        one. None when the speaker is not such a description."""
        if token.dep_ != "nsubj" or token.head.dep_ != "ccomp":
            return None
        speakers = [c for c in token.head.head.children if c.dep_ == "nsubj"]
        if len(speakers) != 1 or speakers[0].tag_ != "NNS" or self.mentions.at(speakers[0]) is not None:
            return None
        found: dict[str, Arg] = {}
        for obj in (o for p in speakers[0].children if p.lower_ == "of" for o in p.children):
            for word in obj.subtree:
                mention = self.mentions.at(word)
                if mention is not None and mention.start == word.i:
                    found.setdefault(mention.ref.id, self.mention_arg(mention, _COREF_FACTOR))
        return list(found.values())

    def _reporter(self, token: Token, *, plural: bool = False) -> list[Arg]:
        """ "Hezbollah said it fired rockets", "the Houthis said they targeted ...": the
        organisation that reports its own act ("they" never stands for a state: "Russia said
        they attacked" is about someone else)."""
        if token.dep_ != "nsubj" or token.head.dep_ != "ccomp":
            return []
        barred = (ActorKind.PERSON, ActorKind.STATE) if plural else (ActorKind.PERSON,)
        speaker = token.head.head
        return [
            self.mention_arg(m, _COREF_FACTOR)
            for c in speaker.children
            if c.dep_ == "nsubj" and (m := self.mentions.at(c)) is not None and m.ref.kind not in barred
        ]

    def _group_args(self, token: Token) -> list[Arg]:
        return [self.mention_arg(m, _COREF_FACTOR) for m in self.antecedents.group(token)]

    def owner(self, token: Token) -> list[Arg]:
        """The actor named in a head's modifier: "the people of Ukraine", "Ukrainian people"."""
        return self._owner(token)

    def _owner(self, token: Token, depth: int = 0) -> list[Arg]:
        """ "Turkish forces", "Haftar's army", "forces of the US and the UK",
        "forces loyal to Haftar", "the efforts of X", "this UN-led engagement"."""
        candidates: list[Token] = []
        named = any(c.dep_ == "amod" and self.mentions.at(c) is not None for c in token.children)
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ == "their" and not named:
                group = self._group_args(child)  # "their governments": the actors just named
                if group:
                    return group  # but "their Afghan allies" are Afghanistan
            if child.lower_ in ("loyal", "close", "aligned"):
                # "forces loyal to X", also with "loyal" parsed as a modifier: "Fighters loyal to X"
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "to":
                        candidates.extend(c for c in prep.children if c.dep_ == "pobj")
            elif child.dep_ == "poss" and token.lower_ in _RELATIONAL_PLURALS:
                continue  # "Iran's Houthi allies" are the Houthis, never Iran
            elif child.dep_ in _MODIFIER_DEPS and child.lower_ != "their":
                candidates.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
                candidates.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ == "under":
                # "forces under the command of X": the commander's, as "forces loyal to X"
                for command in child.children:
                    if command.dep_ == "pobj" and command.lower_ in _COMMAND_NOUNS:
                        candidates.extend(
                            o
                            for p in command.children
                            if p.dep_ == "prep" and p.lower_ == "of"
                            for o in p.children
                            if o.dep_ == "pobj"
                        )
        for child in candidates:
            if child.lower_ in _ORIGIN_PARTICIPLES:
                continue  # "Iranian-made drones" are not Iran's forces
            prefix = self.hyphen_prefix(child)
            if prefix is not None and child.lower_ == "led" and token.lower_ in _LED_GROUPINGS:
                continue  # "the Emirati-led coalition" is a coalition, not the state leading it
            if prefix is not None and child.lower_ not in BACKER_PARTICIPLES:
                return [prefix]  # "UN-led engagement"; but "Iran-backed militias" are not Iran
            if prefix is not None:
                continue
            mention = self.mentions.at(child) or self.mentions.inner_at(child)
            if mention is None:
                if child.dep_ == "pobj" or child.lower_ in COLLECTIVE_NOUNS:
                    nested = self.resolve(child, depth + 1)
                    if nested:
                        return nested
                continue
            pobj = child.dep_ == "pobj"  # "forces of the US and the UK": keep the conjuncts
            found = self.resolve(child, depth + 1) if pobj else [self.mention_arg(mention)]
            if not pobj:
                # "Indian and Pakistani troops": every coordinated modifier
                found += [
                    self.mention_arg(m)
                    for c in child.children
                    if c.dep_ == "conj" and (m := self.mentions.at(c)) is not None
                ]
            out = []
            for arg in found:
                if arg.ref is not None and arg.ref.kind is ActorKind.PERSON and token.lower_ in _LED_NOUNS:
                    out.append(Arg(arg.ref, arg.text, arg.start, arg.end, LED_BY, 0.9, arg.form))
                else:
                    out.append(
                        Arg(arg.ref, arg.text, arg.start, arg.end, arg.deferred, arg.factor * 0.9, arg.form)
                    )
            return out
        return []

    def hyphen_prefix(self, token: Token) -> Arg | None:
        """ "UN-led", "Houthi-controlled": the actor before the hyphen of a participle."""
        if token.tag_ not in ("VBN", "JJ") or token.i < 2 or self.doc[token.i - 1].text != "-":
            return None
        mention = self.mentions.inner_at(self.doc[token.i - 2])
        if mention is None:
            return None
        return Arg(
            mention.ref,
            self.doc[mention.start : token.i + 1].text,
            mention.start,
            token.i + 1,
            factor=0.9,
            form=mention.form,
        )

    def target_owner(self, token: Token, depth: int = 0) -> list[Arg]:
        """Whose targets: "Houthi targets", "targets in Houthi-controlled areas",
        "facilities used by the IRGC"."""
        if token.lower_ in _QUANTITY_NOUNS and depth <= 2:
            # "a number of targets in X", "a series of positions held by X"
            for obj in (
                o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
            ):
                if obj.dep_ == "pobj":
                    return self.target_owner(obj, depth + 1)
            return []
        if token.lower_ not in TARGET_NOUNS or depth > 3:
            return []
        if token.lower_ in VESSEL_NOUNS and any(
            t.lower_ in CIVILIAN_VESSEL_WORDS or t.lower_.endswith(("-owned", "-flagged", "-operated"))
            for t in token.subtree
            if t.i < token.i
        ):
            return []  # "commercial ships", "a Greek-owned vessel": not a state's
        for child in token.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod"):
                if child.lower_ in _ORIGIN_PARTICIPLES or child.lower_ in COMPOUND_PARTICIPLES:
                    # "US-made tanks", "Iranian-designed drones": the maker is no target; nor
                    # the backer of "Iranian-backed Houthi vehicles"
                    continue
                prefix = self.hyphen_prefix(child)
                if prefix is not None:
                    return [prefix]
                mention = self.mentions.at(child)
                if mention is not None and mention.form != MentionForm.METONYM:
                    return [self.mention_arg(mention, 0.9)]
            if child.dep_ == "acl" and child.tag_ == "VBN":
                if child.lower_ in _TIED_PARTICIPLES:
                    # "ships linked to Israel": the one they are tied to
                    found = [
                        a
                        for p in child.children
                        if p.dep_ == "prep" and p.lower_ == "to"
                        for o in p.children
                        if o.dep_ == "pobj"
                        for a in self.resolve(o, depth + 1)
                    ]
                    if found:
                        return found
                for agent in child.children:
                    if agent.dep_ == "agent":
                        found = [
                            a for p in agent.children if p.dep_ == "pobj" for a in self.resolve(p, depth + 1)
                        ]
                        if found:
                            return found
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of", "at", "across"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self.target_owner(obj, depth + 1)
                        if found:
                            return found
        return []

    def _listed(self, token: Token, depth: int) -> list[Arg]:
        """ "countries such as Russia and Egypt", "countries including Russia"."""
        found: list[Arg] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("as", "including", "like"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found.extend(self.resolve(obj, depth + 1))
            elif child.lower_ == "including" and child.dep_ in ("prep", "acl"):
                for obj in child.children:
                    if obj.dep_ in ("pobj", "dobj"):
                        found.extend(self.resolve(obj, depth + 1))
        return found

    def included(self, subject: Token, depth: int = 0) -> list[Arg]:
        """ "The leaders designated today by OFAC include X and Y", "the groups backed by Iran
        are X and Y": the members a plural subject lists through "include" or a copula."""
        if subject.tag_ != "NNS" or subject.dep_ != "nsubj":
            return []
        verb = subject.head
        lemma = verb_lemma(verb.lower_)
        if lemma == "include":
            # a name whose first word the parser took for a preposition ("include Than Shwe")
            listed = [c for c in verb.children if c.dep_ == "dobj"] or [
                o for p in verb.children if p.dep_ == "prep" and p.i == verb.i + 1 for o in p.children
                if o.dep_ == "pobj"
            ]
        elif lemma == "be":
            listed = [c for c in verb.children if c.dep_ == "attr"]
        else:
            return []
        return [a for c in listed for a in self.resolve(c, depth + 1)]

    @staticmethod
    def _copula_subject(token: Token) -> Token | None:
        """ "X is among the countries ...", "X is one of the countries ..."."""
        node = token
        if node.dep_ == "pobj" and node.head.lower_ in ("among", "of"):
            node = node.head
            if node.head.dep_ == "attr" and node.head.lower_ in ("one", "some", "several"):
                node = node.head
        if node.dep_ not in ("prep", "attr"):
            return None
        verb = node.head
        if not verb.tag_.startswith("VB"):
            return None
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        return None

    def _coordinated(self, token: Token) -> list[Token]:
        """Conjuncts of the head or of any token in its mention, and "along with" partners."""
        mention = self.mentions.at(token)
        heads = [token] if mention is None else list(self.doc[mention.start : mention.end])
        if token not in heads:
            heads.append(token)
        found: list[Token] = []
        for head in heads:
            for child in head.children:
                if (
                    child.dep_ in _COORD_DEPS
                    and (mention is None or child.i >= mention.end or child.i < mention.start)
                ) or (child.dep_ == "appos" and self._listed_apposition(child, mention)):
                    found.append(child)
                elif (
                    mention is not None
                    and child.dep_ in ("amod", "compound")
                    and child.i < mention.start
                    and any(c.dep_ == "conj" for c in child.children)
                    and self.mentions.at(child) is not None
                ):
                    found.append(child)  # "Indian and Pakistani troops": both armies
                elif child.dep_ == "prep" and child.lower_ in ("along", "together"):
                    for inner in child.children:
                        if inner.dep_ == "prep" and inner.lower_ == "with":
                            found.extend(c for c in inner.children if c.dep_ == "pobj")
                elif (
                    child.dep_ == "prep"
                    and child.lower_ == "with"
                    and any(a.lower_ in ("together", "along") for a in child.children)
                ):
                    # "Egypt together with the UAE": "together" hangs off "with"
                    found.extend(c for c in child.children if c.dep_ == "pobj")
        return found

    def _listed_apposition(self, child: Token, mention: Mention | None) -> bool:
        """ "X (KH), Y, and Z" or "X, Y and ..." parsed as appositions.

        An apposition names the same actor again; one that names a different
        actor (neither a person) is an item of a list the parser misread.
        """
        other = self.mentions.at(child)
        if other is None or mention is None or other.ref.id == mention.ref.id:
            return False
        if any(c.dep_ in ("cc", "conj") for c in child.children):
            return True
        return (ActorKind.PERSON not in (other.ref.kind, mention.ref.kind)
                and other.form != MentionForm.DESCRIPTIVE)

    def partners(self, verb: Token) -> list[Token]:
        """ "X, along with Y, backs Z": Y is attached to the verb."""
        found: list[Token] = []
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("along", "together"):
                for inner in child.children:
                    if inner.dep_ == "prep" and inner.lower_ == "with":
                        found.extend(c for c in inner.children if c.dep_ == "pobj")
        return found

    def _phrase(self, token: Token) -> str:
        start = token.left_edge.i
        return self.doc[start : token.i + 1].text
