package home

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
)

// MyProject is a project the user works in as staff.
type MyProject struct {
	ID           int64
	Name         string
	NameSv       string // the Swedish and English names, "" when not given
	NameEn       string
	Role         string
	NetworkCount int
	Archived     bool
}

// MyNetwork is a network the user belongs to, with what needs attention.
type MyNetwork struct {
	ID          int64
	Name        string
	ProjectID   int64
	ProjectName string
	Role        string // the user's role; "" when seen as project staff
	MemberCount int
	EndedTerms  int // members whose term has ended
	Status      string
	// Manages: the person manages the network (project staff, a current
	// convener or secretary; admins manage all), so sees its overview.
	Manages bool
	// NextMeeting is the next scheduled meeting, nil when none.
	NextMeeting *Meeting

	// The Swedish and English names, "" when not given.
	NameSv, NameEn, ProjectNameSv, ProjectNameEn string
}

// Meeting is a meeting as listed on the home page.
type Meeting struct {
	ID               int64
	Title            string // Finnish
	TitleSv, TitleEn string // "" when not given
	StartsAt         time.Time
	EndsAt           time.Time
}

// TitleIn returns the title in lang, the Finnish one when not given in it.
func (m *Meeting) TitleIn(lang string) string { return i18n.Pick(lang, m.Title, m.TitleSv, m.TitleEn) }

// Store holds the home page's read-only queries across domains.
type Store struct{ q db.Querier }

// NewStore returns a store on q.
func NewStore(q db.Querier) *Store { return &Store{q: q} }

// MyProjects lists the projects where the person is staff, active first.
func (s *Store) MyProjects(ctx context.Context, personID int64) ([]MyProject, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT p.id, p.name, p.name_sv, p.name_en, ps.role, p.archived,
		(SELECT COUNT(*) FROM networks n WHERE n.project_id = p.id)
		FROM project_staff ps JOIN projects p ON p.id = ps.project_id
		WHERE ps.person_id = $1 ORDER BY p.archived, p.name`, personID)
	if err != nil {
		return nil, fmt.Errorf("list my projects: %w", err)
	}
	defer rows.Close()
	var out []MyProject
	for rows.Next() {
		var p MyProject
		if err := rows.Scan(&p.ID, &p.Name, &p.NameSv, &p.NameEn, &p.Role, &p.Archived, &p.NetworkCount); err != nil {
			return nil, fmt.Errorf("scan my project: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// MyNetworks lists the networks the person is a member of, and the
// networks of projects where they are staff, active first.
// today is the start of the local day (for ended terms), now the current
// time (for the next meeting).
func (s *Store) MyNetworks(ctx context.Context, personID int64, today, now time.Time) ([]MyNetwork, error) {
	// Start from the person's memberships and staff roles (indexed), not
	// from every network. A meeting lasts at most meeting.MaxDuration, so
	// the next one starts after now - MaxDuration: the index seeks there
	// instead of reading the network's whole past.
	rows, err := s.q.QueryContext(ctx, `WITH mine AS (
			SELECT network_id, role FROM memberships WHERE person_id = $1
			UNION ALL
			SELECT n.id, '' FROM project_staff s JOIN networks n ON n.project_id = s.project_id
			WHERE s.person_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.network_id = n.id AND m.person_id = $1))
		SELECT n.id, n.name, n.name_sv, n.name_en, p.id, p.name, p.name_sv, p.name_en, mine.role, n.status,
		(SELECT COUNT(*) FROM memberships a WHERE a.network_id = n.id),
		(SELECT COUNT(*) FROM memberships a WHERE a.network_id = n.id AND a.term_end IS NOT NULL AND a.term_end < $2),
		COALESCE(nm.id, 0), COALESCE(nm.title, ''), COALESCE(nm.title_sv, ''), COALESCE(nm.title_en, ''), nm.starts_at, nm.ends_at,
		CASE WHEN EXISTS (SELECT 1 FROM project_staff s2 WHERE s2.project_id = n.project_id AND s2.person_id = $1)
			OR EXISTS (SELECT 1 FROM memberships m2 WHERE m2.network_id = n.id AND m2.person_id = $1
				AND m2.role IN ('convener', 'secretary') AND (m2.term_end IS NULL OR m2.term_end >= $2))
			THEN 1 ELSE 0 END
		FROM mine JOIN networks n ON n.id = mine.network_id JOIN projects p ON p.id = n.project_id
		LEFT JOIN meetings nm ON nm.id = (SELECT mt.id FROM meetings mt
			WHERE mt.network_id = n.id AND mt.status = 'scheduled' AND mt.ends_at >= $3 AND mt.starts_at >= $4
			ORDER BY mt.starts_at LIMIT 1)
		ORDER BY CASE WHEN n.status = 'active' THEN 0 ELSE 1 END, p.name, n.name`,
		personID, db.Now(today), db.Now(now), db.Now(now.Add(-meeting.MaxDuration)))
	if err != nil {
		return nil, fmt.Errorf("list my networks: %w", err)
	}
	defer rows.Close()
	var out []MyNetwork
	for rows.Next() {
		var n MyNetwork
		var m Meeting
		var starts, ends sql.NullTime
		var manages int
		if err := rows.Scan(&n.ID, &n.Name, &n.NameSv, &n.NameEn, &n.ProjectID, &n.ProjectName, &n.ProjectNameSv, &n.ProjectNameEn, &n.Role, &n.Status, &n.MemberCount, &n.EndedTerms,
			&m.ID, &m.Title, &m.TitleSv, &m.TitleEn, &starts, &ends, &manages); err != nil {
			return nil, fmt.Errorf("scan my network: %w", err)
		}
		n.Manages = manages == 1
		if m.ID != 0 {
			m.StartsAt, m.EndsAt = starts.Time, ends.Time
			n.NextMeeting = &m
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Counts are the platform's public totals for the signed-out home page.
type Counts struct {
	Projects, Networks, Organisations int
}

// PublicCounts counts active projects, active networks and organisations.
func (s *Store) PublicCounts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM projects WHERE archived = $1),
		(SELECT COUNT(*) FROM networks WHERE status = 'active'),
		(SELECT COUNT(*) FROM organisations)`, false).Scan(&c.Projects, &c.Networks, &c.Organisations)
	if err != nil {
		return c, fmt.Errorf("count public totals: %w", err)
	}
	return c, nil
}

// When is the meeting's start in Helsinki time.
func (m *Meeting) When() string { return MeetingTime(m.StartsAt) }

// ProjectNetworks lists a project's active networks with whether the
// person manages each (staff of the project, a current convener or
// secretary of the network; admins are told apart by the caller), by
// name. today is the start of the local day.
func (s *Store) ProjectNetworks(ctx context.Context, projectID, personID int64, today time.Time) ([]MyNetwork, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT n.id, n.name, n.name_sv, n.name_en, p.id, p.name, p.name_sv, p.name_en,
		CASE WHEN EXISTS (SELECT 1 FROM project_staff s2 WHERE s2.project_id = n.project_id AND s2.person_id = $2)
			OR EXISTS (SELECT 1 FROM memberships m2 WHERE m2.network_id = n.id AND m2.person_id = $2
				AND m2.role IN ('convener', 'secretary') AND (m2.term_end IS NULL OR m2.term_end >= $3))
			THEN 1 ELSE 0 END
		FROM networks n JOIN projects p ON p.id = n.project_id
		WHERE n.project_id = $1 AND n.status = 'active' ORDER BY n.name, n.id`, projectID, personID, db.Now(today))
	if err != nil {
		return nil, fmt.Errorf("list project networks: %w", err)
	}
	defer rows.Close()
	var out []MyNetwork
	for rows.Next() {
		var n MyNetwork
		var manages int
		if err := rows.Scan(&n.ID, &n.Name, &n.NameSv, &n.NameEn, &n.ProjectID, &n.ProjectName, &n.ProjectNameSv, &n.ProjectNameEn, &manages); err != nil {
			return nil, fmt.Errorf("scan project network: %w", err)
		}
		n.Manages, n.Status = manages == 1, "active"
		out = append(out, n)
	}
	return out, rows.Err()
}

// netRef is the network as the overview names it.
func (n *MyNetwork) netRef() NetRef {
	return NetRef{ID: n.ID, Name: n.Name, NameSv: n.NameSv, NameEn: n.NameEn,
		ProjectID: n.ProjectID, ProjectName: n.ProjectName, ProjectNameSv: n.ProjectNameSv, ProjectNameEn: n.ProjectNameEn}
}

// Network names a network and its project; ENOTFOUND when missing.
func (s *Store) Network(ctx context.Context, id int64) (*NetRef, error) {
	var n NetRef
	err := s.q.QueryRowContext(ctx, `SELECT n.id, n.name, n.name_sv, n.name_en, p.id, p.name, p.name_sv, p.name_en
		FROM networks n JOIN projects p ON p.id = n.project_id
		WHERE n.id = $1`, id).Scan(&n.ID, &n.Name, &n.NameSv, &n.NameEn, &n.ProjectID, &n.ProjectName, &n.ProjectNameSv, &n.ProjectNameEn)
	if err != nil {
		return nil, db.NotFound(err, "network", "get network")
	}
	return &n, nil
}
