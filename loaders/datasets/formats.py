"""The five formats: their columns, and how a file's first line tells which one it is."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ...graph.model import Dataset
from .streams import RawLine

__all__ = [
    "COLUMNS",
    "FormatError",
    "Header",
    "Row",
    "SkippedRow",
    "detect_format",
    "rows_of",
]


class FormatError(ValueError):
    """The file is not in the format given, or in none the loaders know."""


ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
GED_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)
ESD_COLUMNS = (
    "id", "active", "year", "conflict_id", "gwno_a", "actor_name", "actor_nonstate", "ext_id",
    "ext_name", "ext_nonstate", "ext_sup", "ext_alleged", "ext_elements", "ext_coalition",
    "ext_coalition_name", "ext_bothsides", "ext_x", "ext_p", "ext_w", "ext_m", "ext_t", "ext_f",
    "ext_i", "ext_l", "ext_y", "ext_o", "ext_u",
)


def _gdelt_columns() -> tuple[str, ...]:
    actor = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
    geo = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    return (
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        *(f"Actor1{c}" for c in actor), *(f"Actor2{c}" for c in actor),
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
        *(f"{who}_{c}" for who in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in geo),
        "DATEADDED", "SOURCEURL",
    )


GDELT_COLUMNS = _gdelt_columns()
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country",
    "Recipient COW", "Primary Recipient Sector", "Recipient Sectors", "Recipient Title",
    "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City", "District", "Province",
    "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
    "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language",
    "Version",
)

COLUMNS: dict[Dataset, tuple[str, ...]] = {
    Dataset.ACLED: ACLED_COLUMNS,
    Dataset.UCDP_GED: GED_COLUMNS,
    Dataset.UCDP_ESD: ESD_COLUMNS,
    Dataset.GDELT_EVENTS: GDELT_COLUMNS,
    Dataset.POLECAT: POLECAT_COLUMNS,
}

# Columns a header must hold for its format, and without which no row can be mapped.
REQUIRED: dict[Dataset, frozenset[str]] = {
    Dataset.ACLED: frozenset({"event_id_cnty", "event_date", "event_type", "actor1", "actor2"}),
    Dataset.UCDP_GED: frozenset({"id", "type_of_violence", "side_a", "side_b", "date_start"}),
    Dataset.UCDP_ESD: frozenset({"year", "actor_name", "ext_name"}),
    Dataset.GDELT_EVENTS: frozenset({"GLOBALEVENTID", "SQLDATE", "EventCode"}),
    Dataset.POLECAT: frozenset({"Event ID", "Event Date", "Event Type", "Actor Name",
                                "Recipient Name"}),
}

# Header names some files use for a standard column (POLECAT weekly files vary).
RENAMED = {"Event Intensity": "Intensity", "Event_ID": "Event ID", "event_id": "Event ID"}

_INT = re.compile(r"^\d+$")
_SQLDATE = re.compile(r"^(19|20)\d{6}$")


@dataclass(frozen=True, slots=True)
class Header:
    """Which format a file is in, its column names, and whether line 1 was a header."""

    format: Dataset
    columns: tuple[str, ...]
    from_file: bool


class Row(NamedTuple):
    """A data row: its line and its fields in the header's column order (no dict per row:
    a mapper reads the columns it needs by their index)."""

    line: int
    fields: list[str]


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that was not turned into claims, and why (the summary lists these)."""

    source: str
    line: int
    reason: str


def _normalise(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(RENAMED.get(n.strip(), n.strip()) for n in names)


def _header_format(names: tuple[str, ...]) -> Dataset | None:
    present = set(names)
    for fmt, required in REQUIRED.items():
        if required <= present:
            return fmt
    return None


def _headerless_format(fields: Sequence[str]) -> Dataset | None:
    if len(fields) == len(GDELT_COLUMNS) and _INT.match(fields[0]) and _SQLDATE.match(fields[1]):
        return Dataset.GDELT_EVENTS
    if (len(fields) == len(GED_COLUMNS) and _INT.match(fields[0].strip())
            and fields[5].strip() in {"1", "2", "3"}):
        return Dataset.UCDP_GED  # a UCDP Candidate file published without its header row
    return None


def detect_format(first: RawLine, given: Dataset | None = None) -> Header:
    """The format of a file from its first row: a known header, or a header-less layout."""
    names = _normalise(first.fields)
    found = _header_format(names)
    if found is not None:
        if given is not None and found is not given:
            raise FormatError(f"the header is that of {found.value}, not {given.value}: "
                              f"run again with --format {found.value}, or without --format")
        return Header(found, names, from_file=True)
    headerless = _headerless_format(first.fields)
    if given is not None:
        if headerless is given or (headerless is None and given is Dataset.GDELT_EVENTS
                                   and len(first.fields) == len(GDELT_COLUMNS)):
            return Header(given, COLUMNS[given], from_file=False)
        expected = ", ".join(sorted(REQUIRED[given]))
        raise FormatError(f"line 1 is neither a {given.value} header (it needs {expected}) nor a "
                          f"{given.value} row with {len(COLUMNS[given])} columns")
    if headerless is not None:
        return Header(headerless, COLUMNS[headerless], from_file=False)
    raise FormatError("the first line matches no known header (ACLED, UCDP GED, UCDP ESD, "
                      "POLECAT) nor a header-less GDELT 2.0 or UCDP Candidate row: give --format")


def rows_of(
    header: Header, first: RawLine, lines: Iterator[RawLine], source: str
) -> Iterator[Row | SkippedRow]:
    """Rows of the header's width; a row whose width is wrong is skipped with its reason.

    Stray empty cells past the header's width (trailing tabs) are tolerated.
    """
    width = len(header.columns)

    def rows() -> Iterator[RawLine]:
        if not header.from_file:
            yield first
        yield from lines

    for raw in rows():
        fields = raw.fields
        if len(fields) > width and not any(f.strip() for f in fields[width:]):
            fields = fields[:width]
        if len(fields) != width:
            yield SkippedRow(source, raw.line, f"{len(fields)} fields, the header has {width}")
            continue
        yield Row(raw.line, fields)
