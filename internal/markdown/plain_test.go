package markdown

import (
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, md, want string
	}{
		{"Heading", "## 1. Avaus\n\nKokous avattiin.", "1. Avaus\n\nKokous avattiin."},
		{"Emphasis", "Käsiteltiin **työkokeilupaikat** ja *palkkatuki* ~~ei~~.", "Käsiteltiin työkokeilupaikat ja palkkatuki ei."},
		{"Link", "Katso [ohje](https://example.fi/ohje).", "Katso ohje (https://example.fi/ohje)."},
		{"LinkSameAsURL", "<https://example.fi>", "https://example.fi"},
		{"BulletList", "* yksi\n* kaksi\n  * alakohta", "- yksi\n- kaksi\n  - alakohta"},
		{"OrderedList", "3. kolme\n4. neljä", "3. kolme\n4. neljä"},
		{"Quote", "> lainaus\n> jatkuu", "> lainaus\n> jatkuu"},
		{"Code", "Aja `go test` ja\n\n    koodi\n", "Aja go test ja\n\n    koodi"},
		{"RawHTML", "a <script>alert(1)</script> b\n\n<div>x</div>", "a alert(1) b"},
		{"Escapes", `\*ei lihavointia\* &amp; &#228;`, "*ei lihavointia* & ä"},
		{"Table", "| a | b |\n| - | - |\n| 1 | **2** |", "a | b\n1 | 2"},
		{"Break", "eka\n\n---\n\ntoka", "eka\n\n----\n\ntoka"},
		{"Tasks", "- [x] tehty\n- [ ] auki", "- [x] tehty\n- [ ] auki"},
		{"Image", "![kaavio](https://example.fi/k.png)", "kaavio (https://example.fi/k.png)"},
		{"Empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.md); got != tt.want {
				t.Errorf("PlainText(%q)\n got %q\nwant %q", tt.md, got, tt.want)
			}
		})
	}
}

// TestPlainTextNoMarkup: no Markdown syntax is left in a typical text of
// minutes.
func TestPlainTextNoMarkup(t *testing.T) {
	md := "# Pöytäkirja\n\n## 1. Avaus\n\n**Puheenjohtaja** avasi kokouksen.\n\n## 2. Päätökset\n\n- __Hyväksyttiin__ [suunnitelma](https://example.fi)\n"
	got := PlainText(md)
	for _, bad := range []string{"**", "__", "##", "](", "# "} {
		if strings.Contains(got, bad) {
			t.Errorf("%q left in %q", bad, got)
		}
	}
}

// TestPlainTextDeep: nesting past the limits renders within them.
func TestPlainTextDeep(t *testing.T) {
	got := PlainText(strings.Repeat(">", 5000) + " x")
	// The markers past the limit are text, as on a page.
	if n := strings.Count(got, "> "); n > MaxNesting+1 { // +1: the text ends "> x"
		t.Errorf("nesting not bounded: %d quote levels", n)
	}
}
