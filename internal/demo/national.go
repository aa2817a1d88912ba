package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/task"
)

// The national generator's sign-in for load benchmarks.
const (
	BenchEmail    = "bench@kohtaamo.example"
	BenchPassword = "kohtaamo-bench" // #nosec G101 -- the public password of the generated load-benchmark account
)

// BenchNetworkSize is the member count of the benchmark network.
const BenchNetworkSize = 50

// National describes what the national generator wrote.
type National struct {
	Municipalities, Organisations, Projects, Networks, People, Memberships int
	// Meetings and what belongs to them.
	Series, Meetings, AgendaItems, Responses, Attendance, Minutes, Decisions, ActionItems int
	// Action plans of the networks.
	Plans, Objectives, Actions int
	// BenchNetworkID is the network with exactly BenchNetworkSize members
	// that the bench user belongs to.
	BenchNetworkID int64
	// BenchMeetingID is the bench network's latest meeting with approved
	// minutes (agenda, answers, attendance, decisions and action items).
	BenchMeetingID int64
	// BenchOpenTasks is how many open tasks (action items and plan
	// actions) the bench user owns: the "My tasks" list of the home page.
	BenchOpenTasks int
	Took           time.Duration
}

// String is the summary printed by "kohtaamo demo --scale national".
func (n National) String() string {
	return fmt.Sprintf("national data: %d municipalities, %d organisations, %d projects, %d networks, %d people, %d memberships in %s\n"+
		"meetings: %d meetings (%d series), %d agenda items, %d answers, %d attendances, %d minutes, %d decisions, %d action items\n"+
		"action plans: %d plans, %d objectives, %d actions\n"+
		"benchmark network (%d members): /networks/%d\n"+
		"benchmark meeting (latest with approved minutes): /meetings/%d\n"+
		"sign in: %s / %s (member of that network, %d open tasks); admin: %s / %s",
		n.Municipalities, n.Organisations, n.Projects, n.Networks, n.People, n.Memberships, n.Took.Round(time.Millisecond),
		n.Meetings, n.Series, n.AgendaItems, n.Responses, n.Attendance, n.Minutes, n.Decisions, n.ActionItems,
		n.Plans, n.Objectives, n.Actions,
		BenchNetworkSize, n.BenchNetworkID, n.BenchMeetingID, BenchEmail, BenchPassword, n.BenchOpenTasks, AdminEmail, Password)
}

// LoadNational generates national-scale data for load tests: every
// municipality with its organisations, 100 projects, 2,000 networks,
// 50,000 people and 100,000 memberships, 200,000 meetings over the past
// four years and the next months (with agendas, answers, attendance,
// minutes and decisions), 500,000 action items, yearly action plans for
// every network, a bench user in a network of exactly 50 members, and a
// platform admin. It refuses a database that
// already has projects or accounts. Progress lines go to progress.
func LoadNational(ctx context.Context, d *db.DB, now time.Time, progress io.Writer) (string, error) {
	n, err := loadScaled(ctx, d, now, 1, progress)
	if err != nil {
		return "", err
	}
	return n.String(), nil
}

// ErrNotEmpty is returned when generated data would mix with existing data.
var ErrNotEmpty = errors.New("the database already has projects or accounts; national data goes only into an empty database")

// Sizes at scale 1.
const (
	nationalProjects    = 100
	nationalNetworks    = 2000
	nationalPeople      = 50000
	nationalMemberships = 100000
	nationalMeetings    = 200000
	nationalActionItems = 500000
	staffPerProject     = 3
)

// orgKinds are the organisations generated in every municipality.
var orgKinds = []struct{ sector, pattern string }{
	{"municipality", "%s (kunta)"},
	{"employment_services", "Työllisyyspalvelut %s"},
	{"third_sector", "Työttömien yhdistys %s ry"},
	{"education", "Ammattiopisto %s"},
	{"business", "Yrityspalvelut %s Oy"},
}

var genThemes = []string{"Kuntouttava työtoiminta", "Työpajatoiminta", "Palkkatuettu työ", "Monipalvelukeskus",
	"Nuorten työllisyys", "Osatyökykyiset", "Maahanmuuttajien työllistyminen", "Yrityspalvelut",
	"Tilannekuva", "Koulutus ja osaaminen", "Työnantajayhteistyö", "Palveluohjaus"}

var genFirstNames = []string{"Aino", "Eero", "Helmi", "Ilmari", "Kaarina", "Lauri", "Minna", "Niko", "Outi", "Pasi",
	"Riitta", "Sami", "Tuija", "Veikko", "Anneli", "Juho", "Liisa", "Mikael", "Noora", "Oskari",
	"Pirkko", "Reijo", "Satu", "Tapani", "Ulla", "Vesa", "Elina", "Jaakko", "Kirsi", "Matti",
	"Hanna", "Jouko", "Marketta", "Petteri", "Sirkka", "Toni", "Venla", "Arto", "Emilia", "Kalle", "Iida"}

var genLastNames = []string{"Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
	"Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen",
	"Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila",
	"Savolainen", "Lahtinen", "Ahonen", "Hiltunen", "Leppänen", "Kallio", "Väisänen", "Miettinen", "Pelkonen",
	"Leinonen", "Hirvonen", "Aaltonen", "Kettunen", "Vainio", "Manninen", "Toivonen", "Lindholm"}

var genTitles = []string{"Työllisyyskoordinaattori", "Sosiaaliohjaaja", "Asiantuntija", "Palvelupäällikkö", "Työvalmentaja",
	"Opinto-ohjaaja", "Yritysneuvoja", "Toiminnanjohtaja", "Kehittämispäällikkö", "Työpajaohjaaja"}

// loadScaled writes the national data set at a scale (1 = national,
// 0.01 = a hundredth, for tests). It always writes the bench network with
// exactly BenchNetworkSize members. Everything runs in one transaction with
// multi-row INSERTs and explicit ids; PostgreSQL's identity sequences are
// moved past them afterwards.
func loadScaled(ctx context.Context, d *db.DB, now time.Time, scale float64, progress io.Writer) (National, error) {
	if progress == nil {
		progress = io.Discard
	}
	start := time.Now()
	now = db.Now(now)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	scaled := func(n, min int) int { return max(min, int(math.Round(float64(n)*scale))) }

	var out National
	nProjects := scaled(nationalProjects, 1)
	nNetworks := max(nProjects, scaled(nationalNetworks, 1))
	nPeople := scaled(nationalPeople, nProjects*(staffPerProject+BenchNetworkSize+10))
	nMemberships := scaled(nationalMemberships, nNetworks*BenchNetworkSize)
	nMeetings := scaled(nationalMeetings, nNetworks)
	nItems := scaled(nationalActionItems, 0)

	// Hash before the write transaction: argon2id takes a while.
	adminHash, err := auth.HashPassword(Password)
	if err != nil {
		return out, err
	}
	benchHash, err := auth.HashPassword(BenchPassword)
	if err != nil {
		return out, err
	}

	err = d.WithTx(ctx, func(tx *sql.Tx) error {
		empty, err := isEmpty(ctx, d, tx)
		if err != nil {
			return err
		}
		if !empty {
			return ErrNotEmpty
		}
		g := &generator{ctx: ctx, tx: tx, dialect: d.Dialect, now: now, today: today, progress: progress, started: start}
		if err := g.bases(); err != nil {
			return err
		}
		if err := g.municipalities(scale); err != nil {
			return err
		}
		out.Municipalities = len(g.munis)
		steps := []func() error{
			func() error { return g.organisations(nProjects) },
			func() error { return g.projects(nProjects) },
			func() error { return g.people(nPeople) },
			func() error { return g.networks(nNetworks) },
			func() error { return g.memberships(nMemberships) },
			func() error { return g.plans() },
			func() error { return g.meetings(nMeetings, nItems) },
			func() error { return g.accounts(adminHash, benchHash) },
			g.sentReminders,
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		out.Organisations, out.Projects, out.Networks = g.nOrgs, nProjects, nNetworks
		out.People, out.Memberships, out.BenchNetworkID = nPeople+1, g.nMemberships, g.networkID(0)
		if err := g.benchOpenTasks(); err != nil {
			return err
		}
		g.counts(&out)
		if d.Dialect == db.Postgres {
			for _, t := range withIDs {
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT MAX(id) FROM `+t+`))`); err != nil { // #nosec G202 -- t is a table name from the fixed withIDs list
					return fmt.Errorf("move %s id sequence: %w", t, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("generate national data: %w", err)
	}
	// Fresh statistics for PostgreSQL's planner, table by table (a bare
	// ANALYZE would visit every schema of the database). SQLite gets none:
	// its plans for these indexed look-ups are right without them, and with
	// STAT4 statistics it re-prepares every statement whose bound values
	// might change the plan, which measured as a fifth of the network
	// page's SQL time.
	for _, t := range analyzed {
		if d.Dialect != db.Postgres {
			break
		}
		if _, err := d.ExecContext(ctx, `ANALYZE `+t); err != nil {
			return out, fmt.Errorf("analyze %s: %w", t, err)
		}
	}
	out.Took = time.Since(start)
	fmt.Fprintf(progress, "done in %s\n", out.Took.Round(time.Millisecond))
	return out, nil
}

// withIDs are the tables the generator fills that have an id column.
var withIDs = []string{"organisations", "people", "users", "projects", "project_goals", "networks", "network_themes", "memberships",
	"meeting_series", "meetings", "agenda_items", "minutes", "minutes_revisions", "decisions", "action_items",
	"action_plans", "plan_objectives", "plan_actions", "plan_indicators", "indicator_values"}

// analyzed are the tables the generator fills.
var analyzed = append(append([]string{}, withIDs...), "meeting_responses", "meeting_attendance")

// genMuni is a municipality the generator uses.
type genMuni struct{ code, name string }

// generator holds the state of one national load: id bases (ids are
// assigned here, base+1…), the shapes chosen, and the transaction.
type generator struct {
	ctx      context.Context
	tx       *sql.Tx
	dialect  db.Dialect
	now      time.Time
	today    time.Time
	progress io.Writer
	started  time.Time

	orgBase, personBase, projectBase, networkBase, membershipBase, goalBase, themeBase     int64
	seriesBase, meetingBase, agendaBase, minutesBase, revisionBase, decisionBase, itemBase int64
	planBase, objectiveBase, actionBase, indicatorBase, valueBase                          int64

	munis         []genMuni
	nOrgs         int
	projectMunis  [][]int // municipality indexes per project
	projectPeople []struct{ first, n int }
	networkProj   []int // project index per network
	networkLocal  []int // index of the network within its project
	personOrg     []int64
	benchPerson   int // person index of the bench user
	nMemberships  int
	netMembers    [][]genMember // members of each network, convener first

	planYears    []int // the calendar years with action plans
	rows         map[string]int
	benchMeeting int64
	benchTasks   int
}

func (g *generator) logf(format string, args ...any) {
	fmt.Fprintf(g.progress, "%7.1fs  "+format+"\n", append([]any{time.Since(g.started).Seconds()}, args...)...)
}

func (g *generator) bases() error {
	for _, b := range []struct {
		table string
		dst   *int64
	}{
		{"organisations", &g.orgBase}, {"people", &g.personBase}, {"projects", &g.projectBase},
		{"networks", &g.networkBase}, {"memberships", &g.membershipBase}, {"project_goals", &g.goalBase},
		{"network_themes", &g.themeBase}, {"meeting_series", &g.seriesBase}, {"meetings", &g.meetingBase},
		{"agenda_items", &g.agendaBase}, {"minutes", &g.minutesBase}, {"minutes_revisions", &g.revisionBase},
		{"decisions", &g.decisionBase}, {"action_items", &g.itemBase}, {"action_plans", &g.planBase},
		{"plan_objectives", &g.objectiveBase}, {"plan_actions", &g.actionBase}, {"plan_indicators", &g.indicatorBase},
		{"indicator_values", &g.valueBase},
	} {
		if err := g.tx.QueryRowContext(g.ctx, `SELECT COALESCE(MAX(id), 0) FROM `+b.table).Scan(b.dst); err != nil {
			return fmt.Errorf("max id of %s: %w", b.table, err)
		}
	}
	return nil
}

// municipalities picks every municipality at scale 1, fewer (at least 8)
// at smaller scales.
func (g *generator) municipalities(scale float64) error {
	rows, err := g.tx.QueryContext(g.ctx, `SELECT code, name_fi FROM municipalities ORDER BY code`)
	if err != nil {
		return fmt.Errorf("list municipalities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m genMuni
		if err := rows.Scan(&m.code, &m.name); err != nil {
			return fmt.Errorf("scan municipality: %w", err)
		}
		g.munis = append(g.munis, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list municipalities: %w", err)
	}
	if len(g.munis) == 0 {
		return errors.New("no municipalities: run the migrations first")
	}
	want := min(len(g.munis), max(8, int(math.Round(float64(len(g.munis))*scale))))
	g.munis = g.munis[:want]
	g.logf("%d municipalities", len(g.munis))
	return nil
}

func (g *generator) orgID(muni, kind int) int64 {
	return g.orgBase + int64(muni*len(orgKinds)+kind) + 1
}

func (g *generator) projectOrgID(p int) int64 {
	return g.orgBase + int64(len(g.munis)*len(orgKinds)+p) + 1
}

func (g *generator) projectID(p int) int64 { return g.projectBase + int64(p) + 1 }

func (g *generator) personID(i int) int64 { return g.personBase + int64(i) + 1 }

func (g *generator) networkID(n int) int64 { return g.networkBase + int64(n) + 1 }

// organisations writes each municipality's organisations and one
// organisation per project.
func (g *generator) organisations(nProjects int) error {
	b := g.newBatch(`INSERT INTO organisations (id, name, name_key, sector, municipality_code, created_at, updated_at) VALUES `, 7)
	for mi, m := range g.munis {
		for k, kind := range orgKinds {
			name := fmt.Sprintf(kind.pattern, m.name)
			b.add(g.orgID(mi, k), name, NameKey(name), kind.sector, m.code, g.now, g.now)
		}
	}
	for p := 0; p < nProjects; p++ {
		name := fmt.Sprintf("Työllisyyshanke %d", p+1)
		b.add(g.projectOrgID(p), name, NameKey(name), "project", g.munis[p%len(g.munis)].code, g.now, g.now)
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("insert organisations: %w", err)
	}
	g.nOrgs = len(g.munis)*len(orgKinds) + nProjects
	g.logf("%d organisations", g.nOrgs)
	return nil
}

// projects writes the projects with goals and regions.
func (g *generator) projects(nProjects int) error {
	per := max(1, int(math.Ceil(float64(len(g.munis))/float64(nProjects))))
	pb := g.newBatch(`INSERT INTO projects (id, name, funder, starts_on, ends_on, description, archived, created_at, updated_at) VALUES `, 9)
	gb := g.newBatch(`INSERT INTO project_goals (id, project_id, position, title, description) VALUES `, 5)
	mb := g.newBatch(`INSERT INTO project_municipalities (project_id, municipality_code) VALUES `, 2)
	gb.after, mb.after = pb, pb
	goalID := g.goalBase
	for p := 0; p < nProjects; p++ {
		var munis []int
		for j := 0; j < per; j++ {
			munis = append(munis, (p*per+j)%len(g.munis))
		}
		munis = uniqueInts(munis)
		g.projectMunis = append(g.projectMunis, munis)
		first := g.munis[munis[0]].name
		startYear := 2021 + p%4
		pb.add(g.projectID(p), fmt.Sprintf("Työllisyyshanke %d: %s", p+1, first), "Euroopan sosiaalirahasto (ESR)",
			date(startYear, time.Month(1+p%12), 1), date(startYear+3, time.Month(1+p%12), 1).AddDate(0, 0, -1),
			"Generoitu kuormitustestihanke.", p%10 == 9, g.now, g.now)
		for j, t := range []string{"Palveluiden vaikuttavuus", "Yhteinen tilannekuva", "Verkostotyön vahvistaminen", "Hyvien käytäntöjen levittäminen"} {
			goalID++
			gb.add(goalID, g.projectID(p), j+1, t, "")
		}
		for _, mi := range munis {
			mb.add(g.projectID(p), g.munis[mi].code)
		}
	}
	for _, b := range []*batch{pb, gb, mb} {
		if err := b.flush(); err != nil {
			return fmt.Errorf("insert projects: %w", err)
		}
	}
	g.logf("%d projects", nProjects)
	return nil
}

// people writes the people, split evenly between projects; the first
// staffPerProject of each project's people are its staff.
func (g *generator) people(nPeople int) error {
	nProjects := len(g.projectMunis)
	per := nPeople / nProjects
	b := g.newBatch(`INSERT INTO people (id, name, title, organisation_id, email, phone, lang, created_at, updated_at) VALUES `, 9)
	sb := g.newBatch(`INSERT INTO project_staff (project_id, person_id, role) VALUES `, 3)
	sb.after = b
	g.personOrg = make([]int64, nPeople)
	for p := 0; p < nProjects; p++ {
		first, n := p*per, per
		if p == nProjects-1 {
			n = nPeople - first
		}
		g.projectPeople = append(g.projectPeople, struct{ first, n int }{first, n})
		munis := g.projectMunis[p]
		for li := 0; li < n; li++ {
			i := first + li
			var org int64
			if li < staffPerProject {
				org = g.projectOrgID(p)
				role := "worker"
				if li == 0 {
					role = "coordinator"
				}
				sb.add(g.projectID(p), g.personID(i), role)
			} else {
				org = g.orgID(munis[li%len(munis)], (li/len(munis))%len(orgKinds))
			}
			g.personOrg[i] = org
			fn, ln := genFirstNames[i%len(genFirstNames)], genLastNames[(i/len(genFirstNames))%len(genLastNames)]
			email := fmt.Sprintf("%s.%d@kansallinen.example.fi", asciiFold(strings.ToLower(fn+"."+ln)), i+1)
			lang := "fi"
			if i%29 == 0 {
				lang = "sv"
			}
			b.add(g.personID(i), fn+" "+ln, genTitles[i%len(genTitles)], org, email,
				fmt.Sprintf("040 000 %04d", i%10000), lang, g.now, g.now)
		}
		if p%20 == 19 {
			g.logf("people: %d", first+n)
		}
	}
	for _, x := range []*batch{b, sb} {
		if err := x.flush(); err != nil {
			return fmt.Errorf("insert people: %w", err)
		}
	}
	g.logf("%d people", nPeople)
	return nil
}

// networks writes the networks (spread evenly over the projects) and their
// themes.
func (g *generator) networks(nNetworks int) error {
	nProjects := len(g.projectMunis)
	per := nNetworks / nProjects
	b := g.newBatch(`INSERT INTO networks (id, project_id, name, purpose, cadence, status, created_at, updated_at) VALUES `, 8)
	tb := g.newBatch(`INSERT INTO network_themes (id, network_id, position, name) VALUES `, 4)
	themeID := g.themeBase
	for n := 0; n < nNetworks; n++ {
		p := min(n/per, nProjects-1)
		j := n - p*per
		g.networkProj = append(g.networkProj, p)
		g.networkLocal = append(g.networkLocal, j)
		theme := genThemes[n%len(genThemes)]
		cadence, status := "monthly", "active"
		if n%3 == 2 {
			cadence = "as_needed"
		}
		if j%15 == 14 {
			status = "archived"
		}
		name := fmt.Sprintf("%s – verkosto %d", theme, n+1)
		if n == 0 {
			name = "Kuormitustestiverkosto (50 jäsentä)"
		}
		b.add(g.networkID(n), g.projectID(p), name, "Generoitu verkosto: "+strings.ToLower(theme)+".", cadence, status, g.now, g.now)
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("insert networks: %w", err)
	}
	// Themes after every network is in (their batches fill at other rates).
	for n := 0; n < nNetworks; n++ {
		for k := 0; k < 3; k++ {
			themeID++
			tb.add(themeID, g.networkID(n), k+1, genThemes[(n+k*5)%len(genThemes)])
		}
	}
	if err := tb.flush(); err != nil {
		return fmt.Errorf("insert network themes: %w", err)
	}
	g.logf("%d networks", nNetworks)
	return nil
}

// networkSizes spreads total memberships over n networks around the mean,
// in pairs of +d/-d so the sum stays exact; network 0 has exactly
// BenchNetworkSize members.
func networkSizes(n, total int) []int {
	sizes := make([]int, n)
	sizes[0] = BenchNetworkSize
	if n == 1 {
		return sizes
	}
	rest := total - BenchNetworkSize
	mean := rest / (n - 1)
	for i := 1; i < n; i++ {
		sizes[i] = mean
	}
	sizes[n-1] += rest - mean*(n-1)
	for i := 1; i+1 < n; i += 2 {
		d := (i*37)%31 - 15
		if mean-d < 5 || mean+d < 5 {
			continue
		}
		sizes[i] += d
		sizes[i+1] -= d
	}
	return sizes
}

// memberships fills each network from its project's people: the first two
// are project staff (convener and secretary), the rest a window of the
// project's other people, so nobody is in a network twice. Some members
// are guests, some deputise the member before them and some terms ended.
func (g *generator) memberships(total int) error {
	sizes := networkSizes(len(g.networkProj), total)
	b := g.newBatch(`INSERT INTO memberships (id, network_id, person_id, role, organisation_id, deputy_of_id, term_start, term_end, created_at, updated_at) VALUES `, 10)
	id := g.membershipBase
	ended := g.today.AddDate(0, -2, 0)
	g.benchPerson = -1
	g.netMembers = make([][]genMember, len(sizes))
	for n, size := range sizes {
		p, j := g.networkProj[n], g.networkLocal[n]
		pp := g.projectPeople[p]
		pool := pp.n - staffPerProject
		if size > pool+2 {
			return fmt.Errorf("network %d: %d members but only %d people in its project", n, size, pool+staffPerProject)
		}
		offset := (j * 25) % pool
		for k := 0; k < size; k++ {
			var li int
			role := "member"
			switch {
			case k == 0:
				li, role = j%staffPerProject, "convener"
			case k == 1:
				li, role = (j+1)%staffPerProject, "secretary"
			default:
				li = staffPerProject + (offset+k-2)%pool
				if k%20 == 19 {
					role = "guest"
				}
			}
			i := pp.first + li
			id++
			var deputy, end any
			if k >= 3 && k%10 == 9 {
				deputy = id - 1
			}
			// Most members joined five years ago, some in the last two.
			termStart := g.today.AddDate(-5, 0, 0)
			if k >= 2 && k%6 == 5 {
				termStart = g.today.AddDate(-1, -(k % 12), 0)
			}
			gm := genMember{person: i, org: g.personOrg[i], start: termStart}
			if k%25 == 24 {
				end, gm.end = ended, ended
			}
			g.netMembers[n] = append(g.netMembers[n], gm)
			if n == 0 && k == 2 {
				g.benchPerson = i
			}
			b.add(id, g.networkID(n), g.personID(i), role, g.personOrg[i], deputy, termStart, end, g.now, g.now)
			g.nMemberships++
		}
		if n%250 == 249 {
			g.logf("memberships: %d", g.nMemberships)
		}
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("insert memberships: %w", err)
	}
	g.logf("%d memberships", g.nMemberships)
	return nil
}

// accounts makes the bench user (a member of the bench network) and a
// platform admin.
func (g *generator) accounts(adminHash, benchHash string) error {
	if g.benchPerson < 0 {
		return errors.New("no bench person chosen")
	}
	if _, err := g.tx.ExecContext(g.ctx, `UPDATE people SET email = $1, name = $2 WHERE id = $3`, BenchEmail, "Kuormitus Testaaja", g.personID(g.benchPerson)); err != nil {
		return fmt.Errorf("bench person: %w", err)
	}
	s := auth.NewStore(g.tx)
	benchID, err := s.CreateAccount(g.ctx, g.personID(g.benchPerson), false, g.now)
	if err != nil {
		return fmt.Errorf("bench account: %w", err)
	}
	if err := s.SetPassword(g.ctx, benchID, benchHash); err != nil {
		return err
	}
	// The admin is a person of its own, after the generated ones.
	adminPerson := g.personID(len(g.personOrg))
	if _, err := g.tx.ExecContext(g.ctx, `INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		adminPerson, "Kohtaamon ylläpitäjä", AdminEmail, g.now); err != nil {
		return fmt.Errorf("admin person: %w", err)
	}
	adminID, err := s.CreateAccount(g.ctx, adminPerson, true, g.now)
	if err != nil {
		return fmt.Errorf("admin account: %w", err)
	}
	if err := s.SetPassword(g.ctx, adminID, adminHash); err != nil {
		return err
	}
	g.logf("accounts: %s, %s", BenchEmail, AdminEmail)
	return nil
}

func uniqueInts(xs []int) []int {
	seen := map[int]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func asciiFold(s string) string {
	return strings.NewReplacer("ä", "a", "ö", "o", "å", "a").Replace(s)
}

// batch accumulates rows for one multi-row INSERT and sends them when
// full. maxParams keeps a statement under both databases' bind limits
// (SQLite 32,766; PostgreSQL 65,535).
type batch struct {
	ctx  context.Context
	tx   *sql.Tx
	head string
	cols int
	rows int
	max  int
	args []any
	full string // the statement for a full batch, built once
	err  error
	// positional writes "?" instead of "$n": SQLite looks numbered
	// parameters up by name, which is quadratic in a 10,000-value statement.
	positional bool
	// after is a batch of parent rows sent before this one's.
	after *batch
}

const maxParams = 30000

func (g *generator) newBatch(head string, cols int) *batch {
	m := min(1000, maxParams/cols)
	return &batch{ctx: g.ctx, tx: g.tx, head: head, cols: cols, max: m, args: make([]any, 0, m*cols), positional: g.dialect == db.SQLite}
}

// add appends one row, sending the batch when it is full. The first
// error sticks and is returned by flush.
func (b *batch) add(vals ...any) {
	if b.err != nil {
		return
	}
	if len(vals) != b.cols {
		b.err = fmt.Errorf("batch row has %d values, want %d", len(vals), b.cols)
		return
	}
	b.args = append(b.args, vals...)
	b.rows++
	if b.rows == b.max {
		b.err = b.flush()
	}
}

// flush sends the rows added so far and returns the first error.
func (b *batch) flush() error {
	if b.err != nil || b.rows == 0 {
		return b.err
	}
	if b.after != nil {
		if b.err = b.after.flush(); b.err != nil {
			return b.err
		}
	}
	var q string
	if b.rows == b.max && b.full != "" {
		q = b.full
	} else {
		q = b.statement(b.rows)
		if b.rows == b.max {
			b.full = q
		}
	}
	if _, err := b.tx.ExecContext(b.ctx, q, b.args...); err != nil {
		return err
	}
	b.rows = 0
	b.args = b.args[:0]
	return nil
}

func (b *batch) statement(rows int) string {
	var sb strings.Builder
	sb.Grow(len(b.head) + rows*b.cols*7)
	sb.WriteString(b.head)
	n := 1
	for r := 0; r < rows; r++ {
		if r > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('(')
		for c := 0; c < b.cols; c++ {
			if c > 0 {
				sb.WriteByte(',')
			}
			if b.positional {
				sb.WriteByte('?')
			} else {
				sb.WriteByte('$')
				sb.WriteString(strconv.Itoa(n))
				n++
			}
		}
		sb.WriteByte(')')
	}
	return sb.String()
}

// LoadScaled is loadScaled for benchmarks in other packages: scale 1 is the
// national data set.
func LoadScaled(ctx context.Context, d *db.DB, now time.Time, scale float64, progress io.Writer) (National, error) {
	return loadScaled(ctx, d, now, scale, progress)
}

// genMember is a member of a generated network.
type genMember struct {
	person     int   // person index
	org        int64 // the organisation represented
	start, end time.Time
}

// activeOn reports whether the membership covers the day t.
func (m genMember) activeOn(t time.Time) bool {
	return !m.start.After(t) && (m.end.IsZero() || !m.end.Before(t))
}

// mix is a small deterministic hash (splitmix64) for the generator's
// choices, so the same scale always gives the same data.
func mix(a, b uint64) uint64 {
	z := a*0x9E3779B97F4A7C15 + b + 0x632BE59BD9B4E019
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

func (g *generator) addRows(table string, n int) {
	if g.rows == nil {
		g.rows = map[string]int{}
	}
	g.rows[table] += n
}

// sentReminders records the reminders of every task already due as sent,
// as they would be on a platform that has been running: otherwise the
// first start would mail tens of thousands of made-up people.
func (g *generator) sentReminders() error {
	due, err := task.NewStore(g.tx).NeedingReminders(g.ctx, g.today)
	if err != nil {
		return err
	}
	b := g.newBatch(`INSERT INTO task_reminders (kind, task_id, reminder, due_on, sent_at) VALUES `, 5)
	for _, d := range due {
		b.add(d.Kind, d.ID, d.Reminder, *d.DueOn, db.Now(g.now))
	}
	if err := b.flush(); err != nil {
		return fmt.Errorf("record sent reminders: %w", err)
	}
	g.addRows("task_reminders", len(due))
	return nil
}

// benchOpenTasks counts the bench user's open tasks as "My tasks" does.
func (g *generator) benchOpenTasks() error {
	err := g.tx.QueryRowContext(g.ctx, `SELECT
		(SELECT COUNT(*) FROM action_items WHERE owner_person_id = $1 AND status = 'open') +
		(SELECT COUNT(*) FROM plan_actions WHERE owner_id = $1 AND status IN ('planned', 'in_progress'))`,
		g.personID(g.benchPerson)).Scan(&g.benchTasks)
	if err != nil {
		return fmt.Errorf("count the bench user's tasks: %w", err)
	}
	return nil
}

// counts copies the row counts into the summary.
func (g *generator) counts(n *National) {
	r := g.rows
	n.Series, n.Meetings, n.AgendaItems = r["meeting_series"], r["meetings"], r["agenda_items"]
	n.Responses, n.Attendance, n.Minutes = r["meeting_responses"], r["meeting_attendance"], r["minutes"]
	n.Decisions, n.ActionItems = r["decisions"], r["action_items"]
	n.Plans, n.Objectives, n.Actions = r["action_plans"], r["plan_objectives"], r["plan_actions"]
	n.BenchMeetingID, n.BenchOpenTasks = g.benchMeeting, g.benchTasks
}

// Action plans: one per network and calendar year of the meeting window,
// objectivesPerPlan objectives (linked to the project's goals) with
// actionsPerObjective actions each; the first action of every objective
// has an indicator.
const (
	objectivesPerPlan   = 3
	actionsPerObjective = 4
	actionsPerPlan      = objectivesPerPlan * actionsPerObjective
	benchPlanActions    = 4 // open plan actions of the bench user
	benchItems          = 30
	pastMonths          = 48 // meetings from four years back…
	futureMonths        = 6  // …to half a year ahead
)

var genObjectives = []string{"Palveluketjut saumattomiksi", "Yhteinen tilannekuva alueen työllisyydestä",
	"Työnantajayhteistyön vahvistaminen", "Osaamisen kehittäminen", "Asiakasosallisuuden lisääminen"}

var genActions = []string{"Kartoitetaan alueen palvelut", "Järjestetään yhteinen koulutuspäivä", "Laaditaan ohjauksen toimintamalli",
	"Kootaan asiakaspalaute", "Pilotoidaan yhteinen palveluohjaus", "Julkaistaan palvelutarjotin", "Järjestetään työnantajatapaaminen",
	"Päivitetään yhteystietoluettelo", "Arvioidaan kokeilun tulokset", "Valmistellaan rahoitushakemus"}

func (g *generator) planID(n, y int) int64 { return g.planBase + int64(n*len(g.planYears)+y) + 1 }

func (g *generator) planActionID(n, y, k int) int64 {
	return g.actionBase + int64((n*len(g.planYears)+y)*actionsPerPlan+k) + 1
}

// windowStart is the first day of the month pastMonths before today.
func (g *generator) windowStart() time.Time {
	return time.Date(g.today.Year(), g.today.Month()-pastMonths, 1, 0, 0, 0, 0, time.UTC)
}

// plans writes every network's yearly action plans: past years closed
// (actions done or cancelled), this year's active with actions in every
// state. The bench user owns benchPlanActions open actions of the bench
// network's active plan.
func (g *generator) plans() error {
	first, last := g.windowStart().Year(), g.today.Year()
	g.planYears = nil
	for y := first; y <= last; y++ {
		g.planYears = append(g.planYears, y)
	}
	pb := g.newBatch(`INSERT INTO action_plans (id, network_id, title, description, starts_on, ends_on, status, created_at, updated_at) VALUES `, 9)
	ob := g.newBatch(`INSERT INTO plan_objectives (id, plan_id, title, description, project_goal_id, weight, created_at, updated_at) VALUES `, 8)
	ab := g.newBatch(`INSERT INTO plan_actions (id, objective_id, title, description, owner_id, starts_on, due_on, status, progress, weight, created_at, updated_at) VALUES `, 12)
	ib := g.newBatch(`INSERT INTO plan_indicators (id, action_id, name, unit, baseline, target, created_at) VALUES `, 7)
	vb := g.newBatch(`INSERT INTO indicator_values (id, indicator_id, measured_on, value, created_at) VALUES `, 5)
	ob.after, ab.after, ib.after, vb.after = pb, ob, ab, ib
	objID, indID, valID := g.objectiveBase, g.indicatorBase, g.valueBase
	for n := range g.networkProj {
		p := g.networkProj[n]
		members := g.netMembers[n]
		for yi, year := range g.planYears {
			starts, ends := date(year, 1, 1), date(year, 12, 31)
			created := minTime(g.now, time.Date(year-1, 12, 1, 9, 0, 0, 0, time.UTC))
			status := "closed"
			if year == g.today.Year() {
				status = "active"
			}
			pb.add(g.planID(n, yi), g.networkID(n), fmt.Sprintf("Toimintasuunnitelma %d", year),
				"Verkoston vuoden tavoitteet ja toimenpiteet.", starts, ends, status, created, created)
			g.addRows("action_plans", 1)
			for o := 0; o < objectivesPerPlan; o++ {
				objID++
				goal := g.goalBase + int64(p*4+(o+yi)%4) + 1
				weight := 1.0
				if o == 0 {
					weight = 2
				}
				ob.add(objID, g.planID(n, yi), genObjectives[(n+o+yi)%len(genObjectives)], "", goal, weight, created, created)
				g.addRows("plan_objectives", 1)
				for a := 0; a < actionsPerObjective; a++ {
					k := o*actionsPerObjective + a
					h := mix(uint64(n)<<16|uint64(yi)<<8|uint64(k), 7)
					q := (a + o) % 4 // the quarter the action is due in
					aStart, aDue := date(year, time.Month(3*q+1), 1), date(year, time.Month(3*q+4), 1).AddDate(0, 0, -1)
					owner := members[h%uint64(len(members))]
					if n == 0 {
						owner = members[3+h%uint64(len(members)-3)] // #nosec G115 -- the bench network has dozens of members; the bench user only as below
					}
					st, progress := g.actionStatus(status, aStart, aDue, h)
					if n == 0 && status == "active" && k < benchPlanActions {
						owner = members[2] // the bench user
						st, progress = "in_progress", 40
						if k%2 == 1 {
							st, progress = "planned", 0
						}
					}
					actionID := g.planActionID(n, yi, k)
					ab.add(actionID, objID, genActions[(int(h>>20)+k)%len(genActions)], "", g.personID(owner.person),
						aStart, aDue, st, progress, 1.0, created, created)
					g.addRows("plan_actions", 1)
					if a == 0 {
						indID++
						ib.add(indID, actionID, "Osallistuneet asiakkaat", "hlö", 10.0, 50.0, created)
						for qe := 0; qe < 4; qe++ {
							on := date(year, time.Month(3*qe+4), 1).AddDate(0, 0, -1)
							if on.After(g.today) {
								break
							}
							valID++
							vb.add(valID, indID, on, float64(10+(qe+1)*8+int(h%5)), minTime(g.now, on.AddDate(0, 0, 7)))
						}
					}
				}
			}
		}
	}
	for _, b := range []*batch{pb, ob, ab, ib, vb} {
		if err := b.flush(); err != nil {
			return fmt.Errorf("insert action plans: %w", err)
		}
	}
	g.logf("%d action plans, %d actions", g.rows["action_plans"], g.rows["plan_actions"])
	return nil
}

// actionStatus picks a plan action's status and progress: a closed
// plan's actions are done or cancelled; an active plan's depend on the
// dates.
func (g *generator) actionStatus(planStatus string, start, due time.Time, h uint64) (string, int) {
	r := (h >> 32) % 100
	switch {
	case planStatus == "closed" && r < 85:
		return "done", 100
	case planStatus == "closed":
		return "cancelled", int(r % 50)
	case due.Before(g.today) && r < 70:
		return "done", 100
	case due.Before(g.today):
		return "in_progress", 50 + int(r%40)
	case start.After(g.today):
		return "planned", 0
	case r < 80:
		return "in_progress", 10 + int(r%60)
	}
	return "planned", 0
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// genTrack is a recurring kind of meeting of a network.
type genTrack struct {
	title        string
	hour, minute int
	length       time.Duration
}

// genTracks: the network meeting, a working group and a theme workshop.
// Network n meets on track t in week 1+(n+t)%4 of the month, so its
// tracks never share a day.
var genTracks = []genTrack{
	{"Verkostokokous", 9, 0, 2 * time.Hour},
	{"Työryhmän kokous", 13, 0, 90 * time.Minute},
	{"Teematyöpaja", 12, 30, 150 * time.Minute},
}

var genAgenda = []string{"Ajankohtaiset kuulumiset organisaatioista", "Tilannekatsaus työllisyyteen alueella", "Toimintasuunnitelman seuranta",
	"Asiakaspalautteen käsittely", "Yhteinen koulutuspäivä", "Palveluohjauksen toimintamalli", "Työnantajayhteistyö",
	"Rahoitushaut ja hankkeet", "Hyvät käytännöt muilta alueilta", "Viestintä ja tapahtumat", "Nuorten palvelut", "Osatyökykyisten palvelut"}

var genDecisions = []string{"Hyväksyttiin esityslista.", "Päätettiin järjestää yhteinen koulutuspäivä syksyllä.",
	"Hyväksyttiin toimintasuunnitelman väliraportti.", "Päätettiin perustaa työryhmä valmistelemaan palveluohjauksen mallia.",
	"Merkittiin tilannekatsaus tiedoksi.", "Päätettiin kutsua työnantajien edustajat seuraavaan kokoukseen.",
	"Hyväksyttiin viestintäsuunnitelma.", "Päätettiin koota asiakaspalaute yhteisellä lomakkeella."}

var genItems = []string{"Kokoaa organisaation palautteen", "Lähettää esityksen jäsenille", "Selvittää koulutuksen kustannukset",
	"Kutsuu työnantajat tapaamiseen", "Päivittää palvelukuvauksen", "Valmistelee rahoitushakemuksen luonnoksen",
	"Vie päätöksen omaan organisaatioon", "Kokoaa tilastot seuraavaan kokoukseen", "Tarkistaa yhteystiedot", "Laatii kyselyn asiakkaille"}

// genSlot is one generated meeting.
type genSlot struct {
	track      int
	start, end time.Time // UTC
	cancelled  bool
}

// nthWeekday returns the day of the month of the week-th weekday wd.
func nthWeekday(year int, month time.Month, week int, wd time.Weekday) int {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC).Weekday()
	return 1 + (int(wd)-int(first)+7)%7 + 7*(week-1)
}

// meetingCounts spreads total meetings over n networks around the mean,
// in pairs of +d/-d, each between 1 and most.
func meetingCounts(n, total, most int) ([]int, error) {
	if total > n*most {
		return nil, fmt.Errorf("%d meetings do not fit in %d networks", total, n)
	}
	counts := make([]int, n)
	for i := range counts {
		counts[i] = total / n
	}
	for i := 0; i < total%n; i++ {
		counts[i]++
	}
	for i := 1; i+1 < n; i += 2 {
		d := 2 * ((i*37)%31 - 15)
		if counts[i]+d < 1 || counts[i]-d < 1 || counts[i]+d > most || counts[i+1]-d > most || counts[i+1]-d < 1 {
			continue
		}
		counts[i] += d
		counts[i+1] -= d
	}
	return counts, nil
}

// slots lays out a network's count meetings: the network meeting every
// month of the window, a working group for the latest months, and a
// workshop series for the busiest networks; in time order.
func (g *generator) slots(n, count int) []genSlot {
	months := pastMonths + futureMonths
	ws := g.windowStart()
	weekdays := []time.Weekday{time.Tuesday, time.Wednesday, time.Thursday}
	out := make([]genSlot, 0, count)
	left := count
	perTrack := make([]int, len(genTracks))
	for t := range genTracks {
		perTrack[t] = min(left, months)
		left -= perTrack[t]
	}
	for m := 0; m < months; m++ {
		mon := ws.AddDate(0, m, 0)
		for t, tr := range genTracks {
			if m < months-perTrack[t] {
				continue
			}
			week, wd := 1+(n+t)%4, weekdays[(n+2*t)%3]
			day := nthWeekday(mon.Year(), mon.Month(), week, wd)
			start := time.Date(mon.Year(), mon.Month(), day, tr.hour, tr.minute, 0, 0, app.Helsinki).UTC()
			h := mix(uint64(n), uint64(m*4+t)) // #nosec G115 -- non-negative indices
			out = append(out, genSlot{track: t, start: start, end: start.Add(tr.length), cancelled: h%50 == 7})
		}
	}
	return out
}

// meetings writes the meetings of every network with their series,
// agendas, answers, attendance, minutes, decisions and nItems action
// items (spread evenly over the meetings that have minutes). The bench
// user owns benchItems open action items of the bench network.
func (g *generator) meetings(nMeetings, nItems int) error {
	counts, err := meetingCounts(len(g.networkProj), nMeetings, len(genTracks)*(pastMonths+futureMonths))
	if err != nil {
		return err
	}
	all := make([][]genSlot, len(counts))
	withMinutes := 0
	benchMinuted := 0
	for n, c := range counts {
		all[n] = g.slots(n, c)
		for _, s := range all[n] {
			if !s.cancelled && !s.end.After(g.now) {
				withMinutes++
				if n == 0 {
					benchMinuted++
				}
			}
		}
	}
	w := &meetingWriter{g: g, itemsTotal: nItems, minutedTotal: withMinutes, benchFrom: benchMinuted - benchItems/2}
	w.init()
	for n := range all {
		if err := w.network(n, all[n]); err != nil {
			return err
		}
		if n%250 == 249 {
			g.logf("meetings: %d networks, %d meetings, %d action items", n+1, g.rows["meetings"], g.rows["action_items"])
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	g.logf("%d meetings, %d agenda items, %d answers, %d attendances, %d minutes, %d action items",
		g.rows["meetings"], g.rows["agenda_items"], g.rows["meeting_responses"], g.rows["meeting_attendance"], g.rows["minutes"], g.rows["action_items"])
	return nil
}

// meetingWriter holds the batches and counters of meetings().
type meetingWriter struct {
	g                                    *generator
	series, meetings, agenda, responses  *batch
	attendance, minutes, revisions       *batch
	decisions, items                     *batch
	seriesID, meetingID, agendaID        int64
	minutesID, revisionID, decisionID    int64
	itemID                               int64
	itemsTotal, minutedTotal, minutedSeq int
	benchFrom                            int // bench network's minuted meeting from which the bench user gets items
}

func (w *meetingWriter) init() {
	g := w.g
	w.series = g.newBatch(`INSERT INTO meeting_series (id, network_id, rrule, first_start, last_start, created_at) VALUES `, 6)
	w.meetings = g.newBatch(`INSERT INTO meetings (id, network_id, series_id, title, description, starts_at, ends_at, mode, place, remote_link,
		agenda_deadline, status, sequence, created_at, updated_at) VALUES `, 15)
	w.agenda = g.newBatch(`INSERT INTO agenda_items (id, meeting_id, position, title, preparer_id, duration_minutes, notes, link, status,
		proposed_by, created_at, updated_at) VALUES `, 12)
	w.responses = g.newBatch(`INSERT INTO meeting_responses (meeting_id, person_id, answer, updated_at) VALUES `, 4)
	w.attendance = g.newBatch(`INSERT INTO meeting_attendance (meeting_id, person_id, organisation_id, mode, recorded_at) VALUES `, 5)
	w.minutes = g.newBatch(`INSERT INTO minutes (id, meeting_id, body, status, version, approved_by, approved_at, created_at, updated_at) VALUES `, 9)
	w.revisions = g.newBatch(`INSERT INTO minutes_revisions (id, minutes_id, body, decisions, author_id, reason, created_at) VALUES `, 7)
	w.decisions = g.newBatch(`INSERT INTO decisions (id, minutes_id, position, text) VALUES `, 4)
	w.items = g.newBatch(`INSERT INTO action_items (id, meeting_id, network_id, title, owner_person_id, due_on, status, plan_action_id,
		created_at, updated_at, completed_at) VALUES `, 11)
	w.meetings.after = w.series
	w.agenda.after, w.responses.after, w.attendance.after, w.minutes.after = w.meetings, w.meetings, w.meetings, w.meetings
	w.revisions.after, w.decisions.after, w.items.after = w.minutes, w.minutes, w.minutes
	w.seriesID, w.meetingID, w.agendaID = g.seriesBase, g.meetingBase, g.agendaBase
	w.minutesID, w.revisionID, w.decisionID, w.itemID = g.minutesBase, g.revisionBase, g.decisionBase, g.itemBase
}

func (w *meetingWriter) flush() error {
	for _, b := range []*batch{w.series, w.meetings, w.agenda, w.responses, w.attendance, w.minutes, w.revisions, w.decisions, w.items} {
		if err := b.flush(); err != nil {
			return fmt.Errorf("insert meetings: %w", err)
		}
	}
	return nil
}

// network writes one network's meetings (slots in time order).
func (w *meetingWriter) network(n int, slots []genSlot) error {
	g := w.g
	members := g.netMembers[n]
	asNeeded := n%3 == 2 // the networks with cadence "as_needed" meet without series
	place := g.munis[g.projectMunis[g.networkProj[n]][0]].name + ", kaupungintalo"
	// Series: one per track and calendar year.
	type key struct{ track, year int }
	type made struct {
		id      int64
		created time.Time
	}
	seriesOf := map[key]made{}
	if !asNeeded {
		var order []key
		groups := map[key][]time.Time{}
		for _, s := range slots {
			k := key{s.track, s.start.In(app.Helsinki).Year()}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], s.start)
		}
		for _, k := range order {
			starts := groups[k]
			w.seriesID++
			sr := made{w.seriesID, g.created(starts[0], 30)}
			seriesOf[k] = sr
			rule := meeting.CanonicalRule(meeting.MonthlyRule(starts[0], len(starts), nil))
			w.series.add(sr.id, g.networkID(n), rule, starts[0], starts[len(starts)-1], sr.created)
			g.addRows("meeting_series", 1)
		}
	}
	minuted := 0
	var eligible []genMember
	for si, s := range slots {
		h := mix(uint64(n)<<20|uint64(si), 11) // #nosec G115 -- non-negative indices
		w.meetingID++
		id := w.meetingID
		tr := genTracks[s.track]
		var series any
		created := g.created(s.start, 21)
		if sr, ok := seriesOf[key{s.track, s.start.In(app.Helsinki).Year()}]; ok {
			series, created = sr.id, sr.created
		}
		mode := meeting.Modes[(n+s.track+int(h%7)/5)%3]
		link, pl := "", place
		if mode != meeting.ModeInPerson {
			link = fmt.Sprintf("https://teams.example.fi/l/meetup-join/%d-%d", n+1, si+1)
		}
		if mode == meeting.ModeRemote {
			pl = ""
		}
		var deadline any
		if s.track == 0 {
			local := s.start.In(app.Helsinki)
			deadline = time.Date(local.Year(), local.Month(), local.Day()-2, 0, 0, 0, 0, app.Helsinki).UTC()
		}
		status, seq, updated := "scheduled", 0, created
		if h%13 == 0 {
			seq, updated = 1, maxTime(created, minTime(g.now, s.start.AddDate(0, 0, -3)))
		}
		if s.cancelled {
			status, seq, updated = "cancelled", seq+1, maxTime(created, minTime(g.now, s.start.AddDate(0, 0, -2)))
		}
		desc := ""
		if s.track == 2 {
			desc = "Työpajassa kehitetään yhdessä verkoston palveluja."
		}
		w.meetings.add(id, g.networkID(n), series, tr.title, desc, s.start, s.end, mode, pl, link, deadline, status, seq, created, updated)
		g.addRows("meetings", 1)

		day := time.Date(s.start.Year(), s.start.Month(), s.start.Day(), 0, 0, 0, 0, time.UTC)
		eligible = eligible[:0]
		for _, m := range members {
			if m.activeOn(day) {
				eligible = append(eligible, m)
			}
		}
		past := !s.end.After(g.now)
		invited := s.start.Before(g.now.AddDate(0, 0, 60))
		// Agenda.
		titles := w.agendaItems(n, id, si, s, h, eligible, invited, past, created)
		if !invited || len(eligible) == 0 {
			continue
		}
		// Answers to the invitation: a window of the members.
		r := min(len(eligible), 6+int(h%9))
		off := int((h >> 8) % uint64(len(eligible))) // #nosec G115 -- less than len(eligible), an int
		attended, remote := 0, 0
		for j := 0; j < r; j++ {
			m := eligible[(off+j)%len(eligible)]
			hj := mix(h, uint64(j))
			answer := meeting.AnswerInPerson
			switch x := hj % 100; {
			case x >= 80:
				answer = meeting.AnswerNo
			case x >= 50 && mode != meeting.ModeInPerson, mode == meeting.ModeRemote:
				answer = meeting.AnswerRemote
			}
			answered := maxTime(created, minTime(g.now, s.start.AddDate(0, 0, -1-int(hj>>40)%14)))
			w.responses.add(id, g.personID(m.person), answer, answered)
			g.addRows("meeting_responses", 1)
			if past && !s.cancelled && answer != meeting.AnswerNo && (hj>>20)%10 != 0 {
				w.attendance.add(id, g.personID(m.person), m.org, answer, s.start.Add(15*time.Minute))
				g.addRows("meeting_attendance", 1)
				attended++
				if answer == meeting.AnswerRemote {
					remote++
				}
			}
		}
		if !past || s.cancelled {
			continue
		}
		// One or two came without answering.
		for j := r; j < min(len(eligible), r+1+int(h>>50)%2); j++ {
			m := eligible[(off+j)%len(eligible)]
			how := meeting.AttendedInPerson
			if mode == meeting.ModeRemote {
				how = meeting.AttendedRemote
			}
			w.attendance.add(id, g.personID(m.person), m.org, how, s.start.Add(15*time.Minute))
			g.addRows("meeting_attendance", 1)
			attended++
		}
		w.minutesFor(n, id, s, h, members, eligible, titles, attended, remote, minuted)
		minuted++
		w.minutedSeq++
	}
	return nil
}

// created is when something for an event at t was made: days before t,
// but never after now.
func (g *generator) created(t time.Time, days int) time.Time {
	return minTime(g.now, t.AddDate(0, 0, -days))
}

// agendaItems writes a meeting's agenda and returns the accepted titles.
func (w *meetingWriter) agendaItems(n int, id int64, si int, s genSlot, h uint64, eligible []genMember, invited, past bool, created time.Time) []string {
	g := w.g
	k := 3 + int(h>>12)%3
	if !invited {
		k = 1 + int(h>>12)%2
	}
	titles := make([]string, 0, k+1)
	convener := g.personID(g.netMembers[n][0].person)
	for pos := 1; pos <= k; pos++ {
		title, minutes, preparer := genAgenda[(si+pos*5+n)%len(genAgenda)], 20+int(h>>(pos*3)%4)*10, any(nil)
		var proposer any
		switch {
		case pos == 1:
			title, minutes, preparer = "Kokouksen avaus ja esityslistan hyväksyminen", 5, convener
		case pos == k && k > 2:
			title, minutes, preparer = "Seuraava kokous", 5, convener
		case len(eligible) > 0:
			m := eligible[mix(h, uint64(pos))%uint64(len(eligible))]
			preparer = g.personID(m.person)
			if pos%2 == 0 {
				proposer = preparer
			}
		}
		link := ""
		if pos == 2 && h%4 == 0 {
			link = fmt.Sprintf("https://kohtaamo.example/materiaalit/%d-%d.pdf", n+1, si+1)
		}
		w.agendaID++
		w.agenda.add(w.agendaID, id, pos, title, preparer, minutes, "", link, meeting.ItemAccepted, proposer, created, created)
		g.addRows("agenda_items", 1)
		titles = append(titles, title)
	}
	// A member's proposal waiting for the convener before a coming meeting.
	if !past && invited && !s.cancelled && len(eligible) > 0 && h%3 == 0 {
		m := eligible[(h>>24)%uint64(len(eligible))]
		w.agendaID++
		at := maxTime(created, g.now.AddDate(0, 0, -1-int(h%5)))
		w.agenda.add(w.agendaID, id, k+1, "Ehdotus: "+genAgenda[(si+n)%len(genAgenda)], g.personID(m.person), 15, "Ehdotan käsiteltäväksi.", "",
			meeting.ItemProposed, g.personID(m.person), at, at)
		g.addRows("agenda_items", 1)
	}
	return titles
}

// minutesFor writes a past meeting's minutes (drafts for the last week,
// approved before), decisions and action items. minuted counts the
// network's earlier meetings with minutes.
func (w *meetingWriter) minutesFor(n int, id int64, s genSlot, h uint64, members, eligible []genMember, titles []string, attended, remote, minuted int) {
	g := w.g
	var body strings.Builder
	fmt.Fprintf(&body, "Läsnä %d jäsentä, joista %d etäyhteydellä.\n\n## Käsitellyt asiat\n\n", attended, remote)
	for i, t := range titles {
		fmt.Fprintf(&body, "%d. %s\n", i+1, t)
	}
	body.WriteString("\nPuheenjohtaja päätti kokouksen.\n")
	created := minTime(g.now, s.end.Add(24*time.Hour))
	w.minutesID++
	convener := g.personID(members[0].person)
	approved := s.end.Before(g.now.AddDate(0, 0, -7))
	version := 1
	if approved {
		version = 2
		revised := h%97 == 5
		if revised {
			version = 3
		}
		at := minTime(g.now, created.AddDate(0, 0, 2+int(h>>30)%8))
		w.minutes.add(w.minutesID, id, body.String(), "approved", version, convener, at, created, at)
		if revised {
			w.revisionID++
			w.revisions.add(w.revisionID, w.minutesID, strings.Replace(body.String(), "Läsnä", "Paikalla", 1), genDecisions[0], convener,
				"Korjattu osallistujamäärä.", minTime(g.now, at.AddDate(0, 0, 3)))
			g.addRows("minutes_revisions", 1)
		}
		if n == 0 {
			w.g.benchMeeting = id
		}
	} else {
		w.minutes.add(w.minutesID, id, body.String(), "draft", version, nil, nil, created, created)
	}
	g.addRows("minutes", 1)
	nd := 1 + int(h>>36)%4
	for d := 0; d < nd; d++ {
		w.decisionID++
		w.decisions.add(w.decisionID, w.minutesID, d+1, genDecisions[(int(h>>40)+d*3)%len(genDecisions)])
	}
	g.addRows("decisions", nd)

	// Action items: an even share of the total.
	i := w.minutedSeq
	count := (i+1)*w.itemsTotal/w.minutedTotal - i*w.itemsTotal/w.minutedTotal
	yi := s.start.Year() - g.planYears[0]
	for k := 0; k < count; k++ {
		hk := mix(h, uint64(100+k))
		pool := eligible
		if len(pool) == 0 {
			pool = members
		}
		owner := pool[hk%uint64(len(pool))]
		if n == 0 && owner.person == g.benchPerson {
			owner = members[0] // the bench user's items are chosen below
		}
		due := time.Date(s.start.Year(), s.start.Month(), s.start.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 14+7*int((hk>>16)%6))
		status := g.itemStatus(due, hk)
		if n == 0 && minuted >= w.benchFrom && k < 2 {
			owner, status = members[2], "open"
		}
		var completed any
		updated := created
		if status == "done" {
			c := maxTime(created, minTime(g.now, due.Add(-time.Duration(hk>>40%10)*24*time.Hour)))
			completed, updated = c, c
		} else if status == "cancelled" {
			updated = maxTime(created, minTime(g.now, due))
		}
		var planAction any
		if hk%4 == 0 && yi >= 0 && yi < len(g.planYears) {
			planAction = g.planActionID(n, yi, int(hk>>8)%actionsPerPlan)
		}
		w.itemID++
		w.items.add(w.itemID, id, g.networkID(n), genItems[int(hk>>24)%len(genItems)], g.personID(owner.person), due, status, planAction,
			created, updated, completed)
	}
	g.addRows("action_items", count)
}

// itemStatus picks an action item's status by its due date: coming ones
// mostly open, old ones mostly done, a few forgotten.
func (g *generator) itemStatus(due time.Time, h uint64) string {
	r := (h >> 48) % 100
	switch {
	case !due.Before(g.today):
		if r < 85 {
			return "open"
		}
		return "done"
	case due.After(g.today.AddDate(0, 0, -60)):
		if r < 40 {
			return "open"
		} else if r < 95 {
			return "done"
		}
		return "cancelled"
	case r < 3:
		return "open"
	case r < 90:
		return "done"
	}
	return "cancelled"
}
