package web

import (
	"net/http"
	"sort"
	"sync"
)

// Mux is an http.ServeMux that remembers its patterns, so tests can check
// that every route is covered by the permission matrix and the OpenAPI
// document.
type Mux struct {
	*http.ServeMux
	mu       sync.Mutex
	patterns []string
}

// NewMux returns an empty Mux.
func NewMux() *Mux { return &Mux{ServeMux: http.NewServeMux()} }

// Handle registers h for pattern.
func (m *Mux) Handle(pattern string, h http.Handler) {
	m.record(pattern)
	m.ServeMux.Handle(pattern, h)
}

// HandleFunc registers f for pattern.
func (m *Mux) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	m.record(pattern)
	m.ServeMux.HandleFunc(pattern, f)
}

func (m *Mux) record(p string) {
	m.mu.Lock()
	m.patterns = append(m.patterns, p)
	m.mu.Unlock()
}

// Patterns returns the registered patterns, sorted.
func (m *Mux) Patterns() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]string(nil), m.patterns...)
	sort.Strings(out)
	return out
}
