"""Structured conflict datasets (ACLED, UCDP GED and ESD, GDELT 2.0 events, POLECAT) as claims.

``DatasetIngestor`` streams files of any size into a store; see docs/datasets.md for
the formats, the mapping tables and the provenance each claim carries.
"""

from __future__ import annotations

from ...graph.model import Dataset, MatchReason
from .actors import ActorMatch, ActorResolver
from .formats import FormatError, detect_format
from .loader import DatasetIngestor, DatasetSummary, record_article_id
from .streams import DatasetFileError
from .tables import MappingError, get_mappings

__all__ = [
    "ActorMatch",
    "ActorResolver",
    "Dataset",
    "DatasetFileError",
    "DatasetIngestor",
    "DatasetSummary",
    "FormatError",
    "MappingError",
    "MatchReason",
    "detect_format",
    "get_mappings",
    "record_article_id",
]
