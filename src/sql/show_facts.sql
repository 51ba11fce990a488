-- kb show: every fact linked to one entity, dated ones first in date order, with the other
-- people of an event (those besides the entity itself).
SELECT relation, fact, start_date, end_date, date_precision, fact_table, fact_id,
       CASE WHEN fact_table = 'events' THEN (
           SELECT group_concat(p.name, ', ') FROM event_participants AS ep
           JOIN persons AS p ON p.id = ep.person_id
           WHERE ep.event_id = v_facts.fact_id AND p.id IS NOT ?2
       ) END AS with_whom,
       source_id, quote
FROM v_facts
WHERE entity_kind = ?1 AND entity_id = ?2
ORDER BY start_date IS NULL, start_date, end_date, relation, fact_id
