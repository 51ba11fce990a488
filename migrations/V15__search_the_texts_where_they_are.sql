-- The search index reads its texts from the tables instead of keeping a copy of them: FTS5's
-- copy (search_content) was two fifths of a loaded file. search becomes an external-content
-- index over v_search_source, which finds each entry's row from its rowid through the new
-- table search_entries (one row per entry), so that FTS5's lookup of one rowid reads one row
-- of one table. folded now holds only the words that have one of ł, ø, đ, ı and ß, spelled
-- the ASCII way: the other words are in name and body already, and indexing them a second
-- time took a tenth of the file. Those words are worked out once, when a row is written
-- (v_search_folded), and kept in search_entries, so that reading an entry costs no more
-- than reading its row. The triggers read an entry's values from v_search_source: before a
-- row changes or goes, to take its entry out (an external-content index must be told the
-- values it indexed), and after it is written, to index it again. INSERT OR REPLACE removes
-- the row it replaces without its delete trigger (unless PRAGMA recursive_triggers is on):
-- where the id is the rowid, the insert trigger finds the old entry still there and refuses.

CREATE TABLE search_entries (
    search_rowid INTEGER PRIMARY KEY,
    folded       TEXT NOT NULL
);

-- The folded words of each entry of v_search_source, worked out from its name and body (a
-- word is what lies between two spaces). Made while v_search_source is still V6's, to fill
-- search_entries from it; it reads the new view once that replaces V6's.
CREATE VIEW v_search_folded AS
SELECT search_rowid,
       CASE WHEN name || ' ' || body GLOB '*[łŁøØđĐıß]*' THEN (
           WITH RECURSIVE words (word, rest) AS (
               SELECT '', name || ' ' || body || ' '
               UNION ALL
               SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
               FROM words WHERE rest <> ''
           )
           SELECT group_concat(replace(replace(replace(replace(replace(replace(replace(replace(word,
               'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss'), ' ')
           FROM words WHERE word GLOB '*[łŁøØđĐıß]*'
       ) ELSE '' END AS folded
FROM v_search_source;

INSERT INTO search_entries (search_rowid, folded)
SELECT search_rowid, folded FROM v_search_folded ORDER BY search_rowid;

DROP TRIGGER search_persons_insert;
DROP TRIGGER search_persons_delete;
DROP TRIGGER search_persons_update;
DROP TRIGGER search_places_insert;
DROP TRIGGER search_places_delete;
DROP TRIGGER search_places_update;
DROP TRIGGER search_organizations_insert;
DROP TRIGGER search_organizations_delete;
DROP TRIGGER search_organizations_update;
DROP TRIGGER search_events_insert;
DROP TRIGGER search_events_delete;
DROP TRIGGER search_events_update;
DROP TRIGGER search_agreements_insert;
DROP TRIGGER search_agreements_delete;
DROP TRIGGER search_agreements_update;
DROP TRIGGER search_figures_insert;
DROP TRIGGER search_figures_delete;
DROP TRIGGER search_figures_update;
DROP TRIGGER search_aliases_insert;
DROP TRIGGER search_aliases_delete;
DROP TRIGGER search_aliases_update;
DROP TRIGGER search_person_offices_insert;
DROP TRIGGER search_person_offices_delete;
DROP TRIGGER search_person_offices_update;
DROP TRIGGER search_missions_insert;
DROP TRIGGER search_missions_delete;
DROP TRIGGER search_missions_update;
DROP TRIGGER search_transport_links_insert;
DROP TRIGGER search_transport_links_delete;
DROP TRIGGER search_transport_links_update;
DROP TRIGGER search_memberships_insert;
DROP TRIGGER search_memberships_delete;
DROP TRIGGER search_memberships_update;
DROP TRIGGER search_decorations_insert;
DROP TRIGGER search_decorations_delete;
DROP TRIGGER search_decorations_update;
DROP TRIGGER search_decoration_awards_insert;
DROP TRIGGER search_decoration_awards_delete;
DROP TRIGGER search_decoration_awards_update;
DROP TABLE search;
DROP VIEW v_search_source;

-- An entry's row: search_rowid / 8 is its rowid in the table the remainder names (the sign
-- tells V3's tables from V6's). Each branch starts from search_entries, so that a lookup of
-- one search_rowid reads one row of search_entries and one of the table, and a scan in
-- search_rowid order merges the branches without sorting.
CREATE VIEW v_search_source AS
SELECT e.search_rowid, 'person' AS kind, t.id AS ref_id, t.name AS name, t.quote AS body, e.folded
FROM search_entries AS e JOIN persons AS t ON t.rowid = e.search_rowid / 8
WHERE e.search_rowid > 0 AND e.search_rowid % 8 = 1
UNION ALL
SELECT e.search_rowid, 'place', t.id, t.name, t.quote, e.folded
FROM search_entries AS e JOIN places AS t ON t.rowid = e.search_rowid / 8
WHERE e.search_rowid > 0 AND e.search_rowid % 8 = 2
UNION ALL
SELECT e.search_rowid, 'organization', t.id, t.name, t.quote, e.folded
FROM search_entries AS e JOIN organizations AS t ON t.rowid = e.search_rowid / 8
WHERE e.search_rowid > 0 AND e.search_rowid % 8 = 3
UNION ALL
SELECT e.search_rowid, 'event', t.id, t.title, t.summary || ' ' || t.quote, e.folded
FROM search_entries AS e JOIN events AS t ON t.rowid = e.search_rowid / 8
WHERE e.search_rowid > 0 AND e.search_rowid % 8 = 4
UNION ALL
SELECT e.search_rowid, 'agreement', t.id, t.title, t.quote, e.folded
FROM search_entries AS e JOIN agreements AS t ON t.rowid = e.search_rowid / 8
WHERE e.search_rowid > 0 AND e.search_rowid % 8 = 5
UNION ALL
SELECT e.search_rowid, 'figure', t.id, t.subject, t.quote, e.folded
FROM search_entries AS e JOIN figures AS t ON t.rowid = e.search_rowid / 8
WHERE e.search_rowid > 0 AND e.search_rowid % 8 = 6
UNION ALL
SELECT e.search_rowid,
       CASE WHEN t.person_id IS NOT NULL THEN 'person'
            WHEN t.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
       coalesce(t.person_id, t.place_id, t.organization_id), t.alias, t.quote, e.folded
FROM search_entries AS e JOIN aliases AS t ON t.rowid = e.search_rowid / 8
WHERE e.search_rowid > 0 AND e.search_rowid % 8 = 7
UNION ALL
SELECT e.search_rowid, 'person', t.person_id, t.office, t.quote, e.folded
FROM search_entries AS e JOIN person_offices AS t ON t.rowid = -(e.search_rowid / 8)
WHERE e.search_rowid < 0 AND e.search_rowid % 8 = -1
UNION ALL
SELECT e.search_rowid, 'mission', t.id, t.kind, t.quote, e.folded
FROM search_entries AS e JOIN missions AS t ON t.rowid = -(e.search_rowid / 8)
WHERE e.search_rowid < 0 AND e.search_rowid % 8 = -2
UNION ALL
SELECT e.search_rowid, 'transport link', t.id, t.mode, t.quote, e.folded
FROM search_entries AS e JOIN transport_links AS t ON t.rowid = -(e.search_rowid / 8)
WHERE e.search_rowid < 0 AND e.search_rowid % 8 = -3
UNION ALL
SELECT e.search_rowid, 'organization', t.organization_id, '', t.quote, e.folded
FROM search_entries AS e JOIN memberships AS t ON t.rowid = -(e.search_rowid / 8)
WHERE e.search_rowid < 0 AND e.search_rowid % 8 = -4
UNION ALL
SELECT e.search_rowid,
       'decoration',
       t.id, t.name, coalesce(t.description || ' ', '') || t.quote, e.folded
FROM search_entries AS e JOIN decorations AS t ON t.rowid = -(e.search_rowid / 8)
WHERE e.search_rowid < 0 AND e.search_rowid % 8 = -5
UNION ALL
SELECT e.search_rowid, 'person', t.recipient_person_id, '', t.quote, e.folded
FROM search_entries AS e JOIN decoration_awards AS t ON t.rowid = -(e.search_rowid / 8)
WHERE e.search_rowid < 0 AND e.search_rowid % 8 = -6
;

CREATE VIRTUAL TABLE search USING fts5 (
    kind UNINDEXED,
    ref_id UNINDEXED,
    name,
    body,
    folded,
    tokenize = 'unicode61 remove_diacritics 2',
    content = 'v_search_source',
    content_rowid = 'search_rowid'
);

INSERT INTO search (search) VALUES ('rebuild');

CREATE TRIGGER search_persons_insert AFTER INSERT ON persons BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 1, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 1)
    WHERE search_rowid = NEW.rowid * 8 + 1;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 1;
END;
CREATE TRIGGER search_persons_delete BEFORE DELETE ON persons BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 1;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 1;
END;
CREATE TRIGGER search_persons_unindex BEFORE UPDATE ON persons BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 1;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 1;
END;
CREATE TRIGGER search_persons_update AFTER UPDATE ON persons BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 1, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 1)
    WHERE search_rowid = NEW.rowid * 8 + 1;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 1;
END;

CREATE TRIGGER search_places_insert AFTER INSERT ON places BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 2, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 2)
    WHERE search_rowid = NEW.rowid * 8 + 2;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 2;
END;
CREATE TRIGGER search_places_delete BEFORE DELETE ON places BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 2;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 2;
END;
CREATE TRIGGER search_places_unindex BEFORE UPDATE ON places BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 2;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 2;
END;
CREATE TRIGGER search_places_update AFTER UPDATE ON places BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 2, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 2)
    WHERE search_rowid = NEW.rowid * 8 + 2;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 2;
END;

CREATE TRIGGER search_organizations_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 3, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 3)
    WHERE search_rowid = NEW.rowid * 8 + 3;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 3;
END;
CREATE TRIGGER search_organizations_delete BEFORE DELETE ON organizations BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 3;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 3;
END;
CREATE TRIGGER search_organizations_unindex BEFORE UPDATE ON organizations BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 3;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 3;
END;
CREATE TRIGGER search_organizations_update AFTER UPDATE ON organizations BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 3, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 3)
    WHERE search_rowid = NEW.rowid * 8 + 3;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 3;
END;

CREATE TRIGGER search_events_insert AFTER INSERT ON events BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 4, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 4)
    WHERE search_rowid = NEW.rowid * 8 + 4;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 4;
END;
CREATE TRIGGER search_events_delete BEFORE DELETE ON events BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 4;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 4;
END;
CREATE TRIGGER search_events_unindex BEFORE UPDATE ON events BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 4;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 4;
END;
CREATE TRIGGER search_events_update AFTER UPDATE ON events BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 4, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 4)
    WHERE search_rowid = NEW.rowid * 8 + 4;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 4;
END;

CREATE TRIGGER search_agreements_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 5, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 5)
    WHERE search_rowid = NEW.rowid * 8 + 5;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 5;
END;
CREATE TRIGGER search_agreements_delete BEFORE DELETE ON agreements BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 5;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 5;
END;
CREATE TRIGGER search_agreements_unindex BEFORE UPDATE ON agreements BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 5;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 5;
END;
CREATE TRIGGER search_agreements_update AFTER UPDATE ON agreements BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 5, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 5)
    WHERE search_rowid = NEW.rowid * 8 + 5;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 5;
END;

CREATE TRIGGER search_figures_insert AFTER INSERT ON figures BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 6, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 6)
    WHERE search_rowid = NEW.rowid * 8 + 6;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 6;
END;
CREATE TRIGGER search_figures_delete BEFORE DELETE ON figures BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 6;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 6;
END;
CREATE TRIGGER search_figures_unindex BEFORE UPDATE ON figures BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 6;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 6;
END;
CREATE TRIGGER search_figures_update AFTER UPDATE ON figures BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 6, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 6)
    WHERE search_rowid = NEW.rowid * 8 + 6;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 6;
END;

CREATE TRIGGER search_aliases_insert AFTER INSERT ON aliases BEGIN
    SELECT RAISE(ABORT, 'INSERT OR REPLACE replaced a row of aliases without its delete trigger, which takes it out of the search index: run PRAGMA recursive_triggers = ON first, or UPDATE the row')
    WHERE EXISTS (SELECT 1 FROM search_entries WHERE search_rowid = NEW.rowid * 8 + 7);
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 7, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 7)
    WHERE search_rowid = NEW.rowid * 8 + 7;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 7;
END;
CREATE TRIGGER search_aliases_delete BEFORE DELETE ON aliases BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 7;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 7;
END;
CREATE TRIGGER search_aliases_unindex BEFORE UPDATE ON aliases BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = OLD.rowid * 8 + 7;
    DELETE FROM search_entries WHERE search_rowid = OLD.rowid * 8 + 7;
END;
CREATE TRIGGER search_aliases_update AFTER UPDATE ON aliases BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (NEW.rowid * 8 + 7, '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = NEW.rowid * 8 + 7)
    WHERE search_rowid = NEW.rowid * 8 + 7;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = NEW.rowid * 8 + 7;
END;

CREATE TRIGGER search_person_offices_insert AFTER INSERT ON person_offices BEGIN
    SELECT RAISE(ABORT, 'INSERT OR REPLACE replaced a row of person_offices without its delete trigger, which takes it out of the search index: run PRAGMA recursive_triggers = ON first, or UPDATE the row')
    WHERE EXISTS (SELECT 1 FROM search_entries WHERE search_rowid = -(NEW.rowid * 8 + 1));
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 1), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 1))
    WHERE search_rowid = -(NEW.rowid * 8 + 1);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 1);
END;
CREATE TRIGGER search_person_offices_delete BEFORE DELETE ON person_offices BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 1);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 1);
END;
CREATE TRIGGER search_person_offices_unindex BEFORE UPDATE ON person_offices BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 1);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 1);
END;
CREATE TRIGGER search_person_offices_update AFTER UPDATE ON person_offices BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 1), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 1))
    WHERE search_rowid = -(NEW.rowid * 8 + 1);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 1);
END;

CREATE TRIGGER search_missions_insert AFTER INSERT ON missions BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 2), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 2))
    WHERE search_rowid = -(NEW.rowid * 8 + 2);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 2);
END;
CREATE TRIGGER search_missions_delete BEFORE DELETE ON missions BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 2);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 2);
END;
CREATE TRIGGER search_missions_unindex BEFORE UPDATE ON missions BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 2);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 2);
END;
CREATE TRIGGER search_missions_update AFTER UPDATE ON missions BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 2), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 2))
    WHERE search_rowid = -(NEW.rowid * 8 + 2);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 2);
END;

CREATE TRIGGER search_transport_links_insert AFTER INSERT ON transport_links BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 3), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 3))
    WHERE search_rowid = -(NEW.rowid * 8 + 3);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 3);
END;
CREATE TRIGGER search_transport_links_delete BEFORE DELETE ON transport_links BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 3);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 3);
END;
CREATE TRIGGER search_transport_links_unindex BEFORE UPDATE ON transport_links BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 3);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 3);
END;
CREATE TRIGGER search_transport_links_update AFTER UPDATE ON transport_links BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 3), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 3))
    WHERE search_rowid = -(NEW.rowid * 8 + 3);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 3);
END;

CREATE TRIGGER search_memberships_insert AFTER INSERT ON memberships BEGIN
    SELECT RAISE(ABORT, 'INSERT OR REPLACE replaced a row of memberships without its delete trigger, which takes it out of the search index: run PRAGMA recursive_triggers = ON first, or UPDATE the row')
    WHERE EXISTS (SELECT 1 FROM search_entries WHERE search_rowid = -(NEW.rowid * 8 + 4));
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 4), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 4))
    WHERE search_rowid = -(NEW.rowid * 8 + 4);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 4);
END;
CREATE TRIGGER search_memberships_delete BEFORE DELETE ON memberships BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 4);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 4);
END;
CREATE TRIGGER search_memberships_unindex BEFORE UPDATE ON memberships BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 4);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 4);
END;
CREATE TRIGGER search_memberships_update AFTER UPDATE ON memberships BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 4), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 4))
    WHERE search_rowid = -(NEW.rowid * 8 + 4);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 4);
END;

CREATE TRIGGER search_decorations_insert AFTER INSERT ON decorations BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 5), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 5))
    WHERE search_rowid = -(NEW.rowid * 8 + 5);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 5);
END;
CREATE TRIGGER search_decorations_delete BEFORE DELETE ON decorations BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 5);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 5);
END;
CREATE TRIGGER search_decorations_unindex BEFORE UPDATE ON decorations BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 5);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 5);
END;
CREATE TRIGGER search_decorations_update AFTER UPDATE ON decorations BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 5), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 5))
    WHERE search_rowid = -(NEW.rowid * 8 + 5);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 5);
END;

CREATE TRIGGER search_decoration_awards_insert AFTER INSERT ON decoration_awards BEGIN
    SELECT RAISE(ABORT, 'INSERT OR REPLACE replaced a row of decoration_awards without its delete trigger, which takes it out of the search index: run PRAGMA recursive_triggers = ON first, or UPDATE the row')
    WHERE EXISTS (SELECT 1 FROM search_entries WHERE search_rowid = -(NEW.rowid * 8 + 6));
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 6), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 6))
    WHERE search_rowid = -(NEW.rowid * 8 + 6);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 6);
END;
CREATE TRIGGER search_decoration_awards_delete BEFORE DELETE ON decoration_awards BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 6);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 6);
END;
CREATE TRIGGER search_decoration_awards_unindex BEFORE UPDATE ON decoration_awards BEGIN
    INSERT INTO search (search, rowid, kind, ref_id, name, body, folded)
    SELECT 'delete', search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(OLD.rowid * 8 + 6);
    DELETE FROM search_entries WHERE search_rowid = -(OLD.rowid * 8 + 6);
END;
CREATE TRIGGER search_decoration_awards_update AFTER UPDATE ON decoration_awards BEGIN
    INSERT INTO search_entries (search_rowid, folded) VALUES (-(NEW.rowid * 8 + 6), '');
    UPDATE search_entries SET folded = (SELECT folded FROM v_search_folded WHERE search_rowid = -(NEW.rowid * 8 + 6))
    WHERE search_rowid = -(NEW.rowid * 8 + 6);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source WHERE search_rowid = -(NEW.rowid * 8 + 6);
END;

UPDATE kb_tables SET description = 'Full-text search index (SQLite FTS5) over the names, titles, summaries, quotes and other names of persons, places, organisations, events, agreements and figures, and over offices, missions, transport links, memberships, decorations and their awards: one row per indexed row, read from v_search_source (the index keeps no copy of the texts). Kept in step by triggers; query it with MATCH, e.g. SELECT kind, ref_id, name FROM search WHERE search MATCH ''embassy''. Diacritics are ignored.'
WHERE name = 'search';
UPDATE kb_tables SET description = 'One row per entry of the search index, with the texts the index reads for it (search keeps no copy of them): the triggers tell the index what changes here.'
WHERE name = 'v_search_source';
INSERT INTO kb_tables (name, kind, description) VALUES
    ('search_entries', 'table',
     'One row per entry of the search index: its rowid, from which v_search_source finds the row the entry stands for, and its folded words. Kept in step by the same triggers as the index.'),
    ('v_search_folded', 'view',
     'The folded words each entry of the search index should have, worked out from its name and body: what the triggers store in search_entries.folded.');
INSERT INTO kb_columns (table_name, column_name, description, unit, example) VALUES
    ('search_entries', 'search_rowid', 'rowid of the entry in search: the row''s rowid × 8 + 1 person, 2 place, 3 organization, 4 event, 5 agreement, 6 figure, 7 alias; −(rowid × 8 + 1 office, 2 mission, 3 transport link, 4 membership, 5 decoration, 6 decoration award).', NULL, NULL),
    ('search_entries', 'folded', 'The words of the entry''s name and body that have one of ł, ø, đ, ı and ß, spelled the ASCII way (a word is what lies between two spaces); empty when there are none. Indexed as search.folded.', NULL, NULL),
    ('v_search_folded', 'search_rowid', 'rowid of the entry in search.', NULL, NULL),
    ('v_search_folded', 'folded', 'The words of the entry''s name and body that have one of ł, ø, đ, ı and ß, spelled the ASCII way; empty when there are none.', NULL, NULL);
UPDATE kb_columns SET description = 'The words of name and body that have one of ł, ø, đ, ı and ß, spelled the ASCII way, so that ''lodz'' finds ''Łódź'' (searched; a word is what lies between two spaces).'
WHERE table_name = 'search' AND column_name = 'folded';
UPDATE kb_columns SET description = 'The words of name and body that have one of ł, ø, đ, ı and ß, spelled the ASCII way (a word is what lies between two spaces); empty when there are none.'
WHERE table_name = 'v_search_source' AND column_name = 'folded';
