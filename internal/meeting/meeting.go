// Package meeting holds a network's meetings: single meetings and monthly
// series (RFC 5545 recurrence rules), the agenda members prepare, e-mail
// invitations with calendar (.ics) attachments, members' answers and the
// attendance recorded at the meeting.
//
// Times are stored in UTC and entered and shown in Europe/Helsinki. Rules:
//
//   - a time that does not exist in Finland (the hour skipped when clocks
//     go forward) is refused; a time that happens twice (the hour repeated
//     when they go back) is its first occurrence (HelsinkiTime);
//   - a new meeting cannot start in the past, must end after it starts and
//     last at most 24 hours;
//   - two scheduled meetings of the same network may not overlap in time;
//     a series is refused as a whole when any occurrence overlaps one
//     already scheduled (cancelled meetings do not count; other networks
//     may meet at the same time);
//   - a series has at most MaxOccurrences meetings, within five years;
//   - the remote link is shown only to invitees: the network's members,
//     the staff of its project and platform admins.
package meeting

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Helsinki on machines without zoneinfo

	"github.com/teambition/rrule-go"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

// Meeting modes.
const (
	ModeInPerson = "in_person"
	ModeRemote   = "remote"
	ModeHybrid   = "hybrid"
)

// Meeting statuses.
const (
	StatusScheduled = "scheduled"
	StatusCancelled = "cancelled"
)

// Answers to an invitation.
const (
	AnswerInPerson = "in_person"
	AnswerRemote   = "remote"
	AnswerNo       = "not_attending"
)

// Agenda item statuses.
const (
	ItemProposed = "proposed"
	ItemAccepted = "accepted"
)

// Attendance modes (how someone attended).
const (
	AttendedInPerson = "in_person"
	AttendedRemote   = "remote"
)

// Repeat choices of the meeting form.
const (
	RepeatNone    = "none"
	RepeatMonthly = "monthly"
)

// Modes, Answers, AttendanceModes and Repeats list the allowed values in
// display order.
var (
	Modes           = []string{ModeInPerson, ModeRemote, ModeHybrid}
	Answers         = []string{AnswerInPerson, AnswerRemote, AnswerNo}
	AttendanceModes = []string{AttendedInPerson, AttendedRemote}
	Repeats         = []string{RepeatNone, RepeatMonthly}
)

// Limits.
const (
	MaxTitle       = 200
	MaxDescription = 5000
	MaxPlace       = 300
	MaxLink        = 1000
	MaxNotes       = 5000
	MaxDuration    = 24 * time.Hour
	MaxOccurrences = 60
	MaxItemMinutes = 600
	maxSeriesSpan  = 5 * 366 * 24 * time.Hour
)

// Meeting is one meeting of a network (an occurrence of a series is a
// meeting of its own).
type Meeting struct {
	ID             int64
	NetworkID      int64
	NetworkName    string // Finnish
	NetworkNameSv  string // "" when not given
	NetworkNameEn  string
	ProjectID      int64
	SeriesID       int64  // 0 when not part of a series
	Title          string // Finnish, required: the fallback
	TitleSv        string // "" when not given
	TitleEn        string
	Description    string
	DescriptionSv  string
	DescriptionEn  string
	StartsAt       time.Time // UTC
	EndsAt         time.Time // UTC
	Mode           string
	Place          string
	RemoteLink     string
	AgendaDeadline *time.Time // UTC; nil: proposals until the start
	Status         string
	Sequence       int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TitleIn returns the title in lang (fi, sv, en), the Finnish one when
// it was not given in lang.
func (m *Meeting) TitleIn(lang string) string { return i18n.Pick(lang, m.Title, m.TitleSv, m.TitleEn) }

// NetworkNameIn returns the network's name in lang, the Finnish one when
// it was not given in lang.
func (m *Meeting) NetworkNameIn(lang string) string {
	return i18n.Pick(lang, m.NetworkName, m.NetworkNameSv, m.NetworkNameEn)
}

// DescriptionIn returns the description in lang, the Finnish one when it
// was not given in lang.
func (m *Meeting) DescriptionIn(lang string) string {
	return i18n.Pick(lang, m.Description, m.DescriptionSv, m.DescriptionEn)
}

// Start returns the start in Helsinki time.
func (m *Meeting) Start() time.Time { return m.StartsAt.In(app.Helsinki) }

// End returns the end in Helsinki time.
func (m *Meeting) End() time.Time { return m.EndsAt.In(app.Helsinki) }

// When formats the meeting's time in Helsinki: "9.12.2026 9.00–11.00".
func (m *Meeting) When() string { return FormatSpan(m.StartsAt, m.EndsAt) }

// DeadlineDate formats the last day of agenda proposals ("" without a
// deadline).
func (m *Meeting) DeadlineDate() string {
	if m.AgendaDeadline == nil {
		return ""
	}
	return m.AgendaDeadline.Add(-time.Second).In(app.Helsinki).Format("2.1.2006")
}

// Cancelled reports whether the meeting is cancelled.
func (m *Meeting) Cancelled() bool { return m.Status == StatusCancelled }

// AnswerChoices are the answers the meeting's invitation takes: an
// in-person meeting has no remote participation to answer.
func (m *Meeting) AnswerChoices() []string {
	if m.Mode == ModeInPerson {
		return []string{AnswerInPerson, AnswerNo}
	}
	return Answers
}

// CanCancel reports whether the meeting may still be cancelled: it is
// scheduled and has not started (a meeting that has started is history:
// its attendance and minutes stay).
func (m *Meeting) CanCancel(now time.Time) bool { return !m.Cancelled() && now.Before(m.StartsAt) }

// ProposalsOpen reports whether members may still propose agenda items.
func (m *Meeting) ProposalsOpen(now time.Time) bool {
	if m.Cancelled() {
		return false
	}
	deadline := m.StartsAt
	if m.AgendaDeadline != nil {
		deadline = *m.AgendaDeadline
	}
	return now.Before(deadline)
}

// Answerable reports whether members may still answer the invitation.
func (m *Meeting) Answerable(now time.Time) bool { return !m.Cancelled() && now.Before(m.EndsAt) }

// AttendanceOpen reports whether attendance may be recorded: from an hour
// before the start on, for a meeting that was not cancelled.
func (m *Meeting) AttendanceOpen(now time.Time) bool {
	return !m.Cancelled() && !now.Before(m.StartsAt.Add(-time.Hour))
}

// HelsinkiTime returns the instant at which clocks in Finland show the
// given date and time. ok is false when they never do: the hour skipped on
// the night clocks go forward (the last Sunday of March, 03:00 → 04:00),
// which time.Date would silently move an hour on. A time they show twice
// (03:00–03:59 on the last Sunday of October) is its first occurrence, in
// summer time, as RFC 5545 also decides; time.Date gives either. (Finnish
// clock changes are one hour, so the earlier occurrence is an hour before
// the later.)
func HelsinkiTime(year int, month time.Month, day, hour, min, sec int) (time.Time, bool) {
	shows := func(t time.Time) bool {
		y, mo, d := t.Date()
		h, mi, s := t.Clock()
		return y == year && mo == month && d == day && h == hour && mi == min && s == sec
	}
	t := time.Date(year, month, day, hour, min, sec, 0, app.Helsinki)
	if !shows(t) {
		return time.Time{}, false
	}
	if e := t.Add(-time.Hour).In(app.Helsinki); shows(e) {
		t = e
	}
	return t.UTC(), true
}

// noSuchTime is the field error for a time that does not exist in
// Finland (HelsinkiTime): "3.30 does not exist in Finland on 28.3.2027".
func noSuchTime(v *app.Validator, field string, year int, month time.Month, day, hour, min int) {
	v.Add(field, "meeting.err.no_such_time", map[string]any{
		"Time": fmt.Sprintf("%d.%02d", hour, min), "Date": fmt.Sprintf("%d.%d.%d", day, month, year)})
}

// FormatSpan formats a start and end in Helsinki time.
func FormatSpan(start, end time.Time) string {
	s, e := start.In(app.Helsinki), end.In(app.Helsinki)
	clock := func(t time.Time) string { return fmt.Sprintf("%d.%02d", t.Hour(), t.Minute()) }
	if s.Format("2006-01-02") == e.Format("2006-01-02") {
		return s.Format("2.1.2006 ") + clock(s) + "–" + clock(e)
	}
	return s.Format("2.1.2006 ") + clock(s) + "–" + e.Format("2.1.2006 ") + clock(e)
}

// Input is what a form or API call gives to create or update a meeting.
type Input struct {
	Title          string // Finnish, required
	TitleSv        string // optional, shown to Swedish readers
	TitleEn        string // optional, shown to English readers
	Description    string
	DescriptionSv  string
	DescriptionEn  string
	StartsAt       time.Time // any zone; stored in UTC
	EndsAt         time.Time
	Mode           string
	Place          string
	RemoteLink     string
	AgendaDeadline *time.Time
	// RRule, on create only, makes a series: an RFC 5545 recurrence rule
	// without DTSTART (the start is StartsAt in Helsinki time), with COUNT
	// or UNTIL.
	RRule string
	// Cancel (the API's status "cancelled") cancels the meeting on update
	// and is refused on create.
	Cancel bool
	// Problems are the adapter's decoding problems (a date or time that
	// does not parse), reported instead of the validation's.
	Problems error
}

// ValidLink reports whether s is an absolute http(s) URL.
func ValidLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Validate records problems on v. now is the current time; isNew refuses
// a start in the past (an existing meeting may keep its past time).
func (in *Input) Validate(v *app.Validator, now time.Time, isNew bool) {
	in.Title = strings.TrimSpace(in.Title)
	in.TitleSv = strings.TrimSpace(in.TitleSv)
	in.TitleEn = strings.TrimSpace(in.TitleEn)
	in.Description = strings.TrimSpace(in.Description)
	in.DescriptionSv = strings.TrimSpace(in.DescriptionSv)
	in.DescriptionEn = strings.TrimSpace(in.DescriptionEn)
	in.Place = strings.TrimSpace(in.Place)
	in.RemoteLink = strings.TrimSpace(in.RemoteLink)
	in.RRule = strings.TrimSpace(in.RRule)
	v.Required("title", in.Title)
	v.MaxLen("title", in.Title, MaxTitle)
	v.MaxLen("title_sv", in.TitleSv, MaxTitle)
	v.MaxLen("title_en", in.TitleEn, MaxTitle)
	v.MaxLen("description", in.Description, MaxDescription)
	v.MaxLen("description_sv", in.DescriptionSv, MaxDescription)
	v.MaxLen("description_en", in.DescriptionEn, MaxDescription)
	v.MaxLen("place", in.Place, MaxPlace)
	v.Check(slices.Contains(Modes, in.Mode), "mode", "err.invalid_choice")
	if in.RemoteLink != "" {
		v.MaxLen("remote_link", in.RemoteLink, MaxLink)
		v.Check(ValidLink(in.RemoteLink), "remote_link", "meeting.err.bad_link")
	}
	if in.StartsAt.IsZero() {
		v.Add("starts_at", "err.required", nil)
		return
	}
	if isNew && in.StartsAt.Before(now) {
		v.Add("starts_at", "meeting.err.in_past", nil)
	}
	switch {
	case in.EndsAt.IsZero():
		v.Add("ends_at", "err.required", nil)
	case !in.EndsAt.After(in.StartsAt):
		v.Add("ends_at", "meeting.err.end_before_start", nil)
	case in.EndsAt.Sub(in.StartsAt) > MaxDuration:
		v.Add("ends_at", "meeting.err.too_long", nil)
	}
	if in.AgendaDeadline != nil && in.AgendaDeadline.After(in.StartsAt) {
		v.Add("agenda_deadline", "meeting.err.deadline_after_start", nil)
	}
	if in.RRule != "" {
		if _, err := Occurrences(in.RRule, in.StartsAt); err != nil {
			v.Add("rrule", "meeting.err.bad_rrule", nil)
		}
	}
}

// MonthlyRule returns the rule "monthly on the same weekday of the month
// as start" (for 12.5.2026, a Tuesday: the second Tuesday,
// FREQ=MONTHLY;BYDAY=2TU; a date after the 28th uses the last weekday,
// -1TU) with count occurrences or until a date (Helsinki), whichever is
// given.
func MonthlyRule(start time.Time, count int, until *time.Time) string {
	s := start.In(app.Helsinki)
	n := (s.Day()-1)/7 + 1
	if n > 4 {
		n = -1
	}
	days := []string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}
	rule := fmt.Sprintf("FREQ=MONTHLY;BYDAY=%d%s", n, days[s.Weekday()])
	if until != nil {
		u := time.Date(until.Year(), until.Month(), until.Day(), 23, 59, 59, 0, app.Helsinki).UTC()
		return rule + ";UNTIL=" + u.Format("20060102T150405Z")
	}
	return rule + fmt.Sprintf(";COUNT=%d", count)
}

// Occurrences expands a recurrence rule from start: the start times of
// the series in UTC, keeping the wall-clock time in Helsinki across
// daylight saving changes. The rule must have COUNT or UNTIL and give 1 to
// MaxOccurrences meetings within five years; DTSTART is not allowed in it.
func Occurrences(rule string, start time.Time) ([]time.Time, error) {
	rule = strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	if rule == "" || strings.Contains(strings.ToUpper(rule), "DTSTART") || strings.ContainsAny(rule, "\r\n") {
		return nil, fmt.Errorf("bad recurrence rule")
	}
	opt, err := rrule.StrToROptionInLocation(rule, app.Helsinki)
	if err != nil {
		return nil, fmt.Errorf("bad recurrence rule: %w", err)
	}
	if opt.Count == 0 && opt.Until.IsZero() {
		return nil, fmt.Errorf("recurrence rule needs COUNT or UNTIL")
	}
	if opt.Count > MaxOccurrences {
		return nil, fmt.Errorf("too many occurrences")
	}
	if opt.Freq != rrule.MONTHLY && opt.Freq != rrule.WEEKLY && opt.Freq != rrule.YEARLY {
		return nil, fmt.Errorf("recurrence rule: only weekly, monthly or yearly")
	}
	opt.Dtstart = start.In(app.Helsinki)
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, fmt.Errorf("bad recurrence rule: %w", err)
	}
	next := r.Iterator()
	var out []time.Time
	for {
		t, ok := next()
		if !ok {
			break
		}
		if len(out) == MaxOccurrences || t.Sub(start) > maxSeriesSpan {
			return nil, fmt.Errorf("too many occurrences")
		}
		out = append(out, t.UTC())
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the recurrence rule gives no meetings")
	}
	return out, nil
}

// CanonicalRule returns the rule as rrule-go writes it (for storage).
func CanonicalRule(rule string) string {
	rule = strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	opt, err := rrule.StrToROptionInLocation(rule, app.Helsinki)
	if err != nil {
		return rule
	}
	return opt.RRuleString()
}

// Item is an agenda item.
type Item struct {
	ID             int64
	MeetingID      int64
	Position       int
	Title          string
	PreparerID     int64 // 0: none
	PreparerName   string
	Minutes        int
	Notes          string
	Link           string
	Status         string
	ProposedByID   int64
	ProposedByName string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// ItemInput is what a form or API call gives for an agenda item.
type ItemInput struct {
	Title      string
	PreparerID int64
	Minutes    int
	Notes      string
	Link       string
	// Problems are the adapter's decoding problems (a number that is not
	// one), reported with the validation's.
	Problems error
}

// Validate records problems on v. Whether the preparer is a member is
// checked by the store.
func (in *ItemInput) Validate(v *app.Validator) {
	in.Title = strings.TrimSpace(in.Title)
	in.Notes = strings.TrimSpace(in.Notes)
	in.Link = strings.TrimSpace(in.Link)
	v.Required("item_title", in.Title)
	v.MaxLen("item_title", in.Title, MaxTitle)
	v.MaxLen("notes", in.Notes, MaxNotes)
	v.Check(in.Minutes >= 0 && in.Minutes <= MaxItemMinutes, "minutes", "meeting.err.bad_minutes")
	if in.Link != "" {
		v.MaxLen("link", in.Link, MaxLink)
		v.Check(ValidLink(in.Link), "link", "meeting.err.bad_link")
	}
}

// Response is a member's answer to an invitation.
type Response struct {
	PersonID   int64
	PersonName string
	Answer     string
	UpdatedAt  time.Time
}

// Attendance is one person's recorded attendance.
type Attendance struct {
	MeetingID        int64
	PersonID         int64
	PersonName       string
	OrganisationName string
	Mode             string
}

// Invitee is a current member of a network to invite.
type Invitee struct {
	PersonID int64
	Name     string
	Email    string // "" when unknown: no invitation mail
	Lang     string
}
