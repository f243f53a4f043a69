"""Checks on the packaged gazetteer data (loaders/gazetteer/data/*.jsonl).

Plain file checks: no network, no database, no spaCy.  They guard the record
format, the cross-file invariants the loader relies on (unique ids, existing
parents, one actor per curated surface form) and the lookups that the
extraction of conflict news depends on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parent.parent / "loaders" / "gazetteer" / "data"
KINDS = {"state", "government", "armed_group", "person", "igo", "party", "other"}
SOURCES = {"pycountry", "phoenix", "curated"}
FIELDS = {"id", "name", "kind", "aliases", "adjectives", "metonyms", "country", "parent", "source", "note"}
OPTIONAL_FIELDS = {"leads", "seat", "terms", "acts_for"}  # read by gazetteer.py when present
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Bare generic words that must never be a surface form on their own.
GENERIC = {
    "army", "government", "forces", "force", "police", "party", "union", "rebels",
    "the rebels", "militants", "militia", "military", "council", "front", "movement",
    "president", "authorities", "regime", "junta", "coalition", "alliance", "troops",
}  # fmt: skip


def _load(name: str) -> list[dict]:
    path = DATA / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def files() -> dict[str, list[dict]]:
    found = sorted(p.name for p in DATA.glob("*.jsonl"))
    assert {"curated.jsonl", "states.jsonl", "phoenix.jsonl"} <= set(found), found
    return {name: _load(name) for name in found}


@pytest.fixture(scope="module")
def records(files: dict[str, list[dict]]) -> list[dict]:
    return [record for name in sorted(files) for record in files[name]]


@pytest.fixture(scope="module")
def by_id(records: list[dict]) -> dict[str, dict]:
    return {record["id"]: record for record in records}


def _key(text: str) -> str:
    """Case-insensitive surface key, with a leading "the " ignored as the loader does."""
    text = " ".join(text.split()).casefold()
    return text[4:] if text.startswith("the ") else text


def _forms(record: dict, fields: tuple[str, ...] = ("name", "aliases")) -> list[str]:
    out: list[str] = []
    for field in fields:
        value = record[field]
        out.extend([value] if isinstance(value, str) else value)
    return out


def _index(records: list[dict], fields: tuple[str, ...]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for form in _forms(record, fields):
            index[_key(form)].add(record["id"])
    return index


def _lookup(records: list[dict], text: str, field: str) -> set[str]:
    fields = ("name", "aliases") if field == "aliases" else (field,)
    return _index(records, fields).get(_key(text), set())


def test_every_record_validates(records: list[dict]) -> None:
    for record in records:
        where = record.get("id")
        assert FIELDS <= set(record) <= FIELDS | OPTIONAL_FIELDS, where
        assert record["kind"] in KINDS, where
        assert record["source"] in SOURCES, where
        assert isinstance(record["name"], str) and record["name"].strip() == record["name"] != "", where
        for field in ("aliases", "adjectives", "metonyms"):
            values = record[field]
            assert isinstance(values, list), where
            assert all(isinstance(v, str) and v.strip() == v != "" for v in values), where
        aliases = [a.casefold() for a in record["aliases"]]
        assert len(aliases) == len(set(aliases)), f"{where}: duplicate alias"
        assert record["name"].casefold() not in aliases, f"{where}: name repeated as alias"
        if record["kind"] != "state":
            assert not record["adjectives"] and not record["metonyms"], where
        assert record["note"] is None or isinstance(record["note"], str), where


def test_ids_are_unique_slugs(records: list[dict]) -> None:
    seen: set[str] = set()
    for record in records:
        assert SLUG.match(record["id"]), record["id"]
        assert record["id"] not in seen, f"duplicate id {record['id']}"
        seen.add(record["id"])


def _slug(text: str) -> str:
    """graph.model.slugify's rule: NFKD, ASCII, runs of other characters -> "-"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:120]


def test_ids_are_slugs_of_names(files: dict[str, list[dict]]) -> None:
    for name, records in files.items():
        for record in records:
            if name == "phoenix.jsonl":  # a clash gets a country or counter suffix
                assert record["id"].startswith(_slug(record["name"])), record["id"]
            else:
                assert record["id"] == _slug(record["name"]), (record["id"], record["name"])


def test_country_codes_are_iso(records: list[dict]) -> None:
    for record in records:
        code = record["country"]
        assert code is None or pycountry.countries.get(alpha_2=code) is not None, (record["id"], code)


def test_parents_exist(records: list[dict], by_id: dict[str, dict]) -> None:
    for record in records:
        parent = record["parent"]
        assert parent is None or (parent in by_id and parent != record["id"]), (record["id"], parent)


def test_acting_forces_name_a_state(records: list[dict]) -> None:
    """A record that acts for its state ("acts_for": "state") is a force, command, service or
    body of a country that has a state record."""
    states = {r["country"] for r in records if r["kind"] == "state"}
    acting = [r for r in records if "acts_for" in r]
    assert acting
    for record in acting:
        assert record["acts_for"] == "state", record["id"]
        assert record["kind"] in ("armed_group", "government"), record["id"]
        assert record["country"] in states, record["id"]


def test_every_iso_country_is_a_state(files: dict[str, list[dict]]) -> None:
    states = files["states.jsonl"]
    assert {r["country"] for r in states} == {c.alpha_2 for c in pycountry.countries}
    assert all(r["kind"] == "state" and r["source"] == "pycountry" for r in states)


def test_no_bare_generic_word_is_a_surface_form(records: list[dict]) -> None:
    for record in records:
        for form in _forms(record, ("name", "aliases", "adjectives", "metonyms")):
            assert _key(form) not in GENERIC, (record["id"], form)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("the UAE", "aliases", "united-arab-emirates"),
        ("UAE", "aliases", "united-arab-emirates"),
        ("the Emirates", "aliases", "united-arab-emirates"),
        ("Emirati", "adjectives", "united-arab-emirates"),
        ("emiratis", "adjectives", "united-arab-emirates"),
        ("Abu Dhabi", "metonyms", "united-arab-emirates"),
        ("Turkish", "adjectives", "turkey"),
        ("Türkiye", "aliases", "turkey"),
        ("Ankara", "metonyms", "turkey"),
        ("U.S.", "aliases", "united-states"),
        ("Washington", "metonyms", "united-states"),
        ("Britain", "aliases", "united-kingdom"),
        ("Kremlin", "metonyms", "russia"),
        ("Russian Federation", "aliases", "russia"),
        ("Haftar's forces", "aliases", "libyan-national-army"),
        ("Libya National Army", "aliases", "libyan-national-army"),
        ("LNA", "aliases", "libyan-national-army"),
        ("the Tripoli government", "aliases", "government-of-national-accord"),
        ("the internationally recognized government", "aliases", "government-of-national-accord"),
        ("GNU", "aliases", "government-of-national-unity"),
        ("Khalifa Haftar", "aliases", "khalifa-haftar"),
        ("Stephanie Williams", "aliases", "stephanie-williams"),
        ("U.N. Support Mission in Libya", "aliases", "unsmil"),
        ("UN", "aliases", "united-nations"),
        ("U.N.", "aliases", "united-nations"),
        ("Houthi rebels", "aliases", "houthis"),
        ("Ansar Allah", "aliases", "houthis"),
        ("Hemedti", "aliases", "mohamed-hamdan-dagalo"),
        ("Zelensky", "aliases", "volodymyr-zelenskyy"),
        ("al-Shabaab", "aliases", "al-shabab"),
        ("Daesh", "aliases", "islamic-state"),
        ("Jolani", "aliases", "ahmed-al-sharaa"),
        ("Tatmadaw", "aliases", "tatmadaw"),
        ("ISIS-K", "aliases", "islamic-state-khorasan-province"),
    ],
)
def test_lookups(records: list[dict], text: str, field: str, expected: str) -> None:
    assert _lookup(records, text, field) == {expected}


def test_key_people_and_missions(by_id: dict[str, dict]) -> None:
    assert by_id["khalifa-haftar"]["kind"] == "person"
    assert by_id["khalifa-haftar"]["parent"] == "libyan-national-army"
    assert by_id["stephanie-williams"]["kind"] == "person"
    assert by_id["stephanie-williams"]["parent"] == "unsmil"
    assert by_id["unsmil"]["kind"] == "igo"
    assert by_id["unsmil"]["parent"] == "united-nations"


CONFLICTS = {
    "libya": ["libyan-national-army", "government-of-national-accord", "government-of-national-unity",
              "khalifa-haftar", "fayez-al-sarraj", "abdul-hamid-dbeibah", "aguila-saleh",
              "libyan-house-of-representatives", "wagner-group", "unsmil"],
    "syria": ["assad-government", "bashar-al-assad", "hayat-tahrir-al-sham", "ahmed-al-sharaa",
              "syrian-democratic-forces", "people-s-protection-units", "syrian-national-army"],
    "yemen": ["houthis", "saudi-led-coalition", "presidential-leadership-council",
              "southern-transitional-council", "abdul-malik-al-houthi"],
    "sudan": ["sudanese-armed-forces", "rapid-support-forces", "abdel-fattah-al-burhan",
              "mohamed-hamdan-dagalo"],
    "ethiopia": ["tigray-people-s-liberation-front", "ethiopian-national-defense-force", "abiy-ahmed",
                 "fano", "oromo-liberation-army", "eritrea"],
    "russia-ukraine": ["russia", "ukraine", "vladimir-putin", "volodymyr-zelenskyy",
                       "armed-forces-of-ukraine", "yevgeny-prigozhin"],
    "sahel": ["jama-at-nusrat-al-islam-wal-muslimin", "islamic-state-sahel-province", "malian-junta",
              "assimi-goita", "burkina-faso-junta", "ibrahim-traore", "niger-junta",
              "abdourahamane-tiani", "africa-corps"],
    "dr-congo": ["m23", "armed-forces-of-the-democratic-republic-of-the-congo", "felix-tshisekedi",
                 "paul-kagame", "allied-democratic-forces", "rwanda-defence-force", "monusco"],
    "somalia": ["al-shabab", "federal-government-of-somalia", "hassan-sheikh-mohamud", "atmis", "amisom"],
    "israel-gaza-lebanon": ["israel-defense-forces", "hamas", "palestinian-islamic-jihad", "hezbollah",
                            "palestinian-authority", "benjamin-netanyahu", "yahya-sinwar",
                            "hassan-nasrallah", "izz-ad-din-al-qassam-brigades", "unifil"],
    "iraq": ["popular-mobilization-forces", "kataib-hezbollah", "islamic-state",
             "kurdistan-regional-government", "peshmerga"],
    "nagorno-karabakh": ["armenia", "azerbaijan", "republic-of-artsakh", "ilham-aliyev", "nikol-pashinyan"],
    "myanmar": ["tatmadaw", "myanmar-junta", "min-aung-hlaing", "national-unity-government",
                "people-s-defence-force", "arakan-army", "kachin-independence-army",
                "three-brotherhood-alliance"],
    "afghanistan": ["taliban", "islamic-state-khorasan-province", "haibatullah-akhundzada"],
    "iran": ["islamic-revolutionary-guard-corps", "quds-force", "ali-khamenei"],
    "latin-america": ["national-liberation-army", "clan-del-golfo", "sinaloa-cartel",
                      "jalisco-new-generation-cartel", "nicolas-maduro"],
}  # fmt: skip


def test_conflict_actors_present(by_id: dict[str, dict]) -> None:
    missing = {c: [i for i in ids if i not in by_id] for c, ids in CONFLICTS.items()}
    missing = {c: ids for c, ids in missing.items() if ids}
    assert not missing
    assert len(CONFLICTS) >= 12


def test_curated_and_state_forms_are_unambiguous(files: dict[str, list[dict]]) -> None:
    fields = ("name", "aliases", "adjectives", "metonyms")
    index = _index(files["curated.jsonl"] + files["states.jsonl"], fields)
    clashes = {form: ids for form, ids in index.items() if len(ids) > 1}
    assert not clashes


def test_phoenix_leaves_curated_forms_alone(files: dict[str, list[dict]]) -> None:
    """build_phoenix.py drops Phoenix forms that a curated or state record owns."""
    fields = ("name", "aliases", "adjectives", "metonyms")
    owned = _index(files["curated.jsonl"] + files["states.jsonl"], fields)
    phoenix = files["phoenix.jsonl"]
    assert all(r["source"] == "phoenix" for r in phoenix)
    assert all(r["source"] == "curated" for r in files["curated.jsonl"])
    overlaps = [(r["id"], f) for r in phoenix for f in _forms(r, fields) if _key(f) in owned]
    assert not overlaps


def test_files_stay_compact() -> None:
    assert (DATA / "phoenix.jsonl").stat().st_size < 3_000_000
    assert (DATA / "PHOENIX-LICENSE.txt").is_file()
    assert "MIT License" in (DATA / "PHOENIX-LICENSE.txt").read_text(encoding="utf-8")


# -- code crosswalks (data/state_codes.tsv, written by build_codes.py) ---------------------------
@pytest.mark.parametrize(("code", "state"), [
    ("iso3:SDN", "sudan"), ("isonum:729", "sudan"), ("isonum:4", "afghanistan"),
    ("cameo:SDN", "sudan"), ("cameo:ROM", "romania"), ("gw:625", "sudan"), ("cow:625", "sudan"),
    ("gw:0625", "sudan"), ("gw:625.0", "sudan"), ("gw:678", "yemen"), ("cow:679", "yemen"),
    ("gw:260", "germany"), ("cow:255", "germany"), ("gw:340", "serbia"), ("gw:345", "serbia"),
    ("cow:365", "russia"), ("gw:626", "south-sudan"), ("gw:2", "united-states"),
])
def test_dataset_codes_name_the_gazetteer_states(code: str, state: str) -> None:
    from conflictgraph.loaders.gazetteer import get_gazetteer

    entry = get_gazetteer().by_code(code)
    assert entry is not None and entry.id == state, code


@pytest.mark.parametrize("code", ["cameo:SDNMIL", "cameo:SDNREB", "gw:9999", "cow:", "ucdp:625",
                                  "SDN", "nonsense:625", "cow:678", "gw:679"])
def test_codes_that_name_no_state_find_none(code: str) -> None:
    from conflictgraph.loaders.gazetteer import get_gazetteer

    assert get_gazetteer().by_code(code) is None, code


def test_state_codes_cover_every_state_once() -> None:
    """Every gazetteer state has its row; no GW or COW number names two states."""
    import csv

    with (DATA / "state_codes.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    states = {r["country"] for r in _load("states.jsonl")}
    assert {r["alpha2"] for r in rows} == states
    for column in ("gw", "cow", "cameo", "alpha3", "numeric"):
        owners: dict[str, str] = {}
        for row in rows:
            for code in filter(None, row[column].split(";")):
                assert owners.setdefault(code, row["alpha2"]) == row["alpha2"], (column, code)
    assert sum(1 for r in rows if r["gw"]) >= 190
