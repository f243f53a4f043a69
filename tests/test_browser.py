"""Neo4j Browser, in a real headless Chromium, shows the seed graph in our style.

Loads the seed through the real pipeline, opens http://127.0.0.1:<http>/browser/,
connects through its form, pastes docs/conflictgraph.grass with ``:style``,
runs the ``bloc`` cookbook query and reads the drawn SVG: every actor's
caption whole (Browser cuts a caption that does not fit its circle with "…"),
node colours by kind, relationship colours by type. The screenshot lands in
artifacts/ (gitignored); with CONFLICTGRAPH_UPDATE_DOCS_SCREENSHOT=1 the
guide's picture docs/browser-seed-graph.png is refreshed too.

Chromium missing is a failure, not a skip: CI must have it
(Debian packages ``chromium`` and ``chromium-driver``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from seed_graph import load_seed

from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.queries import cookbook

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

REPO = Path(__file__).resolve().parent.parent
GRASS = REPO / "docs" / "conflictgraph.grass"
ARTIFACTS = REPO / "artifacts"
DOCS_SCREENSHOT = REPO / "docs" / "browser-seed-graph.png"

STATE_BLUE = "#4C8EDA"
ARMED_GROUP_ORANGE = "#F79767"
COOPERATIVE_GREEN = "#2E9E44"
HOSTILE_RED = "#D62728"
NEUTRAL_GREY = "#8C8C8C"


def _browser_class() -> type:
    missing = [p for p in ("/usr/bin/chromium", "/usr/bin/chromedriver") if not Path(p).exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: install the Debian packages chromium and "
                    "chromium-driver (apt-get install -y chromium chromium-driver)", pytrace=False)
    try:
        from neo4j_browser_driver import Neo4jBrowser
    except ImportError as exc:
        pytest.fail(f"selenium is required for the browser tests ({exc}); "
                    "pip install the test extras", pytrace=False)
    return Neo4jBrowser


@pytest.fixture
def seeded(neo4j_store: Neo4jStore) -> Iterator[Neo4jStore]:
    summary = load_seed(neo4j_store)
    assert summary.articles == 1, summary
    yield neo4j_store


def _endpoints() -> tuple[str, str, str, str]:
    bolt = urlsplit(os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    host = bolt.hostname or "127.0.0.1"
    http = f"http://{host}:{os.environ.get('NEO4J_HTTP_PORT', '7474')}"
    return (http, f"{host}:{bolt.port or 7687}", os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""))


def test_browser_draws_the_seed_graph_with_our_style(seeded: Neo4jStore) -> None:
    browser_class = _browser_class()
    http, bolt, user, password = _endpoints()
    bloc = cookbook.get("bloc")
    with browser_class() as browser:
        try:
            browser.connect(http, bolt, user, password)
            style_frame = browser.run(":style " + GRASS.read_text(encoding="utf-8"))
            assert "node.State" in style_frame.text, style_frame.text[:500]
            assert "Could not parse" not in browser.page_text()

            browser.run(cookbook.browser_params(bloc.defaults))
            frame = browser.run(bloc.text)
            names = sorted(actor.name for actor in seeded.actors())
            browser.wait_for_graph(min_nodes=len(names))

            # bloc around the LNA at depth 2 reaches every actor of the seed; each
            # one's caption, its drawn lines joined, is its whole name (Browser
            # cuts a caption that does not fit the node with "…").
            drawn = browser.nodes()
            captions = sorted(n.caption for n in drawn)
            assert captions == names, f"drawn captions {captions} for the actors {names}"
            nodes = {n.caption: n for n in drawn}
            assert {"Turkey", "Russia", "Government of National Accord",
                    "Libyan National Army"} <= set(nodes)
            assert nodes["Turkey"].fill == STATE_BLUE
            assert nodes["Russia"].fill == STATE_BLUE
            rels = browser.relationships()
            fills = {r.type: r.fill for r in rels}
            assert fills["OPPOSES"] == HOSTILE_RED
            assert fills["SUPPORTS"] == COOPERATIVE_GREEN
            assert fills["MEDIATES"] == NEUTRAL_GREY
            assert fills["LEADS"] == COOPERATIVE_GREEN
            assert len(rels) >= 7
        finally:
            browser.screenshot(ARTIFACTS / "browser-seed-graph.png")
        if os.environ.get("CONFLICTGRAPH_UPDATE_DOCS_SCREENSHOT") == "1":
            browser.screenshot(DOCS_SCREENSHOT, element=frame)
