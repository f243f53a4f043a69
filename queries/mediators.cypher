// @question Who mediates for an actor, and between which opposing parties?
// @actor actor = "Government of National Accord"  Actor id, name or alias (any case)
// @example conflictgraph cypher mediators --param actor=LNA
// between lists the actor's opponents that the same mediator also mediates with.
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($actor) OR a.id = $actor OR toLower($actor) IN a.alias_keys
MATCH (mediator:Actor)-[r:MEDIATES]->(a)
RETURN a.name AS actor, mediator.name AS mediator, mediator.kind AS kind,
       COLLECT {
         MATCH (mediator)-[:MEDIATES]->(other:Actor)-[:OPPOSES]-(a)
         RETURN DISTINCT other.name ORDER BY other.name
       } AS between,
       r.evidence_count AS evidence, r.confidence AS confidence,
       r.first_seen AS first_seen, r.last_seen AS last_seen
ORDER BY evidence DESC, mediator
