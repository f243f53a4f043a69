"""Whole texts: relations whose actors are named in one sentence and related in another (cg-rules-0.7).

The corpus in tests/data/paragraphs holds twelve short statements, wire
reports and analyses written for the project, with gold relations annotated
under `docs/annotation.md`. Its score is kept above a floor, and each
construction this round added is checked on texts of a few sentences, with a
claim that must be asserted and one that must not be:

* the parties of a truce named as a stop to fighting ("a cessation of
  hostilities", "a pause in fighting"), or agreed in a participle ("signed a
  declaration, committing to a ceasefire");
* "the two sides", "both sides", "both parties": the pair named last before
  the reference (not the pair fought over most often in the article);
* wire datelines ("DOHA, July 19 -"): the place a story was filed is no actor;
* "the army", "the military", "army positions" in a civil war: the state's
  army as a side of its own, when the article names a rebel group of the same
  state;
* "the junta", "the putschists", "the coup leaders", "the new rulers in
  Niamey", "the military governments of Mali and Burkina Faso": the military
  government of that country, and "they" after such a description;
* "supports X in its campaign against Y": "its" is the supported side's;
* the head of a delegation leads the delegation, not the state;
* first person: the envoy a briefing's title names ("I" is that person), the
  two or three governments of a joint statement ("we" is all of them);
* mediators named in an aside ("A and B, as co-facilitators of the talks,"),
  credited with "its facilitation of these contacts", or hosting talks a
  clause's subjects meet for ("met ... for talks, hosted by Turkey");
* "NATO Secretary General X" leads NATO; "Russian missile strikes on
  Ukrainian cities" are Russia's, against Ukraine; "deliveries of weapons to Y".

The texts were written for this file; none comes from the dev set, the held-out
set or any article.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from extraction_cases import (
    OPP,
    SCORED,
    Case,
    L,
    M,
    S,
    Triple,
    assert_case,
    claim_key,
    corpus_scores,
    norm,
    read_corpus,
    rels,
)

from conflictgraph.graph.model import Article
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor

PARAGRAPHS = Path(__file__).parent / "data" / "paragraphs"

US = "united-states"
SA = "saudi-arabia"
DRC = "democratic-republic-of-the-congo"
SAF = "sudanese-armed-forces"
RSF = "rapid-support-forces"
SDF = "syrian-democratic-forces"
NIGER_JUNTA = "niger-junta"
ECOWAS = "economic-community-of-west-african-states"

CASES: list[Case] = [
    # -- truces named as a stop to fighting ---------------------------------------------------
    (
        "brokered a cessation of hostilities",
        "The United States brokered the cessation of hostilities between Israel and Hezbollah.",
        [(M, US, "israel"), (M, US, "hezbollah"), (OPP, "israel", "hezbollah")],
        [(OPP, US, "israel")],
    ),
    (
        "a pause in talks is no truce",
        "Qatar announced a pause in the talks between Israel and Hamas.",
        [],
        [(OPP, "israel", "hamas")],
    ),
    (
        "a truce agreed in a participle",
        "Congo and the M23 signed a declaration of principles, committing to a permanent ceasefire.",
        [(OPP, DRC, "m23")],
        [],
    ),
    (
        "a call to commit to a truce names no parties of it",
        "The African Union called on Congo and the M23 to commit to a ceasefire.",
        [],
        [(OPP, DRC, "m23")],
    ),
    # -- "the two sides": the pair named last -------------------------------------------------
    (
        "both sides after talks between them",
        "Russia attacked Ukraine on Monday. Turkey hosted talks between the Syrian Democratic Forces "
        "and the Syrian government. Both sides agreed to a pause in fighting.",
        [(OPP, SDF, "syria"), (M, "turkey", SDF), (M, "turkey", "syria")],
        [(OPP, "russia", "syria"), (OPP, SDF, "ukraine")],
    ),
    (
        "the two sides of the latest truce, not of an earlier deal",
        "The United States mediated a peace deal between Congo and Rwanda in June. Congo and the M23 "
        "signed a ceasefire on Saturday. The deal was brokered by Qatar, which hosted talks between "
        "the two sides.",
        [(M, "qatar", DRC), (M, "qatar", "m23"), (M, US, "rwanda")],
        [(M, "qatar", "rwanda")],
    ),
    # -- the army of a civil war --------------------------------------------------------------
    (
        "the army against a rebel group of the same state",
        "Sudan's paramilitary Rapid Support Forces shelled army positions on Monday. The army, for its "
        "part, has received drones from Turkey.",
        [(OPP, RSF, SAF), (S, "turkey", SAF)],
        [(S, "turkey", "sudan"), (S, "turkey", RSF)],
    ),
    (
        "no rebel group, no civil-war army",
        "Egypt and Sudan held talks in Cairo. The army has received drones from Turkey.",
        [],
        [(S, "turkey", SAF)],
    ),
    # -- juntas ------------------------------------------------------------------------------
    (
        "the junta of the country in the news",
        "Soldiers detained the president of Niger on Wednesday. The West African bloc ECOWAS on Sunday "
        "imposed sanctions on the junta.",
        [(OPP, ECOWAS, NIGER_JUNTA)],
        [(OPP, ECOWAS, "niger")],
    ),
    (
        "military governments and the rulers in a capital",
        "France and the United States condemned the coup in Niger. The military governments of Mali and "
        "Burkina Faso said they backed the new rulers in Niamey.",
        [(S, "malian-junta", NIGER_JUNTA), (S, "burkina-faso-junta", NIGER_JUNTA)],
        [(S, "france", NIGER_JUNTA), (S, US, NIGER_JUNTA)],
    ),
    # -- "its" of the supported side ------------------------------------------------------------
    (
        "supports X in its campaign",
        "The United States continues to support the SDF in its campaign against ISIS.",
        [(S, US, SDF), (OPP, SDF, "islamic-state")],
        [(OPP, US, "islamic-state")],
    ),
    # -- delegations -----------------------------------------------------------------------------
    (
        "a delegation's head",
        "The Ukrainian delegation was led by Defence Minister Rustem Umerov.",
        [],
        [(L, "rustem-umerov", "ukraine")],
    ),
    (
        "an army's head",
        "The Libyan National Army, headed by Khalifa Haftar, attacked Tripoli.",
        [(L, "khalifa-haftar", "libyan-national-army")],
        [],
    ),
    # -- mediators in an aside, credited, hosting ----------------------------------------------
    (
        "co-facilitators in an aside",
        "The United States and the Kingdom of Saudi Arabia, as co-facilitators of the Jeddah talks, "
        "announce that representatives of the Sudanese Armed Forces and the Rapid Support Forces have "
        "signed a short-term ceasefire agreement.",
        [(M, US, SAF), (M, US, RSF), (M, SA, SAF), (M, SA, RSF), (OPP, SAF, RSF)],
        [(M, SAF, RSF), (OPP, US, RSF)],
    ),
    (
        "credited facilitation of contacts",
        "The UN mediated between the Government of Yemen and the Houthis. We are grateful to Oman for "
        "its facilitation of these contacts.",
        [(M, "oman", "houthis"), (M, "oman", "yemen")],
        [(M, "oman", "united-nations")],
    ),
    (
        "talks a clause's subjects meet for, hosted by a third state",
        "Russian and Ukrainian delegations met in Istanbul for a second round of peace talks, hosted by "
        "Turkey.",
        [(M, "turkey", "russia"), (M, "turkey", "ukraine")],
        [(M, "russia", "ukraine")],
    ),
    (
        "meeting for talks without a host",
        "Russian and Ukrainian delegations met in Istanbul for a second round of peace talks.",
        [],
        [(M, "turkey", "russia")],
    ),
    # -- titles, attacks, deliveries -------------------------------------------------------------
    (
        "secretary general of an organisation",
        "NATO Secretary General Mark Rutte said the alliance stood united.",
        [(L, "mark-rutte", "nato")],
        [],
    ),
    (
        "a general is no secretary general",
        "General Abdourahamane Tiani spoke in Niamey on Friday.",
        [],
        [(L, "abdourahamane-tiani", "niger")],
    ),
    (
        "an adjective on the weapon word",
        "Russian missile strikes on Ukrainian cities intensified. Israeli air strikes on Hezbollah "
        "positions killed five fighters.",
        [(OPP, "russia", "ukraine"), (OPP, "israel", "hezbollah")],
        [(S, "russia", "ukraine")],
    ),
    (
        "deliveries to the supported side",
        "NATO stepped up deliveries of air defence systems to Ukraine.",
        [(S, "nato", "ukraine")],
        [(S, "ukraine", "nato")],
    ),
    (
        "provided with goods listed after another noun",
        "Iran provides the Houthis with missile components and training.",
        [(S, "iran", "houthis")],
        [(S, "houthis", "iran")],
    ),
]


@pytest.mark.parametrize(("name", "text", "must", "must_not"), CASES, ids=[c[0] for c in CASES])
def test_construction(
    extractor: SpacyExtractor, name: str, text: str, must: list[Triple], must_not: list[Triple]
) -> None:
    assert_case(extractor, name, text, must, must_not)


def _titled(extractor: SpacyExtractor, text: str, title: str, source: str | None = None) -> set[Triple]:
    graph = extractor.extract(Article(id="t", text=text, title=title, source=source))
    return {claim_key(c) for c in graph.claims if c.type in SCORED and not c.hedged}


def test_dateline_place_is_no_actor(extractor: SpacyExtractor) -> None:
    text = "DOHA, July 19 - Israel and Hamas agreed to a ceasefire on Saturday."
    got = rels(extractor, text)
    assert norm((OPP, "israel", "hamas")) in got
    assert not any("qatar" in (s, o) for _, s, o in got), got
    claims = extractor.extract(Article.from_text(text)).claims
    assert claims and all(c.sentence.startswith("Israel and Hamas") for c in claims)


def test_envoy_named_in_the_title_is_i(extractor: SpacyExtractor) -> None:
    title = "Briefing to the Security Council by UN Special Envoy for Yemen Hans Grundberg"
    text = (
        "I have continued to mediate between the Government of Yemen and Ansar Allah. "
        "We condemn the attacks on shipping in the Red Sea by the Houthis."
    )
    got = _titled(extractor, text, title)
    assert {(M, "hans-grundberg", "yemen"), (M, "hans-grundberg", "houthis")} <= got
    assert norm((OPP, "hans-grundberg", "houthis")) not in got  # an envoy's "we" is not the envoy
    untitled = _titled(extractor, text, "Briefing to the Security Council")
    assert not any(s == "hans-grundberg" for _, s, _ in untitled)


def test_joint_statement_we_is_every_issuer(extractor: SpacyExtractor) -> None:
    text = "We condemn the RSF's attacks on displaced persons in West Darfur."
    got = _titled(extractor, text, "Joint Statement by the United States and Saudi Arabia on Sudan")
    assert {norm((OPP, US, RSF)), norm((OPP, SA, RSF))} <= got
    many = _titled(
        extractor,
        text,
        "Joint Statement from the Governments of Australia, Bahrain, Canada, and the United States",
    )
    assert norm((OPP, "australia", RSF)) not in many


def test_paragraph_quality_floor() -> None:
    """A regression guard on the paragraphs corpus (figures in docs/quality.md)."""
    overall = corpus_scores(PARAGRAPHS)
    assert overall["precision"] >= 0.93
    assert overall["recall"] >= 0.58


def test_paragraph_corpus_is_consistent() -> None:
    """Every gold line names a text of the corpus and quotes it verbatim."""
    texts, gold = read_corpus(PARAGRAPHS)
    assert len(texts) == 12
    for row in texts.values():
        assert {"id", "title", "source", "published", "text"} <= row.keys()
        assert 100 <= len(row["text"].split()) <= 300
    keys = set()
    for line in gold:
        assert line["article_id"] in texts
        assert line["sentence"] in texts[line["article_id"]]["text"]
        key = (line["article_id"], line["type"], *sorted((line["source"], line["target"])))
        assert key not in keys, key
        keys.add(key)
