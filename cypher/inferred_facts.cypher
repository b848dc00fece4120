// title: Inferred facts to review
// description: Ties that no source states outright but that were inferred from one, so that someone can confirm or correct them.
// title_fr: Faits déduits à relire
// description_fr: Les liens qu'aucune source n'énonce en toutes lettres mais qui en ont été déduits, pour que quelqu'un les confirme ou les corrige.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.evidence = 'inferred'
RETURN a.name AS from, type(r) AS link, b.name AS to, r.status AS status, r.note AS note,
       r.source AS source, r.paragraph AS paragraph
ORDER BY from, link
