// title: Organisations present in two or more countries
// description: Companies and institutes whose home country and the countries of their subsidiaries add up to at least the given number.
// param: min_countries (int) = 2 : the least number of countries
// title_fr: Organisations présentes dans deux pays ou plus
// description_fr: Les entreprises et instituts dont le pays d'origine et les pays de leurs filiales atteignent au moins le nombre donné.
// param_fr: min_countries (nombre minimal de pays) : le plus petit nombre de pays
MATCH (o:Organization)
WHERE o:Company OR o:Institute
OPTIONAL MATCH (o)-[s:SUBSIDIARY_IN]->(place)
WITH o, collect(DISTINCT coalesce(place.country, CASE WHEN place:Country THEN place.code END)) AS abroad,
     collect(DISTINCT place.name + ' (' + s.status + ')') AS subsidiaries
WITH o, subsidiaries, [c IN abroad + [o.country] WHERE c IS NOT NULL] AS countries
WITH o, subsidiaries, reduce(acc = [], c IN countries | CASE WHEN c IN acc THEN acc ELSE acc + c END) AS countries
WHERE size(countries) >= $min_countries
RETURN o.name AS organisation, o.country AS home, countries, subsidiaries
ORDER BY size(countries) DESC, organisation
