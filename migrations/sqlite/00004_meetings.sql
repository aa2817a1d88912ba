-- +goose Up
-- Meetings of a network: single meetings and series (RFC 5545 RRULE), the
-- agenda, members' answers to the invitation and recorded attendance. Times
-- are stored in UTC; pages show them in Europe/Helsinki.

CREATE TABLE meeting_series (
    id          INTEGER PRIMARY KEY,
    network_id  BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    rrule       TEXT NOT NULL,              -- e.g. FREQ=MONTHLY;BYDAY=2TU;COUNT=6
    first_start TIMESTAMP NOT NULL,         -- UTC start of the first occurrence
    last_start  TIMESTAMP NOT NULL,         -- UTC start of the last occurrence
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX meeting_series_network ON meeting_series (network_id);

CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    network_id      BIGINT NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
    series_id       BIGINT REFERENCES meeting_series(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    starts_at       TIMESTAMP NOT NULL,     -- UTC
    ends_at         TIMESTAMP NOT NULL,     -- UTC
    mode            TEXT NOT NULL,          -- in_person, remote, hybrid
    place           TEXT NOT NULL DEFAULT '',
    remote_link     TEXT NOT NULL DEFAULT '', -- only invitees see it
    agenda_deadline TIMESTAMP,              -- proposals close (UTC); NULL: at the start
    status          TEXT NOT NULL DEFAULT 'scheduled', -- scheduled, cancelled
    sequence        INTEGER NOT NULL DEFAULT 0,        -- iCalendar SEQUENCE
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX meetings_network_start ON meetings (network_id, starts_at);
CREATE INDEX meetings_series ON meetings (series_id);

CREATE TABLE agenda_items (
    id               INTEGER PRIMARY KEY,
    meeting_id       BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    title            TEXT NOT NULL,
    preparer_id      BIGINT REFERENCES people(id) ON DELETE SET NULL,
    duration_minutes INTEGER NOT NULL DEFAULT 0,
    notes            TEXT NOT NULL DEFAULT '',
    link             TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'proposed', -- proposed, accepted
    proposed_by      BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

-- meeting_responses: a member's answer to the invitation.
CREATE TABLE meeting_responses (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id  BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    answer     TEXT NOT NULL,               -- in_person, remote, not_attending
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

-- meeting_attendance: who attended and how, recorded at the meeting. The
-- organisation is the one represented at the time, kept for history.
CREATE TABLE meeting_attendance (
    meeting_id      BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id       BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    organisation_id BIGINT REFERENCES organisations(id) ON DELETE SET NULL,
    mode            TEXT NOT NULL,          -- in_person, remote
    recorded_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX meeting_attendance_person ON meeting_attendance (person_id);

-- mail_attachments: files sent with a mail message (calendar invitations).
CREATE TABLE mail_attachments (
    id           INTEGER PRIMARY KEY,
    message_id   BIGINT NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,             -- e.g. text/calendar; method=REQUEST
    content      TEXT NOT NULL
);
CREATE INDEX mail_attachments_message ON mail_attachments (message_id);

-- +goose Down
DROP TABLE mail_attachments;
DROP TABLE meeting_attendance;
DROP TABLE meeting_responses;
DROP TABLE agenda_items;
DROP TABLE meetings;
DROP TABLE meeting_series;
