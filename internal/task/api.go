package task

import (
	"net/http"
	"strconv"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Handler serves the "My tasks" API.
type Handler struct {
	web   *web.Kit
	store *Store
}

// NewHandler returns the handler.
func NewHandler(kit *web.Kit, d *db.DB) *Handler {
	return &Handler{web: kit, store: NewStore(d)}
}

// Routes registers the API routes.
func (h *Handler) Routes(mux *web.Mux) {
	mux.HandleFunc("GET /api/v1/me/tasks", h.web.API(h.apiMyTasks))
}

// JSON is an open task in the API: an action item from a meeting's minutes
// (kind "item") or an action of an action plan (kind "action"). url is the
// page where it is handled, api_url the API resource.
type JSON struct {
	Kind        string  `json:"kind"`
	ID          int64   `json:"id"`
	Title       string  `json:"title"`
	DueOn       *string `json:"due_on"`
	Overdue     bool    `json:"overdue"`
	Progress    int     `json:"progress"`
	NetworkID   int64   `json:"network_id"`
	NetworkName string  `json:"network_name"`
	URL         string  `json:"url"`
	APIURL      string  `json:"api_url"`
}

// ToJSON converts a task for the API.
func ToJSON(t *Task) JSON {
	j := JSON{Kind: t.Kind, ID: t.ID, Title: t.Title, Overdue: t.Overdue, Progress: t.Progress, NetworkID: t.NetworkID, NetworkName: t.NetworkName, URL: t.Link}
	if t.DueOn != nil {
		d := t.DueOn.Format("2006-01-02")
		j.DueOn = &d
	}
	if t.Kind == KindItem {
		j.APIURL = "/api/v1/action-items/" + strconv.FormatInt(t.ID, 10)
	} else {
		j.APIURL = "/api/v1/actions/" + strconv.FormatInt(t.ID, 10)
	}
	return j
}

// apiMyTasks lists the caller's open action items and actions across
// networks, overdue first, as the home page does.
func (h *Handler) apiMyTasks(w http.ResponseWriter, r *http.Request) error {
	u := app.UserFrom(r.Context())
	if err := auth.RequireUser(u); err != nil {
		return err
	}
	page, perPage, err := web.APIPage(r)
	if err != nil {
		return err
	}
	tasks, err := h.store.Open(r.Context(), u.PersonID, app.Day(h.web.Clock.Now()))
	if err != nil {
		return err
	}
	items := []JSON{}
	for i := (page - 1) * perPage; i < len(tasks) && i < page*perPage; i++ {
		items = append(items, ToJSON(&tasks[i]))
	}
	web.WriteJSON(w, http.StatusOK, web.ListResponse[JSON]{Items: items, Page: page, PerPage: perPage, Total: len(tasks)})
	return nil
}
