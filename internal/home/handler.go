// Package home serves the start page (a signed-in user's projects and
// networks with what needs attention next) and the accessibility statement.
// It owns read-only queries across domains, as report pages do.
package home

import (
	"fmt"

	"github.com/a-h/templ"
	"net/http"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/task"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the home and static information pages.
type Handler struct {
	web   *web.Kit
	store *Store
	tasks *task.Reader
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, store: NewStore(d), tasks: task.NewReader(d)}
}

// Routes registers the routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /{$}", h.web.HTML(h.showHome))
	mux.HandleFunc("GET /accessibility", h.web.HTML(h.showAccessibility))
}

// Page is the home page's data.
type Page struct {
	Projects []MyProject
	Networks []MyNetwork
	Tasks    []task.Task
	Counts   Counts
	IsAdmin  bool
}

func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var page Page
	var err error
	u := app.UserFrom(ctx)
	if u == nil {
		page.Counts, err = h.store.PublicCounts(ctx)
	} else {
		page.IsAdmin = u.IsAdmin
		page.Projects, err = h.store.MyProjects(ctx, u.PersonID)
		if err == nil {
			now := h.web.Clock.Now()
			page.Networks, err = h.store.MyNetworks(ctx, u.PersonID, app.Day(now), now)
		}
		if err == nil {
			page.Tasks, err = h.tasks.Open(ctx, u.PersonID, app.Day(h.web.Clock.Now()))
		}
	}
	if err != nil {
		return err
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "nav.home"), func(v *web.View) templ.Component { return homePage(v, &page) })
}

// MeetingTime formats a meeting's start in Helsinki time (22.11.2026 9.00).
func MeetingTime(t time.Time) string {
	t = t.In(app.Helsinki)
	return fmt.Sprintf("%d.%d.%d %d.%02d", t.Day(), t.Month(), t.Year(), t.Hour(), t.Minute())
}

func (h *Handler) showAccessibility(w http.ResponseWriter, r *http.Request) error {
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "accessibility_statement"), accessibilityPage)
}
