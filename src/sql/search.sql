-- kb search: the best hit per thing, ranked by bm25, with the thing's name and a snippet of
-- the matching text.
-- A match in a name weighs ten times one in the text. Ranking reads only the index (not the
-- texts, which FTS5 reads from the tables), so only the best hits are looked up by rowid for
-- their kind and id, and only the best per thing get a snippet. snippet() only works in a
-- query that does the MATCH, and each MATCH limited to one rowid reads the whole query's
-- doclists again (a word is also a prefix: every word it starts is merged each time), so the
-- snippets come from one more MATCH over the whole index, its rows kept by a filter on rowid:
-- the + keeps SQLite from handing that filter to FTS5 as one lookup per rowid. The matched
-- words are set between :open and :close.
WITH best AS MATERIALIZED (
    SELECT rowid AS hit, bm25(search, 0.0, 0.0, 10.0, 1.0, 2.0) AS rank
    FROM search
    WHERE search MATCH :query
    ORDER BY rank
    LIMIT :limit * 20
),
firsts AS MATERIALIZED (
    SELECT hit, rank FROM (
        SELECT best.hit, best.rank,
               row_number() OVER (PARTITION BY s.kind, s.ref_id ORDER BY best.rank) AS nth
        FROM best CROSS JOIN search AS s ON s.rowid = best.hit
    )
    WHERE nth = 1
    ORDER BY rank
    LIMIT :limit
),
snippets AS MATERIALIZED (
    SELECT rowid AS hit, kind, ref_id, name, snippet(search, 3, :open, :close, '…', 16) AS snippet
    FROM search
    WHERE search MATCH :query AND +rowid IN (SELECT hit FROM firsts)
)
SELECT snippets.kind, snippets.ref_id AS id,
       coalesce(CASE snippets.kind
           WHEN 'person' THEN (SELECT name FROM persons WHERE id = snippets.ref_id)
           WHEN 'place' THEN (SELECT name FROM places WHERE id = snippets.ref_id)
           WHEN 'organization' THEN (SELECT name FROM organizations WHERE id = snippets.ref_id)
           WHEN 'event' THEN (SELECT title FROM events WHERE id = snippets.ref_id)
           WHEN 'agreement' THEN (SELECT title FROM agreements WHERE id = snippets.ref_id)
           WHEN 'figure' THEN (SELECT subject FROM figures WHERE id = snippets.ref_id)
           WHEN 'decoration' THEN (SELECT name FROM decorations WHERE id = snippets.ref_id)
           WHEN 'mission' THEN (
               SELECT m.kind || ' of ' || c.name || ' in ' || p.name FROM missions AS m
               JOIN countries AS c ON c.code = m.sending_country_code
               JOIN places AS p ON p.id = m.place_id WHERE m.id = snippets.ref_id)
           WHEN 'transport link' THEN (
               SELECT t.mode || ' link ' || a.name || ' → ' || b.name FROM transport_links AS t
               JOIN places AS a ON a.id = t.origin_place_id
               JOIN places AS b ON b.id = t.destination_place_id WHERE t.id = snippets.ref_id)
       END, snippets.name) AS name,
       snippets.snippet, round(firsts.rank, 3) AS rank
FROM firsts JOIN snippets ON snippets.hit = firsts.hit
ORDER BY firsts.rank, snippets.kind, snippets.ref_id
