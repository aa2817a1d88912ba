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

	ics "github.com/arran4/golang-ical"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// apiMeeting creates a meeting through the API as the convener and returns
// its API path.
func apiMeeting(t *testing.T, s *setup, tok, body string) string {
	t.Helper()
	r := s.env.Client(t).JSON(http.MethodPost, fmt.Sprintf("/api/v1/networks/%d/meetings", s.network), tok, body)
	if r.Status != http.StatusCreated {
		t.Fatalf("create meeting: %d %s", r.Status, r.Body)
	}
	return r.Header.Get("Location")
}

func decode[T any](t *testing.T, r *servertest.Response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.Body), &v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
	return v
}

// errFields returns the field names of an API error.
func errFields(t *testing.T, r *servertest.Response) []string {
	t.Helper()
	var e struct {
		Error struct {
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	_ = json.Unmarshal([]byte(r.Body), &e)
	var out []string
	for f := range e.Error.Fields {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

func TestAgendaAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		conv, mem := apiToken(t, s, s.convenerEmail), apiToken(t, s, s.memberEmail)
		sv, out := apiToken(t, s, "sven@example.fi"), apiToken(t, s, "outi@example.fi")
		c := s.env.Client(t)
		m := apiMeeting(t, s, conv, `{"title": "Joulukuun kokous", "starts_at": "2026-12-08T09:00", "ends_at": "2026-12-08T11:00",
			"mode": "remote", "agenda_deadline": "2026-12-01T00:00"}`)
		agenda := m + "/agenda"

		// A member proposes an item.
		r := c.JSON(http.MethodPost, agenda, mem, fmt.Sprintf(`{"title": " Työkokeilupaikat ", "preparer_id": %d, "minutes": 20, "link": "https://example.fi/muistio"}`, s.memberPerson))
		if r.Status != http.StatusCreated {
			t.Fatalf("propose: %d %s", r.Status, r.Body)
		}
		prop := decode[meeting.ItemJSON](t, r)
		if prop.Status != meeting.ItemProposed || prop.Title != "Työkokeilupaikat" || prop.Position != 1 || prop.PreparerName != "Matti Jäsen" ||
			prop.ProposedByID == nil || *prop.ProposedByID != s.memberPerson || r.Header.Get("Location") != fmt.Sprintf("/api/v1/agenda-items/%d", prop.ID) {
			t.Errorf("proposal: %+v", prop)
		}
		item := r.Header.Get("Location")

		// Bad input: 400 with the fields, nothing stored.
		var outsider int64
		if err := d.QueryRowContext(context.Background(), `SELECT id FROM people WHERE email = 'outi@example.fi'`).Scan(&outsider); err != nil {
			t.Fatal(err)
		}
		for body, field := range map[string]string{
			`{"title": ""}`:                                            "title",
			`{"title": "x", "minutes": -5}`:                            "minutes",
			`{"title": "x", "minutes": 601}`:                           "minutes",
			`{"title": "x", "link": "ftp://example.fi"}`:               "link",
			`{"title": "x", "minutes": "kaksi"}`:                       "minutes",
			fmt.Sprintf(`{"title": "x", "preparer_id": %d}`, outsider): "preparer_id",
		} {
			r := c.JSON(http.MethodPost, agenda, mem, body)
			if r.Status != http.StatusBadRequest || !slices.Contains(errFields(t, r), field) {
				t.Errorf("bad %s: %d %s", body, r.Status, r.Body)
			}
		}
		for _, body := range []string{`{"title": "x", "status": "accepted"}`, `{"title": "x", "position": 1}`, `{"nonsense": 1}`, `[`} {
			if r := c.JSON(http.MethodPost, agenda, mem, body); r.Status != http.StatusBadRequest {
				t.Errorf("bad %s: %d %s", body, r.Status, r.Body)
			}
		}
		if n := count(t, d, "agenda_items"); n != 1 {
			t.Fatalf("%d agenda items stored", n)
		}

		// Permissions.
		if r := c.JSON(http.MethodPost, agenda, out, `{"title": "x"}`); r.Status != http.StatusForbidden {
			t.Errorf("outsider proposes: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, agenda, "", `{"title": "x"}`); r.Status != http.StatusUnauthorized {
			t.Errorf("public proposes: %d", r.Status)
		}
		if r := c.JSON(http.MethodGet, agenda, "", ""); r.Status != http.StatusUnauthorized {
			t.Errorf("public reads the agenda: %d", r.Status)
		}
		for _, p := range []string{"/api/v1/meetings/999999/agenda", "/api/v1/meetings/abc/agenda"} {
			if r := c.JSON(http.MethodGet, p, conv, ""); r.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, r.Status)
			}
		}
		if r := c.JSON(http.MethodGet, "/api/v1/agenda-items/999999", conv, ""); r.Status != http.StatusNotFound {
			t.Errorf("missing item: %d", r.Status)
		}

		// Proposals are seen by managers and their proposer only.
		for name, tc := range map[string]struct {
			tok  string
			want int
		}{"convener": {conv, 1}, "proposer": {mem, 1}, "other member": {sv, 0}, "outsider": {out, 0}} {
			r := c.JSON(http.MethodGet, agenda, tc.tok, "")
			list := decode[web.ListResponse[meeting.ItemJSON]](t, r)
			if r.Status != http.StatusOK || list.Total != tc.want || len(list.Items) != tc.want {
				t.Errorf("%s lists the agenda: %d %s", name, r.Status, r.Body)
			}
		}
		if r := c.JSON(http.MethodGet, item, sv, ""); r.Status != http.StatusForbidden {
			t.Errorf("other member reads the proposal: %d", r.Status)
		}
		if r := c.JSON(http.MethodGet, item, mem, ""); r.Status != http.StatusOK {
			t.Errorf("proposer reads the proposal: %d", r.Status)
		}

		// The convener adds an accepted item, then accepts the proposal and
		// moves it first.
		r = c.JSON(http.MethodPost, agenda, conv, `{"title": "Ajankohtaiset", "minutes": 10}`)
		if r.Status != http.StatusCreated || decode[meeting.ItemJSON](t, r).Status != meeting.ItemAccepted {
			t.Fatalf("convener adds: %d %s", r.Status, r.Body)
		}
		first := decode[meeting.ItemJSON](t, r)
		put := fmt.Sprintf(`{"title": "Työkokeilupaikat 2027", "preparer_id": %d, "minutes": 30, "status": "accepted", "position": 1}`, s.memberPerson)
		if r := c.JSON(http.MethodPut, item, mem, put); r.Status != http.StatusForbidden {
			t.Errorf("member accepts: %d", r.Status)
		}
		if r := c.JSON(http.MethodDelete, item, mem, ""); r.Status != http.StatusForbidden {
			t.Errorf("member deletes: %d", r.Status)
		}
		// A bad place changes nothing (the title neither).
		if r := c.JSON(http.MethodPut, item, conv, strings.Replace(put, `"position": 1`, `"position": 3`, 1)); r.Status != http.StatusBadRequest ||
			!slices.Contains(errFields(t, r), "position") {
			t.Errorf("position 3 of 2: %d %s", r.Status, r.Body)
		}
		for _, bad := range []string{`{"title": "x", "status": "rejected"}`, `{"title": "x", "position": 0}`, `{"title": ""}`} {
			if r := c.JSON(http.MethodPut, item, conv, bad); r.Status != http.StatusBadRequest {
				t.Errorf("bad put %s: %d %s", bad, r.Status, r.Body)
			}
		}
		if r := c.JSON(http.MethodGet, item, conv, ""); decode[meeting.ItemJSON](t, r).Title != "Työkokeilupaikat" || decode[meeting.ItemJSON](t, r).Status != meeting.ItemProposed {
			t.Errorf("bad input changed the item: %s", r.Body)
		}
		r = c.JSON(http.MethodPut, item, conv, put)
		got := decode[meeting.ItemJSON](t, r)
		if r.Status != http.StatusOK || got.Status != meeting.ItemAccepted || got.Position != 1 || got.Title != "Työkokeilupaikat 2027" || got.Minutes != 30 || got.Link != "" {
			t.Errorf("accept and move: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodGet, agenda, sv, "")
		list := decode[web.ListResponse[meeting.ItemJSON]](t, r)
		if len(list.Items) != 2 || list.Items[0].ID != prop.ID || list.Items[1].ID != first.ID || list.Items[1].Position != 2 {
			t.Errorf("agenda after the move: %s", r.Body)
		}
		// An accepted item does not go back; moving it last works.
		if r := c.JSON(http.MethodPut, item, conv, `{"title": "x", "status": "proposed"}`); r.Status != http.StatusBadRequest {
			t.Errorf("unaccept: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodPut, item, conv, `{"title": "Työkokeilupaikat 2027", "position": 2, "id": 1, "created_at": "x", "proposed_by_name": "x"}`)
		if got := decode[meeting.ItemJSON](t, r); r.Status != http.StatusOK || got.Position != 2 || got.PreparerID != nil || got.Status != meeting.ItemAccepted {
			t.Errorf("move last: %d %s", r.Status, r.Body)
		}
		// Now accepted, everyone signed in sees it.
		if r := c.JSON(http.MethodGet, item, out, ""); r.Status != http.StatusOK {
			t.Errorf("outsider reads an accepted item: %d", r.Status)
		}

		if r := c.JSON(http.MethodDelete, item, conv, ""); r.Status != http.StatusNoContent {
			t.Errorf("delete: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, item, conv, ""); r.Status != http.StatusNotFound {
			t.Errorf("deleted item: %d", r.Status)
		}

		// After the deadline members may no longer propose; the convener
		// still adds.
		s.env.Clock.Set(time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC))
		if r := c.JSON(http.MethodPost, agenda, mem, `{"title": "Myöhässä"}`); r.Status != http.StatusBadRequest {
			t.Errorf("late proposal: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodPost, agenda, conv, `{"title": "Lisäys"}`); r.Status != http.StatusCreated {
			t.Errorf("convener adds after the deadline: %d %s", r.Status, r.Body)
		}
	})
}

func TestResponsesAndAttendanceAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		conv, mem := apiToken(t, s, s.convenerEmail), apiToken(t, s, s.memberEmail)
		out := apiToken(t, s, "outi@example.fi")
		c := s.env.Client(t)
		m := apiMeeting(t, s, conv, `{"title": "Huomenna", "starts_at": "2026-11-23T09:00", "ends_at": "2026-11-23T11:00", "mode": "hybrid"}`)

		// Answers.
		if r := c.JSON(http.MethodPut, m+"/response", mem, `{"answer": "maybe"}`); r.Status != http.StatusBadRequest ||
			!slices.Contains(errFields(t, r), "answer") {
			t.Errorf("bad answer: %d %s", r.Status, r.Body)
		}
		if n := count(t, d, "meeting_responses"); n != 0 {
			t.Fatalf("%d responses stored from bad input", n)
		}
		if r := c.JSON(http.MethodPut, m+"/response", out, `{"answer": "remote"}`); r.Status != http.StatusForbidden {
			t.Errorf("outsider answers: %d", r.Status)
		}
		if r := c.JSON(http.MethodPut, m+"/response", "", `{"answer": "remote"}`); r.Status != http.StatusUnauthorized {
			t.Errorf("public answers: %d", r.Status)
		}
		if r := c.JSON(http.MethodPut, m+"/response", mem, `{"answer": "in_person"}`); r.Status != http.StatusOK {
			t.Errorf("first answer: %d %s", r.Status, r.Body)
		}
		r := c.JSON(http.MethodPut, m+"/response", mem, `{"answer": "remote", "person_name": "ignored"}`)
		if got := decode[meeting.ResponseJSON](t, r); r.Status != http.StatusOK || got.Answer != meeting.AnswerRemote || got.PersonID != s.memberPerson {
			t.Errorf("answer: %d %s", r.Status, r.Body)
		}

		// Who comes: members see the answers, managers also what is
		// missing.
		r = c.JSON(http.MethodGet, m+"/responses", mem, "")
		got := decode[meeting.ResponsesJSON](t, r)
		if r.Status != http.StatusOK || got.MyAnswer == nil || *got.MyAnswer != "remote" || got.Counts["remote"] != 1 || got.Counts["no_answer"] != 4 ||
			len(got.Responses) != 1 || got.MissingSectors != nil || got.MissingMunicipalities != nil || !strings.Contains(r.Body, `"missing_sectors":null`) {
			t.Errorf("member's view: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodGet, m+"/responses", conv, "")
		got = decode[meeting.ResponsesJSON](t, r)
		if r.Status != http.StatusOK || got.MyAnswer != nil || !slices.Contains(got.MissingSectors, "municipality") || got.MissingMunicipalities == nil {
			t.Errorf("convener's view: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, m+"/responses", out, ""); r.Status != http.StatusForbidden {
			t.Errorf("outsider reads answers: %d", r.Status)
		}

		// Attendance is recorded at the meeting, by managers.
		att := fmt.Sprintf(`{"attendance": [{"person_id": %d, "mode": "remote"}]}`, s.memberPerson)
		if r := c.JSON(http.MethodPut, m+"/attendance", conv, att); r.Status != http.StatusBadRequest {
			t.Errorf("attendance the day before: %d %s", r.Status, r.Body)
		}
		s.env.Clock.Set(time.Date(2026, 11, 23, 7, 30, 0, 0, time.UTC))
		if r := c.JSON(http.MethodPut, m+"/attendance", mem, att); r.Status != http.StatusForbidden {
			t.Errorf("member records attendance: %d", r.Status)
		}
		var outsider int64
		if err := d.QueryRowContext(context.Background(), `SELECT id FROM people WHERE email = 'outi@example.fi'`).Scan(&outsider); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{
			`{}`,
			fmt.Sprintf(`{"attendance": [{"person_id": %d, "mode": "telepathy"}]}`, s.memberPerson),
			fmt.Sprintf(`{"attendance": [{"person_id": %d, "mode": "remote"}]}`, outsider),
			fmt.Sprintf(`{"attendance": [{"person_id": %d, "mode": "remote"}, {"person_id": %d, "mode": "in_person"}]}`, s.memberPerson, s.memberPerson),
			`{"attendance": [{"person_id": 0, "mode": "remote"}]}`,
		} {
			if r := c.JSON(http.MethodPut, m+"/attendance", conv, bad); r.Status != http.StatusBadRequest || len(errFields(t, r)) == 0 {
				t.Errorf("bad attendance %s: %d %s", bad, r.Status, r.Body)
			}
		}
		if n := count(t, d, "meeting_attendance"); n != 0 {
			t.Fatalf("%d attendance rows from bad input", n)
		}
		r = c.JSON(http.MethodPut, m+"/attendance", conv, fmt.Sprintf(`{"attendance": [{"person_id": %d, "mode": "remote", "person_name": "x"}, {"person_id": %d, "mode": "in_person"}]}`, s.memberPerson, s.svPerson))
		if a := decode[meeting.AttendanceJSON](t, r); r.Status != http.StatusOK || len(a.Attendance) != 2 {
			t.Errorf("record: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodGet, m+"/attendance", mem, "")
		if a := decode[meeting.AttendanceJSON](t, r); r.Status != http.StatusOK || len(a.Attendance) != 2 || a.Attendance[0].PersonName != "Matti Jäsen" ||
			a.Attendance[0].Mode != "remote" {
			t.Errorf("member reads attendance: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, m+"/attendance", out, ""); r.Status != http.StatusForbidden {
			t.Errorf("outsider reads attendance: %d", r.Status)
		}
		// An empty list clears it.
		if r := c.JSON(http.MethodPut, m+"/attendance", conv, `{"attendance": []}`); r.Status != http.StatusOK || count(t, d, "meeting_attendance") != 0 {
			t.Errorf("clear: %d %s", r.Status, r.Body)
		}

		// A meeting that is over can no longer be answered.
		s.env.Clock.Set(time.Date(2026, 11, 24, 7, 30, 0, 0, time.UTC))
		if r := c.JSON(http.MethodPut, m+"/response", mem, `{"answer": "remote"}`); r.Status != http.StatusBadRequest {
			t.Errorf("answer after the meeting: %d %s", r.Status, r.Body)
		}
	})
}

func TestCancelAPISendsCancel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		s := newSetup(t, d, servertest.WithMail(smtp.URL()))
		conv, mem := apiToken(t, s, s.convenerEmail), apiToken(t, s, s.memberEmail)
		c := s.env.Client(t)
		m := apiMeeting(t, s, conv, `{"title": "Peruttava", "starts_at": "2026-12-08T09:00", "ends_at": "2026-12-08T11:00", "mode": "remote"}`)
		smtp.Wait(t, 5, 20*time.Second)

		if r := c.JSON(http.MethodPost, m+"/cancel", mem, ""); r.Status != http.StatusForbidden {
			t.Errorf("member cancels: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, m+"/cancel", "", ""); r.Status != http.StatusUnauthorized {
			t.Errorf("public cancels: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, "/api/v1/meetings/999999/cancel", conv, ""); r.Status != http.StatusNotFound {
			t.Errorf("missing meeting: %d", r.Status)
		}
		r := c.JSON(http.MethodPost, m+"/cancel", conv, "")
		got := decode[meeting.JSON](t, r)
		if r.Status != http.StatusOK || got.Status != meeting.StatusCancelled || got.Sequence != 1 {
			t.Fatalf("cancel: %d %s", r.Status, r.Body)
		}
		msgs := smtp.Wait(t, 10, 20*time.Second)
		var to []string
		for _, msg := range msgs[5:] {
			cal, ctype := calendar(t, msg.Data)
			if calMethod(cal) != "CANCEL" || !strings.Contains(ctype, "method=CANCEL") || prop(cal, ics.ComponentPropertySequence) != "1" {
				t.Errorf("cancel ics: %s %s", ctype, cal.Serialize())
			}
			to = append(to, msg.To...)
		}
		slices.Sort(to)
		want := []string{"anna@example.fi", "bertil@example.fi", s.convenerEmail, s.memberEmail, "sven@example.fi"}
		slices.Sort(want)
		if !slices.Equal(to, want) {
			t.Errorf("cancel recipients %v, want %v", to, want)
		}
		// Cancelling again is refused and sends nothing.
		if r := c.JSON(http.MethodPost, m+"/cancel", conv, ""); r.Status != http.StatusBadRequest {
			t.Errorf("cancel twice: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodPut, m+"/response", mem, `{"answer": "remote"}`); r.Status != http.StatusBadRequest {
			t.Errorf("answer a cancelled meeting: %d", r.Status)
		}
		time.Sleep(300 * time.Millisecond)
		if n := len(smtp.Messages()); n != 10 {
			t.Errorf("%d messages, want 10", n)
		}
	})
}
