-- v_search_source as one SELECT over search_entries instead of V15's thirteen, one per
-- table: FTS5 reads the view in rowid order when the index is browsed without a query
-- (`SELECT * FROM search LIMIT 20`, the first page Datasette or DB Browser shows), and
-- SQLite sorted the thirteen branches' rows for that before returning the first: 0.5 s at
-- 200,000 events and 2 s at a million, past Datasette's 1 s limit. This form walks
-- search_entries in rowid order and finds each entry's row by its rowid (the join whose
-- number, rowid % 8, is the entry's own), so the first rows come at once. Its rows are
-- V15's, row for row; entries whose row is gone stay out, as V15's joins left them out.
-- Its texts are cast to TEXT so that the view declares their type. The triggers read the
-- view by name and are unchanged.

DROP VIEW v_search_source;

CREATE VIEW v_search_source AS
SELECT e.search_rowid,
       CAST(CASE e.search_rowid % 8
           WHEN 1 THEN 'person' WHEN 2 THEN 'place' WHEN 3 THEN 'organization'
           WHEN 4 THEN 'event' WHEN 5 THEN 'agreement' WHEN 6 THEN 'figure'
           WHEN 7 THEN CASE WHEN a.person_id IS NOT NULL THEN 'person'
                            WHEN a.place_id IS NOT NULL THEN 'place' ELSE 'organization' END
           WHEN -1 THEN 'person' WHEN -2 THEN 'mission' WHEN -3 THEN 'transport link'
           WHEN -4 THEN 'organization' WHEN -5 THEN 'decoration' WHEN -6 THEN 'person'
       END AS TEXT) AS kind,
       CAST(CASE e.search_rowid % 8
           WHEN 1 THEN p.id WHEN 2 THEN pl.id WHEN 3 THEN o.id WHEN 4 THEN ev.id
           WHEN 5 THEN ag.id WHEN 6 THEN f.id
           WHEN 7 THEN coalesce(a.person_id, a.place_id, a.organization_id)
           WHEN -1 THEN po.person_id WHEN -2 THEN m.id WHEN -3 THEN tl.id
           WHEN -4 THEN ms.organization_id WHEN -5 THEN d.id WHEN -6 THEN da.recipient_person_id
       END AS TEXT) AS ref_id,
       CAST(CASE e.search_rowid % 8
           WHEN 1 THEN p.name WHEN 2 THEN pl.name WHEN 3 THEN o.name WHEN 4 THEN ev.title
           WHEN 5 THEN ag.title WHEN 6 THEN f.subject WHEN 7 THEN a.alias
           WHEN -1 THEN po.office WHEN -2 THEN m.kind WHEN -3 THEN tl.mode
           WHEN -4 THEN '' WHEN -5 THEN d.name WHEN -6 THEN ''
       END AS TEXT) AS name,
       CAST(CASE e.search_rowid % 8
           WHEN 1 THEN p.quote WHEN 2 THEN pl.quote WHEN 3 THEN o.quote
           WHEN 4 THEN ev.summary || ' ' || ev.quote WHEN 5 THEN ag.quote WHEN 6 THEN f.quote
           WHEN 7 THEN a.quote WHEN -1 THEN po.quote WHEN -2 THEN m.quote WHEN -3 THEN tl.quote
           WHEN -4 THEN ms.quote WHEN -5 THEN coalesce(d.description || ' ', '') || d.quote
           WHEN -6 THEN da.quote
       END AS TEXT) AS body,
       e.folded
FROM search_entries AS e
LEFT JOIN persons AS p ON e.search_rowid % 8 = 1 AND p.rowid = e.search_rowid / 8
LEFT JOIN places AS pl ON e.search_rowid % 8 = 2 AND pl.rowid = e.search_rowid / 8
LEFT JOIN organizations AS o ON e.search_rowid % 8 = 3 AND o.rowid = e.search_rowid / 8
LEFT JOIN events AS ev ON e.search_rowid % 8 = 4 AND ev.rowid = e.search_rowid / 8
LEFT JOIN agreements AS ag ON e.search_rowid % 8 = 5 AND ag.rowid = e.search_rowid / 8
LEFT JOIN figures AS f ON e.search_rowid % 8 = 6 AND f.rowid = e.search_rowid / 8
LEFT JOIN aliases AS a ON e.search_rowid % 8 = 7 AND a.rowid = e.search_rowid / 8
LEFT JOIN person_offices AS po ON e.search_rowid % 8 = -1 AND po.rowid = -(e.search_rowid / 8)
LEFT JOIN missions AS m ON e.search_rowid % 8 = -2 AND m.rowid = -(e.search_rowid / 8)
LEFT JOIN transport_links AS tl ON e.search_rowid % 8 = -3 AND tl.rowid = -(e.search_rowid / 8)
LEFT JOIN memberships AS ms ON e.search_rowid % 8 = -4 AND ms.rowid = -(e.search_rowid / 8)
LEFT JOIN decorations AS d ON e.search_rowid % 8 = -5 AND d.rowid = -(e.search_rowid / 8)
LEFT JOIN decoration_awards AS da ON e.search_rowid % 8 = -6 AND da.rowid = -(e.search_rowid / 8)
WHERE coalesce(p.rowid, pl.rowid, o.rowid, ev.rowid, ag.rowid, f.rowid, a.rowid, po.rowid,
               m.rowid, tl.rowid, ms.rowid, d.rowid, da.rowid) IS NOT NULL;
