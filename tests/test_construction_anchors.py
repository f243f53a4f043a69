"""Construction anchors: one matcher pass decides which constructions a token is tried on.

An anchor (rules/anchors.jsonl) may be wider than its construction's own checks
but never narrower: on the real model and gazetteer, every construction is run
on every token of the extraction cases and of the held-out articles, and
wherever it finds something, its anchor must have matched that token. The
anchors must also gate: most (token, construction) pairs are not tried.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from conflictgraph.loaders.extraction import lexicon
from conflictgraph.loaders.extraction.anchors import anchored
from conflictgraph.loaders.extraction.boilerplate import BodyMap
from conflictgraph.loaders.extraction.constructions import REGISTERED, REGISTRY, Constructions
from conflictgraph.loaders.extraction.lemmas import PartOfSpeech, forms_of, verb_lemma
from conflictgraph.loaders.extraction.mentions import find_mentions
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.extraction.rulefiles import PACKAGED_ANCHORS
from conflictgraph.loaders.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parent / "data"


def _texts() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for path in sorted((DATA / "extraction_cases").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    heldout = DATA / "heldout" / "articles.jsonl"
    texts += [json.loads(line)["text"] for line in heldout.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    return texts


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    gazetteer = Gazetteer.load()
    gazetteer.prepare()
    return gazetteer


def _constructions(text: str) -> Constructions:
    body = BodyMap.of(text)
    doc = load_model()(body.without_datelines(text))
    return Constructions(find_mentions(doc, _gazetteer(), body), _gazetteer())


def _word_gated() -> frozenset[str]:
    """The constructions whose anchors name words (LOWER); the others are gated by tag or
    dependency only (every verb for ``read_verb``, every noun for ``possessive_leader``)."""
    return frozenset(
        row["id"]
        for line in PACKAGED_ANCHORS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
        for row in [json.loads(line)]
        if "LOWER" in row["pattern"][0]
    )


def test_every_find_of_a_construction_is_on_a_token_its_anchor_matched() -> None:
    finds = {name: 0 for name in REGISTERED}
    gated = _word_gated()
    tried = matched = 0
    for text in _texts():
        c = _constructions(text)
        for token in c.doc:
            ids = c.anchors.get(token.i, frozenset())
            for entry in REGISTRY:
                if not entry.tried_on(token.tag_):
                    continue
                if entry.id in gated:
                    tried += 1
                    matched += entry.id in ids
                if any(True for _ in entry.construction(c, token)):
                    finds[entry.id] += 1
                    assert entry.id in ids, (
                        f"{entry.id} finds a relation at {token.text!r} ({token.tag_}, {token.dep_}) "
                        f"in {text[:80]!r}, but its anchor does not match the token: widen it"
                    )
    # The check ran on real finds of most constructions, and the word anchors do gate.
    assert sum(1 for count in finds.values() if count) >= len(REGISTERED) // 2, finds
    assert matched < tried / 10, (matched, tried)


def test_a_document_is_matched_once_and_each_anchor_reads_its_condition() -> None:
    doc = load_model()("Russia and Ukraine have fought since 2014. The talks, hosted by Qatar, "
                       "brought together Israel and Hamas. Russia and the UAE back the LNA.")
    found = anchored(doc, REGISTERED)
    by_word = {doc[i].text: ids for i, ids in found.items()}
    assert "mutual_fight" in by_word["fought"]  # a form of a verb lemma (VERB_FORMS)
    assert "hosted_talks" in by_word["brought"]
    assert "hosted_talks" not in by_word.get("hosted", frozenset())
    assert all("mutual_fight" not in ids for word, ids in by_word.items() if word != "fought")
    assert not any(doc[i].tag_.startswith("NN") and "mutual_fight" in ids for i, ids in found.items())
    # Anchors of tag and dependency only (worked out once per pair) match wherever those do.
    for token in doc:
        ids = found.get(token.i, frozenset())
        assert "compound" in ids  # every token
        assert ("read_verb" in ids) == token.tag_.startswith("VB")
        assert ("possessive_leader" in ids) == token.tag_.startswith("NN")
        assert ("joint" in ids) == (token.tag_.startswith("NN") and token.dep_ == "dobj")


@pytest.mark.parametrize(
    ("lemmas", "some_forms"),
    [
        (frozenset(lexicon.VERBS), {"fought", "fighting", "fights", "backed", "supported"}),
        (frozenset({"be", "commit", "pit"}), {"was", "is", "'s", "been", "committed", "pitting"}),
    ],
)
def test_verb_forms_are_every_form_whose_lemma_is_named(
    lemmas: frozenset[str], some_forms: set[str]
) -> None:
    forms = forms_of(lemmas, PartOfSpeech.VERB)
    assert some_forms <= forms
    assert all(form in lemmas or verb_lemma(form) in lemmas for form in forms)
    words = {token.lower_ for text in _texts()[:400] for token in load_model().make_doc(text)}
    missed = sorted(w for w in words if verb_lemma(w) in lemmas and w not in forms)
    assert not missed
