-- The knowledge base's tables. Every fact row carries source_id and quote: the verbatim
-- passage of the source that states it. Dates are ISO 8601 text at the precision the source
-- gives ('1941', '1997-11', '2002-05-23'); a single date has start_date = end_date.
-- Foreign keys are enforced by kb on every connection (PRAGMA foreign_keys = ON).
-- Text ids are any text without surrounding spaces or line breaks; the shipped seed uses
-- lowercase slugs ('visit-nazarbayev-poland-2002') by convention.

CREATE TABLE sources (
    id       TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    title    TEXT NOT NULL CHECK (title <> ''),
    url      TEXT,
    licence  TEXT,
    language TEXT,
    content  TEXT NOT NULL CHECK (content <> '')
);

CREATE TABLE countries (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z]' OR code GLOB '[A-Z][A-Z]-[A-Z][A-Z]'),
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('sovereign state', 'historical state', 'soviet republic')),
    code_system TEXT NOT NULL CHECK (code_system IN ('ISO 3166-1', 'ISO 3166-3', 'kb')),
    part_of     TEXT REFERENCES countries (code),
    source_id   TEXT NOT NULL REFERENCES sources (id),
    quote       TEXT NOT NULL CHECK (length(quote) >= 10)
);

CREATE TABLE places (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    name         TEXT NOT NULL CHECK (name <> ''),
    kind         TEXT NOT NULL CHECK (kind IN ('city', 'settlement', 'region')),
    country_code TEXT NOT NULL REFERENCES countries (code),
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10)
);

CREATE TABLE persons (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    name         TEXT NOT NULL CHECK (name <> ''),
    country_code TEXT NOT NULL REFERENCES countries (code),
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10)
);

CREATE TABLE organizations (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    name         TEXT NOT NULL CHECK (name <> ''),
    kind         TEXT NOT NULL CHECK (kind <> ''),
    country_code TEXT REFERENCES countries (code),
    parent_id    TEXT REFERENCES organizations (id),
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10)
);
CREATE INDEX organizations_parent ON organizations (parent_id);

CREATE TABLE person_offices (
    id             INTEGER PRIMARY KEY,
    person_id      TEXT NOT NULL REFERENCES persons (id),
    office         TEXT NOT NULL CHECK (office <> ''),
    country_code   TEXT NOT NULL REFERENCES countries (code),
    ordinal        INTEGER CHECK (ordinal >= 1),
    start_date     TEXT,
    end_date       TEXT,
    date_precision TEXT CHECK (date_precision IN ('year', 'month', 'day')),
    source_id      TEXT NOT NULL REFERENCES sources (id),
    quote          TEXT NOT NULL CHECK (length(quote) >= 10),
    UNIQUE (person_id, office),
    -- coalesce: a NULL where a date is due counts as a failed check, not as an unknown one.
    CHECK (coalesce(CASE date_precision
        WHEN 'year' THEN start_date GLOB '[0-9][0-9][0-9][0-9]' AND end_date GLOB '[0-9][0-9][0-9][0-9]'
        WHEN 'month' THEN start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                          AND substr(start_date, 6) BETWEEN '01' AND '12' AND substr(end_date, 6) BETWEEN '01' AND '12'
        WHEN 'day' THEN date(start_date) IS start_date AND date(end_date) IS end_date
        ELSE start_date IS NULL AND end_date IS NULL AND date_precision IS NULL
    END AND (end_date >= start_date OR start_date IS NULL), 0))
);

CREATE TABLE events (
    id              TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    kind            TEXT NOT NULL CHECK (kind <> ''),
    visit_type      TEXT CHECK (visit_type IS NULL OR (visit_type IN ('state', 'official', 'working') AND kind = 'visit')),
    title           TEXT NOT NULL CHECK (title <> ''),
    start_date      TEXT,
    end_date        TEXT,
    date_precision  TEXT CHECK (date_precision IN ('year', 'month', 'day')),
    date_qualifier  TEXT CHECK (date_qualifier IN ('early', 'during')),
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
CREATE INDEX events_kind_start ON events (kind, start_date);
CREATE INDEX events_start ON events (start_date);
CREATE INDEX events_place ON events (place_id);
CREATE INDEX events_parent ON events (parent_event_id);

-- Who or what took part in an event: exactly one of person, country or organization per row.
CREATE TABLE event_participants (
    id              INTEGER PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES events (id),
    role            TEXT NOT NULL CHECK (role <> ''),
    person_id       TEXT REFERENCES persons (id),
    country_code    TEXT REFERENCES countries (code),
    organization_id TEXT REFERENCES organizations (id),
    source_id       TEXT NOT NULL REFERENCES sources (id),
    quote           TEXT NOT NULL CHECK (length(quote) >= 10),
    CHECK ((person_id IS NOT NULL) + (country_code IS NOT NULL) + (organization_id IS NOT NULL) = 1)
);
-- NULLs are distinct in a UNIQUE constraint, so uniqueness over the nullable columns is an
-- index on their coalesced values. It also serves lookups by event_id (its first column).
CREATE UNIQUE INDEX event_participants_unique ON event_participants
    (event_id, role, coalesce(person_id, ''), coalesce(country_code, ''), coalesce(organization_id, ''));
CREATE INDEX event_participants_person ON event_participants (person_id);
CREATE INDEX event_participants_country ON event_participants (country_code);
CREATE INDEX event_participants_organization ON event_participants (organization_id);

-- Places and countries an event moved people from or to, beyond its main place_id/country_code.
CREATE TABLE event_places (
    id           INTEGER PRIMARY KEY,
    event_id     TEXT NOT NULL REFERENCES events (id),
    role         TEXT NOT NULL CHECK (role IN ('origin', 'destination')),
    place_id     TEXT REFERENCES places (id),
    country_code TEXT REFERENCES countries (code),
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10),
    CHECK ((place_id IS NOT NULL) + (country_code IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX event_places_unique ON event_places
    (event_id, role, coalesce(place_id, ''), coalesce(country_code, ''));
CREATE INDEX event_places_place ON event_places (place_id);

-- Further passages that speak of the same event: one event, one row in events, however
-- many sentences mention it.
CREATE TABLE event_mentions (
    id        INTEGER PRIMARY KEY,
    event_id  TEXT NOT NULL REFERENCES events (id),
    source_id TEXT NOT NULL REFERENCES sources (id),
    quote     TEXT NOT NULL CHECK (length(quote) >= 10),
    UNIQUE (event_id, source_id, quote)
);

CREATE TABLE agreements (
    id             TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    title          TEXT NOT NULL CHECK (title <> ''),
    domain         TEXT CHECK (domain <> ''),
    signed_date    TEXT,
    date_precision TEXT CHECK (date_precision IN ('year', 'month', 'day')),
    source_id      TEXT NOT NULL REFERENCES sources (id),
    quote          TEXT NOT NULL CHECK (length(quote) >= 10),
    CHECK ((signed_date IS NULL) = (date_precision IS NULL)),
    CHECK (date_precision <> 'year' OR signed_date GLOB '[0-9][0-9][0-9][0-9]'),
    CHECK (date_precision <> 'month' OR (length(signed_date) = 7 AND date(signed_date || '-01') = signed_date || '-01')),
    CHECK (date_precision <> 'day' OR (length(signed_date) = 10 AND date(signed_date) = signed_date))
);
CREATE INDEX agreements_domain ON agreements (domain);
CREATE INDEX agreements_signed ON agreements (signed_date);

CREATE TABLE agreement_parties (
    id           INTEGER PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    country_code TEXT NOT NULL REFERENCES countries (code),
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10),
    UNIQUE (agreement_id, country_code)
);
CREATE INDEX agreement_parties_country ON agreement_parties (country_code);

-- Numbers the source states, in base units (2.2 billion US dollars is 2200000000, unit 'USD'),
-- with the source's own hedge in qualifier and the period they hold for.
CREATE TABLE figures (
    id             TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    metric         TEXT NOT NULL CHECK (metric <> '' AND metric NOT GLOB '*[^a-z0-9_]*'),
    subject        TEXT NOT NULL CHECK (subject <> ''),
    value          NUMERIC NOT NULL CHECK (typeof(value) IN ('integer', 'real')),
    unit           TEXT NOT NULL CHECK (unit <> ''),
    qualifier      TEXT CHECK (qualifier IN ('more than', 'over', 'about', 'nearly')),
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
CREATE INDEX figures_metric ON figures (metric, start_date);
CREATE INDEX figures_event ON figures (event_id);

-- Embassies, consulates and the wartime diplomatic posts. established_event_id points at the
-- event that set the mission up or opened it officially, which carries the date.
CREATE TABLE missions (
    id                    TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    kind                  TEXT NOT NULL CHECK (kind IN ('embassy', 'consulate-general', 'diplomatic post')),
    sending_country_code  TEXT NOT NULL REFERENCES countries (code),
    host_country_code     TEXT NOT NULL REFERENCES countries (code),
    place_id              TEXT NOT NULL REFERENCES places (id),
    established_event_id  TEXT REFERENCES events (id),
    source_id             TEXT NOT NULL REFERENCES sources (id),
    quote                 TEXT NOT NULL CHECK (length(quote) >= 10)
);
CREATE INDEX missions_place ON missions (place_id);
CREATE INDEX missions_event ON missions (established_event_id);

CREATE TABLE memberships (
    id              INTEGER PRIMARY KEY,
    country_code    TEXT NOT NULL REFERENCES countries (code),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    source_id       TEXT NOT NULL REFERENCES sources (id),
    quote           TEXT NOT NULL CHECK (length(quote) >= 10),
    UNIQUE (country_code, organization_id)
);
CREATE INDEX memberships_organization ON memberships (organization_id);

CREATE TABLE transport_links (
    id                   TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    mode                 TEXT NOT NULL CHECK (mode IN ('air', 'rail', 'road', 'sea')),
    operator_id          TEXT REFERENCES organizations (id),
    origin_place_id      TEXT NOT NULL REFERENCES places (id),
    destination_place_id TEXT NOT NULL REFERENCES places (id),
    source_id            TEXT NOT NULL REFERENCES sources (id),
    quote                TEXT NOT NULL CHECK (length(quote) >= 10)
);
CREATE INDEX transport_links_operator ON transport_links (operator_id);

CREATE TABLE decorations (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id = trim(id) AND id NOT GLOB '*[' || char(9, 10, 13) || ']*'),
    name         TEXT NOT NULL CHECK (name <> ''),
    country_code TEXT NOT NULL REFERENCES countries (code),
    description  TEXT,
    source_id    TEXT NOT NULL REFERENCES sources (id),
    quote        TEXT NOT NULL CHECK (length(quote) >= 10)
);

-- A decoration conferred on a person; its date is that of the event it was given at.
CREATE TABLE decoration_awards (
    id                  INTEGER PRIMARY KEY,
    decoration_id       TEXT NOT NULL REFERENCES decorations (id),
    recipient_person_id TEXT NOT NULL REFERENCES persons (id),
    conferrer_person_id TEXT REFERENCES persons (id),
    event_id            TEXT REFERENCES events (id),
    source_id           TEXT NOT NULL REFERENCES sources (id),
    quote               TEXT NOT NULL CHECK (length(quote) >= 10)
);
CREATE UNIQUE INDEX decoration_awards_unique ON decoration_awards
    (decoration_id, recipient_person_id, coalesce(event_id, ''));
CREATE INDEX decoration_awards_recipient ON decoration_awards (recipient_person_id);
CREATE INDEX decoration_awards_conferrer ON decoration_awards (conferrer_person_id);
CREATE INDEX decoration_awards_event ON decoration_awards (event_id);

-- One row: the digest of the seed last loaded, so a second `kb init` of the same seed is a no-op.
CREATE TABLE seed_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    seed_sha256 TEXT NOT NULL CHECK (length(seed_sha256) = 64)
);
