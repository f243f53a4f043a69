"""Parsing only the sentences that can hold a claim.

A claim needs two actors in one sentence: two names, or a name and a word that
coreference, a title or an office may turn into one ("they", "the group", "the
army", "the president", "both sides"). Most sentences of a news article have
fewer, and the tagger and parser (with the shared ``tok2vec`` they listen to)
are about half of spaCy's time. So an article is read in two passes:

1. everything: the tokenizer, the sentence recognizer (``senter``, a small
   model of its own, a few per cent of a full parse), the paragraph-break
   rule and NER (which has its own ``tok2vec`` in the small English models);
   then the gazetteer's matches and the reference words give each sentence its
   actor candidates;
2. the chosen sentences only: runs of consecutive chosen sentences, each with
   the sentence before it (parsed alone, a sentence's start can come out
   differently) and the named sentences coreference reads its antecedents in,
   become one Doc each, and ``tok2vec``, the tagger and the parser run on
   those. Inside a run the parser places the sentence breaks, as in a full
   parse.

The tags, heads and dependencies are written back into the article's Doc, so
every later stage reads one Doc over the whole text. A sentence outside every
run keeps the recognizer's boundaries and has no tags and no dependencies;
``parsed`` tells the extractor which sentences have a parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, TypeVar, cast

import numpy
from spacy.attrs import DEP, HEAD, LOWER, SENT_START, TAG
from spacy.tokens import Doc, Span

from ..gazetteer import Gazetteer
from .coref import ARMY_WORDS, DESCRIPTOR_NOUNS, FIGHTER_WORDS, GROUP_WORDS, PLURAL_GROUP_WORDS
from .lexicon import (
    COLLECTIVE_NOUNS,
    GENERIC_GROUP_NOUNS,
    GOVERNMENT_NOUNS,
    PEACE_NOUNS,
    PERSON_ROLE_NOUNS,
    TALK_NOUNS,
)
from .mediation import ANCHOR_WORDS, MEDIATION_ACTS
from .mentions import NER_LABELS, remember_matches
from .nlp import PARAGRAPH_PIPE

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.language import Language
    from thinc.types import Ints2d

__all__ = ["BACKWARD_WORDS", "REFERENCE_WORDS", "SelectiveParseUnavailable", "SelectiveParser", "parsed"]

T = TypeVar("T")

# Words that may stand for an actor without naming it. Backward references are resolved
# from the sentences before them (coreference: "they", "the group", "the rebels", "the
# army", "both sides"); the others name an actor of their own ("the president", "a
# spokesman", "the government"). Generous on purpose: a word too many costs one sentence's
# parse, a word too few a claim.
_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves", "it", "its", "itself"})
_FIRST_PERSON = frozenset({"we", "us", "our", "ours", "ourselves", "i", "me", "my"})
_BACKWARD = (
    _PRONOUNS
    | ARMY_WORDS
    | DESCRIPTOR_NOUNS
    | FIGHTER_WORDS
    | GROUP_WORDS
    | PLURAL_GROUP_WORDS
    | COLLECTIVE_NOUNS
    | GENERIC_GROUP_NOUNS
    | GOVERNMENT_NOUNS
    | {"forces", "troops", "soldiers", "junta", "putschists", "regime", "both"}
)
# A mediator's act with no parties named ("grateful to France for facilitating this
# agreement") is between the article's fighting pair: talks, truces and deals stand for them.
_ARTICLE_PARTIES = (
    TALK_NOUNS
    | PEACE_NOUNS
    | MEDIATION_ACTS
    | ANCHOR_WORDS["MEDIATOR_ROLE_WORDS"]
    | ANCHOR_WORDS["PEACEMAKING_NOUNS"]
    | {"peace", "initiative", "initiatives", "summit", "de-escalation", "settlement"}
)
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "and", "of", "in", "for", "on", "to", "'s", "’s", "with", "at", "by"}
)


def _reference_words(offices: Iterable[str]) -> frozenset[str]:
    """Every reference word: the backward ones, the article's parties, people's roles and the
    heads of offices."""
    words = set(_BACKWARD | _ARTICLE_PARTIES | PERSON_ROLE_NOUNS)
    words.update(office.split()[-1].lower() for office in offices if office.strip())
    return frozenset(words - _FUNCTION_WORDS)


REFERENCE_WORDS = _reference_words(())
BACKWARD_WORDS = frozenset(_BACKWARD - _FUNCTION_WORDS)
# Sentences before a chosen one with a backward reference that are parsed with it, when they
# name an actor: coreference reads antecedents (coordinations, subjects, armies) there.
CONTEXT_SENTENCES = 2
# A run of chosen sentences longer than this is cut: the parser's memory stays one run's.
MAX_RUN_TOKENS = 5_000
_FRONT = ("senter", PARAGRAPH_PIPE, "ner")
_BACK = ("tok2vec", "tagger", PARAGRAPH_PIPE, "parser")
_PARSE_ATTRS: list[int | str] = [TAG, HEAD, DEP]


class SelectiveParseUnavailable(RuntimeError):
    """The model lacks a pipe the selective parse runs (``senter``, ``ner``, ``tok2vec``,
    ``tagger``, ``parser``); parse every sentence instead."""


def parsed(sent: Span) -> bool:
    """Whether the sentence has a dependency parse (every parsed token has a label)."""
    return any(token.dep != 0 for token in sent)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class SelectiveParser:
    """Runs ``nlp``'s pipes in two passes over texts: everything cheap, then the parse of the
    sentences that can hold a claim."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, *, batch_size: int = 16) -> None:
        missing = [name for name in (*_FRONT, *_BACK) if name not in nlp.component_names]
        if missing:
            raise SelectiveParseUnavailable(
                f"the spaCy model has no {', '.join(missing)} pipe: set CONFLICTGRAPH_PARSE_ALL=1"
            )
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.batch_size = batch_size
        self.first_pass = [nlp.get_pipe(name) for name in _FRONT]
        self.second_pass = [nlp.get_pipe(name) for name in _BACK]
        self.references = _reference_words(gazetteer.offices())
        strings = nlp.vocab.strings
        self.reference_keys = numpy.array(sorted(strings.add(w) for w in self.references), dtype="uint64")
        self.first_person_keys = numpy.array(
            sorted(strings.add(w) for w in self.references | _FIRST_PERSON), dtype="uint64"
        )
        self.backward_keys = frozenset(strings.add(w) for w in BACKWARD_WORDS)
        self._placeholder = strings.add("dep")

    # -- whole texts ---------------------------------------------------------
    def pipe(self, items: Iterable[tuple[str, bool, T]]) -> Iterator[tuple[Doc, T]]:
        """(text, whether it has a speaker, context) in, (parsed Doc, context) out."""
        for batch in _batches(items, self.batch_size):
            docs = self._front([self.nlp.make_doc(text) for text, _, _ in batch])
            self.parse_chosen(docs, [speaker for _, speaker, _ in batch])
            yield from zip(docs, (context for _, _, context in batch), strict=True)

    def __call__(self, text: str, *, speaker: bool = False) -> Doc:
        (doc,) = self._front([self.nlp.make_doc(text)])
        self.parse_chosen([doc], [speaker])
        return doc

    def first(self, text: str) -> Doc:
        """The first pass alone (sentences, paragraph breaks, entities): no parse yet."""
        return self._front([self.nlp.make_doc(text)])[0]

    def _front(self, docs: list[Doc]) -> list[Doc]:
        return _run(self.first_pass, docs, self.batch_size)

    # -- the parse ----------------------------------------------------------
    def parse_chosen(self, docs: Sequence[Doc], speakers: Sequence[bool]) -> None:
        """Parse the chosen sentences of first-pass Docs, in place."""
        runs = [self.runs(doc, speaker=speaker) for doc, speaker in zip(docs, speakers, strict=True)]
        subs: list[Doc] = []
        for doc, spans in zip(docs, runs, strict=True):
            for start, end in spans:
                sub = doc[start:end].as_doc()
                starts = numpy.zeros((len(sub), 1), dtype="uint64")
                starts[0, 0] = 1
                _write(sub, [SENT_START], starts)  # the parser places the breaks inside a run
                subs.append(sub)
        parsed_subs = iter(_run(self.second_pass, subs, self.batch_size))
        for doc, spans in zip(docs, runs, strict=True):
            if not len(doc):
                continue
            arr = numpy.zeros((len(doc), len(_PARSE_ATTRS)), dtype="uint64")
            sent_starts = doc.to_array([SENT_START])
            for start, end in spans:
                sub = next(parsed_subs)
                arr[start:end] = sub.to_array(_PARSE_ATTRS)
                sent_starts[start:end] = sub.to_array([SENT_START])
            if not spans:
                # No parse to write; a label on one token still makes spaCy lay out the tree
                # (every token its own root, children and edges empty), so walks over an
                # unparsed Doc (``subtree``, ``children``) stay inside it. The label goes again.
                arr[0, _PARSE_ATTRS.index(DEP)] = self._placeholder
            _write(doc, _PARSE_ATTRS, arr)
            if not spans:
                _write(doc, [DEP], numpy.zeros((len(doc), 1), dtype="uint64"))
            _write(doc, [SENT_START], sent_starts)

    def runs(self, doc: Doc, *, speaker: bool = False) -> list[tuple[int, int]]:
        """Token ranges to parse: each chosen sentence, with the sentences before it that name
        an actor when it holds a backward reference; consecutive ones joined, none longer than
        ``MAX_RUN_TOKENS``. ``speaker``: the text has a speaker its "we" and "I" stand for."""
        sents = list(doc.sents)
        named, references, backward = self.candidates(doc, sents, speaker=speaker)
        wanted = [False] * len(sents)
        for i in range(len(sents)):
            if named[i] + references[i] < 2:
                continue
            wanted[i] = True
            if i > 0:
                wanted[i - 1] = True  # the parser places the break before it, as in a full parse
            if backward[i]:
                for j in range(max(0, i - CONTEXT_SENTENCES), i):
                    wanted[j] = wanted[j] or named[j] > 0
        out: list[tuple[int, int]] = []
        for sent, keep in zip(sents, wanted, strict=True):
            if not keep:
                continue
            if out and out[-1][1] == sent.start and sent.end - out[-1][0] <= MAX_RUN_TOKENS:
                out[-1] = (out[-1][0], sent.end)
            else:
                out.append((sent.start, sent.end))
        return out

    def candidates(
        self, doc: Doc, sents: Sequence[Span], *, speaker: bool = False
    ) -> tuple[list[int], list[int], list[bool]]:
        """Per sentence: the names in it (gazetteer matches, nested ones too, and NER
        entities), its reference words, and whether one of them refers back."""
        named = [0] * len(sents)
        references = [0] * len(sents)
        backward = [False] * len(sents)
        firsts = numpy.zeros(len(doc), dtype="int64")
        firsts[[sent.start for sent in sents[1:]]] = 1
        sent_of = numpy.cumsum(firsts).tolist()  # token -> its sentence's index
        longest, nested = self.gazetteer.match_all(doc)
        remember_matches(doc, self.gazetteer, (longest, nested))
        covered = [False] * len(doc)
        for match in (*longest, *nested):
            named[sent_of[match.start]] += 1
            for i in range(match.start, match.end):
                covered[i] = True
        for ent in doc.ents:
            if ent.label_ in NER_LABELS and not any(covered[ent.start : ent.end]):
                named[sent_of[ent.start]] += 1
        lowers = doc.to_array(LOWER)
        words = self.first_person_keys if speaker else self.reference_keys
        for i in numpy.flatnonzero(numpy.isin(lowers, words)).tolist():
            if not covered[i]:
                index = sent_of[i]
                references[index] += 1
                backward[index] = backward[index] or int(lowers[i]) in self.backward_keys
        return named, references, backward


def _write(doc: Doc, attrs: list[int | str], array: object) -> None:
    doc.from_array(attrs, cast("Ints2d", array))


def _run(pipes: Sequence[Callable[[Doc], Doc]], docs: list[Doc], batch_size: int) -> list[Doc]:
    for proc in pipes:
        many = getattr(proc, "pipe", None)
        docs = list(many(docs, batch_size=batch_size)) if many is not None else [proc(doc) for doc in docs]
    return docs
