"""The mapping tables (tables/mappings.toml), read once and checked when read.

Mappings are data: docs/datasets.md shows them as tables. A category a table names
must be a PLOVER category; the relation each category feeds comes from the one
category table text claims use too (the extraction rules' ``plover_relations.toml``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...graph.model import ActorKind, PloverCategory, RelationType
from ..extraction.rulefiles import RuleError, plover_relations

__all__ = ["MAPPINGS_FILE", "MappingError", "Mappings", "get_mappings"]

MAPPINGS_FILE = Path(__file__).resolve().parent / "tables" / "mappings.toml"


class MappingError(ValueError):
    """The mapping file is malformed: names the table and the entry."""


@dataclass(frozen=True, slots=True)
class Mappings:
    categories: dict[PloverCategory, RelationType]
    acled_sub_event: dict[str, str]
    acled_event: dict[str, str]
    acled_inter: dict[str, str]
    acled_targets: frozenset[str]
    acled_kinds: dict[str, frozenset[ActorKind]]
    ged_violence: dict[str, str]
    esd_support: dict[str, str]
    gdelt_root: dict[str, str]
    gdelt_state_types: frozenset[str]
    gdelt_military_types: frozenset[str]
    gdelt_type_names: dict[str, str]
    confidence: dict[str, float]

    def relation(self, category: PloverCategory) -> RelationType:
        """The relation type an event of the category feeds."""
        return self.categories[category]


def _table(data: dict[str, Any], *path: str) -> dict[str, Any]:
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            raise MappingError(f"{MAPPINGS_FILE.name}: table [{'.'.join(path)}] is missing")
    return node


def _strings(data: dict[str, Any], *path: str) -> dict[str, str]:
    table = _table(data, *path)
    out = {}
    for key, value in table.items():
        if isinstance(value, dict | list):
            continue  # a sub-table or list read on its own
        if not isinstance(value, str):
            raise MappingError(f"{MAPPINGS_FILE.name}: [{'.'.join(path)}] {key!r} must be a string")
        out[key] = value
    return out


def _list(data: dict[str, Any], key: str, *path: str) -> frozenset[str]:
    value = _table(data, *path).get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MappingError(f"{MAPPINGS_FILE.name}: [{'.'.join(path)}] {key} must be a list of strings")
    return frozenset(value)


def _confidences(data: dict[str, Any], path: Path) -> dict[str, float]:
    out = {}
    for name, value in _table(data, "confidence").items():
        if not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
            raise MappingError(f"{path.name}: [confidence] {name} must be a number from 0 to 1")
        out[name] = float(value)
    return out


def load_mappings(path: Path = MAPPINGS_FILE) -> Mappings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(f"cannot read {path.name}: {exc}") from exc
    try:
        categories = {category: rel for category, (rel, _) in plover_relations().types.items()}
    except RuleError as exc:
        raise MappingError(f"the event-category table is broken: {exc}") from exc
    kinds: dict[str, frozenset[ActorKind]] = {}
    for name, values in _table(data, "acled", "kinds").items():
        try:
            kinds[name] = frozenset(ActorKind(v) for v in values)
        except (TypeError, ValueError):
            raise MappingError(f"{path.name}: [acled.kinds] {name}: unknown actor kind") from None
    mappings = Mappings(
        categories=categories,
        acled_sub_event=_strings(data, "acled", "sub_event_type"),
        acled_event=_strings(data, "acled", "event_type"),
        acled_inter=_strings(data, "acled", "inter"),
        acled_targets=_list(data, "target_types", "acled"),
        acled_kinds=kinds,
        ged_violence=_strings(data, "ucdp_ged", "type_of_violence"),
        esd_support=_strings(data, "ucdp_esd", "support_types"),
        gdelt_root=_strings(data, "gdelt", "root"),
        gdelt_state_types=_list(data, "state_types", "gdelt"),
        gdelt_military_types=_list(data, "military_types", "gdelt"),
        gdelt_type_names=_strings(data, "gdelt", "type_names"),
        confidence=_confidences(data, path),
    )
    for table_name, table in (("acled.sub_event_type", mappings.acled_sub_event),
                              ("acled.event_type", mappings.acled_event),
                              ("ucdp_ged.type_of_violence", mappings.ged_violence),
                              ("gdelt.root", mappings.gdelt_root)):
        for key, category in table.items():
            if category and category not in PloverCategory.__members__:
                raise MappingError(f"{path.name}: [{table_name}] {key!r}: {category!r} is not a "
                                   f"PLOVER category (known: {', '.join(PloverCategory)})")
    return mappings


@lru_cache(maxsize=1)
def get_mappings() -> Mappings:
    return load_mappings()
