// @question What is the evidence for one relationship? Every sentence, with its article and date.
// @actor source = "Turkey"  Actor id, name or alias (any case): the subject
// @actor target = "Government of National Accord"  Actor id, name or alias (any case): the object
// @param type = "SUPPORTS"  Relation type; null lists every claim between the two, both ways
// @example conflictgraph cypher evidence --param source=Russia --param target=LNA
// @example conflictgraph cypher evidence --param source=GNA --param target=LNA --param type=OPPOSES
// Symmetric types (ALLIED_WITH, OPPOSES, COOPERATES) match either order of the two actors.
MATCH (s:Actor)
WHERE toLower(s.name) = toLower($source) OR s.id = $source OR toLower($source) IN s.alias_keys
MATCH (t:Actor)
WHERE toLower(t.name) = toLower($target) OR t.id = $target OR toLower($target) IN t.alias_keys
UNWIND CASE WHEN $type IS NULL
            THEN ["SUPPORTS", "ALLIED_WITH", "OPPOSES", "COOPERATES", "MEDIATES", "LEADS", "MEMBER_OF"]
            ELSE [toUpper($type)] END AS relation
UNWIND CASE WHEN $type IS NULL OR relation IN ["ALLIED_WITH", "OPPOSES", "COOPERATES"]
            THEN [[s.id, t.id], [t.id, s.id]] ELSE [[s.id, t.id]] END AS pair
WITH DISTINCT relation, pair[0] + "|" + relation + "|" + pair[1] AS key
MATCH (ar:Article)-[:STATES]->(c:Claim {relation_key: key})
RETURN relation, c.subject_text AS subject, c.object_text AS object, c.sentence AS sentence,
       c.published AS published, ar.url AS url, ar.title AS title, c.hedged AS hedged,
       c.confidence AS confidence, c.start AS start, c.end AS end
ORDER BY published, url, start
