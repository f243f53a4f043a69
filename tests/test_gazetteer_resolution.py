"""The gazetteer: loading the real data fast, layering, lookups, the case policy,
matching in a parsed text, and the resolution helpers extraction relies on."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conflictgraph.graph.model import ActorKind
from conflictgraph.loaders.extraction.mentions import INSTITUTION_WORDS
from conflictgraph.loaders.extraction.nlp import load_model
from conflictgraph.loaders.gazetteer import DATA_DIR, Gazetteer, GazetteerError, read_entries

MINIMAL = Path(__file__).parent / "data" / "gazetteer_minimal.jsonl"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _write(path: Path, *rows: dict[str, object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_real_data_loads_fast_and_without_pickles() -> None:
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    gazetteer.prepare()
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"gazetteer load + index took {elapsed:.2f}s"
    assert len(gazetteer) > 250  # at least every ISO country
    assert not list(DATA_DIR.glob("*.pkl")) and not list(DATA_DIR.glob("*.pickle"))


def test_lookup_is_case_insensitive_over_every_form(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("turkey").id == "turkey"
    assert gazetteer.resolve("TÜRKIYE").id == "turkey"
    assert gazetteer.resolve("Turkish").id == "turkey"  # adjective
    assert gazetteer.resolve("Ankara").id == "turkey"  # metonym
    assert gazetteer.lookup("Ankara") is None  # names and aliases only by default
    assert gazetteer.lookup("the UAE").id == "united-arab-emirates"
    assert gazetteer.resolve("libyan-national-army").name == "Libyan National Army"


def test_variant_names_find_the_entry(gazetteer: Gazetteer) -> None:
    minimal = Gazetteer.from_entries(read_entries(DATA_DIR / "states.jsonl"), read_entries(MINIMAL))
    assert minimal.lookup("Libya National Army") is None
    assert minimal.lookup_variant("Libya National Army").id == "libyan-national-army"
    assert minimal.lookup_variant("U.N. Support Mission in Libya").id == "unsmil"
    assert minimal.lookup_variant("Chad National Army") is None


def test_user_file_overrides_by_id_and_by_name(tmp_path: Path) -> None:
    phoenix: list[dict[str, object]] = [
        {"id": "hftr", "name": "Khalifa Haftar", "kind": "person", "aliases": ["Hifter"]},
        {"id": "lna", "name": "LNA", "kind": "armed_group"},
    ]
    curated: list[dict[str, object]] = [
        {"id": "lna", "name": "Libyan National Army", "kind": "armed_group", "aliases": ["LNA"]}
    ]
    user = _write(
        tmp_path / "mine.jsonl",
        {
            "id": "khalifa-haftar",
            "name": "Khalifa Haftar",
            "kind": "person",
            "aliases": ["Field Marshal Haftar"],
            "leads": "lna",
        },
    )
    data = tmp_path / "data"
    data.mkdir()
    _write(data / "phoenix.jsonl", *phoenix)
    _write(data / "curated.jsonl", *curated)
    gazetteer = Gazetteer.load(user, data_dir=data)
    assert gazetteer.get("lna").name == "Libyan National Army"  # curated over phoenix by id
    assert gazetteer.get("hftr") is None  # user over phoenix by name
    assert gazetteer.resolve("Field Marshal Haftar").id == "khalifa-haftar"
    assert gazetteer.resolve("Hifter") is None  # the dropped entry's aliases go with it
    assert gazetteer.led_by("khalifa-haftar").id == "lna"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "invalid JSON"),
        ('{"id": "x"}', "'name' is required"),
        ('{"name": "X", "kind": "navy"}', "unknown kind 'navy'"),
        ('{"name": "X", "aliases": [1]}', "'aliases' must be"),
        ('{"name": "X", "kind": "armed_group", "country": "US", "acts_for": "group"}', "'acts_for' must be"),
        ('{"name": "X", "kind": "armed_group", "acts_for": "state"}', "'acts_for' needs the 'country'"),
    ],
)
def test_bad_user_lines_are_refused_with_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"name": "Good"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as info:
        Gazetteer.load(path, data_dir=tmp_path)
    assert f"{path}:2" in str(info.value)


def test_missing_user_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="does not exist"):
        Gazetteer.load(tmp_path / "nope.jsonl", data_dir=tmp_path)


def test_matching_in_a_doc_is_longest_first_and_case_aware(gazetteer: Gazetteer) -> None:
    nlp = load_model()
    doc = nlp.make_doc("Iran-backed Houthis and the U.S. met us in Chad; the Libya National Army ate turkey.")
    longest, nested = gazetteer.match_all(doc)
    found = {(doc[m.start : m.end].text, m.entry.id) for m in longest}
    assert ("Iran-backed Houthis", "houthis") in found
    assert ("U.S.", "united-states") in found
    assert ("Libya National Army", "libyan-national-army") in found
    assert ("Chad", "chad") in found
    texts = {doc[m.start : m.end].text for m in longest}
    assert "us" not in texts and "turkey" not in texts  # lower case is not the name
    assert any(doc[m.start : m.end].text == "Iran" for m in nested)


def test_forces_commands_and_services_act_for_their_state(gazetteer: Gazetteer) -> None:
    """ "acts_for": "state" names the state a force, command or service acts for; a named armed
    group with "Forces" in its name has none."""
    for surface in ("CENTCOM", "U.S. Africa Command", "INDOPACOM", "U.S. Army", "U.S. Forces"):
        entry = gazetteer.lookup(surface)
        assert entry is not None, surface
        state = gazetteer.principal_state(entry)
        assert state is not None and state.id == "united-states", surface
    for surface in ("Rapid Support Forces", "Syrian Democratic Forces", "Sudanese Armed Forces", "Tatmadaw"):
        entry = gazetteer.lookup(surface)
        assert entry is not None and gazetteer.principal_state(entry) is None, surface


def test_government_helpers(gazetteer: Gazetteer) -> None:
    libya = gazetteer.governments_of("libya")
    assert "government-of-national-accord" in {g.id for g in libya}
    seated = Gazetteer.seated_in(libya, "Tripoli")
    assert seated and all("tripoli" in " ".join(g.aliases).lower() for g in seated)
    body = gazetteer.state_of_body(gazetteer.get("iranian-government"), INSTITUTION_WORDS)
    assert body is not None and body.id == "iran"
    named = gazetteer.get("government-of-national-accord")
    assert gazetteer.state_of_body(named, INSTITUTION_WORDS) is None
    assert gazetteer.get("government-of-national-accord").kind is ActorKind.GOVERNMENT
    assert gazetteer.led_by("khalifa-haftar").id == "libyan-national-army"
    assert "unsmil" in {e.id for e in gazetteer.children_of("united-nations")}


def test_leaders_lead_and_spokesmen_do_not(gazetteer: Gazetteer) -> None:
    """ "Haftar's forces" are the LNA through `leads`; a spokesman's parent is not his command."""
    haftar = gazetteer.led_by("khalifa-haftar")
    assert haftar is not None and haftar.id == "libyan-national-army"
    qassem = gazetteer.led_by("naim-qassem")
    assert qassem is not None and qassem.id == "hezbollah"
    for spokesman in ("ahmed-al-mismari", "yahya-saree", "daniel-hagari", "abu-obeida"):
        assert gazetteer.get(spokesman) is not None
        assert gazetteer.led_by(spokesman) is None


def test_office_titles_are_no_institution_aliases(gazetteer: Gazetteer) -> None:
    """A person's office ("German Chancellor") names no institution in the packaged data."""
    for form in ("German Chancellor", "Federal Chancellor of Germany", "Bundeskanzler"):
        entry = gazetteer.lookup(form)
        assert entry is None or entry.kind.value == "person", f"{form} -> {entry}"
