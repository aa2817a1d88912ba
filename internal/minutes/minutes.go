// Package minutes holds the minutes of network meetings (issue 3, points 5
// and 6): the Markdown text with its decisions, the action items given at
// the meeting, and the take-home summary each organisation's
// representatives carry back.
//
// Rules:
//
//   - one set of minutes per meeting, written by whoever manages the network
//     (secretary, convener, project staff, admins); it starts as a draft;
//   - the convener (or the project's coordinator, or an admin) approves the
//     draft: the approved minutes are mailed to every current member in
//     their language, in the same transaction, with the action items of the
//     member's organisation and the network's next meeting;
//   - approved minutes are locked: a correction needs a reason, and the text
//     it replaces is kept as a revision shown on the minutes page;
//   - an action item's owner must be a current member of the network; when
//     a member leaves, their items stay (marked) and can be re-assigned;
//     keeping the departed owner while changing other fields is allowed;
//   - an action item may link to an action of one of the network's plans;
//   - owners mark their own items done; managers change anything.
//
// The Markdown is rendered by the shared internal/markdown (goldmark, raw
// HTML omitted, sanitised with bluemonday's UGC policy), so no script
// reaches a page or a mail. Its length, nesting and tables are limited on
// save (Input.Validate) and again when rendering, and rendered HTML is
// cached by the text's hash.
package minutes

import (
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/markdown"
)

// Minutes statuses.
const (
	StatusDraft    = "draft"
	StatusApproved = "approved"
)

// Action item statuses.
const (
	ItemOpen      = "open"
	ItemDone      = "done"
	ItemCancelled = "cancelled"
)

// ItemStatuses lists the action item statuses in display order.
var ItemStatuses = []string{ItemOpen, ItemDone, ItemCancelled}

// Limits.
const (
	MaxBody      = 50000 // characters of Markdown; see also markdown.MaxNesting and markdown.MaxTableCells
	MaxDecision  = 2000
	MaxDecisions = 100
	MaxReason    = 1000
	MaxItemTitle = 300
	MaxSections  = 100
	MaxTitle     = 300 // a section's title (an agenda item's)
)

// Minutes are a meeting's minutes with their decisions.
type Minutes struct {
	ID             int64
	MeetingID      int64
	Body           string // Markdown
	Status         string
	Version        int
	ApprovedByID   int64
	ApprovedByName string
	ApprovedAt     *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Decisions are all the decisions in order: the sections' first, then
	// those of the minutes as a whole (SectionID 0).
	Decisions []Decision
	// Sections are the agenda items' parts, in order; none in minutes
	// written before minutes were drafted from the agenda (their Body
	// alone is the text).
	Sections []Section
}

// Approved reports whether the minutes are approved (and so locked).
func (m *Minutes) Approved() bool { return m.Status == StatusApproved }

// Empty reports whether nothing is written: no text, no decision, no
// section with either. Empty minutes are not approved.
func (m *Minutes) Empty() bool {
	if strings.TrimSpace(m.Body) != "" || len(m.Decisions) > 0 {
		return false
	}
	for _, s := range m.Sections {
		if strings.TrimSpace(s.Body) != "" {
			return false
		}
	}
	return true
}

// GeneralDecisions returns the decisions of the minutes as a whole (not
// under an agenda item).
func (m *Minutes) GeneralDecisions() []string {
	var out []string
	for _, d := range m.Decisions {
		if d.SectionID == 0 {
			out = append(out, d.Text)
		}
	}
	return out
}

// HTML returns the body rendered and sanitised.
func (m *Minutes) HTML() template.HTML { return markdown.Render(m.Body) }

// DecisionTexts returns the decisions' texts in order.
func (m *Minutes) DecisionTexts() []string {
	out := make([]string, 0, len(m.Decisions))
	for _, d := range m.Decisions {
		out = append(out, d.Text)
	}
	return out
}

// Decision is one decision recorded in the minutes.
type Decision struct {
	ID        int64
	Position  int
	Text      string
	SectionID int64 // 0: a decision of the minutes as a whole
}

// Section is the part of the minutes about one agenda item: its number,
// title and preparer as they were when written, the discussion (Markdown)
// and the decisions made under it.
type Section struct {
	ID           int64  `json:"-"`
	AgendaItemID int64  `json:"agenda_item_id,omitempty"` // 0: the agenda item was removed since
	Number       int    `json:"number"`
	Title        string `json:"title"`
	Preparer     string `json:"preparer,omitempty"`
	Body         string `json:"body,omitempty"`
	// Decisions are the section's decisions' texts in order.
	Decisions []string `json:"decisions,omitempty"`
}

// HTML returns the section's discussion rendered and sanitised.
func (s *Section) HTML() template.HTML { return markdown.Render(s.Body) }

// Blank reports whether nothing is written under the item.
func (s *Section) Blank() bool { return strings.TrimSpace(s.Body) == "" && len(s.Decisions) == 0 }

// Revision is the text of approved minutes that a correction replaced.
type Revision struct {
	ID         int64
	Body       string
	Decisions  string // one per line
	AuthorID   int64
	AuthorName string
	Reason     string
	CreatedAt  time.Time
	// Sections are the sections the correction replaced (none before
	// minutes had sections).
	Sections []Section
}

// HTML returns the revision's body rendered and sanitised.
func (r *Revision) HTML() template.HTML { return markdown.Render(r.Body) }

// Input is the minutes form: a section per agenda item, the text and
// decisions of the minutes as a whole and, for approved minutes, the
// reason for the correction.
type Input struct {
	Body      string
	Decisions []string
	Reason    string
	Sections  []SectionInput
}

// SectionInput is the part of the minutes about one agenda item. The
// service takes the title and preparer from the agenda; Title is used
// only for a section whose agenda item was removed (AgendaItemID 0).
type SectionInput struct {
	AgendaItemID int64
	Title        string
	Preparer     string
	Body         string
	Decisions    []string
	// Item is a new action item given under this agenda item, or nil.
	Item *ItemInput
}

// SectionField is the form field name of a section's part ("body",
// "decisions", "item-title", "item-owner", "item-due"); the API reports
// its errors under the same names.
func SectionField(i int, part string) string {
	return "section-" + strconv.Itoa(i) + "-" + part
}

// hasText reports whether anything is written in the input.
func (in *Input) hasText() bool {
	if in.Body != "" || len(in.Decisions) > 0 {
		return true
	}
	for _, s := range in.Sections {
		if strings.TrimSpace(s.Body) != "" || len(s.Decisions) > 0 {
			return true
		}
	}
	return false
}

// SplitDecisions turns the decisions text area (one decision per line)
// into decisions, dropping empty lines.
func SplitDecisions(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Validate checks the input; approved tells whether it corrects approved
// minutes (then a reason is required).
//
// Minutes with sections may leave the body empty, but something must be
// written somewhere (EINVALID on "body", or on the first section's text
// when there are sections). Every text is limited on its own (MaxBody,
// markdown.MaxNesting, markdown.MaxTableCells) and all of them together
// to MaxBody; the decisions together to MaxDecisions.
func (in *Input) Validate(v *app.Validator, approved bool) {
	in.Body = strings.TrimSpace(in.Body)
	in.Reason = strings.TrimSpace(in.Reason)
	for i := range in.Sections {
		in.Sections[i].Body = strings.TrimSpace(in.Sections[i].Body)
		in.Sections[i].Title = strings.TrimSpace(in.Sections[i].Title)
	}
	if len(in.Sections) == 0 {
		v.Required("body", in.Body)
	} else if !in.hasText() {
		v.Add(SectionField(0, "body"), "minutes.err.empty", nil)
	}
	if len(in.Sections) > MaxSections {
		v.Add("body", "minutes.err.too_many_sections", map[string]any{"Max": MaxSections})
	}
	total := utf8.RuneCountInString(in.Body)
	validText(v, "body", in.Body)
	decisions := len(in.Decisions)
	validDecisions(v, "decisions", in.Decisions)
	for i := range in.Sections {
		s := &in.Sections[i]
		total += utf8.RuneCountInString(s.Body)
		validText(v, SectionField(i, "body"), s.Body)
		decisions += len(s.Decisions)
		validDecisions(v, SectionField(i, "decisions"), s.Decisions)
		if s.AgendaItemID == 0 {
			v.Required(SectionField(i, "body"), s.Title)
		}
		v.MaxLen(SectionField(i, "body"), s.Title, MaxTitle)
	}
	if total > MaxBody {
		v.Add("body", "minutes.err.body_too_long", map[string]any{"Max": MaxBody, "Len": total})
	}
	if decisions > MaxDecisions {
		v.Add("decisions", "minutes.err.too_many_decisions", map[string]any{"Max": MaxDecisions})
	}
	if approved {
		v.Required("reason", in.Reason)
	}
	v.MaxLen("reason", in.Reason, MaxReason)
}

// ActionItem is a task given at a meeting to a member.
type ActionItem struct {
	ID           int64
	MeetingID    int64
	MeetingTitle string
	NetworkID    int64
	Title        string
	OwnerID      int64 // 0 when the person was deleted
	OwnerName    string
	// OwnerIsMember is false when the owner has left the network: the
	// item stays and can be re-assigned.
	OwnerIsMember    bool
	OrganisationID   int64 // the organisation the owner represents; 0 when none
	OrganisationName string
	DueOn            *time.Time
	Status           string
	PlanActionID     int64
	PlanActionTitle  string
	AgendaItemID     int64 // the agenda item it was given under; 0: none
	CreatedAt        time.Time
	UpdatedAt        time.Time
	CompletedAt      *time.Time
}

// Open reports whether the item is still to be done.
func (a *ActionItem) Open() bool { return a.Status == ItemOpen }

// Overdue reports whether an open item's due date has passed on day today.
func (a *ActionItem) Overdue(today time.Time) bool {
	return a.Open() && a.DueOn != nil && a.DueOn.Before(today)
}

// ItemInput is the action item form.
type ItemInput struct {
	Title        string
	OwnerID      int64
	DueOn        *time.Time
	Status       string
	PlanActionID int64
	AgendaItemID int64 // an accepted item of the meeting's agenda; 0: none
	// Problems holds the field errors found while decoding the input (a
	// malformed date or id); the service reports them with Validate's.
	Problems app.Validator
}

// Validate checks the input (membership and the plan action are checked
// by the store).
func (in *ItemInput) Validate(v *app.Validator) {
	in.Title = strings.TrimSpace(in.Title)
	v.Required("title", in.Title)
	v.MaxLen("title", in.Title, MaxItemTitle)
	if in.OwnerID <= 0 {
		v.Add("owner_id", "err.required", nil)
	}
	if in.DueOn == nil {
		v.Add("due_on", "err.required", nil)
	}
	if in.Status == "" {
		in.Status = ItemOpen
	}
	if !validStatus(in.Status) {
		v.Add("status", "err.invalid_choice", nil)
	}
}

// validText checks one Markdown text: its length first (the nesting and
// table checks parse the text), then its nesting and tables.
func validText(v *app.Validator, field, text string) {
	if n := utf8.RuneCountInString(text); n > MaxBody {
		v.Add(field, "minutes.err.body_too_long", map[string]any{"Max": MaxBody, "Len": n})
	} else if markdown.Depth(text) > markdown.MaxNesting {
		v.Add(field, "minutes.err.body_too_deep", map[string]any{"Max": markdown.MaxNesting})
	} else if markdown.TableCells(text) > markdown.MaxTableCells {
		v.Add(field, "minutes.err.table_too_big", map[string]any{"Max": markdown.MaxTableCells})
	}
}

// validDecisions trims and checks a list of decisions.
func validDecisions(v *app.Validator, field string, ds []string) {
	if len(ds) > MaxDecisions {
		v.Add(field, "minutes.err.too_many_decisions", map[string]any{"Max": MaxDecisions})
	}
	for i, d := range ds {
		ds[i] = strings.TrimSpace(d)
		if ds[i] == "" {
			v.Add(field, "minutes.err.empty_decision", nil)
		}
		v.MaxLen(field, ds[i], MaxDecision)
	}
}

func validStatus(s string) bool {
	for _, x := range ItemStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// markdownHTML renders a Markdown text of the minutes, sanitised.
func markdownHTML(md string) template.HTML { return markdown.Render(md) }
