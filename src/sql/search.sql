-- kb search: the best hit per thing, ranked by bm25, with a snippet of the matching text.
-- A match in a name weighs ten times one in the text. Ranking reads only the index (not the
-- stored text), so only the best hits are looked up by rowid for their kind and id, and only
-- the best per thing get a snippet (snippet() is costly, and only works in a query that does
-- the MATCH). The matched words are set between :open and :close.
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
)
SELECT search.kind, search.ref_id AS id, search.name,
       snippet(search, 3, :open, :close, '…', 16) AS snippet, round(firsts.rank, 3) AS rank
FROM firsts CROSS JOIN search ON search.rowid = firsts.hit
WHERE search MATCH :query
ORDER BY firsts.rank, search.kind, search.ref_id
