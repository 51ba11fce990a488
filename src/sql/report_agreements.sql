-- kb report agreements: every agreement (v_agreements), by year and domain.
SELECT * FROM v_agreements
WHERE (:from IS NULL OR substr(signed_date, 1, 4) >= :from)
  AND (:to IS NULL OR substr(signed_date, 1, 4) <= :to)
  AND (:kind IS NULL OR domain = :kind)
