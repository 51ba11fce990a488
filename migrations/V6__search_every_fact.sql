-- Search covers every table that holds facts: besides names, titles and other names (V3),
-- a person's offices and the decorations they received, missions, transport links,
-- memberships and decorations, so that 'white eagle' finds the Order of the White Eagle and
-- who received it. Their entries take negative rowids, -(rowid * 8 + n), so that V3's
-- entries (rowid * 8 + n, n from 1 to 7) keep theirs. An entry of a person's office or award
-- is a hit for that person, one of a membership for the organization.

DROP VIEW v_search_source;

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
    UNION ALL
    SELECT -(rowid * 8 + 1), 'person', person_id, office, quote FROM person_offices
    UNION ALL
    SELECT -(rowid * 8 + 2), 'mission', id, kind, quote FROM missions
    UNION ALL
    SELECT -(rowid * 8 + 3), 'transport link', id, mode, quote FROM transport_links
    UNION ALL
    SELECT -(rowid * 8 + 4), 'organization', organization_id, '', quote FROM memberships
    UNION ALL
    SELECT -(rowid * 8 + 5), 'decoration', id, name, coalesce(description || ' ', '') || quote FROM decorations
    UNION ALL
    SELECT -(rowid * 8 + 6), 'person', recipient_person_id, '', quote FROM decoration_awards
);

CREATE TRIGGER search_person_offices_insert AFTER INSERT ON person_offices BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 1), 'person', NEW.person_id, NEW.office, NEW.quote,
            CASE WHEN (NEW.office || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.office || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_person_offices_delete AFTER DELETE ON person_offices BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 1);
END;
CREATE TRIGGER search_person_offices_update AFTER UPDATE ON person_offices BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 1);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 1), 'person', NEW.person_id, NEW.office, NEW.quote,
            CASE WHEN (NEW.office || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.office || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_missions_insert AFTER INSERT ON missions BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 2), 'mission', NEW.id, NEW.kind, NEW.quote,
            CASE WHEN (NEW.kind || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.kind || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_missions_delete AFTER DELETE ON missions BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 2);
END;
CREATE TRIGGER search_missions_update AFTER UPDATE ON missions BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 2);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 2), 'mission', NEW.id, NEW.kind, NEW.quote,
            CASE WHEN (NEW.kind || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.kind || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_transport_links_insert AFTER INSERT ON transport_links BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 3), 'transport link', NEW.id, NEW.mode, NEW.quote,
            CASE WHEN (NEW.mode || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.mode || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_transport_links_delete AFTER DELETE ON transport_links BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 3);
END;
CREATE TRIGGER search_transport_links_update AFTER UPDATE ON transport_links BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 3);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 3), 'transport link', NEW.id, NEW.mode, NEW.quote,
            CASE WHEN (NEW.mode || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.mode || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_memberships_insert AFTER INSERT ON memberships BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 4), 'organization', NEW.organization_id, '', NEW.quote,
            CASE WHEN ('' || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(('' || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_memberships_delete AFTER DELETE ON memberships BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 4);
END;
CREATE TRIGGER search_memberships_update AFTER UPDATE ON memberships BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 4);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 4), 'organization', NEW.organization_id, '', NEW.quote,
            CASE WHEN ('' || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(('' || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_decorations_insert AFTER INSERT ON decorations BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 5), 'decoration', NEW.id, NEW.name, coalesce(NEW.description || ' ', '') || NEW.quote,
            CASE WHEN (NEW.name || ' ' || coalesce(NEW.description || ' ', '') || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.name || ' ' || coalesce(NEW.description || ' ', '') || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_decorations_delete AFTER DELETE ON decorations BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 5);
END;
CREATE TRIGGER search_decorations_update AFTER UPDATE ON decorations BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 5);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 5), 'decoration', NEW.id, NEW.name, coalesce(NEW.description || ' ', '') || NEW.quote,
            CASE WHEN (NEW.name || ' ' || coalesce(NEW.description || ' ', '') || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.name || ' ' || coalesce(NEW.description || ' ', '') || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

CREATE TRIGGER search_decoration_awards_insert AFTER INSERT ON decoration_awards BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 6), 'person', NEW.recipient_person_id, '', NEW.quote,
            CASE WHEN ('' || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(('' || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_decoration_awards_delete AFTER DELETE ON decoration_awards BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 6);
END;
CREATE TRIGGER search_decoration_awards_update AFTER UPDATE ON decoration_awards BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 6);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 6), 'person', NEW.recipient_person_id, '', NEW.quote,
            CASE WHEN ('' || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(('' || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

-- The rows already in the file when this migration runs.
INSERT INTO search (rowid, kind, ref_id, name, body, folded)
SELECT * FROM v_search_source WHERE search_rowid < 0;

-- The file's own documentation of the index, brought up to date.
UPDATE kb_tables SET description =
    'Full-text search index (SQLite FTS5) over the names, titles, summaries, quotes and other names of persons, places, organisations, events, agreements and figures, and over offices, missions, transport links, memberships, decorations and their awards: one row per indexed row. Kept in step by triggers; query it with MATCH, e.g. SELECT kind, ref_id, name FROM search WHERE search MATCH ''kwasniewski''. Diacritics are ignored.'
WHERE name = 'search';
UPDATE kb_columns SET description =
    'What the hit stands for: person, place, organization, event, agreement, figure, mission, transport link or decoration (not searched); an office or a decoration award is a hit for its person, a membership for its organization.'
WHERE table_name = 'search' AND column_name = 'kind';
UPDATE kb_columns SET description =
    'rowid of the entry in search: the source row''s rowid × 8 + 1 person, 2 place, 3 organization, 4 event, 5 agreement, 6 figure, 7 alias; −(rowid × 8 + 1 office, 2 mission, 3 transport link, 4 membership, 5 decoration, 6 decoration award).'
WHERE table_name = 'v_search_source' AND column_name = 'search_rowid';
UPDATE kb_columns SET description =
    'person, place, organization, event, agreement, figure, mission, transport link or decoration.'
WHERE table_name = 'v_search_source' AND column_name = 'kind';
