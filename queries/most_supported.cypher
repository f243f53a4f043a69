// @question Which actors have the most external supporters (backers from another country)?
// @param types = ["SUPPORTS", "ALLIED_WITH"]  Relation types that count as support (SUPPORTS towards the actor; symmetric types either way)
// @param limit = 10  How many actors to list
// @param min_confidence = 0.0  Ignore relations whose aggregated confidence is lower
// @example conflictgraph cypher most_supported --param limit=5
// @example conflictgraph cypher most_supported --param types=SUPPORTS
// A supporter is external when its country differs from the actor's, or either is unknown
// (IGOs and most persons have no country). An alliance counts for both partners.
MATCH (a:Actor)-[r]-(supporter:Actor)
WHERE type(r) IN $types AND r.confidence >= $min_confidence
  AND (type(r) IN ["ALLIED_WITH", "OPPOSES", "COOPERATES"] OR endNode(r) = a)
  AND (supporter.country IS NULL OR a.country IS NULL OR supporter.country <> a.country)
WITH a, supporter, sum(r.evidence_count) AS evidence
ORDER BY supporter.name
WITH a, count(supporter) AS external_supporters, collect(supporter.name) AS supporters,
     sum(evidence) AS evidence
RETURN a.name AS actor, a.kind AS kind, a.country AS country, external_supporters, supporters,
       evidence
ORDER BY external_supporters DESC, evidence DESC, actor
LIMIT toInteger($limit)
