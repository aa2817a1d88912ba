package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// apiError is the API's error body.
type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

func decodeAPIError(t *testing.T, res *servertest.Response) apiError {
	t.Helper()
	var e apiError
	if err := json.Unmarshal([]byte(res.Body), &e); err != nil {
		t.Fatalf("not a JSON error (%d): %v\n%.300s", res.Status, err, res.Body)
	}
	return e
}

// TestBadBytesRefused checks that NUL and invalid UTF-8 are refused with a
// translated 400 (or 422 for a form) wherever input enters, before they
// reach the database, which PostgreSQL answered with 500 and SQLite stored.
func TestBadBytesRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Aino Admin", "admin@example.test", true)
		admin := env.Login(t, "admin@example.test")
		token := apiToken(t, env, "admin@example.test")

		pages := []struct{ path, lang, want string }{
			{"/organisations?q=%00", "fi", "NUL"},
			{"/organisations?q=a%FFb", "sv", "ogiltig UTF-8"},
			{"/people?q=%00&page=1", "en", "invalid UTF-8"},
			{"/organisations/%00", "en", "NUL character"},
			{"/password/reset/%FF%FE", "fi", "virheellinen UTF-8"},
			{"/networks?%00=1", "fi", "NUL"},
		}
		for _, p := range pages {
			c := env.Client(t)
			c.Lang = p.lang
			res := c.Get(p.path)
			if res.Status != http.StatusBadRequest || !strings.Contains(res.Text(), p.want) {
				t.Errorf("GET %s (%s): %d, want 400 with %q\n%.300s", p.path, p.lang, res.Status, p.want, res.Text())
			}
		}
		// Signed in, too: the session is never loaded for such a request.
		if res := admin.Get("/people?q=%00"); res.Status != http.StatusBadRequest {
			t.Errorf("GET /people?q=%%00 signed in: %d", res.Status)
		}

		for _, path := range []string{"/api/v1/organisations?q=%00", "/api/v1/organisations?q=%C3", "/api/v1/projects/%00"} {
			res := env.Client(t).JSON(http.MethodGet, path, "", "")
			if e := decodeAPIError(t, res); res.Status != http.StatusBadRequest || e.Error.Code != "invalid" || !strings.Contains(e.Error.Message, "NUL") {
				t.Errorf("GET %s: %d %+v", path, res.Status, e)
			}
		}

		// Form bodies: a translated 422, nothing stored.
		for _, name := range []string{"Pajakeskus\x00 Oy", "Pajakeskus \xff Oy"} {
			res := admin.PostForm("/organisations", url.Values{"name": {name}, "sector": {"business"}})
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Text(), "NUL-merkki") {
				t.Errorf("POST /organisations with %q: %d\n%.300s", name, res.Status, res.Text())
			}
		}
		// JSON bodies, the \u0000 escape included: a 400 field-less error.
		for _, body := range []string{`{"name": "Paja\u0000keskus", "sector": "business"}`,
			"{\"name\": \"Paja\xffkeskus\", \"sector\": \"business\"}", `{"name": "Pajakeskus", "sector": "business", "\u0000": 1}`} {
			res := env.Client(t).JSON(http.MethodPost, "/api/v1/organisations", token, body)
			if e := decodeAPIError(t, res); res.Status != http.StatusBadRequest || e.Error.Code != "invalid" {
				t.Errorf("POST /api/v1/organisations %q: %d %+v", body, res.Status, e)
			}
		}
		// An escaped backslash before u0000 is ordinary text.
		if res := env.Client(t).JSON(http.MethodPost, "/api/v1/organisations", token, `{"name": "Paja \\u0000 keskus", "sector": "business"}`); res.Status != http.StatusCreated {
			t.Errorf(`POST "\\u0000" as text: %d %s`, res.Status, res.Body)
		}
		var n int
		if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM organisations`).Scan(&n); err != nil || n != 1 {
			t.Errorf("organisations stored: %d %v, want only the last one", n, err)
		}
	})
}

// apiToken creates an API token for the account with email.
func apiToken(t *testing.T, env *servertest.Env, email string) string {
	t.Helper()
	var id int64
	if err := env.DB.QueryRowContext(context.Background(), `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id WHERE p.email = $1`, email).Scan(&id); err != nil {
		t.Fatal(err)
	}
	tok, err := auth.NewStore(env.DB).CreateAPIToken(context.Background(), id, "test", env.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestPagingBounds checks that no page number overflows the offset: HTML
// lists fall back to page 1, the API refuses pages past web.MaxAPIPage
// with a field error.
func TestPagingBounds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		c := env.Client(t)
		for _, path := range []string{"/organisations?page=9223372036854775807", "/networks?page=9223372036854775807", "/projects?page=-1"} {
			if res := c.Get(path); res.Status != http.StatusOK {
				t.Errorf("GET %s: %d", path, res.Status)
			}
		}
		for _, path := range []string{"/api/v1/organisations?page=9223372036854775807", "/api/v1/networks?page=1000001&per_page=200",
			"/api/v1/projects?page=92233720368547758", "/api/v1/organisations?page=0"} {
			res := c.JSON(http.MethodGet, path, "", "")
			if e := decodeAPIError(t, res); res.Status != http.StatusBadRequest || !strings.Contains(e.Error.Fields["page"], "1000000") {
				t.Errorf("GET %s: %d %+v", path, res.Status, e)
			}
		}
		if res := c.JSON(http.MethodGet, "/api/v1/organisations?page=1000000&per_page=200", "", ""); res.Status != http.StatusOK {
			t.Errorf("the last allowed page: %d %s", res.Status, res.Body)
		}
		res := c.JSON(http.MethodGet, "/api/v1/organisations?per_page=201", "", "")
		if e := decodeAPIError(t, res); res.Status != http.StatusBadRequest || e.Error.Fields["per_page"] == "" {
			t.Errorf("per_page=201: %d %+v", res.Status, e)
		}
	})
}

// TestLongSearchRefused checks that search text over 200 characters is
// refused with the message next to the search field (422) on every search
// page and with a field error in the API, instead of a 500 from SQLite
// ("LIKE pattern too complex") or a silently cut search.
func TestLongSearchRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := servertest.New(t, d)
		env.CreateUser(t, "Aino Admin", "admin@example.test", true)
		admin := env.Login(t, "admin@example.test")
		token := apiToken(t, env, "admin@example.test")
		b := fx.New(t, d, env.Clock)
		project := b.Project("Hanke")
		network := b.Network(project, "Verkosto")
		long := url.QueryEscape(strings.Repeat("ä", 60_000))
		ok200 := url.QueryEscape(strings.Repeat("ä", 200))
		for _, c := range []struct {
			path, field string
			client      *servertest.Client
		}{
			{"/organisations?q=", "q", env.Client(t)},
			{"/people?q=", "q", admin},
			{fmt.Sprintf("/networks/%d/memberships/new?q=", network), "q", admin},
			{fmt.Sprintf("/projects/%d?staff_q=", project), "staff_q", admin},
		} {
			res := c.client.Get(c.path + long)
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="`+c.field+`-error">Enintään 200 merkkiä.</p>`) ||
				!strings.Contains(res.Body, `aria-invalid="true"`) {
				t.Errorf("GET %s<60,000 characters>: %d\n%.500s", c.path, res.Status, res.Text())
			}
			if strings.Contains(res.Body, strings.Repeat("ä", 201)) {
				t.Errorf("GET %s: the page repeats more than 200 characters of the search", c.path)
			}
			if res := c.client.Get(c.path + ok200); res.Status != http.StatusOK {
				t.Errorf("GET %s<200 characters>: %d", c.path, res.Status)
			}
		}
		// The hidden search text of the add-member form is checked too.
		res := admin.PostForm(fmt.Sprintf("/networks/%d/memberships", network), url.Values{"q": {strings.Repeat("x", 60_000)}})
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("POST membership with a long search: %d\n%.300s", res.Status, res.Text())
		}
		for _, path := range []string{"/api/v1/organisations?q=", "/api/v1/people?q="} {
			res := env.Client(t).JSON(http.MethodGet, path+long, token, "")
			if e := decodeAPIError(t, res); res.Status != http.StatusBadRequest || e.Error.Fields["q"] == "" {
				t.Errorf("GET %s<60,000 characters>: %d %+v", path, res.Status, e)
			}
		}
	})
}
