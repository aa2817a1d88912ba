package db

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements by query text for SQLite, where the
// driver would otherwise parse every query on every call (measured as a
// third of a page's SQL time). PostgreSQL needs none: pgx caches
// statements per connection itself. Queries built with varying text
// (LIMIT/OFFSET literals) stop being cached once the cache is full.
type stmtCache struct {
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

const maxCachedStmts = 512

func (c *stmtCache) get(ctx context.Context, d *sql.DB, query string) *sql.Stmt {
	c.mu.RLock()
	st := c.stmts[query]
	n := len(c.stmts)
	c.mu.RUnlock()
	if st != nil || n >= maxCachedStmts {
		return st
	}
	st, err := d.PrepareContext(ctx, query)
	if err != nil {
		return nil // let the plain call report the error
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.stmts[query]; old != nil {
		_ = st.Close()
		return old
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		_ = st.Close()
	}
	c.stmts = nil
}

// QueryContext runs a query, through a cached prepared statement on SQLite.
func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if d.Dialect == SQLite {
		if st := d.stmts.get(ctx, d.DB, query); st != nil {
			return st.QueryContext(ctx, args...)
		}
	}
	return d.DB.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query, through a cached prepared
// statement on SQLite.
func (d *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if d.Dialect == SQLite {
		if st := d.stmts.get(ctx, d.DB, query); st != nil {
			return st.QueryRowContext(ctx, args...)
		}
	}
	return d.DB.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement, through a cached prepared statement on
// SQLite.
func (d *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if d.Dialect == SQLite {
		if st := d.stmts.get(ctx, d.DB, query); st != nil {
			return st.ExecContext(ctx, args...)
		}
	}
	return d.DB.ExecContext(ctx, query, args...)
}

// Close closes the cached statements and the database.
func (d *DB) Close() error {
	d.stmts.close()
	return d.DB.Close()
}
