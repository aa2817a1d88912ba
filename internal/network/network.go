// Package network holds a project's development networks (name, purpose,
// themes, cadence, status) and their memberships: who represents which
// organisation in which role and for which term. The network page groups
// members by sector and shows a coverage panel of the sectors and
// municipalities that are represented or missing.
package network

import (
	"slices"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Meeting cadences.
const (
	CadenceMonthly  = "monthly"
	CadenceAsNeeded = "as_needed"
)

// Network statuses.
const (
	StatusActive   = "active"
	StatusArchived = "archived"
)

// Membership roles.
const (
	RoleConvener  = "convener"
	RoleSecretary = "secretary"
	RoleMember    = "member"
	RoleGuest     = "guest"
)

// Cadences, Statuses and Roles list the allowed values in display order.
var (
	Cadences = []string{CadenceMonthly, CadenceAsNeeded}
	Statuses = []string{StatusActive, StatusArchived}
	Roles    = []string{RoleConvener, RoleSecretary, RoleMember, RoleGuest}
)

// Sectors are the organisation sectors the coverage panel checks, in
// display order. They mirror the sector values of package org (which this
// package does not import: domains stay independent; a test checks they
// agree). Their labels are the kernel's "sector_<code>" messages.
var Sectors = []string{"employment_services", "state_admin", "municipality", "wellbeing_county",
	"third_sector", "education", "business", "project", "other"}

// SectorOther is the sector unknown sector values are counted in. It is
// never a gap: a network need not have members of "other" organisations.
const SectorOther = "other"

// SectorKey returns the i18n message id of a sector's label.
func SectorKey(s string) string { return "sector_" + s }

// Limits of the fields.
const (
	MaxName    = 200
	MaxPurpose = 5000
	MaxTheme   = 200
	MaxThemes  = 50
)

// Network is a development network of a project. Name, Purpose and
// ProjectName are Finnish (required, the fallback); the Sv and En fields
// are their Swedish and English versions, empty when not given.
type Network struct {
	ID            int64
	ProjectID     int64
	ProjectName   string
	ProjectNameSv string
	ProjectNameEn string
	Name          string
	NameSv        string
	NameEn        string
	Purpose       string
	PurposeSv     string
	PurposeEn     string
	Cadence       string
	Status        string
	Themes        []Theme
	MemberCount   int
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// NameIn returns the network's name in lang, in Finnish when not given
// in lang.
func (n *Network) NameIn(lang string) string { return i18n.Pick(lang, n.Name, n.NameSv, n.NameEn) }

// PurposeIn returns the network's purpose in lang, in Finnish when not
// given in lang.
func (n *Network) PurposeIn(lang string) string {
	return i18n.Pick(lang, n.Purpose, n.PurposeSv, n.PurposeEn)
}

// ProjectNameIn returns the project's name in lang, in Finnish when not
// given in lang.
func (n *Network) ProjectNameIn(lang string) string {
	return i18n.Pick(lang, n.ProjectName, n.ProjectNameSv, n.ProjectNameEn)
}

// ProjectText is the project's name in the three languages.
func (n *Network) ProjectText() i18n.Text {
	return i18n.Text{Fi: n.ProjectName, Sv: n.ProjectNameSv, En: n.ProjectNameEn}
}

// ThemeLines returns the themes one per line, as the edit form shows them.
func (n *Network) ThemeLines() string {
	lines := make([]string, len(n.Themes))
	for i, t := range n.Themes {
		lines[i] = t.Name
	}
	return strings.Join(lines, "\n")
}

// ThemeNames returns the theme names in order.
func (n *Network) ThemeNames() []string {
	out := make([]string, len(n.Themes))
	for i, t := range n.Themes {
		out[i] = t.Name
	}
	return out
}

// Theme is one jointly chosen theme of a network.
type Theme struct {
	ID       int64
	Position int
	Name     string
}

// Input is what a form or API call gives to create or update a network.
type Input struct {
	Name      string
	NameSv    string
	NameEn    string
	Purpose   string
	PurposeSv string
	PurposeEn string
	Cadence   string
	Status    string
	Themes    []string
}

// ParseThemes splits a textarea into themes, one per non-blank line.
func ParseThemes(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Validate records problems on v and fills defaults (monthly, active).
func (in *Input) Validate(v *app.Validator) {
	in.Name = strings.TrimSpace(in.Name)
	in.NameSv = strings.TrimSpace(in.NameSv)
	in.NameEn = strings.TrimSpace(in.NameEn)
	in.Purpose = strings.TrimSpace(in.Purpose)
	in.PurposeSv = strings.TrimSpace(in.PurposeSv)
	in.PurposeEn = strings.TrimSpace(in.PurposeEn)
	if in.Cadence == "" {
		in.Cadence = CadenceMonthly
	}
	if in.Status == "" {
		in.Status = StatusActive
	}
	v.Required("name", in.Name)
	v.MaxLen("name", in.Name, MaxName)
	v.MaxLen("name_sv", in.NameSv, MaxName)
	v.MaxLen("name_en", in.NameEn, MaxName)
	v.MaxLen("purpose", in.Purpose, MaxPurpose)
	v.MaxLen("purpose_sv", in.PurposeSv, MaxPurpose)
	v.MaxLen("purpose_en", in.PurposeEn, MaxPurpose)
	v.Check(slices.Contains(Cadences, in.Cadence), "cadence", "err.invalid_choice")
	v.Check(slices.Contains(Statuses, in.Status), "status", "err.invalid_choice")
	if len(in.Themes) > MaxThemes {
		v.Add("themes", "network.err.too_many_themes", map[string]any{"Max": MaxThemes})
	}
	for i := range in.Themes {
		in.Themes[i] = strings.TrimSpace(in.Themes[i])
		v.Required("themes", in.Themes[i])
		v.MaxLen("themes", in.Themes[i], MaxTheme)
	}
}

// Membership is a person's seat in a network.
type Membership struct {
	ID               int64
	NetworkID        int64
	PersonID         int64
	PersonName       string
	PersonTitle      string
	Email            string
	Phone            string
	Role             string
	OrganisationID   int64 // 0 when none
	OrganisationName string
	Sector           string // the organisation's sector; "" without one
	MunicipalityCode string // the organisation's municipality; "" without one
	DeputyOfID       int64  // 0 when not a deputy
	DeputyOfName     string
	TermStart        *time.Time
	TermEnd          *time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Ended reports whether the term ended before today.
func (m *Membership) Ended(today time.Time) bool {
	return m.TermEnd != nil && m.TermEnd.Before(app.Day(today))
}

// Current reports whether the member sits in the network today: the term
// has started (or has no start) and has not ended.
func (m *Membership) Current(today time.Time) bool {
	if m.Ended(today) {
		return false
	}
	return m.TermStart == nil || !m.TermStart.After(app.Day(today))
}

// MembershipInput is what a form or API call gives for a membership.
// OrganisationID 0 means the person's own organisation; DeputyOfID 0 means
// none.
type MembershipInput struct {
	PersonID       int64
	Role           string
	OrganisationID int64
	DeputyOfID     int64
	TermStart      *time.Time
	TermEnd        *time.Time
}

// Validate records problems on v. Whether the person, organisation and
// deputy exist is checked by the store.
func (in *MembershipInput) Validate(v *app.Validator) {
	v.Check(in.PersonID > 0, "person_id", "err.required")
	if in.Role == "" {
		in.Role = RoleMember
	}
	v.Check(slices.Contains(Roles, in.Role), "role", "err.invalid_choice")
	if in.TermStart != nil && in.TermEnd != nil && in.TermEnd.Before(*in.TermStart) {
		v.Add("term_end", "err.end_before_start", nil)
	}
}

// Municipality is a municipality of the project's region.
type Municipality struct {
	Code string
	Name string
}

// SectorCoverage tells whether current members represent a sector.
type SectorCoverage struct {
	Sector  string
	Members int
}

// Represented reports whether at least one current member represents it.
func (s SectorCoverage) Represented() bool { return s.Members > 0 }

// MunicipalityCoverage tells whether current members represent an
// organisation of a municipality of the project's region.
type MunicipalityCoverage struct {
	Code    string
	Name    string
	Members int
}

// Represented reports whether at least one current member represents it.
func (m MunicipalityCoverage) Represented() bool { return m.Members > 0 }

// Coverage is the network page's coverage panel.
type Coverage struct {
	Sectors               []SectorCoverage
	Municipalities        []MunicipalityCoverage
	MissingSectors        []string
	MissingMunicipalities []MunicipalityCoverage
	// Ended lists members whose term has ended.
	Ended []Membership
}

// ComputeCoverage works out which sectors and which of the region's
// municipalities the current members represent, and whose term has ended.
// Guests (invited experts) do not count as representation.
func ComputeCoverage(members []Membership, region []Municipality, today time.Time) Coverage {
	var c Coverage
	bySector := map[string]int{}
	byCode := map[string]int{}
	for _, m := range members {
		if m.Ended(today) {
			c.Ended = append(c.Ended, m)
		}
		if !m.Current(today) || m.Role == RoleGuest || m.OrganisationID == 0 {
			continue
		}
		s := m.Sector
		if !slices.Contains(Sectors, s) {
			s = SectorOther
		}
		bySector[s]++
		if m.MunicipalityCode != "" {
			byCode[m.MunicipalityCode]++
		}
	}
	for _, s := range Sectors {
		sc := SectorCoverage{Sector: s, Members: bySector[s]}
		if s == SectorOther {
			// Listed only when someone represents it; never missing.
			if sc.Represented() {
				c.Sectors = append(c.Sectors, sc)
			}
			continue
		}
		c.Sectors = append(c.Sectors, sc)
		if !sc.Represented() {
			c.MissingSectors = append(c.MissingSectors, s)
		}
	}
	for _, m := range region {
		mc := MunicipalityCoverage{Code: m.Code, Name: m.Name, Members: byCode[m.Code]}
		c.Municipalities = append(c.Municipalities, mc)
		if !mc.Represented() {
			c.MissingMunicipalities = append(c.MissingMunicipalities, mc)
		}
	}
	return c
}

// SectorGroup is the members representing organisations of one sector.
type SectorGroup struct {
	Sector  string // "" for members without an organisation
	Members []Membership
}

// GroupBySector groups members by their organisation's sector in the
// order of Sectors (unknown sectors under other), members without an
// organisation last. Order within a group is kept.
func GroupBySector(members []Membership) []SectorGroup {
	idx := map[string][]Membership{}
	for _, m := range members {
		s := m.Sector
		if m.OrganisationID == 0 {
			s = ""
		} else if !slices.Contains(Sectors, s) {
			s = SectorOther
		}
		idx[s] = append(idx[s], m)
	}
	var out []SectorGroup
	for _, s := range append(append([]string(nil), Sectors...), "") {
		if len(idx[s]) > 0 {
			out = append(out, SectorGroup{Sector: s, Members: idx[s]})
		}
	}
	return out
}
