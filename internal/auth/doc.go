// Package auth holds accounts, passwords (argon2id), database-backed
// sessions that work across instances, sign-in and sign-out, and the
// permission checks (Policy) every domain asks before it shows or changes
// anything.
package auth
