"""Coordination that changes what a sentence's relations distribute over.

The constructions multiply claims over every conjunct on either side. Four
coordinations state less than that, and this pass filters (or repairs) the
relations one sentence yielded:

* "neither X nor Y": "Neither Egypt nor Qatar supports Hamas", "Israel has
  neither attacked nor threatened Egypt" state no relation of the verb the
  pair belongs to (a later verb joined by "and instead" still counts: the
  annotation guide's "neither ... have made commitments ... and instead have
  redoubled combat operations");
* "X, not Y," and "X but not Y": the negated conjunct takes no part;
* "respectively": "Russia and Iran back A and B respectively" pairs the sides
  in order (unequal lists: no claim);
* a second clause the parser folded into the first one's object: "Rwanda backs
  the M23 and Burundi supports the army" (Burundi read as a second object of
  "backs", "supports" left without a subject): Burundi is the subject of the
  second verb, and no object of the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .types import Arg, Found

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Span, Token

    from .arguments import Resolver

__all__ = ["distribute"]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_NOMINAL_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS"})


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _arg_root(arg: Arg, sent: Span) -> Token | None:
    doc = sent.doc
    if not (sent.start <= arg.start < arg.end <= sent.end):
        return None
    return doc[arg.start : arg.end].root


def _neither_nor(root: Token) -> Token | None:
    """The verb whose "neither X nor Y" pair ``root`` belongs to, if it is one."""
    first = _first_conjunct(root)
    marked = any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children) or any(
        c.dep_ == "cc" and c.lower_ == "nor" for c in first.children
    )
    if not marked or first.head.i == first.i:
        return None
    return first.head


def _governs_without_conj(verb: Token, trigger: Token) -> bool:
    """``trigger`` is ``verb`` or hangs under it by links other than a conjoined clause."""
    node = trigger
    for _ in range(8):
        if node.i == verb.i:
            return True
        if node.dep_ == "conj" or node.head.i == node.i:
            return False
        node = node.head
    return False


def _negated_verb(trigger: Token) -> bool:
    """ "neither attacked nor threatened Y": the pair of verbs is negated."""
    first = _first_conjunct(trigger) if trigger.tag_.startswith("VB") else trigger
    return any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children) and any(
        c.dep_ == "cc" and c.lower_ == "nor" for c in first.children
    )


def _excluded(root: Token) -> bool:
    """ "Iran, not Russia," / "Iran but not Russia": the negated conjunct."""
    if root.dep_ not in ("appos", "conj"):
        return False
    head = root.head
    between = range(min(head.i, root.i) + 1, root.i)
    if any(c.dep_ == "neg" and c.i in between for c in head.children):
        return True
    return any(c.dep_ == "neg" and c.i < root.i for c in root.children)


def _negated(item: Found, sent: Span) -> bool:
    if item.trigger.tag_.startswith("VB") and _negated_verb(item.trigger):
        return True
    for arg in (item.subject, item.object):
        root = _arg_root(arg, sent)
        if root is None:
            continue
        if _excluded(root):
            return True
        verb = _neither_nor(root)
        if verb is not None and _governs_without_conj(verb, item.trigger):
            return True
    return False


def _respectively(items: list[Found]) -> list[Found]:
    """Pairs sides in order when the sentence says "respectively"."""
    subjects = sorted({i.subject.start for i in items})
    objects = sorted({i.object.start for i in items})
    if len(subjects) < 2 or len(objects) < 2:
        return items
    if len(subjects) != len(objects):
        return []
    return [i for i in items if subjects.index(i.subject.start) == objects.index(i.object.start)]


def _folded_subject(verb: Token) -> Token | None:
    """ "backs the M23 and Burundi supports the army": the noun before a conjoined verb
    that has no subject, when the parser made it a conjunct of the first verb's object."""
    if verb.dep_ != "conj" or not verb.tag_.startswith("VB") or verb.i == 0:
        return None
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "conj" or noun.tag_ not in _NOMINAL_TAGS:
        return None
    first = _first_conjunct(noun)
    if first.dep_ != "dobj" or first.head.i != verb.head.i:
        return None
    return noun


def distribute(items: Iterable[Found], sent: Span, resolver: Resolver) -> Iterator[Found]:
    """The relations of one sentence, with the coordinations above read as they are meant."""
    kept = [item for item in items if not _negated(item, sent)]
    if any(t.lower_ == "respectively" for t in sent):
        by_trigger: dict[int, list[Found]] = {}
        for item in kept:
            by_trigger.setdefault(item.trigger.i, []).append(item)
        kept = [i for group in by_trigger.values() for i in _respectively(group)]
    folded: dict[int, Token] = {}
    for item in kept:
        noun = item.trigger if item.trigger.tag_.startswith("VB") else None
        if noun is not None and item.trigger.i not in folded:
            subject = _folded_subject(item.trigger)
            if subject is not None:
                folded[item.trigger.i] = subject
    if not folded:
        yield from kept
        return
    moved = {noun.i for noun in folded.values()}
    first_verbs = {sent.doc[i].head.i for i in folded}
    done: set[tuple[int, str]] = set()
    for item in kept:
        subject_noun = folded.get(item.trigger.i)
        if item.trigger.i in first_verbs:
            root = _arg_root(item.object, sent)
            if root is not None and root.i in moved:
                continue  # "Burundi" is no object of "backs"
        if subject_noun is None:
            yield item
            continue
        root = _arg_root(item.subject, sent)
        if root is not None and root.i == subject_noun.i:
            yield item
            continue
        key = (item.trigger.i, item.object.key)
        if key in done:
            continue
        done.add(key)
        for arg in resolver.resolve(subject_noun):
            yield replace(item, subject=arg)
