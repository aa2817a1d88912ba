package home

import (
	"context"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/plan"
)

// The overview answers a network's managers "what needs me": late
// actions and action items, minutes missing or waiting for approval,
// agenda proposals waiting, sectors nobody coming to the next meeting
// represents, members who missed the latest held meetings and who has not
// answered the next invitation. It reads each domain through the read
// model the domain exports for it, each in one query for the whole set
// of networks (never one per network or per row), so the home page of a
// coordinator with many networks stays fast. It is shown only to those
// who manage the network (auth.Policy.CanManageNetwork): the names in it
// are not for others.

// NetRef names a network the overview is about.
type NetRef struct {
	ID          int64
	Name        string // Finnish
	ProjectID   int64
	ProjectName string // Finnish
	// The Swedish and English names, "" when not given.
	NameSv, NameEn, ProjectNameSv, ProjectNameEn string
}

// NameIn returns the network's name in lang, in Finnish when not given
// in it.
func (n *NetRef) NameIn(lang string) string { return i18n.Pick(lang, n.Name, n.NameSv, n.NameEn) }

// ProjectNameIn returns the project's name in lang, in Finnish when not
// given in it.
func (n *NetRef) ProjectNameIn(lang string) string {
	return i18n.Pick(lang, n.ProjectName, n.ProjectNameSv, n.ProjectNameEn)
}

// Needs is what needs a network's managers.
type Needs struct {
	NetRef
	LateActions    int
	LateItems      int
	MinutesMissing int
	MinutesDrafts  int
	Proposals      int
	// Next is the next meeting (nil: none); Gaps and Unanswered are about
	// it.
	Next *meeting.NextMeeting
	// Gaps are the sectors nobody coming to the next meeting represents
	// ("other" never is one).
	Gaps          []string
	Unanswered    []meeting.OverviewPerson
	LowAttendance []meeting.OverviewPerson
}

// Count is how many things need attention; coverage gaps count once.
func (n *Needs) Count() int {
	c := n.LateActions + n.LateItems + n.MinutesMissing + n.MinutesDrafts + n.Proposals + len(n.Unanswered) + len(n.LowAttendance)
	if len(n.Gaps) > 0 {
		c++
	}
	return c
}

// Overview assembles the overviews from the domains' read models.
type Overview struct {
	plans    *plan.OverviewReader
	minutes  *minutes.OverviewReader
	meetings *meeting.OverviewReader
	networks *network.OverviewReader
}

// NewOverview returns the overview reader on q.
func NewOverview(q db.Querier) *Overview {
	return &Overview{plans: plan.NewOverviewReader(q), minutes: minutes.NewOverviewReader(q),
		meetings: meeting.NewOverviewReader(q), networks: network.NewOverviewReader(q)}
}

// For returns the needs of each network, in the order given, at now. The
// caller has decided that the reader manages every one of them.
func (o *Overview) For(ctx context.Context, nets []NetRef, now time.Time) ([]Needs, error) {
	if len(nets) == 0 {
		return nil, nil
	}
	today := app.Day(now)
	ids := make([]int64, len(nets))
	for i, n := range nets {
		ids[i] = n.ID
	}
	late, err := o.plans.LateCounts(ctx, ids, today)
	if err != nil {
		return nil, err
	}
	mc, err := o.minutes.Counts(ctx, ids, today, now)
	if err != nil {
		return nil, err
	}
	proposals, err := o.meetings.ProposalCounts(ctx, ids, now)
	if err != nil {
		return nil, err
	}
	next, err := o.meetings.Next(ctx, ids, now)
	if err != nil {
		return nil, err
	}
	meetings := make([]meeting.NextMeeting, 0, len(next))
	for _, id := range ids {
		if m, ok := next[id]; ok {
			meetings = append(meetings, m)
		}
	}
	answers, err := o.meetings.Answers(ctx, meetings)
	if err != nil {
		return nil, err
	}
	coming := map[int64]map[int64]bool{}
	for _, m := range meetings {
		coming[m.NetworkID] = answers[m.ID].Coming
	}
	gaps, err := o.networks.SectorGaps(ctx, coming, now)
	if err != nil {
		return nil, err
	}
	low, err := o.meetings.LowAttendance(ctx, ids, now)
	if err != nil {
		return nil, err
	}
	out := make([]Needs, len(nets))
	for i, n := range nets {
		c := mc[n.ID]
		x := Needs{NetRef: n, LateActions: late[n.ID], LateItems: c.LateItems, MinutesMissing: c.Missing, MinutesDrafts: c.Drafts,
			Proposals: proposals[n.ID], LowAttendance: low[n.ID]}
		if m, ok := next[n.ID]; ok {
			x.Next = &m
			x.Gaps = gaps[n.ID]
			x.Unanswered = answers[m.ID].Unanswered
		}
		out[i] = x
	}
	return out, nil
}

// Detail is one network's overview with the lists behind its counts.
type Detail struct {
	Needs
	LateActionList []plan.LateAction
	LateItemList   []minutes.LateItem
	MissingList    []minutes.MeetingRef
	DraftList      []minutes.MeetingRef
	ProposalList   []meeting.Proposal
}

// Detail returns a network's overview with its lists.
func (o *Overview) Detail(ctx context.Context, n NetRef, now time.Time) (*Detail, error) {
	needs, err := o.For(ctx, []NetRef{n}, now)
	if err != nil {
		return nil, err
	}
	d := &Detail{Needs: needs[0]}
	today := app.Day(now)
	if d.LateActionList, err = o.plans.Late(ctx, n.ID, today); err != nil {
		return nil, err
	}
	if d.LateItemList, err = o.minutes.LateItems(ctx, n.ID, today); err != nil {
		return nil, err
	}
	if d.MissingList, d.DraftList, err = o.minutes.Missing(ctx, n.ID, now); err != nil {
		return nil, err
	}
	if d.ProposalList, err = o.meetings.Proposals(ctx, n.ID, now); err != nil {
		return nil, err
	}
	return d, nil
}
