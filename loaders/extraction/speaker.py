"""Who "we" is: the government that issues a statement, read from its source or title.

Government statements speak in the first person ("We condemn these attacks",
"our forces"). The speaker is taken from the article's ``source`` when that
names a state's institution and nothing else ("The White House", "U.S.
Department of State"), or from a joint statement's title when it names one
collective actor ("Joint Statement of G7 Foreign Ministers"). A newspaper
named after a place ("The Washington Post") is not a speaker.
"""

from __future__ import annotations

import re

from ...graph.model import ActorKind, Article, MentionForm
from ..gazetteer import Gazetteer
from .mentions import INSTITUTION_WORDS
from .types import Ref

__all__ = ["co_issuers", "speaker_of"]

_INSTITUTION_WORDS = frozenset(
    [
        "the",
        "of",
        "for",
        "and",
        "department",
        "ministry",
        "office",
        "state",
        "foreign",
        "affairs",
        "defense",
        "defence",
        "treasury",
        "white",
        "house",
        "embassy",
        "mission",
        "government",
        "presidency",
        "president",
        "prime",
        "minister",
        "press",
        "spokesperson",
        "spokesman",
        "secretary",
        "council",
        "national",
        "security",
        "federal",
        "executive",
        "cabinet",
        "kremlin",
        "palace",
        "official",
        "statement",
        "readout",
    ]
)
_ISSUER = re.compile(
    r"^joint\s+\w+\s+(?:of|from|by)\s+(.+?)(?:\s+(?:on|regarding|announcing|about|"
    r"welcoming|concerning)\s.*)?$",
    re.IGNORECASE,
)
_MAX_CO_ISSUERS = 3
_JOINT = ("joint statement", "joint declaration", "joint communique", "joint communiqué")


# "Briefing to the Security Council by UN Special Envoy for Yemen Hans Grundberg", "Remarks by
# Secretary-General António Guterres at ...": the speaker follows "by"; the occasion may follow.
_BY_SPEAKER = re.compile(r"\bby\s+(.+?)(?:\s+(?:on|at|to|in|before|regarding|about|following)\s.*)?$")


def speaker_of(article: Article, gazetteer: Gazetteer) -> Ref | None:
    """The actor that "we" and "our" stand for in this article, if any.

    A text that no government issues, but whose title names the one person delivering it
    (an envoy's briefing), has that person as its speaker: its "I" is that person.
    """
    speaker = _issuer(article, gazetteer)
    return speaker if speaker is not None else _titled_person(article, gazetteer)


def _titled_person(article: Article, gazetteer: Gazetteer) -> Ref | None:
    by = _BY_SPEAKER.search((article.title or "").strip())
    if by is None:
        return None
    people = {
        surface.entry_id
        for _, surface in gazetteer.scan(by.group(1))
        if surface is not None
        and surface.form in (MentionForm.NAME, MentionForm.ALIAS)
        and (entry := gazetteer.get(surface.entry_id)) is not None
        and entry.kind is ActorKind.PERSON
    }
    if len(people) != 1:
        return None
    entry = gazetteer.get(people.pop())
    return Ref.of(entry) if entry is not None else None


def co_issuers(article: Article, gazetteer: Gazetteer) -> tuple[Ref, ...]:
    """The governments a joint statement's title names as its issuers ("Joint Statement by the
    United States and Saudi Arabia on ..."): its "we" is all of them. Empty unless the title
    names two or three states and nothing else: a long list of signatories ("the Governments of
    Australia, Bahrain, Canada, ...") writes "our governments" around other actors' statements,
    and is left without a first person."""
    title = (article.title or "").strip()
    issuer = _ISSUER.match(title) if title.lower().startswith(_JOINT) else None
    if issuer is None:
        return ()
    states: dict[str, Ref] = {}
    for _, surface in gazetteer.scan(issuer.group(1)):
        if surface is None or surface.form not in (MentionForm.NAME, MentionForm.ALIAS):
            continue
        entry = gazetteer.get(surface.entry_id)
        if entry is None or entry.kind is not ActorKind.STATE:
            return ()
        states.setdefault(entry.id, Ref.of(entry))
    return tuple(states.values()) if 2 <= len(states) <= _MAX_CO_ISSUERS else ()


def _issuer(article: Article, gazetteer: Gazetteer) -> Ref | None:
    title = (article.title or "").strip()
    if title.lower().startswith(_JOINT):
        # "Joint Statement of G7 Foreign Ministers on El-Obeid (Sudan)": the issuer
        # follows "of/from/by"; what comes after " on " is the topic.
        issuer = _ISSUER.match(title)
        if issuer is None:
            return None
        named = {
            surface.entry_id
            for _, surface in gazetteer.scan(issuer.group(1))
            if surface is not None and surface.form in (MentionForm.NAME, MentionForm.ALIAS)
        }
        if len(named) == 1:
            entry = gazetteer.get(named.pop())
            return Ref.of(entry) if entry is not None else None
        return None
    source = (article.source or "").strip()
    if not source:
        return None
    states = set()
    for word, surface in gazetteer.scan(source):
        if surface is None:
            if word.lower() not in _INSTITUTION_WORDS and word.isalnum():
                return None
            continue
        entry = gazetteer.get(surface.entry_id)
        if entry is not None and entry.kind is not ActorKind.STATE:
            # "U.S. Africa Command" acts for its state; "US State Department" is a body of it
            entry = gazetteer.principal_state(entry) or gazetteer.state_of_body(entry, INSTITUTION_WORDS)
        if entry is None or surface.form == MentionForm.ADJECTIVE:
            return None
        states.add(entry.id)
    if len(states) != 1:
        return None
    entry = gazetteer.get(states.pop())
    return Ref.of(entry) if entry is not None else None
