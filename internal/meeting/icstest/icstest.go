// Package icstest checks iCalendar files in tests: a strict line checker
// for what RFC 5545 section 3.1 demands of the lines, and a parse with an
// independent reader (github.com/emersion/go-ical) rather than the
// library that wrote the file, which reads back whatever it writes.
package icstest

import (
	"bytes"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

// CheckLines reports every way body breaks RFC 5545's line rules: each
// line ends with CRLF, no CR or LF inside a line, no line longer than 75
// octets (without the CRLF), a folded line never splits a UTF-8 sequence,
// no control characters (HTAB included: Kohtaamo writes none), no empty
// lines, and the file starts with BEGIN:VCALENDAR and ends with
// END:VCALENDAR.
func CheckLines(t testing.TB, body string) {
	t.Helper()
	if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(body, "\r\nEND:VCALENDAR\r\n") {
		t.Errorf("ics: not BEGIN:VCALENDAR…END:VCALENDAR with CRLF: %.40q…%q", body, tail(body))
	}
	lines := strings.Split(body, "\r\n")
	if lines[len(lines)-1] != "" {
		t.Errorf("ics: last line does not end with CRLF: %q", lines[len(lines)-1])
	}
	lines = lines[:len(lines)-1]
	for i, l := range lines {
		switch {
		case l == "":
			t.Errorf("ics line %d: empty", i+1)
		case len(l) > 75:
			t.Errorf("ics line %d: %d octets: %q", i+1, len(l), l)
		case !utf8.ValidString(l):
			t.Errorf("ics line %d: not UTF-8 on its own (a fold split a character?): %q", i+1, l)
		}
		for _, r := range l {
			if unicode.IsControl(r) {
				t.Errorf("ics line %d: control character %U: %q", i+1, r, l)
				break
			}
		}
		if i == 0 && strings.HasPrefix(l, " ") {
			t.Errorf("ics: starts with a continuation line")
		}
	}
}

func tail(s string) string {
	if len(s) > 40 {
		return s[len(s)-40:]
	}
	return s
}

// Parse checks the lines (CheckLines) and parses body with
// emersion/go-ical, failing the test when it does not parse.
func Parse(t testing.TB, body string) *ical.Calendar {
	t.Helper()
	CheckLines(t, body)
	cal, err := ical.NewDecoder(bytes.NewReader([]byte(body))).Decode()
	if err != nil {
		t.Fatalf("ics does not parse (emersion/go-ical): %v\n%s", err, body)
	}
	return cal
}

// Events returns the calendar's VEVENTs.
func Events(cal *ical.Calendar) []*ical.Component {
	var out []*ical.Component
	for _, c := range cal.Children {
		if c.Name == ical.CompEvent {
			out = append(out, c)
		}
	}
	return out
}

// Text returns the unescaped TEXT value of c's property name ("" when
// absent), failing the test on an invalid escape.
func Text(t testing.TB, c *ical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		return ""
	}
	s, err := p.Text()
	if err != nil {
		t.Errorf("%s %q: %v", name, p.Value, err)
	}
	return s
}

// Param returns the value of a parameter of c's property name, with the
// RFC 6868 escapes (^n, ^', ^^) decoded; ok is false when the property
// or the parameter is missing or has more than one value.
func Param(c *ical.Component, name, param string) (value string, ok bool) {
	p := c.Props.Get(name)
	if p == nil {
		return "", false
	}
	vs := p.Params[param]
	if len(vs) != 1 {
		return "", false
	}
	return strings.NewReplacer("^n", "\n", "^'", `"`, "^^", "^").Replace(vs[0]), true
}
