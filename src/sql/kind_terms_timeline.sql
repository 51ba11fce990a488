-- The terms `kb report timeline --kind` takes, as the vocabularies give them: a lane, or what
-- v_timeline's kind can hold (an event kind, an agreement's domain or 'agreement', a metric,
-- 'office').
SELECT term FROM lanes
UNION
SELECT term FROM event_kinds
UNION
SELECT term FROM agreement_domains
UNION
SELECT term FROM metrics
UNION
VALUES ('agreement'), ('office')
