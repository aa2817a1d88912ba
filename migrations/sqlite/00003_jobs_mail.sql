-- +goose Up
-- Outgoing mail. Background jobs themselves live in river's tables, created
-- by river's own migrations (jobs.Migrate) after these.

-- mail_messages holds each composed message (in its recipient's language),
-- so a retried job sends exactly what was composed in the transaction that
-- caused it, and the admin outbox can show it.
CREATE TABLE mail_messages (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,              -- template: 'reset', 'invite', ...
    lang       TEXT NOT NULL,
    header_id  TEXT NOT NULL UNIQUE,       -- RFC 5322 Message-ID without <>
    subject    TEXT NOT NULL,
    text_body  TEXT NOT NULL,
    html_body  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- mail_deliveries has one row per message and recipient. The send job marks
-- a row sent as soon as the SMTP server accepts the message, so a job that
-- is retried after a crash does not send it twice.
CREATE TABLE mail_deliveries (
    id             INTEGER PRIMARY KEY,
    message_id     BIGINT NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,
    recipient      TEXT NOT NULL,           -- lower-cased address
    recipient_name TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'queued', -- queued, sent, failed
    via            TEXT NOT NULL DEFAULT '',       -- 'smtp' or 'log' once sent
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    sent_at        TIMESTAMP,
    UNIQUE (message_id, recipient)
);
CREATE INDEX mail_deliveries_created ON mail_deliveries (created_at);
CREATE INDEX mail_deliveries_status ON mail_deliveries (status);

-- +goose Down
DROP TABLE mail_deliveries;
DROP TABLE mail_messages;
