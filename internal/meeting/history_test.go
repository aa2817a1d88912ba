package meeting_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	netpkg "github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// history is the attendance fixture (now is 22.11.2026):
//
//	N1: anna (org A, from 1.1.2026), bertil (org A, anna's deputy, from
//	1.1.2026), cecilia (org B, 1.3.–31.5.2026); meetings M0 9.12.2025,
//	M1 10.2., M2 14.4., M3 9.6., M4 8.9. (cancelled), M5 8.12.2026 (future).
//	N2: anna (org A, membership made 15.6.2026); meetings K1 20.5., K2 19.8.,
//	K3 21.10.2026.
//	Attended: M1 anna; M2 bertil (remote), cecilia; M3 anna (remote), bertil;
//	K3 anna; M1 dora for org C (dora is no longer a member).
type history struct {
	n1, n2, orgA, orgB, orgC        int64
	anna, bertil, cecilia, dora     int64
	m0, m1, m2, m3, m4, m5          int64
	k1, k2, k3                      int64
	annaN1, bertilN1, cecN1, annaN2 int64
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// seedHistory builds the fixture around four existing people.
func seedHistory(t *testing.T, d *db.DB, anna, bertil, cecilia, dora int64) *history {
	t.Helper()
	h := &history{anna: anna, bertil: bertil, cecilia: cecilia, dora: dora}
	ts := db.Now(now)
	f := fixture.New(t, d, app.NewFixedClock(now))
	h.orgA = f.OrgWith(org.Organisation{Name: "Oulun kaupunki", Sector: org.SectorMunicipality, MunicipalityCode: "564"})
	h.orgB = f.Org("Nuorten Ystävät ry", org.SectorThirdSector)
	h.orgC = f.Org("Pajakeskus Oy", org.SectorBusiness)
	p := f.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"})
	h.n1 = f.Network(p, "Työpajaverkosto")
	h.n2 = f.Network(p, "Osaamisverkosto")
	member := func(network, person, org, deputyOf int64, start, end *time.Time, created time.Time) int64 {
		return f.At(created).MemberWith(network, netpkg.MembershipInput{PersonID: person, Role: netpkg.RoleMember, OrganisationID: org,
			DeputyOfID: deputyOf, TermStart: start, TermEnd: end})
	}
	date := func(y int, m time.Month, d int) *time.Time { t := day(y, m, d); return &t }
	h.annaN1 = member(h.n1, anna, h.orgA, 0, date(2026, 1, 1), nil, now)
	h.bertilN1 = member(h.n1, bertil, h.orgA, h.annaN1, date(2026, 1, 1), nil, now)
	h.cecN1 = member(h.n1, cecilia, h.orgB, 0, date(2026, 3, 1), date(2026, 5, 31), now)
	h.annaN2 = member(h.n2, anna, h.orgA, 0, nil, nil, helsinki(2026, 6, 15, 10, 0))
	meet := func(network int64, title string, start time.Time, status string) int64 {
		id := f.MeetingWith(network, meeting.Input{Title: title, StartsAt: start, Mode: meeting.ModeHybrid})
		if status == meeting.StatusCancelled {
			f.Cancel(id)
		}
		return id
	}
	h.m0 = meet(h.n1, "Joulukokous", helsinki(2025, 12, 9, 9, 0), "scheduled")
	h.m1 = meet(h.n1, "Helmikuun kokous", helsinki(2026, 2, 10, 9, 0), "scheduled")
	h.m2 = meet(h.n1, "Huhtikuun kokous", helsinki(2026, 4, 14, 9, 0), "scheduled")
	h.m3 = meet(h.n1, "Kesäkuun kokous", helsinki(2026, 6, 9, 9, 0), "scheduled")
	h.m4 = meet(h.n1, "Syyskuun kokous", helsinki(2026, 9, 8, 9, 0), "cancelled")
	h.m5 = meet(h.n1, "Joulukuun kokous", helsinki(2026, 12, 8, 9, 0), "scheduled")
	h.k1 = meet(h.n2, "Toukokuun tapaaminen", helsinki(2026, 5, 20, 13, 0), "scheduled")
	h.k2 = meet(h.n2, "Elokuun tapaaminen", helsinki(2026, 8, 19, 13, 0), "scheduled")
	h.k3 = meet(h.n2, "Lokakuun tapaaminen", helsinki(2026, 10, 21, 13, 0), "scheduled")
	// Attendance as it was recorded, for the organisation then
	// represented: dora has no membership left, so the store, which
	// takes the organisation from the current membership, cannot write
	// these rows.
	attend := func(m, person, org int64, mode string) {
		if _, err := d.ExecContext(context.Background(), `INSERT INTO meeting_attendance (meeting_id, person_id, organisation_id, mode, recorded_at)
			VALUES ($1, $2, $3, $4, $5)`, m, person, org, mode, ts); err != nil {
			t.Fatal(err)
		}
	}
	attend(h.m1, anna, h.orgA, "in_person")
	attend(h.m2, bertil, h.orgA, "remote")
	attend(h.m2, cecilia, h.orgB, "in_person")
	attend(h.m3, anna, h.orgA, "remote")
	attend(h.m3, bertil, h.orgA, "in_person")
	attend(h.k3, anna, h.orgA, "in_person")
	attend(h.m1, dora, h.orgC, "remote")
	s := meeting.NewStore(d)
	for _, r := range []struct {
		m      int64
		answer string
	}{{h.m1, "in_person"}, {h.m2, "not_attending"}} {
		if err := s.SetResponse(context.Background(), r.m, anna, r.answer, now); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

func person(t *testing.T, d *db.DB, name string) int64 {
	t.Helper()
	return fixture.New(t, d, app.NewFixedClock(now)).Person(name, "", 0)
}

func all(int64) (bool, error) { return true, nil }

func ids(ms []meeting.PersonMeeting) []int64 {
	var out []int64
	for _, m := range ms {
		out = append(out, m.MeetingID)
	}
	return out
}

func TestHistoryStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		h := seedHistory(t, d, person(t, d, "Anna Aho"), person(t, d, "Bertil Berg"), person(t, d, "Cecilia Carlsson"), person(t, d, "Dora Dahl"))
		s := meeting.NewStore(d)

		t.Run("Person", func(t *testing.T) {
			p, err := s.PersonHistory(ctx, h.anna, now, all)
			if err != nil {
				t.Fatal(err)
			}
			// Joined N1 on 1.1. (M0 before, M4 cancelled, M5 ahead) and N2
			// on 15.6. (K1 before).
			if got, want := ids(p.Meetings), []int64{h.k3, h.k2, h.m3, h.m2, h.m1}; !slices.Equal(got, want) {
				t.Fatalf("meetings %v, want %v", got, want)
			}
			if p.Summary != (meeting.Tally{Held: 5, Present: 3}) || p.Summary.Rate() != 60 {
				t.Errorf("summary %+v rate %d", p.Summary, p.Summary.Rate())
			}
			if p.Since == nil || p.Since.Format("2006-01-02") != "2026-01-01" {
				t.Errorf("since %v", p.Since)
			}
			if len(p.Networks) != 2 || p.Networks[0].NetworkID != h.n2 || p.Networks[0].Tally != (meeting.Tally{Held: 2, Present: 1}) ||
				p.Networks[1].Tally != (meeting.Tally{Held: 3, Present: 2}) || p.Networks[1].Rate() != 67 || p.Networks[1].Role != "member" {
				t.Errorf("networks %+v", p.Networks)
			}
			if p.Networks[0].Since.Format("2006-01-02") != "2026-06-15" {
				t.Errorf("N2 since %v", p.Networks[0].Since)
			}
			m2, m1 := p.Meetings[3], p.Meetings[4]
			if m2.Answer != "not_attending" || m2.Attended != "" || m1.Answer != "in_person" || m1.Attended != "in_person" ||
				m1.OrganisationName != "Oulun kaupunki" || p.Meetings[2].Attended != "remote" {
				t.Errorf("rows %+v", p.Meetings)
			}
		})

		t.Run("DeputyAndTerm", func(t *testing.T) {
			// The deputy is not expected when the member came (M1, M3), but
			// what they attended counts.
			b, err := s.PersonHistory(ctx, h.bertil, now, all)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := ids(b.Meetings), []int64{h.m3, h.m2}; !slices.Equal(got, want) || b.Summary != (meeting.Tally{Held: 2, Present: 2}) {
				t.Errorf("deputy: meetings %v %+v", got, b.Summary)
			}
			// The term ended on 31.5.: M3 is not counted.
			c, err := s.PersonHistory(ctx, h.cecilia, now, all)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(c.Meetings); !slices.Equal(got, []int64{h.m2}) || c.Summary.Rate() != 100 {
				t.Errorf("term: meetings %v %+v", got, c.Summary)
			}
			// No longer a member: what they attended stays.
			dd, err := s.PersonHistory(ctx, h.dora, now, all)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(dd.Meetings); !slices.Equal(got, []int64{h.m1}) || len(dd.Networks) != 1 || dd.Networks[0].Role != "" || dd.Since != nil {
				t.Errorf("former member: %v %+v", got, dd.Networks)
			}
		})

		t.Run("Visibility", func(t *testing.T) {
			var asked []int64
			p, err := s.PersonHistory(ctx, h.anna, now, func(n int64) (bool, error) {
				asked = append(asked, n)
				return n == h.n2, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(p.Meetings); !slices.Equal(got, []int64{h.k3, h.k2}) || len(p.Networks) != 1 || p.Summary != (meeting.Tally{Held: 2, Present: 1}) {
				t.Errorf("only N2: %v %+v", got, p.Summary)
			}
			if len(asked) != 2 {
				t.Errorf("asked about %v", asked)
			}
			if _, err := s.PersonHistory(ctx, 999999, now, all); !app.IsCode(err, app.ENOTFOUND) {
				t.Errorf("unknown person: %v", err)
			}
		})

		t.Run("Organisation", func(t *testing.T) {
			o, err := s.OrgHistory(ctx, h.orgA, now, func(int64, []int64) (bool, error) { return true, nil })
			if err != nil {
				t.Fatal(err)
			}
			if o.Summary != (meeting.Tally{Held: 5, Present: 4}) || o.Summary.Rate() != 80 || len(o.Networks) != 2 {
				t.Fatalf("org A: %+v", o)
			}
			n2, n1 := o.Networks[0], o.Networks[1]
			if n1.NetworkID != h.n1 || n1.Tally != (meeting.Tally{Held: 3, Present: 3}) || len(n1.Meetings) != 3 ||
				n1.Meetings[0].MeetingID != h.m3 || len(n1.Meetings[0].Present) != 2 || n1.Since.Format("2006-01-02") != "2026-01-01" {
				t.Errorf("org A in N1: %+v", n1)
			}
			if len(n1.Representatives) != 2 || !n1.Representatives[1].Deputy || n1.Representatives[1].PersonID != h.bertil {
				t.Errorf("representatives %+v", n1.Representatives)
			}
			if n2.Tally != (meeting.Tally{Held: 2, Present: 1}) || len(n2.Meetings[1].Present) != 0 {
				t.Errorf("org A in N2: %+v", n2)
			}
			// Org B's only member left on 31.5.: M2 only.
			b, err := s.OrgHistory(ctx, h.orgB, now, func(int64, []int64) (bool, error) { return true, nil })
			if err != nil {
				t.Fatal(err)
			}
			if b.Summary != (meeting.Tally{Held: 1, Present: 1}) || b.Networks[0].Meetings[0].MeetingID != h.m2 {
				t.Errorf("org B: %+v", b)
			}
			// Org C has no member now: its one represented meeting.
			c, err := s.OrgHistory(ctx, h.orgC, now, func(int64, []int64) (bool, error) { return true, nil })
			if err != nil {
				t.Fatal(err)
			}
			if c.Summary != (meeting.Tally{Held: 1, Present: 1}) || len(c.Networks) != 1 || c.Networks[0].Since != nil {
				t.Errorf("org C: %+v", c)
			}
			// The callback hears the current representatives and hides N2.
			o, err = s.OrgHistory(ctx, h.orgA, now, func(n int64, reps []int64) (bool, error) {
				if n == h.n1 && !slices.Equal(reps, []int64{h.anna, h.bertil}) {
					t.Errorf("representatives in N1: %v", reps)
				}
				return n == h.n1, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(o.Networks) != 1 || o.Summary != (meeting.Tally{Held: 3, Present: 3}) {
				t.Errorf("only N1: %+v", o.Summary)
			}
			if _, err := s.OrgHistory(ctx, 999999, now, nil); !app.IsCode(err, app.ENOTFOUND) {
				t.Errorf("unknown organisation: %v", err)
			}
		})
	})
}

// historyEnv is the fixture on a running server with accounts: anna,
// a convener of N1, another member of N1, an outsider and an admin.
type historyEnv struct {
	*history
	env                                *servertest.Env
	annaC, convC, memberC, outC, admin *servertest.Client
	tokens                             map[string]string
}

func newHistoryEnv(t *testing.T, d *db.DB) *historyEnv {
	t.Helper()
	env := servertest.New(t, d)
	anna := env.CreateUser(t, "Anna Aho", "anna@example.fi", false)
	conv := env.CreateUser(t, "Kaisa Koollekutsuja", "kaisa@example.fi", false)
	mem := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
	out := env.CreateUser(t, "Outi Ulkopuolinen", "outi@example.fi", false)
	adm := env.CreateUser(t, "Aino Admin", "admin@example.fi", true)
	h := seedHistory(t, d, anna.PersonID, person(t, d, "Bertil Berg"), person(t, d, "Cecilia Carlsson"), person(t, d, "Dora Dahl"))
	f := fixture.New(t, d, app.NewFixedClock(now))
	for _, m := range []struct {
		p    int64
		role string
	}{{conv.PersonID, "convener"}, {mem.PersonID, "member"}} {
		f.Member(h.n1, m.p, m.role)
	}
	e := &historyEnv{history: h, env: env, tokens: map[string]string{}}
	e.annaC, e.convC, e.memberC, e.outC, e.admin = env.Login(t, "anna@example.fi"), env.Login(t, "kaisa@example.fi"),
		env.Login(t, "matti@example.fi"), env.Login(t, "outi@example.fi"), env.Login(t, "admin@example.fi")
	for name, a := range map[string]int64{"anna": anna.ID, "conv": conv.ID, "member": mem.ID, "out": out.ID, "admin": adm.ID} {
		tok, err := auth.NewStore(d).CreateAPIToken(context.Background(), a, "test", env.Clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[name] = tok
	}
	return e
}

func TestHistoryPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newHistoryEnv(t, d)
		annaPage := fmt.Sprintf("/people/%d/attendance", e.anna)
		orgPage := fmt.Sprintf("/organisations/%d/attendance", e.orgA)

		// The person themself: every network.
		r := e.annaC.Get(annaPage)
		if r.Status != http.StatusOK {
			t.Fatalf("self: %d %s", r.Status, r.Text())
		}
		for _, want := range []string{"Lokakuun tapaaminen", "Osaamisverkosto", "Työpajaverkosto", "60 %", "Ei paikalla", "En osallistu"} {
			if !strings.Contains(r.Text(), want) {
				t.Errorf("self page lacks %q: %s", want, r.Text())
			}
		}
		// The convener of N1 sees N1's rows only.
		r = e.convC.Get(annaPage)
		if r.Status != http.StatusOK || strings.Contains(r.Text(), "Osaamisverkosto") || !strings.Contains(r.Text(), "Kesäkuun kokous") ||
			!strings.Contains(r.Text(), "67 %") {
			t.Errorf("convener: %d %s", r.Status, r.Text())
		}
		// Another member and an outsider may not; the public signs in.
		for name, c := range map[string]*servertest.Client{"member": e.memberC, "outsider": e.outC} {
			if r := c.Get(annaPage); r.Status != http.StatusForbidden {
				t.Errorf("%s: %d", name, r.Status)
			}
			if r := c.Get(orgPage); r.Status != http.StatusForbidden {
				t.Errorf("%s on the organisation: %d", name, r.Status)
			}
		}
		if r := e.env.Client(t).Get(annaPage); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("public: %d %q", r.Status, r.Location)
		}
		if r := e.admin.Get("/people/999999/attendance"); r.Status != http.StatusNotFound {
			t.Errorf("unknown person: %d", r.Status)
		}
		if r := e.admin.Get("/organisations/999999/attendance"); r.Status != http.StatusNotFound {
			t.Errorf("unknown organisation: %d", r.Status)
		}
		// The page is linked from the person's own page.
		if r := e.annaC.Get(fmt.Sprintf("/people/%d", e.anna)); !strings.Contains(r.Body, `href="`+annaPage+`"`) {
			t.Error("no link from the person page")
		}
		if r := e.convC.Get(fmt.Sprintf("/organisations/%d", e.orgA)); !strings.Contains(r.Body, `href="`+orgPage+`"`) {
			t.Error("no link from the organisation page")
		}
		// The links show exactly to those who may open the pages: the
		// convener and the representative, not another member.
		if r := e.convC.Get(fmt.Sprintf("/people/%d", e.anna)); !strings.Contains(r.Body, `href="`+annaPage+`"`) {
			t.Error("no link for the convener on the person page")
		}
		if r := e.annaC.Get(fmt.Sprintf("/organisations/%d", e.orgA)); !strings.Contains(r.Body, `href="`+orgPage+`"`) {
			t.Error("no link for the representative on the organisation page")
		}
		if r := e.memberC.Get(fmt.Sprintf("/people/%d", e.anna)); strings.Contains(r.Body, `href="`+annaPage+`"`) {
			t.Error("another member sees a link to a page they may not open")
		}
		if r := e.memberC.Get(fmt.Sprintf("/organisations/%d", e.orgA)); strings.Contains(r.Body, `href="`+orgPage+`"`) {
			t.Error("another member sees a link to the organisation's history")
		}

		// The organisation: its representative sees both networks, the
		// convener N1's.
		r = e.annaC.Get(orgPage)
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "80 %") || !strings.Contains(r.Text(), "Osaamisverkosto") ||
			!strings.Contains(r.Text(), "Bertil Berg (Paikan päällä)") {
			t.Errorf("representative: %d %s", r.Status, r.Text())
		}
		r = e.convC.Get(orgPage)
		if r.Status != http.StatusOK || strings.Contains(r.Text(), "Osaamisverkosto") || !strings.Contains(r.Text(), "100 %") {
			t.Errorf("convener on the organisation: %d %s", r.Status, r.Text())
		}
		en := e.env.Login(t, "anna@example.fi")
		en.Get("/lang/en?next=/")
		if r := en.Get(orgPage); !strings.Contains(r.Text(), "80%") || !strings.Contains(r.Text(), "Representatives present") {
			t.Errorf("English: %s", r.Text())
		}
	})
}

func TestHistoryAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := newHistoryEnv(t, d)
		c := e.env.Client(t)
		get := func(path, who string) (int, map[string]any, string) {
			r := c.JSON(http.MethodGet, path, e.tokens[who], "")
			var v map[string]any
			_ = json.Unmarshal([]byte(r.Body), &v)
			return r.Status, v, r.Body
		}
		annaPath := fmt.Sprintf("/api/v1/people/%d/attendance", e.anna)
		orgPath := fmt.Sprintf("/api/v1/organisations/%d/attendance", e.orgA)

		status, v, body := get(annaPath, "anna")
		if status != http.StatusOK {
			t.Fatalf("self: %d %s", status, body)
		}
		checkSchema(t, v, "PersonAttendance")
		sum := v["summary"].(map[string]any)
		if sum["held"] != 5.0 || sum["present"] != 3.0 || sum["rate_percent"] != 60.0 || v["since"] != "2026-01-01" {
			t.Errorf("summary %v since %v", sum, v["since"])
		}
		ms := v["meetings"].([]any)
		m2 := ms[3].(map[string]any)
		if len(ms) != 5 || m2["attended"] != "absent" || m2["answer"] != "not_attending" || ms[1].(map[string]any)["answer"] != nil {
			t.Errorf("meetings %v", ms)
		}

		status, v, _ = get(annaPath, "conv")
		if status != http.StatusOK || len(v["meetings"].([]any)) != 3 || len(v["networks"].([]any)) != 1 {
			t.Errorf("convener: %d %v", status, v)
		}
		status, v, _ = get(orgPath, "anna")
		if status != http.StatusOK {
			t.Fatalf("organisation: %d", status)
		}
		checkSchema(t, v, "OrganisationAttendance")
		if s := v["summary"].(map[string]any); s["held"] != 5.0 || s["present"] != 4.0 || s["rate_percent"] != 80.0 {
			t.Errorf("organisation summary %v", s)
		}
		status, v, _ = get(fmt.Sprintf("/api/v1/people/%d/attendance", e.cecilia), "admin")
		if status != http.StatusOK {
			t.Errorf("admin: %d", status)
		}
		checkSchema(t, v, "PersonAttendance")
		for _, who := range []string{"member", "out"} {
			if status, v, _ := get(annaPath, who); status != http.StatusForbidden {
				t.Errorf("%s: %d", who, status)
			} else {
				checkSchema(t, v, "Error")
			}
			if status, _, _ := get(orgPath, who); status != http.StatusForbidden {
				t.Errorf("%s on the organisation: %d", who, status)
			}
		}
		if status, _, _ := get(annaPath, ""); status != http.StatusUnauthorized {
			t.Errorf("public: %d", status)
		}
		if status, _, _ := get("/api/v1/people/999999/attendance", "admin"); status != http.StatusNotFound {
			t.Errorf("unknown: %d", status)
		}
		// An organisation with no network: only admins see it (empty).
		empty := fixture.New(t, d, app.NewFixedClock(now)).Org("Tyhjä Oy", org.SectorBusiness)
		status, v, _ = get(fmt.Sprintf("/api/v1/organisations/%d/attendance", empty), "admin")
		if status != http.StatusOK || v["summary"].(map[string]any)["rate_percent"] != nil {
			t.Errorf("empty organisation: %d %v", status, v)
		}
		checkSchema(t, v, "OrganisationAttendance")
	})
}

// checkSchema checks v against a schema of the assembled API description:
// required properties present, none undocumented, types agree.
func checkSchema(t *testing.T, v any, name string) {
	t.Helper()
	var doc struct {
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	document, err := server.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(document, &doc); err != nil {
		t.Fatal(err)
	}
	var check func(v any, s map[string]any, at string)
	check = func(v any, s map[string]any, at string) {
		if ref, ok := s["$ref"].(string); ok {
			ref = strings.TrimPrefix(ref, "#/components/schemas/")
			rs, ok := doc.Components.Schemas[ref]
			if !ok {
				t.Errorf("%s: unknown schema %s", at, ref)
				return
			}
			check(v, rs, at)
			return
		}
		if all, ok := s["allOf"].([]any); ok {
			for _, x := range all {
				check(v, x.(map[string]any), at)
			}
			return
		}
		var types []string
		switch x := s["type"].(type) {
		case string:
			types = []string{x}
		case []any:
			for _, y := range x {
				types = append(types, y.(string))
			}
		}
		typ := "null"
		switch x := v.(type) {
		case map[string]any:
			typ = "object"
		case []any:
			typ = "array"
		case string:
			typ = "string"
		case bool:
			typ = "boolean"
		case float64:
			typ = "number"
			if x == float64(int64(x)) {
				typ = "integer"
			}
		}
		if len(types) > 0 && !slices.Contains(types, typ) && !(typ == "integer" && slices.Contains(types, "number")) {
			t.Errorf("%s: %s, want %v", at, typ, types)
			return
		}
		switch x := v.(type) {
		case map[string]any:
			props, _ := s["properties"].(map[string]any)
			req, _ := s["required"].([]any)
			for _, r := range req {
				if _, ok := x[r.(string)]; !ok {
					t.Errorf("%s: required %q missing", at, r)
				}
			}
			for k, val := range x {
				ps, ok := props[k].(map[string]any)
				if !ok {
					t.Errorf("%s: property %q is not documented", at, k)
					continue
				}
				check(val, ps, at+"."+k)
			}
		case []any:
			if items, ok := s["items"].(map[string]any); ok {
				for i, e := range x {
					check(e, items, fmt.Sprintf("%s[%d]", at, i))
				}
			}
		}
		if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
			t.Errorf("%s: %v not in %v", at, v, enum)
		}
	}
	check(v, map[string]any{"$ref": "#/components/schemas/" + name}, name)
}
