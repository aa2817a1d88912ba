package meeting

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// OverviewReader is the read model the meeting domain exports on purpose
// for the overviews of what needs a network's managers (the home and
// project pages): the next meeting, agenda proposals waiting, who has not
// answered the next invitation and who has stopped attending. Every
// method takes a set of networks (or meetings) and answers in a few
// queries, whatever the set's size: the home page must stay fast.
type OverviewReader struct{ q db.Querier }

// NewOverviewReader returns the reader on q (a *db.DB or *sql.Tx).
func NewOverviewReader(q db.Querier) *OverviewReader { return &OverviewReader{q: q} }

// LowAttendanceMeetings is how many of a network's latest held meetings a
// member must have missed to be listed as attending little: held meetings
// are those not cancelled, already over, with attendance recorded, in the
// LowAttendanceWindow before now. A network with fewer such meetings
// lists nobody; a member whose term started after the first of them is
// not listed either, nor are guests.
const (
	LowAttendanceMeetings = 3
	LowAttendanceWindow   = 366 * 24 * time.Hour
)

// NextMeeting is a network's next meeting.
type NextMeeting struct {
	ID               int64
	NetworkID        int64
	Title            string // Finnish
	TitleSv, TitleEn string // "" when not given
	StartsAt         time.Time
}

// TitleIn returns the title in lang, the Finnish one when not given in it.
func (m *NextMeeting) TitleIn(lang string) string {
	return i18n.Pick(lang, m.Title, m.TitleSv, m.TitleEn)
}

// OverviewPerson is someone named in an overview.
type OverviewPerson struct {
	ID   int64
	Name string
}

// Proposal is an agenda item proposed for a coming meeting and not yet
// accepted.
type Proposal struct {
	ID           int64
	Title        string
	MeetingID    int64
	MeetingTitle string // Finnish
	// MeetingTitleSv and MeetingTitleEn are "" when not given.
	MeetingTitleSv, MeetingTitleEn string
	StartsAt                       time.Time
	ProposedBy                     string
}

// MeetingTitleIn returns the meeting's title in lang, the Finnish one
// when not given in it.
func (p *Proposal) MeetingTitleIn(lang string) string {
	return i18n.Pick(lang, p.MeetingTitle, p.MeetingTitleSv, p.MeetingTitleEn)
}

// Next returns the next meeting of each network that has one (not
// cancelled, not over at now), by network.
func (r *OverviewReader) Next(ctx context.Context, networkIDs []int64, now time.Time) (map[int64]NextMeeting, error) {
	out := map[int64]NextMeeting{}
	if len(networkIDs) == 0 {
		return out, nil
	}
	in, args := db.InIDs(networkIDs, 4)
	// A meeting lasts at most MaxDuration: the index seeks from
	// now - MaxDuration instead of reading the network's whole past.
	rows, err := r.q.QueryContext(ctx, `SELECT nm.id, nm.network_id, nm.title, nm.title_sv, nm.title_en, nm.starts_at FROM networks n
		JOIN meetings nm ON nm.id = (SELECT mt.id FROM meetings mt
			WHERE mt.network_id = n.id AND mt.status = $1 AND mt.ends_at >= $2 AND mt.starts_at >= $3
			ORDER BY mt.starts_at, mt.id LIMIT 1)
		WHERE n.id IN (`+in+`)`, append([]any{StatusScheduled, db.Now(now), db.Now(now.Add(-MaxDuration))}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("next meetings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m NextMeeting
		if err := rows.Scan(&m.ID, &m.NetworkID, &m.Title, &m.TitleSv, &m.TitleEn, &m.StartsAt); err != nil {
			return nil, fmt.Errorf("scan next meeting: %w", err)
		}
		out[m.NetworkID] = m
	}
	return out, rows.Err()
}

// proposalsWhere selects proposals waiting on coming meetings ($1
// scheduled, $2 now, $3 now - MaxDuration).
const proposalsWhere = `FROM agenda_items i JOIN meetings mt ON mt.id = i.meeting_id
	WHERE i.status = 'proposed' AND mt.status = $1 AND mt.ends_at >= $2 AND mt.starts_at >= $3`

// ProposalCounts counts, by network, the agenda proposals waiting to be
// accepted on coming meetings.
func (r *OverviewReader) ProposalCounts(ctx context.Context, networkIDs []int64, now time.Time) (map[int64]int, error) {
	out := map[int64]int{}
	if len(networkIDs) == 0 {
		return out, nil
	}
	in, args := db.InIDs(networkIDs, 4)
	rows, err := r.q.QueryContext(ctx, `SELECT mt.network_id, COUNT(*) `+proposalsWhere+` AND mt.network_id IN (`+in+`)
		GROUP BY mt.network_id`, append([]any{StatusScheduled, db.Now(now), db.Now(now.Add(-MaxDuration))}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count proposals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("scan proposal count: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// Proposals lists a network's agenda proposals waiting on coming
// meetings, by meeting.
func (r *OverviewReader) Proposals(ctx context.Context, networkID int64, now time.Time) ([]Proposal, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT i.id, i.title, mt.id, mt.title, mt.title_sv, mt.title_en, mt.starts_at, COALESCE(p.name, '')
		`+strings.Replace(proposalsWhere, "FROM agenda_items i JOIN meetings mt ON mt.id = i.meeting_id",
		"FROM agenda_items i JOIN meetings mt ON mt.id = i.meeting_id LEFT JOIN people p ON p.id = i.proposed_by", 1)+`
		AND mt.network_id = $4 ORDER BY mt.starts_at, i.position, i.id`,
		StatusScheduled, db.Now(now), db.Now(now.Add(-MaxDuration)), networkID)
	if err != nil {
		return nil, fmt.Errorf("list proposals: %w", err)
	}
	defer rows.Close()
	var out []Proposal
	for rows.Next() {
		var p Proposal
		if err := rows.Scan(&p.ID, &p.Title, &p.MeetingID, &p.MeetingTitle, &p.MeetingTitleSv, &p.MeetingTitleEn, &p.StartsAt, &p.ProposedBy); err != nil {
			return nil, fmt.Errorf("scan proposal: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// InvitationAnswers tells, for each meeting, who has answered its invitation and
// who is coming (any answer but AnswerNo) and, in Unanswered, the
// invitees without an answer by name: the network's members whose term
// has not ended on the meeting's day (Helsinki time), as invitations go.
type InvitationAnswers struct {
	Coming     map[int64]bool
	Unanswered []OverviewPerson
}

// Answers returns the answers to each of the meetings, by meeting.
func (r *OverviewReader) Answers(ctx context.Context, meetings []NextMeeting) (map[int64]*InvitationAnswers, error) {
	out := map[int64]*InvitationAnswers{}
	if len(meetings) == 0 {
		return out, nil
	}
	ids := make([]int64, len(meetings))
	day := map[int64]time.Time{}
	for i, m := range meetings {
		ids[i] = m.ID
		d := m.StartsAt.In(app.Helsinki)
		day[m.ID] = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		out[m.ID] = &InvitationAnswers{Coming: map[int64]bool{}}
	}
	in, args := db.InIDs(ids, 1)
	rows, err := r.q.QueryContext(ctx, `SELECT mt.id, p.id, p.name, m.term_end, COALESCE(r.answer, '')
		FROM meetings mt JOIN memberships m ON m.network_id = mt.network_id JOIN people p ON p.id = m.person_id
		LEFT JOIN meeting_responses r ON r.meeting_id = mt.id AND r.person_id = m.person_id
		WHERE mt.id IN (`+in+`) ORDER BY mt.id, p.name, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list answers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var meetingID int64
		var p OverviewPerson
		var end sql.NullTime
		var answer string
		if err := rows.Scan(&meetingID, &p.ID, &p.Name, &end, &answer); err != nil {
			return nil, fmt.Errorf("scan answer: %w", err)
		}
		a := out[meetingID]
		if e := db.DateOut(end); e != nil && e.Before(day[meetingID]) {
			continue // not invited: the term ends before the meeting
		}
		switch answer {
		case "":
			a.Unanswered = append(a.Unanswered, p)
		case AnswerNo:
		default:
			a.Coming[p.ID] = true
		}
	}
	return out, rows.Err()
}

// LowAttendance lists, by network, the current members (guests left out)
// who missed each of the network's LowAttendanceMeetings latest held
// meetings, by name. Three queries for the whole set: the latest held
// meetings, who attended them, and the members.
func (r *OverviewReader) LowAttendance(ctx context.Context, networkIDs []int64, now time.Time) (map[int64][]OverviewPerson, error) {
	out := map[int64][]OverviewPerson{}
	if len(networkIDs) == 0 {
		return out, nil
	}
	// The latest held meetings of each network.
	in, args := db.InIDs(networkIDs, 4)
	rows, err := r.q.QueryContext(ctx, `SELECT id, network_id, starts_at FROM (
			SELECT mt.id, mt.network_id, mt.starts_at,
				ROW_NUMBER() OVER (PARTITION BY mt.network_id ORDER BY mt.starts_at DESC, mt.id DESC) AS rn
			FROM meetings mt
			WHERE mt.network_id IN (`+in+`) AND mt.status = $1 AND mt.starts_at < $2 AND mt.ends_at < $2 AND mt.starts_at >= $3
				AND EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = mt.id)) held
		WHERE rn <= `+strconv.Itoa(LowAttendanceMeetings),
		append([]any{StatusScheduled, db.Now(now), db.Now(now.Add(-LowAttendanceWindow))}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("list latest held meetings: %w", err)
	}
	type held struct {
		meetings int
		first    time.Time // the earliest of them, its Helsinki day
	}
	nets := map[int64]*held{}
	meetingNet := map[int64]int64{}
	var meetingIDs []int64
	for rows.Next() {
		var id, networkID int64
		var starts time.Time
		if err := rows.Scan(&id, &networkID, &starts); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("scan held meeting: %w", err)
		}
		h := nets[networkID]
		if h == nil {
			h = &held{}
			nets[networkID] = h
		}
		d := starts.In(app.Helsinki)
		day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		if h.meetings == 0 || day.Before(h.first) {
			h.first = day
		}
		h.meetings++
		meetingNet[id] = networkID
		meetingIDs = append(meetingIDs, id)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list latest held meetings: %w", err)
	}
	var full []int64
	for _, id := range networkIDs {
		if h := nets[id]; h != nil && h.meetings == LowAttendanceMeetings {
			full = append(full, id)
		}
	}
	if len(full) == 0 {
		return out, nil
	}
	// Who came to them, by network.
	came := map[int64]map[int64]bool{}
	inM, argsM := db.InIDs(meetingIDs, 1)
	rows, err = r.q.QueryContext(ctx, `SELECT meeting_id, person_id FROM meeting_attendance WHERE meeting_id IN (`+inM+`)`, argsM...)
	if err != nil {
		return nil, fmt.Errorf("list attendance: %w", err)
	}
	for rows.Next() {
		var meetingID, personID int64
		if err := rows.Scan(&meetingID, &personID); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("scan attendance: %w", err)
		}
		n := meetingNet[meetingID]
		if came[n] == nil {
			came[n] = map[int64]bool{}
		}
		came[n][personID] = true
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list attendance: %w", err)
	}
	// The members who came to none, having been members at the first.
	today := app.Day(now)
	inN, argsN := db.InIDs(full, 2)
	rows, err = r.q.QueryContext(ctx, `SELECT m.network_id, p.id, p.name, m.term_start
		FROM memberships m JOIN people p ON p.id = m.person_id
		WHERE m.network_id IN (`+inN+`) AND m.role <> 'guest' AND (m.term_end IS NULL OR m.term_end >= $1)
		ORDER BY p.name, p.id`, append([]any{db.DateIn(&today)}, argsN...)...)
	if err != nil {
		return nil, fmt.Errorf("list low attendance: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var networkID int64
		var p OverviewPerson
		var start sql.NullTime
		if err := rows.Scan(&networkID, &p.ID, &p.Name, &start); err != nil {
			return nil, fmt.Errorf("scan low attendance: %w", err)
		}
		if came[networkID][p.ID] {
			continue
		}
		if s := db.DateOut(start); s != nil && s.After(nets[networkID].first) {
			continue // joined after the first of the meetings
		}
		out[networkID] = append(out[networkID], p)
	}
	return out, rows.Err()
}
