// title: Members of a cluster, by country
// description: The organisations that belong to a cluster, grouped by their country, with the status and source of each membership.
// param: cluster (entity:Cluster) = eurobiomed : the cluster (its id or name)
// param: status (status) = any : only memberships with this status (active, planned, proposed or any)
MATCH (c:Cluster {id: $cluster})<-[m:MEMBER_OF]-(o:Organization)
WHERE $status = 'any' OR m.status = $status
RETURN coalesce(o.country, '?') AS country, o.name AS member, o.kind AS kind,
       m.status AS status, m.evidence AS evidence, m.since AS since, m.source AS source
ORDER BY country, member
