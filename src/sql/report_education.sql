-- kb report education: student figures and education agreements (v_education), by year.
SELECT * FROM v_education
WHERE (:from IS NULL OR substr(end_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(start_date, 1, 4) <= :to)
