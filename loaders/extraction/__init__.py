"""Extraction: articles in, actors and sentence-level claims out.

``get_extractor()`` returns the one process-wide extractor (the spaCy model and
the gazetteer matcher are loaded once, on first use).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .base import Extractor

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .spacy_extractor import SpacyExtractor

__all__ = ["Extractor", "get_extractor"]


@lru_cache(maxsize=1)
def get_extractor() -> SpacyExtractor:
    """The rule-based spaCy extractor with the packaged and user gazetteers."""
    from ...config import get_settings
    from ..gazetteer import get_gazetteer
    from .nlp import load_model
    from .spacy_extractor import SpacyExtractor

    gazetteer = get_gazetteer(get_settings().gazetteer_path)
    return SpacyExtractor(load_model(), gazetteer)
