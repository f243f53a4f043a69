// @question Who is against an actor? Direct opponents, and the backers of those opponents.
// @param actor = "Government of National Accord"  Actor id, name or alias (any case)
// @param include_backers = true  Also list actors that back one of the actor's opponents
// @param backer_types = ["SUPPORTS", "ALLIED_WITH", "LEADS"]  Relation types that make a backer of an opponent
// @param min_confidence = 0.0  Ignore relations whose aggregated confidence is lower
// @example conflictgraph cypher adversaries --param actor=LNA
// @example conflictgraph cypher adversaries --param actor=GNA --param include_backers=false
// tie is OPPOSES (direct) or BACKS_OPPONENT (via names the opponent and backed_by the relation).
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR a.id = $actor OR toLower($actor) IN a.alias_keys
CALL (a) {
  MATCH (a)-[r:OPPOSES]-(adversary:Actor)
  WHERE r.confidence >= $min_confidence
  RETURN adversary, "OPPOSES" AS tie, null AS via, null AS backed_by,
         r.evidence_count AS evidence, r.confidence AS confidence,
         r.first_seen AS first_seen, r.last_seen AS last_seen
  UNION
  MATCH (a)-[war:OPPOSES]-(opponent:Actor)-[r]-(adversary:Actor)
  WHERE $include_backers AND adversary <> a AND type(r) IN $backer_types
    AND (type(r) IN ["ALLIED_WITH", "COOPERATES"] OR startNode(r) = adversary)
    AND war.confidence >= $min_confidence AND r.confidence >= $min_confidence
  RETURN adversary, "BACKS_OPPONENT" AS tie, opponent.name AS via, type(r) AS backed_by,
         r.evidence_count AS evidence, r.confidence AS confidence,
         r.first_seen AS first_seen, r.last_seen AS last_seen
}
RETURN a.name AS actor, adversary.name AS adversary, adversary.kind AS kind, tie, via, backed_by,
       evidence, confidence, first_seen, last_seen
ORDER BY tie = "BACKS_OPPONENT", evidence DESC, confidence DESC, adversary
