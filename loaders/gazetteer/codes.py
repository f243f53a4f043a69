"""Code crosswalks: the codes datasets give states, read from ``data/state_codes.tsv``.

Datasets name states by code rather than by name: GDELT by CAMEO country code
(``SDN``), UCDP by Gleditsch-Ward number (``625``), POLECAT by ISO alpha-3 and
COW number, others by ISO numeric code. A code is written ``scheme:value``
(``gw:625``, ``cameo:SDN``); ``Crosswalk.country`` answers the ISO alpha-2 code
the gazetteer's state records carry. ``build_codes.py`` writes the table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

__all__ = [
    "CODES_FILE",
    "CodeScheme",
    "Crosswalk",
    "format_code",
    "get_crosswalk",
    "names_one_actor",
    "parse_code",
    "read_crosswalk",
]

CODES_FILE = Path(__file__).resolve().parent / "data" / "state_codes.tsv"


class CodeScheme(StrEnum):
    """The coding schemes of actor codes (the part before the colon)."""

    ISO3 = "iso3"  # ISO 3166-1 alpha-3
    ISONUM = "isonum"  # ISO 3166-1 numeric
    CAMEO = "cameo"  # CAMEO / Phoenix actor codes (a country code, or country + role codes)
    GW = "gw"  # Gleditsch-Ward state number
    COW = "cow"  # Correlates of War state number
    UCDP = "ucdp"  # UCDP actor id

    @property
    def names_states(self) -> bool:
        """Whether every code of the scheme names a state (GW, COW and ISO numbers do)."""
        return self in {CodeScheme.ISO3, CodeScheme.ISONUM, CodeScheme.GW, CodeScheme.COW}


def names_one_actor(scheme: CodeScheme, value: str) -> bool:
    """Whether a code identifies one actor, so that the next row with it is that actor.

    UCDP ids and state numbers do; a CAMEO code does only as a bare country code: "SDNREB"
    is whichever Sudanese rebels the story names, not one group.
    """
    if scheme is CodeScheme.CAMEO:
        return len(value) == 3 and value.isalpha()
    return True


_COLUMNS = {CodeScheme.ISO3: "alpha3", CodeScheme.ISONUM: "numeric", CodeScheme.CAMEO: "cameo",
            CodeScheme.GW: "gw", CodeScheme.COW: "cow"}


def _normal(scheme: CodeScheme, value: str) -> str:
    value = value.strip()
    if scheme in {CodeScheme.GW, CodeScheme.COW, CodeScheme.ISONUM, CodeScheme.UCDP}:
        # "625", "625.0" and "0625" are one number; ISO numeric is written with three digits.
        if value.endswith(".0"):
            value = value[:-2]
        if value.isdigit():
            value = str(int(value))
            return value.zfill(3) if scheme is CodeScheme.ISONUM else value
        return value
    return value.upper()


def parse_code(code: str) -> tuple[CodeScheme, str] | None:
    """``"gw:0625"`` -> (GW, "625"); None for a string that is not a known scheme's code."""
    scheme, sep, value = code.partition(":")
    if not sep or not value.strip():
        return None
    try:
        found = CodeScheme(scheme.strip().lower())
    except ValueError:
        return None
    return found, _normal(found, value)


def format_code(scheme: CodeScheme, value: str) -> str:
    return f"{scheme.value}:{_normal(scheme, value)}"


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """State codes by scheme, both ways."""

    countries: dict[tuple[CodeScheme, str], str] = field(default_factory=dict)
    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def country(self, code: str) -> str | None:
        """The ISO alpha-2 code of the state ``code`` names, else None.

        A CAMEO code names a state only when it is the bare country code: ``SDNMIL``
        is Sudan's military, not Sudan.
        """
        parsed = parse_code(code)
        return self.countries.get(parsed) if parsed is not None else None

    def codes_of(self, alpha2: str) -> tuple[str, ...]:
        """Every code of the state, ``scheme:value``, in the table's order."""
        return self.codes.get(alpha2, ())


def read_crosswalk(path: Path = CODES_FILE) -> Crosswalk:
    countries: dict[tuple[CodeScheme, str], str] = {}
    codes: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            alpha2 = row["alpha2"]
            found: list[str] = []
            for scheme, column in _COLUMNS.items():
                for value in filter(None, (v.strip() for v in (row.get(column) or "").split(";"))):
                    key = (scheme, _normal(scheme, value))
                    countries.setdefault(key, alpha2)
                    found.append(format_code(scheme, value))
            codes[alpha2] = tuple(found)
    return Crosswalk(countries, codes)


@lru_cache(maxsize=1)
def get_crosswalk() -> Crosswalk:
    return read_crosswalk()
