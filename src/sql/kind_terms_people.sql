-- The terms `kb report people --kind` takes, as the vocabularies give them: the relations
-- v_people can hold ('office', 'event: ' and a role, 'decoration received', 'decoration
-- conferred'), and 'event', which takes every role.
SELECT 'event: ' || term FROM roles
UNION
VALUES ('office'), ('event'), ('decoration received'), ('decoration conferred')
