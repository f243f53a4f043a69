"""Extraction: articles in, actors and sentence-level claims out.

``get_extractor()`` returns the one process-wide extractor (the spaCy model and
the gazetteer matcher are loaded once, on first use).

The modules form layers. A module imports only modules of its own layer or of
a lower one, never a higher one (not even inside a function or under
``TYPE_CHECKING``), imports only names in the other module's ``__all__``, and
the import graph has no cycles; ``tests/test_extraction_layers.py`` holds the
layer map and checks all of this. Lowest first:

1. foundation: ``types`` (the values the stages hand each other: ``Sense``,
   ``Ref``, ``Mention``, ``Arg``, ``Frame``, ``Found``), ``rulefiles`` (reading and
   checking the rule files in ``rules/``), ``lexicon`` (word tables, built from them),
   ``lemmas`` (verb and noun lemmas from the model's lemmatizer data),
   ``tree`` (parse-tree helpers), ``modality`` (negation, hedges), ``domain``
   (people, places, games), ``boilerplate``, ``chunks``, ``nlp``, ``base``.
2. mentions: ``mentions`` (gazetteer and NER spans, and which actor each is).
3. resolution: ``coref`` (descriptions and pronouns), ``speaker`` (who "we"
   is), ``titles`` (leaders named by title chains).
4. frames: ``predicate_frames`` (each predicate's roles, from the
   ``DependencyMatcher`` patterns of ``rules/frames.jsonl`` run once per
   document), ``arguments`` (the generic argument layer: a head token to the
   actors it denotes), ``context`` (the ``ConstructionContext`` protocol the
   construction families read a sentence through), and the families
   ``frames``, ``news``, ``mediation``, ``statements``, ``events``.
5. claims: ``anchors`` (the constructions' anchors, ``rules/anchors.jsonl``, as
   one spaCy ``Matcher`` run once per document), ``constructions`` (every
   construction over a sentence, tried on the tokens its anchor matched; it
   implements ``ConstructionContext`` and passes itself to the families),
   ``coordination`` and ``tenure`` (what the found relations distribute over,
   and ended leadership).
6. extractor: ``selective`` (asked for with ``parse_all=False``: spaCy in two passes,
   tokens, sentences, entities and gazetteer matches everywhere, tags and dependencies
   only where a sentence can hold a claim; by default every sentence is parsed) and
   ``spacy_extractor`` (that parse per article, then the stages in order, and the
   article's actors and claims).

A lower stage that needs something of a higher one takes it as an argument
(``ConstructionContext``) or returns data the higher one acts on
(``titles.title_chain`` returns pairs, ``Constructions`` emits them).
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

    settings = get_settings()
    gazetteer = get_gazetteer(settings.gazetteer_path)
    return SpacyExtractor(load_model(), gazetteer, parse_all=settings.parse_all)
