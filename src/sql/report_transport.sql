-- kb report transport: transport links (v_transport), by mode.
SELECT * FROM v_transport
WHERE (:kind IS NULL OR mode = :kind)
