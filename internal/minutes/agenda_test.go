package minutes_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestMinutesFromAgenda: the editor starts with a section per accepted
// agenda item with its preparer; the text, decisions and an action item
// are written per item; approval asks first, stating how many members get
// the mail, is not offered twice, and the mail's text part is clean text.
// The approval date is Helsinki's (00.29 on 23 November, not the UTC 22nd).
func TestMinutesFromAgenda(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		w := newWeb(t, d, servertest.WithMail(smtp.URL()))
		ctx := context.Background()
		page := w.base + "/minutes"
		b := fx.New(t, d, w.env.Clock)
		first := b.AgendaItem(w.f.meeting, "Avaus", meeting.ItemAccepted)
		second := b.AgendaItem(w.f.meeting, "Työkokeilupaikat", meeting.ItemAccepted)
		b.AgendaItem(w.f.meeting, "Ehdotettu asia", meeting.ItemProposed)
		// Sven prepares the second item.
		if err := meeting.NewStore(d).UpdateItem(ctx, second, meeting.ItemInput{Title: "Työkokeilupaikat", PreparerID: w.memberPerson}, w.env.Clock.Now()); err != nil {
			t.Fatal(err)
		}

		// The editor: a section per accepted item, numbered, with the preparer.
		ed := w.secretary.Get(page)
		txt := ed.Text()
		if ed.Status != http.StatusOK || !strings.Contains(txt, "1. Avaus") || !strings.Contains(txt, "2. Työkokeilupaikat") ||
			!strings.Contains(txt, "Valmistelija: Sven Svensson") || strings.Contains(txt, "Ehdotettu asia") ||
			!strings.Contains(ed.Body, `name="section-1-body"`) {
			t.Fatalf("editor: %d\n%s", ed.Status, txt)
		}
		// Nothing written: refused.
		empty := url.Values{"sections": {"2"}, "section-0-agenda-item": {fmt.Sprint(first)}, "section-1-agenda-item": {fmt.Sprint(second)}}
		if r := w.secretary.PostForm(page, empty); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("empty minutes: %d", r.Status)
		}
		// An action item without an owner is refused with the section's field.
		form := url.Values{"sections": {"2"},
			"section-0-agenda-item": {fmt.Sprint(first)}, "section-0-body": {"Puheenjohtaja avasi kokouksen."},
			"section-1-agenda-item": {fmt.Sprint(second)}, "section-1-body": {"Käsiteltiin **työkokeilupaikat**.\n\n## Huomiot\n\n- paikkoja 12"},
			"section-1-decisions":  {"Perustetaan työryhmä"},
			"section-1-item-title": {"Kartoita paikat"}, "section-1-item-due": {"2026-12-15"}}
		if r := w.secretary.PostForm(page, form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="section-1-item-owner-error">Tämä`) {
			t.Errorf("item without owner: %d\n%s", r.Status, r.Body)
		}
		if n := count(t, d, "minutes"); n != 0 {
			t.Fatalf("%d minutes stored from bad input", n)
		}
		form.Set("section-1-item-owner", fmt.Sprint(w.memberPerson))
		if r := w.secretary.PostForm(page, form); r.Status != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", r.Status, r.Text())
		}
		var linked int64
		if err := d.QueryRowContext(ctx, `SELECT agenda_item_id FROM action_items WHERE title = 'Kartoita paikat'`).Scan(&linked); err != nil || linked != second {
			t.Errorf("action item linked to %d (%v), want %d", linked, err, second)
		}
		view := w.member.Get(page)
		vt := view.Text()
		if !strings.Contains(vt, "2. Työkokeilupaikat") || !strings.Contains(view.Body, "<strong>työkokeilupaikat</strong>") ||
			!strings.Contains(vt, "Perustetaan työryhmä") || !strings.Contains(vt, "Kartoita paikat") {
			t.Errorf("minutes page:\n%s", vt)
		}
		// Approval is a link to the confirmation, for approvers only.
		if strings.Contains(w.secretary.Get(page).Body, `href="`+page+`/approve"`) {
			t.Errorf("approval offered to the secretary")
		}
		if !strings.Contains(w.convener.Get(page).Body, `href="`+page+`/approve"`) {
			t.Errorf("approval not offered to the convener")
		}
		if r := w.secretary.Get(page + "/approve"); r.Status != http.StatusForbidden {
			t.Errorf("secretary opens the confirmation: %d", r.Status)
		}
		conf := w.convener.Get(page + "/approve")
		if conf.Status != http.StatusOK || !strings.Contains(conf.Text(), "Pöytäkirja lähetetään 3 jäsenelle.") ||
			!strings.Contains(conf.Body, `action="`+page+`/approve"`) {
			t.Fatalf("confirmation: %d\n%s", conf.Status, conf.Text())
		}
		if n := count(t, d, "mail_messages"); n != 0 {
			t.Errorf("%d mails queued by the confirmation page", n)
		}
		// Approved at 00.29 Helsinki time on 23 November (22.29 UTC on the 22nd).
		w.env.Clock.Set(time.Date(2026, 11, 22, 22, 29, 0, 0, time.UTC))
		if r := w.convener.PostForm(page+"/approve", url.Values{"version": {"1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("approve: %d %s", r.Status, r.Text())
		}
		msgs := smtp.Wait(t, 3, 20*time.Second)
		for _, m := range msgs {
			for _, bad := range []string{"**", "##"} {
				if strings.Contains(m.Text, bad) {
					t.Errorf("%q in the text mail to %v:\n%s", bad, m.To, m.Text)
				}
			}
			if m.To[0] == "kaisa@example.fi" && (!strings.Contains(m.Text, "2. Työkokeilupaikat") || !strings.Contains(m.Text, "- paikkoja 12") ||
				!strings.Contains(m.Text, "Kokouksen ”Marraskuun kokous” pöytäkirja on hyväksytty (Työpajaverkosto).")) {
				t.Errorf("text mail:\n%s", m.Text)
			}
		}
		if v := w.member.Get(page).Text(); !strings.Contains(v, "23.11.2026") {
			t.Errorf("approval date not Helsinki's:\n%s", v)
		}
		// Not offered twice: the confirmation sends back to the minutes.
		if strings.Contains(w.convener.Get(page).Body, `href="`+page+`/approve"`) {
			t.Errorf("approval offered again")
		}
		if r := w.convener.Get(page + "/approve"); r.Status != http.StatusSeeOther || r.Location != page {
			t.Errorf("confirmation of approved minutes: %d %s", r.Status, r.Location)
		}
		// A correction at 00.10 Helsinki time is dated that day.
		w.env.Clock.Set(time.Date(2026, 11, 23, 22, 10, 0, 0, time.UTC))
		form.Del("section-1-item-title")
		form.Del("section-1-item-owner")
		form.Del("section-1-item-due")
		form.Set("section-0-body", "Puheenjohtaja avasi kokouksen klo 9.")
		form.Set("reason", "Kellonaika")
		if r := w.secretary.PostForm(page, form); r.Status != http.StatusSeeOther {
			t.Fatalf("correction: %d %s", r.Status, r.Text())
		}
		if v := w.member.Get(page).Text(); !strings.Contains(v, "24.11.2026") || !strings.Contains(v, "Kellonaika") {
			t.Errorf("revision date not Helsinki's:\n%s", v)
		}
		if n := count(t, d, "action_items"); n != 1 {
			t.Errorf("%d action items after the correction, want 1", n)
		}
	})
}

// TestMinutesSectionsAPI: PUT sends sections by agenda item (title and
// preparer from the agenda); a PUT without sections keeps them; an agenda
// item of another meeting is refused.
func TestMinutesSectionsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWeb(t, d)
		b := fx.New(t, d, w.env.Clock)
		item := b.AgendaItem(w.f.meeting, "Työkokeilupaikat", meeting.ItemAccepted)
		other := b.AgendaItem(w.f.next, "Muu asia", meeting.ItemAccepted)
		sec := apiToken(t, w, "sami@example.fi")
		c := w.env.Client(t)
		path := "/api/v1" + w.base + "/minutes"
		r := c.JSON(http.MethodPut, path, sec, fmt.Sprintf(`{"body": "", "sections": [{"agenda_item_id": %d, "title": "ignored", "body": "**Keskusteltiin**", "decisions": ["Päätös"]}]}`, item))
		var got minutes.JSON
		if err := json.Unmarshal([]byte(r.Body), &got); r.Status != http.StatusOK || err != nil || len(got.Sections) != 1 ||
			got.Sections[0].Title != "Työkokeilupaikat" || got.Sections[0].Number != 1 || len(got.Sections[0].Decisions) != 1 || len(got.Decisions) != 0 {
			t.Fatalf("put sections: %d %v %s", r.Status, err, r.Body)
		}
		r = c.JSON(http.MethodPut, path, sec, `{"body": "Muuta", "decisions": ["Yleinen päätös"]}`)
		if err := json.Unmarshal([]byte(r.Body), &got); r.Status != http.StatusOK || err != nil || len(got.Sections) != 1 || got.Body != "Muuta" {
			t.Errorf("put without sections: %d %v %s", r.Status, err, r.Body)
		}
		r = c.JSON(http.MethodPut, path, sec, fmt.Sprintf(`{"body": "x", "sections": [{"agenda_item_id": %d, "body": "y"}]}`, other))
		if r.Status != http.StatusBadRequest && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("another meeting's agenda item: %d %s", r.Status, r.Body)
		}
	})
}
