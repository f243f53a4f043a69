// @question What did the graph around an actor look like on a date? Relations as the claims dated up to then state them.
// @actor actor = "Libyan National Army"  Actor id, name or alias (any case) at the centre
// @param as_of = "2020-10-31"  Last day of the claims used (ISO date): the graph as of then
// @param depth = 2  How many hops out the neighbourhood reaches (at most 3)
// @example conflictgraph cypher as_of --param actor=RSF --param as_of=2022-12-31
// The same rule as the API's as_of: each relation counts only its claims dated up to
// as_of (evidence_then, first and last seen then); a relation without one is not drawn.
// Returns nodes and relationships, so Neo4j Browser draws the graph as it stood.
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR a.id = $actor OR toLower($actor) IN a.alias_keys
MATCH hop = ANY SHORTEST (a)-[:SUPPORTS|ALLIED_WITH|OPPOSES|COOPERATES|MEDIATES|LEADS|MEMBER_OF]-{0,3}(m:Actor)
WITH m, length(hop) AS distance
WHERE distance <= $depth
WITH collect(DISTINCT m) AS hood
UNWIND hood AS source
MATCH (source)-[relation:SUPPORTS|ALLIED_WITH|OPPOSES|COOPERATES|MEDIATES|LEADS|MEMBER_OF]->(target:Actor)
WHERE target IN hood AND relation.first_seen <= date($as_of)
CALL (source, relation, target) {
  MATCH (c:Claim {relation_key: source.id + "|" + type(relation) + "|" + target.id})
  WHERE c.published <= date($as_of)
  RETURN count(c) AS evidence_then, min(c.published) AS first_seen_then,
         max(c.published) AS last_seen_then
}
WITH source, relation, target, evidence_then, first_seen_then, last_seen_then
WHERE evidence_then > 0
RETURN source, relation, target, relation.polarity AS polarity, evidence_then,
       first_seen_then, last_seen_then, relation.evidence_count AS evidence_all_time
ORDER BY source.name, type(relation), target.name
