package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"
)

//go:embed templates static
var assets embed.FS

// Renderer holds every page template, parsed once at start-up.
type Renderer struct {
	pages  map[string]*template.Template
	hashes map[string]string // static file → short content hash
	bufs   sync.Pool
}

// NewRenderer parses the embedded templates: layout/*.html and
// partials/*.html are shared; every other <dir>/<name>.html is a page named
// "<dir>/<name>" that defines "content".
func NewRenderer() (*Renderer, error) {
	return newRenderer(assets)
}

func newRenderer(fsys fs.FS) (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}, hashes: map[string]string{}}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	if err := r.hashStatic(fsys); err != nil {
		return nil, err
	}
	base := template.New("").Funcs(r.funcs())
	for _, pat := range []string{"templates/layout/*.html", "templates/partials/*.html"} {
		files, _ := fs.Glob(fsys, pat)
		for _, f := range files {
			if err := parseFile(base, fsys, f); err != nil {
				return nil, err
			}
		}
	}
	dirs, err := fs.ReadDir(fsys, "templates")
	if err != nil {
		return nil, fmt.Errorf("read templates: %w", err)
	}
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "layout" || d.Name() == "partials" {
			continue
		}
		files, _ := fs.Glob(fsys, "templates/"+d.Name()+"/*.html")
		for _, f := range files {
			t, err := base.Clone()
			if err != nil {
				return nil, fmt.Errorf("clone base: %w", err)
			}
			if err := parseFile(t, fsys, f); err != nil {
				return nil, err
			}
			if t.Lookup("content") == nil {
				return nil, fmt.Errorf("template %s defines no \"content\"", f)
			}
			name := d.Name() + "/" + strings.TrimSuffix(path.Base(f), ".html")
			r.pages[name] = t
		}
	}
	return r, nil
}

func parseFile(t *template.Template, fsys fs.FS, f string) error {
	b, err := fs.ReadFile(fsys, f)
	if err != nil {
		return fmt.Errorf("read %s: %w", f, err)
	}
	if _, err := t.New(f).Parse(string(b)); err != nil {
		return fmt.Errorf("parse %s: %w", f, err)
	}
	return nil
}

// Has reports whether a page exists.
func (r *Renderer) Has(page string) bool { _, ok := r.pages[page]; return ok }

// Pages lists the page names.
func (r *Renderer) Pages() []string {
	out := make([]string, 0, len(r.pages))
	for k := range r.pages {
		out = append(out, k)
	}
	return out
}

// Execute renders page with v into w with the given status. Rendering goes
// to a buffer first so a template error never leaves half a page. The
// page's html/template "content" is framed by the templ layout.
func (r *Renderer) Execute(w http.ResponseWriter, status int, page string, v *View) error {
	t, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("unknown page %q", page)
	}
	content := r.bufs.Get().(*bytes.Buffer)
	content.Reset()
	defer r.bufs.Put(content)
	if err := t.ExecuteTemplate(content, "content", v); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	return r.ExecuteComponent(w, status, v, templ.Raw(content.String()))
}

// ExecuteComponent renders a templ page component framed by the layout.
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
		req2 := req.Clone(req.Context())
		req2.URL.Path = "/" + name
		files.ServeHTTP(w, req2)
	})
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"static": r.StaticURL,
		"date":   FormatDate,
		"isodate": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				if v.IsZero() {
					return ""
				}
				return v.Format("2006-01-02")
			case *time.Time:
				if v == nil || v.IsZero() {
					return ""
				}
				return v.Format("2006-01-02")
			}
			return ""
		},
		"add":  func(a, b int) int { return a + b },
		"join": strings.Join,
		"contains": func(list []string, s string) bool {
			for _, x := range list {
				if x == s {
					return true
				}
			}
			return false
		},
	}
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
