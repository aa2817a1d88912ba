-- +goose Up
-- meeting_list_version counts changes to what a network's list of meetings
-- shows (its meetings and the network's name): each instance caches pages
-- of the list and checks this one row. directory_version (00010) now also
-- covers project staff and a network's move to another project, which
-- decide whose contact details a person sees (auth.Policy caches them).
CREATE TABLE meeting_list_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    v  BIGINT NOT NULL
);
INSERT INTO meeting_list_version (id, v) VALUES (1, 1);

-- +goose StatementBegin
CREATE TRIGGER meetings_insert_meeting_list AFTER INSERT ON meetings
BEGIN
    UPDATE meeting_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER meetings_update_meeting_list AFTER UPDATE ON meetings
BEGIN
    UPDATE meeting_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER meetings_delete_meeting_list AFTER DELETE ON meetings
BEGIN
    UPDATE meeting_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER networks_update_meeting_list AFTER UPDATE ON networks
BEGIN
    UPDATE meeting_list_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER project_staff_insert_directory AFTER INSERT ON project_staff
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER project_staff_update_directory AFTER UPDATE ON project_staff
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER project_staff_delete_directory AFTER DELETE ON project_staff
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER networks_project_directory AFTER UPDATE OF project_id ON networks
BEGIN
    UPDATE directory_version SET v = v + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER meetings_insert_meeting_list;
DROP TRIGGER meetings_update_meeting_list;
DROP TRIGGER meetings_delete_meeting_list;
DROP TRIGGER networks_update_meeting_list;
DROP TRIGGER project_staff_insert_directory;
DROP TRIGGER project_staff_update_directory;
DROP TRIGGER project_staff_delete_directory;
DROP TRIGGER networks_project_directory;
DROP TABLE meeting_list_version;
