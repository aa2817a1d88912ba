package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
)

// Undo instead of a confirmation: where a one-click action is easy to
// mistake (marking a task done on a phone), the action is done at once
// and the flash on the next page says what happened and offers an Undo
// button for a short time. The state to restore lives in the session,
// not in the form, so nobody can post an arbitrary "previous state"; the
// button's form names only the undo's address.

// FlashID is the id of the flash on the page: a redirect after an action
// that offers undo opens the next page at it (AtFlash), since a page
// opened further down (My tasks, "/#my-tasks") would put the flash and
// its Undo button above a phone's view.
const FlashID = "flash"

// AtFlash is next with its fragment replaced by the flash's.
func AtFlash(next string) string {
	path, _, _ := strings.Cut(next, "#")
	return path + "#" + FlashID
}

// UndoTTL is how long an undo is honoured after its action.
const UndoTTL = 10 * time.Minute

// maxUndos is how many undos a session keeps at once; older ones go.
const maxUndos = 8

// Session keys of the flash's undo button and of the undo records.
const (
	sessionFlashUndo = "flash_undo"
	sessionUndos     = "undos"
)

// Undo is an undo a domain offers after an action.
type Undo struct {
	// Action is the address the Undo button posts to, e.g.
	// "/action-items/7/undo"; the undo's record is kept under it.
	Action string
	// Title names what the action changed, for the button's accessible
	// name ("Undo: Collect the contact details").
	Title string
	// State is what the undo restores, in the domain's own encoding;
	// it never leaves the server.
	State string
	// Next is where the undo returns (the page the action returned
	// to, e.g. "/#my-tasks").
	Next string
}

// undoRecord is an Undo as kept in the session: whose it is and until
// when it is honoured.
type undoRecord struct {
	Action  string    `json:"action"`
	State   string    `json:"state"`
	Next    string    `json:"next"`
	UserID  int64     `json:"user"`
	Expires time.Time `json:"expires"`
}

// FlashButton is the Undo button of a flash: a form that posts to Action.
type FlashButton struct {
	Action string `json:"action"`
	Title  string `json:"title"`
}

// FlashUndo stores a one-time message for the next page with an Undo
// button, and the undo's record, honoured for UndoTTL by TakeUndo. An
// undo offered again at the same address replaces the earlier one. The
// caller redirects to AtFlash(u.Next).
func (k *Kit) FlashUndo(r *http.Request, msg string, u Undo) {
	if k.Sessions == nil {
		return
	}
	ctx := r.Context()
	k.Flash(r, msg)
	btn, _ := json.Marshal(FlashButton{Action: u.Action, Title: u.Title})
	k.Sessions.Put(ctx, sessionFlashUndo, string(btn))
	now := k.now()
	recs := k.undos(r, now)
	kept := recs[:0]
	for _, rec := range recs {
		if rec.Action != u.Action {
			kept = append(kept, rec)
		}
	}
	kept = append(kept, undoRecord{Action: u.Action, State: u.State, Next: SafeNext(u.Next), UserID: userID(r), Expires: now.Add(UndoTTL)})
	if len(kept) > maxUndos {
		kept = kept[len(kept)-maxUndos:]
	}
	k.putUndos(r, kept)
}

// TakeUndo removes the undo offered at action from the session and
// returns it; ok is false when there is none for this user or its time
// has passed, so a repeated or forged undo finds nothing.
func (k *Kit) TakeUndo(r *http.Request, action string) (u Undo, ok bool) {
	if k.Sessions == nil {
		return Undo{}, false
	}
	recs, uid := k.undos(r, k.now()), userID(r)
	kept := recs[:0]
	for _, rec := range recs {
		if rec.Action == action && rec.UserID == uid && !ok {
			u, ok = Undo{Action: rec.Action, State: rec.State, Next: rec.Next}, true
			continue
		}
		kept = append(kept, rec)
	}
	k.putUndos(r, kept)
	return u, ok
}

// HandleUndo answers the post of an Undo button (a flash's form) at the
// request's own address: it takes the undo's record and calls restore
// with its state; restore returns the message of the next page. With no
// record (undone already, forged, or past its time) or when restore
// returns a conflict, nothing changes and the next page says so: a
// service whose thing was changed again since the action (by its owner
// elsewhere, or by someone else) returns ECONFLICT with the common key
// "undo.changed". The caller has checked the user's right to the thing
// first, as for the action itself.
func (k *Kit) HandleUndo(w http.ResponseWriter, r *http.Request, restore func(state string) (string, error)) error {
	if err := ParseForm(w, r); err != nil {
		return err
	}
	u, ok := k.TakeUndo(r, r.URL.Path)
	if !ok {
		k.Flash(r, k.T(r, "undo.expired"))
		http.Redirect(w, r, AtFlash(SafeNext(r.PostFormValue("next"))), http.StatusSeeOther) // #nosec G710 -- SafeNext leaves only a path on this site
		return nil
	}
	msg, err := restore(u.State)
	if app.IsCode(err, app.ECONFLICT) {
		msg, err = k.Message(r, err), nil
	}
	if err != nil {
		return err
	}
	k.Flash(r, msg)
	http.Redirect(w, r, AtFlash(SafeNext(u.Next)), http.StatusSeeOther) // #nosec G710 -- SafeNext leaves only a path on this site
	return nil
}

// undos returns the session's undo records still honoured at now.
func (k *Kit) undos(r *http.Request, now time.Time) []undoRecord {
	s := k.Sessions.GetString(r.Context(), sessionUndos)
	if s == "" {
		return nil
	}
	var recs []undoRecord
	if json.Unmarshal([]byte(s), &recs) != nil {
		return nil
	}
	live := recs[:0]
	for _, rec := range recs {
		if now.Before(rec.Expires) {
			live = append(live, rec)
		}
	}
	return live
}

func (k *Kit) putUndos(r *http.Request, recs []undoRecord) {
	ctx := r.Context()
	if len(recs) == 0 {
		if k.Sessions.Exists(ctx, sessionUndos) {
			k.Sessions.Remove(ctx, sessionUndos)
		}
		return
	}
	b, _ := json.Marshal(recs)
	k.Sessions.Put(ctx, sessionUndos, string(b))
}

// popFlashButton returns and removes the flash's Undo button, or nil.
func (k *Kit) popFlashButton(r *http.Request) *FlashButton {
	s := k.Sessions.PopString(r.Context(), sessionFlashUndo)
	if s == "" {
		return nil
	}
	var b FlashButton
	if json.Unmarshal([]byte(s), &b) != nil || b.Action == "" {
		return nil
	}
	return &b
}

func (k *Kit) now() time.Time {
	if k.Clock == nil {
		return time.Now().UTC()
	}
	return k.Clock.Now()
}

func userID(r *http.Request) int64 {
	if u := app.UserFrom(r.Context()); u != nil {
		return u.ID
	}
	return 0
}
