package web_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/a-h/templ"
	"github.com/alexedwards/scs/v2"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// TestUndo: an undo is offered in the next page's flash, taken once, by
// the user it was offered to, within UndoTTL; the state never leaves the
// server.
func TestUndo(t *testing.T) {
	var logs bytes.Buffer
	kit := newKit(t, &logs)
	clock := app.NewFixedClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	kit.Clock = clock
	kit.Sessions = scs.New()
	user := &app.User{ID: 7, PersonID: 70, Name: "Maija"}
	var taken []string
	mux := http.NewServeMux()
	mux.HandleFunc("POST /act", func(w http.ResponseWriter, r *http.Request) {
		kit.FlashUndo(r, "Merkitty tehdyksi: Raportti.", web.Undo{Action: "/items/1/undo", Title: "Raportti", State: "open", Next: "/#my-tasks"})
		web.Redirect(w, r, "/")
	})
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		_ = kit.Page(w, r, http.StatusOK, "Etusivu", func(*web.View) templ.Component { return templ.NopComponent })
	})
	mux.HandleFunc("POST /items/1/undo", kit.HTML(func(w http.ResponseWriter, r *http.Request) error {
		return kit.HandleUndo(w, r, func(state string) (string, error) {
			taken = append(taken, state)
			return "Kumottu.", nil
		})
	}))
	var cookie string
	as := func(u *app.User) func(method, path, body string) *httptest.ResponseRecorder {
		return func(method, path, body string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(method, path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if cookie != "" {
				req.Header.Set("Cookie", cookie)
			}
			if u != nil {
				req = req.WithContext(app.WithUser(req.Context(), u))
			}
			rec := httptest.NewRecorder()
			kit.Sessions.LoadAndSave(mux).ServeHTTP(rec, req)
			if c := rec.Result().Cookies(); len(c) > 0 {
				cookie = c[0].Name + "=" + c[0].Value
			}
			return rec
		}
	}
	do := as(user)

	do("POST", "/act", "")
	page := do("GET", "/", "").Body.String()
	if !strings.Contains(page, `role="status"`) || !strings.Contains(page, `action="/items/1/undo"`) ||
		!strings.Contains(page, `aria-label="Kumoa: Raportti"`) || strings.Contains(page, "open") {
		t.Fatalf("flash: %s", page)
	}
	if page := do("GET", "/", "").Body.String(); strings.Contains(page, "/items/1/undo") {
		t.Errorf("the button outlives its flash")
	}

	// Another user of the same session gets nothing, and the record stays
	// for its owner, who takes it once.
	if rec := as(&app.User{ID: 8})("POST", "/items/1/undo", "next=/x"); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/x#flash" || len(taken) != 0 {
		t.Errorf("another user's undo: %d %s %v", rec.Code, rec.Header().Get("Location"), taken)
	}
	if rec := do("POST", "/items/1/undo", "state=done"); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/#flash" ||
		len(taken) != 1 || taken[0] != "open" {
		t.Fatalf("undo: %d %s %v", rec.Code, rec.Header().Get("Location"), taken)
	}
	if rec := do("POST", "/items/1/undo", "next=/"); rec.Code != http.StatusSeeOther || len(taken) != 1 {
		t.Errorf("repeated undo: %d %v", rec.Code, taken)
	}
	if page := do("GET", "/", "").Body.String(); !strings.Contains(page, "ei voi enää kumota") {
		t.Errorf("repeated undo's message: %s", page)
	}

	// Past its time.
	do("POST", "/act", "")
	clock.Advance(web.UndoTTL)
	if rec := do("POST", "/items/1/undo", "next=/"); rec.Code != http.StatusSeeOther || len(taken) != 1 {
		t.Errorf("late undo: %d %v", rec.Code, taken)
	}
}
