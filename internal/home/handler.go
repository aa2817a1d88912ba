// Package home serves the start page (a signed-in user's projects and
// networks with what needs attention next) and the accessibility statement.
// It owns read-only queries across domains, as report pages do.
package home

import (
	"context"
	"fmt"

	"github.com/a-h/templ"
	"net/http"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/task"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the home and static information pages.
type Handler struct {
	web      *web.Kit
	store    *Store
	tasks    *task.Reader
	cards    *networkCards
	overview *Overview
	policy   *auth.Policy
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	store := NewStore(d)
	return &Handler{web: kit, store: store, tasks: task.NewReader(d), cards: newNetworkCards(d, store),
		overview: NewOverview(d), policy: auth.NewPolicy(d, kit.Clock)}
}

// Routes registers the routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /{$}", h.web.HTML(h.showHome))
	mux.HandleFunc("GET /accessibility", h.web.HTML(h.showAccessibility))
	mux.HandleFunc("GET /networks/{id}/attention", h.web.HTML(h.showAttention))
}

// Page is the home page's data.
type Page struct {
	Projects []MyProject
	Networks []MyNetwork
	Tasks    []task.Task
	Counts   Counts
	IsAdmin  bool
	// Overview is what needs attention in the active networks the user
	// manages; Manages is set when there is at least one.
	Overview []Needs
	Manages  bool
}

// activeNetworks and archivedNetworks split the user's networks: an
// archived network (e.g. of a project that has ended) is history, listed
// by name only, without member counts, ended terms or meetings to come.
func (d *Page) activeNetworks() []MyNetwork {
	out := make([]MyNetwork, 0, len(d.Networks))
	for _, n := range d.Networks {
		if n.Status != "archived" {
			out = append(out, n)
		}
	}
	return out
}

func (d *Page) archivedNetworks() []MyNetwork {
	var out []MyNetwork
	for _, n := range d.Networks {
		if n.Status == "archived" {
			out = append(out, n)
		}
	}
	return out
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
			page.Networks, err = h.cards.For(ctx, u.PersonID, app.Day(now), now)
		}
		if err == nil {
			page.Tasks, err = h.tasks.Open(ctx, u.PersonID, app.Day(h.web.Clock.Now()))
		}
		if err == nil {
			var managed []NetRef
			for _, n := range page.Networks {
				if n.Status == "active" && (n.Manages || u.IsAdmin) {
					managed = append(managed, n.netRef())
				}
			}
			page.Manages = len(managed) > 0
			page.Overview, err = h.overview.For(ctx, managed, h.web.Clock.Now())
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

// ProjectOverview returns what needs attention in the project's active
// networks that u manages (all of them for admins and the project's
// staff), for the project page; nil for the public and for those who
// manage none.
func ProjectOverview(ctx context.Context, q db.Querier, u *app.User, projectID int64, now time.Time) ([]Needs, error) {
	if u == nil {
		return nil, nil
	}
	nets, err := NewStore(q).ProjectNetworks(ctx, projectID, u.PersonID, app.Day(now))
	if err != nil {
		return nil, err
	}
	var managed []NetRef
	for _, n := range nets {
		if n.Manages || u.IsAdmin {
			managed = append(managed, n.netRef())
		}
	}
	return NewOverview(q).For(ctx, managed, now)
}

// showAttention is one network's overview with the lists behind its
// counts, for those who manage the network.
func (h *Handler) showAttention(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	n, err := h.store.Network(ctx, id)
	if err != nil {
		return err
	}
	if err := h.policy.CanManageNetwork(ctx, u, id); err != nil {
		return err
	}
	d, err := h.overview.Detail(ctx, *n, h.web.Clock.Now())
	if err != nil {
		return err
	}
	title := h.web.T(r, "home.attention_title", "Network", n.NameIn(web.Lang(ctx)))
	return h.web.Page(w, r, http.StatusOK, title, func(v *web.View) templ.Component { return attentionPage(v, d) })
}
