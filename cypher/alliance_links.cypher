// title: An alliance and the status of each link
// description: The parties to an alliance, the partnerships between them, and the status and date of each link.
// param: alliance (entity:Alliance) = us-france-japan-alliance : the alliance (its id or name)
// title_fr: Une alliance et le statut de chaque lien
// description_fr: Les parties d'une alliance, les partenariats entre elles, et le statut et la date de chaque lien.
// param_fr: alliance (alliance) : l'alliance (son identifiant ou son nom)
MATCH (al:Alliance {id: $alliance})<-[p:PARTY_TO]-(c:Organization)
WITH al, collect(c) AS parties, collect({party: c.name, country: c.country, status: p.status}) AS party_rows
UNWIND party_rows AS row
RETURN al.name AS alliance, row.party AS party, row.country AS country, 'PARTY_TO' AS link,
       al.name AS with, row.status AS status, null AS since
UNION ALL
MATCH (al:Alliance {id: $alliance})<-[:PARTY_TO]-(a:Cluster)-[r:PARTNER_OF]-(b:Cluster)-[:PARTY_TO]->(al)
WHERE a.id < b.id
RETURN al.name AS alliance, a.name AS party, a.country AS country, 'PARTNER_OF' AS link,
       b.name AS with, r.status AS status, r.since AS since
