-- +goose Up
-- Minutes of meetings (issue 3, points 5 and 6): one per meeting, written
-- as Markdown, draft until the convener approves them; corrections after
-- approval keep the replaced text as a revision. Decisions belong to the
-- minutes; action items are tasks given at a meeting to a member.

CREATE TABLE minutes (
    id          INTEGER PRIMARY KEY,
    meeting_id  BIGINT NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
    body        TEXT NOT NULL DEFAULT '',         -- Markdown, sanitised when shown
    status      TEXT NOT NULL DEFAULT 'draft',    -- draft, approved
    version     INTEGER NOT NULL DEFAULT 1,       -- raised on every save
    approved_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    approved_at TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- minutes_revisions: the text an approved correction replaced, with who
-- corrected it and why.
CREATE TABLE minutes_revisions (
    id         INTEGER PRIMARY KEY,
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    decisions  TEXT NOT NULL DEFAULT '',          -- one decision per line
    author_id  BIGINT REFERENCES people(id) ON DELETE SET NULL,
    reason     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX minutes_revisions_minutes ON minutes_revisions (minutes_id, created_at);

CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    minutes_id BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX decisions_minutes ON decisions (minutes_id, position);

CREATE TABLE action_items (
    id              INTEGER PRIMARY KEY,
    meeting_id      BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    network_id      BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    owner_person_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    due_on          DATE,
    status          TEXT NOT NULL DEFAULT 'open', -- open, done, cancelled
    plan_action_id  BIGINT REFERENCES plan_actions(id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    completed_at    TIMESTAMP
);
CREATE INDEX action_items_owner ON action_items (owner_person_id, status, due_on);
CREATE INDEX action_items_meeting ON action_items (meeting_id);
CREATE INDEX action_items_network ON action_items (network_id, status);

-- +goose Down
DROP TABLE action_items;
DROP TABLE decisions;
DROP TABLE minutes_revisions;
DROP TABLE minutes;
