"""The seed article (VOA, 2020-10-21), for tests that need realistic data.

``load_seed(store)`` loads it through the real pipeline and extractor.
``hand_built_seed_graph()`` is the same article with the relations it states
written out by hand (the seed's own sentences and offsets): deterministic data
for tests of machinery that must not depend on the extractor's choices.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from conflictgraph.graph.model import Actor, ActorKind, Article, ArticleGraph, Claim, RelationType
from conflictgraph.loaders.sources.text import parse_front_matter

if TYPE_CHECKING:
    from conflictgraph.graph.store import GraphStore
    from conflictgraph.loaders.pipeline import IngestSummary

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "samples" / "voa-libya-2020-10-21.txt"
# What the sample's front matter says: VOA's article as GlobalSecurity.org mirrors it (the
# voanews.com address of the article could not be verified; see data/README.md).
SEED_URL = "https://www.globalsecurity.org/wmd/library/news/libya/2020/libya-201021-voa01.htm"
SEED_TITLE = "UN Mediator 'Very Optimistic' About Latest Steps in Libya Peace Talks"
SEED_SOURCE = "Voice of America"
SEED_DATE = date(2020, 10, 21)

TURKEY = Actor(id="turkey", name="Turkey", kind=ActorKind.STATE,
               aliases=["Türkiye", "Turkiye", "Republic of Turkey"], country="TR")
RUSSIA = Actor(id="russia", name="Russia", kind=ActorKind.STATE,
               aliases=["Russian Federation", "the Russian Federation"], country="RU")
UAE = Actor(id="united-arab-emirates", name="United Arab Emirates", kind=ActorKind.STATE,
            aliases=["UAE", "the UAE", "the Emirates"], country="AE")
GNA = Actor(id="government-of-national-accord", name="Government of National Accord",
            kind=ActorKind.GOVERNMENT, country="LY",
            aliases=["GNA", "U.N.-recognized government in Tripoli",
                     "internationally recognized government"])
LNA = Actor(id="libyan-national-army", name="Libyan National Army", kind=ActorKind.ARMED_GROUP,
            aliases=["LNA", "Libya National Army", "Haftar's forces"], country="LY")
HAFTAR = Actor(id="khalifa-haftar", name="Khalifa Haftar", kind=ActorKind.PERSON,
               aliases=["Haftar"], country="LY")
WILLIAMS = Actor(id="stephanie-williams", name="Stephanie Williams", kind=ActorKind.PERSON,
                 aliases=["Williams"])
UNSMIL = Actor(id="united-nations-support-mission-in-libya",
               name="United Nations Support Mission in Libya", kind=ActorKind.IGO,
               aliases=["UNSMIL", "U.N. Support Mission in Libya"])

SEED_ACTORS = [TURKEY, RUSSIA, UAE, GNA, LNA, HAFTAR, WILLIAMS, UNSMIL]

# (subject, object, type, subject text, object text, sentence as it stands in the seed)
_MEDIATOR = (
    "A United Nations mediator reports positive developments after two days of face-to-face "
    "peace talks involving military leaders from Libya's warring parties."
)
_WAR = (
    "A violent nationwide power struggle has been ongoing between two rival governments—the "
    "internationally recognized government in the capital, Tripoli, and the Benghazi-based Libya "
    "National Army headed by renegade commander Khalifa Haftar."
)
_HEAD = (
    "The head of the U.N. Support Mission in Libya, Stephanie Williams, says the two sides have "
    "reached agreements on several important issues which directly impact the lives and welfare "
    "of the Libyan people."
)
_TURKEY = "Turkey is a main supporter of the U.N.-recognized government in Tripoli."
_ALLIES = (
    "Russia and the United Arab Emirates are among other countries allied with Haftar's forces."
)
SEED_CLAIMS = [
    (TURKEY, GNA, RelationType.SUPPORTS, "Turkey", "U.N.-recognized government in Tripoli",
     _TURKEY),
    (RUSSIA, LNA, RelationType.SUPPORTS, "Russia", "Haftar's forces", _ALLIES),
    (UAE, LNA, RelationType.SUPPORTS, "the United Arab Emirates", "Haftar's forces", _ALLIES),
    (GNA, LNA, RelationType.OPPOSES, "the internationally recognized government",
     "Libya National Army", _WAR),
    (HAFTAR, LNA, RelationType.LEADS, "Khalifa Haftar", "Libya National Army", _WAR),
    (WILLIAMS, UNSMIL, RelationType.LEADS, "Stephanie Williams", "U.N. Support Mission in Libya",
     _HEAD),
    (UNSMIL, GNA, RelationType.MEDIATES, "A United Nations mediator", "Libya's warring parties",
     _MEDIATOR),
    (UNSMIL, LNA, RelationType.MEDIATES, "A United Nations mediator", "Libya's warring parties",
     _MEDIATOR),
]


def seed_text() -> str:
    """The article as scraped (page furniture included), without the file's front matter."""
    _, text = parse_front_matter(SEED.read_text(encoding="utf-8"))
    return text


def seed_article() -> Article:
    return Article.from_text(
        seed_text(), url=SEED_URL, title=SEED_TITLE, published=SEED_DATE, source=SEED_SOURCE,
    )


def hand_built_seed_graph() -> ArticleGraph:
    """The seed's relations, stated by its own sentences at their real offsets."""
    article = seed_article()
    claims = []
    for subject, obj, rel_type, subject_text, object_text, sentence in SEED_CLAIMS:
        start = article.text.index(sentence)
        claims.append(Claim(
            article_id=article.id, subject_id=subject.id, object_id=obj.id, type=rel_type,
            confidence=0.8, sentence=sentence, start=start, end=start + len(sentence),
            subject_text=subject_text, object_text=object_text, published=article.published,
            extractor="hand-built-seed",
        ))
    return ArticleGraph(article=article, actors=SEED_ACTORS, claims=claims)


def load_seed(store: GraphStore) -> IngestSummary:
    """Load the seed the way a user does: sources -> cleaning -> the real extractor -> store."""
    from conflictgraph.loaders.pipeline import Ingestor
    from conflictgraph.loaders.sources import load_sources

    return Ingestor(store).ingest(load_sources([SEED]))
