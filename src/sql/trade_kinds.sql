-- The topics of v_trade that its rows have (what `kb report trade --kind` takes), read from
-- the vocabularies and checked against the data through indexes: the same as
-- `SELECT DISTINCT topic FROM v_trade`, which computes every row of the view.
SELECT coalesce(m.topic, m.term) FROM metrics AS m
WHERE m.report = 'trade' AND EXISTS (SELECT 1 FROM figures AS f WHERE f.metric = m.term)
UNION
SELECT coalesce(k.topic, k.term) FROM organization_kinds AS k
WHERE k.report = 'trade' AND EXISTS (SELECT 1 FROM organizations AS o WHERE o.kind = k.term)
UNION
SELECT 'agreement' WHERE EXISTS (
    SELECT 1 FROM agreements AS a
    JOIN agreement_domains AS d ON d.term = a.domain AND d.report = 'trade')
UNION
SELECT k.term FROM event_kinds AS k
WHERE k.report = 'trade' AND EXISTS (SELECT 1 FROM events AS e WHERE e.kind = k.term)
ORDER BY 1
