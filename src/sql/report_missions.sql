-- kb report missions: embassies, consulates and wartime posts (v_missions), by kind.
SELECT * FROM v_missions
WHERE (:kind IS NULL OR kind = :kind)
