// Package db opens Kohtaamo's database (embedded SQLite by default,
// PostgreSQL for scale-out), runs the embedded migrations and offers the few
// helpers every store shares. SQL is written once with $1, $2… placeholders:
// both drivers bind them by number.
package db
