-- +goose Up
-- calendar_tokens: the secret addresses of personal calendar feeds
-- (/calendar/{token}.ics). Only the SHA-256 of a token is stored; a user
-- has at most one token that is not revoked (creating a new one revokes
-- the old, whose address then answers 404).
CREATE TABLE calendar_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,        -- hex SHA-256 of the secret
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP                    -- NULL while the feed works
);
CREATE INDEX calendar_tokens_user ON calendar_tokens (user_id);

-- +goose Down
DROP TABLE calendar_tokens;
