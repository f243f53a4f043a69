"""Generalisation: how conflict news commonly states relations, sentence by sentence.

The extractor was developed on a small dev set of mostly US government
statements. These sentences were written for this test in the register of
wire copy and official statements (AP, Reuters, VOA, State Department), one
common phrasing each, to measure and keep what the rules do on text they were
not tuned on. None is taken from the dev set or the held-out set.

Each case lists the claims it must yield (type, subject id, object id;
symmetric types compare unordered) and the claims it must not yield: places
used as places, victims read as agents, the speaker of a report read as the
doer, negated, ended and hypothetical relations. Actors come from the
packaged gazetteer and, in some sentences, from spaCy's NER (made-up names
the gazetteer cannot know).
"""

from __future__ import annotations

import pytest
from extraction_cases import OPP, SCORED, A, Case, L, M, S, Triple, claim_key, norm

from conflictgraph.graph.model import Article, Claim
from conflictgraph.loaders.extraction.spacy_extractor import SpacyExtractor
from conflictgraph.loaders.gazetteer import Gazetteer

US = "united-states"
UK = "united-kingdom"
RSF = "rapid-support-forces"
SAF = "sudanese-armed-forces"
DRC = "democratic-republic-of-the-congo"
IRGC = "islamic-revolutionary-guard-corps"
LNA = "libyan-national-army"
UAE = "united-arab-emirates"


def claims_of(extractor: SpacyExtractor, text: str) -> list[Claim]:
    return list(extractor.extract(Article.from_text(text)).claims)


# (name, sentence, asserted claims it must yield, claims it must not yield)
CASES: list[Case] = [
    # -- attacks and strikes ---------------------------------------------------
    (
        "launched airstrikes on",
        "Russia launched a wave of airstrikes on Ukraine overnight, officials said.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "struck positions of",
        "Israeli warplanes struck Hezbollah positions in southern Lebanon on Tuesday.",
        [(OPP, "israel-defense-forces", "hezbollah")],
        [(OPP, "israel", "lebanon")],
    ),
    (
        "an attack by X on Y",
        "An attack by al-Shabab on Somali troops killed 12 soldiers, the army said.",
        [(OPP, "al-shabab", "somalia")],
        [],
    ),
    (
        "X forces shelled Y positions",
        "Houthi forces shelled Saudi positions along the border overnight.",
        [(OPP, "houthis", "saudi-arabia")],
        [],
    ),
    (
        "troops clashed with fighters",
        "Congolese troops clashed with M23 fighters near Goma on Sunday.",
        [(OPP, DRC, "m23")],
        [],
    ),
    (
        "fighting between",
        "Fighting between the Sudanese Armed Forces and the RSF has displaced millions.",
        [(OPP, SAF, RSF)],
        [],
    ),
    (
        "X's war against Y",
        "Russia's war against Ukraine has entered its fourth year.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "X's invasion of Y",
        "Russia's full-scale invasion of Ukraine began in February 2022.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "X's offensive against Y",
        "The Tatmadaw's offensive against the Arakan Army stalled in Rakhine State.",
        [(OPP, "tatmadaw", "arakan-army")],
        [],
    ),
    (
        "killed a senior Y commander",
        "Israel killed a senior Hezbollah commander in a strike on Beirut.",
        [(OPP, "israel", "hezbollah")],
        [(OPP, "israel", "lebanon")],
    ),
    (
        "carried out airstrikes against targets",
        "The United States carried out airstrikes against Islamic State targets in Syria.",
        [(OPP, US, "islamic-state")],
        [(OPP, US, "syria")],
    ),
    (
        "forces attacked positions",
        "Azerbaijani forces attacked Armenian positions on the border.",
        [(OPP, "azerbaijan", "armenia")],
        [],
    ),
    (
        "an offensive by X against Y",
        "The offensive by M23 rebels against Congolese forces has forced thousands to flee.",
        [(OPP, "m23", DRC)],
        [],
    ),
    (
        "X's attack on Y",
        "Hamas's Oct. 7 attack on Israel killed about 1,200 people.",
        [(OPP, "hamas", "israel")],
        [],
    ),
    (
        "operation against",
        "Turkish forces launched a cross-border operation against the PKK in northern Iraq.",
        [(OPP, "turkey", "kurdistan-workers-party")],
        [(OPP, "turkey", "iraq")],
    ),
    (
        "fought militiamen",
        "Ethiopian federal troops fought Fano militiamen in the Amhara region.",
        [(OPP, "ethiopia", "fano")],
        [],
    ),
    (
        "fired rockets at",
        "Hezbollah fired dozens of rockets at Israel on Sunday.",
        [(OPP, "hezbollah", "israel")],
        [],
    ),
    (
        "launched missiles at",
        "The Houthis launched a ballistic missile at Israel early on Thursday.",
        [(OPP, "houthis", "israel")],
        [],
    ),
    ("traded strikes", "Israel and Iran traded strikes for 12 days in June.", [(OPP, "iran", "israel")], []),
    (
        "exchanged fire",
        "Indian and Pakistani troops exchanged fire along the Line of Control.",
        [(OPP, "india", "pakistan")],
        [],
    ),
    (
        "killed by (passive)",
        "Two Israeli soldiers were killed by Hamas militants in northern Gaza.",
        [(OPP, "hamas", "israel-defense-forces")],
        [],
    ),
    (
        "drone attack on",
        "A Ukrainian drone attack on Russia's Engels air base set fuel tanks ablaze.",
        [(OPP, "ukraine", "russia")],
        [],
    ),
    (
        "unknown group attacked",
        "The Bakassi Freedom Movement attacked a Nigerian army patrol near the border.",
        [(OPP, "bakassi-freedom-movement", "nigeria")],
        [],
    ),
    (
        "unknown group ambushed",
        "Fighters of the Azawad Salvation Front ambushed Malian soldiers near Kidal.",
        [(OPP, "azawad-salvation-front", "mali")],
        [],
    ),
    (
        "hit targets",
        "Ukrainian drones hit Russian military targets in Crimea overnight.",
        [(OPP, "ukraine", "russia")],
        [],
    ),
    (
        "seized town from",
        "M23 rebels seized the town of Sake from Congolese forces.",
        [(OPP, "m23", DRC)],
        [],
    ),
    ("war with", "Israel has been at war with Hamas since October 2023.", [(OPP, "hamas", "israel")], []),
    (
        "raided",
        "Israeli forces raided a Palestinian Islamic Jihad hideout in Jenin.",
        [(OPP, "israel", "palestinian-islamic-jihad")],
        [],
    ),
    (
        "X's military said it struck",
        "Israel's military said it struck Hezbollah targets in the Bekaa Valley.",
        [(OPP, "israel", "hezbollah")],
        [],
    ),
    (
        "pounded positions",
        "The Russian military pounded Ukrainian positions near Pokrovsk.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "said it destroyed sites",
        "The U.S. military said it destroyed Houthi radar sites.",
        [(OPP, US, "houthis")],
        [],
    ),
    (
        "repelled an assault",
        "Ukrainian forces repelled a Russian assault near Kupiansk.",
        [(OPP, "ukraine", "russia")],
        [],
    ),
    (
        "retaliatory strikes against",
        "Pakistan carried out retaliatory strikes against the Taliban in Afghanistan.",
        [(OPP, "pakistan", "taliban")],
        [(OPP, "pakistan", "afghanistan")],
    ),
    (
        "launched missile strikes on",
        "India launched missile strikes on Pakistan early Wednesday.",
        [(OPP, "india", "pakistan")],
        [],
    ),
    (
        "X strikes killed Y fighters",
        "Israeli strikes killed dozens of Hamas fighters, the military said.",
        [(OPP, "israel", "hamas")],
        [],
    ),
    (
        "besieged a city",
        "The RSF has besieged El Fasher for more than a year.",
        [],
        [(OPP, RSF, "el-fasher")],
    ),
    # -- condemnation, accusation ---------------------------------------------
    (
        "condemned X's attack on Y",
        "The European Union condemned Russia's attack on Ukraine.",
        [(OPP, "european-union", "russia"), (OPP, "russia", "ukraine")],
        [(OPP, "european-union", "ukraine")],
    ),
    (
        "condemned X's strikes on Y in <place>",
        "Qatar condemned Israel's strikes on Hamas leaders in Doha.",
        [(OPP, "qatar", "israel"), (OPP, "hamas", "israel")],
        [(OPP, "hamas", "qatar")],
    ),
    (
        "accused X of",
        "Ukraine accused Russia of shelling civilian areas in Kharkiv.",
        [(OPP, "ukraine", "russia")],
        [],
    ),
    (
        "blamed X for",
        "Kyiv blamed Moscow for the missile strike on a children's hospital.",
        [(OPP, "ukraine", "russia")],
        [],
    ),
    (
        "denounced the X strikes",
        "Turkey denounced the Israeli strikes as a violation of international law.",
        [(OPP, "turkey", "israel")],
        [],
    ),
    (
        "condemned the X attacks on",
        "Germany condemned the Houthi attacks on commercial shipping in the Red Sea.",
        [(OPP, "germany", "houthis")],
        [],
    ),
    ("denounced X", "China denounced the U.S. sanctions as unilateral bullying.", [(OPP, "china", US)], []),
    (
        "blamed X for the attack",
        "Israel blamed Hezbollah for the rocket attack on the Golan Heights.",
        [(OPP, "hezbollah", "israel")],
        [],
    ),
    (
        "criticized X",
        "The African Union criticized the RSF for attacks on civilians in Darfur.",
        [(OPP, "african-union", RSF)],
        [],
    ),
    # -- sanctions, designations, accountability --------------------------------
    (
        "imposed sanctions on",
        "The United States imposed sanctions on Iran's Islamic Revolutionary Guard Corps.",
        [(OPP, US, IRGC)],
        [],
    ),
    (
        "slapped sanctions on ... over the war in",
        "The European Union slapped new sanctions on Russia over its war in Ukraine.",
        [(OPP, "european-union", "russia")],
        [(OPP, "european-union", "ukraine")],
    ),
    (
        "designated X a terrorist organization",
        "Washington designated the Houthis a Foreign Terrorist Organization on Tuesday.",
        [(OPP, US, "houthis")],
        [],
    ),
    (
        "designated X as",
        "The U.S. State Department designated the Wagner Group as a transnational criminal organization.",
        [(OPP, US, "wagner-group")],
        [],
    ),
    (
        "sanctioned commanders",
        "Britain sanctioned five RSF commanders over atrocities in Darfur.",
        [(OPP, UK, RSF)],
        [],
    ),
    (
        "will hold X accountable",
        "The United States will hold the Taliban accountable for any attacks.",
        [(OPP, US, "taliban")],
        [],
    ),
    (
        "vowed to hold accountable",
        "Netanyahu vowed to hold Hamas accountable for the massacre.",
        [(OPP, "benjamin-netanyahu", "hamas")],
        [],
    ),
    (
        "sanctions against",
        "Canada announced new sanctions against Belarus on Friday.",
        [(OPP, "canada", "belarus")],
        [],
    ),
    # -- support ---------------------------------------------------------------
    (
        "provides military aid to",
        "The United States provides military aid to Ukraine.",
        [(S, US, "ukraine")],
        [],
    ),
    (
        "supplied drones to",
        "Iran supplied drones to Russia for use in the war in Ukraine.",
        [(S, "iran", "russia")],
        [(S, "iran", "ukraine")],
    ),
    (
        "X-backed Y",
        "Iran-backed Houthi rebels attacked a Greek-flagged tanker.",
        [(S, "iran", "houthis")],
        [],
    ),
    (
        "Y, which is backed by X,",
        "The M23, which is backed by Rwanda, seized Goma in January.",
        [(S, "rwanda", "m23")],
        [],
    ),
    (
        "X's support for Y",
        "China's support for Russia has drawn growing criticism in Europe.",
        [(S, "china", "russia")],
        [],
    ),
    (
        "X stands with Y",
        "Germany stands with Ukraine, the chancellor said on Monday.",
        [(S, "germany", "ukraine")],
        [],
    ),
    (
        "reaffirmed its support for",
        "Japan reaffirmed its support for Ukraine on Monday.",
        [(S, "japan", "ukraine")],
        [],
    ),
    (
        "pledged $N in security assistance to",
        "Washington pledged $2 billion in security assistance to Kyiv.",
        [(S, US, "ukraine")],
        [],
    ),
    ("trains and equips", "The United Kingdom trains and equips Ukrainian forces.", [(S, UK, "ukraine")], []),
    (
        "have armed",
        "Egypt and the UAE have armed the Libyan National Army.",
        [(S, "egypt", LNA), (S, UAE, LNA)],
        [],
    ),
    (
        "funded X and Y",
        "Tehran has long funded Hezbollah and Hamas.",
        [(S, "iran", "hezbollah"), (S, "iran", "hamas")],
        [],
    ),
    (
        "received systems from",
        "Ukraine received Patriot air defense systems from Germany.",
        [(S, "germany", "ukraine")],
        [],
    ),
    (
        "supplied artillery shells to",
        "North Korea has supplied millions of artillery shells to Russia.",
        [(S, "north-korea", "russia")],
        [],
    ),
    (
        "the Iran-backed militant group (apposition)",
        "Hezbollah, the Iran-backed militant group, fired rockets at Israel.",
        [(S, "iran", "hezbollah"), (OPP, "hezbollah", "israel")],
        [],
    ),
    (
        "in support of",
        "Hezbollah said it fired rockets at Israel in support of Hamas.",
        [(S, "hezbollah", "hamas"), (OPP, "hezbollah", "israel")],
        [],
    ),
    (
        "sent troops to support",
        "Rwanda sent troops to support the M23 in eastern Congo.",
        [(S, "rwanda", "m23")],
        [(S, "rwanda", DRC)],
    ),
    (
        "military assistance to",
        "Russia has provided military assistance to the junta in Mali.",
        [(S, "russia", "mali")],
        [],
    ),
    (
        "delivered weapons to",
        "The United States delivered weapons to Israel worth $7 billion.",
        [(S, US, "israel")],
        [],
    ),
    ("backing of", "The RSF relies on the backing of the United Arab Emirates.", [(S, UAE, RSF)], []),
    (
        "unknown group backed by",
        "The Kivu Defence Alliance, backed by Burundi, fought the M23.",
        [(S, "burundi", "kivu-defence-alliance")],
        [],
    ),
    (
        "main arms supplier",
        "Washington is Israel's main arms supplier.",
        [(S, US, "israel")],
        [],
    ),
    (
        "fighting for",
        "North Korean troops are fighting for Russia in the Kursk region.",
        [(S, "north-korea", "russia")],
        [],
    ),
    # -- alliance ----------------------------------------------------------------
    ("X and Y are allies", "Russia and Belarus are close allies.", [(A, "belarus", "russia")], []),
    (
        "X's ally Y",
        "Russia's ally Belarus allowed troops to use its territory.",
        [(A, "belarus", "russia")],
        [],
    ),
    (
        "X, a close ally of Y,",
        "Belarus, a close ally of Russia, hosted the exercises.",
        [(A, "belarus", "russia")],
        [],
    ),
    (
        "joined forces with",
        "The Arakan Army joined forces with the Ta'ang National Liberation Army.",
        [(A, "arakan-army", "ta-ang-national-liberation-army")],
        [],
    ),
    (
        "fought alongside",
        "Eritrean troops fought alongside Ethiopian forces in Tigray.",
        [(A, "eritrea", "ethiopia")],
        [],
    ),
    (
        "the X-led coalition",
        "The Saudi-led coalition launched airstrikes on Houthi positions in Sanaa.",
        [(OPP, "saudi-led-coalition", "houthis")],
        [],
    ),
    (
        "longtime ally of",
        "Serbia, a longtime ally of Russia, refused to join the sanctions.",
        [(A, "russia", "serbia")],
        [],
    ),
    (
        "allied with",
        "The Taliban are closely allied with al-Qaeda, U.N. monitors say.",
        [(A, "al-qaeda", "taliban")],
        [],
    ),
    # -- mediation ---------------------------------------------------------------
    (
        "talks mediated by X between Y and Z",
        "Talks mediated by Qatar between Israel and Hamas resumed in Doha on Thursday.",
        [(M, "qatar", "israel"), (M, "qatar", "hamas")],
        [],
    ),
    (
        "X-brokered ceasefire between",
        "A U.S.-brokered ceasefire between Israel and Hezbollah took effect on Wednesday.",
        [(M, US, "israel"), (M, US, "hezbollah"), (OPP, "hezbollah", "israel")],
        [],
    ),
    (
        "hosted negotiations between",
        "Saudi Arabia hosted negotiations between the Sudanese Armed Forces and the RSF in Jeddah.",
        [(M, "saudi-arabia", SAF), (M, "saudi-arabia", RSF)],
        [],
    ),
    (
        "envoy shuttled between",
        "The U.S. envoy shuttled between Israel and Lebanon this week.",
        [(M, US, "israel"), (M, US, "lebanon")],
        [],
    ),
    (
        "brokered a deal between",
        "Turkey brokered a deal between Russia and Ukraine on grain exports.",
        [(M, "turkey", "russia"), (M, "turkey", "ukraine")],
        [],
    ),
    (
        "are mediating between",
        "Egypt and Qatar are mediating between Israel and Hamas.",
        [(M, "egypt", "israel"), (M, "egypt", "hamas"), (M, "qatar", "israel"), (M, "qatar", "hamas")],
        [],
    ),
    (
        "facilitated indirect talks between",
        "Oman facilitated indirect talks between Iran and the United States.",
        [(M, "oman", "iran"), (M, "oman", US)],
        [],
    ),
    (
        "X's mediation between",
        "Qatar's mediation between Rwanda and the DRC produced a framework deal.",
        [(M, "qatar", "rwanda"), (M, "qatar", DRC)],
        [],
    ),
    (
        "peace talks hosted by",
        "Peace talks between Armenia and Azerbaijan hosted by the United States ended without a deal.",
        [(M, US, "armenia"), (M, US, "azerbaijan")],
        [],
    ),
    (
        "agreed to a treaty brokered by",
        "Azerbaijan and Armenia agreed to a peace treaty brokered by the United States.",
        [(M, US, "azerbaijan"), (M, US, "armenia")],
        [],
    ),
    (
        "which has mediated between",
        "Qatar, which has mediated between Israel and Hamas, hosted the talks.",
        [(M, "qatar", "israel"), (M, "qatar", "hamas")],
        [],
    ),
    # -- leadership ----------------------------------------------------------------
    (
        "X, the leader of Y",
        "Naim Qassem, the leader of Hezbollah, said the group would keep fighting.",
        [(L, "naim-qassem", "hezbollah")],
        [],
    ),
    ("Y leader X", "Hamas leader Yahya Sinwar rejected the proposal.", [(L, "yahya-sinwar", "hamas")], []),
    (
        "Y chief X",
        "RSF chief Mohamed Hamdan Dagalo rejected the proposal.",
        [(L, "mohamed-hamdan-dagalo", RSF)],
        [],
    ),
    (
        "X, who heads Y",
        "Abdel Fattah al-Burhan, who heads the Sudanese Armed Forces, visited Cairo.",
        [(L, "abdel-fattah-al-burhan", SAF)],
        [],
    ),
    (
        "Y's commander, X",
        "The Arakan Army's commander, Twan Mrat Naing, said the fighting would go on.",
        [(L, "twan-mrat-naing", "arakan-army")],
        [],
    ),
    (
        "X, Y's president",
        "Emmanuel Macron, France's president, spoke with the Ukrainian leader.",
        [(L, "emmanuel-macron", "france")],
        [],
    ),
    (
        "Y leader X (state)",
        "Chinese leader Xi Jinping met the Russian president in Moscow.",
        [(L, "xi-jinping", "china")],
        [],
    ),
    (
        "Y chief X (agency)",
        "Mossad chief David Barnea traveled to Doha for the talks.",
        [(L, "david-barnea", "mossad")],
        [],
    ),
    (
        "unknown leader of unknown group",
        "Amadou Kone, the leader of the Sahel Patriotic Front, spoke on Friday.",
        [(L, "amadou-kone", "sahel-patriotic-front")],
        [],
    ),
    (
        "led by",
        "The Wagner Group, led by Yevgeny Prigozhin, mutinied in June 2023.",
        [(L, "yevgeny-prigozhin", "wagner-group")],
        [],
    ),
    (
        "X's prime minister, Y",
        "Ethiopia's prime minister, Abiy Ahmed, met Eritrea's president in Asmara.",
        [(L, "abiy-ahmed", "ethiopia")],
        [],
    ),
    # -- precision: places, victims, reporters, spokesmen ---------------------------
    (
        "reporter is not the doer",
        "The United Nations said the RSF attacked army positions in El Fasher.",
        [],
        [(OPP, "united-nations", RSF), (OPP, "sudan", "united-nations")],
    ),
    (
        "X said Y attacked Z",
        "Ukraine said Russia attacked its energy facilities overnight.",
        [(OPP, "russia", "ukraine")],
        [],
    ),
    (
        "place is not the target",
        "Russian missiles struck Kharkiv and Kyiv overnight, killing 14 people.",
        [],
        [(OPP, "russia", "ukraine")],
    ),
    (
        "backed militias are not the backer",
        "Iran-backed militias attacked U.S. troops in Iraq and Syria.",
        [],
        [(OPP, "iran", US), (OPP, "iraq", US), (OPP, "syria", US)],
    ),
    (
        "spokesman does not lead",
        "Houthi military spokesman Yahya Saree said the group targeted a ship.",
        [],
        [(L, "yahya-saree", "houthis")],
    ),
    (
        "victims are not attackers",
        "Five Somali soldiers were killed in an al-Shabab ambush.",
        [],
        [(OPP, "somalia", "somalia")],
    ),
    (
        "condemned by a third party",
        "France condemned the attack on UN peacekeepers in Lebanon.",
        [],
        [(OPP, "france", "lebanon")],
    ),
    (
        "place of talks is not a mediator",
        "Israeli and Hamas negotiators met in Cairo on Monday.",
        [],
        [(M, "egypt", "israel"), (M, "egypt", "hamas")],
    ),
    # -- negation, ended, hypothetical ----------------------------------------------
    (
        "does not support",
        "Qatar does not support Hamas militarily, officials said.",
        [],
        [(S, "qatar", "hamas")],
    ),
    (
        "has never supplied",
        "Russia has never supplied weapons to the Houthis, the Kremlin said.",
        [],
        [(S, "russia", "houthis")],
    ),
    (
        "could send troops",
        "Turkey could send troops to help Azerbaijan, officials warned.",
        [],
        [(S, "turkey", "azerbaijan")],
    ),
    (
        "ended its support",
        "Egypt ended its support for the Libyan National Army in 2021.",
        [],
        [(S, "egypt", LNA)],
    ),
    (
        "if X attacks Y",
        "If Iran attacks Israel, the United States will defend it.",
        [],
        [(OPP, "iran", "israel"), (S, US, "israel")],
    ),
    (
        "once a close ally",
        "Georgia, once a close ally of Ukraine, has drifted toward Moscow.",
        [],
        [(A, "georgia", "ukraine")],
    ),
    ("denied arming", "Rwanda denied arming the M23 rebels.", [], [(S, "rwanda", "m23")]),
    ("former ally", "Hungary's former ally Poland criticized the visit.", [], [(A, "hungary", "poland")]),
    (
        "plans to impose sanctions",
        "The European Union plans to impose sanctions on Israel.",
        [],
        [(OPP, "european-union", "israel")],
    ),
    (
        "no longer backs",
        "The United States no longer backs the Saudi-led coalition.",
        [],
        [(S, US, "saudi-led-coalition")],
    ),
]

# Constructions the extractor still misses, kept in the suite (strict xfail) so a fix shows.
WEAK: dict[str, str] = {
    "unknown group ambushed": "spaCy's small NER misses the made-up group name",
    "raided": "the small parser reads the object as a clause (ccomp)",
    "military assistance to": "'the junta in Mali' is not resolved to Mali",
}

# Sentences that state no relation between actors at all.
NOTHING: list[tuple[str, str]] = [
    ("missile landed near a city", "The Houthis fired a missile that landed in the sea near Eilat."),
    ("fired at a ship", "Houthi rebels fired two missiles at a cargo ship in the Red Sea."),
    ("sanctions hit an economy", "Western sanctions hit Russia's economy hard last year."),
    ("missile killed people", "A Russian missile killed 14 people in Kharkiv on Friday."),
    ("exchanged prisoners", "Russia and Ukraine exchanged prisoners of war on Saturday."),
    ("exchanged views", "Qatar and Egypt exchanged views on the situation in Gaza."),
    ("launched a satellite", "Iran launched a new satellite into orbit on Monday."),
    ("recaptured from unnamed rebels", "The army recaptured the town from rebels on Sunday."),
    ("storm hit", "Hurricane Melissa hit Jamaica on Tuesday."),
    ("joined talks", "Egypt joined the talks in Doha on Monday."),
]

# (name, sentence, claim that must be present and hedged)
HEDGED: list[tuple[str, str, Triple]] = [
    ("allegedly supports", "Rwanda allegedly supports the M23 rebels.", (S, "rwanda", "m23")),
    (
        "accused X of arming Y",
        "The Sudanese Armed Forces accused the United Arab Emirates of arming the RSF.",
        (S, UAE, RSF),
    ),
    ("accused of backing", "Congo has repeatedly accused Rwanda of backing the M23.", (S, "rwanda", "m23")),
    ("reportedly supplied", "Iran reportedly supplied ballistic missiles to Russia.", (S, "iran", "russia")),
    (
        "accused X of supplying",
        "The United States accused Iran of supplying drones to Russia.",
        (S, "iran", "russia"),
    ),
    (
        "claimed responsibility for the attack",
        "The Houthis claimed responsibility for the attack on the Israeli port of Eilat.",
        (OPP, "houthis", "israel"),
    ),
]

# Accusations themselves are asserted: the accuser opposes the accused.
ACCUSERS: list[tuple[str, str, Triple]] = [
    (
        "accuser opposes accused (arming)",
        "The Sudanese Armed Forces accused the United Arab Emirates of arming the RSF.",
        (OPP, SAF, UAE),
    ),
    (
        "accuser opposes accused (backing)",
        "Congo has repeatedly accused Rwanda of backing the M23.",
        (OPP, DRC, "rwanda"),
    ),
]


def _params() -> list[object]:
    return [
        pytest.param(*case, id=case[0], marks=[pytest.mark.xfail(reason=WEAK[case[0]], strict=True)])
        if case[0] in WEAK
        else pytest.param(*case, id=case[0])
        for case in CASES
    ]


@pytest.mark.parametrize(("name", "text", "expected", "forbidden"), _params())
def test_sentence(
    extractor: SpacyExtractor, name: str, text: str, expected: list[Triple], forbidden: list[Triple]
) -> None:
    claims = claims_of(extractor, text)
    asserted = {claim_key(c) for c in claims if not c.hedged}
    found = {claim_key(c) for c in claims}
    missing = {norm(t) for t in expected} - asserted
    wrong = {norm(t) for t in forbidden} & found
    assert not missing and not wrong, f"{name}: missing {missing}, wrong {wrong}, got {sorted(found)}"


@pytest.mark.parametrize(("name", "text"), NOTHING, ids=[c[0] for c in NOTHING])
def test_nothing(extractor: SpacyExtractor, name: str, text: str) -> None:
    found = sorted(claim_key(c) for c in claims_of(extractor, text) if c.type in SCORED)
    assert not found, f"{name}: {found}"


@pytest.mark.parametrize(("name", "text", "triple"), HEDGED, ids=[c[0] for c in HEDGED])
def test_hedged(extractor: SpacyExtractor, name: str, text: str, triple: Triple) -> None:
    claims = [c for c in claims_of(extractor, text) if claim_key(c) == norm(triple)]
    assert claims, f"{name}: no {triple}"
    assert all(c.hedged for c in claims), f"{name}: {triple} asserted, should be hedged"
    assert all(c.confidence < 0.6 for c in claims)


@pytest.mark.parametrize(("name", "text", "triple"), ACCUSERS, ids=[c[0] for c in ACCUSERS])
def test_accuser(extractor: SpacyExtractor, name: str, text: str, triple: Triple) -> None:
    asserted = {claim_key(c) for c in claims_of(extractor, text) if not c.hedged}
    assert norm(triple) in asserted


def test_suite_is_broad() -> None:
    """The suite must keep covering every scored relation type with many phrasings."""
    assert len(CASES) + len(NOTHING) + len(HEDGED) + len(ACCUSERS) >= 80
    assert set(WEAK) <= {case[0] for case in CASES}
    kinds = {t[0] for case in CASES for t in case[2]}
    assert kinds == SCORED
    assert sum(1 for case in CASES if not case[2]) >= 15  # negative cases


def test_leaders_lead_and_spokesmen_do_not() -> None:
    """ "Haftar's forces" are the LNA through `leads`; a spokesman's parent is not his command."""
    gazetteer = Gazetteer.load()
    haftar = gazetteer.led_by("khalifa-haftar")
    assert haftar is not None and haftar.id == LNA
    qassem = gazetteer.led_by("naim-qassem")
    assert qassem is not None and qassem.id == "hezbollah"
    for spokesman in ("ahmed-al-mismari", "yahya-saree", "daniel-hagari", "abu-obeida"):
        assert gazetteer.get(spokesman) is not None
        assert gazetteer.led_by(spokesman) is None


def test_forces_of_a_spokesman_are_not_his_organisation(extractor: SpacyExtractor) -> None:
    found = {claim_key(c) for c in claims_of(extractor, "Egypt backs Haftar's forces.")}
    assert (S, "egypt", LNA) in found
    found = {claim_key(c) for c in claims_of(extractor, "Egypt backs Mismari's forces.")}
    assert (S, "egypt", LNA) not in found
