package minutes

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// OverviewReader is the read model the minutes domain exports on purpose
// for the overviews of what needs a network's managers (the home and
// project pages): late action items, held meetings without minutes and
// draft minutes waiting for approval. The counts take a set of networks
// and answer in one query, whatever the set's size.
type OverviewReader struct{ q db.Querier }

// NewOverviewReader returns the reader on q (a *db.DB or *sql.Tx).
func NewOverviewReader(q db.Querier) *OverviewReader { return &OverviewReader{q: q} }

// MissingWindow is how far back a held meeting without minutes, or with
// draft minutes, is still listed as missing them or waiting for
// approval: older ones are history, not a task.
const MissingWindow = 180 * 24 * time.Hour

// maxDuration bounds a meeting's length (meeting.MaxDuration), so a
// condition on its end also bounds its start, which is indexed.
const maxDuration = 24 * time.Hour

// Counts are a network's numbers for the overview.
type Counts struct {
	LateItems int // open action items past their due date
	Missing   int // meetings held in MissingWindow without minutes
	Drafts    int // draft minutes of meetings held in MissingWindow, waiting for approval
}

// LateItem is an open action item past its due date.
type LateItem struct {
	ID           int64
	Title        string
	DueOn        time.Time
	OwnerName    string // "" without an owner
	MeetingID    int64
	MeetingTitle string // Finnish
	// MeetingTitleSv and MeetingTitleEn are "" when not given.
	MeetingTitleSv, MeetingTitleEn string
}

// MeetingTitleIn returns the meeting's title in lang, the Finnish one
// when not given in it.
func (it *LateItem) MeetingTitleIn(lang string) string {
	return i18n.Pick(lang, it.MeetingTitle, it.MeetingTitleSv, it.MeetingTitleEn)
}

// MeetingRef is a held meeting in an overview list.
type MeetingRef struct {
	ID               int64
	Title            string // Finnish
	TitleSv, TitleEn string // "" when not given
	StartsAt         time.Time
}

// TitleIn returns the title in lang, the Finnish one when not given in it.
func (m *MeetingRef) TitleIn(lang string) string {
	return i18n.Pick(lang, m.Title, m.TitleSv, m.TitleEn)
}

// The overview's conditions: $1 today (a DATE), $2 now, $3 now -
// MissingWindow, $4 now - MissingWindow - maxDuration (the index on the
// start seeks there).
const (
	lateItemsWhere = `ai.status = 'open' AND ai.due_on < $1`
	heldMeetings   = `mt.status = 'scheduled' AND mt.ends_at < $2 AND mt.ends_at >= $3 AND mt.starts_at < $2 AND mt.starts_at >= $4`
)

// Counts returns, by network, the late action items, the held meetings
// without minutes and the draft minutes; today is the start of the local
// day (app.Day), now the current time. Networks with nothing are left out.
func (r *OverviewReader) Counts(ctx context.Context, networkIDs []int64, today, now time.Time) (map[int64]Counts, error) {
	out := map[int64]Counts{}
	if len(networkIDs) == 0 {
		return out, nil
	}
	in, args := db.InIDs(networkIDs, 5)
	rows, err := r.q.QueryContext(ctx, `SELECT network_id, kind, COUNT(*) FROM (
			SELECT ai.network_id, 'late' AS kind FROM action_items ai WHERE ai.network_id IN (`+in+`) AND `+lateItemsWhere+`
			UNION ALL
			SELECT mt.network_id, CASE WHEN mn.id IS NULL THEN 'missing' ELSE 'draft' END FROM meetings mt
				LEFT JOIN minutes mn ON mn.meeting_id = mt.id
				WHERE mt.network_id IN (`+in+`) AND `+heldMeetings+` AND (mn.id IS NULL OR mn.status = 'draft')
		) t GROUP BY network_id, kind`,
		append([]any{db.DateIn(&today), db.Now(now), db.Now(now.Add(-MissingWindow)), db.Now(now.Add(-MissingWindow - maxDuration))}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("count minutes overview: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind string
		var n int
		if err := rows.Scan(&id, &kind, &n); err != nil {
			return nil, fmt.Errorf("scan minutes overview: %w", err)
		}
		c := out[id]
		switch kind {
		case "late":
			c.LateItems += n
		case "missing":
			c.Missing += n
		case "draft":
			c.Drafts += n
		}
		out[id] = c
	}
	return out, rows.Err()
}

// LateItems lists a network's open action items past their due date,
// oldest due first.
func (r *OverviewReader) LateItems(ctx context.Context, networkID int64, today time.Time) ([]LateItem, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT ai.id, ai.title, ai.due_on, COALESCE(p.name, ''), mt.id, mt.title, mt.title_sv, mt.title_en
		FROM action_items ai JOIN meetings mt ON mt.id = ai.meeting_id LEFT JOIN people p ON p.id = ai.owner_person_id
		WHERE `+lateItemsWhere+` AND ai.network_id = $2 ORDER BY ai.due_on, ai.id`, db.DateIn(&today), networkID)
	if err != nil {
		return nil, fmt.Errorf("list late action items: %w", err)
	}
	defer rows.Close()
	var out []LateItem
	for rows.Next() {
		var it LateItem
		var due sql.NullTime
		if err := rows.Scan(&it.ID, &it.Title, &due, &it.OwnerName, &it.MeetingID, &it.MeetingTitle, &it.MeetingTitleSv, &it.MeetingTitleEn); err != nil {
			return nil, fmt.Errorf("scan late action item: %w", err)
		}
		if d := db.DateOut(due); d != nil {
			it.DueOn = *d
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Missing lists a network's meetings held in MissingWindow before now
// without minutes, and those whose minutes are a draft waiting for
// approval; latest first.
func (r *OverviewReader) Missing(ctx context.Context, networkID int64, now time.Time) (missing, drafts []MeetingRef, err error) {
	rows, err := r.q.QueryContext(ctx, `SELECT mt.id, mt.title, mt.title_sv, mt.title_en, mt.starts_at, mn.id IS NULL FROM meetings mt
		LEFT JOIN minutes mn ON mn.meeting_id = mt.id
		WHERE `+heldMeetings+` AND (mn.id IS NULL OR mn.status = 'draft') AND mt.network_id = $1
		ORDER BY mt.starts_at DESC, mt.id DESC`, networkID, db.Now(now), db.Now(now.Add(-MissingWindow)), db.Now(now.Add(-MissingWindow-maxDuration)))
	if err != nil {
		return nil, nil, fmt.Errorf("list meetings without minutes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m MeetingRef
		var none bool
		if err := rows.Scan(&m.ID, &m.Title, &m.TitleSv, &m.TitleEn, &m.StartsAt, &none); err != nil {
			return nil, nil, fmt.Errorf("scan meeting without minutes: %w", err)
		}
		if none {
			missing = append(missing, m)
		} else {
			drafts = append(drafts, m)
		}
	}
	return missing, drafts, rows.Err()
}
