// @question Who supports an actor, and on what evidence?
// @actor actor = "Libyan National Army"  Actor id, name or alias (any case)
// @param types = ["SUPPORTS", "ALLIED_WITH"]  Relation types that count as support (SUPPORTS towards the actor; symmetric types either way)
// @param min_confidence = 0.0  Ignore relations whose aggregated confidence is lower
// @example conflictgraph cypher supporters --param actor=GNA
// @example conflictgraph cypher supporters --param actor=LNA --param types=SUPPORTS
// example_sentence is the earliest sentence stating the relation; see evidence.cypher for all.
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR a.id = $actor OR toLower($actor) IN a.alias_keys
MATCH (a)-[r]-(supporter:Actor)
WHERE type(r) IN $types AND r.confidence >= $min_confidence
  AND (type(r) IN ["ALLIED_WITH", "OPPOSES", "COOPERATES"] OR endNode(r) = a)
RETURN a.name AS actor, supporter.name AS supporter, supporter.kind AS kind,
       supporter.country AS country, type(r) AS relation, r.evidence_count AS evidence,
       r.confidence AS confidence, r.first_seen AS first_seen, r.last_seen AS last_seen,
       COLLECT {
         MATCH (c:Claim {relation_key: startNode(r).id + "|" + type(r) + "|" + endNode(r).id})
         RETURN c.sentence ORDER BY c.published, c.start LIMIT 1
       }[0] AS example_sentence
ORDER BY evidence DESC, confidence DESC, supporter
