-- kb report trade: the economic relationship (v_trade), by year and topic.
SELECT * FROM v_trade
WHERE (:from IS NULL OR substr(date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(date, 1, 4) <= :to)
  AND (:kind IS NULL OR topic = :kind)
