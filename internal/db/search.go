package db

import "strings"

// MaxSearchLen is the longest search text, in characters, that a list or
// picker accepts: longer text is refused with a field error before it
// reaches the database (SQLite refuses LIKE patterns over 50,000 bytes, and
// nobody types a 200-character name).
const MaxSearchLen = 200

// likeEscaper escapes the LIKE wildcards and the escape character itself.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// LikeContains returns a lower-cased LIKE pattern that matches text
// containing s literally: `%` and `_` in s match themselves, not any text.
// Use it with `LOWER(col) LIKE ? ESCAPE '\'`, which SQLite and PostgreSQL
// read alike (PostgreSQL's standard_conforming_strings keeps '\' one
// character).
func LikeContains(s string) string {
	return "%" + likeEscaper.Replace(strings.ToLower(strings.TrimSpace(s))) + "%"
}
