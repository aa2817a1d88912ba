package minutes

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"strconv"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/i18n"
	kmail "github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/markdown"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// MailKind is the mail template of approved minutes.
const MailKind = "minutes_approved"

// mailItem is an action item in the minutes mail.
type mailItem struct {
	Title string
	Owner string
	Due   string
}

// recipients are the members the approved minutes are mailed to: those
// with an address. Notify mails them and the confirmation counts them.
func recipients(members []Member) []Member {
	var out []Member
	for _, m := range members {
		if m.Email != "" {
			out = append(out, m)
		}
	}
	return out
}

// mailSection is a section of the minutes in the mail: its number and
// title, preparer, the discussion as plain text (for the text part) and
// as sanitised HTML, and its decisions.
type mailSection struct {
	Heading   string
	Preparer  string
	Text      string
	HTML      template.HTML
	Decisions []string
}

// Notify queues the approved minutes in tx to every current member of the
// meeting's network with an address, one mail each in the member's
// language. Each mail is also the take-home summary of the member's
// organisation: its representatives' action items and the next meeting.
// It returns the number of mails queued (0 without an outbox).
func Notify(ctx context.Context, tx *sql.Tx, outbox *kmail.Outbox, m *meeting.Meeting, mn *Minutes, now time.Time) (int, error) {
	if outbox == nil {
		return 0, nil
	}
	s := NewStore(tx)
	members, err := s.Members(ctx, m.NetworkID, now)
	if err != nil {
		return 0, err
	}
	members = recipients(members)
	// The network's name goes into each mail in the recipient's language.
	net, err := network.NewRefs(tx, nil).Get(ctx, m.NetworkID)
	if err != nil {
		return 0, err
	}
	items, err := s.Items(ctx, m.ID, now)
	if err != nil {
		return 0, err
	}
	next, err := s.NextMeeting(ctx, m)
	if err != nil {
		return 0, err
	}
	nextLink := ""
	if next != nil {
		nextLink = outbox.URL(fmt.Sprintf("/meetings/%d", next.ID))
	}
	body := markdown.Render(mn.Body)
	var sections []mailSection
	for _, sec := range mn.Sections {
		sections = append(sections, mailSection{Heading: strconv.Itoa(sec.Number) + ". " + sec.Title, Preparer: sec.Preparer,
			Text: markdown.PlainText(sec.Body), HTML: sec.HTML(), Decisions: sec.Decisions})
	}
	bodyText := markdown.PlainText(mn.Body)
	var msgs []kmail.Message
	for _, p := range members {
		lang := p.Lang
		if !i18n.Supported(lang) {
			lang = i18n.Default
		}
		var own []mailItem
		summary := ""
		if p.OrganisationID != 0 {
			for _, it := range items {
				if it.OrganisationID == p.OrganisationID && it.Status != ItemCancelled {
					own = append(own, mailItem{Title: it.Title, Owner: it.OwnerName, Due: web.FormatDate(it.DueOn)})
				}
			}
			summary = outbox.URL(summaryURL(m.ID, p.OrganisationID))
		}
		nextText := ""
		if next != nil {
			nextText = next.TitleIn(lang) + " " + next.When()
		}
		data := map[string]any{
			"Title":        m.TitleIn(lang),
			"Network":      net.NameIn(lang),
			"When":         m.When(),
			"Link":         outbox.URL(minutesURL(m.ID)),
			"Body":         bodyText,
			"BodyHTML":     body,
			"Sections":     sections,
			"Decisions":    mn.DecisionTexts(),
			"Organisation": p.OrganisationName,
			"Items":        own,
			"SummaryLink":  summary,
			"Next":         nextText,
			"NextLink":     nextLink,
		}
		to := kmail.Address{Name: p.Name, Email: p.Email}
		msgs = append(msgs, kmail.Message{Kind: MailKind, Lang: lang, To: to, Data: data})
	}
	// One batch: the mails go out over one SMTP connection per job.
	if _, err := outbox.EnqueueBatch(ctx, tx, msgs); err != nil {
		return 0, err
	}
	return len(msgs), nil
}
