// title: Inferred facts to review
// description: Ties that no source states outright but that were inferred from one, so that someone can confirm or correct them.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.evidence = 'inferred'
RETURN a.name AS from, type(r) AS link, b.name AS to, r.status AS status, r.note AS note,
       r.source AS source, r.paragraph AS paragraph
ORDER BY from, link
