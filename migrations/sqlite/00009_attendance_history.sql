-- +goose Up
-- Attendance history per organisation (/organisations/{id}/attendance):
-- find the meetings an organisation was represented at without reading
-- every attendance row. Per person, meeting_attendance_person serves.
CREATE INDEX meeting_attendance_organisation ON meeting_attendance (organisation_id, meeting_id);

-- +goose Down
DROP INDEX meeting_attendance_organisation;
