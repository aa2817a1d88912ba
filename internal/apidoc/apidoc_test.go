package apidoc_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/apidoc"
	"github.com/kohtaamo/kohtaamo/internal/server"
)

func decode(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	document, err := server.OpenAPI()
	if err != nil {
		t.Fatalf("assemble: %v", err)
	}
	if err := json.Unmarshal(document, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	return doc
}

// TestDocumentValid checks the document's structure: OpenAPI 3.1, every
// $ref resolves, every operation has a unique operationId, responses,
// known security schemes and a declared parameter for each path variable.
func TestDocumentValid(t *testing.T) {
	doc := decode(t)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x", v)
	}
	info, _ := doc["info"].(map[string]any)
	if info["title"] == nil || info["version"] == nil {
		t.Errorf("info needs title and version: %v", info)
	}

	// Every $ref points at something.
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				if _, ok := resolve(doc, ref); !ok {
					t.Errorf("%s: $ref %q does not resolve", path, ref)
				}
			}
			for k, c := range x {
				walk(path+"/"+k, c)
			}
		case []any:
			for _, c := range x {
				walk(path+"[]", c)
			}
		}
	}
	walk("#", doc)

	schemes := map[string]any{}
	if c, ok := doc["components"].(map[string]any); ok {
		schemes, _ = c["securitySchemes"].(map[string]any)
	}
	checkSecurity := func(where string, v any) {
		list, _ := v.([]any)
		for _, req := range list {
			for name := range req.(map[string]any) {
				if schemes[name] == nil {
					t.Errorf("%s: unknown security scheme %q", where, name)
				}
			}
		}
	}
	checkSecurity("#/security", doc["security"])

	paths, _ := doc["paths"].(map[string]any)
	if len(paths) == 0 {
		t.Fatal("no paths")
	}
	ids := map[string]string{}
	varRE := regexp.MustCompile(`\{([^}]+)\}`)
	for p, item := range paths {
		if !strings.HasPrefix(p, "/api/v1/") {
			t.Errorf("path %s is not under /api/v1/", p)
		}
		pi := item.(map[string]any)
		declared := paramNames(doc, pi["parameters"])
		ops := 0
		for method, o := range pi {
			if !slices.Contains([]string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}, method) {
				continue
			}
			ops++
			op := o.(map[string]any)
			where := strings.ToUpper(method) + " " + p
			id, _ := op["operationId"].(string)
			if id == "" {
				t.Errorf("%s: no operationId", where)
			} else if prev, dup := ids[id]; dup {
				t.Errorf("%s: operationId %q also used by %s", where, id, prev)
			}
			ids[id] = where
			if rs, _ := op["responses"].(map[string]any); len(rs) == 0 {
				t.Errorf("%s: no responses", where)
			}
			checkSecurity(where, op["security"])
			names := declared
			for n := range paramNames(doc, op["parameters"]) {
				names = cloneWith(names, n)
			}
			for _, m := range varRE.FindAllStringSubmatch(p, -1) {
				if !names[m[1]] {
					t.Errorf("%s: path parameter %q not declared", where, m[1])
				}
			}
		}
		if ops == 0 {
			t.Errorf("path %s has no operations", p)
		}
	}
}

func cloneWith(m map[string]bool, k string) map[string]bool {
	out := map[string]bool{k: true}
	for x := range m {
		out[x] = true
	}
	return out
}

// paramNames returns the names of the path parameters in a parameters list.
func paramNames(doc map[string]any, v any) map[string]bool {
	out := map[string]bool{}
	list, _ := v.([]any)
	for _, p := range list {
		m := p.(map[string]any)
		if ref, ok := m["$ref"].(string); ok {
			r, _ := resolve(doc, ref)
			m, _ = r.(map[string]any)
		}
		if m["in"] == "path" {
			out[m["name"].(string)] = true
		}
	}
	return out
}

func resolve(doc map[string]any, ref string) (any, bool) {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, false
	}
	var cur any = doc
	for _, part := range strings.Split(rest, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func TestServe(t *testing.T) {
	mux := http.NewServeMux()
	document, err := server.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	apidoc.Routes(mux, document)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, apidoc.Path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	var v map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Errorf("body does not parse: %v", err)
	}
}

// TestAssembleRefusesDuplicates: two domains describing one path or one
// schema is an error, not a silent overwrite.
func TestAssembleRefusesDuplicates(t *testing.T) {
	a := apidoc.Fragment{Name: "a", JSON: []byte(`{"paths": {"/api/v1/x": {}}, "components": {"schemas": {"X": {}}}}`)}
	b := apidoc.Fragment{Name: "b", JSON: []byte(`{"paths": {"/api/v1/x": {}}}`)}
	c := apidoc.Fragment{Name: "c", JSON: []byte(`{"components": {"schemas": {"X": {}}}}`)}
	d := apidoc.Fragment{Name: "d", JSON: []byte(`{"info": {}}`)}
	if _, err := apidoc.Assemble(a); err != nil {
		t.Fatalf("one fragment: %v", err)
	}
	for _, f := range []apidoc.Fragment{b, c} {
		if _, err := apidoc.Assemble(a, f); err == nil || !strings.Contains(err.Error(), "twice") {
			t.Errorf("%s: err = %v, want a duplicate error", f.Name, err)
		}
	}
	if _, err := apidoc.Assemble(d); err == nil {
		t.Error("a fragment with a top-level key other than tags, paths and components was accepted")
	}
}
