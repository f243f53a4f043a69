"""What a construction family reads one sentence through.

The construction families (``frames``, ``news``, ``mediation``, ``statements``,
``events``) are functions of a context and a trigger token. They reach the
sentence's mentions, the argument resolver and the claims stage's emitter only
through this protocol, so they depend on no higher module: ``Constructions``
(the claims stage) implements it and passes itself in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Token

    from ..gazetteer import Gazetteer
    from .arguments import Resolver
    from .mentions import MentionIndex
    from .modality import Modality
    from .predicate_frames import Frames
    from .types import Arg, Found, Sense

__all__ = ["ConstructionContext"]


class ConstructionContext(Protocol):
    """One Doc's mentions and resolver, and the claims stage's readings of a sentence."""

    mentions: MentionIndex
    resolver: Resolver
    gazetteer: Gazetteer
    doc: Doc
    tokens: list[Token]
    frames: Frames  # each predicate's roles (the frames stage)

    def subjects_of(self, verb: Token, depth: int = 0) -> list[Arg]:
        """Who does what a verb says: its subject, or the one it inherits."""
        ...

    def between(self, noun: Token) -> list[Arg]:
        """Actors named by "between X and Y" on the noun or on the clause it heads."""
        ...

    def read_verb(self, verb: Token) -> Iterator[Found]:
        """Every relation a verb states, read as the claims stage reads verbs."""
        ...

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
        """The relations ``sense`` states between each subject and each object, if asserted."""
        ...
