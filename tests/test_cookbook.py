"""The analysts' cookbook, run against the real Neo4j loaded with the seed article.

The seed goes in the way a user loads it (``load_sources`` → ``Ingestor`` →
the real extractor → ``Neo4jStore.upsert``), and every cookbook query runs
through the sandbox on its own defaults and with parameters. Where the
extractor may fairly read the seed either way ("allied with Haftar's forces":
SUPPORTS or ALLIED_WITH), the assertions accept both.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from seed_graph import hand_built_seed_graph, load_seed
from test_alignment_rules import SCENARIOS, article
from typer.testing import CliRunner

from conflictgraph.config import get_settings
from conflictgraph.graph.model import Actor, ActorKind, RelationType
from conflictgraph.graph.neo4j_sandbox import run_read_only
from conflictgraph.graph.neo4j_store import Neo4jStore
from conflictgraph.queries import cookbook
from conflictgraph.queries.alignment import adversaries, allies
from conflictgraph.queries.cookbook import CookbookError, QueryParam

QUESTIONS = {
    "allies", "supporters", "adversaries", "paths", "bloc", "evidence", "changes",
    "most_supported", "new_actors", "mediators", "as_of",
}
COOPERATIVE_BACKING = {"SUPPORTS", "ALLIED_WITH"}

# -- the files themselves (no server) -----------------------------------------------------


def _parameters_used(text: str) -> set[str]:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return set(re.findall(r"\$([A-Za-z_]\w*)", body))


def test_every_question_has_a_file() -> None:
    assert set(cookbook.cookbook()) >= QUESTIONS
    assert len(cookbook.cookbook()) >= 9


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_headers_declare_exactly_the_parameters_used(name: str) -> None:
    query = cookbook.get(name)
    assert query.question.endswith(("?", "."))
    assert query.examples and all(e.startswith(f"conflictgraph cypher {name}")
                                  for e in query.examples)
    assert {p.name for p in query.params} == _parameters_used(query.text)
    assert all(p.description for p in query.params)


def test_actor_parameters_match_by_id_name_or_alias() -> None:
    for query in cookbook.cookbook().values():
        for param in query.params:
            if param.name in {"actor", "source", "target"}:
                assert param.actor, f"{query.name}: declare {param.name} with @actor"
                assert (f"toLower(${param.name}) IN" in query.text
                        and f"= ${param.name}" in query.text), query.name


def test_header_parsing(tmp_path: Path) -> None:
    path = tmp_path / "demo.cypher"
    path.write_text(
        '// @question Who? \n// @param actor = "A \\"quoted\\" name"  the actor\n'
        "// @param n = 3\n// @param kinds = [\"state\", \"igo\"]  kinds to keep\n"
        "// @example conflictgraph cypher demo\n// a free note\nRETURN $actor, $n, $kinds\n",
        encoding="utf-8",
    )
    query = cookbook.load(path)
    assert query.question == "Who?"
    assert query.defaults == {"actor": 'A "quoted" name', "n": 3, "kinds": ["state", "igo"]}
    assert query.params[0].description == "the actor"
    assert query.notes == ("a free note",)
    assert [p.actor for p in query.params] == [False, False, False]
    path.write_text('// @question Who?\n// @actor who = "Turkey"  an actor\nRETURN $who\n',
                    encoding="utf-8")
    (who,) = cookbook.load(path).params
    assert (who.name, who.default, who.description, who.actor) == ("who", "Turkey", "an actor",
                                                                   True)
    assert query.coerce({"n": "5", "kinds": "party,person"}) == {
        "actor": 'A "quoted" name', "n": 5, "kinds": ["party", "person"]}
    with pytest.raises(CookbookError, match="no parameter nope"):
        query.parameters({"nope": 1})
    with pytest.raises(CookbookError, match="takes a number"):
        query.coerce({"n": "many"})


def test_malformed_headers_are_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing.cypher"
    missing.write_text("// just a comment\nRETURN 1\n", encoding="utf-8")
    with pytest.raises(CookbookError, match="@question"):
        cookbook.load(missing)
    assert cookbook.load(missing, strict=False).params == ()
    bad = tmp_path / "bad.cypher"
    bad.write_text("// @question Q?\n// @param x = nope\nRETURN $x\n", encoding="utf-8")
    with pytest.raises(CookbookError, match="JSON literal"):
        cookbook.load(bad)
    with pytest.raises(CookbookError, match="known: "):
        cookbook.get("no_such_query")


def test_param_coercion_follows_the_default() -> None:
    assert QueryParam("actor", "Turkey").coerce("42") == "42"
    assert QueryParam("actor", "Turkey").coerce("null") is None
    assert QueryParam("flag", True).coerce("false") is False
    assert QueryParam("x", 0.5).coerce("0.9") == 0.9
    with pytest.raises(CookbookError):
        QueryParam("flag", True).coerce("yes")


def test_browser_params_line_is_a_cypher_map() -> None:
    line = cookbook.browser_params({"actor": "Libyan National Army", "depth": 2,
                                    "types": ["SUPPORTS"], "odd key": None})
    assert line == (':params {actor: "Libyan National Army", depth: 2, types: ["SUPPORTS"], '
                    "`odd key`: null}")


# -- against the seed ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(neo4j_store_session: Neo4jStore) -> Iterator[Neo4jStore]:
    store = neo4j_store_session
    store.clear()
    summary = load_seed(store)
    assert summary.articles == 1 and summary.claims >= 8, summary
    yield store
    store.clear()


def run(store: Neo4jStore, name: str, **params: Any) -> list[dict[str, Any]]:
    query = cookbook.get(name)
    result = run_read_only(store.driver, store.database, query.text, query.parameters(params))
    assert not result.truncated
    return result.records()


def column(rows: list[dict[str, Any]], key: str) -> list[Any]:
    return [row[key] for row in rows]


needs_neo4j = pytest.mark.neo4j


@needs_neo4j
@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_every_query_runs_on_its_defaults(seeded: Neo4jStore, name: str) -> None:
    assert run(seeded, name), f"{name} returned no rows on the seed"


@needs_neo4j
def test_allies(seeded: Neo4jStore) -> None:
    rows = run(seeded, "allies")  # Russia
    by_ally = {r["ally"]: r for r in rows}
    lna = by_ally["Libyan National Army"]
    assert (lna["basis"], lna["reasons"], lna["via_leadership"]) == ("direct", ["direct"], False)
    assert lna["route"] in {"Russia -ALLIED_WITH- Libyan National Army",
                            "Russia -SUPPORTS-> Libyan National Army"}
    uae = by_ally["United Arab Emirates"]
    assert (uae["basis"], uae["reasons"]) == ("inferred", ["same_side"])
    assert " Libyan National Army " in uae["route"]
    # Haftar leads the LNA that Russia backs: he shares its alignments.
    assert by_ally["Khalifa Haftar"]["via_leadership"] is True
    assert "Russia" not in column(rows, "ally")
    assert column(rows, "basis") == sorted(column(rows, "basis"))  # direct before inferred
    assert "Government of National Accord" in column(run(seeded, "allies", actor="turkey"), "ally")
    uae_direct = run(seeded, "allies", actor="uae", inferred=False)
    assert "Libyan National Army" in column(uae_direct, "ally")
    assert set(column(uae_direct, "basis")) == {"direct"}


@needs_neo4j
def test_supporters(seeded: Neo4jStore) -> None:
    rows = run(seeded, "supporters")  # Libyan National Army
    foreign = [r for r in rows if r["supporter"] in {"Russia", "United Arab Emirates"}]
    assert column(foreign, "supporter") == ["Russia", "United Arab Emirates"]
    assert set(column(foreign, "relation")) <= COOPERATIVE_BACKING
    assert all("allied with Haftar's forces" in r["example_sentence"] for r in foreign)
    gna = run(seeded, "supporters", actor="GNA")  # by alias, any case
    turkey = next(r for r in gna if r["supporter"] == "Turkey")
    assert (turkey["supporter"], turkey["relation"], turkey["country"]) == ("Turkey", "SUPPORTS",
                                                                           "TR")
    assert turkey["first_seen"] == "2020-10-21"
    assert run(seeded, "supporters", actor="Turkey") == []


@needs_neo4j
def test_adversaries(seeded: Neo4jStore) -> None:
    rows = run(seeded, "adversaries")  # Government of National Accord
    assert [(r["adversary"], r["reasons"]) for r in rows if not r["via_leadership"]][:1] == [
        ("Libyan National Army", ["direct"])]
    by_adversary = {r["adversary"]: r for r in rows}
    assert set(by_adversary) == {"Libyan National Army", "Khalifa Haftar", "Russia",
                                 "United Arab Emirates"}
    assert by_adversary["Khalifa Haftar"]["route"] == (
        "Government of National Accord -OPPOSES- Libyan National Army <-LEADS- Khalifa Haftar")
    assert by_adversary["Russia"]["reasons"] == ["friend_of_enemy"]
    direct_only = run(seeded, "adversaries", actor="lna", inferred=False)
    assert column(direct_only, "adversary") == ["Government of National Accord"]
    # Turkey opposes no one in the text, but backs the side the LNA fights.
    turkey = run(seeded, "adversaries", actor="Turkey")
    assert column(turkey, "adversary") == ["Libyan National Army", "Khalifa Haftar"]
    assert column(turkey, "reasons") == [["enemy_of_friend"], ["enemy_of_friend"]]


@needs_neo4j
def test_paths_carry_evidence_for_every_hop(seeded: Neo4jStore) -> None:
    rows = run(seeded, "paths")  # Turkey .. Russia
    shortest = rows[0]
    assert shortest["hops"] == 3
    assert shortest["route"].startswith("Turkey -SUPPORTS-> Government of National Accord "
                                        "-OPPOSES- Libyan National Army")
    assert shortest["route"].endswith("Russia")
    assert [s["relation"] for s in shortest["steps"]][:2] == ["SUPPORTS", "OPPOSES"]
    for step in shortest["steps"]:
        assert step["evidence"], step
        for item in step["evidence"]:
            assert item["sentence"] and item["published"] == "2020-10-21"
    assert shortest["path"]["nodes"][0]["properties"]["name"] == "Turkey"
    assert column(rows, "hops") == sorted(column(rows, "hops"))
    assert all(r["hops"] <= 4 for r in rows)
    assert {r["hops"] for r in run(seeded, "paths", max_hops=3)} == {3}
    assert run(seeded, "paths", source="Turkey", target="Nowhere") == []


@needs_neo4j
def test_bloc_has_signed_edges_among_the_neighbourhood(seeded: Neo4jStore) -> None:
    rows = run(seeded, "bloc")  # Libyan National Army, depth 2
    edges = {(r["source"]["properties"]["name"], r["relation"]["type"],
              r["target"]["properties"]["name"]): r["sign"] for r in rows}
    names = {n for s, _, t in edges for n in (s, t)}
    assert {"Turkey", "Russia", "Khalifa Haftar", "Government of National Accord",
            "Libyan National Army", "United Arab Emirates", "Stephanie Williams"} <= names
    assert edges[("Government of National Accord", "OPPOSES", "Libyan National Army")] == -1
    assert edges[("Turkey", "SUPPORTS", "Government of National Accord")] == 1
    assert {sign for (_, rel, _), sign in edges.items() if rel == "MEDIATES"} == {0}
    near = run(seeded, "bloc", actor="Turkey", depth=1)
    assert [(r["source"]["properties"]["name"], r["target"]["properties"]["name"])
            for r in near] == [("Turkey", "Government of National Accord")]


@needs_neo4j
def test_evidence_for_one_relationship(seeded: Neo4jStore) -> None:
    (row,) = run(seeded, "evidence")  # Turkey SUPPORTS GNA
    text = seeded.get_article(seeded.articles()[0].id)
    assert text is not None
    assert row["sentence"] == "Turkey is a main supporter of the U.N.-recognized government in Tripoli."
    assert text.text[row["start"]:row["end"]] == row["sentence"]
    assert row["published"] == "2020-10-21"
    assert row["title"] == "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks"
    # Symmetric types match either order; null type lists everything between the two.
    war_ab = run(seeded, "evidence", source="GNA", target="LNA", type="OPPOSES")
    war_ba = run(seeded, "evidence", source="LNA", target="GNA", type="opposes")
    assert len(war_ab) == 1 and war_ab == war_ba
    assert "power struggle" in war_ab[0]["sentence"]
    assert run(seeded, "evidence", source="Government of National Accord", target="Turkey") == []
    everything = run(seeded, "evidence", source="unsmil", target="GNA", type=None)
    assert column(everything, "relation") == ["MEDIATES"]


@needs_neo4j
def test_changes_between_two_dates(seeded: Neo4jStore) -> None:
    rows = run(seeded, "changes")  # October 2020
    assert len(rows) == seeded.counts()["relations"]
    assert set(column(rows, "change")) == {"new"}
    assert ("Turkey", "SUPPORTS", "Government of National Accord") in {
        (r["source"], r["relation"], r["target"]) for r in rows}
    assert run(seeded, "changes", since="2020-10-22", until="2020-12-31") == []
    assert run(seeded, "changes", since="2020-10-21", until="2020-10-21", only_new=True)


@needs_neo4j
def test_as_of_draws_the_graph_from_the_claims_dated_until_then(seeded: Neo4jStore) -> None:
    from dated_history import history_graphs

    store = seeded  # the seed stays: the dated history is another war, added and taken back
    graphs = history_graphs()
    try:
        store.upsert(graphs)

        def drawn(as_of: str) -> dict[tuple[str, str, str], int]:
            rows = run(store, "as_of", actor="RSF", as_of=as_of, depth=1)
            return {(r["source"]["properties"]["id"], r["relation"]["type"],
                     r["target"]["properties"]["id"]): r["evidence_then"] for r in rows}

        assert drawn("2022-12-31") == {
            ("rapid-support-forces", "ALLIED_WITH", "sudanese-armed-forces"): 1,
            ("rapid-support-forces", "COOPERATES", "sudanese-armed-forces"): 2,
        }
        then = drawn("2023-04-30")
        assert then[("rapid-support-forces", "OPPOSES", "sudanese-armed-forces")] == 2
        assert ("united-arab-emirates", "SUPPORTS", "rapid-support-forces") not in then
        # Russia's backing of the LNA, said to have ended on 29 May 2020 (in a report of 2 June).
        rows = run(store, "as_of", actor="LNA", as_of="2020-06-30", depth=1)
        closed = {(r["source"]["properties"]["id"], r["relation"]["type"]): r for r in rows}
        backing = closed[("russia", "SUPPORTS")]
        assert (backing["evidence_then"], str(backing["closed_on_then"])) == (1, "2020-05-29")
        before = run(store, "as_of", actor="LNA", as_of="2020-05-28", depth=1)
        assert [r["closed_on_then"] for r in before
                if r["source"]["properties"]["id"] == "russia"] == [None]
    finally:
        for graph in graphs:
            store.retract(graph.article.id)


@needs_neo4j
def test_most_supported(seeded: Neo4jStore) -> None:
    rows = run(seeded, "most_supported")
    assert rows[0]["actor"] == "Libyan National Army"
    assert rows[0]["external_supporters"] >= 2
    assert {"Russia", "United Arab Emirates"} <= set(rows[0]["supporters"])
    gna = next(r for r in rows if r["actor"] == "Government of National Accord")
    assert "Turkey" in gna["supporters"]
    assert len(run(seeded, "most_supported", limit=1)) == 1


@needs_neo4j
def test_new_actors(seeded: Neo4jStore) -> None:
    rows = run(seeded, "new_actors")
    assert len(rows) == seeded.counts()["actors"]
    assert {"Turkey", "Russia", "Libyan National Army", "Government of National Accord",
            "Khalifa Haftar"} <= set(column(rows, "actor"))
    lna = next(r for r in rows if r["id"] == "libyan-national-army")
    assert lna["articles"] == 1 and lna["relations"] >= 4
    assert len(run(seeded, "new_actors", limit=2)) == 2


@needs_neo4j
def test_mediators(seeded: Neo4jStore) -> None:
    rows = run(seeded, "mediators")  # Government of National Accord
    un = next(r for r in rows if r["kind"] == "igo")  # the UN mission
    assert un["between"] == ["Libyan National Army"]
    assert all(r["between"] == ["Libyan National Army"] for r in rows)
    assert column(run(seeded, "mediators", actor="Turkey"), "mediator") == []


# -- the cookbook and the API agree on who is an ally or an adversary ------------------------


def _api_alignment(store: Neo4jStore, actor_id: str) -> tuple[set[str], set[str]]:
    return ({i.actor.name for i in allies(store, actor_id, limit=1000).items},
            {i.actor.name for i in adversaries(store, actor_id, limit=1000).items})


def _cookbook_alignment(store: Neo4jStore, ref: str) -> tuple[set[str], set[str]]:
    return (set(column(run(store, "allies", actor=ref), "ally")),
            set(column(run(store, "adversaries", actor=ref), "adversary")))


def _assert_alignment_agrees(store: Neo4jStore) -> int:
    """Every actor's allies and adversaries, by the cookbook and by the API; returns how
    many actors have any."""
    aligned = 0
    for actor in store.actors():
        api = _api_alignment(store, actor.id)
        assert _cookbook_alignment(store, actor.id) == api, actor.name
        assert _cookbook_alignment(store, actor.name.upper()) == api, actor.name
        aligned += bool(api[0] or api[1])
    return aligned


@needs_neo4j
def test_cookbook_alignment_agrees_with_the_api_on_the_seed(seeded: Neo4jStore) -> None:
    assert _assert_alignment_agrees(seeded) >= 6
    # The case that disagreed: Turkey backs the GNA, which fights the LNA (led by Haftar).
    assert _cookbook_alignment(seeded, "Turkey")[1] == {"Libyan National Army", "Khalifa Haftar"}


@pytest.fixture
def scratch(seeded: Neo4jStore) -> Iterator[Neo4jStore]:
    """The seeded server emptied for other data, and the seed loaded again afterwards."""
    seeded.clear()
    try:
        yield seeded
    finally:
        seeded.clear()
        load_seed(seeded)


@needs_neo4j
def test_cookbook_alignment_agrees_with_the_api_on_the_hand_built_seed(
        scratch: Neo4jStore) -> None:
    scratch.upsert([hand_built_seed_graph()])
    assert _assert_alignment_agrees(scratch) >= 6
    rows = run(scratch, "adversaries", actor="Turkey")
    haftar = next(r for r in rows if r["adversary"] == "Khalifa Haftar")
    assert (haftar["basis"], haftar["reasons"], haftar["via_leadership"]) == (
        "inferred", ["enemy_of_friend"], True)
    assert haftar["route"] == ("Turkey -SUPPORTS-> Government of National Accord -OPPOSES- "
                               "Libyan National Army <-LEADS- Khalifa Haftar")


@needs_neo4j
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_cookbook_alignment_agrees_with_the_api_on_events_and_conflicts(
        scratch: Neo4jStore, scenario: str) -> None:
    """Ceasefires between adversaries, a common enemy in unrelated wars, shared backers,
    co-belligerents and coalitions: Browser and API list the same actors for the same
    reasons."""
    scratch.upsert(SCENARIOS[scenario]())
    assert _assert_alignment_agrees(scratch) >= 3
    for actor in scratch.actors():
        api = {i.actor.name: i.reasons for i in allies(scratch, actor.id, limit=1000).items}
        rows = {r["ally"]: r["reasons"] for r in run(scratch, "allies", actor=actor.id)}
        assert rows == api, actor.name
    # The bloc query signs each relationship as the API's blocs do: events count 0.
    signs = {(r.source, r.type.value, r.target): r.alignment_sign for r in scratch.relations()}
    for actor in scratch.actors():
        for row in run(scratch, "bloc", actor=actor.id, depth=1):
            key = (row["source"]["properties"]["id"], row["relation"]["type"],
                   row["target"]["properties"]["id"])
            assert row["sign"] == signs[key], key
    if scenario == "ceasefire":
        assert signs[("rsf", "COOPERATES", "saf")] == 0


@needs_neo4j
def test_cookbook_alignment_agrees_with_the_api_on_random_signed_graphs(
        scratch: Neo4jStore) -> None:
    """Graphs no one wrote by hand: every relation type, event categories that are and are
    not alignment, leaders of leaders, actors that are both backed and opposed, chains
    through both, fights reported together and apart, actors of one country. Same actors,
    in the same order."""
    kinds = [RelationType.SUPPORTS, RelationType.ALLIED_WITH, RelationType.COOPERATES,
             RelationType.COOPERATES, RelationType.OPPOSES, RelationType.OPPOSES,
             RelationType.LEADS, RelationType.MEDIATES, RelationType.MEMBER_OF]
    categories = ["SUPPORT", "AID", "COOPERATE", "AGREE", "CONSULT", "RETREAT"]
    countries = ["SD", "LY", None, None]
    compared = 0
    for seed in range(8):
        rng = random.Random(seed)
        actors = [Actor(id=f"a{i:02d}", name=f"Actor {i:02d}", kind=ActorKind.STATE,
                        country=rng.choice(countries)) for i in range(12)]
        claims: list[list[Any]] = [[], [], []]
        for k in range(rng.randint(10, 30)):
            a, b = rng.sample(actors, 2)
            claims[rng.randrange(3)].append((a, b, rng.choice(kinds), rng.choice(categories),
                                             f"Sentence {k} on {a.name} and {b.name}."))
        scratch.clear()
        scratch.upsert([article(f"{seed}-{part}", found, published=date(2020, 1, 1))
                        for part, found in enumerate(claims) if found])
        for actor in scratch.actors():
            for name, ask, key in (("allies", allies, "ally"),
                                   ("adversaries", adversaries, "adversary")):
                api = [i.actor.name for i in ask(scratch, actor.id, limit=1000).items]
                assert column(run(scratch, name, actor=actor.id), key) == api, (seed, actor.id)
                compared += bool(api)
    assert compared >= 100


@needs_neo4j
def test_cookbook_alignment_rows_rank_as_the_api_items(seeded: Neo4jStore) -> None:
    for actor in seeded.actors():
        api = [i.actor.name for i in allies(seeded, actor.id, limit=1000).items]
        assert column(run(seeded, "allies", actor=actor.id), "ally") == api, actor.name
        api = [i.actor.name for i in adversaries(seeded, actor.id, limit=1000).items]
        assert column(run(seeded, "adversaries", actor=actor.id), "adversary") == api, actor.name


@needs_neo4j
def test_cookbook_supporters_are_the_apis(seeded: Neo4jStore) -> None:
    from conflictgraph.queries.supporters import support

    backed = 0
    for actor in seeded.actors():
        api = [i.actor.name for i in support(seeded, actor, limit=1000).items]
        assert set(column(run(seeded, "supporters", actor=actor.id), "supporter")) == set(api)
        backed += bool(api)
    assert backed >= 2


def test_alignment_hub_degree_is_the_apis() -> None:
    from conflictgraph.queries.alignment import HUB_DEGREE

    for name in ("allies", "adversaries"):
        assert cookbook.get(name).defaults["hub_degree"] == HUB_DEGREE


# -- the command line -----------------------------------------------------------------------


@pytest.fixture
def cli() -> Iterator[CliRunner]:
    get_settings.cache_clear()
    yield CliRunner(env={"COLUMNS": "250"})  # wide enough that table cells do not wrap
    get_settings.cache_clear()


def invoke(runner: CliRunner, *args: str) -> Any:
    from conflictgraph.cli import app

    return runner.invoke(app, ["cypher", *args])


@needs_neo4j
def test_cli_runs_a_cookbook_query_as_json(seeded: Neo4jStore, cli: CliRunner) -> None:
    result = invoke(cli, "supporters", "--param", "actor=GNA", "--format", "json",
                    "--store", "neo4j")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["truncated"] is False
    assert [r["supporter"] for r in payload["rows"]] == ["Turkey"]


@needs_neo4j
def test_cli_table_and_literal_queries(seeded: Neo4jStore, cli: CliRunner) -> None:
    table = invoke(cli, "bloc", "--store", "neo4j")
    assert table.exit_code == 0, table.output
    assert "Turkey" in table.stdout and "Russia" in table.stdout and "OPPOSES" in table.stdout
    by_path = invoke(cli, str(cookbook.COOKBOOK_DIR / "mediators.cypher"), "--store", "neo4j")
    assert by_path.exit_code == 0 and "Libyan National Army" in by_path.stdout
    literal = invoke(cli, "MATCH (a:Actor) WHERE a.country = $c RETURN a.name AS n ORDER BY n",
                     "-p", "c=TR", "--store", "neo4j", "-f", "json")
    assert literal.exit_code == 0, literal.output
    assert json.loads(literal.stdout)["rows"] == [{"n": "Turkey"}]


@needs_neo4j
def test_cli_refuses_writes(seeded: Neo4jStore, cli: CliRunner) -> None:
    before = seeded.counts()
    result = invoke(cli, "MATCH (n) DETACH DELETE n", "--store", "neo4j")
    assert result.exit_code == 1
    assert "Refused" in result.output
    assert seeded.counts() == before


def test_cli_explains_the_memory_store(cli: CliRunner) -> None:
    result = invoke(cli, "allies", "--store", "memory")
    assert result.exit_code == 3
    assert "needs the Neo4j store" in result.output


@needs_neo4j
def test_cli_unknown_actor_is_an_error_with_suggestions(seeded: Neo4jStore,
                                                        cli: CliRunner) -> None:
    result = invoke(cli, "allies", "-p", "actor=Turkei", "--store", "neo4j")
    assert result.exit_code == 1, result.output
    assert "No actor matches 'Turkei'. Did you mean: Turkey?" in result.output
    nowhere = invoke(cli, "paths", "-p", "source=Turkey", "-p", "target=Nowhere",
                     "--store", "neo4j")
    assert nowhere.exit_code == 1 and "No actor matches 'Nowhere'" in nowhere.output


@needs_neo4j
def test_cli_resolves_actors_as_the_api_does(seeded: Neo4jStore, cli: CliRunner) -> None:
    by_alias = invoke(cli, "supporters", "-p", "actor=the emirates", "-f", "json",
                      "--store", "neo4j")  # an alias with its article, any case
    assert by_alias.exit_code == 0, by_alias.output
    typo = invoke(cli, "allies", "-p", "actor=Turky", "-f", "json", "--store", "neo4j")
    assert typo.exit_code == 0, typo.output
    assert {r["actor"] for r in json.loads(typo.stdout)["rows"]} == {"Turkey"}
    assert "'Turky' is read as Turkey" in typo.stderr


def test_cli_usage_errors(cli: CliRunner) -> None:
    unknown = invoke(cli, "alies", "--store", "neo4j")
    assert unknown.exit_code == 2 and "no cookbook query named 'alies'" in unknown.output
    bad_param = invoke(cli, "allies", "--param", "nope=1", "--store", "neo4j")
    assert bad_param.exit_code == 2 and "no parameter nope" in bad_param.output
    listing = invoke(cli, "--list")
    assert listing.exit_code == 0 and "most_supported" in listing.stdout
    browser = invoke(cli, "bloc", "--browser", "-p", "depth=1")
    assert browser.exit_code == 0
    assert browser.stdout.startswith(':params {actor: "Libyan National Army", depth: 1}')
