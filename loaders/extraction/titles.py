"""Titles read off the surface, where the small parser loses the structure.

Two news constructions name who leads what without a parse the rules can use:

* title chains: "Presidents Felix Tshisekedi of the DRC and Paul Kagame of
  Rwanda", "President A of X and Prime Minister B of Y" (the parser makes the
  second title a conjunct of the first country);
* signature lines: "Amir of the State of Qatar HH Sheikh Tamim bin Hamad Al
  Thani", "President of the Republic of X Firstname Lastname" (honorifics
  between the country and the name split the name into compounds).

Both are read token by token from a capitalised title word, so they do not
depend on where the parser attached "of".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...graph.model import ActorKind, MentionForm
from .lemmas import noun_lemma
from .lexicon import ROLE_NOUNS, TITLE_LEADS, TITLE_PAIRS
from .types import Mention, Sense

if TYPE_CHECKING:  # pragma: no cover - typing only
    from spacy.tokens import Token

    from .mentions import MentionIndex


__all__ = ["HONORIFICS", "TITLE_CHAIN_FACTOR", "title_chain"]

# Words between a title and a name that are not part of the name.
HONORIFICS = frozenset(
    {
        "hh",
        "h.h.",
        "he",
        "h.e.",
        "his",
        "her",
        "highness",
        "majesty",
        "excellency",
        "royal",
        "sheikh",
        "sheikha",
        "shaikh",
        "mr.",
        "mrs.",
        "ms.",
        "mr",
        "mrs",
        "ms",
        "dr.",
        "dr",
        "gen.",
        "general",
        "field",
        "marshal",
        "lt.",
        "col.",
        "colonel",
    }
)
_BLOCKERS = frozenset({"deputy", "vice", "former", "ex", "assistant", "late", "acting", "interim"})
_MAX_CHAIN = 6
TITLE_CHAIN_FACTOR = 0.9  # the confidence factor of a leader read off a title chain


def _is_title(token: Token) -> bool:
    """A capitalised leading title: "President", "Presidents", "Prime Minister", "Amir"."""
    if not token.text[:1].isupper():
        return False
    lemma = noun_lemma(token.lower_)
    if lemma in TITLE_LEADS:
        return True
    if token.lower_ in ("minister", "ministers") and token.i > 0:
        previous = token.doc[token.i - 1].lower_
        return (previous, "minister") in TITLE_PAIRS
    return False


def _title_end(mentions: MentionIndex, position: int) -> int:
    """Skip a title ("Prime Minister", "President") starting at ``position``."""
    tokens = mentions.tokens
    if (
        position < len(tokens)
        and tokens[position].lower_ in ("prime", "supreme")
        and position + 1 < len(tokens)
    ):
        position += 1
    if position < len(tokens) and _is_title(tokens[position]):
        return position + 1
    return -1


def _skip_honorifics(mentions: MentionIndex, position: int) -> int:
    tokens = mentions.tokens
    while position < len(tokens) and tokens[position].lower_ in HONORIFICS:
        position += 1
    return position


def _person_at(mentions: MentionIndex, position: int) -> Mention | None:
    if position >= len(mentions.tokens):
        return None
    mention = mentions.at(mentions.tokens[position])
    if mention is None or mention.ref.kind is not ActorKind.PERSON:
        return None
    return mention


def _leadable_at(mentions: MentionIndex, position: int) -> Mention | None:
    """The organisation or state named at ``position`` ("the State of Qatar")."""
    tokens = mentions.tokens
    if position < len(tokens) and tokens[position].lower_ == "the":
        position += 1
    if position >= len(tokens):
        return None
    mention = mentions.at(tokens[position])
    if (
        mention is None
        or mention.ref.kind in (ActorKind.PERSON, ActorKind.OTHER)
        or mention.form == MentionForm.ADJECTIVE
    ):
        return None
    return mention


def title_chain(mentions: MentionIndex, title: Token) -> tuple[Sense, list[tuple[Mention, Mention]]]:
    """ "Presidents A of X and B of Y"; "Amir of the State of Qatar HH Sheikh Tamim ...".

    The sense the title states and the (person, organisation) pairs it names, in text order.
    """
    sense = ROLE_NOUNS.get(noun_lemma(title.lower_)) or ROLE_NOUNS["leader"]
    if not _is_title(title):
        return sense, []
    tokens = mentions.tokens
    before = tokens[title.i - 1].lower_ if title.i > 0 else ""
    if before in _BLOCKERS or (
        before in ("prime", "supreme") and title.i > 1 and tokens[title.i - 2].lower_ in _BLOCKERS
    ):
        return sense, []
    pairs: list[tuple[Mention, Mention]] = []
    position = title.i + 1
    if position < len(tokens) and tokens[position].lower_ == "of":
        # signature line: title, "of" the country, honorifics, the name
        organisation = _leadable_at(mentions, position + 1)
        if organisation is not None:
            person = _person_at(mentions, _skip_honorifics(mentions, organisation.end))
            if person is not None:
                pairs.append((person, organisation))
    else:
        for _ in range(_MAX_CHAIN):
            person = _person_at(mentions, _skip_honorifics(mentions, position))
            if person is None:
                break
            if person.end >= len(tokens) or tokens[person.end].lower_ != "of":
                break
            organisation = _leadable_at(mentions, person.end + 1)
            if organisation is None:
                break
            pairs.append((person, organisation))
            position = organisation.end
            while position < len(tokens) and tokens[position].lower_ in (",", "and"):
                position += 1
            following = _title_end(mentions, position)
            if following > 0:
                position = following  # "... and Prime Minister B of Y"
    return sense, pairs
