-- The terms `kb report history --kind` takes, as the vocabularies give them: what v_history's
-- topic can hold (the kind of a history event or of a mission, 'figure', 'agreement').
SELECT term FROM event_kinds WHERE lane = 'history'
UNION
SELECT term FROM mission_kinds
UNION
VALUES ('figure'), ('agreement')
