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
CREATE FUNCTION bump_meeting_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meeting_list_version SET v = v + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER meetings_meeting_list AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meetings
    FOR EACH STATEMENT EXECUTE FUNCTION bump_meeting_list_version();

CREATE TRIGGER networks_meeting_list AFTER UPDATE ON networks
    FOR EACH STATEMENT EXECUTE FUNCTION bump_meeting_list_version();

CREATE TRIGGER project_staff_directory AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_staff
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();

CREATE TRIGGER networks_project_directory AFTER UPDATE OF project_id ON networks
    FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_version();

-- +goose Down
DROP TRIGGER meetings_meeting_list ON meetings;
DROP TRIGGER networks_meeting_list ON networks;
DROP TRIGGER project_staff_directory ON project_staff;
DROP TRIGGER networks_project_directory ON networks;
DROP FUNCTION bump_meeting_list_version();
DROP TABLE meeting_list_version;
