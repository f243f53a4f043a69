// @question Who is on the same side as an actor? Direct cooperative ties, and actors that back the same side.
// @param actor = "Russia"  Actor id, name or alias (any case)
// @param types = ["ALLIED_WITH", "COOPERATES", "SUPPORTS"]  Cooperative relation types that make an ally
// @param co_backers = true  Also list actors that back (SUPPORTS or ALLIED_WITH) someone the actor backs
// @param min_confidence = 0.0  Ignore relations whose aggregated confidence is lower
// @example conflictgraph cypher allies --param actor=Turkey
// @example conflictgraph cypher allies --param actor=UAE --param co_backers=false
// tie is the relation type (direct) or BACKS_SAME_SIDE (via names the side both back);
// direction is out (actor -> ally), in (ally -> actor) or both (symmetric types).
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR a.id = $actor OR toLower($actor) IN a.alias_keys
CALL (a) {
  MATCH (a)-[r]-(ally:Actor)
  WHERE type(r) IN $types AND r.confidence >= $min_confidence
  RETURN ally, type(r) AS tie, null AS via,
         CASE WHEN type(r) IN ["ALLIED_WITH", "OPPOSES", "COOPERATES"] THEN "both"
              WHEN startNode(r) = a THEN "out" ELSE "in" END AS direction,
         r.evidence_count AS evidence, r.confidence AS confidence,
         r.first_seen AS first_seen, r.last_seen AS last_seen
  UNION
  MATCH (a)-[mine:SUPPORTS|ALLIED_WITH]-(side:Actor)-[theirs:SUPPORTS|ALLIED_WITH]-(ally:Actor)
  WHERE $co_backers AND ally <> a
    AND (mine:ALLIED_WITH OR startNode(mine) = a)
    AND (theirs:ALLIED_WITH OR startNode(theirs) = ally)
    AND mine.confidence >= $min_confidence AND theirs.confidence >= $min_confidence
  RETURN ally, "BACKS_SAME_SIDE" AS tie, side.name AS via, "both" AS direction,
         theirs.evidence_count AS evidence, theirs.confidence AS confidence,
         theirs.first_seen AS first_seen, theirs.last_seen AS last_seen
}
RETURN a.name AS actor, ally.name AS ally, ally.kind AS kind, tie, via, direction,
       evidence, confidence, first_seen, last_seen
ORDER BY tie = "BACKS_SAME_SIDE", evidence DESC, confidence DESC, ally
