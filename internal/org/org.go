// Package org is the directory of organisations that appoint
// representatives to networks: employment services, the state's regional
// administration, municipalities, wellbeing services counties, NGOs,
// schools, businesses and other projects.
// It lists, shows, creates and edits them, and merges duplicates.
package org

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// Sectors an organisation belongs to: one vocabulary for the directory and
// the networks' coverage panels, fitted to employment services as
// organised since 1.1.2025 (public employment services run by
// municipalities and their employment areas, TE24) and the state's
// regional administration (elinvoimakeskukset since 1.1.2026, before them
// ELY centres; the KEHA centre). Migration 00015 moved the old
// "employment_admin" into the first two.
const (
	// SectorEmploymentServices is a municipality's or an employment
	// area's employment services (työllisyyspalvelut, työllisyysalue).
	SectorEmploymentServices = "employment_services"
	// SectorStateAdmin is the state's regional administration:
	// elinvoimakeskus (ELY centre until 2025), KEHA centre, and the TE
	// offices of before 2025.
	SectorStateAdmin = "state_admin"
	// SectorMunicipality is a municipality's other services.
	SectorMunicipality = "municipality"
	// SectorWellbeingCounty is a wellbeing services county
	// (hyvinvointialue), which has run social and health services since
	// 2023.
	SectorWellbeingCounty = "wellbeing_county"
	SectorThirdSector     = "third_sector"
	SectorEducation       = "education"
	SectorBusiness        = "business"
	SectorProject         = "project"
	// SectorOther is never a gap in a network's coverage.
	SectorOther = "other"
)

// Sectors lists every sector in display order. The translated label of a
// sector s is the kernel message "sector_<s>" (SectorKey).
var Sectors = []string{
	SectorEmploymentServices, SectorStateAdmin, SectorMunicipality, SectorWellbeingCounty,
	SectorThirdSector, SectorEducation, SectorBusiness, SectorProject, SectorOther,
}

// ValidSector reports whether s is one of Sectors.
func ValidSector(s string) bool {
	for _, x := range Sectors {
		if x == s {
			return true
		}
	}
	return false
}

// SectorKey returns the i18n message id of a sector's label, the kernel
// catalogue's one vocabulary.
func SectorKey(s string) string { return "sector_" + s }

// Field length limits.
const (
	MaxName        = 200
	MaxWebsite     = 500
	MaxEmail       = 254
	MaxPhone       = 40
	MaxDescription = 5000
)

// Organisation is one organisation in the directory.
type Organisation struct {
	ID     int64
	Name   string
	Sector string
	// MunicipalityCode is the official three-digit code ("564"), or "".
	MunicipalityCode string
	// MunicipalityName is read from the municipalities table (Finnish name).
	MunicipalityName string
	// MunicipalityNameSV is the Swedish name when the table has one.
	MunicipalityNameSV string
	Website            string
	Email              string
	Phone              string
	Description        string
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Municipality returns the municipality's name in lang ("" when none).
func (o *Organisation) Municipality(lang string) string {
	if lang == "sv" && o.MunicipalityNameSV != "" {
		return o.MunicipalityNameSV
	}
	return o.MunicipalityName
}

// NameKey folds a name for the duplicate check: lower case, runs of white
// space folded into one space, trimmed.
func NameKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), " ")
}

// Normalize trims every field, folds white space in the name and
// lower-cases the e-mail address.
func (o *Organisation) Normalize() {
	o.Name = strings.Join(strings.Fields(o.Name), " ")
	o.Sector = strings.TrimSpace(o.Sector)
	o.MunicipalityCode = strings.TrimSpace(o.MunicipalityCode)
	o.Website = strings.TrimSpace(o.Website)
	o.Email = strings.ToLower(strings.TrimSpace(o.Email))
	o.Phone = strings.TrimSpace(o.Phone)
	o.Description = strings.TrimSpace(o.Description)
}

var codeRE = regexp.MustCompile(`^[0-9]{3}$`)

// ValidMunicipalityCode reports whether s looks like an official
// municipality code (three digits). Whether it exists is the store's check.
func ValidMunicipalityCode(s string) bool { return codeRE.MatchString(s) }

// ValidWebsite reports whether s is an absolute http or https URL with a
// host.
func ValidWebsite(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n") && u.User == nil
}

var phoneRE = regexp.MustCompile(`^\+?[0-9 ()\-]{5,40}$`)

// ValidPhone reports whether s looks like a phone number: digits, spaces,
// parentheses and hyphens with an optional leading plus.
func ValidPhone(s string) bool { return phoneRE.MatchString(s) }

// Validate normalizes o and checks every field. The municipality code's
// existence is checked by the store.
func (o *Organisation) Validate() error {
	o.Normalize()
	var v app.Validator
	v.Required("name", o.Name)
	v.MaxLen("name", o.Name, MaxName)
	v.Required("sector", o.Sector)
	v.Check(o.Sector == "" || ValidSector(o.Sector), "sector", "err.invalid_choice")
	if o.MunicipalityCode == "" && o.Sector == SectorMunicipality {
		v.Add("municipality_code", "err.required", nil)
	}
	v.Check(o.MunicipalityCode == "" || ValidMunicipalityCode(o.MunicipalityCode), "municipality_code", "err.invalid_municipality")
	v.MaxLen("website", o.Website, MaxWebsite)
	v.Check(o.Website == "" || ValidWebsite(o.Website), "website", "org.err.website")
	v.MaxLen("email", o.Email, MaxEmail)
	v.Email("email", o.Email)
	v.Check(o.Phone == "" || ValidPhone(o.Phone), "phone", "org.err.phone")
	v.MaxLen("description", o.Description, MaxDescription)
	return v.Err()
}

// Filter selects organisations in a list.
type Filter struct {
	Sector       string
	Municipality string
	// Query matches a part of the name, case-insensitively.
	Query   string
	Page    int
	PerPage int
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

// Representative is a person representing the organisation in a network.
type Representative struct {
	PersonID    int64
	PersonName  string
	NetworkID   int64
	NetworkName string // Finnish
	// The network's Swedish and English names, "" when not given.
	NetworkNameSv, NetworkNameEn string
	Role                         string
}

// Member is a person whose organisation this is.
type Member struct {
	ID    int64
	Name  string
	Title string
}

// Municipality is one row of the official municipality list.
type Municipality struct {
	Code   string
	NameFI string
	NameSV string
}

// Name returns the municipality's name in lang.
func (m Municipality) Name(lang string) string {
	if lang == "sv" && m.NameSV != "" {
		return m.NameSV
	}
	return m.NameFI
}

// MergeCounts tells what a merge moves.
type MergeCounts struct {
	People      int
	Memberships int
}
