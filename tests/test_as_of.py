"""The graph as of a date: every answer drawn only from the claims dated inside a window.

On both stores, with the dated history of tests/dated_history.py: the army and the RSF
cooperate in 2019 and 2021 and fight from April 2023 (one more fight claim is undated);
the UAE backs the RSF from May 2023; Turkey backs the GNA in January 2020.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from dated_history import (
    CLOSED_ON,
    GNA,
    LNA,
    REOPENED_ON,
    RSF,
    RUSSIA,
    SAF,
    TURKEY,
    UAE,
    history_graphs,
)
from fastapi.testclient import TestClient

from conflictgraph.api.app import create_app
from conflictgraph.config import Settings
from conflictgraph.graph.aggregate import aggregate_claims
from conflictgraph.graph.model import RelationType
from conflictgraph.graph.store import GraphStore, strongest_relations
from conflictgraph.graph.window import ReadOnlyView, Window, WindowedStore

BEFORE_THE_WAR = date(2022, 12, 31)


def kinds(relations: Any) -> dict[tuple[str, str, RelationType], tuple[int, date | None, date | None]]:
    return {r.key: (r.evidence_count, r.first_seen, r.last_seen) for r in relations}


def test_relations_are_rebuilt_from_the_claims_inside_the_window(history: GraphStore) -> None:
    before = WindowedStore(history, Window(until=BEFORE_THE_WAR))
    assert kinds(before.neighbours(RSF.id)) == {
        (RSF.id, SAF.id, RelationType.COOPERATES): (2, date(2019, 8, 17), date(2021, 10, 25)),
        (RSF.id, SAF.id, RelationType.ALLIED_WITH): (1, date(2019, 8, 30), date(2019, 8, 30)),
    }
    war = WindowedStore(history, Window(since=date(2023, 1, 1)))
    # The undated fight claim belongs to no window: three claims, not four.
    assert kinds(war.neighbours(RSF.id)) == {
        (RSF.id, SAF.id, RelationType.OPPOSES): (3, date(2023, 4, 15), date(2023, 6, 2)),
        (SAF.id, RSF.id, RelationType.MEDIATES): (1, date(2023, 6, 20), date(2023, 6, 20)),
        (UAE.id, RSF.id, RelationType.SUPPORTS): (1, date(2023, 5, 1), date(2023, 5, 1)),
    }
    (fighting,) = [r for r in war.neighbours(RSF.id) if r.type is RelationType.OPPOSES]
    assert fighting.confidence == pytest.approx(0.995)  # noisy-or of 0.9, 0.75, 0.8 only
    everything = {r.key: r for r in history.neighbours(RSF.id)}
    assert everything[fighting.key].evidence_count == 4


def test_a_window_narrows_every_read(history: GraphStore) -> None:
    spring = WindowedStore(history, Window(date(2023, 4, 1), date(2023, 4, 30)))
    assert [r.type for r in spring.relations()] == [RelationType.OPPOSES]
    assert len(spring.evidence(RSF.id, SAF.id, RelationType.OPPOSES)) == 2
    found = spring.evidence_many([(RSF.id, SAF.id, RelationType.OPPOSES),
                                  (UAE.id, RSF.id, RelationType.SUPPORTS)])
    assert len(found[(RSF.id, SAF.id, RelationType.OPPOSES)]) == 2
    assert found[(UAE.id, RSF.id, RelationType.SUPPORTS)] == []
    assert spring.neighbours_of([RSF.id, TURKEY.id]) == {
        RSF.id: spring.neighbours(RSF.id), TURKEY.id: []}
    # Degrees only tell hubs apart: the store's own counts, an upper bound of the window's.
    assert spring.degrees([RSF.id, GNA.id]) == history.degrees([RSF.id, GNA.id]) == {RSF.id: 5, GNA.id: 1}
    assert spring.counts()["relations"] == 1 and history.counts()["relations"] == 7
    # A caller's own since/until narrows the window further, never widens it.
    assert kinds(spring.neighbours(RSF.id, since=date(2023, 4, 16))) == {
        (RSF.id, SAF.id, RelationType.OPPOSES): (1, date(2023, 4, 16), date(2023, 4, 16))}
    assert spring.neighbours(RSF.id, until=date(2023, 4, 1)) == []


def test_each_relation_counts_its_undated_claims(store: GraphStore) -> None:
    """Both stores keep how many claims of a relation have no date, through separate writes
    and a retraction: what tells a window that a relation inside it is whole."""
    graphs = history_graphs()
    undated = next(g for g in graphs if g.claims[0].when is None)
    store.upsert([g for g in graphs if g is not undated])
    fighting = (RSF.id, SAF.id, RelationType.OPPOSES)

    def counted() -> dict[tuple[str, str, RelationType], int]:
        return {r.key: r.undated_count for r in store.neighbours(RSF.id)}

    assert set(counted().values()) == {0}
    store.upsert([undated])
    assert counted()[fighting] == 1 and sum(counted().values()) == 1
    (relation,) = [r for r in store.relations() if r.key == fighting]
    assert relation.undated_count == 1 and relation.evidence_count == 4
    assert store.retract(undated.article.id)
    assert counted()[fighting] == 0


class CountingReads(WindowedStore):
    """``inner`` as it is (a window of all time that rebuilds nothing), recording the relation
    keys whose claims are read through it."""

    def __init__(self, inner: GraphStore) -> None:
        super().__init__(inner, Window())
        self.read: list[tuple[str, str, RelationType]] = []
        self.pages: list[int | None] = []  # the ``strongest`` of each neighbours_of read

    def evidence_many(self, keys: Any, *, strongest: int | None = None) -> Any:
        keys = list(keys)
        self.read += keys
        return self.inner.evidence_many(keys, strongest=strongest)

    def neighbours(self, actor_id: str, **kwargs: Any) -> Any:
        return self.inner.neighbours(actor_id, **kwargs)

    def neighbours_of(self, actor_ids: Any, **kwargs: Any) -> Any:
        self.pages.append(kwargs.get("strongest"))
        return self.inner.neighbours_of(actor_ids, **kwargs)

    def relations(self) -> Any:
        return self.inner.relations()


def test_only_relations_that_straddle_the_window_or_hold_undated_claims_are_read_again(
        history: GraphStore) -> None:
    """A relation whose claims are all dated and all inside the window is the stored one:
    its claims are not read. The window's answers are those of rebuilding every relation."""
    window = Window(until=date(2023, 5, 31))
    spy = CountingReads(history)
    view = WindowedStore(spy, window)
    rebuilt = {r.key: r for r in view.neighbours(RSF.id)}
    # The fight straddles the window's end (and holds an undated claim); the power-sharing
    # deal, the joint deployment and the UAE's backing lie inside it, all dated.
    assert spy.read == [(RSF.id, SAF.id, RelationType.OPPOSES)]
    assert kinds(rebuilt.values()) == {
        (RSF.id, SAF.id, RelationType.COOPERATES): (2, date(2019, 8, 17), date(2021, 10, 25)),
        (RSF.id, SAF.id, RelationType.ALLIED_WITH): (1, date(2019, 8, 30), date(2019, 8, 30)),
        (RSF.id, SAF.id, RelationType.OPPOSES): (2, date(2023, 4, 15), date(2023, 4, 16)),
        (UAE.id, RSF.id, RelationType.SUPPORTS): (1, date(2023, 5, 1), date(2023, 5, 1)),
    }
    stored = {r.key: r for r in history.neighbours(RSF.id)}
    for key in rebuilt.keys() - {(RSF.id, SAF.id, RelationType.OPPOSES)}:
        assert rebuilt[key] == stored[key]
    spy.read.clear()
    assert {r.key for r in view.neighbours_of([RSF.id])[RSF.id]} == set(rebuilt)
    everything = history.evidence_many([r.key for r in history.relations()])
    assert view.relations() == aggregate_claims(
        c for claims in everything.values() for c in claims if window.holds(c.when))
    assert spy.read.count((RSF.id, SAF.id, RelationType.OPPOSES)) == 2
    assert len(spy.read) == 2


def test_the_strongest_relations_of_a_window_are_read_a_page_at_a_time(
        history: GraphStore) -> None:
    """A relation is no stronger inside a window than over all time, so the window's
    strongest few are found among the store's strongest: the view reads pages of those
    (twice the number asked, then four times more) instead of every relation of a hub."""
    window = Window(until=BEFORE_THE_WAR)
    every = strongest_relations(RSF.id, WindowedStore(history, window).neighbours(RSF.id))
    assert [r.type for r in every] == [RelationType.COOPERATES, RelationType.ALLIED_WITH]
    for asked in (1, 2, 3):
        spy = CountingReads(history)
        found = WindowedStore(spy, window).neighbours_of([RSF.id, TURKEY.id], strongest=asked)
        assert found == {RSF.id: every[:asked],
                         TURKEY.id: WindowedStore(history, window).neighbours(TURKEY.id)}
        assert spy.pages[0] == 2 * asked and None not in spy.pages
    # The fighting, RSF's strongest relation of all time, is outside the window: with one
    # asked, the page of two holds it and the cooperation, which is the window's strongest.
    spy = CountingReads(history)
    WindowedStore(spy, window).neighbours_of([RSF.id], strongest=1)
    assert spy.pages == [2]


def test_the_view_cannot_be_written(history: GraphStore) -> None:
    view = WindowedStore(history, Window(until=BEFORE_THE_WAR))
    with pytest.raises(ReadOnlyView):
        view.upsert(history_graphs())
    with pytest.raises(ReadOnlyView):
        view.retract("timeline-0")


def test_window_parameters_are_checked() -> None:
    assert Window.of() is None
    assert Window.of(as_of=date(2020, 1, 1)) == Window(None, date(2020, 1, 1))
    with pytest.raises(ValueError, match="not both"):
        Window.of(as_of=date(2020, 1, 1), until=date(2020, 1, 1))
    with pytest.raises(ValueError, match="after"):
        Window(date(2021, 1, 1), date(2020, 1, 1))


# -- through the API ------------------------------------------------------------------------------


@pytest.fixture
def client(history: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(_env_file=None, api_key=None, cors_origins=[]),
                               history)) as test_client:
        yield test_client


def ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["actor"]["id"] for item in items}


def test_as_of_allies_and_adversaries_differ_between_two_dates(client: TestClient) -> None:
    def ask(route: str, **params: str) -> set[str]:
        response = client.get(f"/actors/RSF/{route}", params=params)
        assert response.status_code == 200, response.text
        return ids(response.json()["items"])

    assert SAF.id in ask("allies", as_of="2022-12-31")
    assert SAF.id not in ask("adversaries", as_of="2022-12-31")
    assert UAE.id not in ask("allies", as_of="2022-12-31")  # its backing begins in May 2023
    assert SAF.id in ask("adversaries", since="2023-01-01")
    assert SAF.id not in ask("allies", since="2023-01-01")
    assert UAE.id in ask("allies", since="2023-01-01")
    # Without a date: all time, as before.
    assert {SAF.id, UAE.id} <= ask("allies") and SAF.id in ask("adversaries")


def test_as_of_reaches_relations_support_paths_blocs_graph_and_export(client: TestClient) -> None:
    relations = client.get("/actors/RSF/relations", params={"as_of": "2022-12-31"}).json()
    assert {item["type"] for item in relations["items"]} == {"COOPERATES", "ALLIED_WITH"}
    assert all(e["published"] <= "2022-12-31"
               for item in relations["items"] for e in item["evidence"])
    supporters = client.get("/actors/RSF/supporters", params={"as_of": "2022-12-31"}).json()
    assert UAE.id not in ids(supporters["items"])
    path = client.get("/paths", params={"source": "UAE", "target": "SAF",
                                        "since": "2023-01-01"}).json()
    assert path["paths"] and path["paths"][0]["polarity"] == "hostile"
    assert client.get("/paths", params={"source": "UAE", "target": "SAF",
                                        "as_of": "2022-12-31"}).json()["paths"] == []
    graph = client.get("/graph", params={"around": "RSF", "as_of": "2022-12-31"}).json()
    assert {e["type"] for e in graph["edges"]} == {"COOPERATES", "ALLIED_WITH"}
    exported = client.get("/graph/export", params={"since": "2023-01-01"}).json()
    assert {r["type"] for r in exported["relations"]} == {"OPPOSES", "MEDIATES", "SUPPORTS"}
    blocs = client.get("/blocs", params={"actors": "RSF,SAF,UAE", "since": "2023-01-01"})
    assert blocs.status_code == 200, blocs.text
    members = [{m["id"] for m in b["members"]} for b in blocs.json()["blocs"]]
    assert {RSF.id, UAE.id} in members and {SAF.id} in members


@pytest.mark.parametrize("params", [
    {"as_of": "2022-01-01", "until": "2022-01-01"},
    {"since": "2023-01-01", "until": "2022-01-01"},
    {"as_of": "yesterday"},
])
def test_bad_windows_are_problems(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/actors/RSF/allies", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(("path", "params"), [
    ("/actors/RSF/allies", {"as_of": "1700000000"}),
    ("/actors/RSF/relations", {"since": "0"}),
    ("/graph/export", {"until": "1672531200.5"}),
    ("/changes", {"since": "1700000000"}),
    ("/relations/timeline", {"a": "RSF", "b": "SAF", "until": "20230101"}),
])
def test_a_bare_number_is_no_day(client: TestClient, path: str, params: dict[str, str]) -> None:
    # pydantic alone reads a number as a Unix time: 1700000000 would be 2023-11-14
    answer = client.get(path, params=params)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert "YYYY-MM-DD" in answer.json()["detail"]
    fixed = {k: ("2023-11-14" if k in {"as_of", "since", "until"} else v)
             for k, v in params.items()}
    assert client.get(path, params=fixed).status_code == 200


def test_ask_takes_the_same_window_before_its_question(cli_store: str) -> None:
    import json as json_module

    from typer.testing import CliRunner

    from conflictgraph.cli import app

    def allies(*dates: str) -> set[str]:
        result = CliRunner().invoke(app, ["ask", *dates, "allies", "RSF", "--json",
                                          "--store", cli_store])
        assert result.exit_code == 0, result.output
        return {item["id"] for item in json_module.loads(result.output)["items"]}

    assert SAF.id in allies("--as-of", "2022-12-31") and UAE.id not in allies("--as-of", "2022-12-31")
    assert UAE.id in allies("--since", "2023-01-01") and SAF.id not in allies("--since", "2023-01-01")
    bad = CliRunner().invoke(app, ["ask", "--as-of", "2022-01-01", "--until", "2022-01-01",
                                   "allies", "RSF", "--store", cli_store])
    assert bad.exit_code == 2 and "not both" in bad.output


# -- relations that ended ------------------------------------------------------------------------
# tests/dated_history.py: Russia backs the LNA from April 2019, a report of Tuesday 2 June 2020
# says it ended its support "on Friday" (29 May), and it backs the LNA again from March 2022.


def test_a_claim_saying_a_relation_ended_closes_it_on_its_date(history: GraphStore) -> None:
    key = (RUSSIA.id, LNA.id, RelationType.SUPPORTS)
    closed = {r.key: r for r in WindowedStore(history, Window(until=date(2021, 12, 31))).neighbours(LNA.id)}
    backing = closed[key]
    assert backing.closed_on == CLOSED_ON and not backing.current
    # The ending claim is kept as evidence and dates the span, but is no evidence of support.
    assert (backing.evidence_count, backing.first_seen, backing.last_seen) == (1, date(2019, 4, 10),
                                                                             CLOSED_ON)
    assert backing.confidence == pytest.approx(0.8) and backing.alignment_sign == 0
    assert [c.ended for c in history.evidence(*key)].count(True) == 1
    still = WindowedStore(history, Window(until=CLOSED_ON - timedelta(days=1))).neighbours(LNA.id)
    assert [(r.closed_on, r.alignment_sign) for r in still] == [(None, 1)]
    # A later claim stating the relation reopens it; all time, it is current again.
    (reopened,) = history.neighbours(LNA.id)
    assert reopened.closed_on is None and reopened.evidence_count == 2
    assert reopened.last_seen == REOPENED_ON and reopened.alignment_sign == 1


def test_a_window_ending_after_the_close_has_no_ally_and_no_supporter(client: TestClient) -> None:
    def answer(route: str, **params: str) -> set[str]:
        response = client.get(f"/actors/LNA/{route}", params=params)
        assert response.status_code == 200, response.text
        return ids(response.json()["items"])

    assert RUSSIA.id in answer("allies", as_of=(CLOSED_ON - timedelta(days=1)).isoformat())
    assert RUSSIA.id in answer("supporters", as_of="2020-05-28")
    assert RUSSIA.id not in answer("allies", as_of=CLOSED_ON.isoformat())
    assert RUSSIA.id not in answer("supporters", as_of="2021-12-31")
    assert RUSSIA.id in answer("allies", as_of=REOPENED_ON.isoformat())
    assert RUSSIA.id in answer("allies") and RUSSIA.id in answer("supporters")
    # The closed relation is still shown, with its closing sentence as evidence.
    relations = client.get("/actors/LNA/relations", params={"as_of": "2021-12-31"}).json()
    (item,) = relations["items"]
    assert item["closed_on"] == CLOSED_ON.isoformat()
    closing = [e for e in item["evidence"] if e["ended"]]
    assert [(e["event_date"], e["published"]) for e in closing] == [(CLOSED_ON.isoformat(),
                                                                     "2020-06-02")]
    edges = client.get("/graph", params={"around": "LNA", "as_of": "2021-12-31"}).json()["edges"]
    assert [e["closed_on"] for e in edges] == [CLOSED_ON.isoformat()]


def test_closing_and_reopening_hold_when_written_one_article_at_a_time(store: GraphStore) -> None:
    """Each store keeps the close across separate writes and recomputes it on a retraction."""
    support, ending, resumed = [g for g in history_graphs() if g.article.id.startswith("closing-")]
    key = (RUSSIA.id, LNA.id, RelationType.SUPPORTS)

    def backing() -> tuple[date | None, int, date | None]:
        (relation,) = [r for r in store.neighbours(LNA.id) if r.key == key]
        return relation.closed_on, relation.evidence_count, relation.last_seen

    store.upsert([support])
    assert backing() == (None, 1, date(2019, 4, 10))
    store.upsert([ending])
    assert backing() == (CLOSED_ON, 1, CLOSED_ON)
    store.upsert([resumed])
    assert backing() == (None, 2, REOPENED_ON)
    assert store.retract(resumed.article.id)
    assert backing() == (CLOSED_ON, 1, CLOSED_ON)


# -- text that says a relation ended closes it ---------------------------------------------------


@pytest.mark.parametrize(("stated", "ending", "key", "ended_on"), [
    ("Morocco cooperated with Iran on security.", "Morocco cut ties with Iran on May 1, 2018.",
     ("iran", "morocco", RelationType.COOPERATES), date(2018, 5, 1)),
    ("Qatar is a member of the Saudi-led coalition.",
     "Qatar withdrew from the Saudi-led coalition on June 5, 2017.",
     ("qatar", "saudi-led-coalition", RelationType.MEMBER_OF), date(2017, 6, 5)),
    ("The United States sent military aid to Ukraine.",
     "The United States suspended military aid to Ukraine on March 3, 2025.",
     ("united-states", "ukraine", RelationType.SUPPORTS), date(2025, 3, 3)),
])
def test_text_saying_a_relation_ended_closes_it_and_stays_its_evidence(
        store: GraphStore, extractor: Any, stated: str, ending: str,
        key: tuple[str, str, RelationType], ended_on: date) -> None:
    from conflictgraph.graph.model import Article

    before = Article.from_text(stated, url="https://example.org/stated", title="Before",
                               published=date(2016, 1, 10), source="Example")
    after = Article.from_text(ending, url="https://example.org/ending", title="After",
                              published=ended_on + timedelta(days=1), source="Example")
    store.upsert([extractor.extract(before), extractor.extract(after)])
    (relation,) = [r for r in store.relations() if r.key == key]
    assert relation.closed_on == ended_on and relation.evidence_count == 1
    assert relation.alignment_sign == 0
    closing = [c for c in store.evidence(*key) if c.ended]
    assert [(c.sentence, c.when) for c in closing] == [(ending, ended_on)]
    # The day before, the relation was current.
    (earlier,) = WindowedStore(store, Window(until=ended_on - timedelta(days=1))).neighbours(key[0])
    assert earlier.key == key and earlier.current
