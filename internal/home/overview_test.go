package home_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/fixture"
	"github.com/kohtaamo/kohtaamo/internal/home"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestOverview builds one network with something of every kind that
// needs its managers, and things that must not count, next to a calm
// network, and reads the overview through the read models on both
// databases; then checks who sees it.
func TestOverview(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		env := servertest.New(t, d)
		now := env.Clock.Now()
		today := app.Day(now)
		day := func(n int) *time.Time { x := today.AddDate(0, 0, n); return &x }
		f := fixture.New(t, d, env.Clock)
		ms := meeting.NewStore(d)

		town := f.OrgWith(org.Organisation{Name: "Oulun kaupunki", Sector: org.SectorMunicipality, MunicipalityCode: "564"})
		firm := f.Org("Paja Oy", org.SectorBusiness)
		pid := f.Project("Oulun seudun työllisyysalue")
		busy := f.Network(pid, "Työpajaverkosto")
		quiet := f.Network(pid, "Rauhallinen verkosto")

		convener := env.CreateUser(t, "Kaija Koollekutsuja", "kaija@example.fi", false)
		member := env.CreateUser(t, "Matti Jäsen", "matti@example.fi", false)
		f.Member(busy, convener.PersonID, network.RoleConvener)
		f.Member(quiet, convener.PersonID, network.RoleConvener)
		f.MemberWith(busy, network.MembershipInput{PersonID: member.PersonID, Role: network.RoleMember, OrganisationID: town})
		absent := f.PersonWith(person.Person{Name: "Aino Poissa", OrganisationID: firm})
		f.MemberWith(busy, network.MembershipInput{PersonID: absent, Role: network.RoleMember, OrganisationID: firm})
		guest := f.Person("Vieras Asiantuntija", "", 0)
		f.Member(busy, guest, network.RoleGuest)
		newcomer := f.Person("Uusi Tulokas", "", 0)
		f.MemberWith(busy, network.MembershipInput{PersonID: newcomer, Role: network.RoleMember, TermStart: day(-20)})
		gone := f.Person("Entinen Jäsen", "", 0)
		f.MemberWith(busy, network.MembershipInput{PersonID: gone, Role: network.RoleMember, TermEnd: day(-400)})

		// Three held meetings with attendance (the convener and the
		// member came), the latest without minutes, the others drafts;
		// an old one and a cancelled one without minutes, which do not
		// count.
		held := func(title string, daysAgo int) int64 {
			return f.MeetingWith(busy, meeting.Input{Title: title, StartsAt: now.AddDate(0, 0, -daysAgo), Mode: meeting.ModeRemote})
		}
		h1, h2, h3 := held("Syyskuun kokous", 60), held("Lokakuun kokous", 30), held("Marraskuun kokous", 5)
		for _, id := range []int64{h1, h2, h3} {
			m, err := ms.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			modes := map[int64]string{convener.PersonID: meeting.AttendedRemote, member.PersonID: meeting.AttendedRemote}
			if err := ms.SetAttendance(ctx, m, modes, now); err != nil {
				t.Fatal(err)
			}
		}
		f.Minutes(h1, "Luonnos")
		f.Minutes(h2, "Luonnos")
		held("Vanha kokous", 300)
		f.Cancel(held("Peruttu kokous", 10))

		// The next meeting: the member comes, the absent one does not,
		// the newcomer and the guest have not answered.
		next := f.MeetingWith(busy, meeting.Input{Title: "Joulukuun kokous", StartsAt: now.Add(72 * time.Hour), Mode: meeting.ModeRemote})
		if err := ms.SetResponse(ctx, next, member.PersonID, meeting.AnswerRemote, now); err != nil {
			t.Fatal(err)
		}
		if err := ms.SetResponse(ctx, next, absent, meeting.AnswerNo, now); err != nil {
			t.Fatal(err)
		}
		if err := ms.SetResponse(ctx, next, convener.PersonID, meeting.AnswerRemote, now); err != nil {
			t.Fatal(err)
		}
		f.AgendaItem(next, "Pajojen kevät", meeting.ItemProposed)
		f.AgendaItem(next, "Ajankohtaiset", meeting.ItemAccepted)
		f.AgendaItem(h3, "Vanha ehdotus", meeting.ItemProposed)

		// Action items: one late; done, cancelled and not yet due ones do
		// not count.
		f.ActionItemWith(h3, minutes.ItemInput{Title: "Kokoa yhteystiedot", OwnerID: member.PersonID, DueOn: day(-2), Status: minutes.ItemOpen})
		f.ActionItemWith(h3, minutes.ItemInput{Title: "Tehty", OwnerID: member.PersonID, DueOn: day(-2), Status: minutes.ItemDone})
		f.ActionItemWith(h3, minutes.ItemInput{Title: "Tulossa", OwnerID: member.PersonID, DueOn: day(2), Status: minutes.ItemOpen})

		// Plan actions: one late in an active plan; a done one, a future
		// one and a late one of a closed plan do not count.
		obj := f.Objective(f.Plan(busy, "Toimintasuunnitelma"), "Pajat tutuiksi")
		late := f.ActionWith(obj, plan.ActionInput{Title: "Pajaesittelyt", OwnerID: member.PersonID, DueOn: day(-1), Status: plan.ActionInProgress, Progress: 30, Weight: 1})
		f.ActionWith(obj, plan.ActionInput{Title: "Valmis", DueOn: day(-1), Status: plan.ActionDone, Weight: 1})
		f.ActionWith(obj, plan.ActionInput{Title: "Myöhemmin", DueOn: day(5), Status: plan.ActionPlanned, Weight: 1})
		closed := f.PlanWith(busy, plan.PlanInput{Title: "Vanha suunnitelma", StartsOn: day(-800), EndsOn: day(-400), Status: plan.StatusClosed})
		f.ActionWith(f.Objective(closed, "Vanha"), plan.ActionInput{Title: "Unohtunut", DueOn: day(-500), Status: plan.ActionPlanned, Weight: 1})

		o := home.NewOverview(d)
		nets := []home.NetRef{{ID: quiet, Name: "Rauhallinen verkosto"}, {ID: busy, Name: "Työpajaverkosto"}}
		got, err := o.For(ctx, nets, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != quiet || got[1].ID != busy {
			t.Fatalf("order: %+v", got)
		}
		if c := got[0].Count(); c != 0 || got[0].Next != nil {
			t.Errorf("quiet network: %d %+v", c, got[0])
		}
		b := got[1]
		names := func(ps []meeting.OverviewPerson) []string {
			var out []string
			for _, p := range ps {
				out = append(out, p.Name)
			}
			return out
		}
		if b.LateActions != 1 || b.LateItems != 1 || b.MinutesMissing != 1 || b.MinutesDrafts != 2 || b.Proposals != 1 {
			t.Errorf("counts: %+v", b)
		}
		if b.Next == nil || b.Next.ID != next {
			t.Errorf("next meeting: %+v", b.Next)
		}
		if want := []string{"Uusi Tulokas", "Vieras Asiantuntija"}; !slices.Equal(names(b.Unanswered), want) {
			t.Errorf("unanswered: %v, want %v", names(b.Unanswered), want)
		}
		// The convener (no organisation) and the member (the town) come:
		// every sector but the municipality is a gap, "other" never.
		if want := []string{"employment_services", "state_admin", "wellbeing_county", "third_sector", "education", "business", "project"}; !slices.Equal(b.Gaps, want) {
			t.Errorf("gaps: %v, want %v", b.Gaps, want)
		}
		// The absent member missed all three; the guest, the newcomer
		// and the former member are not listed.
		if want := []string{"Aino Poissa"}; !slices.Equal(names(b.LowAttendance), want) {
			t.Errorf("low attendance: %v, want %v", names(b.LowAttendance), want)
		}

		det, err := o.Detail(ctx, nets[1], now)
		if err != nil {
			t.Fatal(err)
		}
		if len(det.LateActionList) != 1 || det.LateActionList[0].ID != late || det.LateActionList[0].OwnerName != "Matti Jäsen" ||
			det.LateActionList[0].URL() != "/plans/"+strconv.FormatInt(det.LateActionList[0].PlanID, 10)+"#action-"+strconv.FormatInt(late, 10) {
			t.Errorf("late actions: %+v", det.LateActionList)
		}
		if len(det.LateItemList) != 1 || det.LateItemList[0].Title != "Kokoa yhteystiedot" || det.LateItemList[0].MeetingID != h3 {
			t.Errorf("late items: %+v", det.LateItemList)
		}
		if len(det.MissingList) != 1 || det.MissingList[0].ID != h3 || len(det.DraftList) != 2 || det.DraftList[0].ID != h2 {
			t.Errorf("minutes: missing %+v drafts %+v", det.MissingList, det.DraftList)
		}
		if len(det.ProposalList) != 1 || det.ProposalList[0].Title != "Pajojen kevät" || det.ProposalList[0].MeetingID != next {
			t.Errorf("proposals: %+v", det.ProposalList)
		}

		// Who sees it: the convener on the home page, the attention page
		// and the project page; a member sees none of it.
		busyAttention := "/networks/" + strconv.FormatInt(busy, 10) + "/attention"
		c := env.Login(t, "kaija@example.fi")
		txt := c.Get("/").Text()
		for _, want := range []string{"Mikä vaatii huomiota", "1 myöhässä oleva toimenpide", "2 henkilöä ei ole vastannut seuraavan kokouksen kutsuun : Uusi Tulokas, Vieras Asiantuntija",
			"1 jäsen ei ole osallistunut viimeisimpiin kokouksiin : Aino Poissa", "Ei odottavia asioita: Rauhallinen verkosto", "Sinulle itsellesi ei ole kirjattu avoimia tehtäviä"} {
			if !strings.Contains(txt, want) {
				t.Errorf("convener's home lacks %q: %s", want, txt)
			}
		}
		if i, j := strings.Index(txt, "Mikä vaatii huomiota"), strings.Index(txt, "Omat tehtävät"); i < 0 || j < i {
			t.Errorf("the overview does not come first")
		}
		if r := c.Get(busyAttention); r.Status != http.StatusOK || !strings.Contains(r.Text(), "Pajaesittelyt") || !strings.Contains(r.Text(), "Aino Poissa") {
			t.Errorf("attention page: %d %s", r.Status, r.Text())
		}
		if r := c.Get("/projects/" + strconv.FormatInt(pid, 10)); !strings.Contains(r.Text(), "1 myöhässä oleva toimenpide") {
			t.Errorf("project page lacks the overview: %s", r.Text())
		}
		m := env.Login(t, "matti@example.fi")
		for _, path := range []string{"/", "/projects/" + strconv.FormatInt(pid, 10)} {
			if txt := m.Get(path).Text(); strings.Contains(txt, "Mikä vaatii huomiota") || strings.Contains(txt, "Aino Poissa") {
				t.Errorf("a member sees the overview on %s", path)
			}
		}
		if r := m.Get(busyAttention); r.Status != http.StatusForbidden {
			t.Errorf("member on the attention page: %d", r.Status)
		}
		coord := env.CreateUser(t, "Kaisa Koordinaattori", "kaisa@example.fi", false)
		f.Staff(pid, coord.PersonID, project.RoleCoordinator)
		if txt := env.Login(t, "kaisa@example.fi").Get("/").Text(); !strings.Contains(txt, "1 myöhässä oleva kokouksen tehtävä") {
			t.Errorf("coordinator's home lacks the overview: %s", txt)
		}

		// A Swedish reader sees the Swedish names where given.
		for _, q := range []string{
			`UPDATE networks SET name_sv = 'Verkstadsnätverket' WHERE id = ` + strconv.FormatInt(busy, 10),
			`UPDATE networks SET name_sv = 'Lugnt nätverk' WHERE id = ` + strconv.FormatInt(quiet, 10),
			`UPDATE projects SET name_sv = 'Uleåborgsregionens sysselsättningsområde' WHERE id = ` + strconv.FormatInt(pid, 10),
		} {
			if _, err := d.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		c.Get("/lang/sv?next=/")
		body := c.Get("/").Body
		for _, want := range []string{`/attention#top">Verkstadsnätverket</a></h3>`, `>Lugnt nätverk</a>`} {
			if !strings.Contains(body, want) {
				t.Errorf("Swedish home lacks %q", want)
			}
		}
		if r := c.Get("/projects/" + strconv.FormatInt(pid, 10)); !strings.Contains(r.Body, `/attention#top">Verkstadsnätverket</a></h3>`) {
			t.Errorf("Swedish project page lacks the Swedish name: %s", r.Text())
		}
		r := c.Get(busyAttention)
		if !strings.Contains(r.Body, "Verkstadsnätverket</h1>") || !strings.Contains(r.Body[strings.Index(r.Body, "<title>"):strings.Index(r.Body, "</title>")], "Verkstadsnätverket") ||
			!strings.Contains(r.Body, ">Uleåborgsregionens sysselsättningsområde</a>") || strings.Contains(r.Text(), "Työpajaverkosto") {
			t.Errorf("Swedish attention page: %s", r.Text())
		}
	})
}
