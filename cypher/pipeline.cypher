// title: The pipeline: everything planned or proposed
// description: Every tie that is not yet in force, planned or proposed, with what it joins, its source and any note.
// param: status (status) = any : planned, proposed, or any of the two
// title_fr: Les projets : tout ce qui est prévu ou proposé
// description_fr: Chaque lien qui n'est pas encore en vigueur, prévu ou proposé, avec ce qu'il relie, sa source et toute remarque.
// param_fr: status (statut) : prévu, proposé, ou l'un des deux
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.status IN ['planned', 'proposed'] AND ($status = 'any' OR r.status = $status)
RETURN r.status AS status, a.name AS from, type(r) AS link, b.name AS to, r.evidence AS evidence,
       r.note AS note, r.source AS source, r.paragraph AS paragraph
ORDER BY status, from, link
