-- +goose Up
-- network_list_version counts changes to what the list of networks shows
-- (networks, their projects' names, their member counts). Each instance
-- caches pages of the list and checks this one row instead of sorting
-- every network for every request; triggers bump it on every write,
-- whatever code path or instance makes it. (directory_version, 00010,
-- stays the rosters' own: a network's rename does not touch them.)
CREATE TABLE network_list_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  BIGINT NOT NULL
);
INSERT INTO network_list_version (id, v) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION bump_network_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER networks_network_list AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON networks
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_list_version();

CREATE TRIGGER projects_network_list AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_list_version();

CREATE TRIGGER memberships_network_list AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_list_version();

-- +goose Down
DROP TRIGGER networks_network_list ON networks;
DROP TRIGGER projects_network_list ON projects;
DROP TRIGGER memberships_network_list ON memberships;
DROP FUNCTION bump_network_list_version();
DROP TABLE network_list_version;
