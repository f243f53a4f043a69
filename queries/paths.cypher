// @question How are two actors connected? The shortest chains of relations, with the evidence for each hop.
// @actor source = "Turkey"  Actor id, name or alias (any case) at one end
// @actor target = "Russia"  Actor id, name or alias (any case) at the other end
// @param max_hops = 4  Longest chain to report (the search itself stops at 6 hops)
// @param limit = 10  How many chains, shortest first
// @example conflictgraph cypher paths --param source=Turkey --param target="Khalifa Haftar"
// route reads left to right with each relation's own direction (-TYPE-> or <-TYPE-;
// symmetric types as -TYPE-);
// steps lists every hop with its sentences, article URLs and dates.
MATCH (s:Actor)
WHERE toLower(s.name) = toLower($source) OR s.id = $source OR toLower($source) IN s.alias_keys
MATCH (t:Actor)
WHERE toLower(t.name) = toLower($target) OR t.id = $target OR toLower($target) IN t.alias_keys
MATCH path = SHORTEST 50 (s)-[:SUPPORTS|ALLIED_WITH|OPPOSES|COOPERATES|MEDIATES|LEADS|MEMBER_OF]-{1,6}(t)
WHERE s <> t
WITH path, nodes(path) AS ns, relationships(path) AS rs
WHERE length(path) <= $max_hops
  AND all(n IN ns WHERE single(m IN ns WHERE m = n))
WITH path, ns, rs
ORDER BY length(path), [n IN ns | n.name]
LIMIT toInteger($limit)
RETURN length(path) AS hops,
       reduce(route = ns[0].name, i IN range(0, size(rs) - 1) |
         route + CASE WHEN type(rs[i]) IN ["ALLIED_WITH", "OPPOSES", "COOPERATES"]
                           THEN " -" + type(rs[i]) + "- "
                      WHEN startNode(rs[i]) = ns[i]
                           THEN " -" + type(rs[i]) + "-> " ELSE " <-" + type(rs[i]) + "- " END
               + ns[i + 1].name) AS route,
       [r IN rs | {
         from: startNode(r).name, relation: type(r), to: endNode(r).name,
         evidence: [(ar:Article)-[:STATES]->(c:Claim)
                    WHERE c.relation_key = startNode(r).id + "|" + type(r) + "|" + endNode(r).id
                    | {sentence: c.sentence, url: ar.url, published: c.published}]
       }] AS steps,
       path
