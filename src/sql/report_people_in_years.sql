-- kb report people --from: the same rows as report_people.sql, found as the records that
-- start in the years (ranges of start dates) or run into them from before: participations in
-- events, offices, and decorations (dated by their event).
, records_running_into_years(id) AS MATERIALIZED (
    SELECT id FROM events_running_into_years
    UNION ALL
    SELECT CAST(id AS TEXT) FROM person_offices WHERE start_date < :from AND end_date >= :from
    UNION ALL
    SELECT CAST(id AS TEXT) FROM decoration_awards WHERE event_id IN events_running_into_years
)
SELECT * FROM v_people
WHERE (start_date >= :from AND start_date < coalesce(:to || '~', '~')
       OR record_id IN records_running_into_years)
  AND (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR relation = :kind OR relation LIKE :kind || ':%')
