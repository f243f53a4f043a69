"""The frames stage: each predicate and the tokens that fill its roles, in one matcher pass.

``rules/frames.jsonl`` holds spaCy ``DependencyMatcher`` patterns; each names
the roles (``types.Role``) some of its nodes fill for its node ``predicate``
("active-subject": the ``nsubj`` of a verb is its AGENT). The packaged file and
the user's frame patterns (``CONFLICTGRAPH_RULES``) are compiled into one
``DependencyMatcher`` per vocabulary, and ``frames_of`` runs it once over a
document: every match adds a ``Filler`` (role, token, pattern id) to its
predicate's ``Frame``. A filler is a head token; the actors it denotes
(coordination, appositions, possessives, "Iran-backed", "along with", relative
pronouns) are found by the resolution stage (``arguments.Resolver``), in one
place for every pattern.

The verb readings (``Constructions.read_verb``, ``subjects_of``) take the
subject, the passive subject, the direct object, the by-agent and the objects of
the trigger's prepositions from the frame. Where a reading needs one syntactic
realisation of a role rather than every pattern's (an active subject, not a
by-agent), it asks for the pattern by id: those ids are ``READ_PATTERNS``, and
``conflictgraph rules check`` reports any the files no longer define.

Parser repairs that touch frames stay code, named: ``misread_verb_frame`` (a verb
tagged as a preposition or adverb gets a verb's subject and object).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...config import get_settings
from .rulefiles import load_frames
from .types import Filler, Frame, Role

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.matcher import DependencyMatcher
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

__all__ = [
    "ACTIVE_SUBJECT",
    "DIRECT_OBJECT",
    "PASSIVE_SUBJECT",
    "PREP_OBJECT",
    "READ_PATTERNS",
    "Frames",
    "frames_of",
    "misread_verb_frame",
]

# The patterns the verb readings ask for by id (rules/frames.jsonl).
ACTIVE_SUBJECT = "active-subject"
PASSIVE_SUBJECT = "passive-subject"
DIRECT_OBJECT = "direct-object"
PREP_OBJECT = "prep-object"
READ_PATTERNS = (ACTIVE_SUBJECT, PASSIVE_SUBJECT, DIRECT_OBJECT, PREP_OBJECT)

# Per pattern key: its id, the (node position, role) pairs it fills, and the roles its
# prepositions give the objects among those nodes.
_Roles = dict[int, tuple[str, tuple[tuple[int, Role], ...], dict[str, Role]]]


@lru_cache(maxsize=4)
def _compiled(vocab: Vocab, user: Path | None) -> tuple[DependencyMatcher, _Roles]:
    """The frame patterns as one DependencyMatcher (RuleError if a file is broken)."""
    from spacy.matcher import DependencyMatcher

    matcher = DependencyMatcher(vocab)
    roles: _Roles = {}
    for pattern in load_frames(user, READ_PATTERNS):
        matcher.add(pattern.id, [list(pattern.pattern)])
        nodes = [node["RIGHT_ID"] for node in pattern.pattern]
        roles[vocab.strings[pattern.id]] = (
            pattern.id,
            tuple((nodes.index(node), role) for node, role in pattern.roles),
            dict(pattern.preps),
        )
    return matcher, roles


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
    GNA). The patterns' predicates are verbs, so no pattern matched it; its ``nsubj`` and
    ``dobj`` children are what ``active-subject`` and ``direct-object`` would have read
    (``news.misparsed_verb`` reads it as the verb it is)."""
    fillers = [
        Filler(Role.AGENT, child, ACTIVE_SUBJECT) if child.dep_ == "nsubj"
        else Filler(Role.PATIENT, child, DIRECT_OBJECT)
        for child in token.children
        if child.dep_ in ("nsubj", "dobj")
    ]
    return Frame(token, tuple(fillers))


class Frames:
    """The frames of one document, by predicate."""

    def __init__(self, frames: dict[int, Frame]) -> None:
        self._frames = frames

    def __getitem__(self, predicate: Token) -> Frame:
        """The predicate's frame (one with no fillers when no pattern matched it; for a verb
        the tagger misread, ``misread_verb_frame``)."""
        frame = self._frames.get(predicate.i)
        if frame is not None:
            return frame
        if predicate.tag_ in _MISREAD_VERB_TAGS:
            return misread_verb_frame(predicate)
        return Frame(predicate)

    def __len__(self) -> int:
        return len(self._frames)


def frames_of(doc: Doc) -> Frames:
    """Every predicate's frame, from one DependencyMatcher pass over the document."""
    matcher, roles = _compiled(doc.vocab, get_settings().rules_path)
    found: dict[int, dict[tuple[Role, int, str], Filler]] = {}
    for key, token_ids in matcher(doc):
        pattern_id, fills, by_prep = roles[key]
        predicate = token_ids[0]
        fillers = found.setdefault(predicate, {})
        for position, role in fills:
            token = doc[token_ids[position]]
            prep = _prep_of(token)
            fillers.setdefault((role, token.i, pattern_id), Filler(role, token, pattern_id, prep))
            also = by_prep.get(prep.lower_) if prep is not None else None
            if also is not None:
                fillers.setdefault((also, token.i, pattern_id), Filler(also, token, pattern_id, prep))
    return Frames(
        {i: Frame(doc[i], tuple(sorted(fillers.values(), key=_order))) for i, fillers in found.items()}
    )
