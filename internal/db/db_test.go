package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

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

// TestWithTxPanicRollsBack checks that a panic inside WithTx rolls the
// transaction back before it goes on up: the write is gone and the only
// connection of the pool is usable afterwards (without the rollback it
// would stay inside the abandoned transaction).
func TestWithTxPanicRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		d.SetMaxOpenConns(1)
		// Cancelling the transaction's context at the end makes
		// database/sql roll back an abandoned transaction, so that a
		// failure here ends instead of hanging the clean-up.
		txctx, cancelTx := context.WithCancel(ctx)
		defer cancelTx()
		func() {
			defer func() {
				if v := recover(); v != "boom" {
					t.Fatalf("recovered %v, want the panic to go on up", v)
				}
			}()
			_ = d.WithTx(txctx, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(txctx, `INSERT INTO municipalities (code, name_fi) VALUES ('X01', 'Paniikkila')`); err != nil {
					t.Fatal(err)
				}
				panic("boom")
			})
		}()
		// A deadline, not a sleep: without the rollback the pool's one
		// connection never comes back and this times out.
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		var n int
		if err := d.QueryRowContext(cctx, `SELECT COUNT(*) FROM municipalities WHERE code = 'X01'`).Scan(&n); err != nil {
			t.Fatalf("connection unusable after the panic: %v", err) // the deferred cancelTx rolls it back
		}
		if n != 0 {
			t.Fatal("the panicking transaction's write was kept")
		}
		if err := d.WithTx(cctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(cctx, `INSERT INTO municipalities (code, name_fi) VALUES ('X02', 'Jatkola')`)
			return err
		}); err != nil {
			t.Fatalf("write after the panic: %v", err)
		}
	})
}

// TestLikeContains checks that LIKE wildcards in a search match only
// themselves, with the same ESCAPE clause on both databases.
func TestLikeContains(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for code, name := range map[string]string{"X01": "Sata % kuntaa", "X02": "Ala_kylä", "X03": "Alaxkylä", "X04": `Keno\viiva`, "X05": "Kenoviiva"} {
			if _, err := d.ExecContext(ctx, `INSERT INTO municipalities (code, name_fi) VALUES ($1, $2)`, code, name); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			q    string
			want string
		}{
			{"%", "X01"},
			{"_", "X02"},
			{"a_k", "X02"},
			{`\`, "X04"},
			{`o\v`, "X04"},
			{"  ALAX ", "X03"},
			{"%%", ""},
		} {
			rows, err := d.QueryContext(ctx, `SELECT code FROM municipalities WHERE code LIKE 'X%' AND LOWER(name_fi) LIKE $1 ESCAPE '\' ORDER BY code`, db.LikeContains(c.q))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
			}
			rows.Close()
			if strings.Join(got, ",") != c.want {
				t.Errorf("search %q found %v, want %q", c.q, got, c.want)
			}
		}
	})
}

// TestIsUnavailable checks which errors mean that the database is out of
// reach.
func TestIsUnavailable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("syntax error"), false},
		{fmt.Errorf("list: %w", context.DeadlineExceeded), true},
		{fmt.Errorf("list: %w", sql.ErrConnDone), true},
		{fmt.Errorf("list: %w", ctx.Err()), false},
		{fmt.Errorf("list: %w", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), true},
		{fmt.Errorf("list: %w", &pgconn.PgError{Code: "57P01"}), true},
		{fmt.Errorf("list: %w", &pgconn.PgError{Code: "23505"}), false},
		{app.NotFound("x"), false},
	} {
		if got := db.IsUnavailable(c.err); got != c.want {
			t.Errorf("IsUnavailable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// TestSQLitePathWithURICharacters: a database path with '#' or '%' (a
// subtest's temporary directory is named "sqlite#01") opens that very
// file, not one at the path cut short at '#' (which earlier runs had left
// behind, half migrated). ('?' starts the options a path may carry.)
func TestSQLitePathWithURICharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sqlite#01 50%20")
	path := filepath.Join(dir, "test.db")
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.ExecContext(context.Background(), `CREATE TABLE t (x INTEGER)`); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the database is not at %s: %v", path, err)
	}
}
