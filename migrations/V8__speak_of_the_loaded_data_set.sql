-- The file speaks of the data set loaded into it, or in general terms: the history report no
-- longer names the article's years or countries, the data dictionary describes kb's tables
-- without the article's names, and the examples in kb_columns are taken from the loaded rows
-- by the loader (they were the built-in seed's values, whatever the seed).

DROP VIEW v_history;

-- The history lane in one list: its events, the missions that one of its events set up, its
-- figures, and the agreements named in the same sentence as one of its events, in date order.
-- An undated event follows the dated event it is part of, or else the lane's first event; an
-- undated agreement takes the date of the event its sentence names.
CREATE VIEW v_history AS
SELECT topic, title, place, who, start_date, end_date, date_precision, date_qualifier,
       value, unit, qualifier, record_id, source_id, quote
FROM (
    SELECT 1 AS topic_order, e.kind AS topic, e.title, coalesce(pl.name, c.name) AS place,
           (SELECT group_concat(coalesce(o.name, pc.name), '; ') FROM event_participants AS ep
            LEFT JOIN organizations AS o ON o.id = ep.organization_id
            LEFT JOIN countries AS pc ON pc.code = ep.country_code
            WHERE ep.event_id = e.id AND ep.person_id IS NULL) AS who,
           e.start_date, e.end_date, e.date_precision, e.date_qualifier,
           NULL AS value, NULL AS unit, NULL AS qualifier, e.id AS record_id, e.source_id, e.quote,
           coalesce(e.start_date, p.start_date, (
               SELECT min(f.start_date) FROM events AS f
               JOIN event_lanes AS fl ON fl.kind = f.kind AND fl.lane = 'history'
           ) || '~') AS sort_date,
           CASE WHEN e.date_qualifier = 'early' THEN 0 WHEN e.parent_event_id IS NOT NULL THEN 1 ELSE 2 END
               AS within_date
    FROM events AS e
    JOIN event_lanes AS l ON l.kind = e.kind AND l.lane = 'history'
    LEFT JOIN places AS pl ON pl.id = e.place_id
    LEFT JOIN countries AS c ON c.code = e.country_code
    LEFT JOIN events AS p ON p.id = e.parent_event_id
    UNION ALL
    SELECT 2, m.kind, m.kind || ' of ' || sc.name || ' in ' || pl.name, pl.name, sc.name,
           e.start_date, e.end_date, e.date_precision, NULL, NULL, NULL, NULL, m.id, m.source_id, m.quote,
           coalesce(e.start_date, '~'), 2
    FROM missions AS m
    JOIN places AS pl ON pl.id = m.place_id
    JOIN countries AS sc ON sc.code = m.sending_country_code
    JOIN events AS e ON e.id = m.established_event_id
    JOIN event_lanes AS l ON l.kind = e.kind AND l.lane = 'history'
    UNION ALL
    SELECT 3, 'figure', f.subject, c.name, f.attributed_to, f.start_date, f.end_date, f.date_precision, NULL,
           f.value, f.unit, f.qualifier, f.id, f.source_id, f.quote, coalesce(f.start_date, '~'), 2
    FROM figures AS f
    JOIN metric_lanes AS l ON l.metric = f.metric AND l.lane = 'history'
    LEFT JOIN countries AS c ON c.code = f.country_code
    UNION ALL
    SELECT 0, 'agreement', a.title, NULL,
           (SELECT group_concat(country_code, ', ') FROM agreement_parties WHERE agreement_id = a.id),
           a.signed_date, a.signed_date, a.date_precision, NULL, NULL, NULL, NULL, a.id, a.source_id, a.quote,
           coalesce(a.signed_date, (SELECT min(e.start_date) FROM events AS e WHERE e.quote = a.quote), '~'), 0
    FROM agreements AS a
    WHERE a.id IN (SELECT n.id FROM event_lanes AS l
                   JOIN events AS e ON e.kind = l.kind
                   JOIN agreements AS n ON n.quote = e.quote
                   WHERE l.lane = 'history')
)
ORDER BY sort_date, within_date, topic_order, record_id;

UPDATE kb_tables SET description = CASE name
    WHEN 'sources' THEN 'One row is one document that facts are taken from, with its full text. Every quote in the knowledge base is a passage of one of these texts; the data set''s descriptor (data_set) names them with their licences.'
    WHEN 'countries' THEN 'One row is one country, historical state or constituent republic that the facts refer to, identified by its code.'
    WHEN 'figures' THEN 'One row is one number the source states, for one period, in base units with the source''s own hedge ("exceeded $2.2 billion" is 2200000000 with unit USD and qualifier ''more than'').'
    WHEN 'missions' THEN 'One row is one diplomatic mission of one country in another: an embassy, a consulate-general or another diplomatic post.'
    WHEN 'search' THEN 'Full-text search index (SQLite FTS5) over the names, titles, summaries, quotes and other names of persons, places, organisations, events, agreements and figures, and over offices, missions, transport links, memberships, decorations and their awards: one row per indexed row. Kept in step by triggers; query it with MATCH, e.g. SELECT kind, ref_id, name FROM search WHERE search MATCH ''embassy''. Diacritics are ignored.'
    WHEN 'v_missions' THEN 'One row per diplomatic mission, by sending country and city, with the dates of the event that set it up or opened it.'
    WHEN 'v_history' THEN 'The history lane in one list, one row per fact: its events, the missions one of its events set up, its figures and the agreements named in the same sentence as one of its events, in date order.'
    ELSE description END
WHERE name IN ('sources', 'countries', 'figures', 'missions', 'search', 'v_missions', 'v_history');

UPDATE kb_columns SET description = CASE table_name || '.' || column_name
    WHEN 'countries.code' THEN 'Country code: ISO 3166-1 alpha-2 for a present-day country, ISO 3166-3 for a former one, or kb''s own XX-YY for a constituent republic of XX.'
    WHEN 'countries.kind' THEN '''sovereign state'', ''historical state'' or ''soviet republic'' (a constituent republic).'
    WHEN 'places.country_code' THEN 'The country the source places it in (→ countries.code), by its present-day name, whatever the date of the facts.'
    WHEN 'figures.metric' THEN 'What is measured, in lowercase letters, digits and _ (e.g. trade_turnover, population); event_lanes and metric_lanes give its timeline lane.'
    WHEN 'figures.unit' THEN 'Unit of value, e.g. USD, persons, companies or rank.'
    ELSE description END
WHERE table_name || '.' || column_name IN
    ('countries.code', 'countries.kind', 'places.country_code', 'figures.metric', 'figures.unit');
UPDATE kb_columns SET unit = 'the unit named in `unit`'
WHERE (table_name, column_name) IN (VALUES ('figures', 'value'), ('v_trade', 'value'));

-- Examples come from the rows loaded (the loader writes them); none until a seed is loaded.
UPDATE kb_columns SET example = NULL;
UPDATE kb_columns SET description =
    'A value of the column in the loaded data set, as text (the first one in the table; long texts shortened with …), written by the loader; NULL for views and before a seed is loaded.'
WHERE table_name = 'kb_columns' AND column_name = 'example';
