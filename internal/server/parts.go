package server

import (
	"io/fs"

	"github.com/kohtaamo/kohtaamo/internal/admin"
	"github.com/kohtaamo/kohtaamo/internal/apidoc"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/calendar"
	"github.com/kohtaamo/kohtaamo/internal/home"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/rights"
	"github.com/kohtaamo/kohtaamo/internal/task"
)

// Part is what a domain carries for the assembly: its messages and its
// part of the API description.
type Part struct {
	Name    string
	Locales fs.FS  // locales/{fi,sv,en}.toml
	OpenAPI []byte // openapi.json, nil for a domain without an API
	Mail    fs.FS  // mail/<kind>.{txt,html}, nil for a domain that sends none
	// Permissions are the domain's rows of the route × role matrix.
	Permissions func() rights.Matrix
}

// Parts lists every domain. Adding a domain adds one line here (and its
// routes in New); everything else it needs sits in its own folder.
func Parts() []Part {
	return []Part{
		{"admin", admin.Locales, nil, nil, admin.Permissions},
		{"auth", auth.Locales, nil, auth.Mail, auth.Permissions},
		{"calendar", calendar.Locales, nil, nil, calendar.Permissions},
		{"home", home.Locales, nil, nil, home.Permissions},
		{"meeting", meeting.Locales, meeting.OpenAPI, meeting.Mail, meeting.Permissions},
		{"minutes", minutes.Locales, minutes.OpenAPI, minutes.Mail, minutes.Permissions},
		{"network", network.Locales, network.OpenAPI, nil, network.Permissions},
		{"org", org.Locales, org.OpenAPI, nil, org.Permissions},
		{"person", person.Locales, person.OpenAPI, nil, person.Permissions},
		{"plan", plan.Locales, plan.OpenAPI, nil, plan.Permissions},
		{"project", project.Locales, project.OpenAPI, nil, project.Permissions},
		{"task", task.Locales, task.OpenAPI, task.Mail, task.Permissions},
	}
}

// Messages loads the kernel's catalogues and every domain's.
func Messages() (*i18n.Bundle, error) {
	parts := Parts()
	fss := make([]fs.FS, len(parts))
	for i, p := range parts {
		fss[i] = p.Locales
	}
	return i18n.New(fss...)
}

// Mails lists every domain's mail templates for mail.NewComposer.
func Mails() []fs.FS {
	var out []fs.FS
	for _, p := range Parts() {
		if p.Mail != nil {
			out = append(out, p.Mail)
		}
	}
	return out
}

// OpenAPI assembles the API description from the kernel's base and every
// domain's fragment.
func OpenAPI() ([]byte, error) {
	var fragments []apidoc.Fragment
	for _, p := range Parts() {
		fragments = append(fragments, apidoc.Fragment{Name: p.Name, JSON: p.OpenAPI})
	}
	return apidoc.Assemble(fragments...)
}
