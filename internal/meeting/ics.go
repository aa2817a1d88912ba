package meeting

import (
	"context"
	"database/sql"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"github.com/kohtaamo/kohtaamo/internal/i18n"
	kmail "github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/network"
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
	// Publish writes METHOD:PUBLISH (a file to add to one's calendar, not
	// an invitation to answer), as the meeting page's download does.
	Publish bool
	// Lang is the reader's language (fi, sv, en): the title and
	// description are written in it when given, else in Finnish.
	Lang string
}

// ICS returns an RFC 5545 calendar with one event for m: METHOD:REQUEST,
// or METHOD:CANCEL with STATUS:CANCELLED for a cancelled meeting
// (METHOD:PUBLISH with o.Publish). Times
// are written in UTC. Every text is cleaned for iCalendar (ICSText,
// ICSLine, CalAddress) and the file is written by SerializeICS.
func ICS(m *Meeting, o ICSOptions) string {
	cal := ics.NewCalendarFor("Kohtaamo")
	method := ics.MethodRequest
	if m.Cancelled() {
		method = ics.MethodCancel
	}
	if o.Publish {
		method = ics.MethodPublish
	}
	cal.SetMethod(method)
	ev := cal.AddEvent(UID(m.ID, o.Host))
	ev.SetDtStampTime(o.Now.UTC())
	ev.SetSequence(m.Sequence)
	ev.SetStartAt(m.StartsAt.UTC())
	ev.SetEndAt(m.EndsAt.UTC())
	ev.SetSummary(ICSLine(m.TitleIn(o.Lang)))
	loc := m.Place
	desc := m.DescriptionIn(o.Lang)
	if o.ShowLink && m.RemoteLink != "" {
		if loc == "" {
			loc = m.RemoteLink
		}
		desc = strings.TrimSpace(desc + "\n\n" + m.RemoteLink)
	}
	if loc = ICSLine(loc); loc != "" {
		ev.SetLocation(loc)
	}
	if desc = ICSText(desc); desc != "" {
		ev.SetDescription(desc)
	}
	if u := ICSURI(o.URL); u != "" {
		ev.SetURL(u)
	}
	if a, err := mail.ParseAddress(o.Organizer); err == nil {
		CalAddress(&ev.ComponentBase, ics.ComponentPropertyOrganizer, a.Address, a.Name)
	}
	if o.Attendee.Email != "" {
		CalAddress(&ev.ComponentBase, ics.ComponentPropertyAttendee, o.Attendee.Email, o.Attendee.Name,
			ics.ParticipationStatusNeedsAction, ics.WithRSVP(false))
	}
	if m.Cancelled() {
		ev.SetStatus(ics.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
	return SerializeICS(cal)
}

// SerializeICS writes cal as RFC 5545 requires: lines end with CRLF
// (golang-ical follows the operating system unless told, so LF on Linux)
// and are folded at 75 octets, never inside a UTF-8 sequence (the
// library folds at rune boundaries).
func SerializeICS(cal *ics.Calendar) string {
	return cal.Serialize(ics.WithNewLineWindows)
}

// ICSText cleans a multi-line TEXT value (DESCRIPTION) for iCalendar:
// valid UTF-8; CRLF, CR and the Unicode line and paragraph separators
// become LF, which the library escapes as \n (it escapes a lone LF but
// leaves a CR raw, which ends the line early in strict readers); other
// control characters (NUL, tab, ESC, DEL, C1) are dropped or become a
// space, so none reaches the file.
func ICSText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			return '\n'
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// ICSLine cleans a one-line TEXT value (SUMMARY, LOCATION, a calendar's
// name): as ICSText, but line breaks become spaces.
func ICSLine(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(ICSText(s), "\n", " "))
}

// ICSURI cleans a URI value (URL): the library writes it as it is, so
// anything that could break the line (controls, white space) is dropped.
func ICSURI(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// ICSParam quotes a parameter value such as a person's name in CN: an
// RFC 5545 quoted-string, which may hold ",", ";" and ":" but no DQUOTE
// and no control character, with DQUOTE, "^" and line breaks written as
// RFC 6868 ^', ^^ and ^n.
func ICSParam(s string) string {
	s = strings.NewReplacer("^", "^^", `"`, "^'").Replace(ICSLine(s))
	return `"` + s + `"`
}

// CalAddress adds an ORGANIZER or ATTENDEE property, mailto:addr with the
// name as CN, to c. golang-ical escapes parameter values with backslashes
// (CN=Korhonen\, Anna), which RFC 5545 does not know, so a name with a
// comma, semicolon, colon or quote would split the parameter; here the CN
// is an RFC 5545 quoted-string (ICSParam) written as part of the property
// name, which the library writes as it is. An address that is not a plain
// dot-atom (nothing a form accepts) is left out rather than written.
func CalAddress(c *ics.ComponentBase, prop ics.ComponentProperty, addr, name string, params ...ics.PropertyParameter) {
	if !plainAddress(addr) {
		return
	}
	token := string(prop)
	if name = ICSLine(name); name != "" {
		token += ";CN=" + ICSParam(name)
	}
	c.AddProperty(ics.ComponentProperty(token), "mailto:"+addr, params...)
}

// plainAddress reports whether addr is local@domain with only dot-atom
// characters (RFC 5322 atext), which a mailto: URI and a TEXT-escaping
// serialiser both leave as they are.
func plainAddress(addr string) bool {
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 {
		return false
	}
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-/=?^_`{|}~.", c) >= 0:
		case c == '@' && i == at:
		default:
			return false
		}
	}
	return true
}

// Mail kinds.
const (
	KindInvite   = "meeting_invite"
	KindUpdate   = "meeting_update"
	KindCancel   = "meeting_cancel"
	KindProposal = "proposal"
)

// mailRecipients are the members a network's meeting mails go to: its
// current members with an e-mail address. Notify mails them and
// Service.PlanCancel counts them, so the confirmation states the number
// the cancellation really sends.
func mailRecipients(ctx context.Context, s *Store, networkID int64, now time.Time) ([]Invitee, error) {
	all, err := s.Invitees(ctx, networkID, now)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, p := range all {
		if p.Email != "" {
			out = append(out, p)
		}
	}
	return out, nil
}

// Notify enqueues, in tx, one mail per current member of the network with
// an e-mail address about meetings (all of one network): an invitation
// (KindInvite), an update (KindUpdate) or a cancellation (KindCancel),
// each with one .ics file per meeting. It returns the number of mails.
func Notify(ctx context.Context, tx *sql.Tx, outbox *kmail.Outbox, kind string, meetings []*Meeting, now time.Time) (int, error) {
	if outbox == nil || len(meetings) == 0 {
		return 0, nil
	}
	invitees, err := mailRecipients(ctx, NewStore(tx), meetings[0].NetworkID, now)
	if err != nil {
		return 0, err
	}
	first := meetings[0]
	// The network's name goes into each mail in the recipient's language.
	net, err := network.NewRefs(tx, nil).Get(ctx, first.NetworkID)
	if err != nil {
		return 0, err
	}
	var msgs []kmail.Message
	for _, p := range invitees {
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
					Organizer: outbox.From(), Attendee: to, ShowLink: true, Now: now, Lang: lang}),
			})
			dates = append(dates, m.When())
		}
		data := map[string]any{
			"Title":      first.TitleIn(lang),
			"Network":    net.NameIn(lang),
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

// notifyProposal enqueues, in tx, one mail (KindProposal) about a member's
// agenda proposal to each current convener and secretary of the meeting's
// network with an e-mail address: they run the agenda and accept or
// reject proposals. The proposer is not mailed about their own proposal.
// It returns the number of mails.
func notifyProposal(ctx context.Context, tx *sql.Tx, outbox *kmail.Outbox, m *Meeting, it *Item, now time.Time) (int, error) {
	if outbox == nil {
		return 0, nil
	}
	to, err := NewStore(tx).AgendaRunners(ctx, m.NetworkID, now)
	if err != nil {
		return 0, err
	}
	net, err := network.NewRefs(tx, nil).Get(ctx, m.NetworkID)
	if err != nil {
		return 0, err
	}
	var msgs []kmail.Message
	for _, p := range to {
		if p.Email == "" || p.PersonID == it.ProposedByID {
			continue
		}
		lang := p.Lang
		if !i18n.Supported(lang) {
			lang = i18n.Default
		}
		msgs = append(msgs, kmail.Message{Kind: KindProposal, Lang: lang, To: kmail.Address{Name: p.Name, Email: p.Email}, Data: map[string]any{
			"Title":    m.TitleIn(lang),
			"Network":  net.NameIn(lang),
			"When":     m.When(),
			"Item":     it.Title,
			"Notes":    it.Notes,
			"Proposer": it.ProposedByName,
			"Link":     outbox.URL(fmt.Sprintf("/meetings/%d#proposals", m.ID)),
		}})
	}
	if len(msgs) == 0 {
		return 0, nil
	}
	if _, err := outbox.EnqueueBatch(ctx, tx, msgs); err != nil {
		return 0, err
	}
	return len(msgs), nil
}
