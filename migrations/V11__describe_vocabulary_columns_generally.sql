-- Since V10 the terms of these columns are data (a vocabulary table per list, loaded from the
-- seed), but their descriptions still listed the built-in seed's terms as if they were the
-- rules, called them free text and named the lookup tables V10 removed. They now say what
-- the column holds and where its terms are listed; the example column shows one.
UPDATE kb_columns SET description = 'What kind of country or state it is. A term of country_kinds (→ country_kinds.term), which lists them with their meaning.'
WHERE table_name = 'countries' AND column_name = 'kind';
UPDATE kb_columns SET description = 'What kind of place it is. A term of place_kinds (→ place_kinds.term), which lists them with their meaning.'
WHERE table_name = 'places' AND column_name = 'kind';
UPDATE kb_columns SET description = 'What kind of organisation it is. A term of organization_kinds (→ organization_kinds.term), which also says which report lists organisations of this kind.'
WHERE table_name = 'organizations' AND column_name = 'kind';
UPDATE kb_columns SET description = 'What kind of other name it is (a spelling, a former name, …). A term of alias_kinds (→ alias_kinds.term).'
WHERE table_name = 'aliases' AND column_name = 'alias_kind';
UPDATE kb_columns SET description = 'What kind of event it is. A term of event_kinds (→ event_kinds.term), which also gives its timeline lane and the report that lists it.'
WHERE table_name = 'events' AND column_name = 'kind';
UPDATE kb_columns SET description = 'For visits, the kind of visit the source names; NULL when the source does not say or the event is not a visit. A term of visit_types (→ visit_types.term).'
WHERE table_name = 'events' AND column_name = 'visit_type';
UPDATE kb_columns SET description = 'The source''s vague wording kept vague (in the built-in seed, ''early'': "in early 1942" is 1942 with ''early''); NULL when the dates mean what they say. A term of date_qualifiers (→ date_qualifiers.term).'
WHERE table_name = 'events' AND column_name = 'date_qualifier';
UPDATE kb_columns SET description = 'The participant''s role in the event (guest, host, …). A term of roles (→ roles.term).'
WHERE table_name = 'event_participants' AND column_name = 'role';
UPDATE kb_columns SET description = 'What the place was to the event (an origin, a destination, …). A term of roles (→ roles.term).'
WHERE table_name = 'event_places' AND column_name = 'role';
UPDATE kb_columns SET description = 'Subject area of the agreement; NULL when not given. A term of agreement_domains (→ agreement_domains.term), which also says which report lists agreements of this domain.'
WHERE table_name = 'agreements' AND column_name = 'domain';
UPDATE kb_columns SET description = 'What is measured, in lowercase letters, digits and _. A term of metrics (→ metrics.term), which also gives its timeline lane, report and topic.'
WHERE table_name = 'figures' AND column_name = 'metric';
UPDATE kb_columns SET description = 'The source''s hedge on the number (more than, about, …); NULL when the number is stated plainly. A term of figure_qualifiers (→ figure_qualifiers.term).'
WHERE table_name = 'figures' AND column_name = 'qualifier';
UPDATE kb_columns SET description = 'What kind of mission it is. A term of mission_kinds (→ mission_kinds.term), whose order is v_missions'' order.'
WHERE table_name = 'missions' AND column_name = 'kind';
UPDATE kb_columns SET description = 'The timeline lane: a term of lanes (→ lanes.term), taken from the event''s kind (event_kinds.lane) or the figure''s metric (metrics.lane).'
WHERE table_name = 'v_timeline' AND column_name = 'lane';
