package db_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

func TestMigrateAndRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var n int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM municipalities WHERE code = $1`, "564").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("Oulu 564 missing: %d", n)
		}
		now := db.Now(time.Date(2026, 3, 29, 7, 0, 0, 123456000, time.UTC))
		var id int64
		err := d.QueryRowContext(ctx, `INSERT INTO projects (name, starts_on, archived, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $4) RETURNING id`, "Hanke", time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC), true, now).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		var (
			got      time.Time
			starts   sql.NullTime
			archived bool
		)
		if err := d.QueryRowContext(ctx, `SELECT created_at, starts_on, archived FROM projects WHERE id = $1`, id).Scan(&got, &starts, &archived); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(now) || !archived || starts.Time.Format("2006-01-02") != "2008-01-01" {
			t.Fatalf("round trip: %v %v %v", got, starts, archived)
		}
		_, err = d.ExecContext(ctx, `INSERT INTO municipalities (code, name_fi) VALUES ($1, $2)`, "564", "dup")
		if !db.IsUniqueViolation(err) {
			t.Fatalf("want unique violation, got %v", err)
		}
		err = d.WithTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `DELETE FROM projects`); err != nil {
				return err
			}
			return errors.New("roll back")
		})
		if err == nil {
			t.Fatal("want error")
		}
		err = db.NotFound(d.QueryRowContext(ctx, `SELECT id FROM projects WHERE id = $1`, id+100).Scan(&id), "project", "get project")
		if !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("want not found, got %v", err)
		}
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM projects`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("rollback lost: %d %v", n, err)
		}
	})
}
