-- +goose Up
-- directory_version counts changes to the tables a network's roster is
-- read from (memberships, people, organisations). Pages cache rosters per
-- instance and check this one row instead of re-reading 50 joined rows;
-- triggers bump it on every write, whatever code path makes it.
CREATE TABLE directory_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  BIGINT NOT NULL
);
INSERT INTO directory_version (id, v) VALUES (1, 1);

-- +goose StatementBegin
CREATE TRIGGER memberships_insert_directory AFTER INSERT ON memberships
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER memberships_update_directory AFTER UPDATE ON memberships
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER memberships_delete_directory AFTER DELETE ON memberships
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER people_insert_directory AFTER INSERT ON people
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER people_update_directory AFTER UPDATE ON people
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER people_delete_directory AFTER DELETE ON people
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER organisations_insert_directory AFTER INSERT ON organisations
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER organisations_update_directory AFTER UPDATE ON organisations
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER organisations_delete_directory AFTER DELETE ON organisations
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER memberships_insert_directory;
DROP TRIGGER memberships_update_directory;
DROP TRIGGER memberships_delete_directory;
DROP TRIGGER people_insert_directory;
DROP TRIGGER people_update_directory;
DROP TRIGGER people_delete_directory;
DROP TRIGGER organisations_insert_directory;
DROP TRIGGER organisations_update_directory;
DROP TRIGGER organisations_delete_directory;
DROP TABLE directory_version;
