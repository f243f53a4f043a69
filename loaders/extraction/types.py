"""The values the extraction stages hand each other.

* ``Sense``: what a trigger word states (a relation type, a PLOVER-style
  category, the prepositions of the other role); the lexicon's tables hold them.
* ``Ref`` and ``Mention``: an actor and the tokens that name it (the mentions
  stage).
* ``Arg``: one actor an argument of a predicate denotes (the resolution and
  frames stages).
* ``Found``: a relation read off one sentence, before the article's actors are
  final (the claims stage).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...graph.model import ActorKind, RelationType

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Span, Token

    from ..gazetteer import Entry

__all__ = ["Arg", "Found", "Mention", "Ref", "Sense"]


@dataclass(frozen=True, slots=True)
class Sense:
    """What a trigger word states.

    ``preps`` are prepositions that introduce the other actor ("side with",
    "fight against"); ``direct`` says a direct object is the other actor;
    ``reverse`` swaps the roles ("X is a proxy of Y": Y supports X); ``mode`` is the
    PLOVER mode of the category ("military" aid), when the trigger gives one.
    """

    type: RelationType
    category: str
    preps: tuple[str, ...] = ()
    direct: bool = True
    reverse: bool = False
    confidence: float = 0.85
    mode: str | None = None


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
    form: str  # name | alias | adjective | metonym | ner | descriptive | coref
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
    form: str = ""  # how the mention named the actor (metonym, adjective, ...)

    @property
    def key(self) -> str:
        return f"{self.deferred}:{self.ref.id if self.ref else ''}"


@dataclass(slots=True)
class Found:
    """A relation found in one sentence, before actors are finalised."""

    type: RelationType
    category: str
    subject: Arg
    object: Arg
    trigger: Token
    confidence: float
    hedged: bool
    construction: str
    mode: str | None = None  # the PLOVER mode of the category, when the trigger gives one
