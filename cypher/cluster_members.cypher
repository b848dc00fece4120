// title: Members of a cluster, by country
// description: The organisations that belong to a cluster, grouped by their country, with the status and source of each membership.
// param: cluster (entity:Cluster) = eurobiomed : the cluster (its id or name)
// param: status (status) = any : only memberships with this status (active, planned, proposed or any)
// param: as_of (date) = any : only memberships in force at this date (a year, month or day; any: every one)
// title_fr: Membres d'un cluster, par pays
// description_fr: Les organisations qui appartiennent à un cluster, regroupées par pays, avec le statut et la source de chaque adhésion.
// param_fr: cluster (cluster) : le cluster (son identifiant ou son nom)
// param_fr: status (statut) : seulement les adhésions de ce statut (en cours, prévu, proposé ou tous)
// param_fr: as_of (à la date) : seulement les adhésions en vigueur à cette date (année, mois ou jour ; toutes : chacune)
MATCH (c:Cluster {id: $cluster})<-[m:MEMBER_OF]-(o:Organization)
WHERE ($status = 'any' OR m.status = $status)
  AND ($as_of = '' OR (coalesce(toString(m.since), '') <= $as_of + '~'
                       AND coalesce(toString(m.until), '') + '~' >= $as_of))
RETURN coalesce(o.country, '?') AS country, o.name AS member, o.kind AS kind,
       m.status AS status, m.evidence AS evidence, m.since AS since, m.source AS source
ORDER BY country, member
