"""The register of government statements and wire copy, construction by construction.

Every case runs the real model and the real gazetteer on sentences written for
this file (not taken from the dev or held-out sets). Each case lists the claims
the sentence must yield and the ones it must not, so a construction that
over-reaches fails as surely as one that misses.
"""

from __future__ import annotations

import pytest
from extraction_cases import OPP, S, Triple, norm, rels

from conflictgraph.graph.model import Article, RelationType
from conflictgraph.loaders.extraction.spacy_extractor import EXTRACTOR_VERSION, SpacyExtractor

CO = RelationType.COOPERATES

WH = "The White House"
STATE = "U.S. Department of State"


# (id, text, source, expected claims, claims that must not be made)
CASES: list[tuple[str, str, str | None, list[Triple], list[Triple]]] = [
    # 1. condemning an actor's conduct toward a target ---------------------------
    (
        "condemns possessive actions against",
        "The United States condemns China's dangerous actions against Philippine vessels.",
        None,
        [(OPP, "united-states", "china"), (OPP, "china", "philippines")],
        [(OPP, "united-states", "philippines")],
    ),
    (
        "condemned provocative actions",
        "Japan condemned Russia's provocative actions against Georgia.",
        None,
        [(OPP, "japan", "russia"), (OPP, "russia", "georgia")],
        [(OPP, "japan", "georgia")],
    ),
    (
        "deplores activities",
        "The European Union deplores Iran's destabilizing activities against Israel.",
        None,
        [(OPP, "european-union", "iran"), (OPP, "iran", "israel")],
        [(OPP, "european-union", "israel")],
    ),
    (
        "decried the actions of",
        "Canada decried the actions of the Russian military against Moldova.",
        None,
        [(OPP, "canada", "russia")],
        [(OPP, "canada", "moldova")],
    ),
    (
        "actions with no target are no attack",
        "Egypt's actions at the border drew attention from Jordan.",
        None,
        [],
        [(OPP, "egypt", "jordan")],
    ),
    # 2. the victim suffers, faces or comes under an attack ----------------------
    (
        "people suffer an attack by forces",
        "The people of Ukraine suffer an unprovoked attack by Russian military forces.",
        None,
        [(OPP, "russia", "ukraine")],
        [(S, "russia", "ukraine")],
    ),
    (
        "came under attack from",
        "Ukraine came under attack from Russian forces overnight.",
        None,
        [(OPP, "russia", "ukraine")],
        [(S, "russia", "ukraine")],
    ),
    (
        "faces attacks by",
        "Israel faces repeated attacks by Hezbollah.",
        None,
        [(OPP, "hezbollah", "israel")],
        [(S, "hezbollah", "israel")],
    ),
    (
        "endured an assault by troops",
        "The Ukrainian people have endured a brutal assault by Russian troops.",
        None,
        [(OPP, "russia", "ukraine")],
        [(S, "russia", "ukraine")],
    ),
    (
        "suffered losses is no attack",
        "Israel suffered heavy losses as Egypt watched.",
        None,
        [],
        [(OPP, "egypt", "israel")],
    ),
    # 3. providing a recipient with aid ------------------------------------------
    (
        "provide X with assistance",
        "The United States will continue to provide Ukraine with the security assistance it needs.",
        None,
        [(S, "united-states", "ukraine")],
        [(S, "ukraine", "united-states")],
    ),
    (
        "furnish capital with systems",
        "Germany will furnish Kyiv with air defense systems.",
        None,
        [(S, "germany", "ukraine")],
        [(S, "ukraine", "germany")],
    ),
    (
        "delivered assistance to",
        "Washington delivered military assistance to Israel.",
        None,
        [(S, "united-states", "israel")],
        [(S, "israel", "united-states")],
    ),
    (
        "transferred weapons to",
        "France transferred weapons to Ukraine.",
        None,
        [(S, "france", "ukraine")],
        [],
    ),
    (
        "sent aid to",
        "Japan sent humanitarian aid to Ukraine.",
        None,
        [(S, "japan", "ukraine")],
        [],
    ),
    (
        "provide X with a briefing is no aid",
        "Poland provided Lithuania with a briefing on the talks.",
        None,
        [],
        [(S, "poland", "lithuania")],
    ),
    # 4. ships and other targets: a state's only when a state owns them ------------
    (
        "commercial ships are no actor",
        "The Houthis have attacked commercial ships in the Red Sea.",
        None,
        [],
        [(OPP, "houthis", "yemen")],
    ),
    (
        "state warships",
        "The Houthis have attacked U.S. warships.",
        None,
        [(OPP, "houthis", "united-states")],
        [],
    ),
    (
        "a Greek-owned vessel is not Greece",
        "The Houthis targeted a Greek-owned vessel in the Gulf of Aden.",
        None,
        [],
        [(OPP, "houthis", "greece")],
    ),
    (
        "commercial vessel and state warships",
        "The Houthis attacked a commercial vessel and U.S. warships.",
        None,
        [(OPP, "houthis", "united-states")],
        [],
    ),
    (
        "embassy",
        "Hamas attacked the U.S. Embassy in Baghdad.",
        None,
        [(OPP, "hamas", "united-states")],
        [(OPP, "hamas", "iraq")],
    ),
    (
        "national vessels as a target",
        "Hezbollah fired rockets at Israeli warships.",
        None,
        [(OPP, "hezbollah", "israel")],
        [],
    ),
    # 5. costs, sanctions, accountability, designation -----------------------------
    (
        "impose costs on the regime named earlier",
        "The Burmese military regime has killed thousands. "
        "We will continue to impose costs on the military regime and its supporters.",
        WH,
        [(OPP, "united-states", "myanmar-junta")],
        [(OPP, "united-states", "myanmar")],
    ),
    (
        "impose costs with no antecedent",
        "We will continue to impose costs on the military regime and its supporters.",
        WH,
        [],
        [(OPP, "united-states", "myanmar-junta"), (OPP, "united-states", "myanmar")],
    ),
    (
        "hold the regime accountable",
        "The Myanmar military regime arrested protesters. We will hold the military regime accountable.",
        WH,
        [(OPP, "united-states", "myanmar-junta")],
        [],
    ),
    (
        "impose costs on a state",
        "We will impose costs on Russia for its aggression.",
        WH,
        [(OPP, "united-states", "russia")],
        [],
    ),
    (
        "the costs of a war are no sanction",
        "The costs of the war on Ukraine for Poland are enormous.",
        WH,
        [],
        [(OPP, "united-states", "ukraine"), (OPP, "poland", "ukraine")],
    ),
    (
        "sanctions on a state's military",
        "We are imposing sanctions on the Russian military.",
        "U.S. Department of the Treasury",
        [(OPP, "united-states", "russia")],
        [],
    ),
    (
        "designated as a terrorist organization",
        "Today the United States designated the Houthis as a terrorist organization.",
        WH,
        [(OPP, "united-states", "houthis")],
        [],
    ),
    # 6. an aggressor's war, aggression or invasion ---------------------------------
    (
        "war against",
        "Russia's war against Ukraine has killed thousands.",
        None,
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "aggression against a capital",
        "Moscow's aggression against Kyiv continues.",
        None,
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "aggression against another capital",
        "Beijing's aggression against Taipei is growing.",
        None,
        [(OPP, "china", "taiwan")],
        [],
    ),
    (
        "full-scale war on",
        "Russia's full-scale war on Ukraine entered its third year.",
        None,
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "invasion with a named target",
        "The Kremlin's full-scale invasion of Ukraine began in 2022.",
        None,
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "dated attack on",
        "Hamas's October 7 attack on Israel killed 1,200 people.",
        None,
        [(OPP, "hamas", "israel")],
        [],
    ),
    (
        "an invasion with no target",
        "The Kremlin's full-scale invasion began in 2022, Poland said.",
        None,
        [],
        [(OPP, "russia", "poland")],
    ),
    (
        "an attack on a capital city stays the city",
        "Russia attacked Kyiv overnight.",
        None,
        [],
        [(OPP, "russia", "ukraine")],
    ),
    # 7. the issuing government's own offices ----------------------------------------
    (
        "the Secretary",
        "The Secretary condemned Russia's strikes on Ukraine.",
        STATE,
        [(OPP, "united-states", "russia"), (OPP, "russia", "ukraine")],
        [],
    ),
    (
        "the Secretary without an issuer",
        "The Secretary condemned Russia's strikes on Ukraine.",
        None,
        [(OPP, "russia", "ukraine")],
        [(OPP, "united-states", "russia")],
    ),
    (
        "the Department",
        "The Department condemns the Houthi attacks on commercial shipping.",
        STATE,
        [(OPP, "united-states", "houthis")],
        [],
    ),
    (
        "the Department of State",
        "The Department of State condemns Hamas's attack on Israel.",
        STATE,
        [(OPP, "united-states", "hamas"), (OPP, "hamas", "israel")],
        [(OPP, "united-states", "israel")],
    ),
    (
        "the President of another country is not the issuer",
        "The President of Kenya condemned the attacks by al-Shabaab.",
        STATE,
        [],
        [(OPP, "united-states", "al-shabaab")],
    ),
    (
        "we",
        "We condemn Iran's attacks on Israel.",
        WH,
        [(OPP, "united-states", "iran"), (OPP, "iran", "israel")],
        [],
    ),
    # 8. approval: welcomed, commended, praised ------------------------------------
    (
        "welcomed commitment",
        "The Secretary welcomed Qatar's commitment to mediate.",
        STATE,
        [(CO, "qatar", "united-states")],
        [(OPP, "united-states", "qatar")],
    ),
    (
        "commended",
        "The President commended Egypt for its role.",
        WH,
        [(CO, "egypt", "united-states")],
        [],
    ),
    (
        "welcomed the decision by",
        "Egypt welcomed the decision by Israel to open the crossing.",
        None,
        [(CO, "egypt", "israel")],
        [],
    ),
    (
        "praised restraint",
        "Saudi Arabia praised Pakistan's restraint.",
        None,
        [(CO, "pakistan", "saudi-arabia")],
        [],
    ),
    (
        "applauded for cooperation",
        "India applauded Bangladesh for its cooperation.",
        None,
        [(CO, "bangladesh", "india")],
        [],
    ),
    (
        "welcoming a ceasefire is not cooperating with the parties",
        "The EU welcomed the ceasefire between Israel and Hamas.",
        None,
        [(OPP, "hamas", "israel")],
        [(CO, "european-union", "israel"), (CO, "european-union", "hamas")],
    ),
    (
        "welcoming news names nobody",
        "Turkey welcomed the news from Syria.",
        None,
        [],
        [(CO, "syria", "turkey")],
    ),
    (
        "did not welcome",
        "Russia did not welcome Finland's decision to join the alliance.",
        None,
        [],
        [(CO, "finland", "russia")],
    ),
]


@pytest.mark.parametrize(
    ("text", "source", "expected", "forbidden"),
    [pytest.param(text, source, exp, bad, id=name) for name, text, source, exp, bad in CASES],
)
def test_statement_construction(
    extractor: SpacyExtractor,
    text: str,
    source: str | None,
    expected: list[Triple],
    forbidden: list[Triple],
) -> None:
    found = rels(extractor, text, source)
    missing = [t for t in map(norm, expected) if t not in found]
    assert not missing, f"missing {missing}; found {sorted(found)}"
    wrong = [t for t in map(norm, forbidden) if t in found]
    assert not wrong, f"must not find {wrong}; found {sorted(found)}"


def test_claims_carry_the_new_version(extractor: SpacyExtractor) -> None:
    graph = extractor.extract(Article.from_text("Russia's war against Ukraine has killed thousands."))
    assert graph.claims and {c.extractor for c in graph.claims} == {EXTRACTOR_VERSION}
    assert EXTRACTOR_VERSION == "cg-rules-0.8"
