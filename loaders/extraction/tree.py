"""Small parse-tree and argument helpers shared by the construction modules.

Kept apart so that ``frames``, ``news`` and ``statements`` read the tree the
same way instead of each carrying its own copy.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from .lemmas import verb_lemma
from .lexicon import HOSTILE_ACTIVITY, PEACE_NOUNS, STOPPAGE_NOUNS
from .types import Arg

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token


__all__ = [
    "dependents",
    "halted_activity",
    "inflected",
    "is_passive",
    "is_truce_noun",
    "named_args",
    "prep_objects",
]


def dependents(token: Token, *deps: str) -> list[Token]:
    """The children of ``token`` attached with one of ``deps``."""
    return [c for c in token.children if c.dep_ in deps]


def is_passive(verb: Token) -> bool:
    """A passive clause: "was backed by", "is supported"."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def prep_objects(token: Token, preps: Collection[str]) -> list[Token]:
    """Objects of the prepositions ``preps`` attached to ``token``: "support *for* X" → X."""
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ in preps
            for o in dependents(p, "pobj")]


def named_args(args: list[Arg]) -> list[Arg]:
    """The arguments resolved to a known actor (not deferred, with a reference)."""
    return [a for a in args if a.deferred is None and a.ref is not None]


def halted_activity(noun: Token) -> list[Token]:
    """The fighting a stoppage noun stops: "a cessation *of hostilities*", "a pause *in fighting*",
    "a halt *to* the *attacks*"; nothing for other nouns ("a pause in the talks")."""
    if noun.lower_ not in STOPPAGE_NOUNS:
        return []
    return [o for o in prep_objects(noun, ("of", "in", "to")) if o.lower_ in HOSTILE_ACTIVITY]


def is_truce_noun(noun: Token) -> bool:
    """A ceasefire named as one ("truce", "ceasefire") or as a stop to fighting."""
    return noun.lower_ in PEACE_NOUNS or bool(halted_activity(noun))


def inflected(word: Token, lemmas: Collection[str]) -> bool:
    """Whether a verb form is one of `lemmas` or an inflection of one ("thanked",
    "applauds", "played", "bringing", "denied")."""
    lower = word.lower_
    return lower in lemmas or verb_lemma(lower) in lemmas
