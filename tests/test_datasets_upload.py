"""POST /datasets/{format}: a dataset file uploaded as the body becomes claims in both stores."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from test_api import make_settings

from conflictgraph.api.app import create_app
from conflictgraph.graph.model import RelationType
from conflictgraph.graph.store import GraphStore

DATA = Path(__file__).resolve().parent / "data" / "datasets"
KEY = "dataset-upload-key"
ACLED = (DATA / "acled.csv").read_bytes()


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    settings = make_settings(api_key=SecretStr(KEY), max_dataset_bytes=64_000)
    with TestClient(create_app(settings, store)) as test_client:
        yield test_client


def post(client: TestClient, fmt: str, body: bytes, media: str = "text/csv",
         key: str | None = KEY, query: str = "") -> httpx.Response:
    headers = {"Content-Type": media}
    if key is not None:
        headers["X-API-Key"] = key
    return client.post(f"/datasets/{fmt}{query}", content=body, headers=headers)


def test_upload_stores_the_rows_and_resending_changes_nothing(
    client: TestClient, store: GraphStore
) -> None:
    first = post(client, "acled", ACLED, query="?version=2024-06-01")
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["rows"], body["created"], body["claims"]) == (7, 5, store.counts()["claims"])
    assert {"source": "upload", "line": 7, "reason": "7 fields, the header has 31"} in body["skipped"]
    (claim,) = [c for c in store.evidence("rapid-support-forces", "sudanese-armed-forces",
                                     RelationType.OPPOSES)
                if c.record_id == "SDN90001"]
    assert claim.dataset_version == "2024-06-01"
    again = post(client, "acled", gzip.compress(ACLED), media="application/gzip",
                 query="?version=2024-06-01")
    assert again.status_code == 200, again.text
    assert (again.json()["unchanged"], again.json()["created"]) == (5, 0)


def test_upload_needs_the_api_key_and_a_dataset_media_type(client: TestClient) -> None:
    assert post(client, "acled", ACLED, key=None).status_code == 401
    assert post(client, "acled", ACLED, key="wrong").status_code == 403
    refused = post(client, "acled", ACLED, media="application/json")
    assert refused.status_code == 415
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert post(client, "not-a-format", ACLED).status_code == 422


def test_upload_over_the_size_limit_is_refused(client: TestClient, store: GraphStore) -> None:
    big = ACLED + b"\n".join([ACLED.split(b"\n")[1]] * 250)  # > 64,000 bytes
    assert len(big) > 64_000
    declared = post(client, "acled", big)  # Content-Length says so: refused before reading
    assert declared.status_code == 413 and "64000 bytes" in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streamed
        for start in range(0, len(big), 8192):
            yield big[start:start + 8192]

    streamed = client.post("/datasets/acled", content=chunks(),
                           headers={"Content-Type": "text/csv", "X-API-Key": KEY})
    assert streamed.status_code == 413 and "64000 bytes" in streamed.json()["detail"]
    assert store.counts()["claims"] == 0


def test_upload_of_another_format_names_the_right_one(client: TestClient, store: GraphStore) -> None:
    answer = post(client, "polecat", ACLED)
    assert answer.status_code == 422
    assert "--format acled" in answer.json()["detail"]
    assert "/tmp" not in answer.text and "conflictgraph-upload" not in answer.text
    assert store.counts()["claims"] == 0
