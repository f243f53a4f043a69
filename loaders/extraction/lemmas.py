"""Lemmas of verb, noun and adjective forms, from the English model's own lemmatizer data.

The extraction pipeline runs without spaCy's ``attribute_ruler`` and
``lemmatizer`` pipes (they cost a third of parse time), so tokens carry no
``lemma_``. The data those pipes apply ships with the model package all the
same: the rule lemmatizer's lookups (``lemma_exc``: irregular forms,
``lemma_index``: known lemmas, ``lemma_rules``: suffix rules, per part of
speech) and the attribute ruler's lemmas of auxiliary and contracted verb
forms ("'s", "were", "had"). This module reads both once, from the loaded
model's directory, and lemmatizes a form the way ``Lemmatizer.rule_lemmatize``
does for a part of speech, with two differences, both because a bare form
carries no morphology and spaCy's rule order has a known flaw:

- a form no rule leads to a known lemma is returned unchanged ("need",
  "press"), where spaCy would ask the morphology whether it is a base form or
  guess an unknown lemma ("skirmishe"): callers compare lemmas with lexicon
  words, and an unknown word matches none of them either way;
- a known lemma English spelling would not inflect as the form is not taken:
  spaCy tries the bare stem last and so prefers it, reading "waged" as "wag"
  and "hoped" as "hop" (a short stem doubles its consonant: "wagged",
  "hopped"), and "boss" as a plural of "bos".

Lemmas are cached per form (``verb_lemma`` and ``noun_lemma`` on their own
keys), so the cost is one lookup per distinct word.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

import srsly
from spacy.lookups import Lookups

from .nlp import ModelUnavailable, load_model

if TYPE_CHECKING:  # pragma: no cover - typing only
    from collections.abc import Collection
    from pathlib import Path

    from spacy.tokens import Token

__all__ = ["PartOfSpeech", "forms_of", "lemma", "noun_lemma", "pos_of_tag", "token_lemma", "verb_lemma"]


class PartOfSpeech(StrEnum):
    """The parts of speech the model's rule lemmatizer has tables for."""

    VERB = "verb"
    NOUN = "noun"
    ADJ = "adj"


_VOWELS = "aeiou"
_TAG_PREFIXES = (("VB", PartOfSpeech.VERB), ("NN", PartOfSpeech.NOUN), ("JJ", PartOfSpeech.ADJ))

# Where the model's tables miss a lexicon word. "resupply" is not in the model's
# verb index, and its past has no exception entry, so no rule reaches it. Keep
# these minimal: a word belongs here only when the model's own tables give a
# wrong lemma for a word the lexicon uses.
_MISSING_LEMMAS: dict[PartOfSpeech, frozenset[str]] = {PartOfSpeech.VERB: frozenset({"resupply"})}
_MISSING_FORMS: dict[PartOfSpeech, dict[str, tuple[str, ...]]] = {
    PartOfSpeech.VERB: {"resupplied": ("resupply",)},
}


@dataclass(frozen=True)
class _Tables:
    """One part of speech's lemmatizer data."""

    index: frozenset[str]  # known lemmas
    exceptions: dict[str, tuple[str, ...]]  # irregular forms
    rules: tuple[tuple[str, str], ...]  # (suffix, replacement), in the model's order
    fixed: dict[str, str]  # attribute-ruler lemmas of single forms ("'s" -> "be")


def pos_of_tag(tag: str) -> PartOfSpeech | None:
    """The part of speech of a fine-grained tag: VB* verb, NN* noun, JJ* adjective."""
    for prefix, pos in _TAG_PREFIXES:
        if tag.startswith(prefix):
            return pos
    return None


def _ruler_lemmas(model_path: Path) -> dict[str, str]:
    """Lemmas the attribute ruler sets on single verb forms: auxiliaries and contractions."""
    path = model_path / "attribute_ruler" / "patterns"
    if not path.exists():
        return {}
    fixed: dict[str, str] = {}
    for entry in srsly.read_msgpack(path):
        lemma_ = entry.get("attrs", {}).get("LEMMA")
        if not isinstance(lemma_, str):
            continue
        for pattern in entry.get("patterns", []):
            if len(pattern) != 1 or set(pattern[0]) != {"TAG", "LOWER"}:
                continue
            tags, lowers = pattern[0]["TAG"], pattern[0]["LOWER"]
            tags = tags.get("IN", []) if isinstance(tags, dict) else [tags]
            lowers = lowers.get("IN", []) if isinstance(lowers, dict) else [lowers]
            if all(isinstance(tag, str) and tag.startswith("VB") for tag in tags):
                for lower in lowers:
                    fixed.setdefault(lower, lemma_)
    return fixed


@lru_cache(maxsize=1)
def _lookups() -> tuple[Lookups, dict[str, str]]:
    model_path = load_model().path
    lookups_path = model_path / "lemmatizer" / "lookups" if model_path else None
    if lookups_path is None or not (lookups_path / "lookups.bin").exists():
        raise ModelUnavailable(
            f"the English model at {model_path} has no lemmatizer data: reinstall the model package"
        )
    return Lookups().from_disk(lookups_path), _ruler_lemmas(model_path)


@lru_cache(maxsize=len(PartOfSpeech))
def _tables(pos: PartOfSpeech) -> _Tables:
    lookups, ruler = _lookups()

    def table(name: str) -> object:
        return lookups.get_table(name).get(pos.value) if lookups.has_table(name) else None

    index, exceptions, rules = table("lemma_index"), table("lemma_exc"), table("lemma_rules")
    return _Tables(
        index=(frozenset(index) if isinstance(index, list) else frozenset())
        | _MISSING_LEMMAS.get(pos, frozenset()),
        exceptions=(
            {form: tuple(lemmas) for form, lemmas in exceptions.items()}
            if isinstance(exceptions, dict)
            else {}
        )
        | _MISSING_FORMS.get(pos, {}),
        rules=tuple((old, new) for old, new in rules) if isinstance(rules, list) else (),
        fixed=ruler if pos is PartOfSpeech.VERB else {},
    )


@lru_cache(maxsize=1 << 16)
def lemma(word: str, pos: PartOfSpeech) -> str:
    """The lemma of ``word`` read as ``pos``, lower-cased; the lower-cased word if none is known."""
    tables = _tables(PartOfSpeech(pos))
    lower = word.lower()
    if lower in tables.fixed:
        return tables.fixed[lower]
    forms: list[str] = []
    for old, new in tables.rules:  # as Lemmatizer.rule_lemmatize applies them
        if not lower.endswith(old):
            continue
        form = lower[: len(lower) - len(old)] + new
        if form in tables.index:
            forms.insert(0, form)
        elif form and not form.isalpha():
            forms.append(form)
    forms = [form for form in dict.fromkeys(forms) if _spelled_so(lower, form)]
    for form in tables.exceptions.get(lower, ()):  # irregular forms first
        if form not in forms:
            forms.insert(0, form)
    return forms[0] if forms else lower


def _spelled_so(form: str, stem: str) -> bool:
    """Whether English spelling would inflect ``stem`` as ``form``: a short stem that
    ends consonant-vowel-consonant doubles its last letter ("hop" -> "hopped", so
    "hoped" is "hope"), "-es" follows only s, x, z, ch, sh and o ("wages" is
    "wage", not "wag"), and a bare "-s" never does ("boss" is not "bos")."""
    sibilant = stem.endswith(("s", "x", "z", "ch", "sh"))
    if form == stem + "es":
        return sibilant or stem.endswith("o")
    if form == stem + "s":
        return not sibilant
    if form.startswith(stem) and form[len(stem) :] in ("ed", "ing"):
        cvc = (
            len(stem) >= 3
            and stem[-1] not in _VOWELS + "wxy"
            and stem[-2] in _VOWELS
            and stem[-3] not in _VOWELS
        )
        return not cvc or sum(letter in _VOWELS for letter in stem) > 1
    return True


@lru_cache(maxsize=1 << 16)
def verb_lemma(form: str) -> str:
    """The lemma of a verb form ("fought" -> "fight"), or the lower-cased form."""
    return lemma(form, PartOfSpeech.VERB)


@lru_cache(maxsize=1 << 16)
def noun_lemma(form: str) -> str:
    """The singular of a noun ("allies" -> "ally"), or the lower-cased form."""
    return lemma(form, PartOfSpeech.NOUN)


def token_lemma(token: Token) -> str:
    """A token's lemma by its fine-grained tag; the lower-cased text for other tags."""
    pos = pos_of_tag(token.tag_)
    return lemma(token.text, pos) if pos is not None else token.lower_


def forms_of(lemmas: Collection[str], pos: PartOfSpeech) -> frozenset[str]:
    """Every lower-case form ``lemma`` reads as one of ``lemmas`` (and the lemmas themselves):
    the inverse of ``lemma`` over the model's tables. A form reaches a lemma through an
    attribute-ruler lemma, an exception or a suffix rule, or is its own lemma, so each
    lemma's candidates are those forms, kept when they lemmatize back to it."""
    tables = _tables(PartOfSpeech(pos))
    wanted = frozenset(word.lower() for word in lemmas)
    candidates = set(wanted)
    candidates.update(form for form, fixed in tables.fixed.items() if fixed in wanted)
    candidates.update(form for form, forms in tables.exceptions.items() if wanted.intersection(forms))
    for word in wanted:
        for old, new in tables.rules:
            if word.endswith(new):
                candidates.add(word[: len(word) - len(new)] + old)
    return frozenset(form for form in candidates if form in wanted or lemma(form, pos) in wanted)
