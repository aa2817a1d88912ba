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
CREATE TRIGGER networks_insert_network_list AFTER INSERT ON networks
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER networks_update_network_list AFTER UPDATE ON networks
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER networks_delete_network_list AFTER DELETE ON networks
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER projects_insert_network_list AFTER INSERT ON projects
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER projects_update_network_list AFTER UPDATE ON projects
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER projects_delete_network_list AFTER DELETE ON projects
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER memberships_insert_network_list AFTER INSERT ON memberships
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER memberships_update_network_list AFTER UPDATE ON memberships
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER memberships_delete_network_list AFTER DELETE ON memberships
BEGIN
    UPDATE network_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER networks_insert_network_list;
DROP TRIGGER networks_update_network_list;
DROP TRIGGER networks_delete_network_list;
DROP TRIGGER projects_insert_network_list;
DROP TRIGGER projects_update_network_list;
DROP TRIGGER projects_delete_network_list;
DROP TRIGGER memberships_insert_network_list;
DROP TRIGGER memberships_update_network_list;
DROP TRIGGER memberships_delete_network_list;
DROP TABLE network_list_version;
