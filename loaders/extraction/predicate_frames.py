"""The frames stage: each predicate and the tokens that fill its roles, in one matcher pass.

``rules/frames.jsonl`` holds spaCy ``DependencyMatcher`` patterns; each names
the roles (``types.Role``) some of its nodes fill for its node ``predicate``
("active-subject": the ``nsubj`` of a verb is its AGENT). The packaged file and
the user's frame patterns (``CONFLICTGRAPH_RULES``) are compiled once per
vocabulary, and ``frames_of`` runs them once over a document: every match adds
a ``Filler`` (role, token, pattern id) to its predicate's ``Frame``. spaCy's
``DependencyMatcher`` validates every pattern (``rulefiles.read_frames``); a
pattern made of ``>`` and ``<`` relations over DEP, TAG, LOWER and ORTH (every
packaged one) is matched by walking the parse from its rarest node over
integer arrays, which finds what the ``DependencyMatcher`` finds at a fifth of
its cost (it computes every candidate token's ancestors for every pattern);
any other pattern runs in a ``DependencyMatcher``. A filler is a head token;
the actors it denotes (coordination, appositions, possessives, "Iran-backed",
"along with", relative pronouns) are found by the resolution stage
(``arguments.Resolver``), in one place for every pattern.

The verb readings (``Constructions.read_verb``, ``subjects_of``, and those of
the ``frames``, ``news``, ``statements``, ``mediation`` and ``events`` families)
take the subject, the passive subject, the direct object, the dative, the
by-agent, the beneficiary and the objects of the prepositions they name from
the frame; the noun readings take a noun's prepositional arguments ("the
transfer of drones to Russia", "between A and B") from the noun's frame
(``nominal-prep-object``). Where a reading needs one syntactic realisation of
a role rather than every pattern's (an active subject, not a by-agent), it asks
for the pattern by id: those ids are ``READ_PATTERNS``, and ``conflictgraph
rules check`` reports any the files no longer define. Prepositional objects and
beneficiaries are read from every pattern that yields them, so a user's pattern
can add some.

Parser repairs that touch frames stay code, named: ``misread_verb_frame`` (a verb
tagged as a preposition or adverb gets a verb's subject and object).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...config import get_settings
from .rulefiles import load_frames
from .types import Filler, Frame, Role

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.matcher import DependencyMatcher
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

__all__ = [
    "ACTIVE_SUBJECT",
    "DATIVE_RECIPIENT",
    "DIRECT_OBJECT",
    "PASSIVE_SUBJECT",
    "READ_PATTERNS",
    "Frames",
    "frames_of",
    "matches",
    "misread_verb_frame",
]

# The patterns the verb readings ask for by id (rules/frames.jsonl).
ACTIVE_SUBJECT = "active-subject"
PASSIVE_SUBJECT = "passive-subject"
DIRECT_OBJECT = "direct-object"
DATIVE_RECIPIENT = "dative-recipient"
READ_PATTERNS = (ACTIVE_SUBJECT, PASSIVE_SUBJECT, DIRECT_OBJECT, DATIVE_RECIPIENT)

# The token attributes the tree walk reads, as columns of ``Doc.to_array``.
_COLUMNS = ("DEP", "TAG", "LOWER", "ORTH")


class _Check:
    """One attribute's condition as the DependencyMatcher reads it (equal, IN, NOT_IN,
    REGEX searched), evaluated once per distinct string (by its hash) and remembered."""

    def __init__(self, column: int, value: str | dict[str, Any]) -> None:
        self.column = column
        self.value = value
        self.known: dict[int, bool] = {}
        if isinstance(value, str):
            self.listed: frozenset[str] | None = frozenset([value])
            self.unlisted: frozenset[str] = frozenset()
            self.regex: re.Pattern[str] | None = None
        else:
            self.listed = frozenset(value["IN"]) if "IN" in value else None
            self.unlisted = frozenset(value.get("NOT_IN", ()))
            self.regex = re.compile(value["REGEX"]) if "REGEX" in value else None

    @staticmethod
    def readable(attr: str, value: Any) -> bool:
        """Whether the walk can evaluate this condition (else spaCy's matcher runs the pattern)."""
        if attr not in _COLUMNS:
            return False
        if isinstance(value, str):
            return True
        return isinstance(value, dict) and bool(value) and not set(value) - {"IN", "NOT_IN", "REGEX"}

    def __call__(self, hashed: int, strings: StringStore) -> bool:
        known = self.known.get(hashed)
        if known is None:
            text = strings[hashed]
            known = self.known[hashed] = (
                (self.listed is None or text in self.listed)
                and text not in self.unlisted
                and (self.regex is None or self.regex.search(text) is not None)
            )
        return known


@dataclass(frozen=True)
class _Step:
    """Binding one more node from one already bound: its position, the bound node's
    position, whether the new node is the bound one's head (else one of its children), and
    the new node's conditions."""

    node: int
    via: int
    up: bool
    checks: tuple[_Check, ...]


def _labels(dep: Any) -> tuple[str, ...]:
    """The dependency labels a node's DEP admits when it lists them (a label or IN)."""
    if isinstance(dep, str):
        return (dep,)
    if isinstance(dep, dict) and set(dep) == {"IN"} and isinstance(dep["IN"], list):
        return tuple(dict.fromkeys(dep["IN"]))
    return ()


@dataclass(frozen=True)
class _Walk:
    """A pattern matched by walking the tree from its entry node (one whose DEP lists its
    labels) to the other nodes, one parent-child relation at a time."""

    key: int
    entry: int
    entry_deps: tuple[str, ...]  # its dependency labels: the tokens to start from
    entry_checks: tuple[_Check, ...]  # its other conditions
    steps: tuple[_Step, ...]
    size: int


def _walk(key: int, pattern: tuple[dict[str, Any], ...]) -> _Walk | None:
    """The tree walk for a pattern whose relations are all ``>`` and ``<`` and whose nodes
    read DEP, TAG, LOWER or ORTH; None for any other (spaCy's DependencyMatcher runs those)."""
    names = [node["RIGHT_ID"] for node in pattern]
    attrs = [node.get("RIGHT_ATTRS", {}) for node in pattern]
    if not all(_Check.readable(attr, value) for node in attrs for attr, value in node.items()):
        return None
    # (parent, child) positions of each relation: "A > B" B is a child of A, "A < B" A of B.
    edges: list[tuple[int, int]] = []
    for position, node in enumerate(pattern[1:], 1):
        left = names.index(node["LEFT_ID"])
        if node["REL_OP"] == ">":
            edges.append((left, position))
        elif node["REL_OP"] == "<":
            edges.append((position, left))
        else:
            return None
    labels = [_labels(node.get("DEP")) for node in attrs]
    entries = [i for i, listed in enumerate(labels) if listed]
    if not entries:
        return None
    # The node with the fewest labels, the last of those (a role node: rarer than the predicate).
    entry = min(reversed(entries), key=lambda i: len(labels[i]))

    def checks(position: int, skip: str | None = None) -> tuple[_Check, ...]:
        return tuple(_Check(_COLUMNS.index(attr), value)
                     for attr, value in attrs[position].items() if attr != skip)

    bound = {entry}
    steps: list[_Step] = []
    while len(bound) < len(pattern):
        for parent, child in edges:
            if (parent in bound) != (child in bound):
                new, via = (parent, child) if child in bound else (child, parent)
                steps.append(_Step(new, via, new == parent, checks(new)))
                bound.add(new)
                break
        else:  # pragma: no cover - a DependencyMatcher pattern is one tree
            return None
    return _Walk(key, entry, labels[entry], checks(entry, "DEP"), tuple(steps), len(pattern))


class _Tree:
    """One document's parse as plain integers: attribute hashes, heads and children."""

    def __init__(self, doc: Doc, read: frozenset[str]) -> None:
        from spacy.attrs import DEP, HEAD, LOWER, ORTH, TAG

        # DEP, TAG, LOWER, ORTH: each read only when a pattern reads it.
        ids = dict(zip(_COLUMNS, (DEP, TAG, LOWER, ORTH), strict=True))
        self.columns = [doc.to_array(ids[name]).tolist() if name in read else [] for name in _COLUMNS]
        # HEAD is the offset to the head, stored unsigned: read it as signed.
        offsets = doc.to_array([HEAD]).astype("int64").tolist()
        self.heads = [i + offset for i, offset in enumerate(offsets)]
        self.children: list[list[int]] = [[] for _ in offsets]
        for i, head in enumerate(self.heads):
            if head != i:
                self.children[head].append(i)
        self.strings = doc.vocab.strings

    def passes(self, i: int, checks: tuple[_Check, ...]) -> bool:
        for check in checks:  # noqa: SIM110 - a loop, not all() over a generator: the hot path
            if not check(self.columns[check.column][i], self.strings):
                return False
        return True

    def bindings(self, walk: _Walk, start: int) -> list[list[int]]:
        """Every binding of the walk's nodes with ``start`` at its entry."""
        if not self.passes(start, walk.entry_checks):
            return []
        partial = [[-1] * walk.size]
        partial[0][walk.entry] = start
        for step in walk.steps:
            grown = []
            for bound in partial:
                via = bound[step.via]
                head = self.heads[via]
                candidates = ([head] if head != via else []) if step.up else self.children[via]
                for candidate in candidates:
                    if self.passes(candidate, step.checks):
                        grown.append([*bound[: step.node], candidate, *bound[step.node + 1 :]])
            if not grown:
                return []
            partial = grown
        return partial


# Per pattern key: its id, the (node position, role) pairs it fills, and the roles its
# prepositions give the objects among those nodes.
_Roles = dict[int, tuple[str, tuple[tuple[int, Role], ...], dict[str, Role]]]


@dataclass(frozen=True)
class _Compiled:
    """The frame patterns: those the tree walk runs, and a DependencyMatcher for the rest."""

    walks: tuple[_Walk, ...]
    rest: DependencyMatcher | None
    roles: _Roles
    read: frozenset[str]  # the attributes the walks read (DEP always: the entries)


@lru_cache(maxsize=4)
def _compiled(vocab: Vocab, user: Path | None) -> _Compiled:
    """The frame patterns, compiled once per vocabulary (RuleError if a file is broken)."""
    from spacy.matcher import DependencyMatcher

    rest = DependencyMatcher(vocab)
    walks: list[_Walk] = []
    roles: _Roles = {}
    for pattern in load_frames(user, READ_PATTERNS):
        key = vocab.strings.add(pattern.id)
        walk = _walk(key, pattern.pattern)
        if walk is None:
            rest.add(pattern.id, [list(pattern.pattern)])
        else:
            walks.append(walk)
        nodes = [node["RIGHT_ID"] for node in pattern.pattern]
        roles[key] = (
            pattern.id,
            tuple((nodes.index(node), role) for node, role in pattern.roles),
            dict(pattern.preps),
        )
    read = frozenset({"DEP"}) | {
        _COLUMNS[check.column]
        for walk in walks
        for check in (*walk.entry_checks, *(c for step in walk.steps for c in step.checks))
    }
    return _Compiled(tuple(walks), rest if len(rest) else None, roles, read)


def matches(doc: Doc) -> list[tuple[int, list[int]]]:
    """Every match of the frame patterns in the document, as spaCy's DependencyMatcher gives
    them: (pattern key, token index per pattern node), in no particular order."""
    compiled = _compiled(doc.vocab, get_settings().rules_path)
    found: list[tuple[int, list[int]]] = []
    if compiled.walks:
        tree = _Tree(doc, compiled.read)
        by_dep: dict[int, list[int]] = {}
        for i, dep in enumerate(tree.columns[0]):
            by_dep.setdefault(dep, []).append(i)
        strings = doc.vocab.strings
        for walk in compiled.walks:
            for label in walk.entry_deps:
                for i in by_dep.get(strings[label], ()):
                    found.extend((walk.key, ids) for ids in tree.bindings(walk, i))
    if compiled.rest is not None:
        found.extend((key, list(ids)) for key, ids in compiled.rest(doc))
    return found


def _prep_of(token: Token) -> Token | None:
    return token.head if token.dep_ == "pobj" else None


def _order(filler: Filler) -> tuple[int, int]:
    """Document order, a preposition's objects at the place of the preposition."""
    return (filler.prep.i if filler.prep is not None else filler.token.i, filler.token.i)


# Tags the tagger gives some verbs it misreads ("Turkey and Qatar back the GNA": back/IN).
_MISREAD_VERB_TAGS = frozenset({"IN", "RB", "RBR", "RBS", "RP"})


def misread_verb_frame(token: Token) -> Frame:
    """Parser repair: a verb the tagger read as a preposition, adverb or particle, with a
    verb's subject and object ("Turkey and Qatar back the GNA", back/IN, nsubj Turkey, dobj
    GNA). The subject and object patterns' predicates are verbs, so none of them matched
    it; its ``nsubj`` and ``dobj`` children are what ``active-subject`` and
    ``direct-object`` would have read (``news.misparsed_verb`` reads it as the verb it is).
    ``Frames`` adds them to the fillers of any pattern that did match it."""
    fillers = [
        Filler(Role.AGENT, child, ACTIVE_SUBJECT) if child.dep_ == "nsubj"
        else Filler(Role.PATIENT, child, DIRECT_OBJECT)
        for child in token.children
        if child.dep_ in ("nsubj", "dobj")
    ]
    return Frame(token, tuple(fillers))


class Frames:
    """The frames of one document, by predicate, each built when first asked for."""

    def __init__(
        self, tokens: Sequence[Token], roles: _Roles, matched: dict[int, list[tuple[int, list[int]]]]
    ) -> None:
        self._tokens = tokens
        self._roles = roles
        self._matched = matched
        self._frames: dict[int, Frame] = {}

    def __getitem__(self, predicate: Token) -> Frame:
        """The predicate's frame (one with no fillers when no pattern matched it; for a verb
        the tagger misread, ``misread_verb_frame``'s fillers with those of any pattern that
        matched it)."""
        frame = self._frames.get(predicate.i)
        if frame is None:
            frame = self._frames[predicate.i] = self._build(predicate)
        return frame

    def __len__(self) -> int:
        """The number of predicates some pattern matched."""
        return len(self._matched)

    def _build(self, predicate: Token) -> Frame:
        matched = self._matched.get(predicate.i)
        misread = predicate.tag_ in _MISREAD_VERB_TAGS
        if matched is None:
            return misread_verb_frame(predicate) if misread else Frame(predicate)
        tokens = self._tokens
        fillers: dict[tuple[Role, int, str], Filler] = {}
        if misread:  # a verb the tagger misread: its subject and object, and what else matched
            for filler in misread_verb_frame(predicate).fillers:
                fillers[(filler.role, filler.token.i, filler.rule)] = filler
        for key, token_ids in matched:
            pattern_id, fills, by_prep = self._roles[key]
            for position, role in fills:
                token = tokens[token_ids[position]]
                prep = _prep_of(token)
                fillers.setdefault((role, token.i, pattern_id), Filler(role, token, pattern_id, prep))
                also = by_prep.get(prep.lower_) if prep is not None else None
                if also is not None:
                    fillers.setdefault((also, token.i, pattern_id), Filler(also, token, pattern_id, prep))
        return Frame(predicate, tuple(sorted(fillers.values(), key=_order)))


def frames_of(doc: Doc, tokens: Sequence[Token] | None = None) -> Frames:
    """Every predicate's frame, from one pass of the frame patterns over the document
    (``tokens``: the document's Token objects, when the caller holds them already)."""
    roles = _compiled(doc.vocab, get_settings().rules_path).roles
    matched: dict[int, list[tuple[int, list[int]]]] = {}
    for key, token_ids in matches(doc):
        matched.setdefault(token_ids[0], []).append((key, token_ids))
    return Frames(list(doc) if tokens is None else tokens, roles, matched)
