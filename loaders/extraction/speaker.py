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

from ...graph.model import ActorKind, Article
from ..gazetteer import Gazetteer
from .mentions import INSTITUTION_WORDS, Ref

__all__ = ["speaker_of"]

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
_JOINT = ("joint statement", "joint declaration", "joint communique", "joint communiqué")


def speaker_of(article: Article, gazetteer: Gazetteer) -> Ref | None:
    """The actor that "we" and "our" stand for in this article, if any."""
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
            if surface is not None and surface.form in ("name", "alias")
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
            entry = gazetteer.state_of_body(entry, INSTITUTION_WORDS)
        if entry is None or surface.form == "adjective":
            return None
        states.add(entry.id)
    if len(states) != 1:
        return None
    entry = gazetteer.get(states.pop())
    return Ref.of(entry) if entry is not None else None
