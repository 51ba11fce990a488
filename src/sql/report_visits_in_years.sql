-- kb report visits --from: the same rows as report_visits.sql, found as the visits that start
-- in the years (a range of start dates) or run into them from before.
SELECT * FROM v_visits
WHERE (start_date >= :from AND start_date < coalesce(:to || '~', '~')
       OR event_id IN events_running_into_years)
  AND (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
  AND (:kind IS NULL OR kind = :kind)
