package app

import (
	"context"
	"time"
)

// Clock tells the time. Tests inject a fixed one.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock (UTC).
type SystemClock struct{}

// Now returns the current UTC time.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// FixedClock is a settable clock for tests.
type FixedClock struct{ T time.Time }

// Now returns the fixed time.
func (c *FixedClock) Now() time.Time { return c.T }

// User is the signed-in user of a request.
type User struct {
	ID       int64
	PersonID int64
	Name     string
	Email    string
	Lang     string
	IsAdmin  bool
}

type userKey struct{}

// WithUser returns a context carrying u.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the signed-in user, or nil for the public.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(userKey{}).(*User)
	return u
}
