"""docs/conflictgraph.grass, read as Neo4j Browser reads it: every rule a selector and its properties.

Browser's GraSS selects a relationship by its type only (never by a property), so a closed
relation cannot take its own colour or width; each actor relation type shows its closing
date after the type instead (``{closed_on}``: empty while the relation is current), so a
closed edge reads apart from a current one. The drawn result is checked in a real Browser
by tests/test_browser.py.
"""

from __future__ import annotations

from pathlib import Path

from conflictgraph.graph.model import RelationType

GRASS = Path(__file__).resolve().parent.parent / "docs" / "conflictgraph.grass"


def rules(text: str) -> dict[str, dict[str, str]]:
    """Browser's GraSS parser (GraphStyle.parse): braces inside quotes belong to the value;
    selector -> {property: value}, quotes dropped."""
    found: dict[str, str] = {}
    inside_string = inside_props = False
    keyword = props = ""
    for char in text:
        if char == "'":
            inside_string = not inside_string
            continue
        if char == "{" and not inside_string:
            inside_props = True
            continue
        if char == "}" and not inside_string:
            inside_props = False
            found[keyword], keyword, props = props, "", ""
            continue
        if inside_props:
            props += char
        elif not char.isspace():
            keyword += char
    parsed = {}
    for selector, body in found.items():
        pairs = [item.split(":", 1) for item in body.split(";") if ":" in item]
        parsed[selector] = {key.strip(): value.strip() for key, value in pairs}
    return parsed


def test_every_actor_relation_shows_its_closing_date() -> None:
    style = rules(GRASS.read_text(encoding="utf-8"))
    for rel_type in RelationType:
        caption = style[f"relationship.{rel_type.value}"]["caption"]
        assert caption == "<type> {closed_on}", rel_type
    # The bookkeeping edges carry no closing date.
    assert style["relationship.STATES"]["caption"] == "<type>"
