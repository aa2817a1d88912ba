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
	Decisions      []Decision
}

// Approved reports whether the minutes are approved (and so locked).
func (m *Minutes) Approved() bool { return m.Status == StatusApproved }

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
	ID       int64
	Position int
	Text     string
}

// Revision is the text of approved minutes that a correction replaced.
type Revision struct {
	ID         int64
	Body       string
	Decisions  string // one per line
	AuthorID   int64
	AuthorName string
	Reason     string
	CreatedAt  time.Time
}

// HTML returns the revision's body rendered and sanitised.
func (r *Revision) HTML() template.HTML { return markdown.Render(r.Body) }

// Input is the minutes form: the body, the decisions and, for approved
// minutes, the reason for the correction.
type Input struct {
	Body      string
	Decisions []string
	Reason    string
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
func (in *Input) Validate(v *app.Validator, approved bool) {
	in.Body = strings.TrimSpace(in.Body)
	in.Reason = strings.TrimSpace(in.Reason)
	v.Required("body", in.Body)
	// Length first: the nesting and table checks parse the text.
	if n := utf8.RuneCountInString(in.Body); n > MaxBody {
		v.Add("body", "minutes.err.body_too_long", map[string]any{"Max": MaxBody, "Len": n})
	} else if markdown.Depth(in.Body) > markdown.MaxNesting {
		v.Add("body", "minutes.err.body_too_deep", map[string]any{"Max": markdown.MaxNesting})
	} else if markdown.TableCells(in.Body) > markdown.MaxTableCells {
		v.Add("body", "minutes.err.table_too_big", map[string]any{"Max": markdown.MaxTableCells})
	}
	if len(in.Decisions) > MaxDecisions {
		v.Add("decisions", "minutes.err.too_many_decisions", map[string]any{"Max": MaxDecisions})
	}
	for i, d := range in.Decisions {
		in.Decisions[i] = strings.TrimSpace(d)
		if in.Decisions[i] == "" {
			v.Add("decisions", "minutes.err.empty_decision", nil)
		}
		v.MaxLen("decisions", in.Decisions[i], MaxDecision)
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

func validStatus(s string) bool {
	for _, x := range ItemStatuses {
		if x == s {
			return true
		}
	}
	return false
}
