package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"
)

//go:embed static
var assets embed.FS

// Renderer frames templ pages in the layout and serves the static files
// under content-hashed addresses.
type Renderer struct {
	hashes    map[string]string // static file → short content hash
	generated map[string][]byte // static files made at start-up (the manifest)
	bufs      sync.Pool
}

// NewRenderer hashes the embedded static files and makes the web app
// manifest, which names the icons by their hashed addresses.
func NewRenderer() (*Renderer, error) {
	r := &Renderer{hashes: map[string]string{}, generated: map[string][]byte{}}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	if err := r.hashStatic(assets); err != nil {
		return nil, err
	}
	m, err := r.manifest()
	if err != nil {
		return nil, err
	}
	r.addGenerated(manifestFile, m)
	return r, nil
}

// manifestFile is the web app manifest's name under /static.
const manifestFile = "manifest.webmanifest"

// manifest is the web app manifest: name, colours and icons, so a phone
// can put Kohtaamo on its home screen with its own icon.
func (r *Renderer) manifest() ([]byte, error) {
	type icon struct {
		Src   string `json:"src"`
		Sizes string `json:"sizes"`
		Type  string `json:"type"`
	}
	return json.Marshal(map[string]any{
		"name":             "Kohtaamo",
		"short_name":       "Kohtaamo",
		"lang":             "fi",
		"start_url":        "/",
		"display":          "standalone",
		"theme_color":      ThemeColor,
		"background_color": "#ffffff",
		"icons": []icon{
			{r.StaticURL("icon.svg"), "any", "image/svg+xml"},
			{r.StaticURL("icon-192.png"), "192x192", "image/png"},
			{r.StaticURL("icon-512.png"), "512x512", "image/png"},
		},
	})
}

// ThemeColor is the browser's colour for Kohtaamo's window (the header's
// Suomi.fi brand blue).
const ThemeColor = "#00357a"

func (r *Renderer) addGenerated(name string, b []byte) {
	sum := sha256.Sum256(b)
	r.hashes[name] = hex.EncodeToString(sum[:6])
	r.generated[name] = b
}

// ExecuteComponent renders a templ page component framed by the layout.
// Rendering goes to a buffer first so a failing component never leaves
// half a page.
func (r *Renderer) ExecuteComponent(w http.ResponseWriter, status int, v *View, content templ.Component) error {
	buf := r.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufs.Put(buf)
	if err := layout(v, r.StaticURL, content).Render(context.Background(), buf); err != nil {
		return fmt.Errorf("render layout: %w", err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if _, err := w.Write(buf.Bytes()); err != nil {
		return errWrite{err}
	}
	return nil
}

// errWrite is a page that rendered but could not be sent: the status line
// is out, so nothing more can be answered.
type errWrite struct{ error }

func (e errWrite) Unwrap() error { return e.error }

// pageTitle is the document title: "Page – Kohtaamo".
func pageTitle(v *View) string {
	if v.Title == "" {
		return v.T("app_name")
	}
	return v.Title + " – " + v.T("app_name")
}

// navCurrent is the aria-current of a main navigation link on the page
// at path: "page" on the link's own page, "true" on the pages of its
// section (/networks/3 under /networks), "" elsewhere.
func navCurrent(path, href string) string {
	p, _, _ := strings.Cut(path, "?")
	switch {
	case p == href:
		return "page"
	case href != "/" && strings.HasPrefix(p, href+"/"):
		return "true"
	}
	return ""
}

// personURL is the address of a person's page.
func personURL(id int64) string { return "/people/" + strconv.FormatInt(id, 10) }

// langURL is the address that switches to lang and returns to next.
func langURL(lang, next string) string { return "/lang/" + lang + "?next=" + url.QueryEscape(next) }

func (r *Renderer) hashStatic(fsys fs.FS) error {
	return fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		r.hashes[strings.TrimPrefix(p, "static/")] = hex.EncodeToString(sum[:6])
		return nil
	})
}

// StaticURL returns the cache-busting URL of a static file.
func (r *Renderer) StaticURL(name string) string {
	return "/static/" + r.hashes[name] + "/" + name
}

// StaticHandler serves /static/{hash}/{file...} with a year-long cache.
func (r *Renderer) StaticHandler() http.Handler {
	sub, _ := fs.Sub(assets, "static")
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		name := req.PathValue("file")
		if h, ok := r.hashes[name]; !ok || h != req.PathValue("hash") {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		if b, ok := r.generated[name]; ok {
			w.Header().Set("Content-Type", "application/manifest+json")
			_, _ = w.Write(b)
			return
		}
		req2 := req.Clone(req.Context())
		req2.URL.Path = "/" + name
		files.ServeHTTP(w, req2)
	})
}

// FaviconHandler serves /favicon.ico, which browsers ask for on their
// own whatever the page links; it may change, so it is cached for a day.
func (r *Renderer) FaviconHandler() http.Handler {
	ico, _ := fs.ReadFile(assets, "static/favicon.ico")
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "image/x-icon")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		_, _ = w.Write(ico)
	})
}

// FormatDate formats a date the Finnish way (22.11.2026); zero or nil is "".
func FormatDate(t any) string {
	switch v := t.(type) {
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.Format("2.1.2006")
	case *time.Time:
		if v == nil || v.IsZero() {
			return ""
		}
		return v.Format("2.1.2006")
	}
	return ""
}
