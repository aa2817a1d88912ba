-- +goose Up
-- A meeting's title and description in Swedish and English, shown to
-- readers of those languages when given; the Finnish title and
-- description (title, description) stay required and are the fallback.
-- The meeting list version triggers (00016) fire on any update of a
-- meeting row, so cached meeting lists see a change of these too.
ALTER TABLE meetings ADD COLUMN title_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN description_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN description_en TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE meetings DROP COLUMN description_en;
ALTER TABLE meetings DROP COLUMN description_sv;
ALTER TABLE meetings DROP COLUMN title_en;
ALTER TABLE meetings DROP COLUMN title_sv;
