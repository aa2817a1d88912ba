// Package home serves the start page (a signed-in user's projects and
// networks with what needs attention next) and the accessibility statement.
// It owns read-only queries across domains, as report pages do.
package home

import (
	"net/http"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the home and static information pages.
type Handler struct {
	web   *web.Kit
	store *Store
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler { return &Handler{web: kit, store: NewStore(d)} }

// Routes registers the routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /{$}", h.showHome)
	mux.HandleFunc("GET /accessibility", h.showAccessibility)
}

// Page is the home page's data.
type Page struct {
	Projects []MyProject
	Networks []MyNetwork
	Counts   Counts
	IsAdmin  bool
}

func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) {
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
			page.Networks, err = h.store.MyNetworks(ctx, u.PersonID, h.web.Clock.Now())
		}
	}
	if err != nil {
		h.web.Error(w, r, err)
		return
	}
	h.web.Render(w, r, http.StatusOK, "home/home", h.web.T(r, "nav.home"), page)
}

func (h *Handler) showAccessibility(w http.ResponseWriter, r *http.Request) {
	h.web.Render(w, r, http.StatusOK, "home/accessibility", h.web.T(r, "accessibility_statement"), nil)
}
