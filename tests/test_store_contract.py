"""One contract, two backends: both stores must behave identically."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import (
    Actor,
    Article,
    ArticleGraph,
    Claim,
    Direction,
    PloverCategory,
    RelationType,
)
from conflictgraph.graph.store import GraphStore, strongest_relations

TURKEY = Actor(id="turkey", name="Turkey", kind="state", aliases=["Türkiye", "Ankara"], country="TR")
GNA = Actor(id="gna", name="Government of National Accord", kind="government",
            aliases=["GNA", "the Tripoli government"], country="LY")
LNA = Actor(id="lna", name="Libyan National Army", kind="armed_group",
            aliases=["LNA", "Haftar's forces"], country="LY")
RUSSIA = Actor(id="russia", name="Russia", kind="state", aliases=["Moscow"], country="RU")
HAFTAR = Actor(id="khalifa-haftar", name="Khalifa Haftar", kind="person", aliases=["Haftar"])


def claim(article: Article, s: Actor, o: Actor, t: RelationType, sentence: str,
          start: int = 0, confidence: float = 0.8) -> Claim:
    return Claim(article_id=article.id, subject_id=s.id, object_id=o.id, type=t,
                 confidence=confidence, sentence=sentence, start=start,
                 end=start + len(sentence), subject_text=s.name, object_text=o.name,
                 published=article.published, extractor="test")


def article_one(text: str = "Turkey backs the GNA. The GNA fights the LNA.") -> ArticleGraph:
    art = Article.from_text(text, url="https://example.org/one", title="One",
                            published=date(2020, 10, 21), source="test")
    return ArticleGraph(article=art, actors=[TURKEY, GNA, LNA], claims=[
        claim(art, TURKEY, GNA, RelationType.SUPPORTS, "Turkey backs the GNA."),
        claim(art, GNA, LNA, RelationType.OPPOSES, "The GNA fights the LNA.", start=22),
    ])


def article_two() -> ArticleGraph:
    text = "Russia backs Haftar's forces. The LNA is at war with the GNA. Haftar leads the LNA."
    art = Article.from_text(text, url="https://example.org/two", title="Two",
                            published=date(2021, 3, 1), source="test")
    return ArticleGraph(article=art, actors=[RUSSIA, LNA, GNA, HAFTAR], claims=[
        claim(art, RUSSIA, LNA, RelationType.SUPPORTS, "Russia backs Haftar's forces."),
        claim(art, LNA, GNA, RelationType.OPPOSES, "The LNA is at war with the GNA.", start=30),
        claim(art, HAFTAR, LNA, RelationType.LEADS, "Haftar leads the LNA.", start=62),
    ])


def snapshot(store: GraphStore) -> tuple:
    return (
        store.counts(),
        [a.model_dump() for a in store.actors()],
        [r.model_dump() for r in store.relations()],
    )


def test_upsert_creates_actors_claims_and_aggregates(store: GraphStore) -> None:
    results = store.upsert([article_one(), article_two()])
    assert [r.status for r in results] == ["created", "created"]
    assert store.counts() == {"actors": 5, "articles": 2, "claims": 5, "relations": 4}
    (war,) = [r for r in store.relations() if r.type is RelationType.OPPOSES]
    # Symmetric: both sentences count towards one relation, stored once.
    assert (war.source, war.target, war.evidence_count) == ("gna", "lna", 2)
    assert war.first_seen == date(2020, 10, 21) and war.last_seen == date(2021, 3, 1)
    assert war.confidence == 0.96
    assert war.polarity == "hostile"


def test_a_claims_plover_category_and_mode_are_kept(store: GraphStore) -> None:
    text = "Turkey armed the GNA. Turkey backs the GNA."
    art = Article.from_text(text, url="https://example.org/mode", title="Mode",
                            published=date(2020, 10, 21), source="test")
    armed = claim(art, TURKEY, GNA, RelationType.SUPPORTS, "Turkey armed the GNA.").model_copy(
        update={"category": "AID", "mode": "military"})
    backs = claim(art, TURKEY, GNA, RelationType.SUPPORTS, "Turkey backs the GNA.", start=22)
    store.upsert([ArticleGraph(article=art, actors=[TURKEY, GNA], claims=[armed, backs])])
    kept = {c.start: (c.category, c.mode) for c in store.evidence("turkey", "gna", RelationType.SUPPORTS)}
    assert kept == {0: ("AID", "military"), 22: ("SUPPORT", None)}
    assert {(c.category, c.mode) for c in store.article_claims(art.id)} == {
        ("AID", "military"), ("SUPPORT", None)}


def test_loading_twice_changes_nothing(store: GraphStore) -> None:
    store.upsert([article_one(), article_two()])
    before = snapshot(store)
    results = store.upsert([article_one(), article_two()])
    assert [r.status for r in results] == ["unchanged", "unchanged"]
    assert snapshot(store) == before


def test_changed_article_replaces_its_claims(store: GraphStore) -> None:
    store.upsert([article_one(), article_two()])
    edited = article_one("Turkey backs the GNA strongly.")
    edited_article = edited.article.model_copy(update={"id": article_one().article.id})
    art = Article.model_validate(edited_article.model_dump() | {"content_hash": ""})
    graph = ArticleGraph(article=art, actors=[TURKEY, GNA], claims=[
        claim(art, TURKEY, GNA, RelationType.SUPPORTS, "Turkey backs the GNA strongly."),
    ])
    (result,) = store.upsert([graph])
    assert result.status == "updated"
    (war,) = [r for r in store.relations() if r.type is RelationType.OPPOSES]
    assert war.evidence_count == 1
    assert len(store.article_claims(art.id)) == 1
    assert store.counts()["claims"] == 4


def test_retraction_recomputes_and_drops_orphans(store: GraphStore) -> None:
    one, two = article_one(), article_two()
    store.upsert([one, two])
    assert store.retract(two.article.id) is True
    assert store.retract(two.article.id) is False
    assert store.get_article(two.article.id) is None
    assert store.get_actor("russia") is None and store.get_actor("khalifa-haftar") is None
    assert store.get_actor("lna") is not None  # still mentioned by article one
    (war,) = [r for r in store.relations() if r.type is RelationType.OPPOSES]
    assert war.evidence_count == 1 and war.last_seen == date(2020, 10, 21)
    store.retract(one.article.id)
    assert store.counts() == {"actors": 0, "articles": 0, "claims": 0, "relations": 0}


def test_lookup_by_id_name_alias_case_insensitive(store: GraphStore) -> None:
    store.upsert([article_one(), article_two()])
    for ref in ["lna", "Libyan National Army", "libyan national army", "LNA", "haftar's FORCES"]:
        found = store.find_actor(ref)
        assert found is not None and found.id == "lna", ref
    turkey = store.find_actor("türkiye")
    assert turkey is not None and turkey.id == "turkey"
    assert store.find_actor("Atlantis") is None


def test_neighbours_filtered_by_type_direction_and_date(store: GraphStore) -> None:
    store.upsert([article_one(), article_two()])
    both = store.neighbours("lna")
    assert {(r.source, r.target, r.type.value) for r in both} == {
        ("russia", "lna", "SUPPORTS"), ("gna", "lna", "OPPOSES"), ("khalifa-haftar", "lna", "LEADS"),
    }
    incoming_support = store.neighbours("lna", types=[RelationType.SUPPORTS], direction=Direction.IN)
    assert [r.source for r in incoming_support] == ["russia"]
    assert store.neighbours("lna", types=[RelationType.SUPPORTS], direction=Direction.OUT) == []
    # Symmetric relations match either direction.
    assert len(store.neighbours("lna", types=[RelationType.OPPOSES], direction=Direction.OUT)) == 1
    early = store.neighbours("lna", until=date(2020, 12, 31))
    assert {r.type.value for r in early} == {"OPPOSES"}
    late = store.neighbours("gna", since=date(2021, 1, 1))
    assert {r.type.value for r in late} == {"OPPOSES"}
    assert store.neighbours("turkey", since=date(2021, 1, 1)) == []


def test_evidence_is_traceable_to_sentences(store: GraphStore) -> None:
    one = article_one()
    store.upsert([one, article_two()])
    claims = store.evidence("lna", "gna", RelationType.OPPOSES)
    assert sorted(c.sentence for c in claims) == [
        "The GNA fights the LNA.", "The LNA is at war with the GNA."]
    text = one.article.text
    for c in store.article_claims(one.article.id):
        assert text[c.start:c.end] == c.sentence


def _with_rules(graph: ArticleGraph, rules: list[str]) -> ArticleGraph:
    claims = [c.model_copy(update={"rule": r}) for c, r in zip(graph.claims, rules, strict=True)]
    return graph.model_copy(update={"claims": claims})


def test_claims_keep_the_rule_that_made_them(store: GraphStore) -> None:
    one = _with_rules(article_one(), ["verbs:back", "verbs:fight"])
    two = _with_rules(article_two(), ["verbs:back", "war_with", ""])
    store.upsert([one, two])
    assert {c.sentence: c.rule for c in store.article_claims(one.article.id)} == {
        "Turkey backs the GNA.": "verbs:back", "The GNA fights the LNA.": "verbs:fight"}
    war = store.evidence("gna", "lna", RelationType.OPPOSES)
    assert sorted(c.rule for c in war) == ["verbs:fight", "war_with"]
    key = ("khalifa-haftar", "lna", RelationType.LEADS)
    assert [c.rule for c in store.evidence_many([key])[key]] == [""]


def test_claims_stored_without_a_rule_still_load(tmp_path) -> None:
    """A graph file written before claims named their rule loads; the rule reads as ""."""
    path = tmp_path / "graph.json"
    store = MemoryStore(path)
    store.upsert([_with_rules(article_one(), ["verbs:back", "verbs:fight"])])
    store.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    for raw in data["claims"]:
        assert raw.pop("rule")
    path.write_text(json.dumps(data), encoding="utf-8")
    claims = MemoryStore(path).article_claims(article_one().article.id)
    assert [c.rule for c in claims] == ["", ""]


@pytest.mark.neo4j
def test_neo4j_claims_stored_without_a_rule_still_load(neo4j_store) -> None:
    one = _with_rules(article_one(), ["verbs:back", "verbs:fight"])
    neo4j_store.upsert([one])
    neo4j_store.driver.execute_query("MATCH (c:Claim) REMOVE c.rule")
    assert [c.rule for c in neo4j_store.article_claims(one.article.id)] == ["", ""]
    assert [c.rule for c in neo4j_store.evidence("turkey", "gna", RelationType.SUPPORTS)] == [""]


def test_disputed_and_attributed_claims_keep_their_flags(store: GraphStore) -> None:
    """A denied claim and a claim on a third party's word are kept, with their flags, and
    read back with the PLOVER category as the enum on both stores."""
    graph = article_one()
    backs, fights = graph.claims
    flagged = [backs.model_copy(update={"disputed": True}),
               fights.model_copy(update={"attributed_to": "UN experts"})]
    store.upsert([graph.model_copy(update={"claims": flagged})])
    got = {c.sentence: c for c in store.article_claims(graph.article.id)}
    assert (got["Turkey backs the GNA."].disputed, got["Turkey backs the GNA."].attributed_to) == (True, None)
    assert (got["The GNA fights the LNA."].disputed,
            got["The GNA fights the LNA."].attributed_to) == (False, "UN experts")
    assert all(type(c.category) is PloverCategory for c in got.values())
    (denied,) = store.evidence("turkey", "gna", RelationType.SUPPORTS)
    assert denied.disputed and not denied.asserted


@pytest.mark.neo4j
def test_neo4j_claims_stored_before_disputes_still_load(neo4j_store) -> None:
    one = article_one()
    neo4j_store.upsert([one])
    neo4j_store.driver.execute_query("MATCH (c:Claim) REMOVE c.disputed, c.attributed_to")
    assert [(c.disputed, c.attributed_to) for c in neo4j_store.article_claims(one.article.id)] == [
        (False, None), (False, None)]


def test_subgraph_around_an_actor(store: GraphStore) -> None:
    store.upsert([article_one(), article_two()])
    near = store.subgraph("turkey", depth=1)
    assert {a.id for a in near.actors} == {"turkey", "gna"}
    wider = store.subgraph("turkey", depth=2)
    assert {a.id for a in wider.actors} == {"turkey", "gna", "lna"}
    assert {r.type.value for r in wider.relations} == {"SUPPORTS", "OPPOSES"}


def test_memory_store_persists_and_survives_a_torn_write(tmp_path) -> None:
    path = tmp_path / "graph.json"
    store = MemoryStore(path)
    store.upsert([article_one(), article_two()])
    reopened = MemoryStore(path)
    assert snapshot(reopened) == snapshot(store)
    # A crash mid-write leaves only a temp file behind; the graph file still loads.
    (tmp_path / ".graph-crash.tmp").write_text('{"format": 1, "actors": [')
    reader = MemoryStore(path)
    assert snapshot(reader) == snapshot(store)
    # Only the writer clears it (a reader's "stale" temp file could be a write in progress).
    assert (tmp_path / ".graph-crash.tmp").exists()
    store.close()
    reader.claim_writes()
    assert not (tmp_path / ".graph-crash.tmp").exists()


@pytest.mark.neo4j
def test_neo4j_routing_uri_serves_reads_and_writes(neo4j_store) -> None:
    """`neo4j://` URIs go through the routing table (reads to readers in a cluster)."""
    from conftest import neo4j_settings

    from conflictgraph.graph.neo4j_store import Neo4jStore

    cfg = neo4j_settings()
    routed_uri = cfg["uri"].replace("bolt://", "neo4j://")
    with Neo4jStore(routed_uri, cfg["user"], cfg["password"], database=cfg["database"]) as routed:
        routed.upsert([article_one()])
        found = routed.find_actor("the Tripoli government")
        assert found is not None and found.id == "gna"
    assert neo4j_store.counts()["claims"] == 2


@pytest.mark.neo4j
def test_neo4j_actors_carry_a_kind_label_for_browser_styles(neo4j_store) -> None:
    neo4j_store.upsert([article_one()])
    records, _, _ = neo4j_store.driver.execute_query(
        "MATCH (a:Actor) RETURN a.id AS id, labels(a) AS labels ORDER BY id")
    assert {r["id"]: sorted(r["labels"]) for r in records} == {
        "gna": ["Actor", "Government"], "lna": ["Actor", "ArmedGroup"], "turkey": ["Actor", "State"]}
    # A kind that changes moves the actor to the new label only.
    neo4j_store.upsert([ArticleGraph(
        article=Article.from_text("x", url="https://example.org/relabel"),
        actors=[Actor.model_validate(LNA.model_dump() | {"kind": "government"})])])
    records, _, _ = neo4j_store.driver.execute_query("MATCH (a:Actor {id: 'lna'}) RETURN labels(a) AS l")
    assert sorted(records[0]["l"]) == ["Actor", "Government"]


def test_batch_reads_match_single_reads(store: GraphStore) -> None:
    one, two = article_one(), article_two()
    store.upsert([one, two])
    keys = [r.key for r in store.relations()]
    # Symmetric keys given in either order land on the stored relation.
    flipped = ("lna", "gna", RelationType.OPPOSES)
    batch = store.evidence_many([*keys, flipped])
    for key in keys:
        assert [c.id for c in batch[key]] == [c.id for c in store.evidence(*key)]
    articles = store.get_articles([one.article.id, two.article.id, "a-missing"])
    assert sorted(articles) == sorted([one.article.id, two.article.id])
    assert articles[one.article.id].title == "One" and articles[one.article.id].text == ""
    actors = store.get_actors(["lna", "gna", "nobody"])
    assert sorted(actors) == ["gna", "lna"]
    around = store.neighbours_of(["lna", "turkey"], types=[RelationType.SUPPORTS])
    assert [r.source for r in around["lna"]] == ["russia"]
    assert [r.target for r in around["turkey"]] == ["gna"]


def _reporting(index: int, backers: list[Actor], confidence: float,
               published: date | None) -> ArticleGraph:
    """Article ``index``: each backer SUPPORTS the GNA, one sentence each."""
    sentences = [f"{b.name} backs the GNA (report {index})." for b in backers]
    text = " ".join(sentences)
    art = Article.from_text(text, url=f"https://example.org/r{index}", title=f"R{index}",
                            published=published, source="test")
    claims, start = [], 0
    for backer, sentence in zip(backers, sentences, strict=True):
        claims.append(claim(art, backer, GNA, RelationType.SUPPORTS, sentence, start=start,
                            confidence=confidence))
        start += len(sentence) + 1
    return ArticleGraph(article=art, actors=[*backers, GNA], claims=claims)


def test_aggregates_stay_exact_across_batches_and_replacements(store: GraphStore) -> None:
    # Neo4j folds each batch's claims into the edge without re-reading older ones;
    # the result must equal a recount from all claims, whatever the order of batches.
    store.upsert([_reporting(1, [TURKEY], 0.5, date(2021, 5, 1))])
    store.upsert([_reporting(2, [TURKEY], 0.6, None)])
    store.upsert([_reporting(3, [TURKEY, RUSSIA], 0.7, date(2019, 1, 2)),
                  _reporting(4, [TURKEY], 0.2, date(2022, 7, 3))])
    (edge,) = store.neighbours("turkey", types=[RelationType.SUPPORTS])
    assert edge.evidence_count == 4
    assert (edge.first_seen, edge.last_seen) == (date(2019, 1, 2), date(2022, 7, 3))
    assert edge.confidence == round(1 - 0.5 * 0.4 * 0.3 * 0.8, 6)
    # Replacing an article (its claims removed, new ones added) recounts the key.
    store.upsert([_reporting(4, [RUSSIA], 0.9, date(2022, 7, 3))])
    (edge,) = store.neighbours("turkey", types=[RelationType.SUPPORTS])
    assert edge.evidence_count == 3 and edge.last_seen == date(2021, 5, 1)
    assert edge.confidence == round(1 - 0.5 * 0.4 * 0.3, 6)
    (russia,) = store.neighbours("russia", types=[RelationType.SUPPORTS])
    assert russia.evidence_count == 2 and russia.confidence == round(1 - 0.3 * 0.1, 6)
    # Later batches keep folding into the recounted edge.
    store.upsert([_reporting(5, [TURKEY], 0.5, date(2023, 1, 1))])
    (edge,) = store.neighbours("turkey", types=[RelationType.SUPPORTS])
    assert edge.evidence_count == 4 and edge.last_seen == date(2023, 1, 1)
    assert edge.confidence == round(1 - 0.5 * 0.4 * 0.3 * 0.5, 6)


def test_strongest_reads_and_degrees(store: GraphStore) -> None:
    backers = [Actor(id=f"backer-{i}", name=f"Backer {i}", kind="state") for i in range(6)]
    graphs = [_reporting(10 + i, [b], 0.3 + 0.1 * (i % 3), date(2020, 1, 1 + i))
              for i, b in enumerate(backers)]
    graphs.append(_reporting(20, [backers[0]], 0.5, date(2020, 2, 1)))  # backer-0: 2 claims
    store.upsert(graphs)
    # Strongest first: confidence, then evidence count, then the other actor's id.
    top = store.neighbours_of(["gna", "backer-1", "nobody"], types=[RelationType.SUPPORTS],
                              strongest=3)
    assert [r.source for r in top["gna"]] == ["backer-0", "backer-2", "backer-5"]
    assert [r.source for r in top["backer-1"]] == ["backer-1"] and top["nobody"] == []
    assert store.degrees(["gna", "backer-3", "nobody"], types=[RelationType.SUPPORTS]) == {
        "gna": 6, "backer-3": 1, "nobody": 0}
    assert store.degrees(["gna"], types=[RelationType.OPPOSES]) == {"gna": 0}
    # Evidence: only the strongest claims of each key, strongest first.
    key = ("backer-0", "gna", RelationType.SUPPORTS)
    (only,) = store.evidence_many([key], strongest=1)[key]
    assert only.confidence == 0.5
    assert [c.confidence for c in store.evidence_many([key], strongest=5)[key]] == [0.5, 0.3]


def test_strongest_reads_match_a_full_sort_at_every_cut(store: GraphStore) -> None:
    # Neo4j ranks by strength alone and settles ties at the cut itself (re-reading when a
    # tie may run past what it read): the k strongest must equal the first k of a full
    # sort, for every k, with long runs of equal strength.
    backers = [Actor(id=f"backer-{i:02d}", name=f"Backer {i:02d}", kind="state") for i in range(30)]
    graphs = [_reporting(100 + i, [b], (0.4, 0.5, 0.6)[i % 3], date(2020, 3, 1))
              for i, b in enumerate(backers)]
    graphs += [_reporting(200 + i, [backers[i]], 0.5, date(2020, 4, 1)) for i in (4, 9, 13)]
    store.upsert(graphs)
    everything = strongest_relations("gna", store.neighbours("gna", types=[RelationType.SUPPORTS]))
    assert len(everything) == 30
    for k in (1, 2, 3, 4, 5, 9, 10, 11, 12, 19, 20, 21, 29, 30, 40):
        top = store.neighbours_of(["gna"], types=[RelationType.SUPPORTS], strongest=k)["gna"]
        assert [r.key for r in top] == [r.key for r in everything[:k]], k


def _talks(index: int, categories: list[str], confidence: float) -> ArticleGraph:
    """Article ``index``: the GNA and the LNA COOPERATE once per category (talks, a ceasefire
    agreed, joint patrols)."""
    sentences = [f"The GNA and the LNA: {c.lower()} (report {index})." for c in categories]
    text = " ".join(sentences)
    art = Article.from_text(text, url=f"https://example.org/t{index}", title=f"T{index}",
                            published=date(2021, 1, index), source="test")
    claims, start = [], 0
    for category, sentence in zip(categories, sentences, strict=True):
        made = claim(art, GNA, LNA, RelationType.COOPERATES, sentence, start=start,
                     confidence=confidence)
        claims.append(made.model_copy(update={"category": category}))
        start += len(sentence) + 1
    return ArticleGraph(article=art, actors=[GNA, LNA], claims=claims)


def test_relations_count_alignment_apart_from_events(store: GraphStore) -> None:
    # Agreements and talks are shown as COOPERATES but are no evidence of alignment: the
    # alignment figures count only the other claims, through batches, replacements and
    # retractions alike.
    store.upsert([_talks(1, ["AGREE", "CONSULT"], 0.5)])
    (edge,) = store.neighbours("gna", types=[RelationType.COOPERATES])
    assert (edge.evidence_count, edge.alignment_count, edge.alignment_confidence) == (2, 0, 0.0)
    assert edge.alignment_sign == 0 and edge.confidence == 0.75
    store.upsert([_talks(2, ["COOPERATE"], 0.6), _talks(3, ["RETREAT", "AID"], 0.5)])
    (edge,) = store.neighbours("gna", types=[RelationType.COOPERATES])
    assert (edge.evidence_count, edge.alignment_count) == (5, 2)
    assert edge.alignment_confidence == round(1 - 0.4 * 0.5, 6) and edge.alignment_sign == 1
    store.upsert([_talks(3, ["CONCEDE"], 0.5)])  # replaced: its AID claim is gone
    (edge,) = store.neighbours("gna", types=[RelationType.COOPERATES])
    assert (edge.evidence_count, edge.alignment_count, edge.alignment_confidence) == (4, 1, 0.6)
    store.retract(_talks(2, ["COOPERATE"], 0.6).article.id)
    (edge,) = store.neighbours("gna", types=[RelationType.COOPERATES])
    assert (edge.evidence_count, edge.alignment_count, edge.alignment_sign) == (3, 0, 0)
    # Hostile relations, stated alliances and leadership are alignment whatever the category.
    store.upsert([article_one(), article_two()])
    for rel in store.relations():
        if rel.type is not RelationType.COOPERATES:
            assert (rel.alignment_count, rel.alignment_confidence) == (
                rel.evidence_count, rel.confidence), rel.key


def test_shared_articles_of_relation_pairs(store: GraphStore) -> None:
    one, two = article_one(), article_two()
    store.upsert([one, two])
    fight = ("gna", "lna", RelationType.OPPOSES)
    backing = ("turkey", "gna", RelationType.SUPPORTS)
    russia = ("russia", "lna", RelationType.SUPPORTS)
    leads = ("khalifa-haftar", "lna", RelationType.LEADS)
    found = store.shared_articles([(fight, backing), (backing, russia), (russia, leads),
                                   (("lna", "gna", RelationType.OPPOSES), russia)])
    assert found == {(fight, backing): one.article.id, (russia, leads): two.article.id,
                     (("lna", "gna", RelationType.OPPOSES), russia): two.article.id}
    assert store.shared_articles([]) == {}


@pytest.mark.neo4j
def test_neo4j_counts_alignment_on_relations_written_before(neo4j_store) -> None:
    # A graph written before relations carried alignment figures gets them at the next start.
    from conflictgraph.graph.neo4j_store import Neo4jStore

    neo4j_store.upsert([_talks(1, ["AGREE", "COOPERATE"], 0.5), article_one()])
    expected = {r.key: r for r in neo4j_store.relations()}
    neo4j_store.driver.execute_query(
        "MATCH ()-[r]->() REMOVE r.alignment_count, r.alignment_doubt, r.alignment_confidence "
        "WITH count(*) AS n MATCH (l:WriteLock) REMOVE l.alignment_counted",
        database_=neo4j_store.database)
    assert {r.alignment_count for r in neo4j_store.relations()} == {0}
    from conftest import neo4j_settings

    cfg = neo4j_settings()
    again = Neo4jStore(cfg["uri"], cfg["user"], cfg["password"], database=cfg["database"])
    try:
        assert {r.key: r for r in again.relations()} == expected
        (edge,) = again.neighbours("gna", types=[RelationType.COOPERATES])
        assert (edge.alignment_count, edge.alignment_confidence) == (1, 0.5)
        # Later writes fold into the counted edges.
        again.upsert([_talks(2, ["SUPPORT"], 0.5)])
        (edge,) = again.neighbours("gna", types=[RelationType.COOPERATES])
        assert (edge.alignment_count, edge.alignment_confidence) == (2, 0.75)
    finally:
        again.close()


@pytest.mark.neo4j
def test_neo4j_counts_undated_claims_on_relations_written_before(neo4j_store) -> None:
    # A graph written before relations counted their undated claims gets the count at the
    # next start: windows then know which relations they can keep whole.
    from dated_history import history_graphs

    from conflictgraph.graph.neo4j_store import Neo4jStore

    neo4j_store.upsert(history_graphs())
    expected = {r.key: r for r in neo4j_store.relations()}
    assert sorted(r.undated_count for r in expected.values()) == [0] * (len(expected) - 1) + [1]
    neo4j_store.driver.execute_query(
        "MATCH ()-[r]->() REMOVE r.undated_count "
        "WITH count(*) AS n MATCH (l:WriteLock) REMOVE l.undated_counted",
        database_=neo4j_store.database)
    from conftest import neo4j_settings

    cfg = neo4j_settings()
    again = Neo4jStore(cfg["uri"], cfg["user"], cfg["password"], database=cfg["database"])
    try:
        assert {r.key: r for r in again.relations()} == expected
    finally:
        again.close()


def test_dataset_provenance_round_trips(store: GraphStore, tmp_path) -> None:
    """A dataset claim keeps its dataset, version, record id, place, mentions and support
    types through both stores (and the memory store's file); a text claim keeps none."""
    from conflictgraph.graph.model import Dataset

    row = "UCDP ESD 2023: Egypt supported Sudan with training, weapons"
    article = Article(id="d-esd-5001", title="ucdp-esd 5001", published=date(2023, 1, 1),
                      source="ucdp-esd", text=row)
    dataset_claim = Claim(
        article_id=article.id, subject_id=TURKEY.id, object_id=GNA.id, type=RelationType.SUPPORTS,
        sentence=row, start=0, end=len(row), subject_text="Egypt", object_text="Sudan",
        hedged=True, published=date(2023, 1, 1), extractor="dataset:ucdp-esd",
        dataset=Dataset.UCDP_ESD, dataset_version="ESD_v23", record_id="5001",
        place="Khartoum, Sudan", mentions=3, support_types=["training", "weapons"],
    )
    text = article_one()
    store.upsert([ArticleGraph(article=article, actors=[TURKEY, GNA], claims=[dataset_claim]),
                  text])
    readers = [store]
    if isinstance(store, MemoryStore):
        store.close()
        readers.append(MemoryStore(store.path))
    for reader in readers:
        (got,) = reader.article_claims(article.id)
        assert got == dataset_claim
        assert got.dataset is Dataset.UCDP_ESD and got.support_types == ["training", "weapons"]
        by_key = reader.evidence_many([dataset_claim.relation_key], strongest=1)
        assert by_key[dataset_claim.relation_key][0].record_id == "5001"
        text_claims = reader.article_claims(text.article.id)
        assert text_claims and all(
            c.dataset is None and c.record_id is None and c.support_types == [] for c in text_claims)
