package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/apidoc"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// openAPI is the part of the OpenAPI document the tests read.
type openAPI struct {
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Schemas map[string]map[string]any `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) *openAPI {
	t.Helper()
	var doc openAPI
	document, err := server.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(document, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return &doc
}

// operations returns the document's operations as mux patterns
// ("GET /api/v1/projects/{id}").
func (doc *openAPI) operations() []string {
	var out []string
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "patch", "head", "options", "trace":
				out = append(out, strings.ToUpper(method)+" "+path)
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestOpenAPIMatchesRoutes checks that the OpenAPI document lists exactly
// the /api/v1 routes the server registers, with the same methods and
// paths, and that the server serves it publicly.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	env := servertest.New(t, dbtest.SQLite(t))
	doc := loadOpenAPI(t)
	documented := doc.operations()

	var registered []string
	for _, p := range routePatterns(env) {
		method, path := splitPattern(p)
		if strings.HasPrefix(path, "/api/") {
			if !strings.Contains(p, " ") {
				t.Errorf("API route %q has no method", p)
			}
			registered = append(registered, method+" "+path)
		}
	}
	if len(registered) == 0 {
		t.Fatal("no API routes registered")
	}
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("route %q is not in internal/apidoc/openapi.json", r)
		}
	}
	for _, o := range documented {
		if !slices.Contains(registered, o) {
			t.Errorf("openapi.json documents %q, which is not a registered route", o)
		}
	}

	res := env.Client(t).Get(apidoc.Path)
	if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET %s: %d %s", apidoc.Path, res.Status, res.Header.Get("Content-Type"))
	}
	if document, _ := server.OpenAPI(); res.Body != string(document) {
		t.Error("the served document differs from server.OpenAPI()")
	}
}

// TestOpenAPIResponsesMatchSchemas checks real API answers against the
// document's schemas: every required property is there, no undocumented
// property appears and types and enums agree.
func TestOpenAPIResponsesMatchSchemas(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	doc := loadOpenAPI(t)
	cases := []struct {
		path   string
		as     role
		status int
		schema string
	}{
		{"/api/v1/projects", rAdmin, 200, "ProjectList"},
		{"/api/v1/projects/{P1}", rAdmin, 200, "Project"},
		{"/api/v1/networks", rPublic, 200, "NetworkList"},
		{"/api/v1/networks/{N1}", rPublic, 200, "Network"},
		{"/api/v1/networks/{N1}/memberships", rMember, 200, "MembershipList"},
		{"/api/v1/memberships/{M1}", rMember, 200, "Membership"},
		{"/api/v1/organisations", rPublic, 200, "OrganisationList"},
		{"/api/v1/organisations/{O1}", rPublic, 200, "Organisation"},
		{"/api/v1/people", rCoord, 200, "PersonList"},
		{"/api/v1/people/{T1}", rCoord, 200, "Person"},
		{"/api/v1/people/{T2}", rCoord, 200, "Person"},
		{"/api/v1/people/{T1}/attendance", rCoord, 200, "PersonAttendance"},
		{"/api/v1/organisations/{O1}/attendance", rMember, 200, "OrganisationAttendance"},
		{"/api/v1/people", rPublic, 401, "Error"},
		{"/api/v1/projects/999999", rPublic, 404, "Error"},
		{"/api/v1/projects?per_page=0", rPublic, 400, "Error"},
	}
	for _, c := range cases {
		res := f.do(http.MethodGet, check{Path: c.path}, c.as)
		if res.Status != c.status {
			t.Errorf("GET %s as %s: status %d, want %d", c.path, c.as, res.Status, c.status)
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(res.Body), &v); err != nil {
			t.Errorf("GET %s: %v", c.path, err)
			continue
		}
		for _, problem := range doc.validate(v, map[string]any{"$ref": "#/components/schemas/" + c.schema}, "") {
			t.Errorf("GET %s as %s (%s): %s", c.path, c.as, c.schema, problem)
		}
	}
	// Writes answer with the documented shapes too.
	res := f.env.Client(t).JSON(http.MethodPost, "/api/v1/organisations", f.token[rAdmin],
		`{"name": "Oulun kaupunki", "sector": "municipality", "municipality_code": "564"}`)
	if res.Status != http.StatusCreated {
		t.Fatalf("create organisation: %d %s", res.Status, res.Body)
	}
	var v any
	_ = json.Unmarshal([]byte(res.Body), &v)
	for _, problem := range doc.validate(v, map[string]any{"$ref": "#/components/schemas/Organisation"}, "") {
		t.Errorf("POST /api/v1/organisations: %s", problem)
	}
	res = f.env.Client(t).JSON(http.MethodPost, "/api/v1/organisations", f.token[rAdmin], `{"name": "Oulun kaupunki", "sector": "municipality", "municipality_code": "564"}`)
	if res.Status != http.StatusConflict {
		t.Fatalf("duplicate organisation: %d %s", res.Status, res.Body)
	}
	_ = json.Unmarshal([]byte(res.Body), &v)
	for _, problem := range doc.validate(v, map[string]any{"$ref": "#/components/schemas/Error"}, "") {
		t.Errorf("409: %s", problem)
	}
}

// validate checks v against a JSON Schema subset (type, enum, required,
// properties, items, $ref) and returns the problems found. Objects may not
// carry properties the schema does not name.
func (doc *openAPI) validate(v any, schema map[string]any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		s, ok := doc.Components.Schemas[name]
		if !ok {
			return []string{at + ": unknown schema " + ref}
		}
		return doc.validate(v, s, at)
	}
	var problems []string
	if types := schemaTypes(schema["type"]); len(types) > 0 && !slices.Contains(types, jsonType(v)) {
		if !(jsonType(v) == "integer" && slices.Contains(types, "number")) {
			return []string{fmt.Sprintf("%s: %s, want %v", at, jsonType(v), types)}
		}
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, v) {
		problems = append(problems, fmt.Sprintf("%s: %v is not one of %v", at, v, enum))
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		if req, ok := schema["required"].([]any); ok {
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					problems = append(problems, fmt.Sprintf("%s: required property %q missing", at, r))
				}
			}
		}
		for k, val := range x {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if props != nil {
					problems = append(problems, fmt.Sprintf("%s: property %q is not documented", at, k))
				}
				continue
			}
			problems = append(problems, doc.validate(val, ps, at+"."+k)...)
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range x {
				problems = append(problems, doc.validate(e, items, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return problems
}

func schemaTypes(t any) []string {
	switch x := t.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, e.(string))
		}
		return out
	}
	return nil
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// TestOpenAPIEveryResourceMatchesItsSchema reads every GET operation of
// the document, makes the request its route × role matrix row describes
// (the "own" resource, as each role allowed to read it until one gets a
// non-empty answer) and checks the answer against the operation's
// documented 200 schema. A new domain's resources are covered as soon as
// they are documented and have matrix rows.
func TestOpenAPIEveryResourceMatchesItsSchema(t *testing.T) {
	d := dbtest.SQLite(t)
	f := newFixture(t, d)
	doc := loadOpenAPI(t)
	m := matrix(t)
	checked := 0
	for _, op := range doc.operations() {
		method, path := splitPattern(op)
		if method != http.MethodGet || path == apidoc.Path {
			continue
		}
		var get struct {
			Responses map[string]struct {
				Content map[string]struct {
					Schema map[string]any `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		}
		if err := json.Unmarshal(doc.Paths[path]["get"], &get); err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		schema := get.Responses["200"].Content["application/json"].Schema
		if schema == nil {
			t.Errorf("%s documents no JSON answer for 200", op)
			continue
		}
		var row *check
		for i, k := range m[op] {
			if (k.Label == "own" || k.Label == "") && len(k.Allowed) > 0 {
				row = &m[op][i]
				break
			}
		}
		if row == nil {
			t.Errorf("%s: no matrix row to request it with", op)
			continue
		}
		var body any
		for _, r := range row.Allowed {
			res := f.do(http.MethodGet, *row, r)
			if res.Status != http.StatusOK {
				t.Errorf("GET %s as %s: status %d", row.Path, r, res.Status)
				break
			}
			if err := json.Unmarshal([]byte(res.Body), &body); err != nil {
				t.Errorf("GET %s as %s: %v", row.Path, r, err)
				break
			}
			for _, problem := range doc.validate(body, schema, "") {
				t.Errorf("GET %s as %s: %s", row.Path, r, problem)
			}
			if obj, ok := body.(map[string]any); !ok || obj["items"] == nil || len(obj["items"].([]any)) > 0 {
				break // a resource, or a list with items to check
			}
		}
		checked++
	}
	if checked < 25 {
		t.Errorf("only %d GET operations checked", checked)
	}
}
