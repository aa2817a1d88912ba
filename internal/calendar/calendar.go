// Package calendar serves iCalendar (RFC 5545) subscription feeds of
// meetings, for Outlook, Google Calendar and other calendar programs:
//
//   - a personal feed at a secret address, /calendar/{token}.ics, with the
//     meetings of every network the user belongs to (a membership whose
//     term has not ended) or whose project they work in (project staff).
//     The user is an invitee of all of them, so the feed carries the
//     remote meeting link. The token is a random secret of which only the
//     SHA-256 is stored; it is shown once, when made. Making a new one
//     revokes the old, whose address then answers 404; the user may also
//     just revoke it. A disabled account's feed answers 404.
//   - a feed per network, /networks/{id}/calendar.ics. It is public, like
//     the network and meeting pages: it has the times, titles, places and
//     descriptions of the network's meetings, and never the remote link,
//     organiser or attendees.
//
// Both list meetings that start at most FeedPast ago, cancelled ones with
// STATUS:CANCELLED, at most MaxEvents of them. Each meeting's UID is the
// one of its e-mail invitations (meeting.UID), so a calendar that has the
// invitation and the feed knows it is the same meeting; SEQUENCE rises
// with each change. Times are written in UTC.
//
// Events (issue 3, point 10: "meetings and events") do not exist in
// Kohtaamo yet; when they do, they belong in these feeds too.
package calendar

import (
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
)

// FeedPast is how far back a feed reaches.
const FeedPast = 90 * 24 * time.Hour

// MaxEvents caps the meetings in one feed (the earliest are kept).
const MaxEvents = 5000

// RefreshInterval is how often calendar programs are asked to fetch a feed
// again (REFRESH-INTERVAL and X-PUBLISHED-TTL; Google Calendar keeps its
// own schedule of several hours).
const RefreshInterval = "PT1H"

// Meeting statuses (those of package meeting).
const (
	StatusScheduled = meeting.StatusScheduled
	StatusCancelled = meeting.StatusCancelled
)

// Token is a personal feed's secret address; its secret is not stored.
type Token struct {
	ID        int64
	UserID    int64
	CreatedAt time.Time
	RevokedAt *time.Time
}

// Owner is the user whose personal feed a token opens.
type Owner struct {
	UserID   int64
	PersonID int64
	Name     string
	Lang     string
}

// Network is what a feed needs of a network.
type Network struct {
	ID     int64
	Name   string
	Status string
}

// Meeting is a meeting as a feed shows it.
type Meeting struct {
	ID          int64
	NetworkID   int64
	NetworkName string
	Title       string // Finnish
	Description string
	// TitleSv, TitleEn, DescriptionSv and DescriptionEn are "" when not
	// given: the feed then shows the Finnish ones.
	TitleSv, TitleEn             string
	DescriptionSv, DescriptionEn string
	StartsAt                     time.Time // UTC
	EndsAt                       time.Time // UTC
	Place                        string
	RemoteLink                   string
	Status                       string
	Sequence                     int
	CreatedAt                    time.Time
	UpdatedAt                    time.Time
}

// Cancelled reports whether the meeting is cancelled.
func (m *Meeting) Cancelled() bool { return m.Status == StatusCancelled }

// FeedOptions are what a feed needs besides its meetings.
type FeedOptions struct {
	Name string // X-WR-CALNAME
	Host string // for the UIDs: the host of the invitation mails
	// URL makes a site path absolute (the meeting pages).
	URL func(path string) string
	// ShowLinks puts the remote link in DESCRIPTION (and LOCATION when
	// there is no place): only in a feed of an invitee.
	ShowLinks bool
	Now       time.Time
	// Lang is the language of the titles and descriptions (fi, sv, en),
	// each in Finnish when not given in it.
	Lang string
}

// Feed returns an iCalendar subscription feed (METHOD:PUBLISH) of
// meetings, with CRLF line ends and every text cleaned as in the
// invitations (package meeting's ICSLine, ICSText, SerializeICS).
func Feed(meetings []Meeting, o FeedOptions) string {
	cal := ics.NewCalendarFor("Kohtaamo")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName(meeting.ICSLine(o.Name))
	cal.SetXWRTimezone(app.Helsinki.String())
	cal.SetRefreshInterval(RefreshInterval) // the library adds VALUE=DURATION
	cal.SetXPublishedTTL(RefreshInterval)
	for i := range meetings {
		m := &meetings[i]
		ev := cal.AddEvent(meeting.UID(m.ID, o.Host))
		ev.SetDtStampTime(o.Now.UTC())
		ev.SetCreatedTime(m.CreatedAt.UTC())
		ev.SetModifiedAt(m.UpdatedAt.UTC())
		ev.SetSequence(m.Sequence)
		ev.SetStartAt(m.StartsAt.UTC())
		ev.SetEndAt(m.EndsAt.UTC())
		ev.SetSummary(meeting.ICSLine(i18n.Pick(o.Lang, m.Title, m.TitleSv, m.TitleEn)))
		loc, desc := m.Place, i18n.Pick(o.Lang, m.Description, m.DescriptionSv, m.DescriptionEn)
		if o.ShowLinks && m.RemoteLink != "" {
			if loc == "" {
				loc = m.RemoteLink
			}
			desc = strings.TrimSpace(desc + "\n\n" + m.RemoteLink)
		}
		if loc = meeting.ICSLine(loc); loc != "" {
			ev.SetLocation(loc)
		}
		if desc = meeting.ICSText(desc); desc != "" {
			ev.SetDescription(desc)
		}
		if o.URL != nil {
			ev.SetURL(meeting.ICSURI(o.URL(meetingPath(m.ID))))
		}
		if m.Cancelled() {
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	return meeting.SerializeICS(cal)
}

func meetingPath(id int64) string {
	return "/meetings/" + strconv.FormatInt(id, 10)
}
