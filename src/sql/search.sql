-- kb search: the best hit per thing, ranked by bm25, with a snippet of the matching text.
-- A match in a name weighs ten times one in the text. The hits are materialized first:
-- snippet() only works in the query that does the MATCH.
WITH hits AS MATERIALIZED (
    SELECT kind, ref_id AS id, name, snippet(search, 3, '[', ']', '…', 16) AS snippet,
           bm25(search, 0.0, 0.0, 10.0, 1.0, 2.0) AS rank
    FROM search
    WHERE search MATCH :query
)
SELECT kind, id, name, snippet, round(rank, 3) AS rank
FROM (
    SELECT *, row_number() OVER (PARTITION BY kind, id ORDER BY rank) AS nth FROM hits
)
WHERE nth = 1
ORDER BY rank, kind, id
LIMIT :limit
