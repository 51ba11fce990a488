-- `kb report visits|timeline|people --from YEAR` read every row of their views (1.8 s for
-- people at a million events): a fact is in the years when it overlaps them, and an overlap
-- (end in or after the first year, start in or before the last) is no one range an index
-- holds. It is two: the facts that start in the years, which the indexes on start dates hold,
-- and those that start before and run into them. Only a fact that ends in a later year than
-- it starts can do the latter; this index holds just those events, by their end date.
CREATE INDEX events_across_years ON events (end_date)
WHERE substr(end_date, 1, 4) > substr(start_date, 1, 4);
