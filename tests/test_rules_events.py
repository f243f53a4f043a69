"""Event triggers as data: phrases headed by a verb, PLOVER modes, the CAMEO conversion.

The packaged event triggers (rules/cameo_triggers.jsonl, rules/cameo_plover.tsv) are the
converter's output on the dictionary copies in data/cameo/; `rules check` validates the
new fields and counts triggers per category and mode.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conflictgraph.cli import app
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    PloverCategory,
    RelationType,
)
from conflictgraph.loaders.extraction import cameo, lexicon
from conflictgraph.loaders.extraction.rulefiles import (
    PACKAGED_CAMEO,
    PACKAGED_MODES,
    check_rules,
    load_rules,
    read_relations,
)

runner = CliRunner()
ENV: dict[str, str | None] = {"COLUMNS": "200", "CONFLICTGRAPH_RULES": None}


def _line(lemma: str, id_: str | None = None, **sense: object) -> str:
    full = {"category": "AID", "preps": ["to"], "direct": True, **sense}
    return json.dumps({"id": id_ or f"mine:{lemma.replace(' ', '_')}", "table": "VERBS",
                       "lemma": lemma, "pos": "VERB", "sense": full})


def _check(tmp_path: Path, *lines: str) -> tuple[int, str, Path]:
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", str(path)], env=ENV)
    return result.exit_code, result.output, path


def test_the_shipped_cameo_files_are_the_converters_output() -> None:
    result = cameo.convert(cameo.CAMEO_DICTIONARY.read_text(encoding="utf-8"),
                           cameo.PLOVER_TABLE.read_text(encoding="utf-8"))
    assert PACKAGED_CAMEO.read_text(encoding="utf-8") == cameo.render_triggers(result.triggers)
    assert PACKAGED_MODES.read_text(encoding="utf-8") == cameo.render_table(result.table)
    # Every pattern line is either converted or skipped for a named reason.
    assert result.converted + sum(result.skipped.values()) == result.patterns > 4000
    assert result.converted > 2000 and len(result.triggers) > 20000
    assert set(result.counts()) >= {"ASSAULT", "AID", "SANCTION", "COERCE", "CONSULT", "AGREE"}


def test_the_converter_reads_the_pattern_shapes(tmp_path: Path) -> None:
    table = "07: AID\n072: AID,   ,   military # Provide military aid\n16: SANCTION\n" \
            "161: SANCTION, withdraw,   diplomatic # Reduce or break diplomatic relations\n"
    dictionary = "\n".join([
        "&ARMY", "+TROOPS", "", "####### VERB PATTERNS #######", "",
        "---  SEVER   [161]  ---", "SEVER", "+BREAK_OFF [161]", "CUT",
        "- * TIES (WITH)  [161]  # SEVER", "- * RELATIONS  [161]",
        "- * &ARMY  [161]", "- $ * + [161]", "- ACCORD * [161]", "",
        "---  SEND   [---]  ---", "SEND {SENT SENDS SENDING}", "- * WEAPONS  [072]",
        "- * (TO)  [042:043]", "",
    ])
    result = cameo.convert(dictionary, table)
    by_lemma = {t["lemma"]: t["sense"] for t in result.triggers}
    assert by_lemma["sever"] == {"category": "SANCTION", "mode": "withdraw", "preps": [],
                                 "direct": True, "reverse": False, "confidence": 0.7}
    assert by_lemma["break off"]["direct"] is True  # a multi-word verb, its particle a word
    # A synonym without a code of its own is no trigger alone, only in the block's phrases.
    assert "cut" not in by_lemma and by_lemma["cut ties"]["preps"] == ["with"]
    assert result.verbs_skipped[cameo.SkipReason.SYNONYM] == 1
    assert by_lemma["sever ties"]["preps"] == ["with"]  # the pattern's own preposition
    assert by_lemma["sever relations"]["preps"] == ["against", "on"]  # hostile default
    assert by_lemma["send weapons"] == {"category": "AID", "mode": "military",
                                        "preps": ["to", "with"], "direct": False,
                                        "reverse": False, "confidence": 0.75}
    assert "send" not in by_lemma  # the null code: the bare verb is no event
    assert result.skipped == {cameo.SkipReason.SYNSET: 1, cameo.SkipReason.MARKER: 1,
                              cameo.SkipReason.PRE_VERB: 1, cameo.SkipReason.PAIRED: 1}
    assert cameo.convert(dictionary, table) == result  # deterministic


def test_phrases_and_modes_are_read_and_counted(tmp_path: Path) -> None:
    code, output, path = _check(
        tmp_path,
        _line("fly in", mode="humanitarian", preps=["to"], direct=False),
        _line("ship arms", id_="mine:ship_arms", mode="military", preps=["to"], direct=False),
    )
    assert code == 0, output
    before, after = check_rules().counts_by_mode(), check_rules(path).counts_by_mode()
    assert after["AID humanitarian"] == before["AID humanitarian"] + 1
    assert any(line.split() == ["│", "AID", "humanitarian", "│", str(after["AID humanitarian"]), "│"]
               for line in output.splitlines()), output
    rules = load_rules(path)
    phrases = rules.phrases()
    # Indexed by head verb, then by the first word after it.
    assert [(rest, sense) for _, rest, sense in phrases["fly"]["in"]] == [
        (("in",), rules.triggers[-2].sense)]
    assert rules.triggers[-1].sense.type is RelationType.SUPPORTS  # typed by plover_relations
    assert rules.triggers[-1].sense.mode == "military"


def test_unknown_modes_and_repeated_phrases_are_caught(tmp_path: Path) -> None:
    code, output, path = _check(
        tmp_path,
        _line("fly in", mode="naval"),
        _line("ship arms", mode="military"),
        _line("ship arms", id_="mine:ship_arms_again", mode="economic"),
        _line("ship  arms", id_="mine:spaced"),
        _line("ship arms arms", id_="mine:twice"),
        _line("urge", category="DEMAND", mode="military"),
    )
    assert code == 1
    assert f"{path}:1: unknown mode 'naval' for AID (known: " in output
    assert f"{path}:3: conflicting phrase: 'ship arms' (VERB) is already in VERBS on line 2" in output
    assert f"{path}:4: lemma 'ship  arms' must be words separated by single spaces" in output
    assert f"{path}:5: lemma 'ship arms arms' names a word twice" in output
    assert f"{path}:6: unknown mode 'military' for DEMAND (known: none" in output


def test_every_category_has_a_relation_and_polarity_matches_its_type(tmp_path: Path) -> None:
    relations, problems = read_relations()
    assert problems == []
    assert set(relations.types) == set(PloverCategory)
    assert relations.relation(PloverCategory.AID, "military") is RelationType.SUPPORTS
    assert relations.relation(PloverCategory.REQUEST, "assist") is RelationType.COOPERATES
    assert relations.relation(PloverCategory.ASSAULT, None) is RelationType.OPPOSES
    bad = tmp_path / "relations.toml"
    bad.write_text('[categories]\nAID = { type = "OPPOSES", polarity = "cooperative" }\n')
    _, problems = read_relations(bad)
    assert any("polarity cooperative is not OPPOSES's (hostile)" in p.message for p in problems)
    assert any("[categories] lacks AGREE" in p.message for p in problems)


def test_hand_triggers_win_and_switched_off_categories_are_not_read() -> None:
    check = check_rules()
    assert check.problems == []
    shadowed = {converted.lemma for _, converted in check.shadowed}
    assert "support" in shadowed  # a hand verb: the CAMEO line for it is not read
    assert "support" not in lexicon.EVENT_VERBS and "support" in lexicon.VERBS
    assert check.switched_off > 0
    categories = {s.category for s in lexicon.EVENT_VERBS.values()}
    assert "THREATEN" not in categories and "ASSAULT" in categories


def test_the_mode_is_kept_by_the_embedded_store(tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "graph.json")
    article = Article(id="a1", title="t", text="Russia armed the Houthis.")
    actors = [Actor(id="russia", name="Russia", kind=ActorKind.STATE),
              Actor(id="houthis", name="Houthis", kind=ActorKind.ARMED_GROUP)]
    claim = Claim(article_id="a1", subject_id="russia", object_id="houthis",
                  type=RelationType.SUPPORTS, category="AID", mode="military",
                  sentence=article.text, start=0, end=len(article.text),
                  subject_text="Russia", object_text="Houthis")
    store.upsert([ArticleGraph(article=article, actors=actors, claims=[claim])])
    again = MemoryStore(tmp_path / "graph.json")  # read back from the file
    [kept] = again.evidence("russia", "houthis", RelationType.SUPPORTS)
    assert (kept.category, kept.mode) == ("AID", "military")


def test_the_start_reads_the_cameo_file_as_the_check_does() -> None:
    """At start the converted file is read without the per-field checks (it is large); what
    it yields must be what the full check reads."""
    loaded = load_rules.__wrapped__(None)
    checked = check_rules()
    assert checked.problems == []
    assert [(t.id, t.table, t.lemma, t.pos, t.sense, t.line, t.cameo) for t in loaded.triggers] == [
        (t.id, t.table, t.lemma, t.pos, t.sense, t.line, t.cameo) for t in checked.triggers]
