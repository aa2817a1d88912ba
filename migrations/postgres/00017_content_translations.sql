-- +goose Up
-- Names and descriptions of projects and networks in Swedish and English,
-- besides the required Finnish ones (projects: name, description;
-- networks: name, purpose, the network's description). Empty
-- means "not given": pages show the Finnish text then (i18n.Pick). The
-- version triggers of 00010, 00013 and 00016 fire on every UPDATE of these
-- tables, whatever the column, so a translated rename moves
-- network_list_version and meeting_list_version as a Finnish one does.
ALTER TABLE projects ADD COLUMN name_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN description_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN name_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN purpose_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN purpose_en TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE networks DROP COLUMN purpose_en;
ALTER TABLE networks DROP COLUMN purpose_sv;
ALTER TABLE networks DROP COLUMN name_en;
ALTER TABLE networks DROP COLUMN name_sv;
ALTER TABLE projects DROP COLUMN description_en;
ALTER TABLE projects DROP COLUMN description_sv;
ALTER TABLE projects DROP COLUMN name_en;
ALTER TABLE projects DROP COLUMN name_sv;
