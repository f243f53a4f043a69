"""`conflictgraph rules check` validates the rule files and names each problem's file and line.

The packaged files (loaders/extraction/rules/) must be clean; small bad files
show that each kind of problem is caught: lines that are not triggers, unknown
relation types, categories, tables and parts of speech, triggers that can
never match, duplicate and conflicting triggers, and word sets that break
their own rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.config import get_settings
from conflictgraph.loaders.extraction import lexicon
from conflictgraph.loaders.extraction.rulefiles import (
    PACKAGED_ANCHORS,
    PACKAGED_TRIGGERS,
    PACKAGED_WORDS,
    TriggerTable,
    check_rules,
    load_rules,
    read_anchors,
    resolve_pattern,
)
from conflictgraph.loaders.extraction.types import Sense

runner = CliRunner()
ENV: dict[str, str | None] = {"COLUMNS": "200", "CONFLICTGRAPH_RULES": None}


def _line(lemma: str = "abet", table: str = "VERBS", pos: str = "VERB", id_: str | None = None,
          **sense: object) -> str:
    full = {"type": "SUPPORTS", "category": "SUPPORT", **sense}
    row = {"id": id_ or f"mine:{lemma}", "table": table, "lemma": lemma, "pos": pos, "sense": full}
    return json.dumps(row)


def _check(tmp_path: Path, *lines: str) -> tuple[int, str, Path]:
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", str(path)], env=ENV)
    return result.exit_code, result.output, path


def test_the_packaged_rules_are_clean_and_counted() -> None:
    result = runner.invoke(app, ["rules", "check"], env=ENV)
    assert result.exit_code == 0, result.output
    assert "The rule files are clean." in result.output
    rows = [json.loads(line) for line in PACKAGED_TRIGGERS.read_text().splitlines()
            if line.strip() and not line.startswith("#")]
    verbs = sum(1 for row in rows if row["table"] == "VERBS" and " " not in row["lemma"])
    # The packaged counts include the CAMEO triggers read with the hand ones.
    opposes = check_rules().counts_by_type()["OPPOSES"]
    assert opposes > sum(1 for row in rows if row["sense"].get("type") == "OPPOSES")
    assert verbs == len(lexicon.VERBS) and verbs > 100
    # One row per table, relation type and category, with its count.
    assert any(line.split() == ["│", "OPPOSES", "│", str(opposes), "│"]
               for line in result.output.splitlines()), result.output
    assert "ASSAULT" in result.output and "LEADS" in result.output


def test_the_lexicon_is_built_from_the_rule_files() -> None:
    rules = load_rules(None)
    assert rules.table(TriggerTable.VERBS) == lexicon.VERBS
    assert lexicon.VERBS["side"] == Sense(lexicon.VERBS["side"].type, "COOPERATE", ("with",),
                                          direct=False)
    assert rules.words["LIGHT_VERBS"] == lexicon.LIGHT_VERBS
    assert ("prime", "minister") in lexicon.TITLE_PAIRS


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "must be a JSON object"),
        (_line(type="HATES"), "unknown relation type 'HATES'"),
        (_line(category="HUG"), "unknown category 'HUG'"),
        (_line(table="ADVERBS"), "unknown table 'ADVERBS'"),
        (_line(pos="NOUN"), "pos NOUN can never match in VERBS"),
        (_line(lemma="prop up", table="ROLE_NOUNS", pos="NOUN"), "has a space"),
        (_line(lemma="Abet"), "upper-case"),
        (_line(preps=["wiht"]), "'wiht' is not a preposition"),
        (_line(direct=False), "the other role can never be found"),
        (_line(confidence=1.5), "confidence must be a number in (0, 1]"),
        (json.dumps({"id": "x", "table": "VERBS", "lemma": "abet", "pos": "VERB"}),
         "missing field(s): sense"),
        (_line()[:-1] + ', "polarity": "hostile"}', "unknown field(s): polarity"),
        (_line()[:-1] + ', "lemma": "aid"}', "field 'lemma' is given twice"),
        (_line(ends="HUG"), "unknown category in sense.ends 'HUG'"),
        (_line(ended=True, ends="COOPERATE"), "sense.ends is for a word that states a relation"),
    ],
    ids=["json", "object", "type", "category", "table", "pos", "space", "case", "prep", "role",
         "confidence", "missing", "field", "twice", "ends", "ends-ended"],
)
def test_a_bad_line_is_named_by_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    code, output, path = _check(tmp_path, "# my rules", "", line)
    assert code == 1, output
    assert f"{path}:3: " in output and message in output, output


def test_duplicate_and_conflicting_triggers_are_caught(tmp_path: Path) -> None:
    code, output, path = _check(
        tmp_path,
        _line("abet"),
        _line("abet", id_="mine:abet-again"),  # the same trigger twice
        _line("succour"),
        _line("succour", id_="mine:succour-opposes", type="OPPOSES", category="ASSAULT"),
        _line("aid", id_="mine:abet"),  # an id used twice
    )
    assert code == 1
    assert f"{path}:2: duplicate trigger: 'abet' (VERB) is already in VERBS on line 1" in output
    assert f"{path}:4: conflicting trigger: 'succour' (VERB) is already in VERBS on line 3" in output
    assert f"{path}:5: duplicate id 'mine:abet' (first on line 1)" in output
    assert "3 problem(s)" in output


def test_a_word_the_tokenizer_splits_can_never_match(tmp_path: Path) -> None:
    code, output, path = _check(tmp_path, _line("commander-in-chief", table="ROLE_NOUNS", pos="NOUN"),
                                _line("cut ties", id_="mine:cut-ties"))
    assert code == 1, output
    assert (f"{path}:1: 'commander-in-chief' can never match: the tokenizer cuts it into 5 tokens"
            in output), output
    assert "1 problem(s)" in output  # a verb phrase is read word by word: no problem


def test_a_user_trigger_replaces_the_packaged_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(_line("back", id_="mine:back", confidence=0.5) + "\n" + _line("abet") + "\n")
    result = runner.invoke(app, ["rules", "check", str(path)], env=ENV)
    assert result.exit_code == 0, result.output
    assert f"{path}:1: 'mine:back' replaces the packaged 'verbs:back' (VERBS 'back')" in result.output
    rules = load_rules(path)
    verbs = rules.table(TriggerTable.VERBS)
    assert verbs["back"].confidence == 0.5 and verbs["abet"].category == "SUPPORT"
    assert len(verbs) == len(lexicon.VERBS) + 1


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """The in-process CLI reads settings once per process: read them again around the test."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_the_check_reads_the_setting_when_no_file_is_given(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(_line(type="HATES") + "\n")
    result = runner.invoke(app, ["rules", "check"], env={**ENV, "CONFLICTGRAPH_RULES": str(path)})
    assert result.exit_code == 1
    assert f"{path}:1: unknown relation type 'HATES'" in result.output


def _words(tmp_path: Path, old: str, new: str) -> tuple[list[str], Path]:
    text = PACKAGED_WORDS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "words.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in check_rules(None, words_file=path).problems], path


def _line_no(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_word_sets_are_checked(tmp_path: Path) -> None:
    assert check_rules(None).problems == []

    problems, path = _words(tmp_path, '"deny", ', '"deny", "deny", ')
    assert problems == [f"{path}:{_line_no(path, 'NEGATING_VERBS')}: "
                        f"'deny' is listed twice in NEGATING_VERBS"]

    # The modality checks stop at the first set a governor is in: these sets are kept apart.
    problems, path = _words(tmp_path, '"deny", ', '"deny", "plan", ')
    in_hypothetical = max(i for i, line in enumerate(path.read_text().splitlines(), 1)
                          if '"plan"' in line)
    assert problems == [
        f"{path}:{in_hypothetical}: 'plan' is in both NEGATING_VERBS and "
        f"HYPOTHETICAL_VERBS, which the 'modality_verbs' group keeps apart (the later one never sees it)"
    ]

    problems, path = _words(tmp_path, "PEACE_MODIFIERS = [", "PEACE_ADJECTIVES = [")
    line = _line_no(path, "PEACE_ADJECTIVES")
    assert f"{path}:{line}: unknown word set 'PEACE_ADJECTIVES': no code reads it" in problems
    assert f"{path}: word set(s) missing: PEACE_MODIFIERS" in problems

    problems, path = _words(tmp_path, '["prime minister"', '["prime minister general"')
    assert any("TITLE_PAIRS: 'prime minister general' must be two lower-case words" in p
               for p in problems), problems

    problems, path = _words(tmp_path, '"reportedly"', '"Reportedly"')
    assert any(p.startswith(f"{path}:{_line_no(path, 'Reportedly')}: HEDGE_ADVERBS: 'Reportedly' "
                            "has upper-case letters") for p in problems), problems


# -- anchors.jsonl: one anchor per registered construction -------------------------------------
def test_the_packaged_anchors_are_clean_and_cover_every_construction() -> None:
    from conflictgraph.loaders.extraction.anchors import anchor_sets
    from conflictgraph.loaders.extraction.constructions import REGISTERED

    anchors, problems = read_anchors(REGISTERED, anchor_sets())
    assert problems == []
    assert [a.id for a in anchors] == list(REGISTERED)  # file order is the registry's
    result = runner.invoke(app, ["rules", "check"], env=ENV)
    assert result.exit_code == 0, result.output
    assert f"{PACKAGED_ANCHORS}: {len(REGISTERED)} construction anchors." in result.output


def _anchor(id_: str, **token: object) -> str:
    return json.dumps({"id": id_, "pattern": [token], "note": "test"})


def test_anchor_problems_are_named_with_their_line(tmp_path: Path) -> None:
    sets = {"WAR_WORDS": frozenset({"war", "wars"})}
    registered = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota")
    lines = [
        "# a comment",
        _anchor("alpha", TAG={"REGEX": "^NN"}, LOWER={"IN_SET": "WAR_WORDS"}),  # fine
        _anchor("alpha", TAG="NN"),  # a second anchor
        _anchor("omega", TAG="NN"),  # no such construction
        _anchor("beta", LOWER={"IN_SET": "PEACE_WORDS"}),  # unknown set
        _anchor("gamma", TAG={"REGEX": "("}),  # spaCy cannot compile it
        _anchor("delta", ORTH="war"),  # an attribute anchors do not read
        _anchor("epsilon", TAG={"IN_SET": "WAR_WORDS"}),  # sets name words, not tags
        _anchor("zeta", LOWER=5),  # spaCy's pattern schema rejects it
        json.dumps({"id": "eta", "pattern": [{"TAG": "NN"}, {"TAG": "IN"}]}),  # two tokens
        "{not json",
        json.dumps({"id": "theta", "pattern": [{"TAG": "NN"}], "weight": 2}),
    ]
    path = tmp_path / "anchors.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    anchors, found = read_anchors(registered, sets, path)
    problems = [str(p) for p in found]
    assert [a.id for a in anchors] == ["alpha"]
    expected = [
        f"{path}:3: a second anchor for 'alpha' (first on line 2)",
        f"{path}:4: 'omega' is no registered construction (registered: {', '.join(registered)})",
        f"{path}:5: beta: LOWER IN_SET names an unknown word set 'PEACE_WORDS'",
        f"{path}:8: epsilon: TAG: IN_SET and VERB_FORMS apply to LOWER only",
        f"{path}:10: eta: pattern must be a list of one token object: an anchor is one token",
        f"{path}:12: theta: unknown field(s): weight (known: id, note, pattern)",
        f"{path}: the registered construction 'iota' has no anchor",  # the file as a whole
    ]
    for problem in expected:
        assert problem in problems, problems
    assert any(p.startswith(f"{path}:6: gamma: spaCy's Matcher rejects the pattern") for p in problems)
    assert any(p.startswith(f"{path}:7: delta: unknown token attribute 'ORTH'") for p in problems)
    assert any(p.startswith(f"{path}:9: zeta: spaCy's Matcher rejects the pattern") for p in problems)
    assert any(p.startswith(f"{path}:11: not JSON") for p in problems)
    assert len(problems) == len(expected) + 4, problems


def test_anchor_word_lists_resolve_to_plain_matcher_lists() -> None:
    sets = {"WAR_WORDS": frozenset({"war", "wars"}), "PACT_NOUNS": frozenset({"pact"})}
    pattern = [{"TAG": {"REGEX": "^NN"}, "LOWER": {"IN_SET": ["WAR_WORDS", "PACT_NOUNS", "truce"]}}]
    assert resolve_pattern(pattern, sets) == [
        {"TAG": {"REGEX": "^NN"}, "LOWER": {"IN": ["pact", "truce", "war", "wars"]}}
    ]
    verbs = [{"LOWER": {"VERB_FORMS": "fight"}}]
    assert resolve_pattern(verbs, sets, lambda words: words | {"fought"}) == [
        {"LOWER": {"IN": ["fight", "fought"]}}
    ]
    with pytest.raises(ValueError, match="upper-case"):
        resolve_pattern([{"LOWER": {"IN_SET": ["War"]}}], sets)
    with pytest.raises(ValueError, match="not FUZZY"):  # a Matcher operator the engine does not read
        resolve_pattern([{"LOWER": {"FUZZY": "war"}}], sets)
