-- +goose Up
-- Account security (issue 6).
-- session_epoch: a session is valid only while it carries its account's
-- current epoch; a password reset (and, when the user asks, a password
-- change or "sign out everywhere else") bumps it, ending every other
-- session on every instance at once.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;
-- new_email: the address a pending sign-in address change (purpose
-- 'email') moves the account to once the link sent there is opened.
ALTER TABLE user_tokens ADD COLUMN new_email TEXT;
-- public_listing: whether the public sees this person as project staff:
-- '' not at all (the default), 'name' name, title and organisation,
-- 'contacts' also e-mail and phone. Only the person chooses it.
ALTER TABLE people ADD COLUMN public_listing TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE people DROP COLUMN public_listing;
ALTER TABLE user_tokens DROP COLUMN new_email;
ALTER TABLE users DROP COLUMN session_epoch;
