-- Every named thing kb can show, once per name it goes by (its own name, its id, its aliases).
SELECT 'person' AS kind, id, name, name AS known_as FROM persons
UNION ALL SELECT 'place', id, name, name FROM places
UNION ALL SELECT 'organization', id, name, name FROM organizations
UNION ALL SELECT 'country', code, name, name FROM countries
UNION ALL SELECT 'event', id, title, title FROM events
UNION ALL SELECT 'agreement', id, title, title FROM agreements
UNION ALL
SELECT CASE WHEN a.person_id IS NOT NULL THEN 'person' WHEN a.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
       coalesce(a.person_id, a.place_id, a.organization_id),
       coalesce(p.name, pl.name, o.name), a.alias
FROM aliases AS a
LEFT JOIN persons AS p ON p.id = a.person_id
LEFT JOIN places AS pl ON pl.id = a.place_id
LEFT JOIN organizations AS o ON o.id = a.organization_id
