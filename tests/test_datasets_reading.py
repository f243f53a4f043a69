"""Dataset files read as streams: formats from headers, archives, bad rows, flat memory,
and each format's row -> claims mapping (no store involved)."""

from __future__ import annotations

import gzip
import tracemalloc
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from conflictgraph.graph.model import ActorKind, Dataset, PloverCategory, RelationType
from conflictgraph.loaders.datasets import FormatError, detect_format, get_mappings
from conflictgraph.loaders.datasets.actors import ActorResolver, MatchReason
from conflictgraph.loaders.datasets.formats import GDELT_COLUMNS, Row, SkippedRow, rows_of
from conflictgraph.loaders.datasets.rows import ActorRef, BadRow, RowEvent, mapper_for
from conflictgraph.loaders.datasets.streams import open_members, read_lines
from conflictgraph.loaders.datasets.tables import MAPPINGS_FILE, MappingError, load_mappings
from conflictgraph.loaders.extraction.rulefiles import plover_relations
from conflictgraph.loaders.gazetteer import get_gazetteer

DATA = Path(__file__).resolve().parent / "data" / "datasets"


def read(path: Path, fmt: Dataset | None = None) -> tuple[Dataset, list[RowEvent], list[str]]:
    """Every member of a file: its format, mapped events and 'line: reason' of bad rows."""
    events: list[RowEvent] = []
    bad: list[str] = []
    found: Dataset | None = None
    with ExitStack() as stack:
        for member in open_members(path, stack):
            lines = read_lines(member.stream)
            first = next(lines)
            header = detect_format(first, fmt)
            found = header.format
            mapper = mapper_for(header.format, get_mappings())
            for row in rows_of(header, first, lines, member.name):
                if isinstance(row, SkippedRow):
                    bad.append(f"{row.line}: {row.reason}")
                    continue
                try:
                    events.append(mapper(row.values))
                except BadRow as exc:
                    bad.append(f"{row.line}: {exc}")
    assert found is not None
    return found, events, bad


def pairs(event: RowEvent) -> set[tuple[str, str, str, str]]:
    return {(c.subject.name, c.category, c.type.value, c.object.name) for c in event.claims}


@pytest.mark.parametrize(("name", "expected"), [
    ("acled.csv", Dataset.ACLED),
    ("ucdp_ged.csv", Dataset.UCDP_GED),
    ("ged_candidate_noheader.csv", Dataset.UCDP_GED),
    ("ucdp_esd.csv", Dataset.UCDP_ESD),
    ("gdelt.export.CSV", Dataset.GDELT_EVENTS),
    ("polecat.tsv", Dataset.POLECAT),
])
def test_format_is_detected_from_the_first_line(name: str, expected: Dataset) -> None:
    found, events, _ = read(DATA / name)
    assert found is expected and events


def test_a_wrong_format_is_refused_with_the_right_one_named() -> None:
    with pytest.raises(FormatError, match="run again with --format acled"):
        read(DATA / "acled.csv", Dataset.POLECAT)
    with pytest.raises(FormatError, match="neither a ucdp-esd header"):
        read(DATA / "gdelt.export.CSV", Dataset.UCDP_ESD)


def test_headerless_ucdp_candidate_rows_are_all_read() -> None:
    _, with_header, _ = read(DATA / "ucdp_ged.csv")
    _, headerless, bad = read(DATA / "ged_candidate_noheader.csv")
    assert not bad
    assert [e.record_id for e in headerless] == ["880001", "880002", "880003"]
    assert [pairs(e) for e in headerless] == [pairs(e) for e in with_header[:3]]


def test_gzip_and_zip_read_as_the_plain_file(tmp_path: Path) -> None:
    plain = (DATA / "acled.csv").read_bytes()
    (tmp_path / "acled.csv.gz").write_bytes(gzip.compress(plain))
    with zipfile.ZipFile(tmp_path / "export.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("2024-05-Sudan.csv", plain)
        archive.writestr("README.pdf", b"%PDF")  # not a table: ignored
    expected = read(DATA / "acled.csv")
    for path in (tmp_path / "acled.csv.gz", tmp_path / "export.zip"):
        fmt, events, bad = read(path)
        assert (fmt, [e.text for e in events], bad) == (
            expected[0], [e.text for e in expected[1]], expected[2])


def test_malformed_rows_are_reported_with_line_and_reason() -> None:
    _, events, bad = read(DATA / "acled.csv")
    assert bad == ["7: 7 fields, the header has 31", "8: event_date 'not a date' is not a date"]
    assert len(events) == 6
    _, _, bad = read(DATA / "gdelt.export.CSV")
    assert bad == ["5: SQLDATE '2024-05-03' is not a date", "6: 3 fields, the header has 61"]


def test_acled_battle_joins_associates_to_their_main_actor() -> None:
    _, events, _ = read(DATA / "acled.csv")
    battle = events[0]
    assert battle.record_id == "SDN90001" and battle.place == "El Fasher, North Darfur, Sudan"
    saf, rsf = "Military Forces of Sudan (2019-)", "RSF: Rapid Support Forces"
    assert pairs(battle) == {
        (saf, "FIGHT", "OPPOSES", rsf),
        ("Joint Darfur Force", "FIGHT", "OPPOSES", rsf),
        ("Sudan Liberation Movement", "FIGHT", "OPPOSES", rsf),
        (saf, "COOPERATE", "COOPERATES", "Joint Darfur Force"),
        (saf, "COOPERATE", "COOPERATES", "Sudan Liberation Movement"),
    }


def test_acled_civilians_and_protesters_are_targets_not_partners() -> None:
    _, events, _ = read(DATA / "acled.csv")
    attack, protest, peaceful = events[1], events[2], events[3]
    rsf = "RSF: Rapid Support Forces"
    assert pairs(attack) == {(rsf, "ASSAULT", "OPPOSES", "Civilians (Sudan)"),
                             (rsf, "ASSAULT", "OPPOSES", "Masalit Ethnic Group (Sudan)")}
    police = "Police Forces of Sudan (2019-)"
    assert pairs(protest) == {(police, "COERCE", "OPPOSES", "Protesters (Sudan)"),
                              (police, "COERCE", "OPPOSES", "Sudanese Professionals Association")}
    assert pairs(peaceful) == set()  # one actor: no relation
    assert not any(c.type is RelationType.COOPERATES for e in events[1:4] for c in e.claims)


def test_acled_interaction_codes_as_integers_and_as_text_map_alike() -> None:
    mapper = mapper_for(Dataset.ACLED, get_mappings())
    base = {"event_id_cnty": "SDN1", "event_date": "2024-05-03", "event_type": "Violence against civilians",
            "sub_event_type": "Attack", "actor1": "RSF: Rapid Support Forces",
            "assoc_actor_1": "Janjaweed", "actor2": "Civilians (Sudan)",
            "assoc_actor_2": "Fur Ethnic Group (Sudan)", "iso": "729", "country": "Sudan"}
    coded = mapper({**base, "inter1": "3", "inter2": "7", "interaction": "37"})
    named = mapper({**base, "inter1": "Political militia", "inter2": "Civilians",
                    "interaction": "Political militia-Civilians"})
    assert pairs(coded) == pairs(named)
    assert ("Janjaweed", "COOPERATE", "COOPERATES", "RSF: Rapid Support Forces") not in pairs(coded)
    assert ("RSF: Rapid Support Forces", "COOPERATE", "COOPERATES", "Janjaweed") in pairs(coded)
    assert not any(c.category == "COOPERATE" and "Fur" in c.object.name for c in coded.claims)


def test_ucdp_sides_naming_several_actors_are_split() -> None:
    _, events, bad = read(DATA / "ucdp_ged.csv")
    assert bad == ["6: type_of_violence '7' is not 1, 2 or 3"]
    border = next(e for e in events if e.record_id == "880004")
    assert pairs(border) == {
        ("Government of Sudan", "FIGHT", "OPPOSES", "South Sudan Liberation Movement"),
        ("Government of South Sudan", "FIGHT", "OPPOSES", "South Sudan Liberation Movement"),
    }
    one_sided = next(e for e in events if e.record_id == "880003")
    assert pairs(one_sided) == {("RSF", "ASSAULT", "OPPOSES", "Civilians (Sudan)")}


def test_ucdp_esd_support_types_and_alleged_flag() -> None:
    _, events, bad = read(DATA / "ucdp_esd.csv")
    assert bad == ["4: year '20x3' is not a year"]
    egypt, uae = events
    (claim,) = egypt.claims
    assert (claim.subject.name, claim.type, claim.object.name) == (
        "Government of Egypt", RelationType.SUPPORTS, "Government of Sudan")
    assert claim.support_types == ("training and expertise", "weapons") and not claim.hedged
    (alleged,) = uae.claims
    assert alleged.hedged and alleged.support_types == ("funding", "weapons")
    assert egypt.date is not None and egypt.date.year == 2023


def test_gdelt_codes_keep_their_leading_zeros() -> None:
    _, events, _ = read(DATA / "gdelt.export.CSV")
    appeal = next(e for e in events if e.record_id == "1100000003")  # EventCode 0231: root 02
    assert appeal.claims == [] and "CAMEO 02" in appeal.text
    aid = next(e for e in events if e.record_id == "1100000004")  # 057: root 05, SUPPORT
    assert pairs(aid) == {("Egypt", "SUPPORT", "SUPPORTS", "Sudan")}
    fight = [e for e in events if e.record_id in {"1100000001", "1100000002"}]
    assert {e.group_key for e in fight} == {("Military Forces of Sudan", "Sudan rebels", "19",
                                             "2024-05-02")}


def test_polecat_extra_header_names_stray_tabs_and_multi_actor_cells() -> None:
    _, events, bad = read(DATA / "polecat.tsv")
    assert bad == ["4: Event Type 'TELEPORT' is not a PLOVER category"]
    assault, support = events
    assert pairs(assault) == {
        ("Rapid Support Forces", "ASSAULT", "OPPOSES", "Sudanese Armed Forces"),
        ("Rapid Support Forces", "ASSAULT", "OPPOSES", "Joint Darfur Force"),
    }
    assert pairs(support) == {("Egypt", "SUPPORT", "SUPPORTS", "Sudanese Armed Forces")}
    assert support.source == "Invented Presse Générale"  # ISO-8859-1 decoded


def test_datasets_and_text_read_categories_through_one_table() -> None:
    """A dataset claim's relation comes from the extraction rules' category table: the
    category is a PloverCategory, and each category feeds the relation text claims get."""
    mappings = get_mappings()
    relations = plover_relations()
    for category in PloverCategory:
        assert mappings.relation(category) is relations.relation(category, None)
    for _, events, _ in [read(DATA / name) for name in ("polecat.tsv", "acled.csv")]:
        for event in events:
            for spec in event.claims:
                assert isinstance(spec.category, PloverCategory)
                assert spec.type is relations.relation(spec.category, None)


def test_a_mapping_naming_no_plover_category_is_refused(tmp_path: Path) -> None:
    text = MAPPINGS_FILE.read_text(encoding="utf-8").replace(
        '"Armed clash" = "FIGHT"', '"Armed clash" = "SKIRMISH"')
    broken = tmp_path / "mappings.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError, match="'SKIRMISH' is not a PLOVER category"):
        load_mappings(broken)


# -- actors -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(get_gazetteer())


@pytest.mark.parametrize(("ref", "actor_id", "reason"), [
    (ActorRef("Military Forces of Sudan (2019-)"), "sudanese-armed-forces", MatchReason.PATTERN),
    (ActorRef("Government of Sudan"), "sudan", MatchReason.PATTERN),
    (ActorRef("JNIM: Group for Support of Islam and Muslims"), "jama-at-nusrat-al-islam-wal-muslimin",
     MatchReason.ALIAS),
    (ActorRef("RSF: Rapid Support Forces"), "rapid-support-forces", MatchReason.ALIAS),
    (ActorRef("SDN"), "sudan", MatchReason.CODE),
    (ActorRef("729"), "sudan", MatchReason.CODE),
    (ActorRef("Rapid Suport Forces (Sudan)"), "rapid-support-forces", MatchReason.FUZZY),
])
def test_dataset_names_resolve_with_their_reason(
    resolver: ActorResolver, ref: ActorRef, actor_id: str, reason: MatchReason
) -> None:
    actor, match = resolver.resolve(ref)
    assert (actor.id, match.reason) == (actor_id, reason)
    assert ref.name in actor.names()  # the dataset's name becomes an alias
    assert (match.score is not None) == (reason is MatchReason.FUZZY)


def test_names_never_merge_across_countries_or_kinds(resolver: ActorResolver) -> None:
    sudan, _ = resolver.resolve(ActorRef("Civilians (Sudan)"))
    mali, _ = resolver.resolve(ActorRef("Civilians (Mali)"))
    assert sudan.id != mali.id and (sudan.country, mali.country) == ("SD", "ML")
    # A rebel group that calls itself "Sudan" is not the state.
    rebels, match = resolver.resolve(ActorRef("Sudan", kinds=frozenset({ActorKind.ARMED_GROUP})))
    assert match.reason is MatchReason.NEW and rebels.id != "sudan"
    assert rebels.kind is ActorKind.ARMED_GROUP
    # Two letters are not a country code here: "AU" is the African Union, not Australia.
    au, match = resolver.resolve(ActorRef("AU"))
    assert au.id != "australia"
    # The RSF is Sudanese: a Malian "Rapid Support Forces" is someone else.
    other, match = resolver.resolve(ActorRef("Rapid Support Forces", country="ML"))
    assert match.reason is MatchReason.NEW and other.id != "rapid-support-forces"


def test_unknown_actor_is_new_with_its_dataset_name_and_code_as_aliases(
    resolver: ActorResolver,
) -> None:
    actor, match = resolver.resolve(ActorRef("Kordofan Hills Defence Brigade", code="ucdp:9002"))
    assert match.new and actor.id == "kordofan-hills-defence-brigade"
    assert "ucdp:9002" in actor.aliases


# -- memory ------------------------------------------------------------------------------------
def _gdelt_lines(count: int) -> Iterator[bytes]:
    filler = dict.fromkeys(GDELT_COLUMNS, "")
    for i in range(count):
        row = {**filler, "GLOBALEVENTID": str(1_000_000 + i), "SQLDATE": f"202405{1 + i % 28:02d}",
               "Actor1Code": "SDNMIL", "Actor1Name": "SUDAN", "Actor1CountryCode": "SDN",
               "Actor1Type1Code": "MIL", "Actor2Code": "SDNREB", "Actor2Name": "SUDAN",
               "Actor2CountryCode": "SDN", "Actor2Type1Code": "REB",
               "EventCode": ("190", "0231", "057", "1823")[i % 4], "NumMentions": str(1 + i % 9),
               "SOURCEURL": f"https://news.example/{i}"}
        yield ("\t".join(row[c] for c in GDELT_COLUMNS) + "\n").encode()


def _peak_while_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        rows, bad = _stream_count(path)
        return tracemalloc.get_traced_memory()[1], rows + bad
    finally:
        tracemalloc.stop()


def _stream_count(path: Path) -> tuple[int, int]:
    """Read and map every row without keeping any (as the ingestor does between batches)."""
    count = bad = 0
    with ExitStack() as stack:
        for member in open_members(path, stack):
            lines = read_lines(member.stream)
            first = next(lines)
            header = detect_format(first)
            mapper = mapper_for(header.format, get_mappings())
            for row in rows_of(header, first, lines, member.name):
                if isinstance(row, Row):
                    mapper(row.values)
                    count += 1
                else:
                    bad += 1
    return count, bad


def test_memory_stays_flat_however_long_the_file(tmp_path: Path) -> None:
    """Peak traced memory reading 150k rows from a .gz is that of reading 15k rows."""
    peaks = {}
    for count in (15_000, 150_000):
        path = tmp_path / f"{count}.export.CSV.gz"
        with gzip.open(path, "wb", compresslevel=1) as out:
            out.writelines(_gdelt_lines(count))
        peak, rows = _peak_while_reading(path)
        assert rows == count
        peaks[count] = peak
    assert peaks[150_000] < peaks[15_000] * 1.2 + 256 * 1024, peaks
    assert peaks[150_000] < 8 * 1024 * 1024, peaks
