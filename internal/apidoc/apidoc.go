// Package apidoc assembles and serves the OpenAPI 3.1 description of
// Kohtaamo's JSON API at GET /api/v1/openapi.json. The kernel's part (info,
// security, shared parameters, responses and the Error schema) is
// base.json here; every domain carries the description of its own
// resources in internal/<domain>/openapi.json, a fragment holding tags,
// paths and components.schemas. The server assembles them once at
// start-up; tests in internal/server check that the result lists exactly
// the /api/v1 routes the server registers and that real answers match its
// schemas.
package apidoc

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// Path is where the document is served.
const Path = "/api/v1/openapi.json"

//go:embed base.json
var base []byte

// Fragment is one domain's part of the document.
type Fragment struct {
	Name string // the domain, for error messages
	JSON []byte // {"tags": [...], "paths": {...}, "components": {"schemas": {...}}}
}

type fragment struct {
	Tags       []json.RawMessage          `json:"tags"`
	Paths      map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]json.RawMessage `json:"schemas"`
	} `json:"components"`
}

// Assemble merges the base document with the domains' fragments. A path
// or schema described twice, or anything else in a fragment, is an error:
// two domains cannot quietly describe the same thing differently.
func Assemble(fragments ...Fragment) ([]byte, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(base, &doc); err != nil {
		return nil, fmt.Errorf("apidoc base: %w", err)
	}
	var all fragment
	if err := json.Unmarshal(base, &all); err != nil {
		return nil, fmt.Errorf("apidoc base: %w", err)
	}
	var comps map[string]json.RawMessage
	if err := json.Unmarshal(doc["components"], &comps); err != nil {
		return nil, fmt.Errorf("apidoc base components: %w", err)
	}
	for _, f := range fragments {
		if len(f.JSON) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(f.JSON))
		dec.DisallowUnknownFields()
		var part fragment
		if err := dec.Decode(&part); err != nil {
			return nil, fmt.Errorf("apidoc fragment %s: %w", f.Name, err)
		}
		all.Tags = append(all.Tags, part.Tags...)
		for p, item := range part.Paths {
			if _, dup := all.Paths[p]; dup {
				return nil, fmt.Errorf("apidoc fragment %s: path %s is described twice", f.Name, p)
			}
			all.Paths[p] = item
		}
		for n, s := range part.Components.Schemas {
			if _, dup := all.Components.Schemas[n]; dup {
				return nil, fmt.Errorf("apidoc fragment %s: schema %s is described twice", f.Name, n)
			}
			all.Components.Schemas[n] = s
		}
	}
	var err error
	set := func(m map[string]json.RawMessage, key string, v any) {
		if err == nil {
			m[key], err = json.Marshal(v)
		}
	}
	set(doc, "tags", all.Tags)
	set(doc, "paths", all.Paths)
	set(comps, "schemas", all.Components.Schemas)
	set(doc, "components", comps)
	if err != nil {
		return nil, fmt.Errorf("apidoc assemble: %w", err)
	}
	var out bytes.Buffer
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("apidoc assemble: %w", err)
	}
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return nil, fmt.Errorf("apidoc assemble: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// Registrar is what Routes needs of a mux (*http.ServeMux and *web.Mux
// both fit).
type Registrar interface {
	HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request))
}

// Routes registers GET /api/v1/openapi.json serving doc. The document is
// public.
func Routes(mux Registrar, doc []byte) {
	mux.HandleFunc("GET "+Path, Handler(doc))
}

// Handler serves doc.
func Handler(doc []byte) func(http.ResponseWriter, *http.Request) {
	length := strconv.Itoa(len(doc))
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Content-Length", length)
		h.Set("Cache-Control", "no-cache")
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = w.Write(doc)
		}
	}
}
