"""The values the extraction stages hand each other.

* ``Sense``: what a trigger word states (a relation type, a PLOVER-style
  category, the prepositions of the other role); the lexicon's tables hold them.
* ``Ref`` and ``Mention``: an actor and the tokens that name it (the mentions
  stage).
* ``Arg``: one actor an argument of a predicate denotes (the resolution and
  frames stages).
* ``Frame``: a predicate and the tokens that fill its roles (``Role``), read
  off the parse by the patterns of ``rules/frames.jsonl`` (the frames stage);
  which actors those tokens denote is the resolution stage's business.
* ``Found``: a relation read off one sentence, before the article's actors are
  final (the claims stage).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from ...graph.model import ActorKind, MentionForm, PloverCategory, RelationType

if TYPE_CHECKING:  # pragma: no cover - typing only
    from collections.abc import Collection

    from spacy.tokens import Doc, Span, Token

    from ..gazetteer import Entry

__all__ = ["Arg", "Filler", "Found", "Frame", "Mention", "Ref", "Role", "Sense"]


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger word states.

    ``preps`` are prepositions that introduce the other actor ("side with",
    "fight against"); ``direct`` says a direct object is the other actor;
    ``reverse`` swaps the roles ("X is a proxy of Y": Y supports X); ``mode`` is the
    PLOVER mode of the category ("military" aid), when the trigger gives one; ``ended``
    says the word states that the relation ended ("severed relations with"): its claims
    close the relation instead of stating it. ``ends`` is a second sense the word states
    between the same two actors, one that ended ("cut ties with" is a sanction, and ends
    their cooperation): each asserted claim of the word comes with an ended claim of it.
    ``rule`` is the id of the trigger line the sense was read from (``rules/triggers.jsonl``;
    empty for the senses the constructions define themselves); it takes no part in equality.
    """

    type: RelationType
    category: PloverCategory
    preps: tuple[str, ...] = ()
    direct: bool = True
    reverse: bool = False
    confidence: float = 0.85
    mode: str | None = None
    rule: str = field(default="", compare=False)
    ended: bool = False
    ends: Sense | None = None


@dataclass(frozen=True, slots=True)
class Ref:
    """An actor a mention denotes: a gazetteer entry or a new actor from the text."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    aliases: tuple[str, ...] = ()
    known: bool = False  # from the gazetteer

    @classmethod
    def of(cls, entry: Entry) -> Ref:
        return cls(entry.id, entry.name, entry.kind, entry.country, entry.aliases, True)


@dataclass(slots=True)
class Mention:
    """Tokens [start, end) that name an actor."""

    start: int
    end: int
    ref: Ref
    form: MentionForm
    label: str = ""  # spaCy entity label when the mention came from NER

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Arg:
    """One actor an argument denotes, with the text that names it."""

    ref: Ref | None
    text: str
    start: int  # token span of the text, for overlap checks
    end: int
    deferred: str | None = None
    factor: float = 1.0
    form: MentionForm | None = None  # how the mention named the actor, when one did

    @property
    def key(self) -> str:
        return f"{self.deferred}:{self.ref.id if self.ref else ''}"


@dataclass(slots=True)
class Found:
    """A relation found in one sentence, before actors are finalised.

    ``rule`` is the id of the rule that made it: the trigger's (``verbs:support``) when the
    trigger word's own sense stated it, else the anchor id of the construction that read it
    (``truce_parties``); the constructions' driver fills in the latter.
    """

    type: RelationType
    category: PloverCategory
    subject: Arg
    object: Arg
    trigger: Token
    confidence: float
    hedged: bool
    construction: str
    rule: str = ""
    mode: str | None = None  # the PLOVER mode of the category, when the trigger gives one
    disputed: bool = False  # an actor in the text denies it ("denied arming X")
    attributed_to: str | None = None  # the third party the text says it from ("UN experts")
    ended: bool = False  # the sentence says the relation ended ("stopped arming X")


class Role(StrEnum):
    """What a token does for a predicate, as a frame pattern names it."""

    AGENT = "AGENT"  # who acts: "Iran arms the Houthis", "backed by Iran"
    PATIENT = "PATIENT"  # who undergoes it: "arms the Houthis", "the Houthis are armed"
    RECIPIENT = "RECIPIENT"  # "gave Ukraine tanks", "sent tanks to Ukraine"
    BENEFICIARY = "BENEFICIARY"  # "fights for the regime"
    INSTRUMENT = "INSTRUMENT"  # "struck the port with drones" (or a partner: "sided with X")
    LOCATION = "LOCATION"  # "clashed in Tripoli", "met at the UN"
    PREP_OBJECT = "PREP_OBJECT"  # the object of any preposition, kept with its preposition


@dataclass(frozen=True, slots=True)
class Filler:
    """One token filling one role of a predicate, and the pattern that found it.

    ``prep`` is the preposition that introduces the token ("with" in "sided with
    X"), when it is the object of one."""

    role: Role
    token: Token
    rule: str
    prep: Token | None = None


@dataclass(frozen=True, slots=True)
class Frame:
    """A predicate and its role fillers, in document order (a preposition's
    objects at the place of the preposition)."""

    predicate: Token
    fillers: tuple[Filler, ...] = ()

    def get(self, role: Role, rule: str | None = None) -> list[Token]:
        """The tokens filling ``role`` (only those the pattern ``rule`` found, when given)."""
        return [f.token for f in self.fillers if f.role is role and (rule is None or f.rule == rule)]

    def prep_objects(self, preps: Collection[str], rule: str | None = None) -> list[Token]:
        """The objects of the prepositions ``preps``: "sided *with* X" -> X."""
        return [
            f.token
            for f in self.fillers
            if f.role is Role.PREP_OBJECT
            and f.prep is not None
            and f.prep.lower_ in preps
            and (rule is None or f.rule == rule)
        ]

    @property
    def roles(self) -> dict[Role, list[Token]]:
        """Each role that has a filler, with its tokens."""
        found: dict[Role, list[Token]] = {}
        for filler in self.fillers:
            found.setdefault(filler.role, []).append(filler.token)
        return found
