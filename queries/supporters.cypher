// @question Who supports an actor, and on what evidence?
// @actor actor = "Libyan National Army"  Actor id, name or alias (any case)
// @param types = ["SUPPORTS", "ALLIED_WITH"]  Relation types that count as support (SUPPORTS towards the actor; symmetric types either way)
// @param min_confidence = 0.0  Ignore relations whose aggregated confidence is lower
// @param origins = null  Use only the claims of these origins (text, acled, ucdp, gdelt, polecat), e.g. ["text"]; null uses all
// @example conflictgraph cypher supporters --param actor=GNA
// @example conflictgraph cypher supporters --param actor=LNA --param types=SUPPORTS
// @example conflictgraph cypher supporters --param actor=Sudan --param origins=acled,ucdp
// example_sentence is the earliest sentence stating the relation; see evidence.cypher for all.
// sources: the independent sources behind the relation, as [origin, count] pairs (distinct
// articles for text, distinct records for a dataset). With origins, each relation is what the
// claims of those origins state (evidence, confidence, dates), as the API's origin= answers.
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR a.id = $actor OR toLower($actor) IN a.alias_keys
MATCH (a)-[r]-(supporter:Actor)
WHERE type(r) IN $types
  AND (type(r) IN ["ALLIED_WITH", "OPPOSES", "COOPERATES"] OR endNode(r) = a)
CALL (r) {
  MATCH (c:Claim {relation_key: startNode(r).id + "|" + type(r) + "|" + endNode(r).id})
  WHERE $origins IS NOT NULL AND coalesce(c.origin, "text") IN $origins
  RETURN count(c) AS claims, min(c.published) AS first, max(c.published) AS last,
         round(1.0 - reduce(p = 1.0, x IN collect(c.confidence) | p * (1.0 - x)), 6) AS strength
}
WITH a, r, supporter,
     CASE WHEN $origins IS NULL THEN r.evidence_count ELSE claims END AS evidence,
     CASE WHEN $origins IS NULL THEN r.confidence ELSE strength END AS confidence,
     CASE WHEN $origins IS NULL THEN r.first_seen ELSE first END AS first_seen,
     CASE WHEN $origins IS NULL THEN r.last_seen ELSE last END AS last_seen
WHERE evidence > 0 AND confidence >= $min_confidence
RETURN a.name AS actor, supporter.name AS supporter, supporter.kind AS kind,
       supporter.country AS country, type(r) AS relation, evidence, confidence, first_seen,
       last_seen,
       [o IN ["text", "acled", "ucdp", "gdelt", "polecat"]
        WHERE r["sources_" + o] IS NOT NULL AND ($origins IS NULL OR o IN $origins)
        | [o, r["sources_" + o]]] AS sources,
       COLLECT {
         MATCH (c:Claim {relation_key: startNode(r).id + "|" + type(r) + "|" + endNode(r).id})
         WHERE $origins IS NULL OR coalesce(c.origin, "text") IN $origins
         RETURN c.sentence ORDER BY c.published, c.start LIMIT 1
       }[0] AS example_sentence
ORDER BY evidence DESC, confidence DESC, supporter
