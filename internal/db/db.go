package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// Dialect names the SQL dialect of a database.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Querier is what stores need: *sql.DB, *sql.Tx and *DB satisfy it.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is an open database and its dialect.
type DB struct {
	*sql.DB
	Dialect Dialect
	// DSN is the data source name it was opened with (for LISTEN/NOTIFY
	// connections and diagnostics; never logged, it may hold a password).
	DSN string

	stmts stmtCache
}

// IsPostgresURL reports whether dsn selects PostgreSQL.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens dsn: a postgres:// URL selects PostgreSQL, anything else is a
// SQLite file path (its directory is created). It pings before returning.
func Open(ctx context.Context, dsn string) (*DB, error) {
	var (
		d   *DB
		err error
	)
	if IsPostgresURL(dsn) {
		d, err = openPostgres(dsn)
	} else {
		d, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := d.PingContext(pctx); err != nil {
		_ = d.Close()
		return nil, fmt.Errorf("connect to %s database: %w", d.Dialect, err)
	}
	return d, nil
}

// DefaultConnectTimeout bounds each new PostgreSQL connection when the URL
// sets no connect_timeout, so that callers without a deadline of their
// own (start-up, job maintenance) cannot wait forever on a server that
// accepts connections but does not answer.
const DefaultConnectTimeout = "5"

func openPostgres(dsn string) (*DB, error) {
	if u, err := url.Parse(dsn); err == nil && !u.Query().Has("connect_timeout") {
		q := u.Query()
		q.Set("connect_timeout", DefaultConnectTimeout)
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	sdb, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	sdb.SetMaxOpenConns(20)
	sdb.SetMaxIdleConns(20)
	sdb.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{DB: sdb, Dialect: Postgres, DSN: dsn}, nil
}

// uriPath escapes what ends or escapes the path part of an SQLite URI.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

func openSQLite(path string) (*DB, error) {
	path = strings.TrimPrefix(path, "sqlite://")
	path = strings.TrimPrefix(path, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create database directory: %w", err)
		}
	}
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	// The DSN is an SQLite URI: a '#' or '?' in the path (a subtest's
	// temporary directory is named "sqlite#01") would end the path there.
	dsn := "file:" + uriPath.Replace(path) + "?" + q.Encode()
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	sdb.SetMaxOpenConns(8)
	sdb.SetMaxIdleConns(8)
	return &DB{DB: sdb, Dialect: SQLite, DSN: path}, nil
}

// WithTx runs fn in a transaction, committing when fn returns nil and rolling
// back otherwise. On SQLite the transaction begins IMMEDIATE (it takes the
// write lock at once), which is what capacity checks need. A panic in fn
// rolls back before it goes on up: left open, the transaction would keep
// its connection (and on SQLite the write lock) until ctx ends, which for
// a job or a command is never, and a recovered panic would leave the pool
// one connection short each time.
func (d *DB) WithTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if v := recover(); v != nil {
			_ = tx.Rollback()
			panic(v)
		}
	}()
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// IsUniqueViolation reports whether err is a unique-constraint violation on
// either database.
func IsUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// IsForeignKeyViolation reports whether err is a foreign-key violation.
func IsForeignKeyViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return false
}

// NotFound maps sql.ErrNoRows to app.NotFound(kind) and wraps anything else
// with the action.
func NotFound(err error, kind, action string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return app.NotFound(kind)
	}
	return fmt.Errorf("%s: %w", action, err)
}

// Now returns t in UTC truncated to microseconds, the precision both
// databases keep, so values read back compare equal.
func Now(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
