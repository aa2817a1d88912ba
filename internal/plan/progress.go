package plan

import (
	"fmt"
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
	next := ActionURL(place.PlanID, id)
	if f.Next != "" {
		next = web.SafeNext(f.Next)
	}
	switch {
	case in.Status == ActionDone && t.Action.Status != ActionDone:
		// One click from My tasks, easy to mistake on a phone: undo,
		// not a confirmation. The state before stays on the server.
		h.web.FlashUndo(r, h.web.T(r, "plan.marked_done", "Title", t.Action.Title), web.Undo{Action: actionUndoURL(id),
			Title: t.Action.Title, State: encodeState(ProgressState{Status: t.Action.Status, Progress: t.Action.Progress}), Next: next})
		next = web.AtFlash(next)
	case in.Status == ActionDone:
		h.web.Flash(r, h.web.T(r, "plan.marked_done", "Title", t.Action.Title))
	default:
		h.web.Flash(r, h.web.T(r, "plan.progress_saved", "Title", t.Action.Title))
	}
	web.Redirect(w, r, next)
	return nil
}

func actionUndoURL(id int64) string { return "/actions/" + strconv.FormatInt(id, 10) + "/undo" }

// encodeState and decodeState keep a ProgressState in an undo record
// ("in_progress 40").
func encodeState(p ProgressState) string { return p.Status + " " + strconv.Itoa(p.Progress) }

func decodeState(s string) (ProgressState, error) {
	status, n, _ := strings.Cut(s, " ")
	progress, err := strconv.Atoi(n)
	if err != nil {
		return ProgressState{}, fmt.Errorf("undo state %q: %w", s, err)
	}
	return ProgressState{Status: status, Progress: progress}, nil
}

// undoDone is the Undo of marking an action done: its status and
// progress before, kept in the session for a short time
// (web.HandleUndo), come back if it is still done.
func (h *Handler) undoDone(w http.ResponseWriter, r *http.Request) error {
	ctx, u := r.Context(), app.UserFrom(r.Context())
	id, err := web.ID(r, "id")
	if err != nil {
		return err
	}
	t, err := h.svc.OwnedAction(ctx, u, id)
	if err != nil {
		return err
	}
	return h.web.HandleUndo(w, r, func(state string) (string, error) {
		prev, err := decodeState(state)
		if err != nil {
			return "", err
		}
		if _, err := h.svc.UndoDone(ctx, u, id, prev); err != nil {
			return "", err
		}
		return h.web.T(r, "plan.done_undone", "Title", t.Action.Title), nil
	})
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
