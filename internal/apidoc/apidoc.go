// Package apidoc serves the OpenAPI 3.1 description of Kohtaamo's JSON API
// at GET /api/v1/openapi.json. The document is kept by hand in
// openapi.json; a test in internal/server checks that it lists exactly the
// /api/v1 routes the server registers.
package apidoc

import (
	_ "embed"
	"net/http"
	"strconv"
)

// Path is where the document is served.
const Path = "/api/v1/openapi.json"

// Document is the OpenAPI 3.1 document as JSON.
//
//go:embed openapi.json
var Document []byte

// Registrar is what Routes needs of a mux (*http.ServeMux and *web.Mux
// both fit).
type Registrar interface {
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

// Routes registers GET /api/v1/openapi.json. The document is public.
func Routes(mux Registrar) {
	mux.HandleFunc("GET "+Path, Serve)
}

// Serve writes the document.
func Serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(Document)))
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(Document)
	}
}
