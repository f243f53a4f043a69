"""Truces, defence against attacks, hosted talks, reported "its", owned armies, past tenures, claimed attacks.

Each construction has sentences that must yield its claim and near misses that
must not. The sentences were written for this test; none comes from the dev set,
the held-out set or any article. Every case runs the real model and the packaged
gazetteer, and compares non-hedged claims of the five annotated types.
"""

from __future__ import annotations

import pytest
from extraction_cases import OPP, Case, L, M, Triple, assert_case

from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor

SAF = "sudanese-armed-forces"
RSF = "rapid-support-forces"
HTS = "hayat-tahrir-al-sham"
BASHIR = "omar-al-bashir"
BURHAN = "abdel-fattah-al-burhan"


CASES: list[Case] = [
    # -- truces agreed by their parties ----------------------------------------------------------
    (
        "agreed to a ceasefire",
        "Israel and Hezbollah agreed to a ceasefire on Tuesday.",
        [(OPP, "israel", "hezbollah")],
        [],
    ),
    (
        "truce took effect",
        "A truce between the SAF and the RSF took effect on Saturday.",
        [(OPP, SAF, RSF)],
        [],
    ),
    (
        "signed a ceasefire deal",
        "Armenia and Azerbaijan signed a ceasefire deal in Moscow.",
        [(OPP, "armenia", "azerbaijan")],
        [],
    ),
    (
        "agreed to a truce with",
        "Hamas agreed to a truce with Israel after weeks of talks.",
        [(OPP, "hamas", "israel")],
        [],
    ),
    (
        "a caller is no party",
        "Qatar called on Israel and Hamas to agree a ceasefire.",
        [],
        [(OPP, "qatar", "israel"), (OPP, "qatar", "hamas"), (OPP, "israel", "hamas")],
    ),
    ("negated truce", "Israel and Hamas did not agree to a ceasefire.", [], [(OPP, "israel", "hamas")]),
    (
        "possible truce",
        "Israel and Hamas could agree to a ceasefire next week.",
        [],
        [(OPP, "israel", "hamas")],
    ),
    (
        "not a truce: prisoner exchange",
        "Israel and Hamas agreed to a prisoner exchange.",
        [],
        [(OPP, "israel", "hamas")],
    ),
    ("not a truce: grain deal", "Russia and Ukraine signed a grain deal.", [], [(OPP, "russia", "ukraine")]),
    # -- defence against a possessed attack ---------------------------------------------------------
    (
        "defends itself against X's war",
        "Ukraine defends itself against Russia's war of aggression.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "continues to defend against X's invasion",
        "Ukraine continues to defend itself against Russia's invasion.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "X's war against Y",
        "Russia's war against Ukraine entered its third year.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "X's invasion of Y",
        "Russia's invasion of Ukraine displaced millions.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "X's aggression against Y",
        "Russia's aggression against Ukraine has cost thousands of lives.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "against any aggression",
        "Poland will defend itself against any aggression from Russia.",
        [],
        [(OPP, "russia", "poland")],
    ),
    ("could defend", "Taiwan could defend itself against China's invasion.", [], [(OPP, "china", "taiwan")]),
    # -- hosted talks with their parties as the object ------------------------------------------------
    (
        "talks, hosted by, brought together",
        "The talks, hosted by Qatar in Doha, brought together Israel and Hamas.",
        [(M, "qatar", "israel"), (M, "qatar", "hamas")],
        [(OPP, "qatar", "israel")],
    ),
    (
        "talks hosted by X between",
        "Talks hosted by Egypt between Israel and Hamas resumed on Monday.",
        [(M, "egypt", "israel"), (M, "egypt", "hamas")],
        [],
    ),
    (
        "X-hosted talks between",
        "Qatar-hosted talks between Israel and Hamas resumed on Monday.",
        [(M, "qatar", "israel"), (M, "qatar", "hamas")],
        [],
    ),
    (
        "hosted talks with one side",
        "The talks, hosted by Qatar in Doha, brought together Hamas officials.",
        [],
        [(M, "qatar", "hamas")],
    ),
    # -- "its" in a reported attack is the speaker's ---------------------------------------------------
    (
        "said the military attacked its forces",
        "Ukraine said the Russian military attacked its forces.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "said X did not attack its forces",
        "Ukraine said Russia did not attack its forces.",
        [],
        [(OPP, "russia", "ukraine")],
    ),
    (
        "its after a non-attack verb",
        "Ukraine said Russia moved its troops to the border.",
        [],
        [(OPP, "russia", "ukraine")],
    ),
    # -- an army named through its state's possessive --------------------------------------------------
    (
        "Syria's army ... the army",
        "Syria's army is fighting in Idlib. The army shelled rebel positions held by HTS.",
        [(OPP, "syria", HTS)],
        [],
    ),
    (
        "two owned armies: no reading",
        "Syria's army and Russia's army are fighting in Idlib. The army attacked HTS.",
        [],
        [(OPP, "syria", HTS), (OPP, "russia", HTS)],
    ),
    (
        "owned president is no army",
        "Syria's president is in Idlib. The army attacked HTS.",
        [],
        [(OPP, "syria", HTS)],
    ),
    # -- past tenures ----------------------------------------------------------------------------------------
    ("led until", "Omar al-Bashir, who led Sudan until 2019, was convicted.", [], [(L, BASHIR, "sudan")]),
    ("led from ... to", "Omar al-Bashir led Sudan from 1989 to 2019.", [], [(L, BASHIR, "sudan")]),
    (
        "has led since",
        "Abdel Fattah al-Burhan, who has led the SAF since 2019, spoke on Monday.",
        [(L, BURHAN, SAF)],
        [],
    ),
    ("leads now", "Abdel Fattah al-Burhan, who leads the SAF, spoke on Monday.", [(L, BURHAN, SAF)], []),
    # -- reported fire at the speaker's "its" -----------------------------------------------------------
    (
        "said fired rockets at its towns",
        "Israel said Hezbollah fired rockets at its northern towns.",
        [(OPP, "hezbollah", "israel")],
        [],
    ),
    (
        "said launched drones into its territory",
        "Israel said Hezbollah launched drones into its territory.",
        [(OPP, "hezbollah", "israel")],
        [],
    ),
    (
        "said fired missiles at its cities",
        "Ukraine said Russia fired missiles at its cities overnight.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "said shelled its positions",
        "Ukraine said Russia shelled its positions.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "said targeted its soldiers",
        "Israel said Hamas targeted its soldiers.",
        [(OPP, "hamas", "israel")],
        [],
    ),
    (
        "fired at its own positions",
        "Israel said Hezbollah fired rockets at its own positions.",
        [],
        [(OPP, "hezbollah", "israel")],
    ),
    # -- talks hosted, described by a relative clause ---------------------------------------------------
    (
        "hosted talks that brought together",
        "Qatar hosted talks that brought together Israel and Hamas.",
        [(M, "qatar", "israel"), (M, "qatar", "hamas")],
        [],
    ),
    (
        "hosted a meeting that brought together",
        "Egypt hosted a meeting that brought together Israel and Hamas.",
        [(M, "egypt", "israel"), (M, "egypt", "hamas")],
        [],
    ),
    (
        "summit of no parties",
        "Qatar hosted a summit that brought together Gulf leaders.",
        [],
        [(M, "qatar", "israel"), (M, "qatar", "hamas")],
    ),
    (
        "did not host talks",
        "Qatar did not host talks that brought together Israel and Hamas.",
        [],
        [(M, "qatar", "israel"), (M, "qatar", "hamas")],
    ),
    (
        "criticised talks is no hosting",
        "Qatar criticised talks that brought together Israel and Hamas.",
        [],
        [(M, "qatar", "israel"), (M, "qatar", "hamas")],
    ),
    # -- responsibility for an attack -----------------------------------------------------------------
    (
        "jointly responsible for the attack",
        "Hamas and Islamic Jihad were jointly responsible for the attack on Israel.",
        [(OPP, "hamas", "israel"), (OPP, "palestinian-islamic-jihad", "israel")],
        [],
    ),
    (
        "claimed responsibility for the attack",
        "Hamas claimed responsibility for the attack on Israel.",
        [(OPP, "hamas", "israel")],
        [],
    ),
    (
        "denied responsibility for the attack",
        "Hamas denied responsibility for the attack on Israel.",
        [],
        [(OPP, "hamas", "israel")],
    ),
    (
        "was not responsible for the attack",
        "Hamas was not responsible for the attack on Israel.",
        [],
        [(OPP, "hamas", "israel")],
    ),
    (
        "may have been responsible",
        "Hamas may have been responsible for the attack on Israel.",
        [],
        [(OPP, "hamas", "israel")],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected", "forbidden"), CASES, ids=[c[0] for c in CASES])
def test_sentence(
    extractor: SpacyExtractor, name: str, text: str, expected: list[Triple], forbidden: list[Triple]
) -> None:
    assert_case(extractor, name, text, expected, forbidden)
