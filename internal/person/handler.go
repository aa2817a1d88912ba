package person

import (
	"net/http"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the person pages and API.
type Handler struct {
	web *web.Kit
	db  *db.DB
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, db: d}
}

// Routes registers the HTML and API routes.
func (h *Handler) Routes(mux *http.ServeMux) {}
