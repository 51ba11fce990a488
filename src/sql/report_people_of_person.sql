-- kb report people --person: one person's offices, events and decorations (v_people), found
-- through the index on the person instead of a pass over every person.
SELECT * FROM v_people
WHERE person_id = :person
  AND (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR relation = :kind OR relation LIKE :kind || ':%')
