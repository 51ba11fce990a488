-- The terms `kb report trade --kind` takes, as the vocabularies give them: the topics of the
-- metrics and organization kinds whose report is trade, agreements, and the event kinds whose
-- report is trade (what v_trade's topic can hold).
SELECT coalesce(topic, term) FROM metrics WHERE report = 'trade'
UNION
SELECT coalesce(topic, term) FROM organization_kinds WHERE report = 'trade'
UNION
SELECT 'agreement'
UNION
SELECT term FROM event_kinds WHERE report = 'trade'
