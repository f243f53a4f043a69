"""What counts as alignment: events between adversaries never make allies, and an ally
inferred over two hops needs a link an analyst would accept. Run against both stores.

* A ceasefire, talks or a prisoner exchange between two parties (AGREE, CONSULT claims)
  is an event between them: the two are never listed as allies, never put in one bloc,
  and nobody is inferred to be an ally through such an event.
* A common enemy makes allies only in the same conflict: the two hostilities are
  reported by one article, or the two actors are of one country. "RSF opposes the US,
  the US opposes the Houthis" (two unrelated articles) lists nobody.
* What must still be inferred: a shared backer, co-belligerents in one conflict, and
  members of one coalition, each with its reason.
* An adversary through someone else's backing (an enemy's protégé, a backer's enemy)
  needs one conflict as well; the backers of an opponent need none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from conflictgraph.graph.model import Actor, Article, ArticleGraph, Claim, RelationType
from conflictgraph.graph.store import GraphStore
from conflictgraph.queries.alignment import adversaries, allies
from conflictgraph.queries.blocs import find_blocs

T = RelationType

SAF = Actor(id="saf", name="Sudanese Armed Forces", kind="armed_group", country="SD")
RSF = Actor(id="rsf", name="Rapid Support Forces", kind="armed_group", country="SD")
UAE = Actor(id="uae", name="United Arab Emirates", kind="state", country="AE")
EGYPT = Actor(id="egypt", name="Egypt", kind="state", country="EG")
US = Actor(id="us", name="United States", kind="state", country="US")
HOUTHIS = Actor(id="houthis", name="Houthis", kind="armed_group", country="YE")
LNA = Actor(id="lna", name="Libyan National Army", kind="armed_group", country="LY")
GNA = Actor(id="gna", name="Government of National Accord", kind="government", country="LY")
TURKEY = Actor(id="turkey", name="Turkey", kind="state", country="TR")
SPLM = Actor(id="splm-n", name="SPLM-North", kind="armed_group", country="SD")
AA = Actor(id="arakan-army", name="Arakan Army", kind="armed_group", country="MM")
MNDAA = Actor(id="mndaa", name="MNDAA", kind="armed_group", country="MM")
BROTHERHOOD = Actor(id="three-brotherhood", name="Three Brotherhood Alliance",
                    kind="armed_group", country="MM")
JUNTA = Actor(id="junta", name="Myanmar junta", kind="government", country="MM")

ClaimSpec = tuple[Actor, Actor, RelationType, str, str]  # subject, object, type, category, sentence


def article(slug: str, claims: Sequence[ClaimSpec], published: date = date(2024, 5, 1),
            confidence: float = 0.8) -> ArticleGraph:
    """One article whose text is the claims' sentences, with exact offsets."""
    sentences = list(dict.fromkeys(spec[4] for spec in claims))
    text = " ".join(sentences)
    art = Article.from_text(text, url=f"https://example.org/{slug}", title=slug,
                            published=published, source="test")
    built = []
    for subject, obj, rel_type, category, sentence in claims:
        start = text.index(sentence)
        built.append(Claim(
            article_id=art.id, subject_id=subject.id, object_id=obj.id, type=rel_type,
            category=category, confidence=confidence, sentence=sentence, start=start,
            end=start + len(sentence), subject_text=subject.name, object_text=obj.name,
            published=published, extractor="test",
        ))
    actors = {a.id: a for s, o, *_ in claims for a in (s, o)}
    return ArticleGraph(article=art, actors=list(actors.values()), claims=built)


def names(items: list) -> set[str]:
    return {item.actor.name for item in items}


def item(items: list, name: str):
    (found,) = [i for i in items if i.actor.name == name]
    return found


# -- events between adversaries ---------------------------------------------------------------
def sudan_ceasefire() -> list[ArticleGraph]:
    """The army and the RSF fight, then agree a ceasefire, hold talks and swap prisoners; the
    UAE backs the RSF and talks to the army; Egypt backs the army."""
    return [
        article("fighting", [
            (SAF, RSF, T.OPPOSES, "ASSAULT", "The army and the RSF fought for Khartoum."),
            (UAE, RSF, T.SUPPORTS, "AID", "The UAE armed the RSF."),
            (EGYPT, SAF, T.SUPPORTS, "SUPPORT", "Egypt backs the army."),
        ], published=date(2024, 4, 1)),
        article("ceasefire", [
            (SAF, RSF, T.COOPERATES, "AGREE", "The army and the RSF agreed to a ceasefire."),
            (SAF, RSF, T.COOPERATES, "CONSULT", "The army met the RSF in Jeddah for talks."),
            (RSF, SAF, T.COOPERATES, "AGREE", "The RSF and the army agreed to a prisoner exchange."),
            (UAE, SAF, T.COOPERATES, "CONSULT", "The UAE held talks with the army."),
        ], published=date(2024, 5, 1), confidence=0.9),
    ]


def test_parties_to_a_ceasefire_are_never_allies(store: GraphStore) -> None:
    store.upsert(sudan_ceasefire())
    rsf_allies = allies(store, "rsf")
    assert "Sudanese Armed Forces" not in names(rsf_allies.items)
    assert "Rapid Support Forces" not in names(allies(store, "saf").items)
    # Nobody is inferred an ally through an agreement or talks: Egypt backs the army,
    # which agreed a ceasefire with the RSF; the UAE talked to the army.
    assert names(rsf_allies.items) == {"United Arab Emirates"}
    assert names(allies(store, "saf").items) == {"Egypt"}
    assert "United Arab Emirates" not in names(allies(store, "egypt").items)
    # They stay adversaries, and their backers each other's.
    assert "Sudanese Armed Forces" in names(adversaries(store, "rsf").items)
    assert "Egypt" in names(adversaries(store, "rsf").items)


def test_parties_to_a_ceasefire_never_share_a_bloc(store: GraphStore) -> None:
    store.upsert(sudan_ceasefire())
    answer = find_blocs(store, actors=["saf", "rsf", "uae", "egypt"]).answer
    bloc_of = {m.id: index for index, bloc in enumerate(answer.blocs) for m in bloc.members}
    assert bloc_of["saf"] != bloc_of["rsf"]
    assert bloc_of["uae"] == bloc_of["rsf"] and bloc_of["egypt"] == bloc_of["saf"]
    assert answer.frustration == 0
    around = find_blocs(store, around="rsf").answer
    bloc_of = {m.id: index for index, bloc in enumerate(around.blocs) for m in bloc.members}
    assert bloc_of["saf"] != bloc_of["rsf"]


def test_relations_keep_event_claims_apart_from_alignment(store: GraphStore) -> None:
    store.upsert(sudan_ceasefire())
    (talks,) = [r for r in store.neighbours("saf", types=[T.COOPERATES]) if "rsf" in r.key]
    (uae_talks,) = store.neighbours("uae", types=[T.COOPERATES])
    # Shown as a relation with all its claims, but no alignment evidence.
    assert talks.evidence_count == 3 and talks.confidence > 0.99
    assert (talks.alignment_count, talks.alignment_confidence, talks.alignment_sign) == (0, 0.0, 0)
    assert uae_talks.alignment_sign == 0
    (fight,) = store.neighbours("saf", types=[T.OPPOSES])
    assert (fight.alignment_count, fight.alignment_confidence, fight.alignment_sign) == (
        1, fight.confidence, -1)


def test_cooperation_beside_events_counts_only_itself(store: GraphStore) -> None:
    """A relation with both an agreement and real cooperation is an alignment, scored and
    explained by the cooperation alone."""
    store.upsert(sudan_ceasefire())
    store.upsert([article("joint", [
        (SAF, SPLM, T.COOPERATES, "AGREE", "The army and the SPLM-North signed a deal."),
        (SAF, SPLM, T.COOPERATES, "COOPERATE", "The army and the SPLM-North ran joint patrols."),
    ], confidence=0.6)])
    splm = item(allies(store, "saf").items, "SPLM-North")
    assert splm.basis == "direct" and splm.score == 0.6
    (hop,) = splm.paths[0].hops
    assert (hop.confidence, hop.evidence_count) == (0.6, 1)
    assert [e.sentence for e in hop.evidence] == [
        "The army and the SPLM-North ran joint patrols."]


# -- a common enemy is not enough --------------------------------------------------------------
def unrelated_wars() -> list[ArticleGraph]:
    return [
        article("sudan-us", [(RSF, US, T.OPPOSES, "ACCUSE", "The RSF denounced the United States.")]),
        article("red-sea", [(US, HOUTHIS, T.OPPOSES, "ASSAULT", "The United States struck the Houthis.")]),
    ]


def test_a_common_enemy_in_another_conflict_makes_no_ally(store: GraphStore) -> None:
    store.upsert(unrelated_wars())
    assert "Houthis" not in names(allies(store, "rsf").items)
    assert "Rapid Support Forces" not in names(allies(store, "houthis").items)
    assert allies(store, "rsf").items == []
    # Each still has its stated adversary.
    assert names(adversaries(store, "rsf").items) == {"United States"}


# -- what is still inferred, with its reason --------------------------------------------------
def shared_backer() -> list[ArticleGraph]:
    return [
        article("uae-rsf", [(UAE, RSF, T.SUPPORTS, "AID", "The UAE armed the RSF.")]),
        article("uae-lna", [(UAE, LNA, T.SUPPORTS, "AID", "The UAE armed the LNA.")]),
    ]


def co_belligerents() -> list[ArticleGraph]:
    return [
        article("tripoli", [
            (TURKEY, LNA, T.OPPOSES, "ASSAULT", "Turkish drones struck LNA positions."),
            (GNA, LNA, T.OPPOSES, "ASSAULT", "GNA forces pushed the LNA back from Tripoli."),
        ]),
        article("kordofan", [(SAF, RSF, T.OPPOSES, "ASSAULT", "The army fought the RSF.")]),
        article("kadugli", [(SPLM, RSF, T.OPPOSES, "ASSAULT", "The SPLM-North fought the RSF.")]),
    ]


def coalition() -> list[ArticleGraph]:
    return [
        article("aa", [(AA, BROTHERHOOD, T.MEMBER_OF, "COOPERATE",
                        "The Arakan Army is part of the Three Brotherhood Alliance.")]),
        article("mndaa", [(MNDAA, BROTHERHOOD, T.MEMBER_OF, "COOPERATE",
                           "The MNDAA is a member of the Three Brotherhood Alliance.")]),
        article("junta", [(BROTHERHOOD, JUNTA, T.OPPOSES, "ASSAULT",
                           "The Three Brotherhood Alliance attacked the junta.")]),
    ]


def test_a_shared_backer_makes_allies(store: GraphStore) -> None:
    store.upsert(shared_backer())
    lna = item(allies(store, "rsf").items, "Libyan National Army")
    assert (lna.basis, lna.reasons) == ("inferred", ["shared_backer"])
    assert [(h.source.id, h.target.id, h.direction) for h in lna.paths[0].hops] == [
        ("rsf", "uae", "backward"), ("uae", "lna", "forward")]


def test_co_belligerents_in_one_conflict_are_allies(store: GraphStore) -> None:
    store.upsert(co_belligerents())
    gna = item(allies(store, "turkey").items, "Government of National Accord")
    assert (gna.basis, gna.reasons) == ("inferred", ["enemy_of_enemy"])
    link = gna.paths[0].same_conflict
    assert link is not None and link.kind == "article" and link.article is not None
    assert link.article.url == "https://example.org/tripoli"
    # Two Sudanese forces fighting the RSF in separate reports: one country's war.
    splm = item(allies(store, "saf").items, "SPLM-North")
    assert splm.reasons == ["enemy_of_enemy"]
    link = splm.paths[0].same_conflict
    assert link is not None and (link.kind, link.country) == ("country", "SD")


def test_members_of_one_coalition_are_allies(store: GraphStore) -> None:
    store.upsert(coalition())
    aa = allies(store, "arakan-army")
    assert item(aa.items, "Three Brotherhood Alliance").basis == "direct"
    mndaa = item(aa.items, "MNDAA")
    assert (mndaa.basis, mndaa.reasons) == ("inferred", ["same_coalition"])
    # A coalition's enemy is its members' enemy.
    junta = item(adversaries(store, "arakan-army").items, "Myanmar junta")
    assert (junta.basis, junta.reasons) == ("inferred", ["enemy_of_friend"])


# -- adversaries through someone else's backing need one conflict too ---------------------------
def backings_elsewhere() -> list[ArticleGraph]:
    """The RSF fights the US, which backs the GNA in Libya; the UAE backs the RSF and, in
    another war, fights the Houthis; Egypt backs the army, which fights the RSF."""
    return [
        article("sudan-us", [(RSF, US, T.OPPOSES, "ACCUSE", "The RSF denounced the United States.")]),
        article("us-gna", [(US, GNA, T.SUPPORTS, "SUPPORT", "The United States backs the GNA.")]),
        article("uae-rsf", [(UAE, RSF, T.SUPPORTS, "AID", "The UAE armed the RSF.")]),
        article("yemen", [(UAE, HOUTHIS, T.OPPOSES, "ASSAULT", "The UAE fought the Houthis.")]),
        article("khartoum", [
            (SAF, RSF, T.OPPOSES, "ASSAULT", "The army fought the RSF."),
            (EGYPT, SAF, T.SUPPORTS, "AID", "Egypt armed the army."),
            (UAE, SAF, T.OPPOSES, "ACCUSE", "The UAE denounced the army."),
        ]),
    ]


def test_an_adversary_through_a_backing_elsewhere_needs_one_conflict(store: GraphStore) -> None:
    store.upsert(backings_elsewhere())
    rsf = names(adversaries(store, "rsf").items)
    # The protégé of an enemy in another war, and the enemy of a backer in another war: no.
    assert "Government of National Accord" not in rsf and "Houthis" not in rsf
    # The backers of an opponent always; an enemy of a backer reported in the same war.
    egypt = item(adversaries(store, "rsf").items, "Egypt")
    assert (egypt.basis, egypt.reasons) == ("inferred", ["friend_of_enemy"])
    assert egypt.paths[0].same_conflict is None
    army = item(adversaries(store, "rsf").items, "Sudanese Armed Forces")
    assert army.basis == "direct"
    # The enemy of the side one backs is always an adversary.
    assert "Sudanese Armed Forces" in names(adversaries(store, "uae").items)


def test_an_adversary_through_a_backing_in_the_same_war(store: GraphStore) -> None:
    store.upsert([article("darfur", [
        (UAE, RSF, T.SUPPORTS, "AID", "The UAE armed the RSF."),
        (UAE, SPLM, T.OPPOSES, "ACCUSE", "The UAE denounced the SPLM-North."),
    ])])
    splm = item(adversaries(store, "rsf").items, "SPLM-North")
    assert (splm.basis, splm.reasons) == ("inferred", ["enemy_of_friend"])
    link = splm.paths[0].same_conflict
    assert link is not None and link.kind == "country" and link.country == "SD"


# Every graph of this file, for the cookbook's check that Browser and API agree on them.
SCENARIOS = {"ceasefire": sudan_ceasefire, "unrelated-wars": unrelated_wars,
             "shared-backer": shared_backer, "co-belligerents": co_belligerents,
             "coalition": coalition, "backings-elsewhere": backings_elsewhere}
