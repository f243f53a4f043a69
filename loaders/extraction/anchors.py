"""Anchors: the cheap token condition each construction checks first, matched once per document.

Every construction ``Constructions.sentence`` tries on a token first checks a
cheap condition of that token (its word or the lemma of its word, its tag,
its dependency) and yields nothing when it fails. ``rules/anchors.jsonl`` holds
that condition as data, one spaCy ``Matcher`` pattern of one token per
construction. One ``Matcher`` is built per vocabulary from the file (cached)
and run once over each document; a construction is then tried only on the
tokens its anchor matched. An anchor may be wider than its construction's own
checks (the construction still makes them), never narrower.

Word lists in a pattern name their sets (``IN_SET``, ``VERB_FORMS``; see
``rulefiles.resolve_pattern``): the lexicon's tables and word sets, and the
sets the construction families export as ``ANCHOR_WORDS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from . import frames, lexicon, mediation, news, statements
from .lemmas import PartOfSpeech, forms_of
from .rulefiles import PACKAGED_ANCHORS, RuleError, read_anchors, resolve_pattern

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.matcher import Matcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["anchor_sets", "anchored"]


@lru_cache(maxsize=1)
def anchor_sets() -> dict[str, frozenset[str]]:
    """Every word set an anchor may name: the lexicon's tables (their lemmas) and word sets,
    and the families' ``ANCHOR_WORDS``."""
    sets: dict[str, frozenset[str]] = {}
    for name in lexicon.__all__:
        value = getattr(lexicon, name)
        if isinstance(value, dict):
            sets[name] = frozenset(value)
        elif isinstance(value, frozenset) and all(isinstance(word, str) for word in value):
            sets[name] = value
    for family in (mediation, frames, news, statements):
        for name, words in family.ANCHOR_WORDS.items():
            if name in sets:
                raise ValueError(f"{family.__name__}.ANCHOR_WORDS: {name!r} names two word sets")
            sets[name] = words
    return sets


def _verb_forms(lemmas: frozenset[str]) -> frozenset[str]:
    return forms_of(lemmas, PartOfSpeech.VERB)


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab, registered: tuple[str, ...]) -> Matcher:
    """The anchors of the registered constructions as one Matcher (RuleError if the file is broken)."""
    from spacy.matcher import Matcher

    sets = anchor_sets()
    anchors, problems = read_anchors(registered, sets, PACKAGED_ANCHORS)
    if problems:
        raise RuleError(problems)
    matcher = Matcher(vocab)
    for anchor in anchors:
        matcher.add(anchor.id, [resolve_pattern(list(anchor.pattern), sets, _verb_forms)])
    return matcher


def anchored(doc: Doc, registered: Sequence[str]) -> dict[int, frozenset[str]]:
    """Token index -> the constructions whose anchors matched it, from one matcher pass."""
    matcher = _matcher(doc.vocab, tuple(registered))
    found: dict[int, set[str]] = {}
    for match_id, start, _ in matcher(doc):
        found.setdefault(start, set()).add(doc.vocab.strings[match_id])
    return {i: frozenset(ids) for i, ids in found.items()}
