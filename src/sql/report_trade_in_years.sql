-- kb report trade --from/--to: the same rows as report_trade.sql, with the years as one range
-- of start_date, which SQLite reaches through the underlying tables' indexes. '~' sorts after
-- every character a date holds, so `< :to || '~'` keeps every date of the year :to.
SELECT * FROM v_trade
WHERE start_date >= coalesce(:from, '0000')
  AND start_date < coalesce(:to, '9999') || '~'
  AND (:kind IS NULL OR topic = :kind)
