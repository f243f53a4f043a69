// @question What did the graph around an actor look like on a date? Relations as the claims dated up to then state them.
// @actor actor = "Libyan National Army"  Actor id, name or alias (any case) at the centre
// @param as_of = "2020-10-31"  Last day of the claims used (ISO date): the graph as of then
// @param depth = 2  How many hops out the neighbourhood reaches (at most 3)
// @example conflictgraph cypher as_of --param actor=RSF --param as_of=2022-12-31
// The same rule as the API's as_of: each relation counts only its claims dated up to
// as_of (a claim's date is the event's, else its article's), evidence_then counting those
// that state it, first and last seen then; a relation without one is not drawn.
// closed_on_then: the relation had ended by as_of (a later claim said so, and none stated
// it again): it is drawn, but it was no current alliance or support.
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
  WITH c, coalesce(c.event_date, c.published) AS day, coalesce(c.ended, false) AS ended
  WHERE day <= date($as_of)
  RETURN count(CASE WHEN NOT ended THEN c END) AS evidence_then, min(day) AS first_seen_then,
         max(day) AS last_seen_then, max(CASE WHEN NOT ended THEN day END) AS last_stated,
         max(CASE WHEN ended THEN day END) AS last_ended
}
WITH source, relation, target, evidence_then, first_seen_then, last_seen_then,
     CASE WHEN last_ended IS NOT NULL AND (last_stated IS NULL OR last_ended > last_stated)
          THEN last_ended END AS closed_on_then
WHERE evidence_then > 0 OR closed_on_then IS NOT NULL
RETURN source, relation, target, relation.polarity AS polarity, evidence_then,
       first_seen_then, last_seen_then, closed_on_then,
       relation.evidence_count AS evidence_all_time
ORDER BY source.name, type(relation), target.name
