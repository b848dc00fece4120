// title: Facts about an entity, with their sources
// description: Every relationship of one entity, with its status, evidence, date and the source and paragraph it comes from.
// param: entity (entity) = bruno-buisson : the entity (its id or name)
// title_fr: Les faits d'une entité, avec leurs sources
// description_fr: Chaque relation d'une entité, avec son statut, sa preuve, sa date, et la source et le paragraphe d'où elle vient.
// param_fr: entity (entité) : l'entité (son identifiant ou son nom)
MATCH (e:Entity {id: $entity})-[r]-(other:Entity)
OPTIONAL MATCH (s:Source {id: r.source})
RETURN CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction, type(r) AS link,
       other.name AS other, r.status AS status, r.evidence AS evidence, r.since AS since,
       coalesce(s.name, r.source) AS source, s.file AS file, r.paragraph AS paragraph
ORDER BY link, other
