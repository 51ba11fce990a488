-- Vocabularies are data: each closed list of terms is a lookup table loaded from the seed,
-- each term with its description, and the columns that use a term refer to it by a foreign
-- key, so a data set adds its own terms in its seed with no migration. The timeline lane of
-- an event kind and of a metric, and the report an event kind, metric, agreement domain or
-- organization kind belongs to, are columns of those vocabularies (they were event_lanes,
-- metric_lanes and words written into the views). The CHECK lists of V1 become foreign keys:
-- SQLite changes a table's constraints only by rebuilding it, so each such table is made
-- anew under a new name, filled, and put in place of the old one (kb runs migrations with
-- foreign keys off and checks them afterwards; legacy_alter_table keeps the views, which
-- name the tables, untouched by the renaming). A file from an earlier kb keeps its rows: its
-- terms are copied into the vocabularies, described as such, until its seed is loaded again.

PRAGMA legacy_alter_table = ON;

CREATE TABLE lanes (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE country_kinds (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE place_kinds (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE organization_kinds (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    report      TEXT,
    topic       TEXT,
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE alias_kinds (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE event_kinds (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    lane        TEXT NOT NULL REFERENCES lanes (term),
    report      TEXT,
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE visit_types (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE date_qualifiers (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE roles (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE agreement_domains (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    report      TEXT,
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE metrics (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    lane        TEXT NOT NULL REFERENCES lanes (term),
    report      TEXT,
    topic       TEXT,
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE units (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE figure_qualifiers (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);
CREATE TABLE mission_kinds (
    term        TEXT PRIMARY KEY CHECK (term <> '' AND term = trim(term)),
    description TEXT NOT NULL CHECK (description <> '')
);

-- The terms a file from an earlier kb holds; its next kb init replaces them with its seed's.
INSERT INTO event_kinds (term, lane, report, description)
SELECT e.kind, coalesce(l.lane, 'diplomacy'),
       CASE coalesce(l.lane, 'diplomacy') WHEN 'visits' THEN 'visits' WHEN 'economy' THEN 'trade' END,
       'A kind of event found in the file before vocabularies were data.'
FROM (SELECT DISTINCT kind FROM events) AS e LEFT JOIN event_lanes AS l ON l.kind = e.kind;
INSERT INTO metrics (term, lane, report, topic, description)
SELECT f.metric, coalesce(l.lane, 'history'),
       CASE coalesce(l.lane, 'history') WHEN 'economy' THEN 'trade' ELSE coalesce(l.lane, 'history') END,
       NULL, 'A metric found in the file before vocabularies were data.'
FROM (SELECT DISTINCT metric FROM figures) AS f LEFT JOIN metric_lanes AS l ON l.metric = f.metric;
-- The lanes those kinds and metrics use, and the lanes of agreements and offices, when the
-- file holds facts; in kb's order of lanes.
INSERT INTO lanes (term, description)
SELECT lane, 'A lane of an earlier kb.' FROM (
    SELECT lane FROM event_kinds UNION SELECT lane FROM metrics
    UNION SELECT 'agreements' WHERE EXISTS (SELECT 1 FROM agreements)
    UNION SELECT 'diplomacy' WHERE EXISTS (SELECT 1 FROM person_offices)
)
ORDER BY CASE lane WHEN 'history' THEN 1 WHEN 'diplomacy' THEN 2 WHEN 'visits' THEN 3
                   WHEN 'agreements' THEN 4 WHEN 'economy' THEN 5 WHEN 'education' THEN 6 ELSE 7 END;
INSERT INTO country_kinds (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT kind AS term FROM countries WHERE kind IS NOT NULL);
INSERT INTO place_kinds (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT kind AS term FROM places WHERE kind IS NOT NULL);
INSERT INTO organization_kinds (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT kind AS term FROM organizations WHERE kind IS NOT NULL);
INSERT INTO alias_kinds (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT alias_kind AS term FROM aliases WHERE alias_kind IS NOT NULL);
INSERT INTO visit_types (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT visit_type AS term FROM events WHERE visit_type IS NOT NULL);
INSERT INTO date_qualifiers (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT date_qualifier AS term FROM events WHERE date_qualifier IS NOT NULL);
INSERT INTO roles (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT role AS term FROM event_participants WHERE role IS NOT NULL UNION SELECT role AS term FROM event_places WHERE role IS NOT NULL);
INSERT INTO agreement_domains (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT domain AS term FROM agreements WHERE domain IS NOT NULL);
INSERT INTO units (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT unit AS term FROM figures WHERE unit IS NOT NULL);
INSERT INTO figure_qualifiers (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT qualifier AS term FROM figures WHERE qualifier IS NOT NULL);
INSERT INTO mission_kinds (term, description)
SELECT DISTINCT term, 'A term found in the file before vocabularies were data.' FROM (SELECT kind AS term FROM missions WHERE kind IS NOT NULL);

-- countries
CREATE TABLE countries_rebuilt (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z]' OR code GLOB '[A-Z][A-Z]-[A-Z][A-Z]'),
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL REFERENCES country_kinds (term),
    code_system TEXT NOT NULL CHECK (code_system IN ('ISO 3166-1', 'ISO 3166-3', 'kb')),
    part_of     TEXT REFERENCES countries (code),
    source_id   TEXT NOT NULL REFERENCES sources (id),
    quote       TEXT NOT NULL CHECK (length(quote) >= 10)
);
INSERT INTO countries_rebuilt (rowid, code, name, kind, code_system, part_of, source_id, quote)
SELECT rowid, code, name, kind, code_system, part_of, source_id, quote FROM countries;
DROP TABLE countries;
ALTER TABLE countries_rebuilt RENAME TO countries;

-- places
CREATE TABLE places_rebuilt (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    name         TEXT NOT NULL CHECK (name <> ''),
    kind         TEXT NOT NULL REFERENCES place_kinds (term),
    country_code TEXT NOT NULL REFERENCES countries (code),
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10)
);
INSERT INTO places_rebuilt (rowid, id, name, kind, country_code, source_id, quote)
SELECT rowid, id, name, kind, country_code, source_id, quote FROM places;
DROP TABLE places;
ALTER TABLE places_rebuilt RENAME TO places;
CREATE TRIGGER search_places_delete AFTER DELETE ON places BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 2;
END;
CREATE TRIGGER search_places_insert AFTER INSERT ON places BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 2, 'place', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_places_update AFTER UPDATE ON places BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 2;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 2, 'place', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

-- organizations
CREATE TABLE organizations_rebuilt (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    name         TEXT NOT NULL CHECK (name <> ''),
    kind         TEXT NOT NULL REFERENCES organization_kinds (term),
    country_code TEXT REFERENCES countries (code),
    parent_id    TEXT REFERENCES organizations (id),
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10)
);
INSERT INTO organizations_rebuilt (rowid, id, name, kind, country_code, parent_id, source_id, quote)
SELECT rowid, id, name, kind, country_code, parent_id, source_id, quote FROM organizations;
DROP TABLE organizations;
ALTER TABLE organizations_rebuilt RENAME TO organizations;
CREATE INDEX organizations_parent ON organizations (parent_id);
CREATE TRIGGER search_organizations_delete AFTER DELETE ON organizations BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 3;
END;
CREATE TRIGGER search_organizations_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 3, 'organization', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_organizations_update AFTER UPDATE ON organizations BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 3;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 3, 'organization', NEW.id, NEW.name, NEW.quote,
            CASE WHEN NEW.name || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.name || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

-- aliases
CREATE TABLE aliases_rebuilt (
    id              INTEGER PRIMARY KEY,
    alias           TEXT NOT NULL CHECK (alias <> ''),
    language        TEXT NOT NULL CHECK (language <> ''),
    alias_kind      TEXT NOT NULL REFERENCES alias_kinds (term),
    person_id       TEXT REFERENCES persons (id),
    place_id        TEXT REFERENCES places (id),
    organization_id TEXT REFERENCES organizations (id),
    source_id       TEXT NOT NULL REFERENCES sources (id),
    quote           TEXT NOT NULL CHECK (length(quote) >= 10),
    CHECK ((person_id IS NOT NULL) + (place_id IS NOT NULL) + (organization_id IS NOT NULL) = 1)
);
INSERT INTO aliases_rebuilt (rowid, id, alias, language, alias_kind, person_id, place_id, organization_id, source_id, quote)
SELECT rowid, id, alias, language, alias_kind, person_id, place_id, organization_id, source_id, quote FROM aliases;
DROP TABLE aliases;
ALTER TABLE aliases_rebuilt RENAME TO aliases;
CREATE INDEX aliases_organization ON aliases (organization_id);
CREATE INDEX aliases_person ON aliases (person_id);
CREATE INDEX aliases_place ON aliases (place_id);
CREATE UNIQUE INDEX aliases_unique ON aliases
    (alias, coalesce(person_id, ''), coalesce(place_id, ''), coalesce(organization_id, ''));
CREATE TRIGGER search_aliases_delete AFTER DELETE ON aliases BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 7;
END;
CREATE TRIGGER search_aliases_insert AFTER INSERT ON aliases BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 7,
            CASE WHEN NEW.person_id IS NOT NULL THEN 'person'
                 WHEN NEW.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
            coalesce(NEW.person_id, NEW.place_id, NEW.organization_id), NEW.alias, NEW.quote,
            CASE WHEN NEW.alias || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.alias || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_aliases_update AFTER UPDATE ON aliases BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 7;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 7,
            CASE WHEN NEW.person_id IS NOT NULL THEN 'person'
                 WHEN NEW.place_id IS NOT NULL THEN 'place' ELSE 'organization' END,
            coalesce(NEW.person_id, NEW.place_id, NEW.organization_id), NEW.alias, NEW.quote,
            CASE WHEN NEW.alias || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.alias || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

-- events
CREATE TABLE events_rebuilt (
    id              TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    kind            TEXT NOT NULL REFERENCES event_kinds (term),
    visit_type      TEXT REFERENCES visit_types (term),
    title           TEXT NOT NULL CHECK (title <> ''),
    start_date      TEXT,
    end_date        TEXT,
    date_precision  TEXT CHECK (date_precision IN ('year', 'month', 'day')),
    date_qualifier  TEXT REFERENCES date_qualifiers (term),
    country_code    TEXT REFERENCES countries (code),
    place_id        TEXT REFERENCES places (id),
    parent_event_id TEXT REFERENCES events (id),
    summary         TEXT NOT NULL CHECK (summary <> ''),
    source_id       TEXT NOT NULL REFERENCES sources (id),
    quote           TEXT NOT NULL CHECK (length(quote) >= 10),
    -- coalesce: a NULL where a date is due counts as a failed check, not as an unknown one.
    CHECK (coalesce(CASE date_precision
        WHEN 'year' THEN start_date GLOB '[0-9][0-9][0-9][0-9]' AND end_date GLOB '[0-9][0-9][0-9][0-9]'
        WHEN 'month' THEN start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                          AND substr(start_date, 6) BETWEEN '01' AND '12' AND substr(end_date, 6) BETWEEN '01' AND '12'
        WHEN 'day' THEN date(start_date) IS start_date AND date(end_date) IS end_date
        ELSE start_date IS NULL AND end_date IS NULL AND date_precision IS NULL
    END AND (end_date >= start_date OR start_date IS NULL), 0)),
    CHECK (date_qualifier IS NULL OR date_precision IS NOT NULL)
);
INSERT INTO events_rebuilt (rowid, id, kind, visit_type, title, start_date, end_date, date_precision, date_qualifier, country_code, place_id, parent_event_id, summary, source_id, quote)
SELECT rowid, id, kind, visit_type, title, start_date, end_date, date_precision, date_qualifier, country_code, place_id, parent_event_id, summary, source_id, quote FROM events;
DROP TABLE events;
ALTER TABLE events_rebuilt RENAME TO events;
CREATE INDEX events_kind_start ON events (kind, start_date);
CREATE INDEX events_parent ON events (parent_event_id);
CREATE INDEX events_place ON events (place_id);
CREATE INDEX events_start ON events (start_date);
CREATE TRIGGER search_events_delete AFTER DELETE ON events BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 4;
END;
CREATE TRIGGER search_events_insert AFTER INSERT ON events BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 4, 'event', NEW.id, NEW.title, NEW.summary || ' ' || NEW.quote,
            CASE WHEN NEW.title || ' ' || NEW.summary || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.title || ' ' || NEW.summary || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_events_update AFTER UPDATE ON events BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 4;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 4, 'event', NEW.id, NEW.title, NEW.summary || ' ' || NEW.quote,
            CASE WHEN NEW.title || ' ' || NEW.summary || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.title || ' ' || NEW.summary || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

-- event_participants
CREATE TABLE event_participants_rebuilt (
    id              INTEGER PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES events (id),
    role            TEXT NOT NULL REFERENCES roles (term),
    person_id       TEXT REFERENCES persons (id),
    country_code    TEXT REFERENCES countries (code),
    organization_id TEXT REFERENCES organizations (id),
    source_id       TEXT NOT NULL REFERENCES sources (id),
    quote           TEXT NOT NULL CHECK (length(quote) >= 10),
    CHECK ((person_id IS NOT NULL) + (country_code IS NOT NULL) + (organization_id IS NOT NULL) = 1)
);
INSERT INTO event_participants_rebuilt (rowid, id, event_id, role, person_id, country_code, organization_id, source_id, quote)
SELECT rowid, id, event_id, role, person_id, country_code, organization_id, source_id, quote FROM event_participants;
DROP TABLE event_participants;
ALTER TABLE event_participants_rebuilt RENAME TO event_participants;
CREATE INDEX event_participants_country ON event_participants (country_code);
CREATE INDEX event_participants_organization ON event_participants (organization_id);
CREATE INDEX event_participants_person ON event_participants (person_id);
CREATE UNIQUE INDEX event_participants_unique ON event_participants
    (event_id, role, coalesce(person_id, ''), coalesce(country_code, ''), coalesce(organization_id, ''));

-- event_places
CREATE TABLE event_places_rebuilt (
    id           INTEGER PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events (id),
    role         TEXT NOT NULL REFERENCES roles (term),
    place_id     TEXT REFERENCES places (id),
    country_code TEXT REFERENCES countries (code),
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10),
    CHECK ((place_id IS NOT NULL) + (country_code IS NOT NULL) = 1)
);
INSERT INTO event_places_rebuilt (rowid, id, event_id, role, place_id, country_code, source_id, quote)
SELECT rowid, id, event_id, role, place_id, country_code, source_id, quote FROM event_places;
DROP TABLE event_places;
ALTER TABLE event_places_rebuilt RENAME TO event_places;
CREATE INDEX event_places_place ON event_places (place_id);
CREATE UNIQUE INDEX event_places_unique ON event_places
    (event_id, role, coalesce(place_id, ''), coalesce(country_code, ''));

-- agreements
CREATE TABLE agreements_rebuilt (
    id             TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    title          TEXT NOT NULL CHECK (title <> ''),
    domain         TEXT REFERENCES agreement_domains (term),
    signed_date    TEXT,
    date_precision TEXT CHECK (date_precision IN ('year', 'month', 'day')),
    source_id      TEXT NOT NULL REFERENCES sources (id),
    quote          TEXT NOT NULL CHECK (length(quote) >= 10),
    CHECK ((signed_date IS NULL) = (date_precision IS NULL)),
    CHECK (date_precision <> 'year' OR signed_date GLOB '[0-9][0-9][0-9][0-9]'),
    CHECK (date_precision <> 'month' OR (length(signed_date) = 7 AND date(signed_date || '-01') = signed_date || '-01')),
    CHECK (date_precision <> 'day' OR (length(signed_date) = 10 AND date(signed_date) = signed_date))
);
INSERT INTO agreements_rebuilt (rowid, id, title, domain, signed_date, date_precision, source_id, quote)
SELECT rowid, id, title, domain, signed_date, date_precision, source_id, quote FROM agreements;
DROP TABLE agreements;
ALTER TABLE agreements_rebuilt RENAME TO agreements;
CREATE INDEX agreements_domain ON agreements (domain);
CREATE INDEX agreements_quote ON agreements (quote);
CREATE INDEX agreements_signed ON agreements (signed_date);
CREATE TRIGGER search_agreements_delete AFTER DELETE ON agreements BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 5;
END;
CREATE TRIGGER search_agreements_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 5, 'agreement', NEW.id, NEW.title, NEW.quote,
            CASE WHEN NEW.title || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.title || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_agreements_update AFTER UPDATE ON agreements BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 5;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 5, 'agreement', NEW.id, NEW.title, NEW.quote,
            CASE WHEN NEW.title || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.title || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

-- figures
CREATE TABLE figures_rebuilt (
    id             TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    metric         TEXT NOT NULL REFERENCES metrics (term),
    subject        TEXT NOT NULL CHECK (subject <> ''),
    value          NUMERIC NOT NULL CHECK (typeof(value) IN ('integer', 'real')),
    unit           TEXT NOT NULL REFERENCES units (term),
    qualifier      TEXT REFERENCES figure_qualifiers (term),
    start_date     TEXT,
    end_date       TEXT,
    date_precision TEXT CHECK (date_precision IN ('year', 'month', 'day')),
    country_code   TEXT REFERENCES countries (code),
    event_id       TEXT REFERENCES events (id),
    attributed_to  TEXT CHECK (attributed_to <> ''),
    source_id      TEXT NOT NULL REFERENCES sources (id),
    quote          TEXT NOT NULL CHECK (length(quote) >= 10),
    -- coalesce: a NULL where a date is due counts as a failed check, not as an unknown one.
    CHECK (coalesce(CASE date_precision
        WHEN 'year' THEN start_date GLOB '[0-9][0-9][0-9][0-9]' AND end_date GLOB '[0-9][0-9][0-9][0-9]'
        WHEN 'month' THEN start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                          AND substr(start_date, 6) BETWEEN '01' AND '12' AND substr(end_date, 6) BETWEEN '01' AND '12'
        WHEN 'day' THEN date(start_date) IS start_date AND date(end_date) IS end_date
        ELSE start_date IS NULL AND end_date IS NULL AND date_precision IS NULL
    END AND (end_date >= start_date OR start_date IS NULL), 0))
);
INSERT INTO figures_rebuilt (rowid, id, metric, subject, value, unit, qualifier, start_date, end_date, date_precision, country_code, event_id, attributed_to, source_id, quote)
SELECT rowid, id, metric, subject, value, unit, qualifier, start_date, end_date, date_precision, country_code, event_id, attributed_to, source_id, quote FROM figures;
DROP TABLE figures;
ALTER TABLE figures_rebuilt RENAME TO figures;
CREATE INDEX figures_event ON figures (event_id);
CREATE INDEX figures_metric ON figures (metric, start_date);
CREATE TRIGGER search_figures_delete AFTER DELETE ON figures BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 6;
END;
CREATE TRIGGER search_figures_insert AFTER INSERT ON figures BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 6, 'figure', NEW.id, NEW.subject, NEW.quote,
            CASE WHEN NEW.subject || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.subject || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_figures_update AFTER UPDATE ON figures BEGIN
    DELETE FROM search WHERE rowid = OLD.rowid * 8 + 6;
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (NEW.rowid * 8 + 6, 'figure', NEW.id, NEW.subject, NEW.quote,
            CASE WHEN NEW.subject || ' ' || NEW.quote GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace(NEW.subject || ' ' || NEW.quote,
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;

-- missions
CREATE TABLE missions_rebuilt (
    id                    TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    kind                  TEXT NOT NULL REFERENCES mission_kinds (term),
    sending_country_code  TEXT NOT NULL REFERENCES countries (code),
    host_country_code     TEXT NOT NULL REFERENCES countries (code),
    place_id              TEXT NOT NULL REFERENCES places (id),
    established_event_id  TEXT REFERENCES events (id),
    source_id             TEXT NOT NULL REFERENCES sources (id),
    quote                 TEXT NOT NULL CHECK (length(quote) >= 10)
);
INSERT INTO missions_rebuilt (rowid, id, kind, sending_country_code, host_country_code, place_id, established_event_id, source_id, quote)
SELECT rowid, id, kind, sending_country_code, host_country_code, place_id, established_event_id, source_id, quote FROM missions;
DROP TABLE missions;
ALTER TABLE missions_rebuilt RENAME TO missions;
CREATE INDEX missions_event ON missions (established_event_id);
CREATE INDEX missions_place ON missions (place_id);
CREATE TRIGGER search_missions_delete AFTER DELETE ON missions BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 2);
END;
CREATE TRIGGER search_missions_insert AFTER INSERT ON missions BEGIN
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 2), 'mission', NEW.id, NEW.kind, NEW.quote,
            CASE WHEN (NEW.kind || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.kind || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
CREATE TRIGGER search_missions_update AFTER UPDATE ON missions BEGIN
    DELETE FROM search WHERE rowid = -(OLD.rowid * 8 + 2);
    INSERT INTO search (rowid, kind, ref_id, name, body, folded)
    VALUES (-(NEW.rowid * 8 + 2), 'mission', NEW.id, NEW.kind, NEW.quote,
            CASE WHEN (NEW.kind || ' ' || NEW.quote) GLOB '*[łŁøØđĐıß]*' THEN
                replace(replace(replace(replace(replace(replace(replace(replace((NEW.kind || ' ' || NEW.quote),
                'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'), 'đ', 'd'), 'Đ', 'D'), 'ı', 'i'), 'ß', 'ss')
                ELSE '' END);
END;
-- The views that named the article's terms, or the lane tables, read the vocabularies now.
DROP VIEW v_visits;
DROP VIEW v_timeline;
DROP VIEW v_education;
DROP VIEW v_missions;
DROP VIEW v_history;
DROP VIEW v_trade;
DROP TABLE event_lanes;
DROP TABLE metric_lanes;

-- Visits: events of a kind whose vocabulary row names the report 'visits'.
CREATE VIEW v_visits AS
SELECT e.start_date, e.end_date, e.date_precision,
       (SELECT group_concat(p.name, '; ') FROM event_participants AS g JOIN persons AS p ON p.id = g.person_id
        WHERE g.event_id = e.id AND g.role = 'guest') AS visitor,
       (SELECT p.country_code FROM event_participants AS g JOIN persons AS p ON p.id = g.person_id
        WHERE g.event_id = e.id AND g.role = 'guest' ORDER BY g.id LIMIT 1) AS visitor_country,
       e.country_code AS host_country,
       e.visit_type AS kind,
       pl.name AS place,
       e.title,
       (SELECT group_concat(p.name, '; ') FROM event_participants AS h JOIN persons AS p ON p.id = h.person_id
        WHERE h.event_id = e.id AND h.role IN ('host', 'met')) AS hosts_and_meetings,
       e.id AS event_id, e.source_id, e.quote
FROM events AS e
LEFT JOIN places AS pl ON pl.id = e.place_id
WHERE e.kind IN (SELECT term FROM event_kinds WHERE report = 'visits')
ORDER BY e.start_date, e.id;

-- The timeline: every dated fact, in the lane its event kind or metric has.
CREATE VIEW v_timeline AS
SELECT t.start_date, t.end_date, t.date_precision, t.date_qualifier,
       CASE t.date_qualifier WHEN 'early' THEN 'early ' WHEN 'during' THEN 'during ' ELSE '' END ||
       CASE t.date_precision
           WHEN 'year' THEN
               CASE WHEN t.start_date = t.end_date THEN t.start_date
                    ELSE t.start_date || '–' || t.end_date END
           WHEN 'month' THEN
               CASE WHEN t.start_date = t.end_date THEN sm.name || ' ' || substr(t.start_date, 1, 4)
                    WHEN substr(t.start_date, 1, 4) = substr(t.end_date, 1, 4)
                        THEN sm.name || '–' || em.name || ' ' || substr(t.start_date, 1, 4)
                    ELSE sm.name || ' ' || substr(t.start_date, 1, 4) || ' – ' || em.name || ' ' || substr(t.end_date, 1, 4) END
           WHEN 'day' THEN
               CASE WHEN t.start_date = t.end_date
                        THEN CAST(substr(t.start_date, 9, 2) AS INTEGER) || ' ' || sm.name || ' ' || substr(t.start_date, 1, 4)
                    WHEN substr(t.start_date, 1, 7) = substr(t.end_date, 1, 7)
                        THEN CAST(substr(t.start_date, 9, 2) AS INTEGER) || '–' || CAST(substr(t.end_date, 9, 2) AS INTEGER)
                             || ' ' || sm.name || ' ' || substr(t.start_date, 1, 4)
                    WHEN substr(t.start_date, 1, 4) = substr(t.end_date, 1, 4)
                        THEN CAST(substr(t.start_date, 9, 2) AS INTEGER) || ' ' || sm.name || ' – '
                             || CAST(substr(t.end_date, 9, 2) AS INTEGER) || ' ' || em.name || ' ' || substr(t.start_date, 1, 4)
                    ELSE CAST(substr(t.start_date, 9, 2) AS INTEGER) || ' ' || sm.name || ' ' || substr(t.start_date, 1, 4) || ' – '
                         || CAST(substr(t.end_date, 9, 2) AS INTEGER) || ' ' || em.name || ' ' || substr(t.end_date, 1, 4) END
       END AS date_label,
       t.lane, t.fact_table, t.fact_id, t.kind, t.title, t.source_id, t.quote
FROM (
    SELECT e.start_date, e.end_date, e.date_precision, e.date_qualifier,
           l.lane AS lane, 'events' AS fact_table, e.id AS fact_id, e.kind, e.title,
           e.source_id, e.quote
    FROM events AS e JOIN event_kinds AS l ON l.term = e.kind
    WHERE e.start_date IS NOT NULL
    UNION ALL
    SELECT a.signed_date, a.signed_date, a.date_precision, NULL, 'agreements', 'agreements', a.id,
           coalesce(a.domain, 'agreement'), a.title, a.source_id, a.quote
    FROM agreements AS a
    WHERE a.signed_date IS NOT NULL
    UNION ALL
    -- A figure that measures an event (how many were repatriated) is shown with that event.
    SELECT f.start_date, f.end_date, f.date_precision, NULL, l.lane, 'figures', f.id,
           f.metric,
           f.subject || ': ' || coalesce(f.qualifier || ' ', '') ||
           CASE WHEN f.unit = 'rank' THEN 'No. ' || f.value
                WHEN f.unit = 'USD' AND f.value >= 1000000000 THEN 'US$' || printf('%g', f.value / 1e9) || ' billion'
                WHEN f.unit = 'USD' AND f.value >= 1000000 THEN 'US$' || printf('%g', f.value / 1e6) || ' million'
                WHEN f.unit = 'USD' THEN 'US$' || printf('%,d', f.value)
                WHEN f.value = CAST(f.value AS INTEGER) THEN printf('%,d', f.value) || ' ' || f.unit
                ELSE f.value || ' ' || f.unit END,
           f.source_id, f.quote
    FROM figures AS f JOIN metrics AS l ON l.term = f.metric
    WHERE f.start_date IS NOT NULL AND f.event_id IS NULL
    UNION ALL
    SELECT o.start_date, o.end_date, o.date_precision, NULL, 'diplomacy', 'person_offices', CAST(o.id AS TEXT),
           'office', p.name || ', ' || o.office, o.source_id, o.quote
    FROM person_offices AS o JOIN persons AS p ON p.id = o.person_id
    WHERE o.start_date IS NOT NULL
) AS t
LEFT JOIN months AS sm ON sm.number = substr(t.start_date, 6, 2)
LEFT JOIN months AS em ON em.number = substr(t.end_date, 6, 2)
ORDER BY t.start_date, t.end_date, t.fact_table, t.fact_id;

-- Education: figures of metrics and agreements of domains whose report is 'education'.
CREATE VIEW v_education AS
SELECT 'figure' AS topic, f.subject AS fact, f.value, f.unit, f.start_date, f.end_date, f.date_precision,
       f.id AS record_id, f.source_id, f.quote
FROM figures AS f JOIN metrics AS m ON m.term = f.metric AND m.report = 'education'
UNION ALL
SELECT 'agreement', a.title, NULL, NULL, a.signed_date, a.signed_date, a.date_precision, a.id, a.source_id, a.quote
FROM agreements AS a JOIN agreement_domains AS d ON d.term = a.domain AND d.report = 'education'
ORDER BY topic, start_date, record_id;

-- Missions by sending country, in the order of mission_kinds, then city.
CREATE VIEW v_missions AS
SELECT sc.name AS sending_country, m.kind, pl.name AS city, hc.name AS host_country,
       e.start_date, e.end_date, e.date_precision, e.title AS established_by,
       m.id AS mission_id, m.source_id, m.quote
FROM missions AS m
JOIN countries AS sc ON sc.code = m.sending_country_code
JOIN countries AS hc ON hc.code = m.host_country_code
JOIN places AS pl ON pl.id = m.place_id
JOIN mission_kinds AS k ON k.term = m.kind
LEFT JOIN events AS e ON e.id = m.established_event_id
ORDER BY sc.name, k.rowid, pl.name;

-- The history lane (as V8 made it), reading the lanes from event_kinds and metrics.
CREATE VIEW v_history AS
SELECT topic, title, place, who, start_date, end_date, date_precision, date_qualifier,
       value, unit, qualifier, record_id, source_id, quote
FROM (
    SELECT 1 AS topic_order, e.kind AS topic, e.title, coalesce(pl.name, c.name) AS place,
           (SELECT group_concat(coalesce(o.name, pc.name), '; ') FROM event_participants AS ep
            LEFT JOIN organizations AS o ON o.id = ep.organization_id
            LEFT JOIN countries AS pc ON pc.code = ep.country_code
            WHERE ep.event_id = e.id AND ep.person_id IS NULL) AS who,
           e.start_date, e.end_date, e.date_precision, e.date_qualifier,
           NULL AS value, NULL AS unit, NULL AS qualifier, e.id AS record_id, e.source_id, e.quote,
           coalesce(e.start_date, p.start_date, (
               SELECT min(f.start_date) FROM events AS f
               JOIN event_kinds AS fl ON fl.term = f.kind AND fl.lane = 'history'
           ) || '~') AS sort_date,
           CASE WHEN e.date_qualifier = 'early' THEN 0 WHEN e.parent_event_id IS NOT NULL THEN 1 ELSE 2 END
               AS within_date
    FROM events AS e
    JOIN event_kinds AS l ON l.term = e.kind AND l.lane = 'history'
    LEFT JOIN places AS pl ON pl.id = e.place_id
    LEFT JOIN countries AS c ON c.code = e.country_code
    LEFT JOIN events AS p ON p.id = e.parent_event_id
    UNION ALL
    SELECT 2, m.kind, m.kind || ' of ' || sc.name || ' in ' || pl.name, pl.name, sc.name,
           e.start_date, e.end_date, e.date_precision, NULL, NULL, NULL, NULL, m.id, m.source_id, m.quote,
           coalesce(e.start_date, '~'), 2
    FROM missions AS m
    JOIN places AS pl ON pl.id = m.place_id
    JOIN countries AS sc ON sc.code = m.sending_country_code
    JOIN events AS e ON e.id = m.established_event_id
    JOIN event_kinds AS l ON l.term = e.kind AND l.lane = 'history'
    UNION ALL
    SELECT 3, 'figure', f.subject, c.name, f.attributed_to, f.start_date, f.end_date, f.date_precision, NULL,
           f.value, f.unit, f.qualifier, f.id, f.source_id, f.quote, coalesce(f.start_date, '~'), 2
    FROM figures AS f
    JOIN metrics AS l ON l.term = f.metric AND l.lane = 'history'
    LEFT JOIN countries AS c ON c.code = f.country_code
    UNION ALL
    SELECT 0, 'agreement', a.title, NULL,
           (SELECT group_concat(country_code, ', ') FROM agreement_parties WHERE agreement_id = a.id),
           a.signed_date, a.signed_date, a.date_precision, NULL, NULL, NULL, NULL, a.id, a.source_id, a.quote,
           coalesce(a.signed_date, (SELECT min(e.start_date) FROM events AS e WHERE e.quote = a.quote), '~'), 0
    FROM agreements AS a
    WHERE a.id IN (SELECT n.id FROM event_kinds AS l
                   JOIN events AS e ON e.kind = l.term
                   JOIN agreements AS n ON n.quote = e.quote
                   WHERE l.lane = 'history')
)
ORDER BY sort_date, within_date, topic_order, record_id;

-- The economic relationship: figures of metrics, organizations of kinds, agreements of domains
-- and events of kinds whose vocabulary row names the report 'trade'; the topic is the
-- metric's or organization kind's topic (else its term), 'agreement', or the event kind.
CREATE VIEW v_trade AS
SELECT topic, record_id, fact, value, unit, qualifier, date, date_precision, source_id, quote
FROM (
    SELECT 1 AS part, m.rowid AS within, coalesce(m.topic, m.term) AS topic,
           f.id AS record_id, f.subject AS fact, f.value, f.unit, f.qualifier,
           CASE WHEN f.start_date = f.end_date THEN f.start_date ELSE f.start_date || '/' || f.end_date END AS date,
           f.date_precision, f.source_id, f.quote, f.start_date AS sort_date
    FROM figures AS f
    JOIN metrics AS m ON m.term = f.metric AND m.report = 'trade'
    UNION ALL
    SELECT 2, k.rowid, coalesce(k.topic, k.term), o.id, o.name, NULL, NULL, NULL,
           CASE WHEN e.start_date = e.end_date THEN e.start_date ELSE e.start_date || '/' || e.end_date END,
           e.date_precision, o.source_id, o.quote, e.start_date
    FROM organizations AS o
    JOIN organization_kinds AS k ON k.term = o.kind AND k.report = 'trade'
    LEFT JOIN event_participants AS p ON p.organization_id = o.id AND p.role = 'founded'
    LEFT JOIN events AS e ON e.id = p.event_id
    UNION ALL
    SELECT 3, 0, 'agreement', a.id, a.title, NULL, NULL, NULL,
           a.signed_date, a.date_precision, a.source_id, a.quote, a.signed_date
    FROM agreements AS a
    JOIN agreement_domains AS d ON d.term = a.domain AND d.report = 'trade'
    UNION ALL
    SELECT 4, k.rowid, e.kind, e.id, e.title, NULL, NULL, NULL,
           CASE WHEN e.start_date = e.end_date THEN e.start_date ELSE e.start_date || '/' || e.end_date END,
           e.date_precision, e.source_id, e.quote, e.start_date
    FROM events AS e
    JOIN event_kinds AS k ON k.term = e.kind AND k.report = 'trade'
)
ORDER BY part, within, sort_date, record_id;
-- The file's own documentation: the lane tables go, the vocabularies come, and the columns
-- that use a term say which vocabulary holds it.
DELETE FROM kb_columns WHERE table_name IN ('event_lanes', 'metric_lanes');
DELETE FROM kb_tables WHERE name IN ('event_lanes', 'metric_lanes');
INSERT INTO kb_tables (name, kind, description) VALUES
    ('lanes', 'table',
     'A lane of the timeline, in the order the timeline shows them: one kind of fact. One row per term, loaded from lanes.csv of the seed; a data set adds its own terms there.'),
    ('country_kinds', 'table',
     'A kind of country (countries.kind). One row per term, loaded from country_kinds.csv of the seed; a data set adds its own terms there.'),
    ('place_kinds', 'table',
     'A kind of place (places.kind). One row per term, loaded from place_kinds.csv of the seed; a data set adds its own terms there.'),
    ('organization_kinds', 'table',
     'A kind of organization (organizations.kind). One row per term, loaded from organization_kinds.csv of the seed; a data set adds its own terms there.'),
    ('alias_kinds', 'table',
     'A kind of other name (aliases.alias_kind). One row per term, loaded from alias_kinds.csv of the seed; a data set adds its own terms there.'),
    ('event_kinds', 'table',
     'A kind of event (events.kind), with its timeline lane. One row per term, loaded from event_kinds.csv of the seed; a data set adds its own terms there.'),
    ('visit_types', 'table',
     'A type of visit (events.visit_type): state, official, working … One row per term, loaded from visit_types.csv of the seed; a data set adds its own terms there.'),
    ('date_qualifiers', 'table',
     'A hedge on a date the source gives (events.date_qualifier): early, during … One row per term, loaded from date_qualifiers.csv of the seed; a data set adds its own terms there.'),
    ('roles', 'table',
     'A role in an event (event_participants.role, event_places.role). One row per term, loaded from roles.csv of the seed; a data set adds its own terms there.'),
    ('agreement_domains', 'table',
     'A subject area of agreements (agreements.domain). One row per term, loaded from agreement_domains.csv of the seed; a data set adds its own terms there.'),
    ('metrics', 'table',
     'A quantity figures measure (figures.metric), with its lane and report. One row per term, loaded from metrics.csv of the seed; a data set adds its own terms there.'),
    ('units', 'table',
     'A unit of figures (figures.unit). One row per term, loaded from units.csv of the seed; a data set adds its own terms there.'),
    ('figure_qualifiers', 'table',
     'A hedge on a number the source gives (figures.qualifier): more than, about … One row per term, loaded from figure_qualifiers.csv of the seed; a data set adds its own terms there.'),
    ('mission_kinds', 'table',
     'A kind of diplomatic mission (missions.kind). One row per term, loaded from mission_kinds.csv of the seed; a data set adds its own terms there.');
INSERT INTO kb_columns (table_name, column_name, description, unit, example) VALUES
    ('lanes', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('lanes', 'description', 'What the term means.', NULL, NULL),
    ('country_kinds', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('country_kinds', 'description', 'What the term means.', NULL, NULL),
    ('place_kinds', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('place_kinds', 'description', 'What the term means.', NULL, NULL),
    ('organization_kinds', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('organization_kinds', 'report', 'The report that lists organizations of this kind, if one does (trade lists the economic bodies).', NULL, NULL),
    ('organization_kinds', 'topic', 'The topic such an organization has in that report.', NULL, NULL),
    ('organization_kinds', 'description', 'What the term means.', NULL, NULL),
    ('alias_kinds', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('alias_kinds', 'description', 'What the term means.', NULL, NULL),
    ('event_kinds', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('event_kinds', 'lane', 'The timeline lane of events of this kind (→ lanes.term).', NULL, NULL),
    ('event_kinds', 'report', 'The report that lists events of this kind as its rows, if one does (visits, trade).', NULL, NULL),
    ('event_kinds', 'description', 'What the term means.', NULL, NULL),
    ('visit_types', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('visit_types', 'description', 'What the term means.', NULL, NULL),
    ('date_qualifiers', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('date_qualifiers', 'description', 'What the term means.', NULL, NULL),
    ('roles', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('roles', 'description', 'What the term means.', NULL, NULL),
    ('agreement_domains', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('agreement_domains', 'report', 'The report that lists agreements of this domain, if one does (trade, education).', NULL, NULL),
    ('agreement_domains', 'description', 'What the term means.', NULL, NULL),
    ('metrics', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('metrics', 'lane', 'The timeline lane of figures of this metric (→ lanes.term).', NULL, NULL),
    ('metrics', 'report', 'The report that lists figures of this metric (trade, education, history).', NULL, NULL),
    ('metrics', 'topic', 'The topic such a figure has in that report.', NULL, NULL),
    ('metrics', 'description', 'What the term means.', NULL, NULL),
    ('units', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('units', 'description', 'What the term means.', NULL, NULL),
    ('figure_qualifiers', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('figure_qualifiers', 'description', 'What the term means.', NULL, NULL),
    ('mission_kinds', 'term', 'The term, as the columns that use it write it.', NULL, NULL),
    ('mission_kinds', 'description', 'What the term means.', NULL, NULL);
UPDATE kb_columns SET description = description || ' A term of country_kinds (→ country_kinds.term).' WHERE table_name = 'countries' AND column_name = 'kind';
UPDATE kb_columns SET description = description || ' A term of place_kinds (→ place_kinds.term).' WHERE table_name = 'places' AND column_name = 'kind';
UPDATE kb_columns SET description = description || ' A term of organization_kinds (→ organization_kinds.term).' WHERE table_name = 'organizations' AND column_name = 'kind';
UPDATE kb_columns SET description = description || ' A term of alias_kinds (→ alias_kinds.term).' WHERE table_name = 'aliases' AND column_name = 'alias_kind';
UPDATE kb_columns SET description = description || ' A term of event_kinds (→ event_kinds.term).' WHERE table_name = 'events' AND column_name = 'kind';
UPDATE kb_columns SET description = description || ' A term of visit_types (→ visit_types.term).' WHERE table_name = 'events' AND column_name = 'visit_type';
UPDATE kb_columns SET description = description || ' A term of date_qualifiers (→ date_qualifiers.term).' WHERE table_name = 'events' AND column_name = 'date_qualifier';
UPDATE kb_columns SET description = description || ' A term of roles (→ roles.term).' WHERE table_name = 'event_participants' AND column_name = 'role';
UPDATE kb_columns SET description = description || ' A term of roles (→ roles.term).' WHERE table_name = 'event_places' AND column_name = 'role';
UPDATE kb_columns SET description = description || ' A term of agreement_domains (→ agreement_domains.term).' WHERE table_name = 'agreements' AND column_name = 'domain';
UPDATE kb_columns SET description = description || ' A term of metrics (→ metrics.term).' WHERE table_name = 'figures' AND column_name = 'metric';
UPDATE kb_columns SET description = description || ' A term of units (→ units.term).' WHERE table_name = 'figures' AND column_name = 'unit';
UPDATE kb_columns SET description = description || ' A term of figure_qualifiers (→ figure_qualifiers.term).' WHERE table_name = 'figures' AND column_name = 'qualifier';
UPDATE kb_columns SET description = description || ' A term of mission_kinds (→ mission_kinds.term).' WHERE table_name = 'missions' AND column_name = 'kind';

PRAGMA legacy_alter_table = OFF;
