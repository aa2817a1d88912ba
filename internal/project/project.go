// Package project holds projects (hankkeet): their plan goals, region (a
// set of municipalities) and staff, with the pages and API to list, view,
// create, edit and archive them.
package project

import (
	"regexp"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Staff roles of a project.
const (
	RoleCoordinator = "coordinator"
	RoleWorker      = "worker"
)

// StaffRoles lists the staff roles in display order.
var StaffRoles = []string{RoleCoordinator, RoleWorker}

// Limits of the project fields.
const (
	MaxName        = 200
	MaxFunder      = 200
	MaxDescription = 10000
	MaxGoal        = 500
	MaxGoals       = 50
)

// Project is a funded development project. Name and Description are
// Finnish (required, the fallback); the Sv and En fields are their
// Swedish and English versions, empty when not given.
type Project struct {
	ID             int64
	Name           string
	NameSv         string
	NameEn         string
	Funder         string
	StartsOn       *time.Time
	EndsOn         *time.Time
	Description    string
	DescriptionSv  string
	DescriptionEn  string
	Archived       bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Goals          []Goal
	Municipalities []Municipality
	Staff          []Staff
	Networks       []NetworkSummary
}

// NameIn returns the project's name in lang, in Finnish when not given
// in lang.
func (p *Project) NameIn(lang string) string { return i18n.Pick(lang, p.Name, p.NameSv, p.NameEn) }

// DescriptionIn returns the project's description in lang, in Finnish
// when not given in lang.
func (p *Project) DescriptionIn(lang string) string {
	return i18n.Pick(lang, p.Description, p.DescriptionSv, p.DescriptionEn)
}

// MunicipalityCodes returns the codes of the project's region.
func (p *Project) MunicipalityCodes() []string {
	out := make([]string, len(p.Municipalities))
	for i, m := range p.Municipalities {
		out[i] = m.Code
	}
	return out
}

// GoalLines returns the goals one per line, as the edit form shows them.
func (p *Project) GoalLines() string {
	lines := make([]string, len(p.Goals))
	for i, g := range p.Goals {
		lines[i] = g.Title
	}
	return strings.Join(lines, "\n")
}

// Goal is one goal of the project plan.
type Goal struct {
	ID          int64
	Position    int
	Title       string
	Description string
}

// Municipality is a municipality of the project's region.
type Municipality struct {
	Code       string
	Name       string
	RegionName string
}

// Staff is a person working in the project.
type Staff struct {
	PersonID         int64
	Name             string
	Title            string
	Email            string
	Phone            string
	OrganisationName string
	Role             string
	// PublicListing is the person's own choice of what the public sees
	// of them as staff: "" nothing, "name" name, title and organisation,
	// "contacts" also e-mail and phone.
	PublicListing string
}

// PublicStaff is the staff as the public sees them: only those who chose
// to be listed, with contact details only from those who chose that too.
// Signed-in users see every staff member (and contacts as the policy
// says); this is the one place that decides what the public sees.
func PublicStaff(staff []Staff) []Staff {
	var out []Staff
	for _, s := range staff {
		switch s.PublicListing {
		case "name":
			s.Email, s.Phone = "", ""
		case "contacts":
		default:
			continue
		}
		out = append(out, s)
	}
	return out
}

// NetworkSummary is a network of the project, as its page lists them.
type NetworkSummary struct {
	ID          int64
	Name        string
	NameSv      string
	NameEn      string
	Status      string
	MemberCount int
}

// NameIn returns the network's name in lang, in Finnish when not given
// in lang.
func (n *NetworkSummary) NameIn(lang string) string {
	return i18n.Pick(lang, n.Name, n.NameSv, n.NameEn)
}

// GoalInput is a goal as a form or API call gives it.
type GoalInput struct {
	Title       string
	Description string
}

// Input is what a form or API call gives to create or update a project.
type Input struct {
	Name           string
	NameSv         string
	NameEn         string
	Funder         string
	StartsOn       *time.Time
	EndsOn         *time.Time
	Description    string
	DescriptionSv  string
	DescriptionEn  string
	Goals          []GoalInput
	Municipalities []string
}

var codeRE = regexp.MustCompile(`^[0-9]{3}$`)

// ParseGoals splits a textarea into goals, one per non-blank line.
func ParseGoals(text string) []GoalInput {
	var out []GoalInput
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, GoalInput{Title: line})
		}
	}
	return out
}

// Validate records problems with the input on v. It normalises the input
// (trims, drops duplicate municipality codes). Whether the codes exist is
// checked by the store.
func (in *Input) Validate(v *app.Validator) {
	in.Name = strings.TrimSpace(in.Name)
	in.NameSv = strings.TrimSpace(in.NameSv)
	in.NameEn = strings.TrimSpace(in.NameEn)
	in.Funder = strings.TrimSpace(in.Funder)
	in.Description = strings.TrimSpace(in.Description)
	in.DescriptionSv = strings.TrimSpace(in.DescriptionSv)
	in.DescriptionEn = strings.TrimSpace(in.DescriptionEn)
	v.Required("name", in.Name)
	v.MaxLen("name", in.Name, MaxName)
	v.MaxLen("name_sv", in.NameSv, MaxName)
	v.MaxLen("name_en", in.NameEn, MaxName)
	v.MaxLen("funder", in.Funder, MaxFunder)
	v.MaxLen("description", in.Description, MaxDescription)
	v.MaxLen("description_sv", in.DescriptionSv, MaxDescription)
	v.MaxLen("description_en", in.DescriptionEn, MaxDescription)
	if in.StartsOn != nil && in.EndsOn != nil && in.EndsOn.Before(*in.StartsOn) {
		v.Add("ends_on", "err.end_before_start", nil)
	}
	if len(in.Goals) > MaxGoals {
		v.Add("goals", "project.err.too_many_goals", map[string]any{"Max": MaxGoals})
	}
	for i := range in.Goals {
		in.Goals[i].Title = strings.TrimSpace(in.Goals[i].Title)
		in.Goals[i].Description = strings.TrimSpace(in.Goals[i].Description)
		v.Required("goals", in.Goals[i].Title)
		v.MaxLen("goals", in.Goals[i].Title, MaxGoal)
		v.MaxLen("goals", in.Goals[i].Description, MaxDescription)
	}
	seen := map[string]bool{}
	codes := in.Municipalities[:0:0]
	for _, c := range in.Municipalities {
		c = strings.TrimSpace(c)
		if seen[c] {
			continue
		}
		seen[c] = true
		if !codeRE.MatchString(c) {
			v.Add("municipalities", "err.invalid_municipality", nil)
		}
		codes = append(codes, c)
	}
	in.Municipalities = codes
}

// StaffInput is a person to add to a project's staff, in a role.
type StaffInput struct {
	PersonID int64
	Role     string
}

// Validate records problems on v; whether the person exists is checked by
// the store.
func (in *StaffInput) Validate(v *app.Validator) {
	v.Check(in.PersonID != 0, "person_id", "err.required")
	v.Check(ValidStaffRole(in.Role), "role", "err.invalid_choice")
}

// ValidStaffRole reports whether role is a project staff role.
func ValidStaffRole(role string) bool {
	return role == RoleCoordinator || role == RoleWorker
}
