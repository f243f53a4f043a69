"""What changed in a window: /changes and `conflictgraph changes`, on both stores.

The fixtures hold tests/dated_history.py: the army and the RSF
cooperate in 2019 and 2021 and fight from April 2023; the UAE backs the RSF from May 2023;
Turkey backs the GNA in January 2020.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import typer
from dated_history import CLOSED_ON, LNA, RSF, RUSSIA, SAF, TURKEY, UAE
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conflictgraph.api.app import create_app
from conflictgraph.cli.changes_cmd import parse_since
from conflictgraph.config import Settings
from conflictgraph.graph.model import Polarity, RelationType
from conflictgraph.graph.store import GraphStore
from conflictgraph.queries.changes import EndReason, changes_between

SPRING_2023 = (date(2023, 4, 1), date(2023, 6, 30))


def test_relations_first_seen_in_the_window_are_new_strongest_first(history: GraphStore) -> None:
    answer = changes_between(history, *SPRING_2023)
    assert [(c.source.id, c.type, c.target.id) for c in answer.new] == [
        (RSF.id, RelationType.OPPOSES, SAF.id),  # stored in sorted order: 3 claims, 0.995
        (UAE.id, RelationType.SUPPORTS, RSF.id),  # 1 claim, 0.8
        (SAF.id, RelationType.MEDIATES, RSF.id),  # 1 hedged claim, 0.5
    ]
    fighting = answer.new[0]
    assert fighting.claims == 3 and fighting.strength == pytest.approx(0.995)
    assert fighting.first_seen == date(2023, 4, 15)
    assert fighting.evidence is not None and fighting.evidence.sentence.startswith("Fighting broke out")
    assert answer.previous_since == date(2022, 12, 31)
    assert answer.ended == [] and answer.flips == []


def test_a_relation_silent_past_the_staleness_in_the_window_has_ended(history: GraphStore) -> None:
    # COOPERATES was last seen on 2021-10-25: 600 days later is 2023-06-17, inside the window.
    answer = changes_between(history, *SPRING_2023, staleness_days=600)
    assert [(c.source.id, c.type, c.target.id, c.last_seen) for c in answer.ended] == [
        (RSF.id, RelationType.COOPERATES, SAF.id, date(2021, 10, 25))]
    assert answer.ended[0].claims == 2
    # With the default 180 days it went silent long before this window.
    assert changes_between(history, *SPRING_2023).ended == []


def test_a_relation_closed_in_the_window_has_ended_with_its_closing_sentence(
        history: GraphStore) -> None:
    # Russia's support for the LNA, said on 2 June 2020 to have ended "on Friday", 29 May.
    answer = changes_between(history, date(2020, 5, 1), date(2020, 5, 31))
    assert [(c.source.id, c.target.id, c.reason, c.closed_on) for c in answer.ended] == [
        (RUSSIA.id, LNA.id, EndReason.CLOSED, CLOSED_ON)]
    assert answer.ended[0].evidence is not None and answer.ended[0].evidence.ended
    assert answer.new == []  # an ending claim is no new relation
    # Published in June, but the event is May's: June's window closes nothing.
    assert changes_between(history, date(2020, 6, 1), date(2020, 6, 30)).ended == []


def test_a_pair_whose_dominant_polarity_turned_is_a_flip(history: GraphStore) -> None:
    answer = changes_between(history, date(2021, 1, 1), date(2023, 12, 31))
    assert len(answer.flips) == 1
    flip = answer.flips[0]
    assert {flip.a.id, flip.b.id} == {SAF.id, RSF.id}
    assert (flip.before, flip.after) == (Polarity.COOPERATIVE, Polarity.HOSTILE)
    assert (flip.before_claims, flip.window_claims) == (2, 5)
    assert flip.evidence is not None and flip.evidence.sentence.startswith("Fighting broke out")
    # Turkey and the GNA: cooperative in the period before, nothing in the window: no flip.
    assert all(TURKEY.id not in (f.a.id, f.b.id) for f in answer.flips)


def test_limit_cuts_each_list_and_says_so(history: GraphStore) -> None:
    answer = changes_between(history, *SPRING_2023, limit=1)
    assert len(answer.new) == 1 and answer.truncated
    assert not changes_between(history, *SPRING_2023).truncated


# -- HTTP ---------------------------------------------------------------------------------------


@pytest.fixture
def client(history: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(_env_file=None, api_key=None, cors_origins=[]),
                               history)) as test_client:
        yield test_client


def test_changes_route(client: TestClient) -> None:
    response = client.get("/changes", params={"since": "2023-04-01", "until": "2023-06-30",
                                              "staleness_days": 600})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [c["type"] for c in body["new"]] == ["OPPOSES", "SUPPORTS", "MEDIATES"]
    assert [c["type"] for c in body["ended"]] == ["COOPERATES"]
    bad = client.get("/changes", params={"since": "2023-07-01", "until": "2023-06-30"})
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    assert client.get("/changes").status_code == 422  # since is required


# -- command line -------------------------------------------------------------------------------


def test_since_takes_a_date_or_a_span_back_from_until() -> None:
    until = date(2023, 6, 30)
    assert parse_since("2023-04-01", until) == date(2023, 4, 1)
    assert parse_since("30d", until) == date(2023, 5, 31)
    assert parse_since("2w", until) == date(2023, 6, 16)
    assert parse_since("1y", until) == date(2022, 6, 30)
    with pytest.raises(typer.BadParameter, match="neither a date"):
        parse_since("last spring", until)


def changes_cli(store: str, *args: str) -> Any:
    from conflictgraph.cli import app

    return CliRunner(env={"COLUMNS": "200"}).invoke(app, ["changes", *args, "--store", store])


def test_changes_command_prints_the_three_lists(cli_store: str) -> None:
    result = changes_cli(cli_store, "--since", "91d", "--until", "2023-06-30",
                         "--staleness-days", "600")
    assert result.exit_code == 0, result.output
    assert "New" in result.output and "Ended: 1 silent over 600 days" in result.output
    assert "Fighting broke out" in result.output
    flips = json.loads(changes_cli(cli_store, "--since", "2021-01-01", "--until", "2023-12-31",
                                   "--json").output)["flips"]
    assert [(f["before"], f["after"]) for f in flips] == [("cooperative", "hostile")]
    assert changes_cli(cli_store, "--since", "soon").exit_code == 2


def test_changes_command_says_why_each_relation_ended(cli_store: str) -> None:
    """Closed by a claim (on its date) or silent (since its last claim), as the API's
    ``reason`` and ``closed_on`` say."""
    closed = changes_cli(cli_store, "--since", "2020-05-01", "--until", "2020-05-31")
    assert closed.exit_code == 0, closed.output
    assert "Ended: 1 closed" in closed.output and f"closed {CLOSED_ON}" in closed.output
    assert "silent" not in closed.output
    silent = changes_cli(cli_store, "--since", "91d", "--until", "2023-06-30",
                         "--staleness-days", "600")
    assert "silent since 2021-10-25" in silent.output and "closed 20" not in silent.output


def test_windows_at_the_ends_of_the_calendar_are_answered(history: GraphStore) -> None:
    # The period before a window from year 1, and staleness past year 9999, stay in the calendar.
    answer = changes_between(history, date(1, 1, 1), date(2023, 12, 31), staleness_days=36_500)
    assert answer.previous_since == date.min and len(answer.new) == 7
    assert changes_between(history, date(9999, 1, 1), date.max).new == []
