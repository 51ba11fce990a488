-- The things a typed name or id may stand for, each with one name it goes by: those whose
-- id is :id (missions and figures are found by id only), every country (they are few), and those whose name, other name or text match
-- the full-text query :words. Ranked matches first, at most :limit of them.
SELECT kind, id, name, known_as FROM (
    SELECT 'person' AS kind, id, name, name AS known_as, 0 AS rank FROM persons WHERE id = :id
    UNION ALL SELECT 'place', id, name, name, 0 FROM places WHERE id = :id
    UNION ALL SELECT 'organization', id, name, name, 0 FROM organizations WHERE id = :id
    UNION ALL SELECT 'event', id, title, title, 0 FROM events WHERE id = :id
    UNION ALL SELECT 'agreement', id, title, title, 0 FROM agreements WHERE id = :id
    UNION ALL SELECT 'decoration', id, name, name, 0 FROM decorations WHERE id = :id
    UNION ALL SELECT 'figure', id, subject, subject, 0 FROM figures WHERE id = :id
    UNION ALL
    SELECT 'mission', m.id, m.kind || ' of ' || c.name || ' in ' || p.name, m.id, 0
    FROM missions AS m JOIN countries AS c ON c.code = m.sending_country_code
    JOIN places AS p ON p.id = m.place_id WHERE m.id = :id
    UNION ALL SELECT 'country', code, name, name, 0 FROM countries
    UNION ALL
    SELECT * FROM (
        SELECT kind, ref_id,
               CASE kind
                   WHEN 'person' THEN (SELECT name FROM persons WHERE id = ref_id)
                   WHEN 'place' THEN (SELECT name FROM places WHERE id = ref_id)
                   WHEN 'organization' THEN (SELECT name FROM organizations WHERE id = ref_id)
                   WHEN 'event' THEN (SELECT title FROM events WHERE id = ref_id)
                   WHEN 'agreement' THEN (SELECT title FROM agreements WHERE id = ref_id)
                   WHEN 'decoration' THEN (SELECT name FROM decorations WHERE id = ref_id)
               END,
               name, rank
        FROM search
        WHERE search MATCH :words
          AND kind IN ('person', 'place', 'organization', 'event', 'agreement', 'decoration')
        ORDER BY rank
        LIMIT :limit
    )
)
ORDER BY rank
