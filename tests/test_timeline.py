"""How a pair's relation moved over time: /relations/timeline, its plot, and `conflictgraph timeline`.

The fixtures ``history`` and ``cli_store`` (conftest.py) hold tests/dated_history.py: the
army and the RSF cooperate, then fight; every count below is worked out from it by hand.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dated_history import CLOSED_ON, LNA, REOPENED_ON, RSF, RUSSIA, SAF, TURKEY, history_graphs
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conflictgraph.api.app import create_app
from conflictgraph.config import Settings
from conflictgraph.graph.memory_store import MemoryStore
from conflictgraph.graph.model import RelationType
from conflictgraph.graph.store import GraphStore
from conflictgraph.graph.window import Window, WindowedStore
from conflictgraph.queries.timeline import MAX_BUCKETS, Bucket, MarkKind, TimelineTooLong, relation_timeline


def test_claims_of_the_pair_are_counted_per_year_exactly(history: GraphStore) -> None:
    timeline = relation_timeline(history, SAF, RSF, bucket=Bucket.YEAR)
    rows = {b.label: (b.cooperative, b.hostile, b.neutral) for b in timeline.buckets}
    # Both directions, every type; the UAE's and Turkey's claims are other pairs.
    assert rows == {"2019": (2, 0, 0), "2020": (0, 0, 0), "2021": (1, 0, 0),
                    "2022": (0, 0, 0), "2023": (0, 3, 1)}
    assert timeline.claims == 7 and timeline.undated == 1
    by_type = {b.label: b.by_type for b in timeline.buckets}
    assert by_type["2023"] == {RelationType.OPPOSES: 3, RelationType.MEDIATES: 1}
    assert timeline.buckets[-1].by_category == {"ASSAULT": 2, "FIGHT": 1, "MEDIATE": 1}


def test_buckets_run_without_gaps_by_month_and_quarter(history: GraphStore) -> None:
    months = relation_timeline(history, SAF, RSF, bucket=Bucket.MONTH)
    assert months.buckets[0].label == "2019-08" and months.buckets[-1].label == "2023-06"
    assert len(months.buckets) == 12 * 4 - 7 + 6  # Aug 2019 .. Jun 2023
    april = next(b for b in months.buckets if b.label == "2023-04")
    assert (april.cooperative, april.hostile) == (0, 2)
    quarters = relation_timeline(history, RSF, SAF, bucket=Bucket.QUARTER)
    q = {b.label: (b.cooperative, b.hostile, b.neutral) for b in quarters.buckets}
    assert q["2019-Q3"] == (2, 0, 0) and q["2021-Q4"] == (1, 0, 0)
    assert q["2023-Q2"] == (0, 3, 1) and len(quarters.buckets) == 16  # 2019-Q3 .. 2023-Q2


def test_a_window_keeps_only_its_claims(history: GraphStore) -> None:
    timeline = relation_timeline(history, SAF, RSF, bucket=Bucket.MONTH,
                                 since=date(2023, 4, 16), until=date(2023, 6, 30))
    assert [b.label for b in timeline.buckets] == ["2023-04", "2023-05", "2023-06"]
    assert [(b.hostile, b.neutral) for b in timeline.buckets] == [(1, 0), (0, 0), (1, 1)]
    assert timeline.claims == 3


def test_each_bucket_shows_its_strongest_asserted_sentence(history: GraphStore) -> None:
    by_label = {b.label: b for b in relation_timeline(history, SAF, RSF, bucket=Bucket.YEAR).buckets}
    assert by_label["2023"].strongest is not None
    assert by_label["2023"].strongest.sentence.startswith("Fighting broke out")
    assert by_label["2023"].strongest.article.url == "https://example.org/timeline/3"
    # A bucket of hedged claims only still shows one, marked hedged.
    assert by_label["2021"].strongest is not None and by_label["2021"].strongest.hedged
    assert by_label["2020"].strongest is None


def test_marks_say_when_each_relation_type_first_appears(history: GraphStore) -> None:
    marks = relation_timeline(history, SAF, RSF, bucket=Bucket.QUARTER).marks
    assert [(m.type, m.date, m.bucket) for m in marks] == [
        (RelationType.COOPERATES, date(2019, 8, 17), "2019-Q3"),
        (RelationType.ALLIED_WITH, date(2019, 8, 30), "2019-Q3"),
        (RelationType.OPPOSES, date(2023, 4, 15), "2023-Q2"),
        (RelationType.MEDIATES, date(2023, 6, 20), "2023-Q2"),
    ]


def test_a_pair_without_claims_has_an_empty_timeline(history: GraphStore) -> None:
    timeline = relation_timeline(history, TURKEY, RSF)
    assert timeline.buckets == [] and timeline.claims == 0 and timeline.marks == []


def test_too_many_buckets_is_refused() -> None:
    store = MemoryStore(None)
    store.upsert(history_graphs())
    with pytest.raises(TimelineTooLong, match="more than 1,200 buckets"):
        relation_timeline(store, SAF, RSF, bucket=Bucket.MONTH, since=date(1900, 1, 1))
    assert MAX_BUCKETS == 1_200


# -- HTTP ---------------------------------------------------------------------------------------


@pytest.fixture
def client(history: GraphStore) -> Iterator[TestClient]:
    settings = Settings(_env_file=None, api_key=None, cors_origins=[])
    with TestClient(create_app(settings, history)) as test_client:
        yield test_client


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_timeline_route_answers_with_counts_and_evidence(client: TestClient) -> None:
    response = client.get("/relations/timeline", params={"a": "RSF", "b": "Sudanese Armed Forces",
                                                         "bucket": "year"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["a"]["id"] == RSF.id and body["b"]["id"] == SAF.id
    assert [(b["label"], b["cooperative"], b["hostile"]) for b in body["buckets"]] == [
        ("2019", 2, 0), ("2020", 0, 0), ("2021", 1, 0), ("2022", 0, 0), ("2023", 0, 3)]
    assert body["buckets"][-1]["strongest"]["sentence"].startswith("Fighting broke out")
    assert body["undated"] == 1


@pytest.mark.parametrize(("params", "status"), [
    ({"a": "RSF", "b": "RSF"}, 422),
    ({"a": "RSF", "b": "Atlantis Liberation Front"}, 404),
    ({"a": "RSF", "b": "SAF", "bucket": "week"}, 422),
    ({"a": "RSF", "b": "Sudanese Armed Forces", "since": "2023-01-01", "until": "2022-01-01"}, 422),
    ({"a": "RSF", "b": "Sudanese Armed Forces", "since": "1900-01-01"}, 422),
])
def test_timeline_route_errors_are_problems(client: TestClient, params: dict[str, Any],
                                            status: int) -> None:
    response = client.get("/relations/timeline", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


def test_timeline_plot_routes_serve_png_and_svg(client: TestClient) -> None:
    params = {"a": "RSF", "b": "Sudanese Armed Forces", "bucket": "quarter"}
    png = client.get("/relations/timeline.png", params=params)
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png_size(png.content) == (1000, 450)
    for response in (client.get("/relations/timeline.png", params={**params, "format": "svg"}),
                     client.get("/relations/timeline.svg", params=params)):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert b"<svg" in response.content[:500]
        assert b"Rapid Support Forces" in response.content or b"Rapid" in response.content


# -- command line -------------------------------------------------------------------------------


def timeline_cli(store: str, *args: str) -> Any:
    from conflictgraph.cli import app

    return CliRunner(env={"COLUMNS": "200"}).invoke(app, ["timeline", *args, "--store", store])


def test_timeline_command_prints_periods_and_draws_a_png(cli_store: str, tmp_path: Path) -> None:
    plot = tmp_path / "saf-rsf.png"
    result = timeline_cli(cli_store, "SAF", "RSF", "--bucket", "quarter", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    assert "2019-Q3" in result.output and "2023-Q2" in result.output
    assert "Fighting broke out" in result.output
    assert "2020-Q1" not in result.output  # empty periods are left out of the table
    assert plot.stat().st_size > 10_000
    assert png_size(plot.read_bytes()) == (1000, 450)


def test_timeline_command_json_is_the_apis_answer(cli_store: str) -> None:
    import json

    result = timeline_cli(cli_store, "SAF", "RSF", "--bucket", "year", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert [b["hostile"] for b in body["buckets"]] == [0, 0, 0, 0, 3]


def test_timeline_command_prints_ended_claims_and_where_relations_closed(cli_store: str) -> None:
    """The table shows what the API's buckets and marks give: the ending claim's period (no
    claim there states anything), its count and sentence, and the close and reopening."""
    result = timeline_cli(cli_store, "Russia", "LNA", "--bucket", "quarter")
    assert result.exit_code == 0, result.output
    (closing,) = [line for line in result.output.splitlines() if "2020-Q2" in line]
    assert "ended its support" in closing and "(ended)" in closing
    assert closing.split("│")[5].strip() == "1"  # the ended column
    assert f"SUPPORTS closed {CLOSED_ON}" in result.output
    assert f"SUPPORTS opened {REOPENED_ON}" in result.output
    assert "SUPPORTS opened 2019-04-10" in result.output


def test_timeline_command_usage_errors(cli_store: str, tmp_path: Path) -> None:
    assert timeline_cli(cli_store, "SAF", "Atlantis Liberation Front").exit_code == 1
    assert timeline_cli(cli_store, "SAF", "RSF", "--since", "15/04/2023").exit_code == 2
    assert timeline_cli(cli_store, "SAF", "RSF", "--plot", str(tmp_path / "x.gif")).exit_code == 2
    assert timeline_cli(cli_store, "SAF", "SAF").exit_code == 2


# -- dates from the text, and relations that ended --------------------------------------------


def test_a_date_the_sentence_gives_places_the_claim_in_its_bucket(history: GraphStore) -> None:
    """ "On Friday", in a report published on Tuesday 2 June 2020: the claim is May's."""
    months = {b.label: b for b in relation_timeline(history, RUSSIA, LNA, bucket=Bucket.MONTH).buckets}
    assert (months["2020-05"].ended, months["2020-06"].ended) == (1, 0)
    assert months["2020-05"].strongest is not None and months["2020-05"].strongest.ended
    assert months["2020-05"].strongest.event_date == CLOSED_ON
    assert months["2020-05"].strongest.published == date(2020, 6, 2)
    # The ending claim is counted apart: it is no cooperation.
    assert [(b.label, b.cooperative) for b in months.values() if b.cooperative] == [
        ("2019-04", 1), ("2022-03", 1)]
    # A window by the event's date: the claim is inside May, whatever its publication.
    may = relation_timeline(history, RUSSIA, LNA, since=date(2020, 5, 1), until=date(2020, 5, 31))
    assert may.claims == 1
    june = relation_timeline(history, RUSSIA, LNA, since=date(2020, 6, 1), until=date(2020, 6, 30))
    assert june.claims == 0


def test_marks_say_where_a_relation_closed_and_opened_again(history: GraphStore) -> None:
    marks = relation_timeline(history, RUSSIA, LNA, bucket=Bucket.QUARTER).marks
    assert [(m.kind, m.date, m.bucket) for m in marks] == [
        (MarkKind.OPENED, date(2019, 4, 10), "2019-Q2"),
        (MarkKind.CLOSED, CLOSED_ON, "2020-Q2"),
        (MarkKind.OPENED, REOPENED_ON, "2022-Q1"),
    ]
    # Up to a day after the close, the last mark is the relation's closed_on.
    before = relation_timeline(history, RUSSIA, LNA, until=date(2021, 1, 1)).marks
    closed = WindowedStore(history, Window(until=date(2021, 1, 1))).neighbours(LNA.id)
    assert before[-1].kind is MarkKind.CLOSED and before[-1].date == closed[0].closed_on
