package server_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// openRedirects are next= values as an attacker writes them into a link
// (raw query text, percent-encoded as a URL requires): the usual bypasses
// of "starts with / but not //" checks.
var openRedirects = []string{
	"//evil.example",
	"///evil.example",
	"////evil.example/",
	"/%09/evil.example/",       // tab: browsers remove it
	"/%0A/evil.example/",       // line feed
	"/%0D/evil.example/",       // carriage return
	"/%09%0D%0A/evil.example/", // all three
	"%09//evil.example",        // leading tab
	"%20//evil.example",        // leading space: browsers strip it
	"%00//evil.example",        // leading NUL (C0 control)
	"%0B//evil.example",        // leading vertical tab
	"//evil.example%09",        // trailing tab
	"/%5Cevil.example",         // /\ : browsers read \ as /
	"%5C%5Cevil.example",       // \\
	"%5C/evil.example",         // \/
	"/%5C/evil.example",        // /\/
	"/%09%5Cevil.example",      // /<tab>\
	"%2F%2Fevil.example",       // encoded //
	"/%2F/evil.example",        // /%2F/ decodes to //
	"%2F%5Cevil.example",       // encoded /\
	"/%252F/evil.example",      // double-encoded /%2F/
	"%252F%252Fevil.example",   // double-encoded //
	"/%2509/evil.example",      // double-encoded tab
	"%2F%2509%2Fevil.example",  // encoded /, double-encoded tab
	"/%255Cevil.example",       // double-encoded backslash
	"/%255C/evil.example",      // double-encoded /\/
	"https://evil.example",     // absolute
	"https:evil.example",       // scheme without slashes
	"https:/evil.example",      // scheme, one slash
	"HTTPS://evil.example",     // upper case
	"%09https://evil.example",  // leading tab before a scheme
	"javascript:alert(1)",      // script
	"JaVaScRiPt%3Aalert(1)",    // mixed case, encoded colon
	"java%09script:alert(1)",   // tab inside the scheme
	"data:text/html,%3Cscript%3Ex%3C/script%3E",
	"//user@evil.example", // userinfo
	"//kohtaamo.example@evil.example",
	"/%5C@evil.example", // /\@
	"https://kohtaamo.example@evil.example",
	"/%0D%0ALocation:%20https://evil.example", // header splitting
	"evil.example",                            // relative
	"",                                        // empty
}

// sameSite are next= values that are paths on the site and must survive
// as they are.
var sameSite = map[string]string{
	"/accessibility":                   "/accessibility",
	"%2Fnetworks%2F1":                  "/networks/1",
	"/@evil.example":                   "/@evil.example", // a path on this site
	"%2Fpeople%3Fq%3Da%2Bb%26page%3D2": "/people?q=a+b&page=2",
	"/meetings/1%23agenda":             "/meetings/1#agenda",
	"/organisations/%2525":             "/organisations/%25",
}

// browserReads turns a Location header into what a browser resolves: it
// strips leading and trailing C0 controls and spaces, removes tabs and line
// breaks and reads \ as / (WHATWG URL parser, for http and https).
func browserReads(loc string) string {
	loc = strings.TrimFunc(loc, func(r rune) bool { return r <= ' ' })
	return strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(loc)
}

// checkSameOrigin fails unless loc is a path on this site as a browser
// reads it.
func checkSameOrigin(t *testing.T, what, loc string) {
	t.Helper()
	if strings.ContainsFunc(loc, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		t.Errorf("%s: Location %q holds a control character", what, loc)
	}
	seen := browserReads(loc)
	u, err := url.Parse(seen)
	if err != nil {
		t.Errorf("%s: Location %q does not parse: %v", what, loc, err)
		return
	}
	site, _ := url.Parse("https://kohtaamo.example/login")
	abs := site.ResolveReference(u)
	if u.Scheme != "" || u.Host != "" || u.User != nil || abs.Host != site.Host ||
		!strings.HasPrefix(seen, "/") || strings.HasPrefix(seen, "//") {
		t.Errorf("%s: Location %q leaves the site (a browser goes to %s)", what, loc, abs)
	}
	if strings.HasPrefix(u.Path, "//") {
		t.Errorf("%s: Location %q decodes to %q, another origin if anything decodes it again", what, loc, u.Path)
	}
}

var hiddenNext = regexp.MustCompile(`name="next" value="([^"]*)"`)

// roundTrip sends one request without a client, so a Location header that
// Go's client would refuse to parse still reaches the assertions.
func roundTrip(t *testing.T, env *servertest.Env, method, path string, form url.Values) (status int, location, body string) {
	t.Helper()
	var rd io.Reader
	if form != nil {
		rd = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, env.HTTP.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := env.HTTP.Client().Transport.RoundTrip(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

// TestRedirectsStayOnSite sends the open-redirect corpus through the real
// router: the language switch, the sign-in form and the sign-in itself
// redirect only to paths on this site.
func TestRedirectsStayOnSite(t *testing.T) {
	env := servertest.New(t, dbtest.SQLite(t))
	env.CreateUser(t, "Aino Aaltonen", "aino@example.fi", false)
	login := func(next string) url.Values {
		return url.Values{"email": {"aino@example.fi"}, "password": {servertest.Password}, "next": {next}}
	}
	for _, raw := range openRedirects {
		if v, err := url.ParseQuery("next=" + raw); err == nil && !web.ValidText(v.Get("next")) {
			// NUL or invalid UTF-8: refused before any handler, no redirect.
			for _, path := range []string{"/lang/fi?next=" + raw, "/login?next=" + raw} {
				if status, loc, _ := roundTrip(t, env, http.MethodGet, path, nil); status != http.StatusBadRequest || loc != "" {
					t.Errorf("%s: %d %q, want 400 without a Location", path, status, loc)
				}
			}
			continue
		}
		status, loc, _ := roundTrip(t, env, http.MethodGet, "/lang/fi?next="+raw, nil)
		if status != http.StatusSeeOther {
			t.Fatalf("/lang/fi?next=%s: status %d", raw, status)
		}
		checkSameOrigin(t, "/lang/fi?next="+raw, loc)
		if loc != "/" {
			t.Errorf("/lang/fi?next=%s: Location %q, want /", raw, loc)
		}

		status, _, body := roundTrip(t, env, http.MethodGet, "/login?next="+raw, nil)
		m := hiddenNext.FindStringSubmatch(body)
		if status != http.StatusOK || m == nil {
			t.Fatalf("/login?next=%s: %d, no next field", raw, status)
		}
		if next := html.UnescapeString(m[1]); next != "/" {
			t.Errorf("/login?next=%s: the form carries next %q, want /", raw, next)
		}
	}
	// Signing in: the posted next, as a form would carry it decoded.
	for _, raw := range openRedirects {
		next, err := url.QueryUnescape(raw)
		if err != nil {
			t.Fatal(err)
		}
		status, loc, _ := roundTrip(t, env, http.MethodPost, "/login", login(next))
		if !web.ValidText(next) {
			// NUL or invalid UTF-8 in a form: refused (422), no redirect.
			if status != http.StatusUnprocessableEntity || loc != "" {
				t.Errorf("POST /login next=%q: %d %q, want 422 without a Location", next, status, loc)
			}
			continue
		}
		if status != http.StatusSeeOther {
			t.Fatalf("POST /login next=%q: status %d", next, status)
		}
		checkSameOrigin(t, "POST /login next="+raw, loc)
		if loc != "/" {
			t.Errorf("POST /login next=%q: Location %q, want /", next, loc)
		}
	}
	for raw, want := range sameSite {
		_, loc, _ := roundTrip(t, env, http.MethodGet, "/lang/sv?next="+raw, nil)
		if loc != want {
			t.Errorf("/lang/sv?next=%s: Location %q, want %q", raw, loc, want)
		}
		checkSameOrigin(t, "/lang/sv?next="+raw, loc)
		next, _ := url.QueryUnescape(raw)
		if _, loc, _ := roundTrip(t, env, http.MethodPost, "/login", login(next)); loc != want {
			t.Errorf("POST /login next=%q: Location %q, want %q", next, loc, want)
		}
	}
}
