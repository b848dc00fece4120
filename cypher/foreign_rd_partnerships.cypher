// title: R&D partnerships across borders
// description: R&D partnerships between organisations of different countries, such as an institute and a foreign company, with their topic and status.
// param: country (country) = any : only partnerships with one side in this country (a code such as FR or a name such as France, or any)
// title_fr: Partenariats de R&D entre pays
// description_fr: Les partenariats de R&D entre organisations de pays différents, comme un institut et une entreprise étrangère, avec leur sujet et leur statut.
// param_fr: country (pays) : seulement les partenariats dont un côté est dans ce pays (un code comme FR, un nom comme France, ou tous)
MATCH (a:Organization)-[r:RD_PARTNER]-(b:Organization)
WHERE a.id < b.id AND a.country <> b.country
  AND ($country = 'any' OR a.country = $country OR b.country = $country)
RETURN a.name AS partner, a.country AS country, b.name AS with_partner, b.country AS other_country,
       r.topic AS topic, r.status AS status, r.evidence AS evidence, r.source AS source
ORDER BY partner
