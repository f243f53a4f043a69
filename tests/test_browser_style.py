"""docs/conflictgraph.grass, read as Neo4j Browser reads it: every rule a selector and its properties.

Browser's GraSS selects a relationship by its type only (never by a property), so a closed
relation cannot take its own colour or width. Nor can a caption join the type and a
property: Browser 5.24 draws ``'<type> {closed_on}'`` as the literal text "<type>" (seen in
a real Browser by tests/test_browser.py). Each relation is captioned with its type; a closed
relation is told apart by its ``closed_on`` property (the cookbook's ``as_of`` query returns
it as ``closed_on_then``).
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


def test_every_relation_is_captioned_with_its_type_alone() -> None:
    style = rules(GRASS.read_text(encoding="utf-8"))
    for rel_type in RelationType:
        assert style[f"relationship.{rel_type.value}"]["caption"] == "<type>", rel_type
    assert style["relationship.STATES"]["caption"] == "<type>"
