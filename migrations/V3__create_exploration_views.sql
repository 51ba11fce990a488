-- Exploring the knowledge base: other names of people, places and organizations, a full-text
-- search index kept in step by triggers, and one view per report, so that any SQLite browser
-- shows the very rows `kb report NAME` prints.

-- Other spellings and earlier names, each with the language it belongs to and its source.
CREATE TABLE aliases (
    id              INTEGER PRIMARY KEY,
    alias           TEXT NOT NULL CHECK (alias <> ''),
    language        TEXT NOT NULL CHECK (language <> ''),
    alias_kind      TEXT NOT NULL CHECK (alias_kind IN ('spelling', 'former name', 'native name')),
    person_id       TEXT REFERENCES persons (id),
    place_id        TEXT REFERENCES places (id),
    organization_id TEXT REFERENCES organizations (id),
    source_id       TEXT NOT NULL REFERENCES sources (id),
    quote           TEXT NOT NULL CHECK (length(quote) >= 10),
    CHECK ((person_id IS NOT NULL) + (place_id IS NOT NULL) + (organization_id IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX aliases_unique ON aliases
    (alias, coalesce(person_id, ''), coalesce(place_id, ''), coalesce(organization_id, ''));
CREATE INDEX aliases_person ON aliases (person_id);
CREATE INDEX aliases_place ON aliases (place_id);
CREATE INDEX aliases_organization ON aliases (organization_id);

-- The history report finds the agreements named in the sentence of a history event.
CREATE INDEX agreements_quote ON agreements (quote);

-- Month names for human date labels ('23–26 May 2002').
CREATE TABLE months (
    number TEXT PRIMARY KEY CHECK (number GLOB '[01][0-9]'),
    name   TEXT NOT NULL UNIQUE
);
INSERT INTO months (number, name) VALUES
    ('01', 'January'), ('02', 'February'), ('03', 'March'), ('04', 'April'), ('05', 'May'),
    ('06', 'June'), ('07', 'July'), ('08', 'August'), ('09', 'September'), ('10', 'October'),
    ('11', 'November'), ('12', 'December');

-- Full-text search over names, titles, summaries, quotes and aliases. `kind` and `ref_id` say
-- which row a hit stands for; for text holding letters that Unicode does not decompose
-- (ł, ø, đ, ı, ß), `folded` repeats it with those spelled the ASCII way, so that 'lodz' finds
-- 'Łódź' (it is empty otherwise); the tokenizer removes the other diacritics ('kwasniewski'
-- finds 'Kwaśniewski'). The rowid encodes the
-- source row (rowid * 8 + a number per kind) so the triggers can find an entry quickly.
CREATE VIRTUAL TABLE search USING fts5 (
    kind UNINDEXED,
    ref_id UNINDEXED,
    name,
    body,
    folded,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- What the search index holds, row by row: the triggers below keep it so, a bulk load
-- rebuilds it from this view, and `kb check` compares the two.
CREATE VIEW v_search_source AS
SELECT search_rowid, kind, ref_id, name, body,
       CASE WHEN name || ' ' || body GLOB '*[łŁøØđĐıß]*' THEN
           replace(replace(replace(replace(replace(replace(replace(replace(name || ' ' || body,
           'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
           ELSE '' END AS folded
FROM (
    SELECT rowid * 8 + 1 AS search_rowid, 'person' AS kind, id AS ref_id, name, quote AS body FROM persons
    UNION ALL
    SELECT rowid * 8 + 2, 'place', id, name, quote FROM places
    UNION ALL
    SELECT rowid * 8 + 3, 'organization', id, name, quote FROM organizations
    UNION ALL
    SELECT rowid * 8 + 4, 'event', id, title, summary || ' ' || quote FROM events
    UNION ALL
    SELECT rowid * 8 + 5, 'agreement', id, title, quote FROM agreements
    UNION ALL
    SELECT rowid * 8 + 6, 'figure', id, subject, quote FROM figures
    UNION ALL
    SELECT a.rowid * 8 + 7,
           CASE WHEN a.person_id IS NOT NULL THEN 'person'
                WHEN a.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
           coalesce(a.person_id, a.place_id, a.organization_id), a.alias, a.quote
    FROM aliases AS a
);

CREATE TRIGGER search_persons_insert AFTER INSERT ON persons BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 1, 'person', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_persons_delete AFTER DELETE ON persons BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 1;
END;
CREATE TRIGGER search_persons_update AFTER UPDATE ON persons BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 1;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 1, 'person', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_places_insert AFTER INSERT ON places BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 2, 'place', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_places_delete AFTER DELETE ON places BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 2;
END;
CREATE TRIGGER search_places_update AFTER UPDATE ON places BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 2;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 2, 'place', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_organizations_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 3, 'organization', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_organizations_delete AFTER DELETE ON organizations BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 3;
END;
CREATE TRIGGER search_organizations_update AFTER UPDATE ON organizations BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 3;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 3, 'organization', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_events_insert AFTER INSERT ON events BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 4, 'event', NEW.id, NEW.title, NEW.summary || ' ' || NEW.quote,
            CASE WHEN NEW.title || ' ' || NEW.summary || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.title || ' ' || NEW.summary || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_events_delete AFTER DELETE ON events BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 4;
END;
CREATE TRIGGER search_events_update AFTER UPDATE ON events BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 4;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 4, 'event', NEW.id, NEW.title, NEW.summary || ' ' || NEW.quote,
            CASE WHEN NEW.title || ' ' || NEW.summary || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.title || ' ' || NEW.summary || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_agreements_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 5, 'agreement', NEW.id, NEW.title, NEW.quote,
            CASE WHEN NEW.title || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.title || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_agreements_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 5;
END;
CREATE TRIGGER search_agreements_update AFTER UPDATE ON agreements BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 5;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 5, 'agreement', NEW.id, NEW.title, NEW.quote,
            CASE WHEN NEW.title || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.title || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_figures_insert AFTER INSERT ON figures BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 6, 'figure', NEW.id, NEW.subject, NEW.quote,
            CASE WHEN NEW.subject || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.subject || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_figures_delete AFTER DELETE ON figures BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 6;
END;
CREATE TRIGGER search_figures_update AFTER UPDATE ON figures BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 6;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 6, 'figure', NEW.id, NEW.subject, NEW.quote,
            CASE WHEN NEW.subject || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.subject || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_aliases_insert AFTER INSERT ON aliases BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 7,
            CASE WHEN NEW.person_id IS NOT NULL THEN 'person'
                 WHEN NEW.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
            coalesce(NEW.person_id, NEW.place_id, NEW.organization_id), NEW.alias, NEW.quote,
            CASE WHEN NEW.alias || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.alias || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_aliases_delete AFTER DELETE ON aliases BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 7;
END;
CREATE TRIGGER search_aliases_update AFTER UPDATE ON aliases BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 7;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 7,
            CASE WHEN NEW.person_id IS NOT NULL THEN 'person'
                 WHEN NEW.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
            coalesce(NEW.person_id, NEW.place_id, NEW.organization_id), NEW.alias, NEW.quote,
            CASE WHEN NEW.alias || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.alias || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

-- The rows already in the file when this migration runs.
INSERT INTO search (rowid, kind, ref_id, name, body, folded) SELECT * FROM v_search_source;

-- Which timeline lane an event kind belongs to; kinds not listed go to 'diplomacy'.
CREATE TABLE event_lanes (
    kind TEXT PRIMARY KEY,
    lane TEXT NOT NULL CHECK (lane IN ('history', 'diplomacy', 'visits', 'agreements', 'economy', 'education'))
);
INSERT INTO event_lanes (kind, lane) VALUES
    ('invasion', 'history'), ('deportation', 'history'), ('establishment', 'history'),
    ('relocation', 'history'), ('stationing', 'history'), ('epidemic and famine', 'history'),
    ('evacuation', 'history'), ('repatriation', 'history'),
    ('visit', 'visits'),
    ('diplomatic relations', 'diplomacy'), ('ceremony', 'diplomacy'),
    ('book presentation', 'diplomacy'), ('founding', 'economy'), ('forum', 'economy');

-- Which timeline lane a figure's metric belongs to; metrics not listed go to 'history'.
CREATE TABLE metric_lanes (
    metric TEXT PRIMARY KEY,
    lane   TEXT NOT NULL CHECK (lane IN ('history', 'diplomacy', 'visits', 'agreements', 'economy', 'education'))
);
INSERT INTO metric_lanes (metric, lane) VALUES
    ('trade_turnover', 'economy'), ('companies_operating', 'economy'), ('investment', 'economy'),
    ('foreign_student_group_rank', 'education'), ('central_asian_student_group_rank', 'education'),
    ('population', 'history'), ('persons_repatriated', 'history');

-- One row per visit of a head of state or government to the other country: the trip itself,
-- however many sentences mention it (those are in event_mentions).
CREATE VIEW v_visits AS
SELECT e.start_date, e.end_date, e.date_precision,
       (SELECT group_concat(p.name, '; ') FROM event_participants AS g JOIN persons AS p ON p.id = g.person_id
        WHERE g.event_id = e.id AND g.role = 'guest') AS visitor,
       (SELECT p.country_code FROM event_participants AS g JOIN persons AS p ON p.id = g.person_id
        WHERE g.event_id = e.id AND g.role = 'guest' ORDER BY g.id LIMIT 1) AS visitor_country,
       e.country_code AS host_country,
       e.visit_type AS kind,
       pl.name AS place,
       e.title,
       (SELECT group_concat(p.name, '; ') FROM event_participants AS h JOIN persons AS p ON p.id = h.person_id
        WHERE h.event_id = e.id AND h.role IN ('host', 'met')) AS hosts_and_meetings,
       e.id AS event_id, e.source_id, e.quote
FROM events AS e
LEFT JOIN places AS pl ON pl.id = e.place_id
WHERE e.kind = 'visit'
ORDER BY e.start_date, e.id;

-- Every agreement with its domain, date and parties.
CREATE VIEW v_agreements AS
SELECT a.signed_date, a.date_precision, a.title, a.domain,
       (SELECT group_concat(country_code, ', ') FROM
           (SELECT p.country_code FROM agreement_parties AS p WHERE p.agreement_id = a.id ORDER BY p.country_code)
       ) AS parties,
       a.id AS agreement_id, a.source_id, a.quote
FROM agreements AS a
ORDER BY a.signed_date IS NULL, a.signed_date, a.id;

-- Every dated fact of every kind in date order, with a human label of its date at its
-- precision ('23–26 May 2002', 'November 1997', '1941–1942', 'early 1942') and its lane.
CREATE VIEW v_timeline AS
SELECT t.start_date, t.end_date, t.date_precision, t.date_qualifier,
       CASE t.date_qualifier WHEN 'early' THEN 'early ' WHEN 'during' THEN 'during ' ELSE '' END ||
       CASE t.date_precision
           WHEN 'year' THEN
               CASE WHEN t.start_date = t.end_date THEN t.start_date
                    ELSE t.start_date || '–' || t.end_date END
           WHEN 'month' THEN
               CASE WHEN t.start_date = t.end_date THEN sm.name || ' ' || substr(t.start_date, 1, 4)
                    WHEN substr(t.start_date, 1, 4) = substr(t.end_date, 1, 4)
                        THEN sm.name || '–' || em.name || ' ' || substr(t.start_date, 1, 4)
                    ELSE sm.name || ' ' || substr(t.start_date, 1, 4) || ' – ' || em.name || ' ' || substr(t.end_date, 1, 4) END
           WHEN 'day' THEN
               CASE WHEN t.start_date = t.end_date
                        THEN CAST(substr(t.start_date, 9, 2) AS INTEGER) || ' ' || sm.name || ' ' || substr(t.start_date, 1, 4)
                    WHEN substr(t.start_date, 1, 7) = substr(t.end_date, 1, 7)
                        THEN CAST(substr(t.start_date, 9, 2) AS INTEGER) || '–' || CAST(substr(t.end_date, 9, 2) AS INTEGER)
                             || ' ' || sm.name || ' ' || substr(t.start_date, 1, 4)
                    WHEN substr(t.start_date, 1, 4) = substr(t.end_date, 1, 4)
                        THEN CAST(substr(t.start_date, 9, 2) AS INTEGER) || ' ' || sm.name || ' – '
                             || CAST(substr(t.end_date, 9, 2) AS INTEGER) || ' ' || em.name || ' ' || substr(t.start_date, 1, 4)
                    ELSE CAST(substr(t.start_date, 9, 2) AS INTEGER) || ' ' || sm.name || ' ' || substr(t.start_date, 1, 4) || ' – '
                         || CAST(substr(t.end_date, 9, 2) AS INTEGER) || ' ' || em.name || ' ' || substr(t.end_date, 1, 4) END
       END AS date_label,
       t.lane, t.fact_table, t.fact_id, t.kind, t.title, t.source_id, t.quote
FROM (
    SELECT e.start_date, e.end_date, e.date_precision, e.date_qualifier,
           coalesce(l.lane, 'diplomacy') AS lane, 'events' AS fact_table, e.id AS fact_id, e.kind, e.title,
           e.source_id, e.quote
    FROM events AS e LEFT JOIN event_lanes AS l ON l.kind = e.kind
    WHERE e.start_date IS NOT NULL
    UNION ALL
    SELECT a.signed_date, a.signed_date, a.date_precision, NULL, 'agreements', 'agreements', a.id,
           coalesce(a.domain, 'agreement'), a.title, a.source_id, a.quote
    FROM agreements AS a
    WHERE a.signed_date IS NOT NULL
    UNION ALL
    -- A figure that measures an event (how many were repatriated) is shown with that event.
    SELECT f.start_date, f.end_date, f.date_precision, NULL, coalesce(l.lane, 'history'), 'figures', f.id,
           f.metric,
           f.subject || ': ' || coalesce(f.qualifier || ' ', '') ||
           CASE WHEN f.unit = 'rank' THEN 'No. ' || f.value
                WHEN f.unit = 'USD' AND f.value >= 1000000000 THEN 'US$' || printf('%g', f.value / 1e9) || ' billion'
                WHEN f.unit = 'USD' AND f.value >= 1000000 THEN 'US$' || printf('%g', f.value / 1e6) || ' million'
                WHEN f.unit = 'USD' THEN 'US$' || printf('%,d', f.value)
                WHEN f.value = CAST(f.value AS INTEGER) THEN printf('%,d', f.value) || ' ' || f.unit
                ELSE f.value || ' ' || f.unit END,
           f.source_id, f.quote
    FROM figures AS f LEFT JOIN metric_lanes AS l ON l.metric = f.metric
    WHERE f.start_date IS NOT NULL AND f.event_id IS NULL
    UNION ALL
    SELECT o.start_date, o.end_date, o.date_precision, NULL, 'diplomacy', 'person_offices', CAST(o.id AS TEXT),
           'office', p.name || ', ' || o.office, o.source_id, o.quote
    FROM person_offices AS o JOIN persons AS p ON p.id = o.person_id
    WHERE o.start_date IS NOT NULL
) AS t
LEFT JOIN months AS sm ON sm.number = substr(t.start_date, 6, 2)
LEFT JOIN months AS em ON em.number = substr(t.end_date, 6, 2)
ORDER BY t.start_date, t.end_date, t.fact_table, t.fact_id;

-- Embassies, consulates and the wartime diplomatic posts, by sending country and city, with
-- the period of the event that set each up or opened it.
CREATE VIEW v_missions AS
SELECT sc.name AS sending_country, m.kind, pl.name AS city, hc.name AS host_country,
       e.start_date, e.end_date, e.date_precision, e.title AS established_by,
       m.id AS mission_id, m.source_id, m.quote
FROM missions AS m
JOIN countries AS sc ON sc.code = m.sending_country_code
JOIN countries AS hc ON hc.code = m.host_country_code
JOIN places AS pl ON pl.id = m.place_id
LEFT JOIN events AS e ON e.id = m.established_event_id
ORDER BY sc.name, m.kind = 'diplomatic post', m.kind, pl.name;

-- The Second World War chapter: the events of the history lane (deportation, the diplomatic
-- posts, the army's relocation, stationing and evacuation, repatriation), where each unit was
-- stationed, the posts by city, the population figures, and the agreements signed before 1950
-- or named in the same sentence as one of these events.
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
           -- Undated events follow the dated event they are part of, or the 1939 invasion.
           coalesce(e.start_date, p.start_date, '1939~') AS sort_date,
           CASE WHEN e.date_qualifier = 'early' THEN 0 WHEN e.parent_event_id IS NOT NULL THEN 1 ELSE 2 END
               AS within_date
    FROM events AS e
    JOIN event_lanes AS l ON l.kind = e.kind AND l.lane = 'history'
    LEFT JOIN places AS pl ON pl.id = e.place_id
    LEFT JOIN countries AS c ON c.code = e.country_code
    LEFT JOIN events AS p ON p.id = e.parent_event_id
    UNION ALL
    SELECT 2, 'diplomatic post', 'Polish diplomatic post in ' || pl.name, pl.name, sc.name,
           e.start_date, e.end_date, e.date_precision, NULL, NULL, NULL, NULL, m.id, m.source_id, m.quote,
           coalesce(e.start_date, '1939~'), 2
    FROM missions AS m
    JOIN places AS pl ON pl.id = m.place_id
    JOIN countries AS sc ON sc.code = m.sending_country_code
    LEFT JOIN events AS e ON e.id = m.established_event_id
    WHERE m.kind = 'diplomatic post'
    UNION ALL
    SELECT 3, 'figure', f.subject, c.name, f.attributed_to, f.start_date, f.end_date, f.date_precision, NULL,
           f.value, f.unit, f.qualifier, f.id, f.source_id, f.quote, coalesce(f.start_date, '1939~'), 2
    FROM figures AS f
    JOIN metric_lanes AS l ON l.metric = f.metric AND l.lane = 'history'
    LEFT JOIN countries AS c ON c.code = f.country_code
    UNION ALL
    SELECT 0, 'agreement', a.title, NULL,
           (SELECT group_concat(country_code, ', ') FROM agreement_parties WHERE agreement_id = a.id),
           a.signed_date, a.signed_date, a.date_precision, NULL, NULL, NULL, NULL, a.id, a.source_id, a.quote,
           coalesce(a.signed_date, '1941'), 0
    FROM agreements AS a
    WHERE a.signed_date < '1950'
       OR a.id IN (SELECT n.id FROM event_lanes AS l
                   JOIN events AS e ON e.kind = l.kind
                   JOIN agreements AS n ON n.quote = e.quote
                   WHERE l.lane = 'history')
)
ORDER BY sort_date, within_date, topic_order, record_id;

-- Each person with their offices, the events they took part in (and in what role) and the
-- decorations they received or conferred.
CREATE VIEW v_people AS
SELECT person, person_id, country_code, relation, detail, start_date, end_date, date_precision,
       record_id, source_id, quote
FROM (
    SELECT p.name AS person, p.id AS person_id, p.country_code, 'office' AS relation,
           o.office || CASE WHEN o.ordinal = 1 THEN ' (the first)' ELSE '' END AS detail,
           o.start_date, o.end_date, o.date_precision, CAST(o.id AS TEXT) AS record_id, o.source_id, o.quote,
           0 AS relation_order
    FROM persons AS p JOIN person_offices AS o ON o.person_id = p.id
    UNION ALL
    SELECT p.name, p.id, p.country_code, 'event: ' || ep.role, e.title,
           e.start_date, e.end_date, e.date_precision, e.id, ep.source_id, ep.quote, 1
    FROM persons AS p
    JOIN event_participants AS ep ON ep.person_id = p.id
    JOIN events AS e ON e.id = ep.event_id
    UNION ALL
    SELECT p.name, p.id, p.country_code, 'decoration received',
           d.name || coalesce(' from ' || c.name, ''),
           e.start_date, e.end_date, e.date_precision, CAST(a.id AS TEXT), a.source_id, a.quote, 2
    FROM persons AS p
    JOIN decoration_awards AS a ON a.recipient_person_id = p.id
    JOIN decorations AS d ON d.id = a.decoration_id
    LEFT JOIN persons AS c ON c.id = a.conferrer_person_id
    LEFT JOIN events AS e ON e.id = a.event_id
    UNION ALL
    SELECT p.name, p.id, p.country_code, 'decoration conferred',
           d.name || ' on ' || r.name,
           e.start_date, e.end_date, e.date_precision, CAST(a.id AS TEXT), a.source_id, a.quote, 3
    FROM persons AS p
    JOIN decoration_awards AS a ON a.conferrer_person_id = p.id
    JOIN decorations AS d ON d.id = a.decoration_id
    JOIN persons AS r ON r.id = a.recipient_person_id
    LEFT JOIN events AS e ON e.id = a.event_id
)
ORDER BY person, relation_order, start_date, record_id;

-- Education: the student figures and the education agreements.
CREATE VIEW v_education AS
SELECT 'figure' AS topic, f.subject AS fact, f.value, f.unit, f.start_date, f.end_date, f.date_precision,
       f.id AS record_id, f.source_id, f.quote
FROM figures AS f JOIN metric_lanes AS l ON l.metric = f.metric AND l.lane = 'education'
UNION ALL
SELECT 'agreement', a.title, NULL, NULL, a.signed_date, a.signed_date, a.date_precision, a.id, a.source_id, a.quote
FROM agreements AS a WHERE a.domain = 'education'
ORDER BY topic, start_date, record_id;

-- Transport links, with their operators.
CREATE VIEW v_transport AS
SELECT t.mode, o.name AS operator, a.name AS origin, b.name AS destination,
       t.id AS link_id, t.source_id, t.quote
FROM transport_links AS t
LEFT JOIN organizations AS o ON o.id = t.operator_id
JOIN places AS a ON a.id = t.origin_place_id
JOIN places AS b ON b.id = t.destination_place_id
ORDER BY t.mode, a.name, b.name;

-- Memberships of the two countries (and others) in international organizations.
CREATE VIEW v_memberships AS
SELECT c.name AS country, c.code AS country_code, o.name AS organization, o.id AS organization_id,
       m.source_id, m.quote
FROM memberships AS m
JOIN countries AS c ON c.code = m.country_code
JOIN organizations AS o ON o.id = m.organization_id
ORDER BY o.name, c.name;

-- Every fact linked to a person, place, organization, country, event or agreement, one row per
-- link, each with its date and quote: `kb show` prints these rows for one entity.
CREATE VIEW v_facts AS
-- person
SELECT 'person' AS entity_kind, o.person_id AS entity_id, 'office' AS relation,
       o.office AS fact, 'person_offices' AS fact_table, CAST(o.id AS TEXT) AS fact_id,
       o.start_date, o.end_date, o.date_precision, o.source_id, o.quote
FROM person_offices AS o
UNION ALL
SELECT 'person', ep.person_id, 'took part as ' || ep.role, e.title, 'events', e.id,
       e.start_date, e.end_date, e.date_precision, ep.source_id, ep.quote
FROM event_participants AS ep JOIN events AS e ON e.id = ep.event_id WHERE ep.person_id IS NOT NULL
UNION ALL
SELECT 'person', a.recipient_person_id, 'received', d.name || coalesce(' from ' || c.name, ''),
       'decoration_awards', CAST(a.id AS TEXT), e.start_date, e.end_date, e.date_precision, a.source_id, a.quote
FROM decoration_awards AS a JOIN decorations AS d ON d.id = a.decoration_id
LEFT JOIN persons AS c ON c.id = a.conferrer_person_id LEFT JOIN events AS e ON e.id = a.event_id
UNION ALL
SELECT 'person', a.conferrer_person_id, 'conferred', d.name || ' on ' || r.name,
       'decoration_awards', CAST(a.id AS TEXT), e.start_date, e.end_date, e.date_precision, a.source_id, a.quote
FROM decoration_awards AS a JOIN decorations AS d ON d.id = a.decoration_id
JOIN persons AS r ON r.id = a.recipient_person_id LEFT JOIN events AS e ON e.id = a.event_id
WHERE a.conferrer_person_id IS NOT NULL
-- place
UNION ALL
SELECT 'place', e.place_id, 'scene of', e.title, 'events', e.id, e.start_date, e.end_date, e.date_precision,
       e.source_id, e.quote
FROM events AS e WHERE e.place_id IS NOT NULL
UNION ALL
SELECT 'place', p.place_id, p.role || ' of', e.title, 'events', e.id, e.start_date, e.end_date, e.date_precision,
       p.source_id, p.quote
FROM event_places AS p JOIN events AS e ON e.id = p.event_id WHERE p.place_id IS NOT NULL
UNION ALL
SELECT 'place', m.place_id, 'seat of', m.kind || ' of ' || c.name, 'missions', m.id,
       e.start_date, e.end_date, e.date_precision, m.source_id, m.quote
FROM missions AS m JOIN countries AS c ON c.code = m.sending_country_code
LEFT JOIN events AS e ON e.id = m.established_event_id
UNION ALL
SELECT 'place', t.origin_place_id, 'origin of', t.mode || ' link to ' || b.name, 'transport_links', t.id,
       NULL, NULL, NULL, t.source_id, t.quote
FROM transport_links AS t JOIN places AS b ON b.id = t.destination_place_id
UNION ALL
SELECT 'place', t.destination_place_id, 'destination of', t.mode || ' link from ' || a.name, 'transport_links', t.id,
       NULL, NULL, NULL, t.source_id, t.quote
FROM transport_links AS t JOIN places AS a ON a.id = t.origin_place_id
-- organization
UNION ALL
SELECT 'organization', ep.organization_id, 'took part as ' || ep.role, e.title, 'events', e.id,
       e.start_date, e.end_date, e.date_precision, ep.source_id, ep.quote
FROM event_participants AS ep JOIN events AS e ON e.id = ep.event_id WHERE ep.organization_id IS NOT NULL
UNION ALL
SELECT 'organization', m.organization_id, 'member', c.name, 'memberships', CAST(m.id AS TEXT),
       NULL, NULL, NULL, m.source_id, m.quote
FROM memberships AS m JOIN countries AS c ON c.code = m.country_code
UNION ALL
SELECT 'organization', o.parent_id, 'unit', o.name, 'organizations', o.id, NULL, NULL, NULL, o.source_id, o.quote
FROM organizations AS o WHERE o.parent_id IS NOT NULL
UNION ALL
SELECT 'organization', o.id, 'part of', p.name, 'organizations', p.id, NULL, NULL, NULL, o.source_id, o.quote
FROM organizations AS o JOIN organizations AS p ON p.id = o.parent_id
UNION ALL
SELECT 'organization', t.operator_id, 'operates', t.mode || ' link ' || a.name || ' – ' || b.name,
       'transport_links', t.id, NULL, NULL, NULL, t.source_id, t.quote
FROM transport_links AS t JOIN places AS a ON a.id = t.origin_place_id JOIN places AS b ON b.id = t.destination_place_id
WHERE t.operator_id IS NOT NULL
-- country
UNION ALL
SELECT 'country', ep.country_code, 'took part as ' || ep.role, e.title, 'events', e.id,
       e.start_date, e.end_date, e.date_precision, ep.source_id, ep.quote
FROM event_participants AS ep JOIN events AS e ON e.id = ep.event_id WHERE ep.country_code IS NOT NULL
UNION ALL
SELECT 'country', ap.country_code, 'party to', a.title, 'agreements', a.id, a.signed_date, a.signed_date,
       a.date_precision, ap.source_id, ap.quote
FROM agreement_parties AS ap JOIN agreements AS a ON a.id = ap.agreement_id
UNION ALL
SELECT 'country', m.country_code, 'member of', o.name, 'memberships', CAST(m.id AS TEXT), NULL, NULL, NULL,
       m.source_id, m.quote
FROM memberships AS m JOIN organizations AS o ON o.id = m.organization_id
UNION ALL
SELECT 'country', m.sending_country_code, 'sends', m.kind || ' in ' || p.name, 'missions', m.id,
       e.start_date, e.end_date, e.date_precision, m.source_id, m.quote
FROM missions AS m JOIN places AS p ON p.id = m.place_id LEFT JOIN events AS e ON e.id = m.established_event_id
UNION ALL
SELECT 'country', m.host_country_code, 'hosts', m.kind || ' in ' || p.name, 'missions', m.id,
       e.start_date, e.end_date, e.date_precision, m.source_id, m.quote
FROM missions AS m JOIN places AS p ON p.id = m.place_id LEFT JOIN events AS e ON e.id = m.established_event_id
-- event
UNION ALL
SELECT 'event', ep.event_id, ep.role,
       coalesce((SELECT name FROM persons WHERE id = ep.person_id),
                (SELECT name FROM organizations WHERE id = ep.organization_id),
                (SELECT name FROM countries WHERE code = ep.country_code)),
       'event_participants', CAST(ep.id AS TEXT), NULL, NULL, NULL, ep.source_id, ep.quote
FROM event_participants AS ep
UNION ALL
SELECT 'event', p.event_id, p.role,
       coalesce((SELECT name FROM places WHERE id = p.place_id), (SELECT name FROM countries WHERE code = p.country_code)),
       'event_places', CAST(p.id AS TEXT), NULL, NULL, NULL, p.source_id, p.quote
FROM event_places AS p
UNION ALL
SELECT 'event', m.event_id, 'also mentioned', NULL, 'event_mentions', CAST(m.id AS TEXT), NULL, NULL, NULL,
       m.source_id, m.quote
FROM event_mentions AS m
UNION ALL
SELECT 'event', c.parent_event_id, 'included', c.title, 'events', c.id, c.start_date, c.end_date, c.date_precision,
       c.source_id, c.quote
FROM events AS c WHERE c.parent_event_id IS NOT NULL
UNION ALL
SELECT 'event', c.id, 'part of', p.title, 'events', p.id, p.start_date, p.end_date, p.date_precision,
       p.source_id, p.quote
FROM events AS c JOIN events AS p ON p.id = c.parent_event_id
UNION ALL
SELECT 'event', f.event_id, 'figure', f.subject || ': ' || coalesce(f.qualifier || ' ', '') || f.value || ' ' || f.unit,
       'figures', f.id, f.start_date, f.end_date, f.date_precision, f.source_id, f.quote
FROM figures AS f WHERE f.event_id IS NOT NULL
UNION ALL
SELECT 'event', a.event_id, 'decoration', d.name || ' to ' || r.name, 'decoration_awards', CAST(a.id AS TEXT),
       NULL, NULL, NULL, a.source_id, a.quote
FROM decoration_awards AS a JOIN decorations AS d ON d.id = a.decoration_id
JOIN persons AS r ON r.id = a.recipient_person_id WHERE a.event_id IS NOT NULL
UNION ALL
SELECT 'event', m.established_event_id, 'established', m.kind || ' in ' || p.name, 'missions', m.id,
       NULL, NULL, NULL, m.source_id, m.quote
FROM missions AS m JOIN places AS p ON p.id = m.place_id WHERE m.established_event_id IS NOT NULL
-- agreement
UNION ALL
SELECT 'agreement', ap.agreement_id, 'party', c.name, 'agreement_parties', CAST(ap.id AS TEXT),
       NULL, NULL, NULL, ap.source_id, ap.quote
FROM agreement_parties AS ap JOIN countries AS c ON c.code = ap.country_code
-- other names, for every kind that has them
UNION ALL
SELECT CASE WHEN a.person_id IS NOT NULL THEN 'person' WHEN a.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
       coalesce(a.person_id, a.place_id, a.organization_id), 'also called', a.alias || ' (' || a.language || ', ' || a.alias_kind || ')',
       'aliases', CAST(a.id AS TEXT), NULL, NULL, NULL, a.source_id, a.quote
FROM aliases AS a;
