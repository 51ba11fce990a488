-- Report views: `kb report NAME` reads these very rows, so any SQLite browser shows the same answer.

-- The economic relationship: trade turnover, companies, investment, the intergovernmental
-- commission, the economic agreements (economy, taxation and the trade sectors agriculture and
-- tourism) and the economic forum. `date` is ISO 8601 at the source's precision, a range as START/END.
CREATE VIEW v_trade AS
SELECT topic, record_id, fact, value, unit, qualifier, date, date_precision, source_id, quote
FROM (
    SELECT CASE f.metric WHEN 'trade_turnover' THEN 1 WHEN 'companies_operating' THEN 2 ELSE 3 END AS topic_order,
           CASE f.metric WHEN 'trade_turnover' THEN 'trade' WHEN 'companies_operating' THEN 'companies'
                ELSE 'investment' END AS topic,
           f.id AS record_id, f.subject AS fact, f.value, f.unit, f.qualifier,
           CASE WHEN f.start_date = f.end_date THEN f.start_date ELSE f.start_date || '/' || f.end_date END AS date,
           f.date_precision, f.source_id, f.quote, f.start_date AS sort_date
    FROM figures AS f
    WHERE f.metric IN ('trade_turnover', 'companies_operating', 'investment')
    UNION ALL
    SELECT 4, 'commission', o.id, o.name, NULL, NULL, NULL,
           CASE WHEN e.start_date = e.end_date THEN e.start_date ELSE e.start_date || '/' || e.end_date END,
           e.date_precision, o.source_id, o.quote, e.start_date
    FROM organizations AS o
    LEFT JOIN event_participants AS p ON p.organization_id = o.id AND p.role = 'founded'
    LEFT JOIN events AS e ON e.id = p.event_id
    WHERE o.kind = 'intergovernmental commission'
    UNION ALL
    SELECT 5, 'agreement', a.id, a.title, NULL, NULL, NULL,
           a.signed_date, a.date_precision, a.source_id, a.quote, a.signed_date
    FROM agreements AS a
    WHERE a.domain IN ('economy', 'taxation', 'agriculture', 'tourism')
    UNION ALL
    SELECT 6, 'forum', e.id, e.title, NULL, NULL, NULL,
           CASE WHEN e.start_date = e.end_date THEN e.start_date ELSE e.start_date || '/' || e.end_date END,
           e.date_precision, e.source_id, e.quote, e.start_date
    FROM events AS e
    WHERE e.kind = 'forum'
)
ORDER BY topic_order, sort_date, record_id;
