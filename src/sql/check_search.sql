-- kb check: rows of the tables the search index lacks an entry for, and entries with no row
-- behind them. An entry's texts are read from its row (v_search_source), so they cannot be
-- out of date; the folded words kept for it are compared with them in check.rs, and the
-- triggers that index an edited row again are checked with the schema.
WITH expected (search_rowid, what, id) AS (
    SELECT rowid * 8 + 1, 'person', id FROM persons
    UNION ALL SELECT rowid * 8 + 2, 'place', id FROM places
    UNION ALL SELECT rowid * 8 + 3, 'organization', id FROM organizations
    UNION ALL SELECT rowid * 8 + 4, 'event', id FROM events
    UNION ALL SELECT rowid * 8 + 5, 'agreement', id FROM agreements
    UNION ALL SELECT rowid * 8 + 6, 'figure', id FROM figures
    UNION ALL SELECT rowid * 8 + 7, 'alias', id FROM aliases
    UNION ALL SELECT -(rowid * 8 + 1), 'person office', id FROM person_offices
    UNION ALL SELECT -(rowid * 8 + 2), 'mission', id FROM missions
    UNION ALL SELECT -(rowid * 8 + 3), 'transport link', id FROM transport_links
    UNION ALL SELECT -(rowid * 8 + 4), 'membership', id FROM memberships
    UNION ALL SELECT -(rowid * 8 + 5), 'decoration', id FROM decorations
    UNION ALL SELECT -(rowid * 8 + 6), 'decoration award', id FROM decoration_awards
)
SELECT 'lacks an entry it should have' AS problem, what, CAST(id AS TEXT) FROM expected
WHERE search_rowid NOT IN (SELECT search_rowid FROM search_entries)
UNION ALL
SELECT 'holds an entry with no row behind it', 'entry', CAST(search_rowid AS TEXT) FROM search_entries
WHERE search_rowid NOT IN (SELECT search_rowid FROM expected)
