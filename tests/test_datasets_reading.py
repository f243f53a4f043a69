"""Dataset files read as streams: formats from headers, archives, bad rows, flat memory,
and each format's row -> claims mapping (no store involved)."""

from __future__ import annotations

import gzip
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from conflictgraph.graph.model import ActorKind, Dataset, PloverCategory, RelationType
from conflictgraph.loaders.datasets import FormatError, detect_format, get_mappings
from conflictgraph.loaders.datasets.actors import ActorResolver, MatchReason
from conflictgraph.loaders.datasets.formats import COLUMNS, GDELT_COLUMNS, Row, SkippedRow, rows_of
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
                    events.append(mapper(row.fields))
                except BadRow as exc:
                    bad.append(f"{row.line}: {exc}")
    assert found is not None
    return found, events, bad


def by_name(fmt: Dataset) -> Callable[[dict[str, str]], RowEvent]:
    """The format's mapper fed a row given by column name (absent columns empty)."""
    mapper = mapper_for(fmt, get_mappings())
    return lambda row: mapper([row.get(c, "") for c in COLUMNS[fmt]])


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
    mapper = by_name(Dataset.ACLED)
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


def test_ucdp_esd_support_columns_read_as_the_codebook_defines_them() -> None:
    """X troops as a secondary warring party, Y access to (military or intelligence)
    infrastructure or joint operations: one category, not two; P follows X in the file."""
    mapper = by_name(Dataset.UCDP_ESD)
    row = {"id": "1", "year": "2023", "actor_name": "Government of Sudan",
           "ext_name": "Government of Egypt", "ext_sup": "1"}
    types = {column: mapper({**row, column: "1"}).claims[0].support_types
             for column in ("ext_x", "ext_p", "ext_y", "ext_l")}
    assert types == {"ext_x": ("troops as a secondary warring party",), "ext_p": ("troops",),
                     "ext_y": ("access to infrastructure or joint operations",),
                     "ext_l": ("access to territory",)}


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
    actor, match = resolver.resolve(ActorRef("Kordofan Hills Defence Brigade", codes=("ucdp:9002",)))
    assert match.new and actor.id == "kordofan-hills-defence-brigade"
    assert "ucdp:9002" in actor.aliases


@pytest.mark.parametrize(("ref", "actor_id", "code"), [
    # A GDELT actor coded with the bare country code is the state, whatever the name says.
    (ActorRef("Khartoum", "SD", frozenset({ActorKind.STATE}), codes=("cameo:SDN",)), "sudan",
     "cameo:SDN"),
    (ActorRef("Government of Sudan", codes=("gw:625",)), "sudan", "gw:625"),
    (ActorRef("Sudan", codes=("cow:625",)), "sudan", "cow:625"),
    (ActorRef("Yemen (North Yemen)", codes=("gw:678",)), "yemen", "gw:678"),
    (ActorRef("Serbia (Yugoslavia)", codes=("gw:345",)), "serbia", "gw:345"),
])
def test_codes_match_first_and_say_which_code(
    resolver: ActorResolver, ref: ActorRef, actor_id: str, code: str
) -> None:
    actor, match = resolver.resolve(ref)
    assert (actor.id, match.reason, match.code) == (actor_id, MatchReason.CODE, code)


def test_a_state_number_never_matches_an_actor_of_another_kind() -> None:
    resolver = ActorResolver(get_gazetteer())
    for code in ("gw:625", "cow:625", "isonum:729"):
        rebels, match = resolver.resolve(ActorRef(
            "Sudan Revolutionary Front of the Hills", kinds=frozenset({ActorKind.ARMED_GROUP}),
            codes=(code,)))
        assert rebels.id != "sudan" and rebels.kind is ActorKind.ARMED_GROUP
        assert match.reason is not MatchReason.CODE


def test_an_unknown_code_makes_a_new_node_that_the_code_finds_again() -> None:
    resolver = ActorResolver(get_gazetteer())
    first, match = resolver.resolve(ActorRef("Republic of Nowhereland", codes=("gw:999",)))
    assert match.new and "gw:999" in first.aliases
    again, match = resolver.resolve(ActorRef("Nowhereland", codes=("gw:999",)))
    assert (again.id, match.reason, match.code) == (first.id, MatchReason.CODE, "gw:999")


def test_a_ucdp_actor_id_is_learnt_by_the_actor_it_matched() -> None:
    """The id a UCDP row gives a matched actor finds that actor under another spelling."""
    resolver = ActorResolver(get_gazetteer())
    rsf, match = resolver.resolve(ActorRef("RSF: Rapid Support Forces", codes=("ucdp:7012",)))
    assert rsf.id == "rapid-support-forces" and match.reason is MatchReason.ALIAS
    assert "ucdp:7012" in rsf.aliases
    again, match = resolver.resolve(ActorRef("Quick Support Troops", codes=("ucdp:7012",)))
    assert (again.id, match.reason, match.code) == ("rapid-support-forces", MatchReason.CODE,
                                                     "ucdp:7012")
    # A CAMEO country-and-role code is a kind of actor, not an identity: never learnt.
    one, _ = resolver.resolve(ActorRef("Darfur Hills Movement", "SD", codes=("cameo:SDNREB",)))
    other, match = resolver.resolve(ActorRef("Eastern Sudan Front", "SD", codes=("cameo:SDNREB",)))
    assert one.id != other.id and match.new


def test_gdelt_rows_carry_their_cameo_codes() -> None:
    mapper = by_name(Dataset.GDELT_EVENTS)
    row = {
        "GLOBALEVENTID": "1", "SQLDATE": "20240502", "EventCode": "190",
        "Actor1Code": "SDN", "Actor1Name": "KHARTOUM", "Actor1CountryCode": "SDN",
        "Actor2Code": "ROMMIL", "Actor2Name": "ROMANIA", "Actor2CountryCode": "ROM",
        "Actor2Type1Code": "MIL"}
    event = mapper(row)
    subject, obj = event.claims[0].subject, event.claims[0].object
    assert subject.codes[0] == "cameo:SDN" and subject.kinds == {ActorKind.STATE}
    assert (obj.name, obj.country, obj.codes) == ("Military Forces of Romania", "RO",
                                                  ("cameo:ROMMIL",))


def test_a_gdelt_known_group_code_is_the_groups_identity() -> None:
    """KnownGroupCode is the group's own CAMEO code (GDELT codebook): rows naming the group
    differently are one actor in one country, and never merge across countries."""
    mapper = by_name(Dataset.GDELT_EVENTS)

    def subject(record: str, name: str, country: str, group: str) -> ActorRef:
        event = mapper({
            "GLOBALEVENTID": record, "SQLDATE": "20240502", "EventCode": "190",
            "Actor1Code": f"{country}REB{group}", "Actor1Name": name,
            "Actor1CountryCode": country, "Actor1Type1Code": "REB", "Actor1KnownGroupCode": group,
            "Actor2Code": "SDNMIL", "Actor2Name": "SUDAN", "Actor2CountryCode": "SDN",
            "Actor2Type1Code": "MIL"})
        return event.claims[0].subject

    named = subject("1", "DARFUR HILLS MOVEMENT", "SDN", "DHM")
    assert named.name == "Darfur Hills Movement" and "cameo:DHM" in named.codes
    resolver = ActorResolver(get_gazetteer())
    first, match = resolver.resolve(named)
    assert match.new and "cameo:DHM" in first.aliases
    again, match = resolver.resolve(subject("2", "DHM FIGHTERS", "SDN", "DHM"))
    assert (again.id, match.reason, match.code) == (first.id, MatchReason.CODE, "cameo:DHM")
    elsewhere, match = resolver.resolve(subject("3", "DHM FIGHTERS", "TCD", "DHM"))
    assert elsewhere.id != first.id and elsewhere.country == "TD"


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
                    mapper(row.fields)
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


@pytest.mark.parametrize(("code", "category", "relation"), [
    ("190", "ASSAULT", "OPPOSES"),  # CAMEO2PLOVER 2021: 19 and 190 are ASSAULT
    ("191", "COERCE", "OPPOSES"),  # a code's own line beats its root's
    ("0841", "RETREAT", "COOPERATES"),
    ("0874", "RETREAT", "COOPERATES"),
    ("0819", "CONCEDE", "COOPERATES"),  # no line of its own: its parent 081
    ("057", "SUPPORT", "SUPPORTS"),
    ("1011", None, None),  # REQUEST states no relation
    ("0231", None, None),  # appeals (02) are not in the table
])
def test_gdelt_event_codes_map_through_the_shipped_cameo_plover_table(
    code: str, category: str | None, relation: str | None
) -> None:
    mapper = by_name(Dataset.GDELT_EVENTS)
    event = mapper({"GLOBALEVENTID": "9", "SQLDATE": "20240502", "EventCode": code,
                    "Actor1Code": "SDN", "Actor1Name": "SUDAN", "Actor1CountryCode": "SDN",
                    "Actor2Code": "EGY", "Actor2Name": "EGYPT", "Actor2CountryCode": "EGY"})
    assert [(c.category, c.type.value) for c in event.claims] == (
        [(category, relation)] if category else [])
