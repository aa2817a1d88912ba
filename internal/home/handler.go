// Package home serves the start page (a signed-in user's projects and
// networks with their next items) and the accessibility statement. It owns
// read-only queries across domains, as report pages do.
package home

import (
	"net/http"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the home and static information pages.
type Handler struct {
	web *web.Kit
	db  *db.DB
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler { return &Handler{web: kit, db: d} }

// Routes registers the routes.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", h.showHome)
	mux.HandleFunc("GET /accessibility", h.showAccessibility)
}

func (h *Handler) showHome(w http.ResponseWriter, r *http.Request) {
	h.web.Render(w, r, http.StatusOK, "home/home", h.web.T(r, "nav.home"), nil)
}

func (h *Handler) showAccessibility(w http.ResponseWriter, r *http.Request) {
	h.web.Render(w, r, http.StatusOK, "home/accessibility", h.web.T(r, "accessibility_statement"), nil)
}
