// @question What does the bloc structure around an actor look like? Signed relations among its neighbourhood.
// @actor actor = "Libyan National Army"  Actor id, name or alias (any case) at the centre
// @param depth = 2  How many hops out the neighbourhood reaches (at most 3)
// @example conflictgraph cypher bloc --param actor=Turkey --param depth=1
// Returns nodes and relationships, so Neo4j Browser draws the graph; sign is +1
// (cooperative), -1 (hostile) or 0 (neutral, e.g. MEDIATES, or only events between the
// two, e.g. a ceasefire agreed or talks held: alignment_count = 0), as the API's blocs
// count them.
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR a.id = $actor OR toLower($actor) IN a.alias_keys
MATCH hop = ANY SHORTEST (a)-[:SUPPORTS|ALLIED_WITH|OPPOSES|COOPERATES|MEDIATES|LEADS|MEMBER_OF]-{0,3}(m:Actor)
WITH m, length(hop) AS distance
WHERE distance <= $depth
WITH collect(DISTINCT m) AS bloc
UNWIND bloc AS source
MATCH (source)-[relation:SUPPORTS|ALLIED_WITH|OPPOSES|COOPERATES|MEDIATES|LEADS|MEMBER_OF]->(target:Actor)
WHERE target IN bloc
RETURN source, relation, target,
       CASE WHEN coalesce(relation.alignment_count, 0) = 0 THEN 0
            WHEN relation.polarity = "cooperative" THEN 1
            WHEN relation.polarity = "hostile" THEN -1 ELSE 0 END AS sign,
       relation.evidence_count AS evidence, relation.confidence AS confidence
ORDER BY source.name, type(relation), target.name
