"""Verb and noun lemmas come from the English model's lemmatizer data, not from hand-kept tables."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conflictgraph.loaders.extraction import lexicon
from conflictgraph.loaders.extraction.lemmas import (
    PartOfSpeech,
    lemma,
    noun_lemma,
    pos_of_tag,
    token_lemma,
    verb_lemma,
)
from conflictgraph.loaders.extraction.nlp import load_model

PACKAGE = Path(__file__).resolve().parent.parent / "loaders" / "extraction"


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("fought", "fight"),
        ("led", "lead"),
        ("sought", "seek"),
        ("struck", "strike"),
        ("withdrew", "withdraw"),
        ("withdrawn", "withdraw"),
        ("brokered", "broker"),
        ("backed", "back"),
        ("mediating", "mediate"),
        ("mediates", "mediate"),
        ("allies", "ally"),
        ("allied", "ally"),
        ("denied", "deny"),
        ("cutting", "cut"),
        ("targeted", "target"),
        ("resupplied", "resupply"),  # missing from the model's tables: see _MISSING_FORMS
        ("resupplies", "resupply"),
        ("Fought", "fight"),  # lower-cased
    ],
)
def test_verb_forms_lemmatize_to_their_verb(form: str, expected: str) -> None:
    assert verb_lemma(form) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [("is", "be"), ("were", "be"), ("'s", "be"), ("been", "be"), ("has", "have"), ("had", "have"),
     ("got", "get")],
)
def test_auxiliaries_take_the_attribute_rulers_lemma(form: str, expected: str) -> None:
    assert verb_lemma(form) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [("waged", "wage"), ("wages", "wage"), ("waging", "wage"), ("hoped", "hope"), ("staged", "stage"),
     ("planed", "plane"), ("sparred", "spar"), ("hopped", "hop")],
)
def test_a_short_stem_doubles_its_consonant(form: str, expected: str) -> None:
    """spaCy's own rule order reads "waged" as "wag"; English spelling says "wage"."""
    assert verb_lemma(form) == expected


@pytest.mark.parametrize("form", ["need", "press", "lead", "skirmish", "governs-not-a-word", "loyal"])
def test_a_base_or_unknown_form_is_itself(form: str) -> None:
    assert verb_lemma(form) == form


def test_verbs_outside_the_lexicon_are_lemmatized_too() -> None:
    assert verb_lemma("governed") == "govern"
    assert verb_lemma("outflanking") == "outflank"


@pytest.mark.parametrize(
    ("form", "expected"),
    [("presidents", "president"), ("allies", "ally"), ("chiefs", "chief"), ("leaders", "leader"),
     ("spokesmen", "spokesman"), ("commanders", "commander"), ("ministers", "minister"),
     ("Presidents", "president"), ("president", "president"), ("boss", "boss")],
)
def test_noun_plurals_lemmatize_to_their_singular(form: str, expected: str) -> None:
    assert noun_lemma(form) == expected


def test_every_lexicon_word_is_its_own_lemma() -> None:
    verbs = set(lexicon.VERBS) | lexicon.MEDIATION_VERBS | lexicon.LIGHT_VERBS | lexicon.SPEECH_VERBS
    assert sorted(v for v in verbs if " " not in v and verb_lemma(v) != v) == []
    nouns = set(lexicon.ROLE_NOUNS) | lexicon.TITLE_LEADS
    assert sorted(n for n in nouns if "-" not in n and noun_lemma(n) != n) == []


def test_part_of_speech_comes_from_the_fine_tag() -> None:
    assert pos_of_tag("VBD") is PartOfSpeech.VERB
    assert pos_of_tag("NNS") is PartOfSpeech.NOUN
    assert pos_of_tag("JJR") is PartOfSpeech.ADJ
    assert pos_of_tag("IN") is None
    assert lemma("larger", PartOfSpeech.ADJ) == "large"
    doc = load_model()("The allies fought larger armies in the hills.")
    expected = ["the", "ally", "fight", "large", "army", "in", "the", "hill", "."]
    assert [token_lemma(t) for t in doc] == expected


def test_the_extraction_pipeline_still_runs_without_lemmatizer_pipes() -> None:
    verb_lemma("fought")  # the lemmatizer data is loaded ...
    names = load_model().pipe_names
    assert "lemmatizer" not in names and "attribute_ruler" not in names  # ... but its pipes are not


def test_no_hand_kept_inflection_tables_remain() -> None:
    assert not hasattr(lexicon, "_IRREGULAR_VERBS")
    assert not hasattr(lexicon, "verb_lemma") and not hasattr(lexicon, "noun_lemma")
    tree = ast.parse((PACKAGE / "lemmas.py").read_text(encoding="utf-8"))
    exports = {  # __all__ names the module's functions, not word forms
        id(node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    }
    word_lists = [
        node
        for node in ast.walk(tree)
        if isinstance(node, (ast.Dict, ast.Set, ast.List, ast.Tuple)) and id(node) not in exports
        and sum(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in ast.walk(node)) > 6
    ]
    assert word_lists == [], "lemmas.py keeps a table of word forms: read them from the model"
