"""Known actors (states, governments, armed groups, people, IGOs) and how texts name them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .codes import CodeScheme, Crosswalk, format_code, get_crosswalk, names_one_actor, parse_code
from .gazetteer import (
    DATA_DIR,
    DEFAULT_LAYERS,
    Entry,
    Gazetteer,
    GazetteerError,
    GazetteerMatch,
    SurfaceForm,
    Term,
    read_entries,
    surface_key,
)

__all__ = [
    "DATA_DIR",
    "DEFAULT_LAYERS",
    "CodeScheme",
    "Crosswalk",
    "Entry",
    "Gazetteer",
    "GazetteerError",
    "GazetteerMatch",
    "SurfaceForm",
    "Term",
    "format_code",
    "get_crosswalk",
    "get_gazetteer",
    "names_one_actor",
    "parse_code",
    "read_entries",
    "surface_key",
]


@lru_cache(maxsize=4)
def get_gazetteer(user_path: Path | None = None) -> Gazetteer:
    """The packaged gazetteer plus an optional user file, loaded once per path."""
    return Gazetteer.load(user_path)
