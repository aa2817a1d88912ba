package app

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in the web and API layers.
const (
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
	ECONFLICT  = "conflict"
	EFORBIDDEN = "forbidden"
	EUNAUTH    = "unauthorized"
	EINTERNAL  = "internal"
	// EUNAVAILABLE: a dependency (the database) is out of reach or too
	// slow for now; the client may try again later (503).
	EUNAVAILABLE = "unavailable"
)

// FieldError is one problem with one input field. Key is an i18n message id
// (for example "err.required"); Args fill its template.
type FieldError struct {
	Field string         `json:"field"`
	Key   string         `json:"key"`
	Args  map[string]any `json:"-"`
}

// Error is an application error whose Message (and Key, when set) is safe to
// show to a user. Key is an i18n message id translated at the boundary;
// Message is its English fallback, used in logs and when no key is set.
type Error struct {
	Code    string
	Key     string
	Message string
	Fields  []FieldError
	Err     error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

// Unwrap returns the wrapped cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// KeyError returns an *Error whose message is the i18n key key.
func KeyError(code, key, fallback string) *Error {
	return &Error{Code: code, Key: key, Message: fallback}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// IsCode reports whether err carries the given code.
func IsCode(err error, code string) bool { return ErrorCode(err) == code }

// NotFound returns an ENOTFOUND error for a kind of thing ("network").
func NotFound(kind string) *Error {
	return &Error{Code: ENOTFOUND, Key: "err.not_found", Message: kind + " not found"}
}

// Forbidden returns the standard EFORBIDDEN error.
func Forbidden() *Error {
	return &Error{Code: EFORBIDDEN, Key: "err.forbidden", Message: "forbidden"}
}
