package minutes_test

import (
	"context"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	fx "github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/project"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// fixture is a network with a meeting, two members (Anna represents the
// organisation), an outsider and a plan action in the network and another
// in a second network.
type fixture struct {
	org, network, meeting, next, anna, bertil, outsider, action, otherAction int64
}

func seed(t *testing.T, d *db.DB) fixture {
	t.Helper()
	b := fx.New(t, d, app.NewFixedClock(now))
	var f fixture
	f.org = b.OrgWith(org.Organisation{Name: "Oulun kaupunki", Sector: org.SectorMunicipality, MunicipalityCode: "564"})
	p := b.ProjectWith(project.Input{Name: "Välityömarkkinat", Funder: "ESR"})
	f.network = b.Network(p, "Työpajaverkosto")
	other := b.Network(p, "Muu verkosto")
	f.meeting = b.Meeting(f.network, "Marraskuun kokous", now.Add(-48*time.Hour))
	f.next = b.Meeting(f.network, "Joulukuun kokous", now.Add(20*24*time.Hour))
	f.anna = b.PersonWith(person.Person{Name: "Anna Aho", Email: "anna@example.fi", OrganisationID: f.org, Lang: "fi"})
	f.bertil = b.PersonWith(person.Person{Name: "Bertil Berg", Email: "bertil@example.fi", Lang: "sv"})
	f.outsider = b.PersonWith(person.Person{Name: "Outi Ulkopuolinen", Email: "outi@example.fi", Lang: "fi"})
	b.MemberWith(f.network, network.MembershipInput{PersonID: f.anna, Role: network.RoleMember, OrganisationID: f.org})
	b.Member(f.network, f.bertil, network.RoleSecretary)
	for i, n := range []int64{f.network, other} {
		a := b.Action(b.Objective(b.Plan(n, "Suunnitelma"), "Tavoite"), "Työkokeilut")
		if i == 0 {
			f.action = a
		} else {
			f.otherAction = a
		}
	}
	return f
}

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func TestMinutesApproveLocksAndCorrectionsKeepRevisions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := seed(t, d)
		s := minutes.NewStore(d)
		if _, err := s.Get(ctx, f.meeting); !app.IsCode(err, app.ENOTFOUND) {
			t.Fatalf("no minutes yet: %v", err)
		}
		if _, err := s.Approve(ctx, f.meeting, 1, f.bertil, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("approve nothing: %v", err)
		}
		m, err := s.Save(ctx, f.meeting, minutes.Input{Body: "# Kokous\n\nKäytiin läpi.", Decisions: []string{"Hyväksyttiin asialista", "Perustetaan työryhmä"}}, f.bertil, now)
		if err != nil {
			t.Fatal(err)
		}
		if m.Status != minutes.StatusDraft || m.Version != 1 || len(m.Decisions) != 2 || m.Decisions[1].Text != "Perustetaan työryhmä" {
			t.Fatalf("created: %+v", m)
		}
		// A draft is edited freely, without revisions.
		if m, err = s.Save(ctx, f.meeting, minutes.Input{Body: "# Kokous\n\nKäytiin läpi asiat.", Decisions: []string{"Hyväksyttiin asialista"}}, f.bertil, now); err != nil {
			t.Fatal(err)
		}
		if m.Version != 2 || len(m.Decisions) != 1 {
			t.Errorf("edited draft: %+v", m)
		}
		if revs, _ := s.Revisions(ctx, m.ID); len(revs) != 0 {
			t.Errorf("draft edits made revisions: %v", revs)
		}
		// Approving what one read: a stale version is a conflict.
		if _, err := s.Approve(ctx, f.meeting, 1, f.anna, now); !app.IsCode(err, app.ECONFLICT) {
			t.Errorf("stale approve: %v", err)
		}
		if m, err = s.Approve(ctx, f.meeting, 2, f.anna, now); err != nil {
			t.Fatal(err)
		}
		if !m.Approved() || m.ApprovedByName != "Anna Aho" || m.ApprovedAt == nil || !m.ApprovedAt.Equal(now) {
			t.Errorf("approved: %+v", m)
		}
		if _, err := s.Approve(ctx, f.meeting, 2, f.anna, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("approve twice: %v", err)
		}
		// Locked: a correction needs a reason.
		in := minutes.Input{Body: "# Kokous\n\nKäytiin läpi kaikki asiat.", Decisions: []string{"Hyväksyttiin asialista"}}
		var v app.Validator
		in.Validate(&v, true)
		if v.Valid() {
			t.Errorf("correction without a reason validates")
		}
		if _, err := s.Save(ctx, f.meeting, in, f.bertil, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("correction without a reason: %v", err)
		}
		if got, _ := s.Get(ctx, f.meeting); got.Body != "# Kokous\n\nKäytiin läpi asiat." {
			t.Errorf("a refused correction changed the text: %q", got.Body)
		}
		in.Reason = "Kirjoitusvirhe"
		later := now.Add(time.Hour)
		if m, err = s.Save(ctx, f.meeting, in, f.bertil, later); err != nil {
			t.Fatal(err)
		}
		if !m.Approved() || m.Body != in.Body || m.Version != 3 {
			t.Errorf("corrected: %+v", m)
		}
		revs, err := s.Revisions(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 1 || revs[0].Body != "# Kokous\n\nKäytiin läpi asiat." || revs[0].Reason != "Kirjoitusvirhe" ||
			revs[0].AuthorName != "Bertil Berg" || revs[0].Decisions != "Hyväksyttiin asialista" || !revs[0].CreatedAt.Equal(later) {
			t.Errorf("revision: %+v", revs)
		}
		// Saving unchanged approved minutes stores nothing.
		if _, err := s.Save(ctx, f.meeting, in, f.bertil, later); err != nil {
			t.Fatal(err)
		}
		if revs, _ := s.Revisions(ctx, m.ID); len(revs) != 1 {
			t.Errorf("%d revisions after an unchanged save", len(revs))
		}
	})
}

func TestActionItems(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := seed(t, d)
		s := minutes.NewStore(d)
		in := minutes.ItemInput{Title: "Selvitä työkokeilupaikat", OwnerID: f.outsider, DueOn: day(2026, 12, 15), PlanActionID: f.action}
		var v app.Validator
		in.Validate(&v)
		if !v.Valid() {
			t.Fatalf("valid input: %v", v.Fields())
		}
		// An owner outside the network, a plan action of another network.
		if _, err := s.AddItem(ctx, f.meeting, f.network, in, now); !app.IsCode(err, app.EINVALID) || app.AsError(err).Fields[0].Field != "owner_id" {
			t.Errorf("outsider owner: %v", err)
		}
		in.OwnerID = f.anna
		in.PlanActionID = f.otherAction
		if _, err := s.AddItem(ctx, f.meeting, f.network, in, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("other network's plan action: %v", err)
		}
		in.PlanActionID = f.action
		id, err := s.AddItem(ctx, f.meeting, f.network, in, now)
		if err != nil {
			t.Fatal(err)
		}
		it, err := s.Item(ctx, id, now)
		if err != nil {
			t.Fatal(err)
		}
		if it.OwnerName != "Anna Aho" || !it.OwnerIsMember || it.OrganisationID != f.org || it.OrganisationName != "Oulun kaupunki" ||
			it.PlanActionTitle != "Työkokeilut" || it.DueOn == nil || it.DueOn.Format("2006-01-02") != "2026-12-15" || it.Status != minutes.ItemOpen {
			t.Errorf("item: %+v", it)
		}
		var count int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM action_items`).Scan(&count); err != nil || count != 1 {
			t.Errorf("%d items stored (%v)", count, err)
		}

		// Anna leaves the network: her open item stays, marked.
		if _, err := d.ExecContext(ctx, `DELETE FROM memberships WHERE network_id = $1 AND person_id = $2`, f.network, f.anna); err != nil {
			t.Fatal(err)
		}
		items, err := s.Items(ctx, f.meeting, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 1 || items[0].OwnerIsMember || items[0].OwnerName != "Anna Aho" || !items[0].Open() {
			t.Fatalf("removed member's item: %+v", items)
		}
		// Editing it while keeping the departed owner is allowed ...
		in.DueOn = day(2026, 12, 31)
		if err := s.UpdateItem(ctx, id, in, now); err != nil {
			t.Errorf("keep departed owner: %v", err)
		}
		// ... re-assigning to an outsider is not, to a member is.
		in.OwnerID = f.outsider
		if err := s.UpdateItem(ctx, id, in, now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("re-assign to outsider: %v", err)
		}
		in.OwnerID = f.bertil
		if err := s.UpdateItem(ctx, id, in, now); err != nil {
			t.Fatal(err)
		}
		if it, _ := s.Item(ctx, id, now); it.OwnerName != "Bertil Berg" || !it.OwnerIsMember || it.DueOn.Format("2006-01-02") != "2026-12-31" {
			t.Errorf("re-assigned: %+v", it)
		}
		// Marking done records when; reopening clears it.
		if err := s.SetItemStatus(ctx, id, "finished", now); !app.IsCode(err, app.EINVALID) {
			t.Errorf("bad status: %v", err)
		}
		if err := s.SetItemStatus(ctx, id, minutes.ItemDone, now); err != nil {
			t.Fatal(err)
		}
		if it, _ := s.Item(ctx, id, now); it.Status != minutes.ItemDone || it.CompletedAt == nil || !it.CompletedAt.Equal(now) {
			t.Errorf("done: %+v", it)
		}
		if err := s.SetItemStatus(ctx, id, minutes.ItemOpen, now); err != nil {
			t.Fatal(err)
		}
		if it, _ := s.Item(ctx, id, now); it.CompletedAt != nil {
			t.Errorf("reopened keeps completed_at: %+v", it)
		}
		if _, err := s.Item(ctx, 999999, now); !app.IsCode(err, app.ENOTFOUND) {
			t.Errorf("missing item: %v", err)
		}
	})
}

func TestNextMeetingAndOrganisations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := seed(t, d)
		s := minutes.NewStore(d)
		m, err := meeting.NewReader(d).Meeting(ctx, f.meeting)
		if err != nil {
			t.Fatal(err)
		}
		next, err := s.NextMeeting(ctx, m)
		if err != nil || next == nil || next.ID != f.next {
			t.Errorf("next meeting: %+v %v", next, err)
		}
		orgs, err := s.Organisations(ctx, f.network, f.meeting, now)
		if err != nil || len(orgs) != 1 || orgs[0].ID != f.org {
			t.Errorf("organisations: %+v %v", orgs, err)
		}
	})
}

// TestSplitDecisions (the rendering half of the former TestRenderSanitises
// moved with the renderer to internal/markdown).
func TestSplitDecisions(t *testing.T) {
	if got := minutes.SplitDecisions("a\r\n\n  b  \n"); len(got) != 2 || got[1] != "b" {
		t.Errorf("split: %q", got)
	}
}
