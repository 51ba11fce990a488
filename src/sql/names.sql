-- The things a typed name or id may stand for, each with one name it goes by: those whose
-- id is :id, every country (they are few), and those whose name, other name or text match
-- the full-text query :words. Ranked matches first, at most :limit of them.
SELECT kind, id, name, known_as FROM (
    SELECT 'person' AS kind, id, name, name AS known_as, 0 AS rank FROM persons WHERE id = :id
    UNION ALL SELECT 'place', id, name, name, 0 FROM places WHERE id = :id
    UNION ALL SELECT 'organization', id, name, name, 0 FROM organizations WHERE id = :id
    UNION ALL SELECT 'event', id, title, title, 0 FROM events WHERE id = :id
    UNION ALL SELECT 'agreement', id, title, title, 0 FROM agreements WHERE id = :id
    UNION ALL SELECT 'country', code, name, name, 0 FROM countries
    UNION ALL
    SELECT * FROM (
        SELECT kind, ref_id,
               CASE kind
                   WHEN 'person' THEN (SELECT name FROM persons WHERE id = ref_id)
                   WHEN 'place' THEN (SELECT name FROM places WHERE id = ref_id)
                   WHEN 'organization' THEN (SELECT name FROM organizations WHERE id = ref_id)
                   WHEN 'event' THEN (SELECT title FROM events WHERE id = ref_id)
                   ELSE (SELECT title FROM agreements WHERE id = ref_id)
               END,
               name, rank
        FROM search
        WHERE search MATCH :words
          AND kind IN ('person', 'place', 'organization', 'event', 'agreement')
        ORDER BY rank
        LIMIT :limit
    )
)
ORDER BY rank
