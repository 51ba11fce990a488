-- v_facts named a participant's link to an event 'took part as ' || role, which is English
-- for 'guest' or 'host' but not for the roles that say what happened to the participant
-- ('took part as met', 'took part as invaded', 'took part as founded'). A role is a word
-- of the roles vocabulary, which a data set writes in its own way, so the link is now the
-- role itself, as the event's own rows already name it: 'guest', 'met', 'invaded'. The
-- view is V3's otherwise, row for row.

DROP VIEW v_facts;

CREATE VIEW v_facts AS
-- person
SELECT 'person' AS entity_kind, o.person_id AS entity_id, 'office' AS relation,
       o.office AS fact, 'person_offices' AS fact_table, CAST(o.id AS TEXT) AS fact_id,
       o.start_date, o.end_date, o.date_precision, o.source_id, o.quote
FROM person_offices AS o
UNION ALL
SELECT 'person', ep.person_id, ep.role, e.title, 'events', e.id,
       e.start_date, e.end_date, e.date_precision, ep.source_id, ep.quote
FROM event_participants AS ep JOIN events AS e ON e.id = ep.event_id WHERE ep.person_id IS NOT NULL
UNION ALL
SELECT 'person', a.recipient_person_id, 'received', d.name || coalesce(' from ' || c.name, ''),
       'decoration_awards', CAST(a.id AS TEXT), e.start_date, e.end_date, e.date_precision, a.source_id, a.quote
FROM decoration_awards AS a JOIN decorations AS d ON d.id = a.decoration_id
LEFT JOIN persons AS c ON c.id = a.conferrer_person_id LEFT JOIN events AS e ON e.id = a.event_id
UNION ALL
SELECT 'person', a.conferrer_person_id, 'conferred', d.name || ' on ' || r.name,
       'decoration_awards', CAST(a.id AS TEXT), e.start_date, e.end_date, e.date_precision, a.source_id, a.quote
FROM decoration_awards AS a JOIN decorations AS d ON d.id = a.decoration_id
JOIN persons AS r ON r.id = a.recipient_person_id LEFT JOIN events AS e ON e.id = a.event_id
WHERE a.conferrer_person_id IS NOT NULL
-- place
UNION ALL
SELECT 'place', e.place_id, 'scene of', e.title, 'events', e.id, e.start_date, e.end_date, e.date_precision,
       e.source_id, e.quote
FROM events AS e WHERE e.place_id IS NOT NULL
UNION ALL
SELECT 'place', p.place_id, p.role || ' of', e.title, 'events', e.id, e.start_date, e.end_date, e.date_precision,
       p.source_id, p.quote
FROM event_places AS p JOIN events AS e ON e.id = p.event_id WHERE p.place_id IS NOT NULL
UNION ALL
SELECT 'place', m.place_id, 'seat of', m.kind || ' of ' || c.name, 'missions', m.id,
       e.start_date, e.end_date, e.date_precision, m.source_id, m.quote
FROM missions AS m JOIN countries AS c ON c.code = m.sending_country_code
LEFT JOIN events AS e ON e.id = m.established_event_id
UNION ALL
SELECT 'place', t.origin_place_id, 'origin of', t.mode || ' link to ' || b.name, 'transport_links', t.id,
       NULL, NULL, NULL, t.source_id, t.quote
FROM transport_links AS t JOIN places AS b ON b.id = t.destination_place_id
UNION ALL
SELECT 'place', t.destination_place_id, 'destination of', t.mode || ' link from ' || a.name, 'transport_links', t.id,
       NULL, NULL, NULL, t.source_id, t.quote
FROM transport_links AS t JOIN places AS a ON a.id = t.origin_place_id
-- organization
UNION ALL
SELECT 'organization', ep.organization_id, ep.role, e.title, 'events', e.id,
       e.start_date, e.end_date, e.date_precision, ep.source_id, ep.quote
FROM event_participants AS ep JOIN events AS e ON e.id = ep.event_id WHERE ep.organization_id IS NOT NULL
UNION ALL
SELECT 'organization', m.organization_id, 'member', c.name, 'memberships', CAST(m.id AS TEXT),
       NULL, NULL, NULL, m.source_id, m.quote
FROM memberships AS m JOIN countries AS c ON c.code = m.country_code
UNION ALL
SELECT 'organization', o.parent_id, 'unit', o.name, 'organizations', o.id, NULL, NULL, NULL, o.source_id, o.quote
FROM organizations AS o WHERE o.parent_id IS NOT NULL
UNION ALL
SELECT 'organization', o.id, 'part of', p.name, 'organizations', p.id, NULL, NULL, NULL, o.source_id, o.quote
FROM organizations AS o JOIN organizations AS p ON p.id = o.parent_id
UNION ALL
SELECT 'organization', t.operator_id, 'operates', t.mode || ' link ' || a.name || ' – ' || b.name,
       'transport_links', t.id, NULL, NULL, NULL, t.source_id, t.quote
FROM transport_links AS t JOIN places AS a ON a.id = t.origin_place_id JOIN places AS b ON b.id = t.destination_place_id
WHERE t.operator_id IS NOT NULL
-- country
UNION ALL
SELECT 'country', ep.country_code, ep.role, e.title, 'events', e.id,
       e.start_date, e.end_date, e.date_precision, ep.source_id, ep.quote
FROM event_participants AS ep JOIN events AS e ON e.id = ep.event_id WHERE ep.country_code IS NOT NULL
UNION ALL
SELECT 'country', ap.country_code, 'party to', a.title, 'agreements', a.id, a.signed_date, a.signed_date,
       a.date_precision, ap.source_id, ap.quote
FROM agreement_parties AS ap JOIN agreements AS a ON a.id = ap.agreement_id
UNION ALL
SELECT 'country', m.country_code, 'member of', o.name, 'memberships', CAST(m.id AS TEXT), NULL, NULL, NULL,
       m.source_id, m.quote
FROM memberships AS m JOIN organizations AS o ON o.id = m.organization_id
UNION ALL
SELECT 'country', m.sending_country_code, 'sends', m.kind || ' in ' || p.name, 'missions', m.id,
       e.start_date, e.end_date, e.date_precision, m.source_id, m.quote
FROM missions AS m JOIN places AS p ON p.id = m.place_id LEFT JOIN events AS e ON e.id = m.established_event_id
UNION ALL
SELECT 'country', m.host_country_code, 'hosts', m.kind || ' in ' || p.name, 'missions', m.id,
       e.start_date, e.end_date, e.date_precision, m.source_id, m.quote
FROM missions AS m JOIN places AS p ON p.id = m.place_id LEFT JOIN events AS e ON e.id = m.established_event_id
-- event
UNION ALL
SELECT 'event', ep.event_id, ep.role,
       coalesce((SELECT name FROM persons WHERE id = ep.person_id),
                (SELECT name FROM organizations WHERE id = ep.organization_id),
                (SELECT name FROM countries WHERE code = ep.country_code)),
       'event_participants', CAST(ep.id AS TEXT), NULL, NULL, NULL, ep.source_id, ep.quote
FROM event_participants AS ep
UNION ALL
SELECT 'event', p.event_id, p.role,
       coalesce((SELECT name FROM places WHERE id = p.place_id), (SELECT name FROM countries WHERE code = p.country_code)),
       'event_places', CAST(p.id AS TEXT), NULL, NULL, NULL, p.source_id, p.quote
FROM event_places AS p
UNION ALL
SELECT 'event', m.event_id, 'also mentioned', NULL, 'event_mentions', CAST(m.id AS TEXT), NULL, NULL, NULL,
       m.source_id, m.quote
FROM event_mentions AS m
UNION ALL
SELECT 'event', c.parent_event_id, 'included', c.title, 'events', c.id, c.start_date, c.end_date, c.date_precision,
       c.source_id, c.quote
FROM events AS c WHERE c.parent_event_id IS NOT NULL
UNION ALL
SELECT 'event', c.id, 'part of', p.title, 'events', p.id, p.start_date, p.end_date, p.date_precision,
       p.source_id, p.quote
FROM events AS c JOIN events AS p ON p.id = c.parent_event_id
UNION ALL
SELECT 'event', f.event_id, 'figure', f.subject || ': ' || coalesce(f.qualifier || ' ', '') || f.value || ' ' || f.unit,
       'figures', f.id, f.start_date, f.end_date, f.date_precision, f.source_id, f.quote
FROM figures AS f WHERE f.event_id IS NOT NULL
UNION ALL
SELECT 'event', a.event_id, 'decoration', d.name || ' to ' || r.name, 'decoration_awards', CAST(a.id AS TEXT),
       NULL, NULL, NULL, a.source_id, a.quote
FROM decoration_awards AS a JOIN decorations AS d ON d.id = a.decoration_id
JOIN persons AS r ON r.id = a.recipient_person_id WHERE a.event_id IS NOT NULL
UNION ALL
SELECT 'event', m.established_event_id, 'established', m.kind || ' in ' || p.name, 'missions', m.id,
       NULL, NULL, NULL, m.source_id, m.quote
FROM missions AS m JOIN places AS p ON p.id = m.place_id WHERE m.established_event_id IS NOT NULL
-- agreement
UNION ALL
SELECT 'agreement', ap.agreement_id, 'party', c.name, 'agreement_parties', CAST(ap.id AS TEXT),
       NULL, NULL, NULL, ap.source_id, ap.quote
FROM agreement_parties AS ap JOIN countries AS c ON c.code = ap.country_code
-- other names, for every kind that has them
UNION ALL
SELECT CASE WHEN a.person_id IS NOT NULL THEN 'person' WHEN a.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
       coalesce(a.person_id, a.place_id, a.organization_id), 'also called', a.alias || ' (' || a.language || ', ' || a.alias_kind || ')',
       'aliases', CAST(a.id AS TEXT), NULL, NULL, NULL, a.source_id, a.quote
FROM aliases AS a;

UPDATE kb_columns SET description = 'How the fact relates to the entity, e.g. ''office'', ''guest'' (a role in an event, a term of roles), ''received'', ''scene of'', ''member of'', ''also called''.'
WHERE table_name = 'v_facts' AND column_name = 'relation';
