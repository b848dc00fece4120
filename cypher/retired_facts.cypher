// title: Retired facts
// description: Facts retired from the map (kept in the history, out of every view and path), with who retired them and when, newest first; a merged entity names the one it was merged into.
// param: entity (string) = any : only the facts of this entity (its id), or any
// title_fr: Faits retirés
// description_fr: Les faits retirés de la carte (gardés dans l'historique, hors de toute vue et de tout chemin), avec qui les a retirés et quand, les plus récents d'abord ; une entité fusionnée nomme celle qui l'a absorbée.
// param_fr: entity (entité) : seulement les faits de cette entité (son identifiant), ou tous
CALL {
  MATCH (t:RetiredTie)
  WHERE $entity = 'any' OR t.start = $entity OR t.end = $entity
  RETURN 'tie' AS fact, t.start AS from, t.type AS link, t.end AS to, t.retired_by AS retired_by,
         t.retired_at AS retired_at
  UNION ALL
  MATCH (r:Retired)
  WHERE $entity = 'any' OR r.id = $entity
  RETURN 'entity' AS fact, r.id AS from, r.kind AS link, r.merged_into AS to, r.retired_by AS retired_by,
         r.retired_at AS retired_at
}
RETURN fact, from, link, to, retired_by, retired_at
ORDER BY retired_at DESC, from
