"""The relation lexicon: which words state which relation, read from data files.

Verbs and nouns map to a relation type and a PLOVER-style event category.
Tables are keyed by lemma; a token is looked up through its lemma from
``lemmas.py`` (the model's own lemmatizer data, without running its lemmatizer
and attribute ruler), and spaCy's fine-grained tag tells verbs from nouns.

The tables are data: ``rules/triggers.jsonl`` (one trigger a line, with its
sense), ``rules/cameo_triggers.jsonl`` (the event triggers converted from the
CAMEO dictionary, kept in tables of their own) and ``rules/words.toml`` (the word
sets), read once at import by
``rulefiles.load_rules`` together with the user's file named by
``CONFLICTGRAPH_RULES`` (read at startup: a change needs a restart). A broken
file stops the import with a ``RuleError`` naming its file and line.
"""

from __future__ import annotations

from ...config import get_settings
from ...graph.model import RelationType
from .rulefiles import Rules, TriggerTable, load_rules
from .types import Sense

__all__ = [
    "AGREEMENT_NOUNS",
    "APPROVED_NOUNS",
    "ATTACK_NOUNS",
    "BACKER_PARTICIPLES",
    "BETWEEN_HOSTILE",
    "BETWEEN_TALKS",
    "CAPTIVE_NOUNS",
    "CIVILIAN_VESSEL_WORDS",
    "COLLECTIVE_NOUNS",
    "COMPOUND_PARTICIPLES",
    "CONDUCT_NOUNS",
    "COST_NOUNS",
    "DEPLOYING_VERBS",
    "DESIGNATION_WORDS",
    "DISPUTED_NOUNS",
    "DISPUTING_VERBS",
    "EFFORT_NOUNS",
    "ELABORATING_VERBS",
    "ENABLING_VERBS",
    "ENDED_MODIFIERS",
    "ENDING_VERBS",
    "EVENT_PHRASES",
    "EVENT_VERBS",
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
    "MEMBERSHIP_BODY_WORDS",
    "NEGATING_VERBS",
    "PASSIVE_HEDGE_VERBS",
    "PEACE_MODIFIERS",
    "PEACE_NOUNS",
    "PERSON_ROLE_NOUNS",
    "PROJECTILE_NOUNS",
    "QUANTITY_NOUNS",
    "REPORTING_VERBS",
    "ROLE_NOUNS",
    "SPEECH_VERBS",
    "STOPPAGE_NOUNS",
    "SUPPORT_NOUNS",
    "SWAP_NOUNS",
    "TALK_NOUNS",
    "TARGET_NOUNS",
    "TITLE_LEADS",
    "TITLE_PAIRS",
    "UNDERGOING_VERBS",
    "VERBS",
    "VERB_PHRASES",
    "VESSEL_NOUNS",
]


_RULES: Rules = load_rules(get_settings().rules_path)
_WORDS = _RULES.words

# -- triggers (rules/triggers.jsonl): lemma -> the sense it states ---------------------------
VERBS: dict[str, Sense] = _RULES.table(TriggerTable.VERBS)
# Phrases headed by a verb ("cut ties", "come to aid"): head -> (the words after it, sense).
VERB_PHRASES = _RULES.phrases()
# The event triggers converted from the CAMEO dictionary (rules/cameo_triggers.jsonl), read
# only where no hand trigger reads the verb: one-word verbs, and phrases by their head.
EVENT_VERBS: dict[str, Sense] = _RULES.table(TriggerTable.VERBS, converted=True)
EVENT_PHRASES = _RULES.phrases(converted=True)
# Role nouns: "X is a supporter of Y", "the head of Y, X", "Y's backer X".
ROLE_NOUNS: dict[str, Sense] = _RULES.table(TriggerTable.ROLE_NOUNS)
# Material support nouns: "X's support for Y", "weapons to Y".
SUPPORT_NOUNS: dict[str, Sense] = _RULES.table(TriggerTable.SUPPORT_NOUNS)
ATTACK_NOUNS: dict[str, Sense] = _RULES.table(TriggerTable.ATTACK_NOUNS)
# "X-backed Y" inside one token or across "X - backed".
COMPOUND_PARTICIPLES: dict[str, Sense] = _RULES.table(TriggerTable.COMPOUND_PARTICIPLES)

# -- word sets (rules/words.toml; what each is for is written there) -------------------------
APPROVED_NOUNS = _WORDS["APPROVED_NOUNS"]
MEDIATION_VERBS = _WORDS["MEDIATION_VERBS"]
TITLE_LEADS = _WORDS["TITLE_LEADS"]
TITLE_PAIRS = _RULES.pairs["TITLE_PAIRS"]
BETWEEN_HOSTILE = _WORDS["BETWEEN_HOSTILE"]
PEACE_NOUNS = _WORDS["PEACE_NOUNS"]
PEACE_MODIFIERS = _WORDS["PEACE_MODIFIERS"]
AGREEMENT_NOUNS = _WORDS["AGREEMENT_NOUNS"]
HOSTILE_ACTIVITY = _WORDS["HOSTILE_ACTIVITY"]
STOPPAGE_NOUNS = _WORDS["STOPPAGE_NOUNS"]
TALK_NOUNS = _WORDS["TALK_NOUNS"]
SWAP_NOUNS = _WORDS["SWAP_NOUNS"]
CAPTIVE_NOUNS = _WORDS["CAPTIVE_NOUNS"]
BETWEEN_TALKS = TALK_NOUNS
CONDUCT_NOUNS = _WORDS["CONDUCT_NOUNS"]
COST_NOUNS = _WORDS["COST_NOUNS"]
IMPOSING_VERBS = _WORDS["IMPOSING_VERBS"]
UNDERGOING_VERBS = _WORDS["UNDERGOING_VERBS"]
LIGHT_VERBS = _WORDS["LIGHT_VERBS"]
DEPLOYING_VERBS = _WORDS["DEPLOYING_VERBS"]
PROJECTILE_NOUNS = _WORDS["PROJECTILE_NOUNS"]
FIRING_VERBS = _WORDS["FIRING_VERBS"]
QUANTITY_NOUNS = _WORDS["QUANTITY_NOUNS"]
EXCHANGE_VERBS = _WORDS["EXCHANGE_VERBS"]
EXCHANGED_NOUNS = _WORDS["EXCHANGED_NOUNS"]
FORCE_NOUNS = _WORDS["FORCE_NOUNS"]
GOVERNMENT_NOUNS = _WORDS["GOVERNMENT_NOUNS"]
GENERIC_STATE_WORDS = _WORDS["GENERIC_STATE_WORDS"]
EFFORT_NOUNS = _WORDS["EFFORT_NOUNS"]
PERSON_ROLE_NOUNS = _WORDS["PERSON_ROLE_NOUNS"]
TARGET_NOUNS = _WORDS["TARGET_NOUNS"]
VESSEL_NOUNS = _WORDS["VESSEL_NOUNS"]
CIVILIAN_VESSEL_WORDS = _WORDS["CIVILIAN_VESSEL_WORDS"]
GENERIC_GROUP_NOUNS = _WORDS["GENERIC_GROUP_NOUNS"]
DESIGNATION_WORDS = _WORDS["DESIGNATION_WORDS"]
COLLECTIVE_NOUNS = _WORDS["COLLECTIVE_NOUNS"]
# Participles whose prefix is a backer or ally of the head, never the head itself: the
# SUPPORTS and ALLIED_WITH compound participles, and the set of that name in words.toml.
BACKER_PARTICIPLES = frozenset(
    lemma
    for lemma, sense in COMPOUND_PARTICIPLES.items()
    if sense.type in (RelationType.SUPPORTS, RelationType.ALLIED_WITH)
) | _WORDS["BACKER_PARTICIPLES"]

# "This includes partnering with X": the act of the sentence before, spelled out.
ELABORATING_VERBS = _WORDS["ELABORATING_VERBS"]

# -- modality ----------------------------------------------------------------
HEDGE_ADVERBS = _WORDS["HEDGE_ADVERBS"]
HEDGE_VERBS = _WORDS["HEDGE_VERBS"]
PASSIVE_HEDGE_VERBS = _WORDS["PASSIVE_HEDGE_VERBS"]
NEGATING_VERBS = _WORDS["NEGATING_VERBS"]
DISPUTING_VERBS = _WORDS["DISPUTING_VERBS"]
DISPUTED_NOUNS = _WORDS["DISPUTED_NOUNS"]
REPORTING_VERBS = _WORDS["REPORTING_VERBS"]
ENDING_VERBS = _WORDS["ENDING_VERBS"]
ENDED_MODIFIERS = _WORDS["ENDED_MODIFIERS"]
MEMBERSHIP_BODY_WORDS = _WORDS["MEMBERSHIP_BODY_WORDS"]
HYPOTHETICAL_AUX = _WORDS["HYPOTHETICAL_AUX"]
HYPOTHETICAL_VERBS = _WORDS["HYPOTHETICAL_VERBS"]
HYPOTHETICAL_ADJECTIVES = _WORDS["HYPOTHETICAL_ADJECTIVES"]
COMMITMENT_VERBS = _WORDS["COMMITMENT_VERBS"]
FINDING_VERBS = _WORDS["FINDING_VERBS"]
ENABLING_VERBS = _WORDS["ENABLING_VERBS"]
SPEECH_VERBS = _WORDS["SPEECH_VERBS"]


