"""The frames stage: a predicate and its roles, read by the DependencyMatcher patterns of
rules/frames.jsonl in one pass per document.

Each pattern family has a sentence and the role fillers it must give; the rules check
catches broken frame patterns in a user's file (a pattern spaCy rejects, an unknown role,
a duplicate id, roles no pattern produces), and a user's frame pattern adds fillers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.config import get_settings
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.extraction.predicate_frames import READ_PATTERNS, frames_of, matches
from conflictgraph.loaders.extraction.rulefiles import (
    PACKAGED_FRAMES,
    check_frames,
    load_frames,
    load_rules,
    read_frames,
)
from conflictgraph.loaders.extraction.types import Role

runner = CliRunner()
ENV: dict[str, str | None] = {"COLUMNS": "200", "CONFLICTGRAPH_RULES": None}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def _roles(nlp: Language, text: str, predicate: str) -> set[tuple[str, str]]:
    """(role, filler word) pairs of the frame of the word ``predicate``."""
    doc = nlp(text)
    frames = frames_of(doc)
    [token] = [t for t in doc if t.text == predicate]
    return {(f.role.value, f.token.text) for f in frames[token].fillers}


# One sentence per pattern family: (sentence, predicate, fillers it must have, fillers it must not).
FAMILIES = [
    ("active-subject", "Iran arms the Houthis.", "arms", {("AGENT", "Iran"), ("PATIENT", "Houthis")}, set()),
    ("passive-subject and by-agent", "The Houthis are armed by Iran.", "armed",
     {("PATIENT", "Houthis"), ("AGENT", "Iran"), ("PREP_OBJECT", "Iran")}, {("AGENT", "Houthis")}),
    ("dative recipient", "Washington gave Kyiv more weapons.", "gave",
     {("AGENT", "Washington"), ("RECIPIENT", "Kyiv"), ("PATIENT", "weapons")}, set()),
    ("to-recipient", "Iran sent drones to Russia.", "sent",
     {("PATIENT", "drones"), ("RECIPIENT", "Russia"), ("PREP_OBJECT", "Russia")}, set()),
    ("for-beneficiary", "The mercenaries fought for the junta.", "fought",
     {("AGENT", "mercenaries"), ("BENEFICIARY", "junta")}, set()),
    ("with-instrument", "Russia struck the port with drones.", "struck",
     {("PATIENT", "port"), ("INSTRUMENT", "drones")}, set()),
    ("in/at-location", "The two sides clashed in Tripoli.", "clashed",
     {("AGENT", "sides"), ("LOCATION", "Tripoli")}, set()),
    ("controlled subject", "Egypt vowed to back the army.", "back",
     {("AGENT", "Egypt"), ("PATIENT", "army")}, set()),
    ("shared subject of conjoined verbs", "Rwanda armed and trained the M23.", "trained",
     {("AGENT", "Rwanda"), ("PATIENT", "M23")}, set()),
    # the relative pronoun fills the role; the resolution stage reads it as its antecedent
    ("relative clause on the object", "The LNA, which Egypt backs, holds Sirte.", "backs",
     {("AGENT", "Egypt"), ("PATIENT", "which")}, {("AGENT", "LNA"), ("AGENT", "which")}),
    ("relative clause on the subject", "Egypt, which backs the LNA, met the envoy.", "backs",
     {("AGENT", "which"), ("PATIENT", "LNA")}, {("PATIENT", "which")}),
    ("participle", "Forces backed by Turkey repelled the attack.", "backed",
     {("PATIENT", "Forces"), ("AGENT", "Turkey")}, {("AGENT", "Forces")}),
    ("verb the tagger read as a preposition", "Turkey and Qatar back the GNA.", "back",
     {("AGENT", "Turkey"), ("PATIENT", "GNA")}, set()),
    # a noun's prepositional objects: the noun readings take them by preposition
    ("noun with prepositional objects", "The transfer of drones to Russia continued.", "transfer",
     {("PREP_OBJECT", "drones"), ("PREP_OBJECT", "Russia")}, {("RECIPIENT", "Russia")}),
    ("gerund the tagger read as a noun", "Qatar played a role in mediating between Russia and Ukraine.",
     "mediating", {("PREP_OBJECT", "Russia")}, set()),
]


@pytest.mark.parametrize(("family", "text", "predicate", "must", "must_not"), FAMILIES,
                         ids=[f[0] for f in FAMILIES])
def test_each_pattern_family_fills_its_roles(
    nlp: Language, family: str, text: str, predicate: str,
    must: set[tuple[str, str]], must_not: set[tuple[str, str]],
) -> None:
    found = _roles(nlp, text, predicate)
    assert must <= found, f"{family}: {sorted(must - found)} missing from {sorted(found)}"
    assert not (must_not & found), f"{family}: {sorted(must_not & found)} should not be read"


def test_relative_clauses_are_read_by_their_own_patterns(nlp: Language) -> None:
    doc = nlp("The LNA, which Egypt backs, holds Sirte. Egypt, which backs the LNA, met the envoy.")
    frames = frames_of(doc)
    first, second = (t for t in doc if t.text == "backs")
    assert {f.rule for f in frames[first].fillers if f.token.text == "which"} == {
        "relative-object", "direct-object"}
    assert "relative-subject" in [f.rule for f in frames[second].fillers if f.token.text == "which"]


def test_conjuncts_are_left_to_resolution(nlp: Language) -> None:
    """A pattern fills a role with the head; "Egypt, Russia and the UAE" stays one filler."""
    found = _roles(nlp, "Egypt, Russia and the UAE support the LNA.", "support")
    assert ("AGENT", "Egypt") in found
    assert ("AGENT", "Russia") not in found


def test_a_token_no_pattern_matched_has_an_empty_frame(nlp: Language) -> None:
    doc = nlp("Iran arms the Houthis.")
    frame = frames_of(doc)[doc[0]]
    assert frame.predicate == doc[0]
    assert frame.fillers == () and frame.roles == {}


def test_prepositional_objects_keep_their_preposition(nlp: Language) -> None:
    doc = nlp("Turkey sided with the GNA against the LNA.")
    frame = frames_of(doc)[next(t for t in doc if t.text == "sided")]
    assert [t.text for t in frame.prep_objects(("with",))] == ["GNA"]
    assert [t.text for t in frame.prep_objects(("with", "against"))] == ["GNA", "LNA"]
    assert frame.prep_objects(("by",)) == []


def test_a_misread_verb_keeps_its_subject_and_object_beside_other_matches(nlp: Language) -> None:
    """A verb tagged as a preposition has no verb pattern's fillers; the repair gives it its
    subject and object, and a pattern that matches it anyway adds its own fillers to those."""
    from spacy.tokens import Doc

    # the parse the small model gives some such sentences, with "back" tagged as a preposition
    words = ["Turkey", "and", "Qatar", "back", "the", "GNA", "against", "Haftar", "."]
    tags = ["NNP", "CC", "NNP", "IN", "DT", "NNP", "IN", "NNP", "."]
    deps = ["nsubj", "cc", "conj", "ROOT", "det", "dobj", "prep", "pobj", "punct"]
    heads = [3, 0, 0, 3, 5, 3, 3, 6, 3]
    doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)
    frame = frames_of(doc)[doc[3]]
    assert [t.text for t in frame.get(Role.AGENT, "active-subject")] == ["Turkey"]
    assert [t.text for t in frame.get(Role.PATIENT, "direct-object")] == ["GNA"]
    assert [t.text for t in frame.prep_objects(("against",))] == ["Haftar"]


# -- the rules check ---------------------------------------------------------------------------
def _frame_line(id_: str = "mine", roles: object = None, pattern: object = None) -> str:
    return json.dumps({
        "id": id_,
        "roles": {"object": "PATIENT"} if roles is None else roles,
        "pattern": pattern if pattern is not None else [
            {"RIGHT_ID": "predicate", "RIGHT_ATTRS": {"TAG": "VBD"}},
            {"LEFT_ID": "predicate", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "attr"}},
        ],
        "note": "a test pattern",
    })


def test_the_packaged_frame_patterns_are_clean() -> None:
    patterns, problems = check_frames(None, READ_PATTERNS)
    assert problems == []
    assert {p.id for p in patterns} >= set(READ_PATTERNS)
    produced = {role for p in patterns for _, role in (*p.roles, *p.preps)}
    assert produced == set(Role)


def test_the_check_names_a_bad_pattern_and_an_unknown_role(tmp_path: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    bad_op = [
        {"RIGHT_ID": "predicate", "RIGHT_ATTRS": {"TAG": "VBD"}},
        {"LEFT_ID": "predicate", "REL_OP": "<<<", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "dobj"}},
    ]
    mine.write_text("\n".join([
        _frame_line("fine"),
        _frame_line("bad-op", pattern=bad_op),
        _frame_line("bad-role", roles={"object": "VICTIM"}),
        _frame_line("fine"),
        _frame_line("no-node", roles={"thing": "AGENT"}),
    ]) + "\n")
    result = runner.invoke(app, ["rules", "check", str(mine)], env=ENV)
    assert result.exit_code == 1
    assert f"{mine}:2: bad-op: spaCy's DependencyMatcher rejects the pattern" in result.output
    assert f"{mine}:3: unknown role 'VICTIM'" in result.output
    assert f"{mine}:4: duplicate id 'fine' (first on line 1)" in result.output
    assert f"{mine}:5: no-node: roles names 'thing', which is no node of the pattern" in result.output
    assert "Frame patterns per role" in result.output


def test_the_check_names_roles_no_pattern_produces(tmp_path: Path) -> None:
    """A frame file where nothing yields LOCATION (its one pattern given no preps)."""
    lines = PACKAGED_FRAMES.read_text(encoding="utf-8").splitlines()
    kept = []
    for line in lines:
        if line.startswith("{"):
            row = json.loads(line)
            row.pop("preps", None)
            line = json.dumps(row)
        kept.append(line)
    path = tmp_path / "frames.jsonl"
    path.write_text("\n".join(kept) + "\n")
    _, problems = check_frames(None, READ_PATTERNS, path)
    messages = {str(p) for p in problems}
    assert f"{path}: no pattern produces the role LOCATION" in messages
    assert f"{path}: no pattern produces the role BENEFICIARY" in messages


def test_the_check_names_a_pattern_the_extractor_reads_but_no_file_defines(tmp_path: Path) -> None:
    path = tmp_path / "frames.jsonl"
    text = PACKAGED_FRAMES.read_text(encoding="utf-8")
    path.write_text(text.replace('"id": "direct-object"', '"id": "object-direct"'))
    _, problems = check_frames(None, READ_PATTERNS, path)
    assert [str(p) for p in problems] == [
        f"{path}: the extractor reads the pattern 'direct-object', which no frame file defines"
    ]


# -- users' frame patterns ---------------------------------------------------------------------
ATTRIBUTE = _frame_line(
    "copula-attribute",
    roles={"attribute": "PATIENT"},
    pattern=[
        {"RIGHT_ID": "predicate", "RIGHT_ATTRS": {"LOWER": "became"}},
        {"LEFT_ID": "predicate", "REL_OP": ">", "RIGHT_ID": "attribute", "RIGHT_ATTRS": {"DEP": "attr"}},
    ],
)


@pytest.fixture
def user_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user's rule file with one trigger and one frame pattern, named by CONFLICTGRAPH_RULES."""
    path = tmp_path / "mine.jsonl"
    trigger = {"id": "mine:abet", "table": "VERBS", "lemma": "abet", "pos": "VERB",
               "sense": {"type": "SUPPORTS", "category": "SUPPORT"}}
    path.write_text(json.dumps(trigger) + "\n" + ATTRIBUTE + "\n")
    monkeypatch.setenv("CONFLICTGRAPH_RULES", str(path))
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


def test_a_users_frame_pattern_adds_fillers(nlp: Language, user_rules: Path) -> None:
    assert ("PATIENT", "ally") in _roles(nlp, "Egypt became an ally.", "became")


def test_without_it_the_filler_is_not_read(nlp: Language) -> None:
    assert ("PATIENT", "ally") not in _roles(nlp, "Egypt became an ally.", "became")


def test_a_user_file_holds_triggers_and_frame_patterns_side_by_side(user_rules: Path) -> None:
    rules = load_rules(user_rules)
    assert any(t.lemma == "abet" for t in rules.triggers)
    patterns, problems = read_frames(user_rules, user=True)
    assert problems == [] and [p.id for p in patterns] == ["copula-attribute"]
    result = runner.invoke(app, ["rules", "check", str(user_rules)], env=ENV)
    assert result.exit_code == 0, result.output
    packaged, _ = read_frames(PACKAGED_FRAMES)
    assert f"{len(packaged) + 1} frame patterns" in result.output  # the packaged ones and the user's


# -- the pass gives what spaCy's DependencyMatcher gives ---------------------------------------
def _texts() -> list[str]:
    root = Path(__file__).resolve().parent / "data"
    texts = [json.loads(line)["text"] for path in sorted((root / "extraction_cases").glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [json.loads(line)["text"] for line in
              (root / "paragraphs" / "texts.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_the_pass_finds_exactly_the_dependency_matchers_matches(nlp: Language) -> None:
    """The patterns of ``>`` and ``<`` relations are matched by walking the tree from their
    rarest node (spaCy's matcher costs more than the readings it feeds); over the case
    sentences and the paragraphs corpus that walk finds what spaCy's DependencyMatcher finds."""
    from spacy.matcher import DependencyMatcher

    reference = DependencyMatcher(nlp.vocab)
    for pattern in load_frames(None):
        reference.add(pattern.id, [list(pattern.pattern)])
    compared = 0
    for doc in nlp.pipe(_texts()):
        expected = sorted((key, list(ids)) for key, ids in reference(doc))
        assert sorted(matches(doc)) == expected, doc.text
        compared += len(expected)
    assert compared > 1000


def test_a_pattern_the_walk_cannot_run_goes_to_spacys_matcher(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "$+" (the right sibling) is no parent-child relation: spaCy's DependencyMatcher runs it."""
    path = tmp_path / "mine.jsonl"
    path.write_text(_frame_line("sibling-object", roles={"sibling": "PATIENT"}, pattern=[
        {"RIGHT_ID": "predicate", "RIGHT_ATTRS": {"DEP": "dobj"}},
        {"LEFT_ID": "predicate", "REL_OP": "$+", "RIGHT_ID": "sibling", "RIGHT_ATTRS": {"DEP": "prep"}},
    ]) + "\n")
    monkeypatch.setenv("CONFLICTGRAPH_RULES", str(path))
    get_settings.cache_clear()
    try:
        doc = nlp("Russia sent troops to Mali.")
        fillers = frames_of(doc)[next(t for t in doc if t.text == "troops")].fillers
        found = [(f.role.value, f.token.text, f.rule) for f in fillers]
        assert found == [("PATIENT", "to", "sibling-object")]
    finally:
        get_settings.cache_clear()
