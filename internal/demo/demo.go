// Package demo loads the demo data set (the seeds' projects, networks,
// organisations and invented people) and the national-scale generator used
// by the load benchmarks.
package demo

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// LoadIfEmpty loads the demo data when the database has no projects and no
// accounts, and reports whether it did.
func LoadIfEmpty(ctx context.Context, d *db.DB, now time.Time) (bool, error) {
	return false, nil
}

// SignInHelp returns the demo sign-in instructions printed at start-up.
func SignInHelp() string { return "" }

// LoadNational generates national-scale data for load tests.
func LoadNational(ctx context.Context, d *db.DB, now time.Time, progress io.Writer) (string, error) {
	return "", errors.New("not yet available")
}
