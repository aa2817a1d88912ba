package meeting

// Attendance history per person and per organisation, across networks
// (issue 3, point 4). Rules:
//
//   - a meeting counts once it has started and was not cancelled;
//   - a person is expected at the meetings of each network from the day
//     they joined (the term start, or the day the membership was made) to
//     the end of their term; a deputy is not expected at a meeting the
//     member they stand in for attended; meetings someone attended always
//     count, also in networks they have since left;
//   - an organisation is counted as present at a meeting when at least one
//     person attended representing it (a member or a deputy, as recorded at
//     the meeting), from the day its first representative joined the
//     network;
//   - rows are shown per network: the person themself sees all of theirs,
//     an organisation's representatives see the organisation's rows in
//     their networks, and whoever manages a network (its conveners and
//     secretaries, the staff of its project, platform admins) sees that
//     network's rows. Without any network to show the page is forbidden.

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/a-h/templ"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// OrgMeetingsShown is how many of a network's latest meetings the
// organisation history lists; the counts cover every meeting.
const OrgMeetingsShown = 24

// AttendedAbsent is the attended value of a meeting someone missed.
const AttendedAbsent = "absent"

// Tally counts meetings held and those attended (by a person) or with a
// representative present (of an organisation).
type Tally struct {
	Held    int
	Present int
}

// Rate returns Present as a rounded percentage of Held (0 when none held).
func (t Tally) Rate() int {
	if t.Held == 0 {
		return 0
	}
	return (t.Present*200 + t.Held) / (2 * t.Held)
}

func (t *Tally) add(present bool) {
	t.Held++
	if present {
		t.Present++
	}
}

// PersonHistory is a person's attendance in the networks the viewer may
// see, latest meeting first.
type PersonHistory struct {
	PersonID   int64
	PersonName string
	Since      *time.Time // the earliest day they joined a shown network; nil when none
	Summary    Tally
	Networks   []PersonNetwork
	Meetings   []PersonMeeting
}

// PersonNetwork is a person's attendance in one network.
type PersonNetwork struct {
	NetworkID   int64
	NetworkName string // Finnish
	// The network's Swedish and English names, "" when not given.
	NetworkNameSv, NetworkNameEn string
	Role                         string     // "" when they are no longer a member
	Since                        *time.Time // the day they joined; nil when no longer a member
	Tally
}

// PersonMeeting is one meeting in a person's history.
type PersonMeeting struct {
	MeetingID   int64
	NetworkID   int64
	NetworkName string // Finnish
	// The network's Swedish and English names, "" when not given.
	NetworkNameSv, NetworkNameEn string
	Title                        string    // Finnish
	TitleSv, TitleEn             string    // "" when not given
	StartsAt                     time.Time // UTC
	Answer                       string    // answer to the invitation; "" when none
	Attended                     string    // in_person, remote or "" (absent)
	OrganisationName             string    // the organisation represented, when attended
}

// TitleIn returns the title in lang, the Finnish one when not given in it.
func (m *PersonMeeting) TitleIn(lang string) string {
	return i18n.Pick(lang, m.Title, m.TitleSv, m.TitleEn)
}

// NetworkNameIn returns the network's name in lang, in Finnish when not
// given in it.
func (m *PersonMeeting) NetworkNameIn(lang string) string {
	return i18n.Pick(lang, m.NetworkName, m.NetworkNameSv, m.NetworkNameEn)
}

// NetworkNameIn returns the network's name in lang, in Finnish when not
// given in it.
func (n *PersonNetwork) NetworkNameIn(lang string) string {
	return i18n.Pick(lang, n.NetworkName, n.NetworkNameSv, n.NetworkNameEn)
}

// NetworkNameIn returns the network's name in lang, in Finnish when not
// given in it.
func (n *OrgNetwork) NetworkNameIn(lang string) string {
	return i18n.Pick(lang, n.NetworkName, n.NetworkNameSv, n.NetworkNameEn)
}

// Start returns the start in Helsinki time.
func (m *PersonMeeting) Start() time.Time { return m.StartsAt.In(app.Helsinki) }

// OrgHistory is an organisation's presence at the meetings of the
// networks it is (or was) a member of that the viewer may see.
type OrgHistory struct {
	OrganisationID   int64
	OrganisationName string
	Summary          Tally
	Networks         []OrgNetwork
}

// OrgNetwork is an organisation's presence in one network.
type OrgNetwork struct {
	NetworkID   int64
	NetworkName string // Finnish
	// The network's Swedish and English names, "" when not given.
	NetworkNameSv, NetworkNameEn string
	Since                        *time.Time // the day its first representative joined; nil when none is a member now
	Representatives              []Representative
	Tally
	// Meetings are the latest OrgMeetingsShown counted meetings.
	Meetings []OrgMeeting
}

// Representative is a current member of a network for an organisation.
type Representative struct {
	PersonID int64
	Name     string
	Role     string
	Deputy   bool
}

// OrgMeeting is a meeting and who represented the organisation there.
type OrgMeeting struct {
	MeetingID        int64
	Title            string    // Finnish
	TitleSv, TitleEn string    // "" when not given
	StartsAt         time.Time // UTC
	Present          []Attendee
}

// TitleIn returns the title in lang, the Finnish one when not given in it.
func (m *OrgMeeting) TitleIn(lang string) string {
	return i18n.Pick(lang, m.Title, m.TitleSv, m.TitleEn)
}

// Start returns the start in Helsinki time.
func (m *OrgMeeting) Start() time.Time { return m.StartsAt.In(app.Helsinki) }

// Attendee is someone who attended, and how.
type Attendee struct {
	PersonID int64
	Name     string
	Mode     string
}

// historyMembership is a membership read for the histories.
type historyMembership struct {
	NetworkID                    int64
	NetworkName                  string
	NetworkNameSv, NetworkNameEn string
	PersonID                     int64
	PersonName                   string
	Role                         string
	PrincipalID                  int64 // a deputy's member (person id); 0 otherwise
	Since                        time.Time
	Until                        *time.Time // exclusive: the day after the term ended
}

// dayStart returns Helsinki midnight of a calendar day.
func dayStart(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, app.Helsinki)
}

func (s *Store) historyMemberships(ctx context.Context, where string, arg int64) ([]historyMembership, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT ms.network_id, n.name, n.name_sv, n.name_en, ms.person_id, p.name, ms.role, COALESCE(pm.person_id, 0),
		ms.term_start, ms.term_end, ms.created_at
		FROM memberships ms JOIN networks n ON n.id = ms.network_id JOIN people p ON p.id = ms.person_id
		LEFT JOIN memberships pm ON pm.id = ms.deputy_of_id
		WHERE `+where+` ORDER BY n.name, n.id, p.name, p.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("list memberships for history: %w", err)
	}
	defer rows.Close()
	var out []historyMembership
	for rows.Next() {
		var m historyMembership
		var start, end sql.NullTime
		var created time.Time
		if err := rows.Scan(&m.NetworkID, &m.NetworkName, &m.NetworkNameSv, &m.NetworkNameEn, &m.PersonID, &m.PersonName, &m.Role, &m.PrincipalID, &start, &end, &created); err != nil {
			return nil, fmt.Errorf("scan membership for history: %w", err)
		}
		if start.Valid {
			d := start.Time
			m.Since = dayStart(d.Year(), d.Month(), d.Day())
		} else {
			d := created.In(app.Helsinki)
			m.Since = dayStart(d.Year(), d.Month(), d.Day())
		}
		if end.Valid {
			d := end.Time
			u := dayStart(d.Year(), d.Month(), d.Day()+1)
			m.Until = &u
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// PersonHistory returns a person's attendance at the meetings held up to
// now in the networks see allows (see is asked once per network).
// ENOTFOUND when the person does not exist.
func (s *Store) PersonHistory(ctx context.Context, personID int64, now time.Time, see func(networkID int64) (bool, error)) (*PersonHistory, error) {
	h := &PersonHistory{PersonID: personID}
	if err := s.q.QueryRowContext(ctx, `SELECT name FROM people WHERE id = $1`, personID).Scan(&h.PersonName); err != nil {
		return nil, db.NotFound(err, "person", "get person")
	}
	ms, err := s.historyMemberships(ctx, `ms.person_id = $1`, personID)
	if err != nil {
		return nil, err
	}
	attended, err := s.personAttended(ctx, personID, now)
	if err != nil {
		return nil, err
	}

	// The networks: current memberships by name, then those left.
	index := map[int64]int{}
	var nets []PersonNetwork
	for _, m := range ms {
		since := m.Since
		index[m.NetworkID] = len(nets)
		nets = append(nets, PersonNetwork{NetworkID: m.NetworkID, NetworkName: m.NetworkName, NetworkNameSv: m.NetworkNameSv, NetworkNameEn: m.NetworkNameEn, Role: m.Role, Since: &since})
	}
	var left []PersonNetwork
	for _, a := range attended {
		if _, ok := index[a.NetworkID]; !ok {
			index[a.NetworkID] = -1
			left = append(left, PersonNetwork{NetworkID: a.NetworkID, NetworkName: a.NetworkName, NetworkNameSv: a.NetworkNameSv, NetworkNameEn: a.NetworkNameEn})
		}
	}
	slices.SortFunc(left, func(a, b PersonNetwork) int {
		if a.NetworkName != b.NetworkName {
			if a.NetworkName < b.NetworkName {
				return -1
			}
			return 1
		}
		return int(a.NetworkID - b.NetworkID)
	})
	nets = append(nets, left...)
	visible := map[int64]bool{}
	for _, n := range nets {
		ok, err := see(n.NetworkID)
		if err != nil {
			return nil, err
		}
		if ok {
			visible[n.NetworkID] = true
			h.Networks = append(h.Networks, n)
		}
	}

	rows := map[int64]PersonMeeting{}
	for _, m := range ms {
		if !visible[m.NetworkID] {
			continue
		}
		expected, err := s.expectedMeetings(ctx, m, now)
		if err != nil {
			return nil, err
		}
		for _, x := range expected {
			rows[x.MeetingID] = x
		}
	}
	for _, a := range attended {
		if visible[a.NetworkID] {
			rows[a.MeetingID] = a
		}
	}
	for _, x := range rows {
		h.Meetings = append(h.Meetings, x)
	}
	slices.SortFunc(h.Meetings, func(a, b PersonMeeting) int {
		if c := b.StartsAt.Compare(a.StartsAt); c != 0 {
			return c
		}
		return int(b.MeetingID - a.MeetingID)
	})
	tally := map[int64]*Tally{}
	for i := range h.Networks {
		n := &h.Networks[i]
		tally[n.NetworkID] = &n.Tally
		if n.Since != nil && (h.Since == nil || n.Since.Before(*h.Since)) {
			h.Since = n.Since
		}
	}
	for _, x := range h.Meetings {
		tally[x.NetworkID].add(x.Attended != "")
		h.Summary.add(x.Attended != "")
	}
	return h, nil
}

// personAttended returns the held meetings a person attended.
func (s *Store) personAttended(ctx context.Context, personID int64, now time.Time) ([]PersonMeeting, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT m.id, m.network_id, n.name, n.name_sv, n.name_en, m.title, m.title_sv, m.title_en, m.starts_at, COALESCE(r.answer, ''), a.mode, COALESCE(o.name, '')
		FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id JOIN networks n ON n.id = m.network_id
		LEFT JOIN meeting_responses r ON r.meeting_id = a.meeting_id AND r.person_id = a.person_id
		LEFT JOIN organisations o ON o.id = a.organisation_id
		WHERE a.person_id = $1 AND m.status <> 'cancelled' AND m.starts_at <= $2`, personID, db.Now(now))
	if err != nil {
		return nil, fmt.Errorf("list attended meetings: %w", err)
	}
	defer rows.Close()
	var out []PersonMeeting
	for rows.Next() {
		var x PersonMeeting
		if err := rows.Scan(&x.MeetingID, &x.NetworkID, &x.NetworkName, &x.NetworkNameSv, &x.NetworkNameEn, &x.Title, &x.TitleSv, &x.TitleEn, &x.StartsAt, &x.Answer, &x.Attended, &x.OrganisationName); err != nil {
			return nil, fmt.Errorf("scan attended meeting: %w", err)
		}
		x.StartsAt = x.StartsAt.UTC()
		out = append(out, x)
	}
	return out, rows.Err()
}

// expectedMeetings returns the held meetings of m's network within its
// term, with the member's answers; for a deputy, without the meetings the
// member they stand in for attended. Attendance is left empty.
func (s *Store) expectedMeetings(ctx context.Context, m historyMembership, now time.Time) ([]PersonMeeting, error) {
	until := now.Add(time.Hour)
	if m.Until != nil && m.Until.Before(until) {
		until = *m.Until
	}
	q := `SELECT m.id, m.title, m.title_sv, m.title_en, m.starts_at, COALESCE(r.answer, '') FROM meetings m
		LEFT JOIN meeting_responses r ON r.meeting_id = m.id AND r.person_id = $2
		WHERE m.network_id = $1 AND m.status <> 'cancelled' AND m.starts_at >= $3 AND m.starts_at <= $4 AND m.starts_at < $5`
	args := []any{m.NetworkID, m.PersonID, db.Now(m.Since), db.Now(now), db.Now(until)}
	if m.PrincipalID != 0 {
		q += ` AND NOT EXISTS (SELECT 1 FROM meeting_attendance pa WHERE pa.meeting_id = m.id AND pa.person_id = $6)`
		args = append(args, m.PrincipalID)
	}
	rows, err := s.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list expected meetings: %w", err)
	}
	defer rows.Close()
	var out []PersonMeeting
	for rows.Next() {
		x := PersonMeeting{NetworkID: m.NetworkID, NetworkName: m.NetworkName, NetworkNameSv: m.NetworkNameSv, NetworkNameEn: m.NetworkNameEn}
		if err := rows.Scan(&x.MeetingID, &x.Title, &x.TitleSv, &x.TitleEn, &x.StartsAt, &x.Answer); err != nil {
			return nil, fmt.Errorf("scan expected meeting: %w", err)
		}
		x.StartsAt = x.StartsAt.UTC()
		out = append(out, x)
	}
	return out, rows.Err()
}

// OrgHistory returns an organisation's presence at the meetings held up
// to now in the networks it is or was a member of that see allows (see is
// asked once per network with the people representing the organisation
// there now). ENOTFOUND when the organisation does not exist.
func (s *Store) OrgHistory(ctx context.Context, orgID int64, now time.Time, see func(networkID int64, representatives []int64) (bool, error)) (*OrgHistory, error) {
	h := &OrgHistory{OrganisationID: orgID}
	if err := s.q.QueryRowContext(ctx, `SELECT name FROM organisations WHERE id = $1`, orgID).Scan(&h.OrganisationName); err != nil {
		return nil, db.NotFound(err, "organisation", "get organisation")
	}
	ms, err := s.historyMemberships(ctx, `ms.organisation_id = $1`, orgID)
	if err != nil {
		return nil, err
	}
	type window struct {
		since, until *time.Time
		open         bool // a membership without an end
	}
	index := map[int64]int{}
	var nets []OrgNetwork
	var wins []window
	// current holds, per network, the people whose term has not ended:
	// only they see the network's rows as representatives.
	current := map[int64][]int64{}
	for _, m := range ms {
		if m.Until == nil || m.Until.After(now) {
			current[m.NetworkID] = append(current[m.NetworkID], m.PersonID)
		}
		i, ok := index[m.NetworkID]
		if !ok {
			i = len(nets)
			index[m.NetworkID] = i
			nets = append(nets, OrgNetwork{NetworkID: m.NetworkID, NetworkName: m.NetworkName, NetworkNameSv: m.NetworkNameSv, NetworkNameEn: m.NetworkNameEn})
			wins = append(wins, window{})
		}
		n, w := &nets[i], &wins[i]
		n.Representatives = append(n.Representatives, Representative{PersonID: m.PersonID, Name: m.PersonName, Role: m.Role, Deputy: m.PrincipalID != 0})
		if w.since == nil || m.Since.Before(*w.since) {
			since := m.Since
			w.since = &since
		}
		if m.Until == nil {
			w.open = true
		} else if w.until == nil || m.Until.After(*w.until) {
			w.until = m.Until
		}
	}
	// Networks where it was represented but has no member now.
	rows, err := s.q.QueryContext(ctx, `SELECT DISTINCT m.network_id, n.name, n.name_sv, n.name_en FROM meeting_attendance a
		JOIN meetings m ON m.id = a.meeting_id JOIN networks n ON n.id = m.network_id
		WHERE a.organisation_id = $1 ORDER BY n.name, m.network_id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list represented networks: %w", err)
	}
	for rows.Next() {
		var n OrgNetwork
		if err := rows.Scan(&n.NetworkID, &n.NetworkName, &n.NetworkNameSv, &n.NetworkNameEn); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("scan represented network: %w", err)
		}
		if _, ok := index[n.NetworkID]; !ok {
			index[n.NetworkID] = len(nets)
			nets = append(nets, n)
			wins = append(wins, window{})
		}
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list represented networks: %w", err)
	}

	for i := range nets {
		n, w := nets[i], wins[i]
		ok, err := see(n.NetworkID, current[n.NetworkID])
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		meetings, err := s.orgMeetings(ctx, orgID, n.NetworkID, now)
		if err != nil {
			return nil, err
		}
		if w.since == nil {
			// No member now: count from the first meeting it was
			// represented at to the last.
			for _, m := range meetings {
				if len(m.Present) > 0 {
					if w.since == nil {
						t := m.StartsAt
						w.until = &t
					}
					t := m.StartsAt
					w.since = &t
				}
			}
			if w.since == nil {
				continue // represented only at meetings not held
			}
			t := w.until.Add(time.Microsecond)
			w.until = &t
		} else {
			n.Since = w.since
		}
		for _, m := range meetings {
			in := !m.StartsAt.Before(*w.since) && (w.open || w.until == nil || m.StartsAt.Before(*w.until))
			if !in && len(m.Present) == 0 {
				continue
			}
			n.add(len(m.Present) > 0)
			h.Summary.add(len(m.Present) > 0)
			if len(n.Meetings) < OrgMeetingsShown {
				n.Meetings = append(n.Meetings, m)
			}
		}
		h.Networks = append(h.Networks, n)
	}
	return h, nil
}

// orgMeetings returns a network's held meetings, latest first, with who
// attended for the organisation.
func (s *Store) orgMeetings(ctx context.Context, orgID, networkID int64, now time.Time) ([]OrgMeeting, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT m.id, m.title, m.title_sv, m.title_en, m.starts_at, COALESCE(a.person_id, 0), COALESCE(p.name, ''), COALESCE(a.mode, '')
		FROM meetings m
		LEFT JOIN meeting_attendance a ON a.meeting_id = m.id AND a.organisation_id = $2
		LEFT JOIN people p ON p.id = a.person_id
		WHERE m.network_id = $1 AND m.status <> 'cancelled' AND m.starts_at <= $3
		ORDER BY m.starts_at DESC, m.id DESC, p.name, p.id`, networkID, orgID, db.Now(now))
	if err != nil {
		return nil, fmt.Errorf("list organisation's meetings: %w", err)
	}
	defer rows.Close()
	var out []OrgMeeting
	for rows.Next() {
		var m OrgMeeting
		var a Attendee
		if err := rows.Scan(&m.MeetingID, &m.Title, &m.TitleSv, &m.TitleEn, &m.StartsAt, &a.PersonID, &a.Name, &a.Mode); err != nil {
			return nil, fmt.Errorf("scan organisation's meeting: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].MeetingID != m.MeetingID {
			m.StartsAt = m.StartsAt.UTC()
			out = append(out, m)
		}
		if a.PersonID != 0 {
			last := &out[len(out)-1]
			last.Present = append(last.Present, a)
		}
	}
	return out, rows.Err()
}

// Handlers.

func (h *Handler) historyRoutes(mux *web.Mux) {
	mux.HandleFunc("GET /people/{id}/attendance", h.web.HTML(h.showPersonAttendance))
	mux.HandleFunc("GET /organisations/{id}/attendance", h.web.HTML(h.showOrgAttendance))
	mux.HandleFunc("GET /api/v1/people/{id}/attendance", h.web.API(h.apiPersonAttendance))
	mux.HandleFunc("GET /api/v1/organisations/{id}/attendance", h.web.API(h.apiOrgAttendance))
}

// personHistory loads the history of the person in the path for the
// signed-in viewer (Service.PersonHistory).
func (h *Handler) personHistory(r *http.Request) (*PersonHistory, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.svc.PersonHistory(r.Context(), app.UserFrom(r.Context()), id)
}

// orgHistory loads the history of the organisation in the path for the
// signed-in viewer (Service.OrgHistory).
func (h *Handler) orgHistory(r *http.Request) (*OrgHistory, error) {
	id, err := web.ID(r, "id")
	if err != nil {
		return nil, err
	}
	return h.svc.OrgHistory(r.Context(), app.UserFrom(r.Context()), id)
}

func (h *Handler) showPersonAttendance(w http.ResponseWriter, r *http.Request) error {
	hist, err := h.personHistory(r)
	if err != nil {
		return err
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "meeting.attendance_history.person_title", "Name", hist.PersonName),
		func(v *web.View) templ.Component { return personHistoryPage(v, hist) })
}

func (h *Handler) showOrgAttendance(w http.ResponseWriter, r *http.Request) error {
	hist, err := h.orgHistory(r)
	if err != nil {
		return err
	}
	return h.web.Page(w, r, http.StatusOK, h.web.T(r, "meeting.attendance_history.org_title", "Name", hist.OrganisationName),
		func(v *web.View) templ.Component { return orgHistoryPage(v, hist) })
}

// JSON.

// TallyJSON is a count of meetings in the API; rate_percent is null when
// none were held.
type TallyJSON struct {
	Held        int  `json:"held"`
	Present     int  `json:"present"`
	RatePercent *int `json:"rate_percent"`
}

func tallyJSON(t Tally) TallyJSON {
	j := TallyJSON{Held: t.Held, Present: t.Present}
	if t.Held > 0 {
		r := t.Rate()
		j.RatePercent = &r
	}
	return j
}

func dateJSON(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.In(app.Helsinki).Format("2006-01-02")
	return &s
}

// PersonHistoryJSON is GET /api/v1/people/{id}/attendance.
type PersonHistoryJSON struct {
	PersonID   int64               `json:"person_id"`
	PersonName string              `json:"person_name"`
	Since      *string             `json:"since"`
	Summary    TallyJSON           `json:"summary"`
	Networks   []PersonNetworkJSON `json:"networks"`
	Meetings   []PersonMeetingJSON `json:"meetings"`
}

// PersonNetworkJSON is a person's attendance in one network.
type PersonNetworkJSON struct {
	NetworkID   int64   `json:"network_id"`
	NetworkName string  `json:"network_name"`
	Role        *string `json:"role"`
	Since       *string `json:"since"`
	TallyJSON
}

// PersonMeetingJSON is one meeting of a person's history: attended is
// in_person, remote or absent; answer is null without an answer.
type PersonMeetingJSON struct {
	MeetingID    int64     `json:"meeting_id"`
	NetworkID    int64     `json:"network_id"`
	NetworkName  string    `json:"network_name"`
	Title        string    `json:"title"`
	StartsAt     time.Time `json:"starts_at"`
	Answer       *string   `json:"answer"`
	Attended     string    `json:"attended"`
	Organisation *string   `json:"organisation_name"`
}

// ToJSON converts the history for the API.
func (hist *PersonHistory) ToJSON() PersonHistoryJSON {
	j := PersonHistoryJSON{PersonID: hist.PersonID, PersonName: hist.PersonName, Since: dateJSON(hist.Since),
		Summary: tallyJSON(hist.Summary), Networks: []PersonNetworkJSON{}, Meetings: []PersonMeetingJSON{}}
	for _, n := range hist.Networks {
		nj := PersonNetworkJSON{NetworkID: n.NetworkID, NetworkName: n.NetworkName, Since: dateJSON(n.Since), TallyJSON: tallyJSON(n.Tally)}
		if n.Role != "" {
			role := n.Role
			nj.Role = &role
		}
		j.Networks = append(j.Networks, nj)
	}
	for _, m := range hist.Meetings {
		mj := PersonMeetingJSON{MeetingID: m.MeetingID, NetworkID: m.NetworkID, NetworkName: m.NetworkName, Title: m.Title,
			StartsAt: m.StartsAt.UTC(), Attended: m.Attended}
		if mj.Attended == "" {
			mj.Attended = AttendedAbsent
		}
		if m.Answer != "" {
			a := m.Answer
			mj.Answer = &a
		}
		if m.OrganisationName != "" {
			o := m.OrganisationName
			mj.Organisation = &o
		}
		j.Meetings = append(j.Meetings, mj)
	}
	return j
}

// OrgHistoryJSON is GET /api/v1/organisations/{id}/attendance.
type OrgHistoryJSON struct {
	OrganisationID   int64            `json:"organisation_id"`
	OrganisationName string           `json:"organisation_name"`
	Summary          TallyJSON        `json:"summary"`
	Networks         []OrgNetworkJSON `json:"networks"`
}

// OrgNetworkJSON is an organisation's presence in one network; meetings
// are the latest OrgMeetingsShown.
type OrgNetworkJSON struct {
	NetworkID       int64                `json:"network_id"`
	NetworkName     string               `json:"network_name"`
	Since           *string              `json:"since"`
	Representatives []RepresentativeJSON `json:"representatives"`
	TallyJSON
	Meetings []OrgMeetingJSON `json:"meetings"`
}

// RepresentativeJSON is a current member for the organisation.
type RepresentativeJSON struct {
	PersonID int64  `json:"person_id"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Deputy   bool   `json:"deputy"`
}

// OrgMeetingJSON is a meeting and who represented the organisation.
type OrgMeetingJSON struct {
	MeetingID int64          `json:"meeting_id"`
	Title     string         `json:"title"`
	StartsAt  time.Time      `json:"starts_at"`
	Present   []AttendeeJSON `json:"present"`
}

// AttendeeJSON is someone who attended, and how (in_person or remote).
type AttendeeJSON struct {
	PersonID int64  `json:"person_id"`
	Name     string `json:"name"`
	Mode     string `json:"mode"`
}

// ToJSON converts the history for the API.
func (hist *OrgHistory) ToJSON() OrgHistoryJSON {
	j := OrgHistoryJSON{OrganisationID: hist.OrganisationID, OrganisationName: hist.OrganisationName,
		Summary: tallyJSON(hist.Summary), Networks: []OrgNetworkJSON{}}
	for _, n := range hist.Networks {
		nj := OrgNetworkJSON{NetworkID: n.NetworkID, NetworkName: n.NetworkName, Since: dateJSON(n.Since),
			Representatives: []RepresentativeJSON{}, TallyJSON: tallyJSON(n.Tally), Meetings: []OrgMeetingJSON{}}
		for _, r := range n.Representatives {
			nj.Representatives = append(nj.Representatives, RepresentativeJSON(r))
		}
		for _, m := range n.Meetings {
			mj := OrgMeetingJSON{MeetingID: m.MeetingID, Title: m.Title, StartsAt: m.StartsAt.UTC(), Present: []AttendeeJSON{}}
			for _, a := range m.Present {
				mj.Present = append(mj.Present, AttendeeJSON(a))
			}
			nj.Meetings = append(nj.Meetings, mj)
		}
		j.Networks = append(j.Networks, nj)
	}
	return j
}

func (h *Handler) apiPersonAttendance(w http.ResponseWriter, r *http.Request) error {
	hist, err := h.personHistory(r)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, hist.ToJSON())
	return nil
}

func (h *Handler) apiOrgAttendance(w http.ResponseWriter, r *http.Request) error {
	hist, err := h.orgHistory(r)
	if err != nil {
		return err
	}
	web.WriteJSON(w, http.StatusOK, hist.ToJSON())
	return nil
}
