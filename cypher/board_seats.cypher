// title: Board seats and on whose behalf
// description: Who sits on which board, in what role, on behalf of which organisation, and what else that person leads.
// param: as_of (date) = any : only the seats held at this date (a year, month or day; any: every seat)
// title_fr: Sièges aux conseils et au nom de qui
// description_fr: Qui siège à quel conseil, à quelle fonction, au nom de quelle organisation, et ce que cette personne dirige par ailleurs.
// param_fr: as_of (à la date) : seulement les sièges occupés à cette date (année, mois ou jour ; tous : chaque siège)
MATCH (p:Person)-[b:BOARD_SEAT]->(board:Organization)
WHERE $as_of = '' OR (coalesce(toString(b.since), '') <= $as_of + '~'
                      AND coalesce(toString(b.until), '') + '~' >= $as_of)
OPTIONAL MATCH (behalf:Entity {id: b.on_behalf_of})
OPTIONAL MATCH (p)-[:LEADS]->(led:Organization)
RETURN p.name AS person, board.name AS board, b.role AS role, behalf.name AS on_behalf_of,
       collect(DISTINCT led.name) AS also_leads, b.status AS status, b.since AS since, b.until AS until, b.source AS source
ORDER BY board, person
