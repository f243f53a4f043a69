"""Anchors: the cheap token condition each construction checks first, matched once per document.

Every construction ``Constructions.sentence`` tries on a token first checks a
cheap condition of that token (its word or the lemma of its word, its tag,
its dependency) and yields nothing when it fails. ``rules/anchors.jsonl`` holds
that condition as data, one spaCy ``Matcher`` pattern of one token per
construction. The file is compiled once per vocabulary (cached) and run once
over each document: one spaCy ``PhraseMatcher`` pass finds the tokens of the
anchors' ``LOWER`` word lists, and each found token is checked against the
rest of its anchor (``TAG``, ``DEP``: equal, ``IN``, ``NOT_IN``, ``REGEX``,
as the ``Matcher`` reads them; ``rules check`` compiles every pattern with
spaCy's ``Matcher``). A construction is then tried only on the tokens its
anchor matched. An anchor may be wider than its construction's own
checks (the construction still makes them), never narrower.

Word lists in a pattern name their sets (``IN_SET``, ``VERB_FORMS``; see
``rulefiles.resolve_pattern``): the lexicon's tables and word sets, and the
sets the construction families export as ``ANCHOR_WORDS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import frames, lexicon, mediation, news, statements
from .lemmas import PartOfSpeech, forms_of
from .rulefiles import PACKAGED_ANCHORS, RuleError, read_anchors, resolve_pattern

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token
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


_TOKEN_ATTRS: dict[str, Callable[[Token], str]] = {
    "LOWER": lambda token: token.lower_,
    "TAG": lambda token: token.tag_,
    "DEP": lambda token: token.dep_,
}


def _test(value: str | dict[str, Any]) -> Callable[[str], bool]:
    """One attribute's condition as spaCy's Matcher reads it: equal, IN, NOT_IN, REGEX (search)."""
    if isinstance(value, str):
        return value.__eq__
    listed = frozenset(value.get("IN", ()))
    unlisted = frozenset(value.get("NOT_IN", ()))
    regex = re.compile(value["REGEX"]) if "REGEX" in value else None  # nothing else is admitted

    def test(text: str) -> bool:
        return (
            ("IN" not in value or text in listed)
            and text not in unlisted
            and (regex is None or regex.search(text) is not None)
        )

    return test


@dataclass(frozen=True)
class _Compiled:
    """The anchors, compiled for one pass: a PhraseMatcher over the LOWER word lists, and the
    other conditions of each anchor, checked on the tokens it found."""

    words: PhraseMatcher
    checks: dict[str, tuple[tuple[Callable[[Token], str], Callable[[str], bool]], ...]]
    everywhere: tuple[str, ...]  # anchors with no LOWER word list: every token is a candidate
    # Anchors with no LOWER condition at all read only TAG and DEP: their matches on a token
    # depend on (tag, dep) alone and are kept per pair, so each pair is checked once.
    by_tag_dep: tuple[str, ...]
    matched_by_tag_dep: dict[tuple[int, int], frozenset[str]]  # by the hashes of tag, dep


@lru_cache(maxsize=4)
def _compiled(vocab: Vocab, registered: tuple[str, ...]) -> _Compiled:
    """The anchors of the registered constructions (RuleError if the file is broken).

    spaCy's ``Matcher`` evaluates ``IN`` and ``REGEX`` as Python predicates on every token
    for every pattern (8 µs a token for these anchors, more than the constructions they gate
    cost); a ``PhraseMatcher`` on ``LOWER`` finds the words in one hashed pass, and only the
    tokens it finds are checked against the rest of their patterns."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    sets = anchor_sets()
    anchors, problems = read_anchors(registered, sets, PACKAGED_ANCHORS)
    if problems:
        raise RuleError(problems)
    words = PhraseMatcher(vocab, attr="LOWER")
    checks: dict[str, tuple[tuple[Callable[[Token], str], Callable[[str], bool]], ...]] = {}
    everywhere: list[str] = []
    by_tag_dep: list[str] = []
    for anchor in anchors:
        [token] = resolve_pattern(list(anchor.pattern), sets, _verb_forms)
        lower = token.get("LOWER")
        listed = [lower] if isinstance(lower, str) else None
        if isinstance(lower, dict) and set(lower) == {"IN"}:
            listed = list(lower["IN"])
        if listed is not None:
            words.add(anchor.id, [Doc(vocab, words=[word]) for word in listed])
            token = {attr: value for attr, value in token.items() if attr != "LOWER"}
        elif set(token) <= {"TAG", "DEP"}:
            by_tag_dep.append(anchor.id)
        else:
            everywhere.append(anchor.id)
        checks[anchor.id] = tuple((_TOKEN_ATTRS[attr], _test(value)) for attr, value in token.items())
    return _Compiled(words, checks, tuple(everywhere), tuple(by_tag_dep), {})


def anchored(doc: Doc, registered: Sequence[str]) -> dict[int, frozenset[str]]:
    """Token index -> the constructions whose anchors matched it, from one matcher pass."""
    compiled = _compiled(doc.vocab, tuple(registered))
    checks = compiled.checks
    candidates: list[tuple[str, int]] = [
        (doc.vocab.strings[match_id], start) for match_id, start, _ in compiled.words(doc)
    ]
    candidates += [(anchor_id, token.i) for anchor_id in compiled.everywhere for token in doc]
    found: dict[int, set[str]] = {}
    for anchor_id, i in candidates:
        token = doc[i]
        if all(test(read(token)) for read, test in checks[anchor_id]):
            found.setdefault(i, set()).add(anchor_id)
    matched: dict[int, frozenset[str]] = {}
    if compiled.by_tag_dep:
        from spacy.attrs import DEP, TAG

        per_pair = compiled.matched_by_tag_dep
        # The (tag, dep) hashes of every token in one array read: no Token objects made.
        for i, (tag, dep) in enumerate(doc.to_array([TAG, DEP]).tolist()):
            pair = (tag, dep)
            ids = per_pair.get(pair)
            if ids is None:
                token = doc[i]
                ids = per_pair[pair] = frozenset(
                    anchor_id
                    for anchor_id in compiled.by_tag_dep
                    if all(test(read(token)) for read, test in checks[anchor_id])
                )
            if ids:
                matched[i] = ids
    for i, words in found.items():
        matched[i] = matched.get(i, frozenset()) | words
    return matched
