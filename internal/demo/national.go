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

	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// The national generator's sign-in for load benchmarks.
const (
	BenchEmail    = "bench@kohtaamo.example"
	BenchPassword = "kohtaamo-bench"
)

// BenchNetworkSize is the member count of the benchmark network.
const BenchNetworkSize = 50

// National describes what the national generator wrote.
type National struct {
	Municipalities, Organisations, Projects, Networks, People, Memberships int
	// BenchNetworkID is the network with exactly BenchNetworkSize members
	// that the bench user belongs to.
	BenchNetworkID int64
	Took           time.Duration
}

// String is the summary printed by "kohtaamo demo --scale national".
func (n National) String() string {
	return fmt.Sprintf("national data: %d municipalities, %d organisations, %d projects, %d networks, %d people, %d memberships in %s\n"+
		"benchmark network (%d members): /networks/%d\n"+
		"sign in: %s / %s (member of that network); admin: %s / %s",
		n.Municipalities, n.Organisations, n.Projects, n.Networks, n.People, n.Memberships, n.Took.Round(time.Millisecond),
		BenchNetworkSize, n.BenchNetworkID, BenchEmail, BenchPassword, AdminEmail, Password)
}

// LoadNational generates national-scale data for load tests: every
// municipality with its organisations, 100 projects, 2,000 networks,
// 50,000 people and 100,000 memberships, a bench user in a network of
// exactly 50 members, and a platform admin. It refuses a database that
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
	staffPerProject     = 3
)

// orgKinds are the organisations generated in every municipality.
var orgKinds = []struct{ sector, pattern string }{
	{"municipality", "%s (kunta)"},
	{"employment_admin", "Työllisyyspalvelut %s"},
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
			func() error { return g.accounts(adminHash, benchHash) },
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		out.Organisations, out.Projects, out.Networks = g.nOrgs, nProjects, nNetworks
		out.People, out.Memberships, out.BenchNetworkID = nPeople+1, g.nMemberships, g.networkID(0)
		if d.Dialect == db.Postgres {
			for _, t := range analyzed {
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT MAX(id) FROM `+t+`))`); err != nil {
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

// analyzed are the tables the generator fills.
var analyzed = []string{"organisations", "people", "users", "projects", "project_goals", "networks", "network_themes", "memberships"}

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

	orgBase, personBase, projectBase, networkBase, membershipBase, goalBase, themeBase int64

	munis         []genMuni
	nOrgs         int
	projectMunis  [][]int // municipality indexes per project
	projectPeople []struct{ first, n int }
	networkProj   []int // project index per network
	networkLocal  []int // index of the network within its project
	personOrg     []int64
	benchPerson   int // person index of the bench user
	nMemberships  int
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
		{"network_themes", &g.themeBase},
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
	termStart := g.today.AddDate(-2, 0, 0)
	ended := g.today.AddDate(0, -2, 0)
	g.benchPerson = -1
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
			if k%25 == 24 {
				end = ended
			}
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
