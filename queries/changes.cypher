// @question What changed between two dates? Relations first seen in the window, and older ones it reinforced.
// @param since = "2020-10-01"  First day of the window (ISO date, inclusive)
// @param until = "2020-10-31"  Last day of the window (ISO date, inclusive)
// @param only_new = false  true keeps only relations first seen in the window
// @example conflictgraph cypher changes --param since=2024-01-01 --param until=2024-03-31
// change is "new" (first evidence inside the window) or "reinforced" (older relation with
// new evidence); in_window counts the claims dated inside the window.
MATCH (c:Claim)
WHERE date($since) <= c.published <= date($until)
WITH c.rel_source AS source_id, c.type AS relation, c.rel_target AS target_id, count(c) AS in_window
MATCH (s:Actor {id: source_id})-[r]->(t:Actor {id: target_id})
WHERE type(r) = relation
WITH s, r, t, relation, in_window,
     CASE WHEN r.first_seen >= date($since) THEN "new" ELSE "reinforced" END AS change
WHERE NOT $only_new OR change = "new"
RETURN change, s.name AS source, relation, t.name AS target, r.polarity AS polarity,
       in_window, r.evidence_count AS total_evidence, r.first_seen AS first_seen,
       r.last_seen AS last_seen
ORDER BY change, first_seen, source, relation, target
