// Package person is the directory of people: network members, project
// staff and invited experts. Anyone signed in sees names, titles and
// organisations; e-mail and phone only those who share a project with the
// person (see auth.Policy.CanSeeContacts).
package person

import (
	"regexp"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Field length limits.
const (
	MaxName  = 200
	MaxTitle = 200
	MaxEmail = 254
	MaxPhone = 40
)

// Person is one person in the directory.
type Person struct {
	ID    int64
	Name  string
	Title string
	// OrganisationID is 0 when the person has no organisation.
	OrganisationID   int64
	OrganisationName string
	// Email is lower-cased; "" when unknown (stored as NULL).
	Email     string
	Phone     string
	Lang      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// NormalizeEmail lower-cases and trims an e-mail address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Normalize trims the fields, folds white space in the name and
// lower-cases the e-mail address; an empty language becomes Finnish.
func (p *Person) Normalize() {
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.Title = strings.TrimSpace(p.Title)
	p.Email = NormalizeEmail(p.Email)
	p.Phone = strings.TrimSpace(p.Phone)
	p.Lang = strings.TrimSpace(p.Lang)
	if p.Lang == "" {
		p.Lang = i18n.Default
	}
}

var phoneRE = regexp.MustCompile(`^\+?[0-9 ()\-]{5,40}$`)

// ValidPhone reports whether s looks like a phone number: digits, spaces,
// parentheses and hyphens with an optional leading plus.
func ValidPhone(s string) bool { return phoneRE.MatchString(s) }

// Validate normalizes p and checks every field. Whether the organisation
// exists and the e-mail is free is the store's check.
func (p *Person) Validate() error {
	p.Normalize()
	var v app.Validator
	v.Required("name", p.Name)
	v.MaxLen("name", p.Name, MaxName)
	v.MaxLen("title", p.Title, MaxTitle)
	v.MaxLen("email", p.Email, MaxEmail)
	v.Email("email", p.Email)
	v.Check(p.Phone == "" || ValidPhone(p.Phone), "phone", "person.err.phone")
	v.Check(i18n.Supported(p.Lang), "lang", "err.invalid_choice")
	v.Check(p.OrganisationID >= 0, "organisation_id", "err.invalid_choice")
	return v.Err()
}

// Filter selects people in a list.
type Filter struct {
	// Query matches a part of the name, case-insensitively.
	Query          string
	OrganisationID int64
	Page           int
	PerPage        int
}

func (f *Filter) limits() (limit, offset int) {
	if f.PerPage < 1 {
		f.PerPage = 25
	}
	if f.Page < 1 {
		f.Page = 1
	}
	return f.PerPage, (f.Page - 1) * f.PerPage
}

// Membership is a person's place in a network.
type Membership struct {
	NetworkID   int64
	NetworkName string // Finnish
	ProjectID   int64
	ProjectName string // Finnish
	// The Swedish and English names, "" when not given.
	NetworkNameSv, NetworkNameEn, ProjectNameSv, ProjectNameEn string
	Role                                                       string
	// OrganisationName is the organisation the person represents there.
	OrganisationName string
	TermStart        *time.Time
	TermEnd          *time.Time
}

// Staff is a person's role in a project's staff.
type Staff struct {
	ProjectID   int64
	ProjectName string // Finnish
	// The Swedish and English names, "" when not given.
	ProjectNameSv, ProjectNameEn string
	Role                         string
}

// Option is an id and a name, for select boxes.
type Option struct {
	ID   int64
	Name string
}
