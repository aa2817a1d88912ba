package browsertest_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/browsertest"
)

// recorder is a testing.TB that keeps failures instead of failing, to test
// that the checks do catch problems.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	failed []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func (r *recorder) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.failed, "\n")
}

// badPage breaks a few rules on purpose: an image without alt text, an
// unlabelled input, an inline script (refused by the CSP) and a block wider
// than a phone.
const badPage = `<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Huono sivu</title><link rel="stylesheet" href="/wide.css"></head>
<body><main><h1>Huono sivu</h1>
<img src="/pixel.png">
<form><input type="text" name="q"></form>
<div class="wide">leveä</div>
<script>document.title = "inline ran";</script>
</main></body></html>`

// TestChecksCatchProblems makes sure axe, the console check and the
// sideways-scroll check report real problems, on a page served with the
// app's strict CSP.
func TestChecksCatchProblems(t *testing.T) {
	b := browsertest.Start(t)
	fixture := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		switch r.URL.Path {
		case "/wide.css":
			w.Header().Set("Content-Type", "text/css")
			fmt.Fprint(w, ".wide { width: 600px; }")
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, badPage)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(fixture.Close)

	if got := b.NavigateURL(fixture.URL + "/"); got != http.StatusOK {
		t.Fatalf("fixture: status %d", got)
	}
	if title := browsertest.Eval[string](b, "document.title"); title == "inline ran" {
		t.Errorf("the inline script ran despite the CSP")
	}

	res := b.RunAxe()
	var ids []string
	for _, v := range res.Violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "label"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe found %v, want it to include %s", ids, want)
		}
	}
	rec := &recorder{TB: t}
	b.Axe(rec)
	if got := rec.text(); !strings.Contains(got, "image-alt") || !strings.Contains(got, "<img") {
		t.Errorf("Axe report does not name the rule and the element:\n%s", got)
	}

	rec = &recorder{TB: t}
	b.NoConsoleErrors(rec)
	if got := rec.text(); !strings.Contains(got, "Content Security Policy") || !strings.Contains(got, "pixel.png") {
		t.Errorf("console check missed the CSP violation or the missing image:\n%s", got)
	}

	b.Viewport(360, 800)
	b.NavigateURL(fixture.URL + "/")
	rec = &recorder{TB: t}
	b.NoHorizontalScroll(rec)
	if got := rec.text(); !strings.Contains(got, "div.wide") {
		t.Errorf("sideways-scroll check missed the wide block:\n%s", got)
	}
	b.Desktop()
	b.NavigateURL(fixture.URL + "/")
	rec = &recorder{TB: t}
	b.NoHorizontalScroll(rec)
	if got := rec.text(); got != "" {
		t.Errorf("sideways-scroll check failed a page that fits:\n%s", got)
	}
}
