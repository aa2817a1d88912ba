package server

import (
	"io/fs"

	"github.com/kohtaamo/kohtaamo/internal/admin"
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
	"github.com/kohtaamo/kohtaamo/internal/task"
)

// Part is what a domain carries for the assembly: its messages.
type Part struct {
	Name    string
	Locales fs.FS // locales/{fi,sv,en}.toml
}

// Parts lists every domain. Adding a domain adds one line here (and its
// routes in New); everything else it needs sits in its own folder.
func Parts() []Part {
	return []Part{
		{"admin", admin.Locales},
		{"auth", auth.Locales},
		{"calendar", calendar.Locales},
		{"home", home.Locales},
		{"meeting", meeting.Locales},
		{"minutes", minutes.Locales},
		{"network", network.Locales},
		{"org", org.Locales},
		{"person", person.Locales},
		{"plan", plan.Locales},
		{"project", project.Locales},
		{"task", task.Locales},
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
