// Package demo loads the demo data set (the seeds' projects, networks,
// organisations and invented people, and the networks' meetings, minutes,
// action items and action plans) and the national-scale generator used by
// the load benchmarks.
//
// The directory is written with plain SQL against the foundation schema;
// the networks' activity (activity.go) goes through the domain stores, so
// it obeys their rules. Everything goes in one transaction.
package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Password is the password of every demo account.
const Password = "kohtaamo-demo" // #nosec G101 -- the public demo password, printed at start and in the README

// The demo accounts' e-mail addresses.
const (
	AdminEmail       = "admin@kohtaamo.example"
	CoordinatorEmail = "coordinator@kohtaamo.example"
	ConvenerEmail    = "convener@kohtaamo.example"
	MemberEmail      = "member@kohtaamo.example"
)

// OuluProject is the name of the demo's main project, the current one,
// where today's meetings, plans and tasks live.
const OuluProject = "Oulun seudun työllisyysalueen kehittämisverkostot"

// LoadIfEmpty loads the demo data when the database has no projects and no
// accounts, and reports whether it did. The check and the load run in one
// transaction (on PostgreSQL under an advisory lock), so instances starting
// at the same time load it once.
func LoadIfEmpty(ctx context.Context, d *db.DB, now time.Time) (bool, error) {
	hashes := map[string]string{}
	loaded := false
	err := d.WithTx(ctx, func(tx *sql.Tx) error {
		empty, err := isEmpty(ctx, d, tx)
		if err != nil || !empty {
			return err
		}
		// Hash only when loading: argon2id takes tens of milliseconds.
		for _, a := range demoAccounts {
			if hashes[a.email], err = auth.HashPassword(Password); err != nil {
				return fmt.Errorf("hash demo password: %w", err)
			}
		}
		if err := loadSeed(ctx, tx, now, hashes); err != nil {
			return err
		}
		loaded = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("load demo data: %w", err)
	}
	return loaded, nil
}

// isEmpty reports whether the database has no projects and no accounts.
// On PostgreSQL it first takes a transaction-scoped advisory lock so that
// concurrent loaders serialise; SQLite transactions begin IMMEDIATE already.
func isEmpty(ctx context.Context, d *db.DB, tx *sql.Tx) (bool, error) {
	if d.Dialect == db.Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7305114)`); err != nil {
			return false, fmt.Errorf("lock demo loading: %w", err)
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM projects) + (SELECT COUNT(*) FROM users)`).Scan(&n); err != nil {
		return false, fmt.Errorf("count projects and users: %w", err)
	}
	return n == 0, nil
}

// demoAccount is a sign-in account of the demo.
type demoAccount struct {
	email string
	role  string // what the account shows, for SignInHelp
}

var demoAccounts = []demoAccount{
	{AdminEmail, "platform admin / ylläpitäjä"},
	{CoordinatorEmail, "project coordinator / hankkeen koordinaattori (Marjatta Kivelä, " + OuluProject + ")"},
	{ConvenerEmail, "network convener / koollekutsuja (Jarmo Hietala, " + kuntouttava + ")"},
	{MemberEmail, "network member / jäsen (Sanna Rautio, Nuorten Ystävät ry)"},
}

// SignInHelp returns the demo sign-in instructions printed at start-up.
func SignInHelp() string {
	var b strings.Builder
	b.WriteString("Demo data loaded. Sign in with any of these accounts (password \"" + Password + "\"):\n")
	for _, a := range demoAccounts {
		fmt.Fprintf(&b, "  %-30s %s\n", a.email, a.role)
	}
	return b.String()
}

// NameKey is an organisation's duplicate-check key: the name lower-cased
// with white space folded (the same rule as the organisation store).
func NameKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), " ")
}

// date returns midnight UTC of a calendar day, the form DATE columns are
// written in.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// nullDate returns nil for the zero time, so a DATE column stays NULL.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// loader inserts rows one at a time in a transaction and keeps the first
// error, so the seed reads as a list of statements.
type loader struct {
	ctx context.Context
	tx  *sql.Tx
	now time.Time
	err error
}

func (l *loader) id(query string, args ...any) int64 {
	if l.err != nil {
		return 0
	}
	var id int64
	if err := l.tx.QueryRowContext(l.ctx, query+` RETURNING id`, args...).Scan(&id); err != nil {
		l.err = fmt.Errorf("%s: %w", firstWords(query), err)
	}
	return id
}

func (l *loader) exec(query string, args ...any) {
	if l.err != nil {
		return
	}
	if _, err := l.tx.ExecContext(l.ctx, query, args...); err != nil {
		l.err = fmt.Errorf("%s: %w", firstWords(query), err)
	}
}

// firstWords names a statement in an error ("INSERT INTO people").
func firstWords(q string) string {
	f := strings.Fields(q)
	if len(f) > 3 {
		f = f[:3]
	}
	return strings.Join(f, " ")
}

// loadSeed writes the seed data set; hashes holds the password hash of
// each demo account by e-mail.
func loadSeed(ctx context.Context, tx *sql.Tx, now time.Time, hashes map[string]string) error {
	now = db.Now(now)
	l := &loader{ctx: ctx, tx: tx, now: now}

	orgIDs := map[string]int64{}
	for _, o := range seedOrgs {
		var muni any
		if o.muni != "" {
			muni = o.muni
		}
		orgIDs[o.key] = l.id(`INSERT INTO organisations (name, name_key, sector, municipality_code, website, description, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, o.name, NameKey(o.name), o.sector, muni, o.website, o.description, now)
	}

	personIDs := map[string]int64{}
	for i, p := range seedPeople {
		org, ok := orgOf(p.org)
		if !ok {
			return fmt.Errorf("demo person %s: unknown organisation %q", p.key, p.org)
		}
		email := p.email
		if email == "" {
			email = personEmail(p.name, org.mail)
		}
		lang := p.lang
		if lang == "" {
			lang = "fi"
		}
		personIDs[p.key] = l.id(`INSERT INTO people (name, title, organisation_id, email, phone, lang, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, p.name, p.title, orgIDs[p.org], email, fmt.Sprintf("040 000 %04d", 1001+i), lang, now)
	}

	// Accounts: the admin is a person of their own; the others are people
	// of the demo.
	for _, a := range demoAccounts {
		if l.err != nil {
			break
		}
		s := auth.NewStore(tx)
		var userID int64
		if a.email == AdminEmail {
			acct, err := s.CreatePersonAccount(ctx, "Kohtaamon ylläpitäjä", a.email, true, now)
			if err != nil {
				return fmt.Errorf("create demo admin: %w", err)
			}
			userID = acct.ID
		} else {
			var personID int64
			if err := tx.QueryRowContext(ctx, `SELECT id FROM people WHERE email = $1`, a.email).Scan(&personID); err != nil {
				return fmt.Errorf("find demo person %s: %w", a.email, err)
			}
			id, err := s.CreateAccount(ctx, personID, false, now)
			if err != nil {
				return fmt.Errorf("create demo account %s: %w", a.email, err)
			}
			userID = id
		}
		if err := s.SetPassword(ctx, userID, hashes[a.email]); err != nil {
			return fmt.Errorf("set demo password: %w", err)
		}
	}

	networkIDs := map[string]int64{}
	goalIDs := map[string][]int64{}
	for _, p := range seedProjects {
		var memberStart time.Time
		if p.current {
			p.starts, p.ends, memberStart = currentDates(now)
		}
		pid := l.id(`INSERT INTO projects (name, funder, starts_on, ends_on, description, archived, created_at, updated_at,
			name_sv, name_en, description_sv, description_en)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11)`, p.name, p.funder, nullDate(p.starts), nullDate(p.ends), p.description, p.archived, now,
			p.tr.nameSv, p.tr.nameEn, p.tr.textSv, p.tr.textEn)
		for i, g := range p.goals {
			goalIDs[p.name] = append(goalIDs[p.name], l.id(`INSERT INTO project_goals (project_id, position, title, description) VALUES ($1, $2, $3, $4)`,
				pid, i+1, g.title, g.description))
		}
		for _, code := range p.municipalities {
			l.exec(`INSERT INTO project_municipalities (project_id, municipality_code) VALUES ($1, $2)`, pid, code)
		}
		for _, s := range p.staff {
			l.exec(`INSERT INTO project_staff (project_id, person_id, role) VALUES ($1, $2, $3)`, pid, personIDs[s.person], s.role)
		}
		for _, n := range p.networks {
			nid := l.id(`INSERT INTO networks (project_id, name, purpose, cadence, status, created_at, updated_at,
				name_sv, name_en, purpose_sv, purpose_en)
				VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10)`, pid, n.name, n.purpose, n.cadence, n.status, now,
				n.tr.nameSv, n.tr.nameEn, n.tr.textSv, n.tr.textEn)
			networkIDs[n.name] = nid
			for i, th := range n.themes {
				l.exec(`INSERT INTO network_themes (network_id, position, name) VALUES ($1, $2, $3)`, nid, i+1, th)
			}
			memberIDs := map[string]int64{}
			for _, m := range n.members {
				person, ok := personByKey(m.person)
				if !ok {
					return fmt.Errorf("demo network %s: unknown person %q", n.name, m.person)
				}
				orgKey := m.org
				if orgKey == "" {
					orgKey = p.orgThen[m.person]
				}
				if orgKey == "" {
					orgKey = person.org
				}
				start := m.start
				if start.IsZero() {
					start = n.start
				}
				if start.IsZero() {
					start = memberStart
				}
				var deputy any
				if m.deputyOf != "" {
					id, ok := memberIDs[m.deputyOf]
					if !ok {
						return fmt.Errorf("demo network %s: %s deputises %q, who is not listed before", n.name, m.person, m.deputyOf)
					}
					deputy = id
				}
				end := m.end
				if end.IsZero() {
					end = n.end
				}
				if m.endDaysAgo > 0 {
					end = app.Day(now).AddDate(0, 0, -m.endDaysAgo)
				}
				memberIDs[m.person] = l.id(`INSERT INTO memberships (network_id, person_id, role, organisation_id, deputy_of_id, term_start, term_end, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`, nid, personIDs[m.person], m.role, orgIDs[orgKey], deputy, nullDate(start), nullDate(end), now)
			}
		}
	}
	if l.err != nil {
		return l.err
	}
	return loadActivity(ctx, tx, now, personIDs, networkIDs, goalIDs)
}

func orgOf(key string) (seedOrg, bool) {
	for _, o := range seedOrgs {
		if o.key == key {
			return o, true
		}
	}
	return seedOrg{}, false
}

func personByKey(key string) (seedPerson, bool) {
	for _, p := range seedPeople {
		if p.key == key {
			return p, true
		}
	}
	return seedPerson{}, false
}

// personEmail makes "etunimi.sukunimi@domain" with the Finnish letters
// folded to ASCII.
func personEmail(name, domain string) string {
	r := strings.NewReplacer("ä", "a", "ö", "o", "å", "a", "é", "e", " ", ".")
	return r.Replace(strings.ToLower(name)) + "@" + domain
}
