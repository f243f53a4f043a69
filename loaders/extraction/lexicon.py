"""The relation lexicon: which words state which relation, as data.

Verbs and nouns map to a relation type and a PLOVER-style event category.
Lookups go through inflected forms generated here (the pipeline runs without
spaCy's lemmatizer and attribute ruler, which would cost a sixth of parsing
time), so every table is keyed by lower-case surface form and spaCy's
fine-grained tag tells verbs from nouns.
"""

from __future__ import annotations

from ...graph.model import RelationType
from .types import Sense

__all__ = [
    "APPROVED_NOUNS",
    "ATTACK_NOUNS",
    "BACKER_PARTICIPLES",
    "BETWEEN_HOSTILE",
    "BETWEEN_TALKS",
    "CIVILIAN_VESSEL_WORDS",
    "COLLECTIVE_NOUNS",
    "COMPOUND_PARTICIPLES",
    "CONDUCT_NOUNS",
    "COST_NOUNS",
    "DEPLOYING_VERBS",
    "EFFORT_NOUNS",
    "ENABLING_VERBS",
    "ENDED_MODIFIERS",
    "ENDING_VERBS",
    "EXCHANGED_NOUNS",
    "EXCHANGE_VERBS",
    "FINDING_VERBS",
    "FIRING_VERBS",
    "FORCE_NOUNS",
    "GENERIC_GROUP_NOUNS",
    "GENERIC_STATE_WORDS",
    "GOVERNMENT_NOUNS",
    "HEDGE_ADVERBS",
    "HEDGE_VERBS",
    "HOSTILE_ACTIVITY",
    "HYPOTHETICAL_ADJECTIVES",
    "HYPOTHETICAL_AUX",
    "HYPOTHETICAL_VERBS",
    "IMPOSING_VERBS",
    "LIGHT_VERBS",
    "MEDIATION_VERBS",
    "NEGATING_VERBS",
    "PASSIVE_HEDGE_VERBS",
    "PEACE_MODIFIERS",
    "PEACE_NOUNS",
    "PERSON_ROLE_NOUNS",
    "PROJECTILE_NOUNS",
    "QUANTITY_NOUNS",
    "ROLE_NOUNS",
    "SPEECH_VERBS",
    "STOPPAGE_NOUNS",
    "SUPPORT_NOUNS",
    "TALK_NOUNS",
    "TARGET_NOUNS",
    "TITLE_LEADS",
    "TITLE_PAIRS",
    "UNDERGOING_VERBS",
    "VERBS",
    "VESSEL_NOUNS",
]

C = RelationType


def _s(
    rel: RelationType,
    category: str,
    preps: str = "",
    direct: bool = True,
    confidence: float = 0.85,
    reverse: bool = False,
) -> Sense:
    return Sense(rel, category, tuple(preps.split()), direct, reverse, confidence)


# -- verbs -------------------------------------------------------------------
VERBS: dict[str, Sense] = {
    # backing
    "support": _s(C.SUPPORTS, "SUPPORT"),
    "back": _s(C.SUPPORTS, "SUPPORT"),
    "sponsor": _s(C.SUPPORTS, "SUPPORT", confidence=0.8),
    "bolster": _s(C.SUPPORTS, "SUPPORT", confidence=0.75),
    "prop": _s(C.SUPPORTS, "SUPPORT", confidence=0.75),
    "arm": _s(C.SUPPORTS, "AID"),
    "rearm": _s(C.SUPPORTS, "AID"),
    "fund": _s(C.SUPPORTS, "AID"),
    "finance": _s(C.SUPPORTS, "AID"),
    "bankroll": _s(C.SUPPORTS, "AID"),
    "train": _s(C.SUPPORTS, "AID", confidence=0.75),
    "equip": _s(C.SUPPORTS, "AID"),
    "supply": _s(C.SUPPORTS, "AID", confidence=0.8),
    "resupply": _s(C.SUPPORTS, "AID"),
    "reinforce": _s(C.SUPPORTS, "AID", confidence=0.75),
    "defend": _s(C.SUPPORTS, "SUPPORT", confidence=0.7),
    "harbor": _s(C.SUPPORTS, "SUPPORT", confidence=0.7),  # "the Taliban harboured bin Laden"
    "harbour": _s(C.SUPPORTS, "SUPPORT", confidence=0.7),
    "shelter": _s(C.SUPPORTS, "SUPPORT", confidence=0.65),
    "affiliate": _s(C.ALLIED_WITH, "COOPERATE", "with", direct=False, confidence=0.75),
    # alignment
    "ally": _s(C.ALLIED_WITH, "COOPERATE", "with to"),
    "side": _s(C.ALLIED_WITH, "COOPERATE", "with", direct=False),
    "align": _s(C.ALLIED_WITH, "COOPERATE", "with", confidence=0.75),
    # hostility
    "fight": _s(C.OPPOSES, "ASSAULT", "against with"),
    "attack": _s(C.OPPOSES, "ASSAULT"),
    "clash": _s(C.OPPOSES, "ASSAULT", "with", direct=False),
    "bomb": _s(C.OPPOSES, "ASSAULT"),
    "bombard": _s(C.OPPOSES, "ASSAULT"),
    "shell": _s(C.OPPOSES, "ASSAULT"),
    "strike": _s(C.OPPOSES, "ASSAULT", confidence=0.8),
    "invade": _s(C.OPPOSES, "ASSAULT"),
    "march": _s(C.OPPOSES, "ASSAULT", "into on against", direct=False, confidence=0.75),
    "raid": _s(C.OPPOSES, "ASSAULT", confidence=0.8),
    "ambush": _s(C.OPPOSES, "ASSAULT"),
    "assault": _s(C.OPPOSES, "ASSAULT"),
    "target": _s(C.OPPOSES, "ASSAULT", confidence=0.75),
    "besiege": _s(C.OPPOSES, "ASSAULT"),
    "battle": _s(C.OPPOSES, "ASSAULT", "with against"),
    "combat": _s(C.OPPOSES, "ASSAULT", confidence=0.8),
    "kill": _s(C.OPPOSES, "ASSAULT", confidence=0.75),
    "destroy": _s(C.OPPOSES, "ASSAULT", confidence=0.75),
    "pound": _s(C.OPPOSES, "ASSAULT", confidence=0.75),
    "hammer": _s(C.OPPOSES, "ASSAULT", confidence=0.75),
    "repel": _s(C.OPPOSES, "ASSAULT", confidence=0.75),
    "repulse": _s(C.OPPOSES, "ASSAULT", confidence=0.75),
    "thwart": _s(C.OPPOSES, "ASSAULT", confidence=0.7),
    "foil": _s(C.OPPOSES, "ASSAULT", confidence=0.7),
    "hit": _s(C.OPPOSES, "ASSAULT", confidence=0.75),
    "shoot": _s(C.OPPOSES, "ASSAULT", confidence=0.7),
    "seize": _s(C.OPPOSES, "ASSAULT", "from", direct=False, confidence=0.75),
    "capture": _s(C.OPPOSES, "ASSAULT", "from", direct=False, confidence=0.75),
    "recapture": _s(C.OPPOSES, "ASSAULT", "from", direct=False, confidence=0.75),
    "retake": _s(C.OPPOSES, "ASSAULT", "from", direct=False, confidence=0.75),
    "wrest": _s(C.OPPOSES, "ASSAULT", "from", direct=False, confidence=0.75),
    "counter": _s(C.OPPOSES, "COERCE", confidence=0.7),
    "oppose": _s(C.OPPOSES, "REJECT", confidence=0.8),
    "confront": _s(C.OPPOSES, "ASSAULT", confidence=0.8),
    "expel": _s(C.OPPOSES, "COERCE", confidence=0.75),
    "blockade": _s(C.OPPOSES, "COERCE"),
    "mobilize": _s(C.OPPOSES, "MOBILIZE", "against", direct=False, confidence=0.75),
    "mobilise": _s(C.OPPOSES, "MOBILIZE", "against", direct=False, confidence=0.75),
    "condemn": _s(C.OPPOSES, "ACCUSE", confidence=0.75),
    "denounce": _s(C.OPPOSES, "ACCUSE", confidence=0.75),
    "deplore": _s(C.OPPOSES, "ACCUSE", confidence=0.75),
    "decry": _s(C.OPPOSES, "ACCUSE", confidence=0.75),
    "criticize": _s(C.OPPOSES, "ACCUSE", confidence=0.7),
    "criticise": _s(C.OPPOSES, "ACCUSE", confidence=0.7),
    "accuse": _s(C.OPPOSES, "ACCUSE", confidence=0.75),
    "blame": _s(C.OPPOSES, "ACCUSE", confidence=0.75),
    "sanction": _s(C.OPPOSES, "SANCTION"),
    "blacklist": _s(C.OPPOSES, "SANCTION"),
    "designate": _s(C.OPPOSES, "SANCTION", confidence=0.6),
    "protest": _s(C.OPPOSES, "PROTEST", "against", confidence=0.7),
    "demand": _s(C.OPPOSES, "DEMAND", "from of", direct=False, confidence=0.6),
    "reject": _s(C.OPPOSES, "REJECT", confidence=0.6),
    # mediation
    "mediate": _s(C.MEDIATES, "MEDIATE", "between", direct=False),
    "broker": _s(C.MEDIATES, "MEDIATE", "between", direct=False),
    "facilitate": _s(C.MEDIATES, "MEDIATE", "between", direct=False, confidence=0.75),
    "shuttle": _s(C.MEDIATES, "MEDIATE", "between", direct=False, confidence=0.75),
    "intercede": _s(C.MEDIATES, "MEDIATE", "between", direct=False, confidence=0.75),
    # leadership
    "head": _s(C.LEADS, "LEAD"),
    "lead": _s(C.LEADS, "LEAD", confidence=0.8),
    "command": _s(C.LEADS, "LEAD"),
    "chair": _s(C.LEADS, "LEAD", confidence=0.8),
    "rule": _s(C.LEADS, "LEAD", confidence=0.75),  # a person only; never "ruled out"
    # cooperation short of alliance
    "aid": _s(C.SUPPORTS, "AID", confidence=0.75),
    "assist": _s(C.SUPPORTS, "AID", confidence=0.75),
    "help": _s(C.SUPPORTS, "AID", confidence=0.7),
    "protect": _s(C.SUPPORTS, "SUPPORT", confidence=0.7),
    "agree": _s(C.COOPERATES, "AGREE", "with", direct=False, confidence=0.7),
    "sign": _s(C.COOPERATES, "AGREE", "with", direct=False, confidence=0.7),
    "meet": _s(C.COOPERATES, "CONSULT", "with", confidence=0.75),
    "consult": _s(C.COOPERATES, "CONSULT", "with", confidence=0.75),
    "speak": _s(C.COOPERATES, "CONSULT", "with", direct=False, confidence=0.7),
    "talk": _s(C.COOPERATES, "CONSULT", "with", direct=False, confidence=0.7),
    "negotiate": _s(C.COOPERATES, "CONSULT", "with", direct=False, confidence=0.7),
    "host": _s(C.COOPERATES, "CONSULT", confidence=0.65),
    "cooperate": _s(C.COOPERATES, "COOPERATE", "with", direct=False),
    "collaborate": _s(C.COOPERATES, "COOPERATE", "with", direct=False),
    "coordinate": _s(C.COOPERATES, "COOPERATE", "with", direct=False, confidence=0.75),
    "partner": _s(C.COOPERATES, "COOPERATE", "with", direct=False),
    "work": _s(C.COOPERATES, "COOPERATE", "with", direct=False, confidence=0.6),
    "stand": _s(C.SUPPORTS, "SUPPORT", "with by behind", direct=False, confidence=0.7),
    # approval of another actor's conduct: "X commended Y", "X welcomed Y's commitment"
    "commend": _s(C.COOPERATES, "COOPERATE", confidence=0.65),
    "praise": _s(C.COOPERATES, "COOPERATE", confidence=0.65),
    "applaud": _s(C.COOPERATES, "COOPERATE", confidence=0.65),
    "laud": _s(C.COOPERATES, "COOPERATE", confidence=0.65),
    "thank": _s(C.COOPERATES, "COOPERATE", confidence=0.6),
    "welcome": _s(C.COOPERATES, "COOPERATE", confidence=0.6),
}
# What a welcomed or commended thing belongs to: "welcomed Qatar's commitment to ...".
APPROVED_NOUNS = frozenset(
    [
        "commitment",
        "commitments",
        "decision",
        "announcement",
        "pledge",
        "pledges",
        "participation",
        "contribution",
        "contributions",
        "cooperation",
        "partnership",
        "engagement",
        "efforts",
        "effort",
        "role",
        "leadership",
        "initiative",
        "readiness",
        "restraint",
        "willingness",
        "steps",
    ]
)

# Verbs that mediate when their object is a talks noun ("host talks between").
MEDIATION_VERBS = frozenset(
    [
        "mediate",
        "broker",
        "facilitate",
        "host",
        "convene",
        "sponsor",
        "oversee",
        "lead",
        "chair",
        "moderate",
        "organize",
        "organise",
        "arrange",
        "secure",
    ]
)

# -- nouns -------------------------------------------------------------------
# Role nouns: "X is a supporter of Y", "the head of Y, X", "Y's backer X".
ROLE_NOUNS: dict[str, Sense] = {
    "supporter": _s(C.SUPPORTS, "SUPPORT", "of for"),
    "backer": _s(C.SUPPORTS, "SUPPORT", "of for"),
    "patron": _s(C.SUPPORTS, "SUPPORT", "of"),
    "sponsor": _s(C.SUPPORTS, "SUPPORT", "of for"),
    "benefactor": _s(C.SUPPORTS, "SUPPORT", "of"),
    "supplier": _s(C.SUPPORTS, "AID", "of to for", confidence=0.75),
    "financier": _s(C.SUPPORTS, "AID", "of", confidence=0.8),
    "proxy": _s(C.SUPPORTS, "SUPPORT", "of for", reverse=True, confidence=0.8),
    "instrument": _s(C.SUPPORTS, "SUPPORT", "of for", reverse=True, confidence=0.7),
    "ally": _s(C.ALLIED_WITH, "COOPERATE", "of to"),
    "partner": _s(C.COOPERATES, "COOPERATE", "of to", confidence=0.7),
    "enemy": _s(C.OPPOSES, "ASSAULT", "of to"),
    "rival": _s(C.OPPOSES, "REJECT", "of to"),
    "foe": _s(C.OPPOSES, "ASSAULT", "of to"),
    "adversary": _s(C.OPPOSES, "REJECT", "of to"),
    "opponent": _s(C.OPPOSES, "REJECT", "of to"),
    "mediator": _s(C.MEDIATES, "MEDIATE", "between for in of"),
    "intermediary": _s(C.MEDIATES, "MEDIATE", "between for"),
    "broker": _s(C.MEDIATES, "MEDIATE", "between for", confidence=0.75),
    "facilitator": _s(C.MEDIATES, "MEDIATE", "between for of", confidence=0.75),
    "head": _s(C.LEADS, "LEAD", "of"),
    "leader": _s(C.LEADS, "LEAD", "of"),
    "commander": _s(C.LEADS, "LEAD", "of"),
    "chief": _s(C.LEADS, "LEAD", "of"),
    "chairman": _s(C.LEADS, "LEAD", "of"),
    "chairwoman": _s(C.LEADS, "LEAD", "of"),
    "chairperson": _s(C.LEADS, "LEAD", "of"),
    "chair": _s(C.LEADS, "LEAD", "of", confidence=0.75),
    "founder": _s(C.LEADS, "LEAD", "of", confidence=0.7),
    "president": _s(C.LEADS, "LEAD", "of", confidence=0.8),
    "ruler": _s(C.LEADS, "LEAD", "of"),
    "commander-in-chief": _s(C.LEADS, "LEAD", "of"),
    "amir": _s(C.LEADS, "LEAD", "of"),
    "emir": _s(C.LEADS, "LEAD", "of"),
    "king": _s(C.LEADS, "LEAD", "of", confidence=0.8),
    "sultan": _s(C.LEADS, "LEAD", "of", confidence=0.8),
    "member": _s(C.MEMBER_OF, "COOPERATE", "of", confidence=0.7),
}
# Role nouns used as titles before a name ("LNA commander Khalifa Haftar",
# "Rwandan President Kagame"): the named person leads the modifier.
TITLE_LEADS = frozenset(
    [
        "head",
        "leader",
        "commander",
        "chief",
        "chairman",
        "chairwoman",
        "chairperson",
        "president",
        "ruler",
        "king",
        "emir",
        "amir",
        "sultan",
        "premier",
        "chancellor",
    ]
)
# "prime minister" is a title only as a pair of words.
TITLE_PAIRS = frozenset({("prime", "minister"), ("supreme", "leader"), ("secretary", "general")})

# Event nouns: "war between X and Y".
BETWEEN_HOSTILE = frozenset(
    [
        "war",
        "wars",
        "conflict",
        "conflicts",
        "fighting",
        "fight",
        "fights",
        "clash",
        "clashes",
        "struggle",
        "battle",
        "battles",
        "hostilities",
        "violence",
        "rivalry",
        "feud",
        "confrontation",
        "confrontations",
        "standoff",
        "skirmish",
        "skirmishes",
        "enmity",
        "bloodshed",
    ]
)
# "Parties named in a peace agreement or ceasefire between them are in conflict."
PEACE_NOUNS = frozenset(["ceasefire", "cease-fire", "ceasefires", "truce", "armistice"])
PEACE_MODIFIERS = frozenset({"peace"})
# Hostile activity whose coordinated agents oppose each other: "X and Y ... cease hostilities".
HOSTILE_ACTIVITY = frozenset(["hostilities", "fighting", "combat", "operations", "attacks", "clashes", "war"])
# A stop to hostile activity is a truce: "a cessation of hostilities", "a pause in fighting".
STOPPAGE_NOUNS = frozenset(["cessation", "pause", "halt", "suspension"])
TALK_NOUNS = frozenset(
    [
        "talks",
        "talk",
        "negotiations",
        "negotiation",
        "dialogue",
        "discussions",
        "consultations",
        "meeting",
        "meetings",
        "ceasefire",
        "cease-fire",
        "truce",
        "deal",
        "agreement",
        "agreements",
        "accord",
        "accords",
        "treaty",
        "pact",
        "process",
        "mediation",
        "exchange",
        "round",
        "rounds",
        "summit",
        "peace",
    ]
)
BETWEEN_TALKS = TALK_NOUNS

# Material support nouns: "X's support for Y", "weapons to Y".
SUPPORT_NOUNS: dict[str, Sense] = {
    "support": _s(C.SUPPORTS, "SUPPORT", "for to of"),
    "backing": _s(C.SUPPORTS, "SUPPORT", "for to of"),
    "sponsorship": _s(C.SUPPORTS, "SUPPORT", "of for"),
    "assistance": _s(C.SUPPORTS, "AID", "to for", confidence=0.7),
    "aid": _s(C.SUPPORTS, "AID", "to for", confidence=0.7),
    "help": _s(C.SUPPORTS, "AID", "to for of", confidence=0.7),  # "with the help of X"
    "ammunition": _s(C.SUPPORTS, "AID", "to for", confidence=0.75),
    "munitions": _s(C.SUPPORTS, "AID", "to for", confidence=0.75),
    "equipment": _s(C.SUPPORTS, "AID", "to for", confidence=0.7),
    "shells": _s(C.SUPPORTS, "AID", "to for", confidence=0.75),
    "systems": _s(C.SUPPORTS, "AID", "to for", confidence=0.7),
    "tanks": _s(C.SUPPORTS, "AID", "to for", confidence=0.75),
    "jets": _s(C.SUPPORTS, "AID", "to for", confidence=0.75),
    "weapons": _s(C.SUPPORTS, "AID", "to for"),
    "arms": _s(C.SUPPORTS, "AID", "to for"),
    "funding": _s(C.SUPPORTS, "AID", "to for of"),
    "funds": _s(C.SUPPORTS, "AID", "to for", confidence=0.75),
    "financing": _s(C.SUPPORTS, "AID", "to for of"),
    "training": _s(C.SUPPORTS, "AID", "to for of", confidence=0.7),
    "drones": _s(C.SUPPORTS, "AID", "to for", confidence=0.75),
    "missiles": _s(C.SUPPORTS, "AID", "to for", confidence=0.75),
    "mercenaries": _s(C.SUPPORTS, "AID", "to for", confidence=0.7),
    # "deliveries of air defence systems to Ukraine": what is delivered goes to the supported side
    "deliveries": _s(C.SUPPORTS, "AID", "to", confidence=0.7),
    "delivery": _s(C.SUPPORTS, "AID", "to", confidence=0.7),
    "alliance": _s(C.ALLIED_WITH, "COOPERATE", "with", confidence=0.8),
    "reliance": _s(C.SUPPORTS, "SUPPORT", "on upon", reverse=True, confidence=0.7),
    "dependence": _s(C.SUPPORTS, "SUPPORT", "on upon", reverse=True, confidence=0.7),
}
ATTACK_NOUNS: dict[str, Sense] = {
    "attack": _s(C.OPPOSES, "ASSAULT", "on against"),
    "attacks": _s(C.OPPOSES, "ASSAULT", "on against"),
    "strike": _s(C.OPPOSES, "ASSAULT", "on against"),
    "strikes": _s(C.OPPOSES, "ASSAULT", "on against"),
    "airstrike": _s(C.OPPOSES, "ASSAULT", "on against"),
    "airstrikes": _s(C.OPPOSES, "ASSAULT", "on against"),
    "offensive": _s(C.OPPOSES, "ASSAULT", "on against"),
    "counteroffensive": _s(C.OPPOSES, "ASSAULT", "on against"),
    "counter-offensive": _s(C.OPPOSES, "ASSAULT", "on against"),
    "counterattack": _s(C.OPPOSES, "ASSAULT", "on against", confidence=0.8),
    "counterattacks": _s(C.OPPOSES, "ASSAULT", "on against", confidence=0.8),
    "onslaught": _s(C.OPPOSES, "ASSAULT", "on against"),
    "designation": _s(C.OPPOSES, "SANCTION", "of", confidence=0.7),
    "assault": _s(C.OPPOSES, "ASSAULT", "on against"),
    "invasion": _s(C.OPPOSES, "ASSAULT", "of"),
    # taking another's land: "Russia's annexation of Ukraine's territory" (the owner of the land)
    "annexation": _s(C.OPPOSES, "ASSAULT", "of", confidence=0.75),
    "occupation": _s(C.OPPOSES, "ASSAULT", "of", confidence=0.7),
    "aggression": _s(C.OPPOSES, "ASSAULT", "against on"),
    "war": _s(C.OPPOSES, "ASSAULT", "on against with"),
    "campaign": _s(C.OPPOSES, "ASSAULT", "against", confidence=0.7),
    "operation": _s(C.OPPOSES, "ASSAULT", "against", confidence=0.7),
    "operations": _s(C.OPPOSES, "ASSAULT", "against", confidence=0.7),
    "incursion": _s(C.OPPOSES, "ASSAULT", "into", confidence=0.75),
    "bombardment": _s(C.OPPOSES, "ASSAULT", "of on", confidence=0.8),
    "shelling": _s(C.OPPOSES, "ASSAULT", "of on", confidence=0.8),
    "bombing": _s(C.OPPOSES, "ASSAULT", "of on", confidence=0.8),
    "raid": _s(C.OPPOSES, "ASSAULT", "on against", confidence=0.8),
    "raids": _s(C.OPPOSES, "ASSAULT", "on against", confidence=0.8),
    "ambush": _s(C.OPPOSES, "ASSAULT", "on against", confidence=0.8),
    "sanctions": _s(C.OPPOSES, "SANCTION", "on against"),
    # conduct nouns: hostile only toward a named target ("China's actions against Philippine vessels")
    "actions": _s(C.OPPOSES, "ASSAULT", "against toward towards", confidence=0.7),
    "activities": _s(C.OPPOSES, "ASSAULT", "against toward towards", confidence=0.7),
    "provocations": _s(C.OPPOSES, "ASSAULT", "against toward towards", confidence=0.7),
    "behavior": _s(C.OPPOSES, "ASSAULT", "against toward towards", confidence=0.7),
    "behaviour": _s(C.OPPOSES, "ASSAULT", "against toward towards", confidence=0.7),
    "conduct": _s(C.OPPOSES, "ASSAULT", "against toward towards", confidence=0.7),
    "harassment": _s(C.OPPOSES, "COERCE", "of against", confidence=0.7),
    "intimidation": _s(C.OPPOSES, "COERCE", "of against", confidence=0.7),
    "coercion": _s(C.OPPOSES, "COERCE", "of against", confidence=0.7),
    # costs imposed: only as the object of "impose/levy/slap" (COST_NOUNS)
    "costs": _s(C.OPPOSES, "SANCTION", "on upon against", confidence=0.75),
    "penalties": _s(C.OPPOSES, "SANCTION", "on upon against", confidence=0.75),
    "consequences": _s(C.OPPOSES, "SANCTION", "on upon for", confidence=0.7),
    "restrictions": _s(C.OPPOSES, "SANCTION", "on upon against", confidence=0.7),
    "embargo": _s(C.OPPOSES, "SANCTION", "on against", confidence=0.7),
    "hostility": _s(C.OPPOSES, "REJECT", "toward towards to", confidence=0.7),
}
# Conduct nouns whose doer is also named by "of" ("the actions of the regime").
CONDUCT_NOUNS = frozenset(["actions", "activities", "provocations", "behavior", "behaviour", "conduct"])
# Nouns that state a sanction only when imposed: "impose costs on X" (not "the costs of the war").
COST_NOUNS = frozenset(["costs", "penalties", "consequences", "restrictions"])
IMPOSING_VERBS = frozenset(["impose", "levy", "slap", "place", "inflict"])
# Verbs whose subject undergoes the event in their object: "Ukraine suffered an attack by X",
# "came under attack from X".
UNDERGOING_VERBS = frozenset(["suffer", "face", "endure", "withstand", "sustain", "weather", "come", "be"])
# Verbs whose subject is the holder of an event noun object ("provide support to").
LIGHT_VERBS = frozenset(
    [
        "provide",
        "furnish",
        "give",
        "offer",
        "send",
        "supply",
        "deliver",
        "extend",
        "grant",
        "ship",
        "sell",
        "transfer",
        "pledge",
        "increase",
        "launch",
        "carry",
        "conduct",
        "direct",
        "perpetrate",
        "orchestrate",
        "wage",
        "mount",
        "stage",
        "unleash",
        "impose",
        "levy",
        "intensify",
        "step",
        "continue",
        "resume",
        "expand",
        "announce",
        "renew",
        "slap",
        "place",
        "approve",
        "authorize",
        "authorise",
        "reaffirm",
        "strengthen",
        "deepen",
        "cement",
    ]
)
# Verbs that send people to act for the subject: "X sent advisers to help Y" (X helps Y).
DEPLOYING_VERBS = frozenset(["send", "dispatch", "deploy", "rush", "despatch"])
# Things fired at a target: "fired rockets at Israel", "launched a missile at X".
PROJECTILE_NOUNS = frozenset(
    [
        "rocket",
        "rockets",
        "missile",
        "missiles",
        "drone",
        "drones",
        "shell",
        "shells",
        "mortar",
        "mortars",
        "projectile",
        "projectiles",
        "salvo",
        "barrage",
        "volley",
    ]
)
FIRING_VERBS = frozenset(["fire", "launch", "lob", "shoot"])
# Quantities that carry an event noun: "a wave of airstrikes", "$2 billion in assistance".
QUANTITY_NOUNS = frozenset(
    [
        "wave",
        "waves",
        "series",
        "barrage",
        "salvo",
        "volley",
        "spate",
        "string",
        "round",
        "package",
        "packages",
        "shipment",
        "shipments",
        "consignment",
        "billions",
        "tons",
        "tonnes",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "scores",
        "number",
        "billion",
        "million",
        "$",
        "worth",
    ]
)
# Exchanges that make the coordinated agents enemies: "X and Y traded strikes".
EXCHANGE_VERBS = frozenset(["trade", "exchange"])
EXCHANGED_NOUNS = frozenset(["fire", "strikes", "attacks", "blows", "shots", "shelling", "gunfire", "barbs"])

# -- argument resolution -----------------------------------------------------
# Heads that stand for the actor named in their modifier: "Turkish forces",
# "Haftar's army", "Emirati drones", "the Libyan delegation".
FORCE_NOUNS = frozenset(
    [
        "force",
        "forces",
        "army",
        "armies",
        "troops",
        "troop",
        "military",
        "militia",
        "militias",
        "militiamen",
        "gunmen",
        "paramilitaries",
        "fighters",
        "fighter",
        "soldiers",
        "mercenaries",
        "drones",
        "drone",
        "jets",
        "warplanes",
        "aircraft",
        "helicopters",
        "gunships",
        "bombers",
        "tanks",
        "intelligence",
        "navy",
        "navies",
        "units",
        "unit",
        "brigade",
        "brigades",
        "battalion",
        "loyalists",
        "rebels",
        "insurgents",
        "militants",
        "guerrillas",
        "jihadists",
        "government",
        "governments",
        "administration",
        "authorities",
        "regime",
        "officials",
        "official",
        "leadership",
        "delegation",
        "delegations",
        "diplomats",
        "envoy",
        "envoys",
        "representatives",
        "negotiators",
        "side",
        "camp",
        "coalition",
        "artillery",
        "missiles",
        "warships",
        "ministry",
    ]
)
GOVERNMENT_NOUNS = frozenset(["government", "administration", "authorities", "regime", "cabinet", "junta"])
# Words that leave a country name a country: "the U.S. Government", "Sudanese Armed Forces".
GENERIC_STATE_WORDS = frozenset(
    [
        "government",
        "governments",
        "administration",
        "authorities",
        "regime",
        "armed",
        "forces",
        "force",
        "army",
        "military",
        "navy",
        "navies",
        "air",
        "troops",
        "ministry",
        "ministries",
        "state",
        "federal",
        "republic",
        "officials",
        "people",
        "'s",
        "embassy",
    ]
)
# Nouns for an actor's undertaking: "this UN-led engagement", "the efforts of X".
EFFORT_NOUNS = frozenset(
    [
        "effort",
        "efforts",
        "engagement",
        "engagements",
        "initiative",
        "initiatives",
        "mediation",
        "leadership",
        "work",
        "role",
        "proposal",
    ]
)
# Person roles whose apposition names the person: "the Personal Envoy, Mr. Pekka Haavisto".
PERSON_ROLE_NOUNS = frozenset(
    [
        "envoy",
        "mediator",
        "representative",
        "official",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "adviser",
        "advisor",
        "negotiator",
        "minister",
        "secretary",
    ]
)
# What an attack hits when it is not an actor: the owner is the one attacked.
TARGET_NOUNS = frozenset(
    [
        "target",
        "targets",
        "installation",
        "installations",
        "position",
        "positions",
        "facility",
        "facilities",
        "site",
        "sites",
        "base",
        "bases",
        "infrastructure",
        # a state's cities as a whole: "missile strikes on Ukrainian cities" (one named city is a place)
        "cities",
        "towns",
        "network",
        "networks",
        "asset",
        "assets",
        "stronghold",
        "strongholds",
        "area",
        "areas",
        "territory",
        "camp",
        "camps",
        "depot",
        "depots",
        "headquarters",
        "outpost",
        "outposts",
        "convoy",
        "convoys",
        "patrol",
        "patrols",
        "checkpoint",
        "checkpoints",
        "garrison",
        "barracks",
        "hideout",
        "hideouts",
        "commander",
        "commanders",
        "leader",
        "leaders",
        "members",
        "militants",
        "fighters",
        "operatives",
        # a group's money men, sanctioned or struck: "designated two Hizballah financiers"
        "financiers",
        "facilitators",
        "soldiers",
        "troops",
        "forces",
        "units",
        "vessel",
        "vessels",
        "ship",
        "ships",
        "embassy",
        "embassies",
        "consulate",
        "personnel",
        "servicemembers",
        "sailors",
        "diplomats",
        "warship",
        "warships",
        "refinery",
        "refineries",
        "airbase",
        "airfield",
        "port",
        "ports",
        # equipment destroyed or downed: "shot down 30 Russian drones", "destroyed Russian tanks"
        "tank",
        "tanks",
        "drone",
        "drones",
        "aircraft",
        "jet",
        "jets",
        "warplane",
        "warplanes",
        "helicopter",
        "helicopters",
        # a state's places as targets only when the state owns them: "pounded Ukrainian cities"
        "grid",
        "city",
        "cities",
        "town",
        "towns",
        "village",
        "villages",
    ]
)
# Ships: a state's when a state word modifies them ("U.S. warships", "Philippine vessels"),
# never a merchant's ("commercial ships", "a Greek-owned vessel").
VESSEL_NOUNS = frozenset(["ship", "ships", "vessel", "vessels"])
CIVILIAN_VESSEL_WORDS = frozenset(
    ["commercial", "merchant", "cargo", "civilian", "container", "fishing", "owned", "flagged", "operated"]
)
# Class nouns resolved through a copula: "Russia and the UAE are among the countries ...".
GENERIC_GROUP_NOUNS = frozenset(
    [
        "countries",
        "country",
        "nations",
        "nation",
        "states",
        "state",
        "powers",
        "power",
        "governments",
        "government",
        "actors",
        "players",
        "parties",
        "members",
        "groups",
        "backers",
        "supporters",
        "allies",
        "those",
    ]
)
# Collective references to the belligerents of the article.
COLLECTIVE_NOUNS = frozenset(["parties", "sides", "belligerents", "factions", "combatants"])

# "X-backed Y" inside one token or across "X - backed".
COMPOUND_PARTICIPLES: dict[str, Sense] = {
    "backed": _s(C.SUPPORTS, "SUPPORT", confidence=0.8),
    "supported": _s(C.SUPPORTS, "SUPPORT", confidence=0.8),
    "sponsored": _s(C.SUPPORTS, "SUPPORT", confidence=0.8),
    "funded": _s(C.SUPPORTS, "AID", confidence=0.8),
    "financed": _s(C.SUPPORTS, "AID", confidence=0.8),
    "armed": _s(C.SUPPORTS, "AID", confidence=0.8),
    "trained": _s(C.SUPPORTS, "AID", confidence=0.7),
    "equipped": _s(C.SUPPORTS, "AID", confidence=0.75),
    "allied": _s(C.ALLIED_WITH, "COOPERATE", confidence=0.75),
    "aligned": _s(C.ALLIED_WITH, "COOPERATE", confidence=0.7),
    "led": _s(C.LEADS, "LEAD", confidence=0.7),
    "brokered": _s(C.MEDIATES, "MEDIATE", confidence=0.8),
    "mediated": _s(C.MEDIATES, "MEDIATE", confidence=0.8),
    "hosted": _s(C.MEDIATES, "MEDIATE", confidence=0.7),
    "facilitated": _s(C.MEDIATES, "MEDIATE", confidence=0.7),
}

# Participles whose prefix is a backer or ally of the head, never the head itself.
BACKER_PARTICIPLES = frozenset(
    lemma for lemma, sense in COMPOUND_PARTICIPLES.items() if sense.type in (C.SUPPORTS, C.ALLIED_WITH)
) | {"affiliated", "linked", "inspired"}

# -- modality ----------------------------------------------------------------
HEDGE_ADVERBS = frozenset(
    [
        "reportedly",
        "allegedly",
        "purportedly",
        "apparently",
        "possibly",
        "probably",
        "likely",
        "presumably",
        "supposedly",
        "seemingly",
        "ostensibly",
    ]
)
# Verbs above a trigger that make it someone's assertion, not a fact.
HEDGE_VERBS = frozenset(
    [
        "accuse",
        "allege",
        "suspect",
        "claim",
        "believe",
        "think",
        "rumor",
        "rumour",
        "report",
        "suggest",
        "appear",
        "seem",
        "charge",
    ]
)
# Passive-only hedges: "is said to", "is believed to" (active "says" is just speech).
PASSIVE_HEDGE_VERBS = frozenset(
    ["say", "believe", "think", "report", "understand", "know", "rumor", "rumour"]
)
NEGATING_VERBS = frozenset(["deny", "refute", "dismiss", "disavow", "reject", "refuse", "decline"])
ENDING_VERBS = frozenset(
    [
        "stop",
        "cease",
        "end",
        "halt",
        "quit",
        "abandon",
        "suspend",
        "withdraw",
        "drop",
        "discontinue",
        "cut",
        "terminate",
        "freeze",
    ]
)
ENDED_MODIFIERS = frozenset(
    ["former", "formerly", "previously", "once", "erstwhile", "onetime", "one-time", "ex"]
)
HYPOTHETICAL_AUX = frozenset(["could", "would", "might", "may", "should", "must", "ought", "can"])
HYPOTHETICAL_VERBS = frozenset(
    [
        "plan",
        "consider",
        "threaten",
        "want",
        "seek",
        "intend",
        "propose",
        "offer",
        "try",
        "aim",
        "hope",
        "expect",
        "wish",
        "weigh",
        "mull",
        "urge",
        "call",
        "ask",
        "press",
        "encourage",
    ]
)
HYPOTHETICAL_ADJECTIVES = frozenset(["ready", "willing", "prepared", "able", "likely", "unlikely"])
COMMITMENT_VERBS = frozenset(["pledge", "vow", "promise", "commit", "agree", "decide"])
# Verbs of an official finding: "we have determined that X committed war crimes".
FINDING_VERBS = frozenset(
    ["determine", "find", "conclude", "assess", "confirm", "establish", "judge", "document"]
)
# Verbs whose agent makes an actor's action possible: "attacks enabled by arms from X".
ENABLING_VERBS = frozenset(["enable", "fuel", "sustain", "power", "facilitate", "bolster", "finance", "fund"])
# Talking about something: "they discussed X, with the support of Y" is not Y backing them.
SPEECH_VERBS = frozenset(
    [
        "discuss",
        "say",
        "talk",
        "speak",
        "meet",
        "note",
        "stress",
        "emphasize",
        "emphasise",
        "underscore",
        "highlight",
        "reiterate",
        "express",
        "review",
        "raise",
        "welcome",
        "consult",
        "exchange",
    ]
)
