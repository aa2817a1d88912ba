package meeting_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
)

// deliveries counts the queued mail rows of a kind.
func deliveries(t *testing.T, d *db.DB, kind string) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_deliveries dl
		JOIN mail_messages m ON m.id = dl.message_id WHERE m.kind = $1`, kind).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCancelConfirmation: the meeting page links to a confirmation page
// that states how many members get the cancellation; its POST sends
// exactly that many. A meeting that has started offers no cancel, its
// confirmation page says why, and a direct POST is refused (409 on the
// page and in the API, in the caller's language) and mails nobody.
func TestCancelConfirmation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), meetingForm("Joulukuun kokous", "2026-12-08"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		page := r.Location
		if r := s.convener.Get(page); !strings.Contains(r.Body, `href="`+page+`/cancel"`) || strings.Contains(r.Body, `action="`+page+`/cancel"`) {
			t.Errorf("meeting page: want a link to the confirmation, no cancel form\n%s", r.Text())
		}
		if r := s.member.Get(page); strings.Contains(r.Body, page+"/cancel") {
			t.Errorf("a member is offered cancelling")
		}
		if r := s.member.Get(page + "/cancel"); r.Status != http.StatusForbidden {
			t.Errorf("member's confirmation page: %d", r.Status)
		}
		// Five current members with an address (seed's two, the three
		// accounts).
		r = s.convener.Get(page + "/cancel")
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "5 jäsentä saa peruutusviestin") ||
			!strings.Contains(r.Body, `action="`+page+`/cancel"`) {
			t.Fatalf("confirmation page: %d\n%s", r.Status, r.Text())
		}
		// The language switch of the page goes back to it.
		if !strings.Contains(r.Body, `name="next" value="`+page+`/cancel"`) {
			t.Errorf("language switch does not return to the confirmation page")
		}
		if r := s.convener.PostForm(page+"/cancel", nil); r.Status != http.StatusSeeOther || r.Location != page {
			t.Fatalf("cancel: %d %s", r.Status, r.Text())
		}
		if n := deliveries(t, d, meeting.KindCancel); n != 5 {
			t.Errorf("%d cancellation deliveries, want the 5 the page stated", n)
		}
		if r := s.convener.Get(page); strings.Contains(r.Body, page+"/cancel") {
			t.Errorf("a cancelled meeting still offers cancelling")
		}

		// A meeting that has started.
		start := s.env.Clock.Now().Add(-time.Hour)
		held := fixture.New(t, d, s.env.Clock).Meeting(s.network, "Pidetty kokous", start)
		heldPage := fmt.Sprintf("/meetings/%d", held)
		if r := s.convener.Get(heldPage); r.Status != http.StatusOK || strings.Contains(r.Body, heldPage+"/cancel") {
			t.Errorf("held meeting page offers cancelling: %d", r.Status)
		}
		r = s.convener.Get(heldPage + "/cancel")
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Kokous on jo alkanut") || strings.Contains(r.Body, `action="`+heldPage+`/cancel"`) {
			t.Errorf("held meeting's confirmation page: %d\n%s", r.Status, r.Text())
		}
		r = s.convener.PostForm(heldPage+"/cancel", nil)
		if r.Status != http.StatusConflict || !strings.Contains(r.Text(), "Kokous on jo alkanut") {
			t.Errorf("direct POST: %d\n%s", r.Status, r.Text())
		}
		tok := apiToken(t, s, s.convenerEmail)
		r = s.env.Client(t).JSON(http.MethodPost, "/api/v1/meetings/"+fmt.Sprint(held)+"/cancel", tok, "")
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Kokous on jo alkanut") {
			t.Errorf("API cancel: %d %s", r.Status, r.Body)
		}
		r = s.env.Client(t).JSON(http.MethodPut, "/api/v1/meetings/"+fmt.Sprint(held), tok,
			`{"title": "Pidetty kokous", "starts_at": "`+start.Format(time.RFC3339)+`", "ends_at": "`+start.Add(2*time.Hour).Format(time.RFC3339)+`", "mode": "in_person", "status": "cancelled"}`)
		if r.Status != http.StatusConflict {
			t.Errorf("API PUT status cancelled: %d %s", r.Status, r.Body)
		}
		if n := deliveries(t, d, meeting.KindCancel); n != 5 {
			t.Errorf("%d cancellation deliveries after the refusals, want 5", n)
		}
		if m, err := meeting.NewReader(d).Meeting(context.Background(), held); err != nil || m.Cancelled() {
			t.Errorf("held meeting cancelled: %+v %v", m, err)
		}
	})
}

// TestCancelService: the use case refuses a meeting that has started
// (start <= now) with ECONFLICT, and PlanCancel counts the members the
// cancellation mails.
func TestCancelService(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		network, _, _ := seed(t, d)
		clock := app.NewFixedClock(now)
		f := fixture.New(t, d, clock)
		staff := f.Person("Kaisa Koollekutsuja", "", 0)
		f.Member(network, staff, "convener")
		svc := meeting.NewService(d, auth.NewPolicy(d, clock), clock, nil)
		conv := &app.User{ID: 1, PersonID: staff}
		id := f.Meeting(network, "Kokous", now)
		if err := svc.Cancel(ctx, conv, id); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("cancel at the start: %v", err)
		}
		p, err := svc.PlanCancel(ctx, conv, id)
		if err != nil || !app.IsCode(p.Refused, app.ECONFLICT) {
			t.Errorf("plan at the start: %+v %v", p, err)
		}
		later := f.Meeting(network, "Myöhempi", now.Add(3*time.Hour))
		if p, err := svc.PlanCancel(ctx, conv, later); err != nil || p.Refused != nil {
			t.Errorf("plan a future meeting: %+v %v", p, err)
		}
		if err := svc.Cancel(ctx, conv, later); err != nil {
			t.Errorf("cancel a future meeting: %v", err)
		}
		if p, err := svc.PlanCancel(ctx, conv, later); err != nil || !app.IsCode(p.Refused, app.EINVALID) {
			t.Errorf("plan a cancelled meeting: %+v %v", p, err)
		}
	})
}

// TestProposalMailsConveners: a member's proposal queues one mail to each
// convener and secretary with an address, once, with the proposal; a
// convener's own item mails nobody.
func TestProposalMailsConveners(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		sec := s.env.CreateUser(t, "Sari Sihteeri", "sari@example.fi", false)
		fixture.New(t, d, s.env.Clock).Member(s.network, sec.PersonID, "secretary")
		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), meetingForm("Joulukuun kokous", "2026-12-08"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		page := r.Location
		if r := s.convener.PostForm(page+"/agenda", url.Values{"item_title": {"Puheenjohtajan asia"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("convener's item: %d", r.Status)
		}
		if n := deliveries(t, d, meeting.KindProposal); n != 0 {
			t.Errorf("convener's own item mailed %d", n)
		}
		if r := s.member.PostForm(page+"/agenda", url.Values{"item_title": {"Kesätyöt"}, "notes": {"Kesätyöpaikat nuorille"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("proposal: %d %s", r.Status, r.Text())
		}
		var to []string
		rows, err := d.QueryContext(context.Background(), `SELECT dl.recipient, m.subject, m.text_body FROM mail_deliveries dl
			JOIN mail_messages m ON m.id = dl.message_id WHERE m.kind = $1 ORDER BY dl.recipient`, meeting.KindProposal)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var rcpt, subject, body string
			if err := rows.Scan(&rcpt, &subject, &body); err != nil {
				t.Fatal(err)
			}
			to = append(to, rcpt)
			if subject != "Uusi asialistaehdotus: Kesätyöt" || !strings.Contains(body, "Matti Jäsen ehdotti uutta asiaa kokouksen ”Joulukuun kokous” (Työpajaverkosto) asialistalle.") ||
				!strings.Contains(body, "Kesätyöpaikat nuorille") || !strings.Contains(body, page+"#proposals") {
				t.Errorf("proposal mail %q:\n%s", subject, body)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if strings.Join(to, ",") != "kaisa@example.fi,sari@example.fi" {
			t.Errorf("proposal mailed to %v, want the convener and the secretary once each", to)
		}
	})
}

// TestEditAgendaItem: a manager edits an agenda item through its form
// (PRG); a bad value comes back with 422 next to the field, the
// language switch going to the form's GET address; deleting asks first.
func TestEditAgendaItem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), meetingForm("Joulukuun kokous", "2026-12-08"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		page := r.Location
		id := meetingID(t, page)
		item := fixture.New(t, d, s.env.Clock).AgendaItem(id, "Ajankohtaiset", meeting.ItemAccepted)
		itemPage := fmt.Sprintf("/agenda-items/%d", item)
		body := s.convener.Get(page).Body
		for _, want := range []string{`aria-label="Muokkaa: Ajankohtaiset"`, `aria-label="Poista: Ajankohtaiset"`, `href="` + itemPage + `/edit"`} {
			if !strings.Contains(body, want) {
				t.Errorf("meeting page lacks %s", want)
			}
		}
		if strings.Contains(body, `action="`+itemPage+`/delete" method="post"`) || strings.Contains(body, `method="post" action="`+itemPage+`/delete"`) {
			t.Errorf("the meeting page deletes without asking")
		}
		if r := s.member.Get(itemPage + "/edit"); r.Status != http.StatusForbidden {
			t.Errorf("member's edit form: %d", r.Status)
		}
		if r := s.convener.Get(itemPage + "/edit"); r.Status != http.StatusOK || !strings.Contains(r.Body, `value="Ajankohtaiset"`) {
			t.Fatalf("edit form: %d\n%s", r.Status, r.Text())
		}
		r = s.convener.PostForm(itemPage, url.Values{"item_title": {"Ajankohtaiset asiat"}, "minutes": {"20"}, "preparer_id": {fmt.Sprint(s.memberPerson)}})
		if r.Status != http.StatusSeeOther || r.Location != page+"#agenda" {
			t.Fatalf("save: %d %s", r.Status, r.Text())
		}
		it, err := meeting.NewStore(d).Item(context.Background(), item)
		if err != nil || it.Title != "Ajankohtaiset asiat" || it.Minutes != 20 || it.PreparerID != s.memberPerson {
			t.Errorf("after edit %+v %v", it, err)
		}
		r = s.convener.PostForm(itemPage, url.Values{"item_title": {""}, "minutes": {"9999"}})
		if r.Status != http.StatusUnprocessableEntity || pageError(r.Body, "minutes") == "" || pageError(r.Body, "item_title") == "" ||
			!strings.Contains(r.Body, `name="next" value="`+itemPage+`/edit"`) || !strings.Contains(r.Body, `href="#item_title"`) {
			t.Errorf("bad edit: %d\n%s", r.Status, r.Text())
		}
		r = s.convener.Get(itemPage + "/delete")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `action="`+itemPage+`/delete"`) {
			t.Errorf("delete confirmation: %d\n%s", r.Status, r.Text())
		}
		if r := s.convener.PostForm(itemPage+"/delete", nil); r.Status != http.StatusSeeOther {
			t.Errorf("delete: %d", r.Status)
		}
		if _, err := meeting.NewStore(d).Item(context.Background(), item); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("deleted item: %v", err)
		}
	})
}

func meetingID(t *testing.T, page string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(page, "/meetings/%d", &id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestMeetingPageForms: a failed proposal shows its error summary inside
// its own form (not at the top of the page) linking to the field, with
// the language switch returning to the meeting's address; an in-person
// meeting offers no remote answer and refuses one.
func TestMeetingPageForms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		f := meetingForm("Lähikokous", "2026-12-08")
		f.Set("mode", "in_person")
		f.Set("remote_link", "")
		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), f)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		page := r.Location
		r = s.member.PostForm(page+"/agenda", url.Values{"item_title": {""}})
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("empty proposal: %d", r.Status)
		}
		form := r.Body[strings.Index(r.Body, `action="`+page+`/agenda"`):]
		if !strings.Contains(form[:strings.Index(form, "</form>")], `class="error-summary"`) || !strings.Contains(form, `href="#item_title"`) {
			t.Errorf("no error summary in the proposal form\n%s", r.Text())
		}
		if strings.Count(r.Body, `class="error-summary"`) != 1 {
			t.Errorf("%d error summaries, want the form's only", strings.Count(r.Body, `class="error-summary"`))
		}
		if !strings.Contains(r.Body, `name="next" value="`+page+`"`) {
			t.Errorf("language switch after a failed POST does not go to the meeting page")
		}
		if body := s.member.Get(page).Body; strings.Contains(body, `value="remote"`) || !strings.Contains(body, `value="in_person"`) {
			t.Errorf("in-person meeting's answers offer remote")
		}
		r = s.member.PostForm(page+"/response", url.Values{"answer": {"remote"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "lähikokous") {
			t.Errorf("remote answer to an in-person meeting: %d\n%s", r.Status, r.Text())
		}
		// The .ics download, for everyone who sees the page.
		r = s.env.Client(t).Get(page + "/meeting.ics")
		if r.Status != http.StatusOK || !strings.Contains(r.Body, "BEGIN:VEVENT") || !strings.Contains(r.Body, "METHOD:PUBLISH") ||
			!strings.Contains(r.Body, "SUMMARY:Lähikokous") {
			t.Errorf("ics: %d %s", r.Status, r.Body)
		}
	})
}
