// Package migrations embeds the SQL migrations, one folder per dialect with
// the same file names in each. Never edit an applied file: add a new one.
package migrations

import "embed"

// FS holds sqlite/*.sql and postgres/*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
