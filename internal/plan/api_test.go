package plan_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/plan"
)

func TestIndicatorAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		c := s.env.Client(t)
		coord := s.coordToken
		// A member of the network reads but does not edit.
		mem := s.env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
		fixture.New(t, d, s.env.Clock).Member(s.network, mem.PersonID, "member")
		member := token(t, s.env, mem)

		post := func(path, body string) string {
			t.Helper()
			r := c.JSON(http.MethodPost, path, coord, body)
			if r.Status != http.StatusCreated {
				t.Fatalf("POST %s: %d %s", path, r.Status, r.Body)
			}
			return r.Header.Get("Location")
		}
		p := post("/api/v1/networks/"+itoa(s.network)+"/plans", `{"title": "Suunnitelma 2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31", "status": "active"}`)
		o := post(p+"/objectives", `{"title": "Nuoret töihin"}`)
		a := post(o+"/actions", `{"title": "Työkokeilut"}`)
		inds := a + "/indicators"

		// Bad input: 400 with the fields, nothing stored.
		for body, field := range map[string]string{
			`{"name": "", "target": 10}`:                                 `"name"`,
			`{"name": "Kokeilut"}`:                                       `"target"`,
			`{"name": "Kokeilut", "target": 1e300}`:                      `"target"`,
			`{"name": "Kokeilut", "target": "kymmen"}`:                   `"target"`,
			`{"name": "Kokeilut", "target": 10, "baseline": -1e300}`:     `"baseline"`,
			`{"name": "` + strings.Repeat("x", 301) + `", "target": 10}`: `"name"`,
		} {
			r := c.JSON(http.MethodPost, inds, coord, body)
			if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, field) {
				t.Errorf("bad %.60s: %d %s", body, r.Status, r.Body)
			}
		}
		if r := c.JSON(http.MethodPost, inds, coord, `{"name": "x", "target": 1, "nonsense": 1}`); r.Status != http.StatusBadRequest {
			t.Errorf("unknown field: %d", r.Status)
		}
		if n := count(t, d, "plan_indicators"); n != 0 {
			t.Fatalf("%d indicators from bad input", n)
		}

		// Permissions.
		body := `{"name": "Työkokeilupaikat", "unit": "kpl", "baseline": 4, "target": 20}`
		for name, tok := range map[string]string{"member": member, "outsider": s.outsiderToken} {
			if r := c.JSON(http.MethodPost, inds, tok, body); r.Status != http.StatusForbidden {
				t.Errorf("%s adds an indicator: %d", name, r.Status)
			}
		}
		if r := c.JSON(http.MethodPost, inds, "", body); r.Status != http.StatusUnauthorized {
			t.Errorf("public adds an indicator: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, "/api/v1/actions/999999/indicators", coord, body); r.Status != http.StatusNotFound {
			t.Errorf("missing action: %d", r.Status)
		}

		r := c.JSON(http.MethodPost, inds, coord, body)
		var ind plan.IndicatorJSON
		if r.Status != http.StatusCreated || json.Unmarshal([]byte(r.Body), &ind) != nil || ind.Name != "Työkokeilupaikat" || ind.Unit != "kpl" ||
			ind.Baseline == nil || *ind.Baseline != 4 || ind.Target != 20 || len(ind.Values) != 0 || !strings.HasSuffix(a, "/"+itoa(ind.ActionID)) {
			t.Fatalf("create: %d %s", r.Status, r.Body)
		}
		loc := r.Header.Get("Location")
		if loc != "/api/v1/indicators/"+itoa(ind.ID) {
			t.Errorf("Location %q", loc)
		}

		// Values: managers record, a date's value is replaced.
		vals := loc + "/values"
		for _, bad := range []string{`{}`, `{"measured_on": "2027-13-01", "value": 5}`, `{"measured_on": "2027-03-01"}`, `{"measured_on": "2027-03-01", "value": "viisi"}`} {
			if r := c.JSON(http.MethodPost, vals, coord, bad); r.Status != http.StatusBadRequest {
				t.Errorf("bad value %s: %d %s", bad, r.Status, r.Body)
			}
		}
		if n := count(t, d, "indicator_values"); n != 0 {
			t.Fatalf("%d values from bad input", n)
		}
		if r := c.JSON(http.MethodPost, vals, member, `{"measured_on": "2027-03-01", "value": 5}`); r.Status != http.StatusForbidden {
			t.Errorf("member records a value: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, vals, "", `{"measured_on": "2027-03-01", "value": 5}`); r.Status != http.StatusUnauthorized {
			t.Errorf("public records a value: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, "/api/v1/indicators/999999/values", coord, `{"measured_on": "2027-03-01", "value": 5}`); r.Status != http.StatusNotFound {
			t.Errorf("missing indicator: %d", r.Status)
		}
		for _, v := range []string{`{"measured_on": "2027-06-01", "value": 9}`, `{"measured_on": "2027-03-01", "value": 5}`, `{"measured_on": "2027-03-01", "value": 6.5}`} {
			if r := c.JSON(http.MethodPost, vals, coord, v); r.Status != http.StatusOK {
				t.Errorf("value %s: %d %s", v, r.Status, r.Body)
			}
		}

		// Anyone signed in reads it, with every value oldest first.
		for name, tok := range map[string]string{"member": member, "outsider": s.outsiderToken} {
			r := c.JSON(http.MethodGet, loc, tok, "")
			var got plan.IndicatorJSON
			if r.Status != http.StatusOK || json.Unmarshal([]byte(r.Body), &got) != nil || len(got.Values) != 2 ||
				got.Values[0].MeasuredOn != "2027-03-01" || got.Values[0].Value != 6.5 || got.Values[1].Value != 9 {
				t.Errorf("%s reads: %d %s", name, r.Status, r.Body)
			}
		}
		if r := c.JSON(http.MethodGet, loc, "", ""); r.Status != http.StatusUnauthorized {
			t.Errorf("public reads: %d", r.Status)
		}
		for _, p := range []string{"/api/v1/indicators/999999", "/api/v1/indicators/abc"} {
			if r := c.JSON(http.MethodGet, p, coord, ""); r.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, r.Status)
			}
		}
		// The action lists it with its values.
		if r := c.JSON(http.MethodGet, a, member, ""); !strings.Contains(r.Body, `"action_id":`+itoa(ind.ActionID)) || !strings.Contains(r.Body, `"value":6.5`) {
			t.Errorf("action: %s", r.Body)
		}
	})
}
