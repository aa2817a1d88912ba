package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/demo"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// benchPages measures whole requests through the real middleware chain
// and router (no network) on the national data set in SQLite, signed in as
// the bench user: the 50-member network page and the home page. Run with
//
//	go test ./internal/server -run '^$' -bench Page -benchmem
func BenchmarkPage(b *testing.B) {
	d := dbtest.SQLite(b)
	env := servertest.New(b, d)
	n, err := demo.LoadScaled(context.Background(), d, env.Clock.Now(), 1, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	// Sign in once through the real form to get a session cookie.
	rec := httptest.NewRecorder()
	form := url.Values{"email": {demo.BenchEmail}, "password": {demo.BenchPassword}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	env.Server.Handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		b.Fatalf("login: %d", rec.Code)
	}
	cookies := rec.Result().Cookies()
	for _, p := range []struct{ name, path string }{
		{"Network50", fmt.Sprintf("/networks/%d", n.BenchNetworkID)},
		{"Home", "/"},
		{"Meeting", fmt.Sprintf("/meetings/%d", n.BenchMeetingID)},
	} {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest(http.MethodGet, p.path, nil)
					for _, c := range cookies {
						req.AddCookie(c)
					}
					rec := httptest.NewRecorder()
					env.Server.Handler.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d", p.path, rec.Code)
					}
				}
			})
		})
	}
}
