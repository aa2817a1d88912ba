package meeting_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestTranslationsService: the Swedish and English title and description
// are stored and read back, copied to every meeting of a series, replaced
// on update, trimmed, and held to the Finnish ones' limits.
func TestTranslationsService(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		network, _, _ := seed(t, d)
		clock := app.NewFixedClock(now)
		f := fixture.New(t, d, clock)
		staff := f.Person("Kaisa Koollekutsuja", "kaisa@example.fi", 0)
		f.Member(network, staff, "convener")
		svc := meeting.NewService(d, auth.NewPolicy(d, clock), clock, nil)
		convener := &app.User{ID: 1, PersonID: staff}

		start := now.Add(48 * time.Hour)
		in := meeting.Input{Title: "Verkostotapaaminen", TitleSv: " Nätverksmöte ", TitleEn: "Network meeting",
			Description: "Kuukausikokous.", DescriptionSv: "Månadsmöte.", DescriptionEn: "Monthly meeting.",
			StartsAt: start, EndsAt: start.Add(2 * time.Hour), Mode: meeting.ModeRemote, RRule: "FREQ=MONTHLY;COUNT=3"}
		ids, err := svc.Create(ctx, convener, network, in)
		if err != nil || len(ids) != 3 {
			t.Fatalf("create series: %v %v", ids, err)
		}
		for _, id := range ids {
			m, _, err := svc.Meeting(ctx, convener, id)
			if err != nil {
				t.Fatal(err)
			}
			if m.TitleSv != "Nätverksmöte" || m.TitleEn != "Network meeting" || m.DescriptionSv != "Månadsmöte." || m.DescriptionEn != "Monthly meeting." {
				t.Errorf("meeting %d of the series: %+v", id, m)
			}
			if m.TitleIn("sv") != "Nätverksmöte" || m.TitleIn("en") != "Network meeting" || m.TitleIn("fi") != "Verkostotapaaminen" {
				t.Errorf("TitleIn: %q %q %q", m.TitleIn("sv"), m.TitleIn("en"), m.TitleIn("fi"))
			}
		}

		// An update replaces them; an empty one falls back to Finnish.
		in = meeting.Input{Title: "Verkostotapaaminen", TitleSv: "Nätverksträff", Description: "Kuukausikokous.",
			StartsAt: start, EndsAt: start.Add(2 * time.Hour), Mode: meeting.ModeRemote}
		if err := svc.Update(ctx, convener, ids[0], in); err != nil {
			t.Fatal(err)
		}
		m, _, err := svc.Meeting(ctx, convener, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if m.TitleSv != "Nätverksträff" || m.TitleEn != "" || m.DescriptionSv != "" || m.TitleIn("en") != "Verkostotapaaminen" ||
			m.DescriptionIn("sv") != "Kuukausikokous." {
			t.Errorf("after update: %+v", m)
		}
		if m.Sequence != 1 {
			t.Errorf("a changed translation is a change calendars show: sequence %d", m.Sequence)
		}

		// The same limits as the Finnish ones.
		long := meeting.Input{Title: "Kokous", TitleSv: strings.Repeat("x", meeting.MaxTitle+1), TitleEn: strings.Repeat("x", meeting.MaxTitle+1),
			DescriptionSv: strings.Repeat("x", meeting.MaxDescription+1), DescriptionEn: strings.Repeat("x", meeting.MaxDescription+1),
			StartsAt: start.Add(24 * time.Hour), EndsAt: start.Add(26 * time.Hour), Mode: meeting.ModeRemote}
		_, err = svc.Create(ctx, convener, network, long)
		e := app.AsError(err)
		if e == nil || e.Code != app.EINVALID {
			t.Fatalf("too long: %v", err)
		}
		got := map[string]bool{}
		for _, fe := range e.Fields {
			got[fe.Field] = true
		}
		for _, want := range []string{"title_sv", "title_en", "description_sv", "description_en"} {
			if !got[want] {
				t.Errorf("no error on %s: %+v", want, e.Fields)
			}
		}
	})
}

// TestTranslatedMeetingPage: the form takes the Swedish and English texts
// (folded away until one is given); the page shows the Swedish title and
// description to a Swedish reader and, without an English title, the
// Finnish one to an English reader. The .ics file follows the reader too.
func TestTranslatedMeetingPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		if r := s.convener.Get(fmt.Sprintf("/networks/%d/meetings/new", s.network)); !strings.Contains(r.Body, `<details class="translations">`) ||
			!strings.Contains(r.Body, `name="title_sv"`) || !strings.Contains(r.Body, "Otsikko ja kuvaus ruotsiksi ja englanniksi") {
			t.Errorf("new meeting form: want the folded Swedish and English fields\n%s", r.Body)
		}
		form := meetingForm("Verkostotapaaminen", "2026-12-08")
		form.Set("title_sv", "Nätverksmöte")
		form.Set("description", "Suomeksi kuvattu.")
		form.Set("description_sv", "Beskrivet på svenska.")
		r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), form)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		page := r.Location

		sv := s.env.Client(t)
		sv.Lang = "sv"
		r = sv.Get(page)
		if !strings.Contains(r.Body, `<h1 class="wrap-words">Nätverksmöte</h1>`) || !strings.Contains(r.Body, "<title>Nätverksmöte") ||
			!strings.Contains(r.Text(), "Beskrivet på svenska.") || strings.Contains(r.Text(), "Suomeksi kuvattu.") {
			t.Errorf("Swedish page:\n%s", r.Text())
		}
		en := s.env.Client(t)
		en.Lang = "en"
		if r := en.Get(page); !strings.Contains(r.Body, `<h1 class="wrap-words">Verkostotapaaminen</h1>`) || !strings.Contains(r.Text(), "Suomeksi kuvattu.") {
			t.Errorf("English page without an English title:\n%s", r.Text())
		}
		// The network's list in Swedish.
		if r := sv.Get(fmt.Sprintf("/networks/%d/meetings", s.network)); !strings.Contains(r.Text(), "Nätverksmöte") {
			t.Errorf("Swedish list:\n%s", r.Text())
		}
		// The calendar file in the reader's language.
		r = sv.Get(page + "/meeting.ics")
		cal, err := ics.ParseCalendar(strings.NewReader(r.Body))
		if err != nil || prop(cal, ics.ComponentPropertySummary) != "Nätverksmöte" {
			t.Errorf("Swedish .ics: %v\n%s", err, r.Body)
		}
		r = en.Get(page + "/meeting.ics")
		if cal, err := ics.ParseCalendar(strings.NewReader(r.Body)); err != nil || prop(cal, ics.ComponentPropertySummary) != "Verkostotapaaminen" {
			t.Errorf("English .ics: %v\n%s", err, r.Body)
		}

		// The edit form opens the fold when a translation is given.
		if r := s.convener.Get(page + "/edit"); !strings.Contains(r.Body, `<details class="translations" open>`) ||
			!strings.Contains(r.Body, `value="Nätverksmöte"`) {
			t.Errorf("edit form: want the fold open with the Swedish title\n%s", r.Body)
		}
		// A Swedish title too long comes back with the fold open.
		form.Set("title_sv", strings.Repeat("x", meeting.MaxTitle+1))
		form.Set("description_sv", "")
		r = s.convener.PostForm(page, form)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `<details class="translations" open>`) ||
			!strings.Contains(r.Body, `href="#title_sv"`) {
			t.Errorf("too long Swedish title: %d\n%s", r.Status, r.Body)
		}
	})
}

// TestTranslationsAPI: the API reads and writes title_sv, title_en,
// description_sv and description_en; a PUT replaces them.
func TestTranslationsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newSetup(t, d)
		conv := apiToken(t, s, s.convenerEmail)
		path := apiMeeting(t, s, conv, `{"title": "Verkostotapaaminen", "title_sv": "Nätverksmöte", "title_en": "Network meeting",
			"description": "Kuvaus", "description_sv": "Beskrivning", "description_en": "Description",
			"starts_at": "2026-12-08T09:00", "ends_at": "2026-12-08T11:00", "mode": "remote"}`)
		c := s.env.Client(t)
		got := decode[meeting.JSON](t, c.JSON(http.MethodGet, path, conv, ""))
		if got.TitleSv != "Nätverksmöte" || got.TitleEn != "Network meeting" || got.DescriptionSv != "Beskrivning" || got.DescriptionEn != "Description" {
			t.Errorf("read back: %+v", got)
		}
		r := c.JSON(http.MethodPut, path, conv, `{"title": "Verkostotapaaminen", "title_en": "Network get-together",
			"starts_at": "2026-12-08T09:00", "ends_at": "2026-12-08T11:00", "mode": "remote"}`)
		got = decode[meeting.JSON](t, r)
		if r.Status != http.StatusOK || got.TitleSv != "" || got.TitleEn != "Network get-together" || got.DescriptionSv != "" {
			t.Errorf("after PUT: %d %+v", r.Status, got)
		}
		r = c.JSON(http.MethodPut, path, conv, fmt.Sprintf(`{"title": "Verkostotapaaminen", "title_sv": %q,
			"starts_at": "2026-12-08T09:00", "ends_at": "2026-12-08T11:00", "mode": "remote"}`, strings.Repeat("x", meeting.MaxTitle+1)))
		if f := errFields(t, r); r.Status != http.StatusBadRequest || len(f) != 1 || f[0] != "title_sv" {
			t.Errorf("too long title_sv: %d %v", r.Status, f)
		}
	})
}

// TestInvitationInRecipientLanguage: a Swedish-speaking member's
// invitation (subject, text and calendar file) carries the Swedish title;
// a Finnish-speaking member's the Finnish one.
func TestInvitationInRecipientLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		s := newSetup(t, d, servertest.WithMail(smtp.URL()))
		form := meetingForm("Verkostotapaaminen", "2026-12-08")
		form.Set("title_sv", "Nätverksmöte")
		if r := s.convener.PostForm(fmt.Sprintf("/networks/%d/meetings", s.network), form); r.Status != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.Status, r.Text())
		}
		msgs := smtp.Wait(t, 5, 20*time.Second)
		seen := 0
		for _, m := range msgs {
			cal, _ := calendar(t, m.Data)
			summary := prop(cal, ics.ComponentPropertySummary)
			switch m.To[0] {
			case "sven@example.fi", "bertil@example.fi":
				seen++
				if !strings.HasPrefix(m.Subject(), "Kallelse: Nätverksmöte") || !strings.Contains(m.Text, "Nätverksmöte") ||
					strings.Contains(m.Text, "Verkostotapaaminen") || summary != "Nätverksmöte" {
					t.Errorf("Swedish invitation to %s: %s %q\n%s", m.To[0], m.Subject(), summary, m.Text)
				}
			case s.memberEmail:
				seen++
				if !strings.HasPrefix(m.Subject(), "Kokouskutsu: Verkostotapaaminen") || summary != "Verkostotapaaminen" {
					t.Errorf("Finnish invitation: %s %q", m.Subject(), summary)
				}
			}
		}
		if seen != 3 {
			t.Errorf("%d invitations checked, want 3", seen)
		}
	})
}

// TestCachedListSeesTranslation: the network's meeting list, served from
// each instance's cache, shows a Swedish title another instance (its own
// connection pool, plain SQL) gave a meeting on the very next request.
func TestCachedListSeesTranslation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newSetup(t, d)
		f := fixture.New(t, d, s.env.Clock)
		id := f.Meeting(s.network, "Syyskokous", s.env.Clock.Now().Add(72*time.Hour))
		c := s.env.Client(t)
		list := func() []meeting.JSON {
			t.Helper()
			r := c.JSON(http.MethodGet, fmt.Sprintf("/api/v1/networks/%d/meetings?per_page=50", s.network), "", "")
			if r.Status != http.StatusOK {
				t.Fatalf("list: %d %s", r.Status, r.Body)
			}
			return decode[struct {
				Items []meeting.JSON `json:"items"`
			}](t, r).Items
		}
		svTitle := func(items []meeting.JSON) string {
			for _, m := range items {
				if m.ID == id {
					return m.TitleSv
				}
			}
			return "missing"
		}
		list()
		if got := svTitle(list()); got != "" {
			t.Fatalf("before: %q", got)
		}
		other, err := db.Open(ctx, d.DSN)
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if _, err := other.ExecContext(ctx, `UPDATE meetings SET title_sv = 'Höstmöte' WHERE id = `+fmt.Sprint(id)); err != nil {
			t.Fatal(err)
		}
		if got := svTitle(list()); got != "Höstmöte" {
			t.Errorf("after another instance's write: %q, want Höstmöte", got)
		}
		// The HTML list in Swedish too.
		sv := s.env.Client(t)
		sv.Lang = "sv"
		if r := sv.Get(fmt.Sprintf("/networks/%d/meetings", s.network)); !strings.Contains(r.Text(), "Höstmöte") {
			t.Errorf("Swedish HTML list:\n%s", r.Text())
		}
	})
}
