-- kb check: rows the search index lacks or holds beyond what the tables say it should.
SELECT 'lacks an entry it should have' AS problem, kind, ref_id FROM (
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source
    EXCEPT
    SELECT rowid, kind, ref_id, name, body, folded FROM search
)
UNION ALL
SELECT 'holds an entry that is out of date or has no row behind it', kind, ref_id FROM (
    SELECT rowid, kind, ref_id, name, body, folded FROM search
    EXCEPT
    SELECT search_rowid, kind, ref_id, name, body, folded FROM v_search_source
)
