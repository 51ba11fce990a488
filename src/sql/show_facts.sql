-- kb show: every fact linked to one entity, dated ones first in date order.
SELECT relation, fact, start_date, end_date, date_precision, fact_table, fact_id, quote
FROM v_facts
WHERE entity_kind = ?1 AND entity_id = ?2
ORDER BY start_date IS NULL, start_date, end_date, relation, fact_id
