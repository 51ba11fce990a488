-- The events that start before :from and end in or after it (through events_across_years):
-- what a range of start dates misses of the facts in the years. Made once per statement.
WITH events_running_into_years(id) AS MATERIALIZED (
    SELECT id FROM events
    WHERE start_date < :from AND end_date >= :from
      AND substr(end_date, 1, 4) > substr(start_date, 1, 4)
)
