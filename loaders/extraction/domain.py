"""Readings that are about people, places or games rather than conflict actors.

Three narrowings shared by the constructions and the extractor:

* a nationality word that names people ("three Palestinians", "an Australian
  fighting for X", "Palestinian gunmen") is not the state: peoples are not
  actors, only a state, its organs and its forces are;
* a government body and its own state are one side, never two;
* a sentence about a game ("helped South Africa to a first-innings total",
  "lead Australia in the doubles", "the fans supported the team" next to a
  match report) states no conflict relation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...graph.model import ActorKind, MentionForm
from .types import Arg

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Doc, Span


__all__ = ["GAME_WORDS", "SPORTS_WORDS", "demonym_people", "one_side", "sports_sentences"]

# Heads that make a nationality adjective describe persons: "Palestinian gunmen", "an Australian man".
PERSON_NOUNS = frozenset(
    {
        "man", "men", "woman", "women", "boy", "boys", "girl", "girls", "child", "children", "teenager",
        "teenagers", "teen", "teens", "youth", "youths", "civilian", "civilians", "citizen",
        "citizens", "national", "nationals", "resident", "residents", "settler", "settlers", "worker",
        "workers", "student", "students", "tourist", "tourists", "journalist", "journalists", "militant",
        "militants", "gunman", "gunmen", "bomber", "bombers", "prisoner", "prisoners", "detainee",
        "detainees", "suspect", "suspects", "protester", "protesters", "demonstrator", "demonstrators",
        "refugee", "refugees", "volunteer", "volunteers", "passenger", "passengers", "villagers",
        "pilgrims", "extremists", "extremist", "victims", "victim", "family", "families", "sympathisers",
        "sympathizers",
    }
)
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
_CLAUSE_DEPS = frozenset({"det", "punct", "prep", "relcl", "acl", "cc", "conj"})
# Words only a sports story uses; ambiguous ones ("team", "match", "captain", "goal") are left out.
SPORTS_WORDS = frozenset(
    {
        "cricket", "cricketer", "cricketers", "batsman", "batsmen", "bowler", "bowlers", "bowling",
        "innings", "wicket", "wickets", "tennis", "doubles", "soccer", "football", "footballer",
        "footballers", "rugby", "golf", "golfer", "olympic", "olympics", "tournament", "championship",
        "championships", "athlete", "athletes", "umpire", "referee", "semi-final", "quarter-final",
        "socceroos", "wallabies", "premiership", "goalkeeper", "striker", "midfielder", "sprinter",
        "racing", "jockey",
    }
)


def demonym_people(arg: Arg, doc: Doc) -> bool:
    """A nationality word that names persons of that nationality, not their state.

    "the Israelis" (with no other modifier) is the usual shorthand for the side
    and stays; "three Palestinians", "two teenage Israelis", "another
    Australian", "Palestinian militants" are people.
    """
    if arg.form != MentionForm.ADJECTIVE or arg.ref is None or arg.ref.kind is not ActorKind.STATE:
        return False
    root = doc[arg.start : arg.end].root
    if root.dep_ in _MODIFIER_DEPS:
        return root.head.lower_ in PERSON_NOUNS
    if root.tag_ not in ("NNS", "NNPS"):
        return root.tag_.startswith("NN")  # "an Australian", "the Afghan": one person
    dets = {c.lower_ for c in root.children if c.dep_ == "det"}
    others = [c for c in root.children if c.dep_ not in _CLAUSE_DEPS]
    return dets != {"the"} or bool(others)


def one_side(subject: Arg, obj: Arg) -> bool:
    """A government body and its own state ("Palestinian Authority" and "Palestinian")."""
    if subject.ref is None or obj.ref is None:
        return False
    kinds = {subject.ref.kind, obj.ref.kind}
    if kinds != {ActorKind.STATE, ActorKind.GOVERNMENT}:
        return False
    return subject.ref.country is not None and subject.ref.country == obj.ref.country


# Words a sports story shares with others: they count only next to a sports word.
GAME_WORDS = frozenset(
    {
        "team", "teams", "fans", "fan", "match", "matches", "coach", "captain", "squad", "season", "game",
        "games", "scored", "goal", "goals", "cup", "test", "series", "victory", "win", "won", "beat",
        "final",
    }
)
_NEAR = 2  # sentences either side in which a sports word makes a shared word a sports word


def sports_sentences(sents: list[Span]) -> list[bool]:
    """Which sentences are about games.

    A sentence with a sports word is; so is one with a shared word ("the fans
    supported the team") within two sentences of a sports word. A story that
    mixes a cricket report with war news keeps its war sentences.
    """
    strong = [any(t.lower_ in SPORTS_WORDS for t in sent) for sent in sents]
    out = []
    for i, sent in enumerate(sents):
        near = any(strong[max(0, i - _NEAR) : i + _NEAR + 1])
        out.append(strong[i] or (near and any(t.lower_ in GAME_WORDS for t in sent)))
    return out
