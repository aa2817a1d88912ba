package plan

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// The progress page and form: what an action's owner may change of it
// (status and progress, and its indicators' values on their own pages).
// My tasks posts the same form.

// ActionURL is the action's row on its plan's page.
func ActionURL(planID, actionID int64) string {
	return planURL(planID) + "#action-" + strconv.FormatInt(actionID, 10)
}

// ProgressForm is the progress form's values.
type ProgressForm struct {
	Target   *ProgressTarget
	Status   string
	Progress string
	Next     string
}

// readProgressForm reads status, progress and next; an empty progress is
// the action's current one (the "mark done" button sends only a status).
func readProgressForm(r *http.Request, current int) (*ProgressForm, ProgressInput) {
	f := &ProgressForm{Status: web.Field(r, "status"), Progress: strings.TrimSpace(web.Field(r, "progress")), Next: r.PostFormValue("next")}
	in := ProgressInput{Status: f.Status, Progress: current}
	if f.Progress != "" {
		n, err := strconv.Atoi(f.Progress)
		if err != nil {
			in.Unparsed.Add("progress", "plan.err.progress_range", nil)
		}
		in.Progress = n
	}
	return f, in
}

func (h *Handler) renderProgress(w http.ResponseWriter, r *http.Request, f *ProgressForm, err error) error {
	title := h.web.T(r, "plan.update_progress")
	page := func(v *web.View) templ.Component { return progressPage(v, f) }
	if err != nil {
		return h.web.Form(w, r, err, title, page)
	}
	return h.web.Page(w, r, http.StatusOK, title, page)
}

func (h *Handler) showProgress(w http.ResponseWriter, r *http.Request) error {
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	t, err := h.svc.OwnedAction(r.Context(), app.UserFrom(r.Context()), id)
	if err != nil {
		return err
	}
	return h.renderProgress(w, r, &ProgressForm{Target: t, Status: t.Action.Status, Progress: strconv.Itoa(t.Action.Progress)}, nil)
}

// updateProgress saves an action's status and progress and goes back to
// next (My tasks sends "/#my-tasks") or to the action on its plan.
func (h *Handler) updateProgress(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	t, err := h.svc.OwnedAction(ctx, u, id)
	if err != nil {
		return err
	}
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	f, in := readProgressForm(r, t.Action.Progress)
	f.Target = t
	place, err := h.svc.UpdateProgress(ctx, u, id, in)
	if err != nil {
		if !hasFields(err) {
			return err
		}
		if f.Status == "" {
			f.Status = t.Action.Status
		}
		return h.renderProgress(w, r, f, err)
	}
	key := "plan.progress_saved"
	if in.Status == ActionDone {
		key = "plan.marked_done"
	}
	h.web.Flash(r, h.web.T(r, key, "Title", t.Action.Title))
	next := ActionURL(place.PlanID, id)
	if f.Next != "" {
		next = web.SafeNext(f.Next)
	}
	web.Redirect(w, r, next)
	return nil
}

// ProgressInputJSON is the body of PUT /api/v1/actions/{id}/progress: a
// status (empty keeps it, a planned action with progress becomes in
// progress) and a percentage (done is 100).
type ProgressInputJSON struct {
	Status   string `json:"status"`
	Progress *int   `json:"progress"`
}

// apiUpdateProgress sets an action's status and progress, as the
// progress form does (its owner or a manager), and answers with the
// action.
func (h *Handler) apiUpdateProgress(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	t, err := h.svc.OwnedAction(ctx, u, id)
	if err != nil {
		return err
	}
	var body ProgressInputJSON
	if _, err := decode(w, r, &body); err != nil {
		return err
	}
	in := ProgressInput{Status: body.Status, Progress: t.Action.Progress}
	if body.Progress != nil {
		in.Progress = *body.Progress
	}
	if _, err := h.svc.UpdateProgress(ctx, u, id, in); err != nil {
		return err
	}
	return h.writeAction(w, r, http.StatusOK, id)
}
