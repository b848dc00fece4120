// title: Everything within N hops of an entity
// description: The entities connected to a given one within a number of hops (1 to 3), nearest first, with how far each is.
// param: entity (entity) = neuroservices : the entity (its id or name)
// param: hops (int) = 2 : how many hops (1 to 3)
// title_fr: Tout ce qui est à N liens d'une entité
// description_fr: Les entités reliées à une entité donnée en un nombre de liens (de 1 à 3), les plus proches d'abord, avec leur distance.
// param_fr: entity (entité) : l'entité (son identifiant ou son nom)
// param_fr: hops (liens) : combien de liens (de 1 à 3)
MATCH (e:Entity {id: $entity})
MATCH (e)-[*1..3]-(m:Entity)
WHERE m <> e
WITH DISTINCT e, m
MATCH p = shortestPath((e)-[*..3]-(m))
WITH m, length(p) AS distance, [r IN relationships(p) | type(r)] AS via
WHERE distance <= $hops
RETURN distance, m.name AS entity, m.kind AS kind, m.country AS country, via
ORDER BY distance, entity
