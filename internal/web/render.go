package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
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
	hashes map[string]string // static file → short content hash
	bufs   sync.Pool
}

// NewRenderer hashes the embedded static files.
func NewRenderer() (*Renderer, error) {
	r := &Renderer{hashes: map[string]string{}}
	r.bufs.New = func() any { return new(bytes.Buffer) }
	if err := r.hashStatic(assets); err != nil {
		return nil, err
	}
	return r, nil
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
