-- kb report timeline --from: the same rows as report_timeline.sql, found as the facts that
-- start in the years (ranges of start dates) or run into them from before: events, figures
-- and offices (an agreement has one date).
, facts_running_into_years(id) AS MATERIALIZED (
    SELECT id FROM events_running_into_years
    UNION ALL
    SELECT id FROM figures WHERE start_date < :from AND end_date >= :from
    UNION ALL
    SELECT CAST(id AS TEXT) FROM person_offices WHERE start_date < :from AND end_date >= :from
)
SELECT * FROM v_timeline
WHERE (start_date >= :from AND start_date < coalesce(:to || '~', '~')
       OR fact_id IN facts_running_into_years)
  AND (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR lane = :kind OR kind = :kind)
