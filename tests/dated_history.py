"""A dated history written for the time tests (timelines, changes), on no real article.

Sudan's army and the RSF rule together (2019–2022), then fight (from April 2023); the UAE
backs the RSF; Turkey backs the GNA, a pair unrelated to the others. Russia backs the LNA
(2019), ends its support (a report of Tuesday 2 June 2020 says it did so "on Friday", 29 May)
and backs it again from March 2022. Each claim is its own article, so every count the tests
expect can be worked out from these tables by hand.
"""

from __future__ import annotations

from datetime import date

from conflictgraph.graph.model import Actor, ActorKind, Article, ArticleGraph, Claim, RelationType
from conflictgraph.loaders.extraction.dates import resolve_date

__all__ = [
    "ACTORS",
    "CLOSED_ON",
    "CLOSING",
    "GNA",
    "HISTORY",
    "LNA",
    "REOPENED_ON",
    "RSF",
    "RUSSIA",
    "SAF",
    "TURKEY",
    "UAE",
    "history_graphs",
]

SAF = Actor(id="sudanese-armed-forces", name="Sudanese Armed Forces", kind=ActorKind.GOVERNMENT,
            aliases=["SAF"])
RSF = Actor(id="rapid-support-forces", name="Rapid Support Forces", kind=ActorKind.ARMED_GROUP,
            aliases=["RSF"])
UAE = Actor(id="united-arab-emirates", name="United Arab Emirates", kind=ActorKind.STATE,
            aliases=["UAE"])
TURKEY = Actor(id="turkey", name="Turkey", kind=ActorKind.STATE)
GNA = Actor(id="government-of-national-accord", name="Government of National Accord",
            kind=ActorKind.GOVERNMENT)
RUSSIA = Actor(id="russia", name="Russia", kind=ActorKind.STATE)
LNA = Actor(id="libyan-national-army", name="Libyan National Army", kind=ActorKind.ARMED_GROUP,
            aliases=["LNA"])
ACTORS = {a.id: a for a in (SAF, RSF, UAE, TURKEY, GNA, RUSSIA, LNA)}

# (published, subject, object, type, category, confidence, hedged, sentence)
HISTORY: list[tuple[date | None, Actor, Actor, RelationType, str, float, bool, str]] = [
    (date(2019, 8, 17), SAF, RSF, RelationType.COOPERATES, "COOPERATE", 0.7, False,
     "The army and the RSF signed a power-sharing deal."),
    (date(2019, 8, 30), RSF, SAF, RelationType.ALLIED_WITH, "COOPERATE", 0.8, False,
     "The RSF and the army deployed together in Khartoum."),
    (date(2021, 10, 25), SAF, RSF, RelationType.COOPERATES, "COOPERATE", 0.6, True,
     "The army reportedly coordinated the takeover with the RSF."),
    (date(2023, 4, 15), SAF, RSF, RelationType.OPPOSES, "FIGHT", 0.9, False,
     "Fighting broke out between the army and the RSF in Khartoum."),
    (date(2023, 4, 16), RSF, SAF, RelationType.OPPOSES, "ASSAULT", 0.75, False,
     "The RSF shelled army headquarters."),
    (date(2023, 6, 2), SAF, RSF, RelationType.OPPOSES, "ASSAULT", 0.8, False,
     "Army jets struck RSF positions in Omdurman."),
    (date(2023, 6, 20), SAF, RSF, RelationType.MEDIATES, "MEDIATE", 0.5, True,
     "Officials said the army might host talks with the RSF."),
    (None, SAF, RSF, RelationType.OPPOSES, "FIGHT", 0.6, False,
     "The army and the RSF have fought for control of the capital."),
    (date(2023, 5, 1), UAE, RSF, RelationType.SUPPORTS, "SUPPORT", 0.8, False,
     "The UAE supplied weapons to the RSF."),
    (date(2020, 1, 5), TURKEY, GNA, RelationType.SUPPORTS, "SUPPORT", 0.85, False,
     "Turkey sent troops to support the GNA."),
]


# (published, date expression of the sentence, ended, confidence, sentence): Russia SUPPORTS
# the LNA. The event date is the expression's, resolved as the extractor resolves a DATE
# entity; None leaves the claim on its publication date.
CLOSING: list[tuple[date, str | None, bool, float, str]] = [
    (date(2019, 4, 10), None, False, 0.8, "Russia sent fighters to support the LNA."),
    (date(2020, 6, 2), "Friday", True, 0.8, "On Friday Russia ended its support for the LNA."),
    (date(2022, 3, 2), None, False, 0.7, "Russia resumed arming the LNA."),
]
CLOSED_ON = date(2020, 5, 29)  # the Friday before Tuesday 2 June 2020
REOPENED_ON = date(2022, 3, 2)


def history_graphs() -> list[ArticleGraph]:
    graphs = []
    for n, (day, subject, obj, rel_type, category, confidence, hedged, sentence) in enumerate(HISTORY):
        article = Article(id=f"timeline-{n}", url=f"https://example.org/timeline/{n}",
                          title=f"Report {n}", published=day, source="Example", text=sentence)
        claim = Claim(article_id=article.id, subject_id=subject.id, object_id=obj.id, type=rel_type,
                      category=category, confidence=confidence, hedged=hedged, sentence=sentence,
                      start=0, end=len(sentence), subject_text=subject.name,
                      object_text=obj.name, published=day, extractor="test")
        graphs.append(ArticleGraph(article=article, actors=[subject, obj], claims=[claim]))
    for n, (day, expression, ended, confidence, sentence) in enumerate(CLOSING):
        article = Article(id=f"closing-{n}", url=f"https://example.org/closing/{n}",
                          title=f"Libya report {n}", published=day, source="Example", text=sentence)
        claim = Claim(article_id=article.id, subject_id=RUSSIA.id, object_id=LNA.id,
                      type=RelationType.SUPPORTS, category="SUPPORT", confidence=confidence,
                      ended=ended, sentence=sentence, start=0, end=len(sentence),
                      subject_text=RUSSIA.name, object_text="LNA", published=day,
                      event_date=resolve_date(expression, day) if expression else None,
                      extractor="test")
        graphs.append(ArticleGraph(article=article, actors=[RUSSIA, LNA], claims=[claim]))
    return graphs
