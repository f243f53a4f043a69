// @question Which actors appeared in the graph in the last N days?
// @param days = 30  How far back to look from now
// @param limit = 100  How many actors to list, newest first
// @example conflictgraph cypher new_actors --param days=7
// created is when the actor was first written to this database (not the article date).
MATCH (a:Actor)
WHERE a.created >= datetime() - duration({days: $days})
RETURN a.name AS actor, a.id AS id, a.kind AS kind, a.country AS country, a.created AS created,
       COUNT { (:Article)-[:MENTIONS]->(a) } AS articles,
       COUNT { (a)-[:SUPPORTS|ALLIED_WITH|OPPOSES|COOPERATES|MEDIATES|LEADS|MEMBER_OF]-(:Actor) }
         AS relations
ORDER BY created DESC, actor
LIMIT toInteger($limit)
