package minutes_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// web is a network with a past meeting and a next one, a convener, a
// secretary, a Swedish-speaking member representing an organisation and an
// outsider, all with accounts.
type web struct {
	env                                   *servertest.Env
	f                                     fixture
	convener, secretary, member, outsider *servertest.Client
	memberPerson, outsiderPerson          int64
	base                                  string // /meetings/{id}
}

func newWeb(t *testing.T, d *db.DB, opts ...servertest.Option) *web {
	t.Helper()
	env := servertest.New(t, d, opts...)
	f := seed(t, d)
	ctx := context.Background()
	// The seed's people without accounts leave the network: mail goes to
	// the account holders.
	if _, err := d.ExecContext(ctx, `DELETE FROM memberships WHERE network_id = $1`, f.network); err != nil {
		t.Fatal(err)
	}
	conv := env.CreateUser(t, "Kaisa Koollekutsuja", "kaisa@example.fi", false)
	sec := env.CreateUser(t, "Sami Sihteeri", "sami@example.fi", false)
	mem := env.CreateUser(t, "Sven Svensson", "sven@example.fi", false)
	out := env.CreateUser(t, "Outi Ulkopuolinen", "outi2@example.fi", false)
	if _, err := d.ExecContext(ctx, `UPDATE people SET lang = 'sv' WHERE id = $1`, mem.PersonID); err != nil {
		t.Fatal(err)
	}
	b := fx.New(t, d, env.Clock)
	for _, m := range []struct {
		p    int64
		role string
		org  int64
	}{{conv.PersonID, "convener", 0}, {sec.PersonID, "secretary", 0}, {mem.PersonID, "member", f.org}} {
		b.MemberWith(f.network, network.MembershipInput{PersonID: m.p, Role: m.role, OrganisationID: m.org})
	}
	return &web{env: env, f: f, convener: env.Login(t, "kaisa@example.fi"), secretary: env.Login(t, "sami@example.fi"),
		member: env.Login(t, "sven@example.fi"), outsider: env.Login(t, "outi2@example.fi"),
		memberPerson: mem.PersonID, outsiderPerson: out.PersonID, base: fmt.Sprintf("/meetings/%d", f.meeting)}
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

const script = "<script>alert('pöytäkirja')</script>"

func minutesForm(body, decisions string) url.Values {
	return url.Values{"body": {body}, "decisions": {decisions}}
}

func TestMinutesPagesAndMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		w := newWeb(t, d, servertest.WithMail(smtp.URL()))
		page := w.base + "/minutes"

		// Bad input: 422, translated, nothing stored.
		r := w.secretary.PostForm(page, minutesForm("  ", "Päätös"))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "Tämä tieto on pakollinen") {
			t.Errorf("empty minutes: %d\n%s", r.Status, r.Text())
		}
		if n := count(t, d, "minutes"); n != 0 {
			t.Fatalf("%d minutes stored from bad input", n)
		}
		// Permissions and unknown ids.
		if r := w.member.PostForm(page, minutesForm("Jäsen kirjoittaa", "")); r.Status != http.StatusForbidden {
			t.Errorf("member writes minutes: %d", r.Status)
		}
		if r := w.outsider.Get(page); r.Status != http.StatusForbidden {
			t.Errorf("outsider reads minutes: %d", r.Status)
		}
		if r := w.env.Client(t).Get(page); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Errorf("public reads minutes: %d %s", r.Status, r.Location)
		}
		for _, p := range []string{"/meetings/999999/minutes", "/meetings/abc/minutes", "/action-items/999999/edit", "/meetings/999999/summary"} {
			if r := w.convener.Get(p); r.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, r.Status)
			}
		}

		// The secretary writes the minutes; a script never reaches the page.
		r = w.secretary.PostForm(page, minutesForm("# Marraskuu\n\n"+script+"\n\n**Tärkeää**: työkokeilut.", "Perustetaan työryhmä\n\nHyväksytään budjetti"))
		if r.Status != http.StatusSeeOther || r.Location != page {
			t.Fatalf("save: %d %s\n%s", r.Status, r.Location, r.Text())
		}
		view := w.member.Get(page)
		if view.Status != http.StatusOK || strings.Contains(view.Body, "<script>alert") || !strings.Contains(view.Body, "<strong>Tärkeää</strong>") ||
			!strings.Contains(view.Body, "Perustetaan työryhmä") {
			t.Errorf("minutes page: %d\n%s", view.Status, view.Body)
		}

		// Action items: an owner outside the network is refused.
		item := url.Values{"title": {"Kartoita työkokeilupaikat"}, "owner_id": {fmt.Sprint(w.outsiderPerson)}, "due_on": {"2026-12-15"},
			"plan_action_id": {fmt.Sprint(w.f.action)}}
		if r := w.secretary.PostForm(w.base+"/action-items", item); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Text(), "nykyinen jäsen") {
			t.Errorf("outsider owner: %d %s", r.Status, r.Text())
		}
		bad := url.Values{"title": {""}, "owner_id": {"x"}, "due_on": {"31.31.2026"}}
		if r := w.secretary.PostForm(w.base+"/action-items", bad); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad item: %d", r.Status)
		}
		if n := count(t, d, "action_items"); n != 0 {
			t.Fatalf("%d action items stored from bad input", n)
		}
		item.Set("owner_id", fmt.Sprint(w.memberPerson))
		if r := w.secretary.PostForm(w.base+"/action-items", item); r.Status != http.StatusSeeOther {
			t.Fatalf("add item: %d %s", r.Status, r.Text())
		}
		var itemID int64
		if err := d.QueryRowContext(context.Background(), `SELECT id FROM action_items`).Scan(&itemID); err != nil {
			t.Fatal(err)
		}

		// Approval: not by the secretary; a stale or missing version is refused.
		if r := w.secretary.PostForm(page+"/approve", url.Values{"version": {"1"}}); r.Status != http.StatusForbidden {
			t.Errorf("secretary approves: %d", r.Status)
		}
		for _, v := range []string{"", "7"} {
			if r := w.convener.PostForm(page+"/approve", url.Values{"version": {v}}); r.Status != http.StatusUnprocessableEntity {
				t.Errorf("approve version %q: %d", v, r.Status)
			}
		}
		r = w.convener.PostForm(page+"/approve", url.Values{"version": {"1"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("approve: %d %s", r.Status, r.Text())
		}

		// One mail to each member, in their language, with the member's
		// organisation's action items and the next meeting.
		msgs := smtp.Wait(t, 3, 20*time.Second)
		var to []string
		for _, m := range msgs {
			to = append(to, m.To...)
			// The text part carries the Markdown source as plain text; the
			// HTML part only the sanitised rendering.
			if strings.Contains(m.HTML, "<script") {
				t.Errorf("script in the HTML mail to %v", m.To)
			}
			switch m.To[0] {
			case "sven@example.fi":
				if !strings.HasPrefix(m.Subject(), "Protokoll: Marraskuun kokous") || !strings.Contains(m.Text, "Kartoita työkokeilupaikat") ||
					!strings.Contains(m.Text, "Joulukuun kokous") || !strings.Contains(m.Text, "Perustetaan työryhmä") ||
					!strings.Contains(m.Text, "Oulun kaupunki") || !strings.Contains(m.Text, fmt.Sprintf("summary?organisation=%d", w.f.org)) {
					t.Errorf("member's mail: %s\n%s", m.Subject(), m.Text)
				}
				if !strings.Contains(m.HTML, "<strong>Tärkeää</strong>") {
					t.Errorf("member's HTML mail:\n%s", m.HTML)
				}
			default:
				if !strings.HasPrefix(m.Subject(), "Pöytäkirja: Marraskuun kokous") || strings.Contains(m.Text, "Kartoita työkokeilupaikat") {
					t.Errorf("mail to %v: %s\n%s", m.To, m.Subject(), m.Text)
				}
			}
		}
		sort.Strings(to)
		if strings.Join(to, ",") != "kaisa@example.fi,sami@example.fi,sven@example.fi" {
			t.Errorf("recipients %v", to)
		}

		// Locked: a correction needs a reason and keeps a revision.
		corr := minutesForm("# Marraskuu\n\nKorjattu teksti.", "Perustetaan työryhmä")
		if r := w.secretary.PostForm(page, corr); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Text(), "perustelu") {
			t.Errorf("correction without reason: %d %s", r.Status, r.Text())
		}
		if n := count(t, d, "minutes_revisions"); n != 0 {
			t.Errorf("%d revisions after a refused correction", n)
		}
		corr.Set("reason", "Päätöksen sanamuoto")
		if r := w.secretary.PostForm(page, corr); r.Status != http.StatusSeeOther {
			t.Errorf("correction: %d %s", r.Status, r.Text())
		}
		if v := w.member.Get(page).Text(); !strings.Contains(v, "Rättelsehistorik") || !strings.Contains(v, "Päätöksen sanamuoto") || !strings.Contains(v, "Korjattu teksti") {
			t.Errorf("revision history not shown:\n%s", v)
		}
		time.Sleep(300 * time.Millisecond)
		if n := len(smtp.Messages()); n != 3 {
			t.Errorf("%d messages, want 3", n)
		}

		// The owner marks the item done; others may not.
		st := fmt.Sprintf("/action-items/%d/status", itemID)
		if r := w.outsider.PostForm(st, url.Values{"status": {"done"}}); r.Status != http.StatusForbidden {
			t.Errorf("outsider marks done: %d", r.Status)
		}
		if r := w.member.PostForm(st, url.Values{"status": {"finished"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad status: %d", r.Status)
		}
		if r := w.member.PostForm(st, url.Values{"status": {"done"}}); r.Status != http.StatusSeeOther {
			t.Errorf("owner marks done: %d %s", r.Status, r.Text())
		}
		if r := w.member.Get(fmt.Sprintf("/action-items/%d/edit", itemID)); r.Status != http.StatusForbidden {
			t.Errorf("member edits item: %d", r.Status)
		}

		// Take-home summaries.
		list := w.member.Get(w.base + "/summary")
		if list.Status != http.StatusOK || !strings.Contains(list.Body, fmt.Sprintf("summary?organisation=%d", w.f.org)) {
			t.Errorf("summary list: %d %s", list.Status, list.Text())
		}
		sum := w.member.Get(fmt.Sprintf("%s/summary?organisation=%d", w.base, w.f.org))
		if sum.Status != http.StatusOK || !strings.Contains(sum.Text(), "Perustetaan työryhmä") || !strings.Contains(sum.Text(), "Kartoita työkokeilupaikat") ||
			!strings.Contains(sum.Text(), "Joulukuun kokous") {
			t.Errorf("summary: %d %s", sum.Status, sum.Text())
		}
		for _, q := range []string{"999999", "abc"} {
			if r := w.member.Get(w.base + "/summary?organisation=" + q); r.Status != http.StatusNotFound {
				t.Errorf("summary of organisation %s: %d", q, r.Status)
			}
		}
		if r := w.outsider.Get(w.base + "/summary"); r.Status != http.StatusForbidden {
			t.Errorf("outsider summary: %d", r.Status)
		}
	})
}

func TestRemovedMemberItemReassigned(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWeb(t, d)
		item := url.Values{"title": {"Tiedota kunnalle"}, "owner_id": {fmt.Sprint(w.memberPerson)}, "due_on": {"2026-12-01"}, "status": {"open"}}
		if r := w.secretary.PostForm(w.base+"/action-items", item); r.Status != http.StatusSeeOther {
			t.Fatalf("add item: %d %s", r.Status, r.Text())
		}
		var itemID int64
		if err := d.QueryRowContext(context.Background(), `SELECT id FROM action_items`).Scan(&itemID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(context.Background(), `DELETE FROM memberships WHERE person_id = $1`, w.memberPerson); err != nil {
			t.Fatal(err)
		}
		view := w.convener.Get(w.base + "/minutes").Text()
		if !strings.Contains(view, "Tiedota kunnalle") || !strings.Contains(view, "ei enää jäsen") {
			t.Errorf("removed member's item:\n%s", view)
		}
		edit := fmt.Sprintf("/action-items/%d", itemID)
		if r := w.convener.Get(edit + "/edit"); r.Status != http.StatusOK || !strings.Contains(r.Text(), "Sven Svensson") {
			t.Errorf("edit page: %d %s", r.Status, r.Text())
		}
		item.Set("due_on", "2026-12-10")
		if r := w.convener.PostForm(edit, item); r.Status != http.StatusSeeOther {
			t.Errorf("keep departed owner: %d %s", r.Status, r.Text())
		}
		var conv int64
		if err := d.QueryRowContext(context.Background(), `SELECT person_id FROM memberships WHERE role = 'convener'`).Scan(&conv); err != nil {
			t.Fatal(err)
		}
		item.Set("owner_id", fmt.Sprint(conv))
		if r := w.convener.PostForm(edit, item); r.Status != http.StatusSeeOther {
			t.Errorf("re-assign: %d %s", r.Status, r.Text())
		}
		item.Set("owner_id", fmt.Sprint(w.memberPerson))
		if r := w.convener.PostForm(edit, item); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("assign back to the departed member: %d", r.Status)
		}
	})
}

func apiToken(t *testing.T, w *web, email string) string {
	t.Helper()
	var acct int64
	if err := w.env.DB.QueryRowContext(context.Background(), `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id WHERE p.email = $1`, email).Scan(&acct); err != nil {
		t.Fatal(err)
	}
	tok, err := auth.NewStore(w.env.DB).CreateAPIToken(context.Background(), acct, "test", w.env.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestMinutesAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWeb(t, d)
		sec, conv, mem := apiToken(t, w, "sami@example.fi"), apiToken(t, w, "kaisa@example.fi"), apiToken(t, w, "sven@example.fi")
		c := w.env.Client(t)
		path := "/api/v1" + w.base + "/minutes"
		if r := c.JSON(http.MethodGet, path, mem, ""); r.Status != http.StatusNotFound {
			t.Errorf("no minutes yet: %d", r.Status)
		}
		for _, bad := range []string{`{}`, `{"body": "x", "status": "final"}`, `{"body": "x", "decisions": [""]}`, `{"nonsense": 1}`} {
			if r := c.JSON(http.MethodPut, path, sec, bad); r.Status != http.StatusBadRequest {
				t.Errorf("bad %s: %d %s", bad, r.Status, r.Body)
			}
		}
		if n := count(t, d, "minutes"); n != 0 {
			t.Fatalf("%d minutes from bad input", n)
		}
		if r := c.JSON(http.MethodPut, path, mem, `{"body": "x"}`); r.Status != http.StatusForbidden {
			t.Errorf("member writes: %d", r.Status)
		}
		if r := c.JSON(http.MethodPut, path, "", `{"body": "x"}`); r.Status != http.StatusUnauthorized {
			t.Errorf("public writes: %d", r.Status)
		}
		r := c.JSON(http.MethodPut, path, sec, `{"body": "Teksti `+strings.ReplaceAll(script, "'", "")+`", "decisions": ["Päätös 1"]}`)
		var got struct {
			Status   string `json:"status"`
			BodyHTML string `json:"body_html"`
		}
		if r.Status != http.StatusOK || json.Unmarshal([]byte(r.Body), &got) != nil || got.Status != "draft" ||
			strings.Contains(got.BodyHTML, "<script") || !strings.Contains(got.BodyHTML, "Teksti") {
			t.Fatalf("put: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodPut, path, sec, `{"body": "Teksti", "status": "approved"}`); r.Status != http.StatusForbidden {
			t.Errorf("secretary approves: %d", r.Status)
		}
		items := "/api/v1" + w.base + "/action-items"
		if r := c.JSON(http.MethodPost, items, sec, fmt.Sprintf(`{"title": "x", "owner_id": %d, "due_on": "2026-12-01"}`, w.outsiderPerson)); r.Status != http.StatusBadRequest {
			t.Errorf("outsider owner: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodPost, items, sec, fmt.Sprintf(`{"title": "Kartoitus", "owner_id": %d, "due_on": "2026-12-01", "plan_action_id": %d}`, w.memberPerson, w.f.action))
		if r.Status != http.StatusCreated || !strings.Contains(r.Body, `"owner_is_member":true`) {
			t.Fatalf("add item: %d %s", r.Status, r.Body)
		}
		loc := r.Header.Get("Location")
		r = c.JSON(http.MethodPut, path, conv, `{"body": "Teksti", "decisions": ["Päätös 1"], "status": "approved"}`)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"status":"approved"`) || !strings.Contains(r.Body, `"Kartoitus"`) {
			t.Fatalf("approve: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodPut, path, sec, `{"body": "Korjattu"}`); r.Status != http.StatusBadRequest || !strings.Contains(r.Body, "reason") {
			t.Errorf("correction without reason: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodPut, path, sec, `{"body": "Korjattu", "reason": "Virhe", "status": "draft"}`); r.Status != http.StatusBadRequest {
			t.Errorf("back to draft: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodPut, path, sec, `{"body": "Korjattu", "reason": "Virhe"}`)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"reason":"Virhe"`) {
			t.Errorf("correction: %d %s", r.Status, r.Body)
		}
		// The owner changes the status only.
		if r := c.JSON(http.MethodPut, loc, mem, fmt.Sprintf(`{"title": "Muu", "owner_id": %d, "due_on": "2026-12-01", "plan_action_id": %d, "status": "done"}`, w.memberPerson, w.f.action)); r.Status != http.StatusForbidden {
			t.Errorf("owner changes title: %d %s", r.Status, r.Body)
		}
		r = c.JSON(http.MethodPut, loc, mem, fmt.Sprintf(`{"title": "Kartoitus", "owner_id": %d, "due_on": "2026-12-01", "plan_action_id": %d, "status": "done"}`, w.memberPerson, w.f.action))
		if r.Status != http.StatusOK || !strings.Contains(r.Body, `"status":"done"`) || strings.Contains(r.Body, `"completed_at":null`) {
			t.Errorf("owner marks done: %d %s", r.Status, r.Body)
		}
		if r := c.JSON(http.MethodGet, "/api/v1/action-items/999999", mem, ""); r.Status != http.StatusNotFound {
			t.Errorf("missing item: %d", r.Status)
		}
		if r := c.JSON(http.MethodGet, loc, apiToken(t, w, "outi2@example.fi"), ""); r.Status != http.StatusForbidden {
			t.Errorf("outsider reads item: %d", r.Status)
		}
	})
}
