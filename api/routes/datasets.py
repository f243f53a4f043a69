"""Datasets: upload an ACLED, UCDP GED/ESD, GDELT or POLECAT file; its rows become claims.

The body is the file itself (CSV or TSV, plain, gzip or zip), streamed to a temporary
file while its bytes are counted against CONFLICTGRAPH_MAX_DATASET_BYTES, then read by
the same loader as `conflictgraph ingest --format` (loaders/datasets).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi import Path as PathParam
from starlette.concurrency import run_in_threadpool

from ...graph.model import Dataset
from ...loaders.datasets import DatasetIngestor, DatasetSummary
from ...loaders.gazetteer import get_gazetteer
from ..deps import ApiKeyDep, RuntimeDep, SettingsDep, StoreDep, WriterDep
from ..errors import ApiProblem
from ..examples import json_example, problem_examples

router = APIRouter(prefix="/datasets", tags=["datasets"])

# Media type -> the suffix the loader reads the file by (plain text is sniffed: , or tab).
MEDIA_SUFFIXES = {
    "text/csv": ".csv",
    "text/tab-separated-values": ".tsv",
    "text/plain": ".csv",
    "application/gzip": ".gz",
    "application/x-gzip": ".gz",
    "application/zip": ".zip",
    "application/x-zip-compressed": ".zip",
}
CHUNK = 1 << 20

FormatParam = Annotated[Dataset, PathParam(description="The file's format")]
VersionParam = Annotated[str | None, Query(
    max_length=100, pattern=r"^[\w .:+-]+$",
    description="Version or export date recorded on each claim (default: 'upload')")]

UPLOAD_EXAMPLE = {
    "files": 1, "formats": {"acled": 1}, "rows": 7, "records": 5, "created": 5, "updated": 0,
    "unchanged": 0, "retracted": 0, "without_relation": 1, "claims": 11, "actors_new": 5,
    "actors_matched": 7,
    "matches": [{"name": "Military Forces of Sudan (2019-)", "actor_id": "sudanese-armed-forces",
                 "reason": "pattern", "score": None, "code": None}],
    "skipped": [{"source": "upload", "line": 7, "reason": "7 fields, the header has 31"}],
    "error": None, "stored_until": None,
}


async def _save_body(request: Request, limit: int, folder: Path, suffix: str) -> Path:
    """The request body in a file, its bytes counted as they arrive (413 past ``limit``)."""
    path = folder / f"upload{suffix}"
    size = 0
    with path.open("wb") as out:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiProblem(413, f"The dataset file exceeds the limit of {limit} bytes.",
                                 slug="body-too-large", headers={"Connection": "close"})
            out.write(chunk)
    if size == 0:
        raise ApiProblem(422, "The request body is empty: send the dataset file as the body.",
                         slug="empty-dataset")
    return path


@router.post(
    "/{format}", response_model=DatasetSummary, status_code=201,
    summary="Upload a dataset file; its rows become claims",
    responses={
        200: json_example({**UPLOAD_EXAMPLE, "created": 0, "unchanged": 5},
                          "Nothing new: every record was already stored"),
        201: json_example(UPLOAD_EXAMPLE, "At least one record was created or changed"),
        **problem_examples(401, 403, 409, 413, 415, 422, 503),
    },
    openapi_extra={"requestBody": {
        "required": True,
        "description": "The dataset file itself (read as a stream, never held in memory)",
        "content": {media: {"schema": {"type": "string", "format": "binary"}}
                    for media in MEDIA_SUFFIXES},
    }},
)
async def upload_dataset(
    format: FormatParam, request: Request, runtime: RuntimeDep, settings: SettingsDep,
    store: StoreDep, _key: ApiKeyDep, _writer: WriterDep, response: Response,
    version: VersionParam = None,
) -> DatasetSummary:
    """Send the file as the body with its media type: `text/csv`,
    `text/tab-separated-values`, `application/gzip` or `application/zip`.

    Re-sending a file changes nothing; a newer export replaces the records whose rows
    changed. Rows that cannot be read are listed in `skipped` with their line. Needs
    `X-API-Key` when the server sets a key.
    """
    media = (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    suffix = MEDIA_SUFFIXES.get(media)
    if suffix is None:
        raise ApiProblem(415, "Send the file with its media type: " + ", ".join(MEDIA_SUFFIXES)
                         + ".", slug="unsupported-media-type")
    with tempfile.TemporaryDirectory(prefix="conflictgraph-upload-") as folder:
        path = await _save_body(request, settings.max_dataset_bytes, Path(folder), suffix)
        gazetteer = get_gazetteer(settings.gazetteer_path)

        def ingest() -> DatasetSummary:
            with runtime.ingest_lock:
                ingestor = DatasetIngestor(store, gazetteer, version=version or "upload")
                return ingestor.ingest_file(path, format, label="upload")

        summary = await run_in_threadpool(ingest)
    if summary.error is not None:
        raise ApiProblem(
            503, "The graph store failed while storing the file; records before "
                 "'stored_until' are stored. Re-sending the file is safe.",
            slug="store-unavailable", headers={"Retry-After": "5"},
            stored_until=summary.stored_until, records=summary.records)
    if summary.files == 0 or summary.rows == 0:
        reasons = "; ".join(s.reason for s in summary.skipped[:3]) or "no data rows"
        raise ApiProblem(422, f"No {format.value} rows could be read from the file ({reasons}).",
                         slug="no-dataset-rows")
    if not (summary.created or summary.updated or summary.retracted):
        response.status_code = 200
    return summary
