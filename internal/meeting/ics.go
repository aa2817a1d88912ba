package meeting

import (
	"context"
	"database/sql"
	"fmt"
	"net/mail"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kohtaamo/kohtaamo/internal/i18n"
	kmail "github.com/kohtaamo/kohtaamo/internal/mail"
)

// UID returns the meeting's stable calendar UID.
func UID(meetingID int64, host string) string {
	return fmt.Sprintf("meeting-%d@%s", meetingID, host)
}

// ICSOptions are what a calendar file needs besides the meeting.
type ICSOptions struct {
	Host      string // for the UID
	URL       string // the meeting page
	Organizer string // "Name <addr>" or an address
	Attendee  kmail.Address
	// ShowLink puts the remote link in LOCATION and DESCRIPTION (only for
	// invitees).
	ShowLink bool
	Now      time.Time
}

// ICS returns an RFC 5545 calendar with one event for m: METHOD:REQUEST,
// or METHOD:CANCEL with STATUS:CANCELLED for a cancelled meeting. Times
// are written in UTC.
func ICS(m *Meeting, o ICSOptions) string {
	cal := ics.NewCalendarFor("Kohtaamo")
	method := ics.MethodRequest
	if m.Cancelled() {
		method = ics.MethodCancel
	}
	cal.SetMethod(method)
	ev := cal.AddEvent(UID(m.ID, o.Host))
	ev.SetDtStampTime(o.Now.UTC())
	ev.SetSequence(m.Sequence)
	ev.SetStartAt(m.StartsAt.UTC())
	ev.SetEndAt(m.EndsAt.UTC())
	ev.SetSummary(m.Title)
	loc := m.Place
	desc := m.Description
	if o.ShowLink && m.RemoteLink != "" {
		if loc == "" {
			loc = m.RemoteLink
		}
		desc = strings.TrimSpace(desc + "\n\n" + m.RemoteLink)
	}
	if loc != "" {
		ev.SetLocation(loc)
	}
	if desc != "" {
		ev.SetDescription(desc)
	}
	if o.URL != "" {
		ev.SetURL(o.URL)
	}
	if a, err := mail.ParseAddress(o.Organizer); err == nil {
		ev.SetOrganizer("mailto:"+a.Address, ics.WithCN(a.Name))
	}
	if o.Attendee.Email != "" {
		ev.AddAttendee("mailto:"+o.Attendee.Email, ics.WithCN(o.Attendee.Name), ics.ParticipationStatusNeedsAction,
			ics.WithRSVP(false))
	}
	if m.Cancelled() {
		ev.SetStatus(ics.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	return cal.Serialize()
}

// Mail kinds.
const (
	KindInvite = "meeting_invite"
	KindUpdate = "meeting_update"
	KindCancel = "meeting_cancel"
)

// Notify enqueues, in tx, one mail per current member of the network with
// an e-mail address about meetings (all of one network): an invitation
// (KindInvite), an update (KindUpdate) or a cancellation (KindCancel),
// each with one .ics file per meeting. It returns the number of mails.
func Notify(ctx context.Context, tx *sql.Tx, outbox *kmail.Outbox, kind string, meetings []*Meeting, now time.Time) (int, error) {
	if outbox == nil || len(meetings) == 0 {
		return 0, nil
	}
	s := NewStore(tx)
	invitees, err := s.Invitees(ctx, meetings[0].NetworkID, now)
	if err != nil {
		return 0, err
	}
	first := meetings[0]
	var msgs []kmail.Message
	for _, p := range invitees {
		if p.Email == "" {
			continue
		}
		to := kmail.Address{Name: p.Name, Email: p.Email}
		lang := p.Lang
		if !i18n.Supported(lang) {
			lang = i18n.Default
		}
		var atts []kmail.Attachment
		var dates []string
		for _, m := range meetings {
			method := "REQUEST"
			if m.Cancelled() {
				method = "CANCEL"
			}
			atts = append(atts, kmail.Attachment{
				Filename:    fmt.Sprintf("meeting-%d.ics", m.ID),
				ContentType: "text/calendar; charset=utf-8; method=" + method,
				Content: ICS(m, ICSOptions{Host: outbox.Host(), URL: outbox.URL(fmt.Sprintf("/meetings/%d", m.ID)),
					Organizer: outbox.From(), Attendee: to, ShowLink: true, Now: now}),
			})
			dates = append(dates, m.When())
		}
		data := map[string]any{
			"Title":      first.Title,
			"Network":    first.NetworkName,
			"When":       first.When(),
			"Dates":      dates,
			"Count":      len(meetings),
			"Mode":       first.Mode,
			"Place":      first.Place,
			"RemoteLink": first.RemoteLink,
			"Link":       outbox.URL(fmt.Sprintf("/meetings/%d", first.ID)),
		}
		msgs = append(msgs, kmail.Message{Kind: kind, Lang: lang, To: to, Data: data, Attachments: atts})
	}
	// One batch: the mails go out over one SMTP connection per job.
	if _, err := outbox.EnqueueBatch(ctx, tx, msgs); err != nil {
		return 0, err
	}
	return len(msgs), nil
}
