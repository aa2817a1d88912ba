package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// AxeTags are the axe-core rule tags every page must pass: WCAG 2.0 and 2.1,
// levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one failed axe-core rule with the elements that fail it.
type Violation struct {
	ID      string     `json:"id"`
	Impact  string     `json:"impact"`
	Help    string     `json:"help"`
	HelpURL string     `json:"helpUrl"`
	Nodes   []AxeNodes `json:"nodes"`
}

// AxeNodes is one element failing a rule.
type AxeNodes struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

// AxeResult is what one axe run found.
type AxeResult struct {
	Violations []Violation `json:"violations"`
	// Incomplete lists the rules axe could not decide ("needs review")
	// with the elements concerned.
	Incomplete []Violation `json:"incomplete"`
}

var axe struct {
	once sync.Once
	src  string
	err  error
}

// axeSource reads axe.min.js once.
func axeSource() (string, error) {
	axe.once.Do(func() {
		p := os.Getenv(EnvAxeJS)
		if p == "" {
			root, err := moduleRoot()
			if err != nil {
				axe.err = fmt.Errorf("find axe-core: %w", err)
				return
			}
			p = filepath.Join(root, "node_modules", "axe-core", "axe.min.js")
		}
		b, err := os.ReadFile(p) // #nosec G304 G703 -- the test runner's own $KOHTAAMO_AXE_JS or the module's node_modules
		if err != nil {
			axe.err = fmt.Errorf("no axe-core at %s (run npm ci, or set %s): %w", p, EnvAxeJS, err)
			return
		}
		axe.src = string(b)
	})
	return axe.src, axe.err
}

// axeRunJS runs axe on the whole document with the WCAG 2.1 A/AA rules and
// keeps what the report needs.
const axeRunJS = `((keep) => axe.run(document, {
  runOnly: {type: "tag", values: %s},
  resultTypes: ["violations", "incomplete"]
}).then(r => ({
  violations: r.violations.map(keep),
  incomplete: r.incomplete.map(keep)
})))(v => ({
  id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ""}))
}))`

// RunAxe injects axe-core into the current page (through the DevTools
// protocol, which the page's CSP does not govern) and runs it.
func (b *Browser) RunAxe() AxeResult {
	b.t.Helper()
	src, err := axeSource()
	if err != nil {
		missing(b.t, err)
	}
	if !Eval[bool](b, `typeof window.axe === "object" && typeof window.axe.run === "function"`) {
		Eval[bool](b, src+"\n;true")
	}
	tags := `["` + strings.Join(AxeTags, `","`) + `"]`
	return Eval[AxeResult](b, fmt.Sprintf(axeRunJS, tags))
}

// Axe runs axe-core on the current page and fails t with every WCAG 2.1
// A/AA violation: rule, impact, help and the failing elements.
func (b *Browser) Axe(t testing.TB) {
	t.Helper()
	res := b.With(t).RunAxe()
	if len(res.Violations) == 0 {
		for _, v := range res.Incomplete {
			var targets []string
			for _, n := range v.Nodes {
				targets = append(targets, strings.Join(n.Target, " "))
			}
			if len(targets) > 3 {
				targets = append(targets[:3], fmt.Sprintf("and %d more", len(targets)-3))
			}
			t.Logf("axe on %s: needs review: %s on %s", b.location(), v.ID, strings.Join(targets, ", "))
		}
		return
	}
	t.Errorf("axe: %d WCAG 2.1 A/AA violation(s) on %s (lang %s):\n%s",
		len(res.Violations), b.location(), b.With(t).Lang(), FormatViolations(res.Violations))
}

// FormatViolations lists violations one per line with their elements.
func FormatViolations(vs []Violation) string {
	var sb strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&sb, "  - %s [%s]: %s (%s)\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			fmt.Fprintf(&sb, "      %s\n        %s\n", strings.Join(n.Target, " "), n.HTML)
			if n.Summary != "" {
				fmt.Fprintf(&sb, "        %s\n", strings.ReplaceAll(n.Summary, "\n", "\n        "))
			}
		}
	}
	return sb.String()
}
