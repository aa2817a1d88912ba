-- +goose Up
-- Minutes drafted from the agenda (issue 8): a section per agenda item
-- with its discussion, its decisions and its action items. The section
-- keeps the item's title and preparer as they were when written, so the
-- minutes still read right when the agenda item is later renamed or
-- removed (the link then becomes NULL). Minutes written before this have
-- no sections: their body alone is shown, as before.

CREATE TABLE minutes_sections (
    id             INTEGER PRIMARY KEY,
    minutes_id     BIGINT NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    agenda_item_id BIGINT REFERENCES agenda_items(id) ON DELETE SET NULL,
    position       INTEGER NOT NULL,               -- 1, 2, … the item's number in the minutes
    title          TEXT NOT NULL,                  -- the agenda item's title when written
    preparer       TEXT NOT NULL DEFAULT '',       -- the preparer's name when written
    body           TEXT NOT NULL DEFAULT ''        -- Markdown: the discussion
);
CREATE INDEX minutes_sections_minutes ON minutes_sections (minutes_id, position);

-- A decision belongs to a section (NULL: to the minutes as a whole).
ALTER TABLE decisions ADD COLUMN section_id BIGINT REFERENCES minutes_sections(id) ON DELETE CASCADE;

-- An action item may be given under an agenda item.
ALTER TABLE action_items ADD COLUMN agenda_item_id BIGINT REFERENCES agenda_items(id) ON DELETE SET NULL;

-- A correction keeps the replaced sections too (JSON; '' before sections).
ALTER TABLE minutes_revisions ADD COLUMN sections TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE minutes_revisions DROP COLUMN sections;
ALTER TABLE action_items DROP COLUMN agenda_item_id;
ALTER TABLE decisions DROP COLUMN section_id;
DROP TABLE minutes_sections;
