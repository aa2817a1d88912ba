package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/web"
)

// page renders a page at method and target with the given Referer and
// returns its HTML.
func page(t *testing.T, kit *web.Kit, method, target, referer string) string {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	if referer != "" {
		req.Header.Set("Referer", referer)
	}
	rec := httptest.NewRecorder()
	err := kit.Page(rec, req, http.StatusUnprocessableEntity, "T", func(v *web.View) templ.Component {
		return templ.Raw("<h1>T</h1>")
	})
	if err != nil {
		t.Fatal(err)
	}
	return rec.Body.String()
}

var nextRE = regexp.MustCompile(`/lang/fi\?next=([^"]*)"`)

// TestPagePathOfAPost: a page rendered for a form post names the form's
// page (the same-origin Referer) as its own, for the language switch and
// the address bar, never the post's URL or another site.
func TestPagePathOfAPost(t *testing.T) {
	kit := newKit(t, &bytes.Buffer{})
	for _, tc := range []struct {
		name, method, target, referer, want string
		posted                              bool
	}{
		{"get", http.MethodGet, "/organisations/new?x=1", "", "%2Forganisations%2Fnew%3Fx%3D1", false},
		{"post from its page", http.MethodPost, "/organisations", "http://example.com/organisations/new?q=a", "%2Forganisations%2Fnew%3Fq%3Da", true},
		{"post without referer", http.MethodPost, "/organisations", "", "%2F", true},
		{"post from another site", http.MethodPost, "/organisations", "https://evil.example/organisations/new", "%2F", true},
		{"post from a page at its path", http.MethodPost, "/login", "http://example.com/login", "%2Flogin", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			html := page(t, kit, tc.method, tc.target, tc.referer)
			m := nextRE.FindStringSubmatch(html)
			if m == nil || m[1] != tc.want {
				t.Errorf("language link next = %v, want %s", m, tc.want)
			}
			if got := strings.Contains(html, "data-page-path="); got != (tc.posted && tc.want != "%2F") {
				t.Errorf("data-page-path shown %v", got)
			}
		})
	}
}

func TestFaviconAndManifest(t *testing.T) {
	kit := newKit(t, &bytes.Buffer{})
	rec := httptest.NewRecorder()
	kit.Renderer.FaviconHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/favicon.ico", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/x-icon" || !bytes.HasPrefix(rec.Body.Bytes(), []byte{0, 0, 1, 0}) {
		t.Fatalf("favicon: %d %q % x", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()[:min(8, rec.Body.Len())])
	}

	mux := http.NewServeMux()
	mux.Handle("GET /static/{hash}/{file...}", kit.Renderer.StaticHandler())
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	rec = get(kit.Renderer.StaticURL("manifest.webmanifest"))
	var m struct {
		Name  string
		Icons []struct{ Src string }
	}
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &m) != nil || m.Name != "Kohtaamo" || len(m.Icons) == 0 {
		t.Fatalf("manifest: %d %s", rec.Code, rec.Body.String())
	}
	for _, icon := range m.Icons {
		if r := get(icon.Src); r.Code != http.StatusOK {
			t.Errorf("manifest icon %s: %d", icon.Src, r.Code)
		}
	}
	html := page(t, kit, http.MethodGet, "/", "")
	for _, want := range []string{`rel="icon" href="/favicon.ico"`, `rel="apple-touch-icon"`, `rel="manifest"`, `tokens.css`} {
		if !strings.Contains(html, want) {
			t.Errorf("layout lacks %s", want)
		}
	}
}

func TestButtons(t *testing.T) {
	render := func(c templ.Component) string {
		var b bytes.Buffer
		if err := c.Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	for style, class := range map[string]string{"": "button primary", web.Primary: "button primary",
		web.Secondary: "button secondary", web.Quiet: "button quiet", web.Danger: "button danger"} {
		if got := render(web.Button(web.ButtonProps{Label: "Go", Style: style})); !strings.Contains(got, `class="`+class+`"`) {
			t.Errorf("style %q: %s", style, got)
		}
	}
	got := render(web.IconButton(web.IconDown, web.ButtonProps{Label: "Siirrä alas: Avaus", Name: "dir", Value: "down"}))
	for _, want := range []string{`class="button secondary icon"`, `title="Siirrä alas: Avaus"`, `<span aria-hidden="true">↓</span>`,
		`<span class="visually-hidden">Siirrä alas: Avaus</span>`, `name="dir"`, `value="down"`} {
		if !strings.Contains(got, want) {
			t.Errorf("icon button lacks %s: %s", want, got)
		}
	}
}
