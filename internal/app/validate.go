package app

import (
	"net/mail"
	"strings"
	"unicode/utf8"
)

// Validator collects field errors. The zero value is ready to use.
type Validator struct {
	fields []FieldError
}

// Add records a field error unless the field already has one.
func (v *Validator) Add(field, key string, args map[string]any) {
	for _, f := range v.fields {
		if f.Field == field {
			return
		}
	}
	v.fields = append(v.fields, FieldError{Field: field, Key: key, Args: args})
}

// Check adds the error when ok is false.
func (v *Validator) Check(ok bool, field, key string) {
	if !ok {
		v.Add(field, key, nil)
	}
}

// Required checks that s is not blank.
func (v *Validator) Required(field, s string) {
	v.Check(strings.TrimSpace(s) != "", field, "err.required")
}

// MaxLen checks that s has at most n characters.
func (v *Validator) MaxLen(field, s string, n int) {
	if utf8.RuneCountInString(s) > n {
		v.Add(field, "err.too_long", map[string]any{"Max": n})
	}
}

// Email checks that a non-empty s is a plain e-mail address.
func (v *Validator) Email(field, s string) {
	if s == "" {
		return
	}
	v.Check(ValidEmail(s), field, "err.email")
}

// ValidEmail reports whether s is a bare address such as a@b.fi.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// Valid reports whether no errors were recorded.
func (v *Validator) Valid() bool { return len(v.fields) == 0 }

// Fields returns the recorded errors.
func (v *Validator) Fields() []FieldError { return v.fields }

// Err returns an EINVALID *Error with the recorded field errors, or nil.
func (v *Validator) Err() error {
	if v.Valid() {
		return nil
	}
	return &Error{Code: EINVALID, Key: "err.invalid_form", Message: "invalid input", Fields: v.fields}
}

// FieldInvalid returns an EINVALID error for one field.
func FieldInvalid(field, key string) *Error {
	return &Error{Code: EINVALID, Key: "err.invalid_form", Message: "invalid input",
		Fields: []FieldError{{Field: field, Key: key}}}
}

// FieldConflict returns an ECONFLICT error for one field (a duplicate).
func FieldConflict(field, key string) *Error {
	return &Error{Code: ECONFLICT, Key: "err.invalid_form", Message: "conflict",
		Fields: []FieldError{{Field: field, Key: key}}}
}
