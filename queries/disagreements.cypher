// @question Where do text and data disagree? Dyads the news says cooperate while dataset records have them fighting in the same period.
// @param since = null  First day of the claims compared (ISO date); null: no limit
// @param until = null  Last day of the claims compared (ISO date); null: no limit
// @param same_month = true  Count only fighting in a month the text also speaks of support (false: anywhere in the window)
// @param data_origins = ["acled", "ucdp", "gdelt", "polecat"]  Datasets whose fighting is compared
// @param support_categories = ["SUPPORT", "AID", "COOPERATE"]  Event categories of text claims that count as support (ALLIED_WITH claims always do)
// @param fight_categories = ["ASSAULT", "FIGHT", "COERCE"]  Event categories of dataset OPPOSES claims that count as fighting
// @param limit = 100  Most dyads listed, best corroborated first
// @example conflictgraph cypher disagreements
// @example conflictgraph cypher disagreements --param since=2024-01-01 --param until=2024-06-30 --param same_month=false
// @example conflictgraph cypher disagreements --param data_origins=acled,ucdp
// Text side: claims read from articles (no dataset) of a SUPPORTS, ALLIED_WITH or
// COOPERATES relation whose category is backing or working together, so a truce or talks
// between fighting parties (AGREE, CONSULT) is no disagreement. Data side: dataset claims of
// the same two actors' OPPOSES relation (either way round) coded as fighting. Each row is
// one dyad: the months where both sides speak (YYYY-MM), how many claims and independent
// sources each side has (articles; dataset records), and the strongest claim of each side
// with its sentence and its article URL or dataset record.
MATCH (ar:Article)-[:STATES]->(t:Claim)
WHERE coalesce(t.origin, "text") = "text"
  AND t.type IN ["SUPPORTS", "ALLIED_WITH", "COOPERATES"]
  AND (t.type = "ALLIED_WITH" OR t.category IN $support_categories)
  AND t.published IS NOT NULL
  AND ($since IS NULL OR t.published >= date($since))
  AND ($until IS NULL OR t.published <= date($until))
WITH t, CASE WHEN t.subject_id < t.object_id THEN [t.subject_id, t.object_id]
             ELSE [t.object_id, t.subject_id] END AS dyad
MATCH (d:Claim {relation_key: dyad[0] + "|OPPOSES|" + dyad[1]})
WHERE d.origin IN $data_origins AND d.category IN $fight_categories
  AND d.published IS NOT NULL
  AND ($since IS NULL OR d.published >= date($since))
  AND ($until IS NULL OR d.published <= date($until))
  AND (NOT $same_month OR left(toString(t.published), 7) = left(toString(d.published), 7))
WITH dyad, collect(DISTINCT t) AS texts, collect(DISTINCT d) AS data
WITH dyad, texts, data,
     [c IN texts | left(toString(c.published), 7)] AS text_months,
     [c IN data | left(toString(c.published), 7)] AS data_months,
     COLLECT { UNWIND texts AS c RETURN c ORDER BY c.confidence DESC, c.published DESC, c.id LIMIT 1 }[0] AS tc,
     COLLECT { UNWIND data AS c RETURN c ORDER BY c.confidence DESC, c.published DESC, c.id LIMIT 1 }[0] AS dc
MATCH (x:Actor {id: dyad[0]})
MATCH (y:Actor {id: dyad[1]})
WITH x, y, texts, data, tc, dc,
     COLLECT { UNWIND text_months AS m WITH DISTINCT m WHERE m IN data_months RETURN m ORDER BY m } AS months,
     size(COLLECT { UNWIND texts AS c RETURN DISTINCT c.article_id }) AS text_articles,
     size(COLLECT { UNWIND data AS c RETURN DISTINCT c.article_id }) AS data_records
RETURN x.name AS actor_a, y.name AS actor_b, months,
       size(texts) AS text_claims, text_articles, tc.type AS text_relation,
       tc.sentence AS text_sentence, tc.published AS text_date,
       COLLECT { MATCH (ar:Article)-[:STATES]->(tc) RETURN coalesce(ar.url, ar.id) }[0] AS text_url,
       size(data) AS data_claims, data_records,
       COLLECT { UNWIND data AS c RETURN DISTINCT c.dataset ORDER BY c.dataset } AS data_datasets,
       dc.dataset AS data_dataset, dc.record_id AS data_record_id, dc.sentence AS data_sentence,
       dc.published AS data_date
ORDER BY text_articles + data_records DESC, actor_a, actor_b
LIMIT toInteger($limit)
