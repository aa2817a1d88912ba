package server_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// The hostile-input test (issue 6): every registered route, as roles that
// may use it (the route × role matrix's fixture and rules), gets a bounded,
// deterministic sample of hostile input in its query string, its path
// values, its form fields (the names its real form has, read from the GET
// pages) and its JSON body (the properties the OpenAPI document names). No
// answer may be a 5xx, and no HTML or JSON answer may carry an XSS payload
// unescaped.

// The XSS payloads whose raw reflection fails the test.
const (
	xssScript = `<script>alert(1)</script>`
	xssAttr   = `"><img src=x onerror=alert(1)>`
)

// hostileStrings is the corpus for text: NUL, invalid UTF-8, 100,000
// characters, numbers no int64 holds, negative and zero, CRLF, quotes and
// backslashes, LIKE wildcards, impossible dates, XSS.
var hostileStrings = []string{
	"a\x00b",
	xssScript,
	"9223372036854775808",
	"O'Brien \"quoted\" \\back\\slash \r\nX-Injected: 1",
	xssAttr,
	strings.Repeat("ä", 100_000),
	"-1",
	"\xff\xfe invalid",
	"%_%\\",
	"2026-02-30",
	"-9223372036854775809",
	"0",
	"99999-12-31T25:61",
	"\u202e🙂\t ",
}

// commonParams are the query parameters every GET request carries besides
// those the route's own search forms and API description name.
var commonParams = []string{"q", "page", "per_page", "staff_q", "organisation", "organisation_id", "archived",
	"when", "next", "sector", "municipality", "date", "start", "status"}

// commonFields are the form fields posted to a route whose form the test
// did not find on any page.
var commonFields = []string{"name", "title", "email", "q", "page", "per_page", "date", "start", "end", "id",
	"person_id", "organisation_id", "role", "status", "body", "description", "password", "token"}

// formField is one named control of an HTML form with its initial value.
type formField struct{ name, value string }

var (
	formRE     = regexp.MustCompile(`(?s)<form\b([^>]*)>(.*?)</form>`)
	attrRE     = regexp.MustCompile(`\b([a-z-]+)="([^"]*)"`)
	controlRE  = regexp.MustCompile(`(?s)<input\b([^>]*)>|<button\b([^>]*)>|<select\b([^>]*)>(.*?)</select>|<textarea\b([^>]*)>(.*?)</textarea>`)
	optionRE   = regexp.MustCompile(`(?s)<option\b([^>]*)>`)
	digitsRE   = regexp.MustCompile(`/[0-9]+`)
	placeRE    = regexp.MustCompile(`\{[A-Z]+[0-9]?\}`)
	wildRE     = regexp.MustCompile(`\{[a-z.]+\}`)
	patternKey = func(p string) string { return digitsRE.ReplaceAllString(p, "/#") }
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRE.FindAllStringSubmatch(s, -1) {
		m[a[1]] = html.UnescapeString(a[2])
	}
	if strings.Contains(s, " checked") {
		m["checked"] = "checked"
	}
	if strings.Contains(s, " selected") {
		m["selected"] = "selected"
	}
	return m
}

// parseForms returns the forms of page by method and action (numbers in
// the action replaced by #).
func parseForms(page string) map[string][]formField {
	out := map[string][]formField{}
	for _, fm := range formRE.FindAllStringSubmatch(page, -1) {
		fa := attrs(fm[1])
		action, _, _ := strings.Cut(fa["action"], "#")
		action, _, _ = strings.Cut(action, "?")
		method := strings.ToUpper(fa["method"])
		if method == "" {
			method = http.MethodGet
		}
		var fields []formField
		seen := map[string]bool{}
		add := func(name, value string) {
			if name != "" && !seen[name] {
				seen[name] = true
				fields = append(fields, formField{name, value})
			}
		}
		for _, c := range controlRE.FindAllStringSubmatch(fm[2], -1) {
			switch {
			case c[1] != "":
				a := attrs(c[1])
				if (a["type"] == "checkbox" || a["type"] == "radio") && a["checked"] == "" {
					continue
				}
				add(a["name"], a["value"])
			case c[2] != "":
				a := attrs(c[2])
				add(a["name"], a["value"])
			case c[3] != "":
				value := ""
				for i, o := range optionRE.FindAllStringSubmatch(c[4], -1) {
					oa := attrs(o[1])
					if i == 0 || oa["selected"] != "" {
						value = oa["value"]
					}
				}
				add(attrs(c[3])["name"], value)
			case c[5] != "":
				add(attrs(c[5])["name"], html.UnescapeString(c[6]))
			}
		}
		out[method+" "+patternKey(action)] = append(out[method+" "+patternKey(action)], fields...)
	}
	return out
}

// hostile runs the test on one database's fixture.
type hostile struct {
	t     *testing.T
	f     *fixture
	doc   *openAPI
	forms map[string][]formField // "POST /networks/#/meetings" → fields
	query []string               // every query parameter name in use
	n     int                    // requests made
	// statuses counts answers by status; escaped counts HTML answers that
	// show an XSS payload escaped (so the payloads reach the pages).
	statuses map[int]int
	escaped  int
}

func short(s string) string {
	if len(s) > 60 {
		return fmt.Sprintf("%q…(%d bytes)", s[:40], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// judge fails the test on a 5xx or on an XSS payload reflected raw.
func (h *hostile) judge(desc string, status int, header http.Header, body string) {
	h.t.Helper()
	h.n++
	h.statuses[status]++
	if strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		h.escaped++
	}
	if status >= 500 {
		h.t.Errorf("%s: status %d\n%.300s", desc, status, body)
		return
	}
	ct := header.Get("Content-Type")
	if strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "application/json") {
		for _, p := range []string{xssScript, xssAttr} {
			if strings.Contains(body, p) {
				i := strings.Index(body, p)
				h.t.Errorf("%s: %s reflects %q unescaped: …%s…", desc, ct, p, body[max(0, i-120):min(len(body), i+len(p)+40)])
			}
		}
	}
}

func (h *hostile) send(r role, req *http.Request) *servertest.Response {
	return h.f.client[r].Do(req)
}

func (h *hostile) newRequest(method, path, body string) *http.Request {
	h.t.Helper()
	var rd *strings.Reader
	if body != "" {
		rd = strings.NewReader(body)
	} else {
		rd = strings.NewReader("")
	}
	req, err := http.NewRequest(method, h.f.env.HTTP.URL+path, rd)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	return req
}

// learnForms reads every GET page as its most privileged allowed role and
// as a convener (who also answers meetings), and remembers the forms.
func (h *hostile) learnForms(m map[string][]check, patterns []string) {
	h.forms = map[string][]formField{}
	queryNames := map[string]bool{}
	for _, n := range commonParams {
		queryNames[n] = true
	}
	for _, p := range patterns {
		method, path := splitPattern(p)
		if method != http.MethodGet || strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/static/") {
			continue
		}
		for _, k := range m[p][:1] {
			var as []role
			if len(k.Allowed) > 0 {
				as = append(as, k.Allowed[0])
			}
			if slices.Contains(k.Allowed, rConvener) && k.Allowed[0] != rConvener {
				as = append(as, rConvener)
			}
			for _, r := range as {
				res := h.f.client[r].Get(h.f.expand(k.Path, r))
				for key, fields := range parseForms(res.Body) {
					if strings.HasPrefix(key, "GET ") {
						for _, fl := range fields {
							queryNames[fl.name] = true
						}
						continue
					}
					if _, ok := h.forms[key]; !ok {
						h.forms[key] = fields
					}
				}
			}
		}
	}
	// The API's documented query parameters.
	for _, item := range h.doc.Paths {
		var ops map[string]struct {
			Parameters []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
		}
		raw, _ := json.Marshal(item)
		_ = json.Unmarshal(raw, &ops)
		for _, op := range ops {
			for _, prm := range op.Parameters {
				if prm.In == "query" {
					queryNames[prm.Name] = true
				}
			}
		}
	}
	for n := range queryNames {
		h.query = append(h.query, n)
	}
	sort.Strings(h.query)
}

// pick returns the roles a check is made as: the first and the last
// allowed (usually the most and the least privileged), or the public when
// nobody may.
func pick(k check) []role {
	if len(k.Allowed) == 0 {
		return []role{rPublic}
	}
	out := []role{k.Allowed[0]}
	if last := k.Allowed[len(k.Allowed)-1]; last != out[0] {
		out = append(out, last)
	}
	return out
}

// queryVariants are the hostile query strings sent to GET route i: both
// XSS payloads in every parameter with overflowing and negative paging,
// 100,000 characters in the search fields, and one of NUL, invalid UTF-8
// and quotes, CRLF and LIKE wildcards in turn.
func (h *hostile) queryVariants(i int) []url.Values {
	all := func(v string) url.Values {
		q := url.Values{}
		for _, n := range h.query {
			q.Set(n, v)
		}
		return q
	}
	huge := all(xssScript)
	huge.Set("page", "9223372036854775807")
	huge.Set("per_page", "200")
	neg := all(xssAttr)
	neg.Set("page", "-1")
	neg.Set("per_page", "-1")
	long := url.Values{"q": {strings.Repeat("x", 100_000)}, "staff_q": {strings.Repeat("ö", 50_000)}}
	odd := []string{"a\x00b", "\xff\xfe", hostileStrings[3] + "%_%"}
	return []url.Values{huge, neg, long, all(odd[i%len(odd)])}
}

// pathVariant replaces the path's first placeholder with, in turn, an id
// no int64 holds, NUL, invalid UTF-8 and a negative number.
func pathVariant(path string, i int) string {
	loc := placeRE.FindStringIndex(path)
	if loc == nil || strings.HasPrefix(path, "{STATIC}") {
		return ""
	}
	vs := []string{"99999999999999999999", "%00", "%FF%FE", "-1"}
	return path[:loc[0]] + vs[i%len(vs)] + path[loc[1]:]
}

func (h *hostile) getRoute(p string, i int, k check) {
	_, path := splitPattern(p)
	rs := pick(k)
	for j, q := range h.queryVariants(i) {
		r := rs[(i+j)%len(rs)]
		full := h.f.expand(k.Path, r)
		sep := "?"
		if strings.Contains(full, "?") {
			sep = "&"
		}
		req := h.newRequest(http.MethodGet, full+sep+q.Encode(), "")
		if strings.HasPrefix(path, "/api/") && h.f.token[r] != "" {
			req.Header.Set("Authorization", "Bearer "+h.f.token[r])
		}
		res := h.send(r, req)
		h.judge(fmt.Sprintf("%s as %s, query variant %d (q=%s)", p, r, j, short(q.Get("q"))), res.Status, res.Header, res.Body)
	}
}

func (h *hostile) pathRoute(p string, i int, k check) {
	method, path := splitPattern(p)
	pv := pathVariant(k.Path, i)
	if pv == "" {
		return
	}
	r := pick(k)[0]
	req := h.newRequest(method, h.f.expand(pv, r), "")
	if strings.HasPrefix(path, "/api/") {
		req.Header.Set("Content-Type", "application/json")
		if h.f.token[r] != "" {
			req.Header.Set("Authorization", "Bearer "+h.f.token[r])
		}
	} else if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res := h.send(r, req)
	h.judge(fmt.Sprintf("%s %s as %s", method, short(pv), r), res.Status, res.Header, res.Body)
}

// formRoute posts the route's form with hostile values: all fields at once,
// then one field at a time with the others as the form had them.
func (h *hostile) formRoute(p string, i int, k check) {
	method, path := splitPattern(p)
	fields := h.forms[method+" "+patternKey(path)]
	if len(fields) == 0 {
		for _, n := range commonFields {
			fields = append(fields, formField{n, ""})
		}
	}
	rs := pick(k)
	const variants = 4
	for j := range variants {
		r := rs[(i+j)%len(rs)]
		c := hostileStrings[(i*5+j)%len(hostileStrings)]
		if j == variants-1 {
			// One field not text, the others as the form had them: the
			// value would reach the database if nothing refused it.
			c = []string{"a\x00b", "\xff\xfe"}[i%2]
		}
		v := url.Values{}
		for _, fl := range fields {
			v.Add(fl.name, fl.value)
		}
		target := "all fields"
		if j == 0 {
			for _, fl := range fields {
				v.Set(fl.name, c)
			}
		} else {
			target = fields[(i+j-1)%len(fields)].name
			v.Set(target, c)
		}
		req := h.newRequest(method, h.f.expand(k.Path, r), v.Encode())
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res := h.send(r, req)
		if k.Restore {
			h.f.restore()
		}
		h.judge(fmt.Sprintf("%s as %s, %s = %s", p, r, target, short(c)), res.Status, res.Header, res.Body)
	}
}

// schemaOf resolves a $ref.
func (h *hostile) schemaOf(s map[string]any) map[string]any {
	if ref, ok := s["$ref"].(string); ok {
		return h.doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
	}
	return s
}

// requestSchema returns the JSON request body schema of an operation.
func (h *hostile) requestSchema(method, path string) map[string]any {
	raw, ok := h.doc.Paths[path][strings.ToLower(method)]
	if !ok {
		return nil
	}
	var op struct {
		RequestBody struct {
			Content map[string]struct {
				Schema map[string]any `json:"schema"`
			} `json:"content"`
		} `json:"requestBody"`
	}
	_ = json.Unmarshal(raw, &op)
	c, ok := op.RequestBody.Content["application/json"]
	if !ok {
		return nil
	}
	return h.schemaOf(c.Schema)
}

// hostileJSON lists hostile JSON values for a property of schema s.
func (h *hostile) hostileJSON(s map[string]any) []string {
	s = h.schemaOf(s)
	types := schemaTypes(s["type"])
	switch {
	case slices.Contains(types, "integer"), slices.Contains(types, "number"):
		return []string{`9223372036854775808`, `-1`, `1e400`, `"12"`, `9223372036854775807`, `0`}
	case slices.Contains(types, "boolean"):
		return []string{`"true"`, `2`}
	case slices.Contains(types, "array"):
		return []string{`[null]`, `"x"`, `[{"person_id": 9223372036854775807, "mode": "\u0000", "value": 1e308}]`, `[-1, 0]`}
	case slices.Contains(types, "object"):
		return []string{`[]`}
	}
	var out []string
	for _, c := range hostileStrings {
		if !strings.ContainsRune(c, 0xFFFD) && strings.ToValidUTF8(c, "") != c {
			out = append(out, `"`+c+`"`) // raw invalid UTF-8 inside the JSON text
			continue
		}
		b, _ := json.Marshal(c)
		out = append(out, string(b))
	}
	return out
}

// baseJSON is a plausible body: the current resource (PUT) or the matrix's
// body, completed with documented examples, enums and simple values.
func (h *hostile) baseJSON(method, apiPath string, k check, r role, props map[string]any) map[string]json.RawMessage {
	body := map[string]json.RawMessage{}
	if method == http.MethodPut {
		res := h.f.env.Client(h.t).JSON(http.MethodGet, h.f.expand(k.Path, r), h.f.token[r], "")
		var cur map[string]json.RawMessage
		if json.Unmarshal([]byte(res.Body), &cur) == nil {
			for name, v := range cur {
				if ps, ok := props[name].(map[string]any); ok && ps["readOnly"] != true {
					body[name] = v
				}
			}
		}
	}
	if k.Body != "" {
		var m map[string]json.RawMessage
		if json.Unmarshal([]byte(h.f.expand(k.Body, r)), &m) == nil {
			for n, v := range m {
				body[n] = v
			}
		}
	}
	for name, p := range props {
		ps := h.schemaOf(p.(map[string]any))
		if _, ok := body[name]; ok || ps["readOnly"] == true {
			continue
		}
		switch {
		case ps["examples"] != nil:
			b, _ := json.Marshal(ps["examples"].([]any)[0])
			body[name] = b
		case ps["enum"] != nil:
			b, _ := json.Marshal(ps["enum"].([]any)[0])
			body[name] = b
		default:
			switch t := schemaTypes(ps["type"]); {
			case slices.Contains(t, "string"):
				body[name] = json.RawMessage(`"Testi"`)
			case slices.Contains(t, "integer"), slices.Contains(t, "number"):
				body[name] = json.RawMessage(`1`)
			case slices.Contains(t, "boolean"):
				body[name] = json.RawMessage(`false`)
			case slices.Contains(t, "array"):
				body[name] = json.RawMessage(`[]`)
			}
		}
	}
	_ = apiPath
	return body
}

// rawObject writes a JSON object with its values as they are, invalid
// UTF-8 included (encoding/json would replace it).
func rawObject(m map[string]json.RawMessage) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%s", k, m[k])
	}
	b.WriteByte('}')
	return b.String()
}

// rawJSONBodies are whole bodies that are hostile as JSON text.
var rawJSONBodies = []string{
	`{"name": "\u0000", "title": "a\u0000b"}`,
	"{\"name\": \"\xff\xfe\", \"title\": \"\xc3\"}",
	`{`,
	`null`,
	`[` + strings.Repeat(`[`, 20_000),
	`{"name": "` + strings.Repeat("ä", 100_000) + `"}`,
	`"` + xssScript + `"`,
}

// apiRoute sends JSON bodies: a hostile whole body, then one property at a
// time with a hostile value of its type.
func (h *hostile) apiRoute(p string, i int, k check) {
	method, path := splitPattern(p)
	schema := h.requestSchema(method, path)
	props, _ := schema["properties"].(map[string]any)
	var names []string
	for n, ps := range props {
		if h.schemaOf(ps.(map[string]any))["readOnly"] != true {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	rs := pick(k)
	const variants = 4
	for j := range variants {
		r := rs[(i+j)%len(rs)]
		var body, target string
		if j == 0 || len(names) == 0 {
			body = rawJSONBodies[(i+j)%len(rawJSONBodies)]
			target = "body " + short(body)
		} else {
			base := h.baseJSON(method, path, k, r, props)
			name := names[(i+j-1)%len(names)]
			vals := h.hostileJSON(props[name].(map[string]any))
			val := vals[(i+j)%len(vals)]
			if j == variants-1 {
				// NUL or invalid UTF-8 in a text property.
				for _, n := range names {
					if slices.Contains(schemaTypes(h.schemaOf(props[n].(map[string]any))["type"]), "string") {
						name, val = n, []string{`"a\u0000b"`, "\"\xff\xfe\""}[i%2]
						break
					}
				}
			}
			base[name] = json.RawMessage(val)
			body = rawObject(base)
			target = name + " = " + short(string(base[name]))
		}
		res := h.f.env.Client(h.t).JSON(method, h.f.expand(k.Path, r), h.f.token[r], body)
		if k.Restore {
			h.f.restore()
		}
		h.judge(fmt.Sprintf("%s as %s, %s", p, r, target), res.Status, res.Header, res.Body)
	}
}

// headers sends hostile cookies and headers straight to the handler (a
// real server would refuse some of them before they reach it).
func (h *hostile) headers() {
	for _, c := range []struct{ name, value string }{
		{"Cookie", "kohtaamo_session=a\x00b"},
		{"Cookie", "kohtaamo_session=\xff\xfe; lang=\xff"},
		{"Cookie", "kohtaamo_session=" + strings.Repeat("a", 10_000)},
		{"Cookie", "lang=sv\x00"},
		{"Authorization", "Bearer a\x00b"},
		{"Authorization", "Bearer \xff\xfe"},
		{"Authorization", "Bearer " + strings.Repeat("ä", 100_000)},
		{"Authorization", "Basic Zm9vOmJhcg=="},
		{"Accept-Language", strings.Repeat("fi-FI;q=0.5,", 10_000)},
		{"Accept-Language", "\xff\x00;q=NaN"},
		{"X-Forwarded-For", "\x00, 999.999.999.999, " + xssScript},
	} {
		for _, path := range []string{"/", "/api/v1/projects", "/people", "/login"} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set(c.name, c.value)
			rec := httptest.NewRecorder()
			h.f.env.Server.Handler.ServeHTTP(rec, req)
			h.judge(fmt.Sprintf("GET %s with %s: %s", path, c.name, short(c.value)), rec.Code, rec.Header(), rec.Body.String())
		}
	}
}

func TestHostileInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		start := time.Now()
		h := &hostile{t: t, f: f, doc: loadOpenAPI(t), statuses: map[int]int{}}
		m := matrix(t)
		patterns := routePatterns(f.env)
		h.learnForms(m, patterns)
		if len(h.forms) < 20 {
			t.Fatalf("found only %d forms on the GET pages", len(h.forms))
		}
		h.headers()
		// Signing out is done last, since it ends the session.
		patterns = slices.DeleteFunc(patterns, func(p string) bool { return p == "POST /logout" })
		patterns = append(patterns, "POST /logout")
		for i, p := range patterns {
			method, path := splitPattern(p)
			// The first check of a route is enough: the others differ in
			// whose resource they use, which input handling does not.
			for _, k := range m[p][:1] {
				if wildRE.MatchString(path) {
					h.pathRoute(p, i, k)
				}
				switch {
				case method == http.MethodGet:
					h.getRoute(p, i, k)
				case strings.HasPrefix(path, "/api/"):
					h.apiRoute(p, i, k)
				default:
					h.formRoute(p, i, k)
				}
			}
		}
		// The corpus must get past the front door: some forms re-render
		// with errors, some writes succeed, some pages show a payload.
		if h.statuses[http.StatusUnprocessableEntity] == 0 || h.statuses[http.StatusSeeOther]+h.statuses[http.StatusCreated] == 0 || h.escaped == 0 {
			t.Errorf("the hostile input does not reach the handlers: answers %v, %d pages with an escaped payload", h.statuses, h.escaped)
		}
		t.Logf("%d hostile requests in %s; answers by status %v; %d pages show an XSS payload escaped",
			h.n, time.Since(start).Round(time.Millisecond), h.statuses, h.escaped)
	})
}
