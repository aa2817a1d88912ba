-- +goose Up
-- Foundation: reference data, organisations, people, accounts, sessions,
-- projects, networks and memberships.

CREATE TABLE municipalities (
    code        TEXT PRIMARY KEY,          -- official three-digit code, e.g. '564'
    name_fi     TEXT NOT NULL,
    name_sv     TEXT NOT NULL DEFAULT '',
    region_code TEXT NOT NULL DEFAULT '',  -- maakunta code
    region_name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE organisations (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    name_key          TEXT NOT NULL UNIQUE, -- lower-cased, spaces folded: duplicate check
    sector            TEXT NOT NULL,
    municipality_code TEXT REFERENCES municipalities(code),
    website           TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX organisations_sector ON organisations (sector);
CREATE INDEX organisations_municipality ON organisations (municipality_code);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    title           TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
    email           TEXT UNIQUE,              -- lower-cased; NULL when unknown
    phone           TEXT NOT NULL DEFAULT '',
    lang            TEXT NOT NULL DEFAULT 'fi',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX people_organisation ON people (organisation_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    person_id     BIGINT NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL DEFAULT '',   -- argon2id PHC string; '' until set
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP
);

CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

CREATE TABLE login_attempts (
    id           INTEGER PRIMARY KEY,
    attempt_key  TEXT NOT NULL,               -- 'account:<email>' or 'ip:<address>'
    attempted_at TIMESTAMP NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (attempt_key, attempted_at);

CREATE TABLE user_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,                 -- 'reset' or 'invite'
    token_hash TEXT NOT NULL UNIQUE,          -- SHA-256 of the secret, hex
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX user_tokens_user ON user_tokens (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);

CREATE TABLE projects (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    funder      TEXT NOT NULL DEFAULT '',
    starts_on   DATE,
    ends_on     DATE,
    description TEXT NOT NULL DEFAULT '',
    archived    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE project_goals (
    id          INTEGER PRIMARY KEY,
    project_id  BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_goals_project ON project_goals (project_id, position);

CREATE TABLE project_municipalities (
    project_id        BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    municipality_code TEXT NOT NULL REFERENCES municipalities(code),
    PRIMARY KEY (project_id, municipality_code)
);

CREATE TABLE project_staff (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    person_id  BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,                 -- 'coordinator' or 'worker'
    PRIMARY KEY (project_id, person_id)
);
CREATE INDEX project_staff_person ON project_staff (person_id);

CREATE TABLE networks (
    id         INTEGER PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    purpose    TEXT NOT NULL DEFAULT '',
    cadence    TEXT NOT NULL DEFAULT 'monthly', -- 'monthly' or 'as_needed'
    status     TEXT NOT NULL DEFAULT 'active',  -- 'active' or 'archived'
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX networks_project ON networks (project_id);

CREATE TABLE network_themes (
    id         INTEGER PRIMARY KEY,
    network_id BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL
);
CREATE INDEX network_themes_network ON network_themes (network_id, position);

CREATE TABLE memberships (
    id              INTEGER PRIMARY KEY,
    network_id      BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    person_id       BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role            TEXT NOT NULL,              -- convener, secretary, member, guest
    organisation_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
    deputy_of_id    BIGINT REFERENCES memberships(id) ON DELETE SET NULL,
    term_start      DATE,
    term_end        DATE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (network_id, person_id)
);
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_organisation ON memberships (organisation_id);

-- +goose Down
DROP TABLE memberships;
DROP TABLE network_themes;
DROP TABLE networks;
DROP TABLE project_staff;
DROP TABLE project_municipalities;
DROP TABLE project_goals;
DROP TABLE projects;
DROP TABLE api_tokens;
DROP TABLE user_tokens;
DROP TABLE login_attempts;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE people;
DROP TABLE organisations;
DROP TABLE municipalities;
