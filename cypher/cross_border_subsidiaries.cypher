// title: Subsidiaries abroad and their status
// description: Subsidiaries that a company opened (or plans) outside its home country, with the status, the source and who supported the move.
// title_fr: Filiales à l'étranger et leur statut
// description_fr: Les filiales qu'une entreprise a ouvertes (ou prévoit) hors de son pays, avec le statut, la source et qui a soutenu l'implantation.
MATCH (o:Organization)-[s:SUBSIDIARY_IN]->(place)
WITH o, s, place, coalesce(place.country, place.code) AS there
WHERE o.country IS NOT NULL AND there IS NOT NULL AND there <> o.country
OPTIONAL MATCH (o)-[:SUPPORTED_BY]->(helper)
RETURN o.name AS company, o.country AS home, place.name AS subsidiary_in, there AS country,
       s.status AS status, s.evidence AS evidence, collect(DISTINCT helper.name) AS supported_by,
       s.source AS source, s.paragraph AS paragraph
ORDER BY status, company
