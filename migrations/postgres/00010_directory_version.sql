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
CREATE FUNCTION bump_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER memberships_directory AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();

CREATE TRIGGER people_directory AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();

CREATE TRIGGER organisations_directory AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();

-- +goose Down
DROP TRIGGER memberships_directory ON memberships;
DROP TRIGGER people_directory ON people;
DROP TRIGGER organisations_directory ON organisations;
DROP FUNCTION bump_directory_version();
DROP TABLE directory_version;
