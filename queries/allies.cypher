// @question Who is on the same side as an actor? Stated allies, inferred ones, and those shared through leadership.
// @actor actor = "Russia"  Actor id, name or alias (any case)
// @param inferred = true  Also list allies inferred over two hops (a shared backer, one coalition, a friend of a friend, an enemy of an enemy in the same conflict)
// @param hub_degree = 200  Do not infer through an actor with more alignments than this (a hub says little)
// @param min_confidence = 0.0  Ignore relations whose alignment confidence (of the claims that count as alignment) is lower
// @param origins = null  Use only the claims of these origins (text, acled, ucdp, gdelt, polecat), e.g. ["text"]; null uses all
// @example conflictgraph cypher allies --param actor=Turkey
// @example conflictgraph cypher allies --param actor=UAE --param inferred=false
// The rule is the API's (GET /actors/{ref}/allies), so both list the same actors.
// Only relations with evidence of alignment count (alignment_count > 0): a COOPERATES
// relation made only of agreements, talks, concessions or withdrawals (a ceasefire agreed
// by two adversaries) makes no ally, directly or on the way.
// direct: a SUPPORTS, ALLIED_WITH, COOPERATES or MEMBER_OF relation either way; leadership:
// the actor leads or is led by the ally; inferred (structural balance over two hops):
// shared_backer (one actor backs both), same_coalition (both are members of one),
// same_side (another friend of a friend, e.g. both back the same side) and enemy_of_enemy
// (both fight one enemy in the same conflict: the two actors are of one country, or one
// article reports both fights), never through a hub, and never for an actor stated to be
// an adversary. A leader and the force he leads share alignments (via_leadership). route
// is the best explaining path, read left to right; score is the product of its alignment
// confidences. Rows rank as the API's items do.
// origins: each relation as the claims of those origins state it (the API's origin=): it
// exists when one of them has a source (sources_<origin>), and its alignment count and
// confidence combine the per-origin alignment_count_<origin> and alignment_doubt_<origin>.
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR a.id = $actor OR toLower($actor) IN a.alias_keys
WITH a, [a] + COLLECT { MATCH (a)-[l:LEADS]-(p:Actor) WHERE p <> a AND ($origins IS NULL OR any(o IN $origins WHERE l["sources_" + o] IS NOT NULL)) RETURN DISTINCT p } AS side
WITH a, side, COLLECT {
  MATCH (s:Actor)-[r:OPPOSES]-(m:Actor)
  WHERE s IN side AND NOT m IN side AND ($origins IS NULL OR any(o IN $origins WHERE r["sources_" + o] IS NOT NULL))
    AND CASE WHEN $origins IS NULL THEN r.alignment_confidence ELSE round(1.0 - reduce(p = 1.0, o IN $origins | p * coalesce(r["alignment_doubt_" + o], 1.0)), 6) END >= $min_confidence
  RETURN DISTINCT m
} AS stated_against
CALL (a, side, stated_against) {
  MATCH path = (a)-[l:LEADS WHERE ($origins IS NULL OR any(o IN $origins WHERE l["sources_" + o] IS NOT NULL))]-{0,1}(s:Actor)-[r:SUPPORTS|ALLIED_WITH|COOPERATES|MEMBER_OF]-(ally:Actor)
  WHERE NOT ally IN side AND CASE WHEN $origins IS NULL THEN r.alignment_count ELSE reduce(n = 0, o IN $origins | n + coalesce(r["alignment_count_" + o], 0)) END > 0
  RETURN ally, "direct" AS basis, "direct" AS reason, nodes(path) AS ns, relationships(path) AS rs
  UNION
  MATCH path = (a)-[l:LEADS]-(ally:Actor)
  WHERE ally <> a AND ($origins IS NULL OR any(o IN $origins WHERE l["sources_" + o] IS NOT NULL))
  RETURN ally, "direct" AS basis, "leadership" AS reason, nodes(path) AS ns,
         relationships(path) AS rs
  UNION
  MATCH path = (a)-[l:LEADS WHERE ($origins IS NULL OR any(o IN $origins WHERE l["sources_" + o] IS NOT NULL))]-{0,1}(s:Actor)-[first:SUPPORTS|ALLIED_WITH|COOPERATES|MEMBER_OF|OPPOSES]-(m:Actor)
               -[second:SUPPORTS|ALLIED_WITH|COOPERATES|MEMBER_OF|OPPOSES]-(ally:Actor)
  WHERE $inferred AND NOT m IN side AND NOT ally IN side AND ally <> m
    AND CASE WHEN $origins IS NULL THEN first.alignment_count ELSE reduce(n = 0, o IN $origins | n + coalesce(first["alignment_count_" + o], 0)) END > 0
    AND CASE WHEN $origins IS NULL THEN second.alignment_count ELSE reduce(n = 0, o IN $origins | n + coalesce(second["alignment_count_" + o], 0)) END > 0
    AND NOT ally IN stated_against
    AND (type(first) = "OPPOSES") = (type(second) = "OPPOSES")
    AND COUNT { (m)-[h:SUPPORTS|ALLIED_WITH|COOPERATES|MEMBER_OF|OPPOSES]-() WHERE ($origins IS NULL OR any(o IN $origins WHERE h["sources_" + o] IS NOT NULL)) } <= $hub_degree
    // A common enemy makes allies only in the same conflict.
    AND (type(first) <> "OPPOSES"
         OR (s.country IS NOT NULL AND s.country = ally.country)
         OR EXISTS {
           MATCH (c1:Claim)<-[:STATES]-(:Article)-[:STATES]->(c2:Claim)
           WHERE c1.relation_key = startNode(first).id + "|OPPOSES|" + endNode(first).id
             AND c2.relation_key = startNode(second).id + "|OPPOSES|" + endNode(second).id
             AND ($origins IS NULL OR (coalesce(c1.origin, "text") IN $origins AND coalesce(c2.origin, "text") IN $origins))
         })
  RETURN ally, "inferred" AS basis,
         CASE WHEN type(first) = "OPPOSES" THEN "enemy_of_enemy"
              WHEN type(first) = "SUPPORTS" AND type(second) = "SUPPORTS"
                   AND startNode(first) = m AND startNode(second) = m THEN "shared_backer"
              WHEN type(first) = "MEMBER_OF" AND type(second) = "MEMBER_OF"
                   AND endNode(first) = m AND endNode(second) = m THEN "same_coalition"
              ELSE "same_side" END AS reason,
         nodes(path) AS ns, relationships(path) AS rs
}
WITH a, side, stated_against, ally, basis, reason, ns, rs
WHERE all(r IN rs WHERE CASE WHEN $origins IS NULL THEN r.alignment_confidence ELSE round(1.0 - reduce(p = 1.0, o IN $origins | p * coalesce(r["alignment_doubt_" + o], 1.0)), 6) END >= $min_confidence)
// A leader shares the alignments of the force he leads, and the force its leader's.
CALL (side, stated_against, ally, basis, reason, ns, rs) {
  RETURN ally AS member, ns AS member_ns, rs AS member_rs
  UNION
  MATCH (ally)-[lead:LEADS]-(partner:Actor)
  WHERE reason <> "leadership" AND COUNT { (ally)-[l:LEADS]-() WHERE ($origins IS NULL OR any(o IN $origins WHERE l["sources_" + o] IS NOT NULL)) } <= 20
    AND NOT partner IN side AND NOT partner IN stated_against AND NOT partner IN ns
    AND ($origins IS NULL OR any(o IN $origins WHERE lead["sources_" + o] IS NOT NULL)) AND CASE WHEN $origins IS NULL THEN lead.alignment_confidence ELSE round(1.0 - reduce(p = 1.0, o IN $origins | p * coalesce(lead["alignment_doubt_" + o], 1.0)), 6) END >= $min_confidence
  RETURN partner AS member, ns + [partner] AS member_ns, rs + [lead] AS member_rs
}
WITH a, member, basis, reason, member_ns AS ns, member_rs AS rs,
     reduce(score = 1.0, r IN member_rs | score * CASE WHEN $origins IS NULL THEN r.alignment_confidence ELSE round(1.0 - reduce(p = 1.0, o IN $origins | p * coalesce(r["alignment_doubt_" + o], 1.0)), 6) END) AS score,
     any(r IN member_rs WHERE type(r) = "LEADS") AS via_leadership
ORDER BY basis <> "direct", via_leadership, score DESC
WITH a, member, collect({basis: basis, via_leadership: via_leadership, score: score, ns: ns,
                         rs: rs}) AS ways, collect(DISTINCT reason) AS reasons
WITH a, member, ways[0] AS best, reasons
RETURN a.name AS actor, member.name AS ally, member.kind AS kind, best.basis AS basis,
       COLLECT { UNWIND reasons AS reason RETURN reason ORDER BY reason } AS reasons,
       best.via_leadership AS via_leadership, round(best.score, 4) AS score,
       reduce(route = best.ns[0].name, i IN range(0, size(best.rs) - 1) |
         route + CASE WHEN type(best.rs[i]) IN ["ALLIED_WITH", "OPPOSES", "COOPERATES"]
                           THEN " -" + type(best.rs[i]) + "- "
                      WHEN startNode(best.rs[i]) = best.ns[i]
                           THEN " -" + type(best.rs[i]) + "-> " ELSE " <-" + type(best.rs[i]) + "- " END
               + best.ns[i + 1].name) AS route
ORDER BY basis <> "direct", via_leadership, best.score DESC, ally
