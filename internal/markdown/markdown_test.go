package markdown

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// maxBody is the longest text a domain accepts today (minutes.MaxBody).
const maxBody = 50000

// Pathological texts: each once took seconds or made megabytes with plain
// goldmark. Stored text may be any of these (written before the checks, or
// past them), so rendering must stay bounded whatever the source.
func pathological() map[string]string {
	var ladder strings.Builder // lists nested by indentation, line by line
	for i := 0; ladder.Len() < maxBody; i++ {
		ladder.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	var quoteLadder strings.Builder // ten more markers on each indented line
	for i := 0; quoteLadder.Len() < maxBody; i++ {
		quoteLadder.WriteString(strings.Repeat("  ", 10*i) + strings.Repeat("- ", 10) + "x\n")
	}
	return map[string]string{
		"quotes-100k":    strings.Repeat(">", 100000),
		"quotes-spaced":  strings.Repeat("> ", 50000),
		"quote-lines":    strings.Repeat(strings.Repeat(">", 40)+" x\n", 2000),
		"bullets":        strings.Repeat("- ", 50000),
		"ordered":        strings.Repeat("1. ", 33000),
		"mixed":          strings.Repeat("> - 1) * + ", 9000),
		"list-ladder":    ladder.String(),
		"marker-ladder":  quoteLadder.String(),
		"table-bomb":     "|" + strings.Repeat("a|", 2000) + "\n|" + strings.Repeat("-|", 2000) + "\n" + strings.Repeat("|\n", 20000),
		"tables-many":    strings.Repeat("|a|b|c|d|\n|-|-|-|-|\n"+strings.Repeat("|\n", 200)+"\n", 60),
		"reference-bomb": "[a]: https://example.fi/" + strings.Repeat("x", 40000) + "\n\n" + strings.Repeat("[a]", 3000),
		"emphasis":       strings.Repeat("*a", 50000),
		"brackets":       strings.Repeat("[", 100000),
		"backticks":      strings.Repeat("`a", 50000),
		"autolinks":      strings.Repeat("www.example.fi/ ", 3000) + strings.Repeat("<https://example.fi/x> ", 1000),
		"stars":          strings.Repeat("*", 25000) + "a" + strings.Repeat("*", 25000),
		"nested-links":   strings.Repeat("![", 12000) + "a" + strings.Repeat("](b)", 12000),
	}
}

// htmlDepth returns the deepest nesting of blockquote, ul and ol elements
// in h, and the number of elements.
func htmlDepth(t testing.TB, h string) (depth, elements int) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(h))
	cur := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return depth, elements
		case html.StartTagToken:
			elements++
			switch name, _ := z.TagName(); string(name) {
			case "blockquote", "ul", "ol":
				cur++
				depth = max(depth, cur)
			}
		case html.EndTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "blockquote", "ul", "ol":
				cur--
			}
		}
	}
}

// TestRenderPathologicalBounded: every pathological text renders to at
// most MaxHTML bytes (and at most 40 bytes per source byte) with quotes
// and lists nested at most MaxNesting deep. It asserts sizes and depth,
// not time; BenchmarkRenderWorstCase measures the time.
func TestRenderPathologicalBounded(t *testing.T) {
	for name, md := range pathological() {
		t.Run(name, func(t *testing.T) {
			h := string(render(md))
			if len(h) > MaxHTML || len(h) > 40*len(md)+1000 {
				t.Errorf("%d bytes of HTML from %d bytes", len(h), len(md))
			}
			depth, _ := htmlDepth(t, h)
			if depth > MaxNesting {
				t.Errorf("quotes and lists nest %d deep", depth)
			}
			if h == "" {
				t.Errorf("nothing rendered")
			}
		})
	}
}

// TestRenderKeepsOrdinaryMarkdown: the guards leave ordinary minutes as
// goldmark renders them.
func TestRenderKeepsOrdinaryMarkdown(t *testing.T) {
	for md, want := range map[string]string{
		"# Otsikko\n\n**Tärkeää**":            "<h1>Otsikko</h1>\n<p><strong>Tärkeää</strong></p>\n",
		"> > > kolme tasoa":                   "<blockquote>\n<blockquote>\n<blockquote>\n<p>kolme tasoa</p>\n</blockquote>\n</blockquote>\n</blockquote>\n",
		"- a\n  - b\n    1. c":                "<ul>\n<li>a\n<ul>\n<li>b\n<ol>\n<li>c</li>\n</ol>\n</li>\n</ul>\n</li>\n</ul>\n",
		"- - -":                               "<hr>\n",
		"* * * *":                             "<hr>\n",
		"| a | b |\n| --- | --- |\n| 1 | 2 |": "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n",
		"Katso www.example.fi ja <https://kohtaamo.fi/x>": "<p>Katso <a href=\"http://www.example.fi\" rel=\"nofollow\">www.example.fi</a> ja <a href=\"https://kohtaamo.fi/x\" rel=\"nofollow\">https://kohtaamo.fi/x</a></p>\n",
		"1. yksi\n2. kaksi": "<ol>\n<li>yksi</li>\n<li>kaksi</li>\n</ol>\n",
		"Otsikko\n---":      "<h2>Otsikko</h2>\n",
		strings.Repeat("> ", MaxNesting) + "syvä":         strings.Repeat("<blockquote>\n", MaxNesting) + "<p>syvä</p>\n" + strings.Repeat("</blockquote>\n", MaxNesting),
		strings.Repeat(">", MaxNesting+1) + " liian syvä": strings.Repeat("<blockquote>\n", MaxNesting) + "<p>&gt; liian syvä</p>\n" + strings.Repeat("</blockquote>\n", MaxNesting),
	} {
		if got := string(render(md)); got != want {
			t.Errorf("render(%q) =\n%q\nwant\n%q", md, got, want)
		}
	}
}

func TestDepthAndTableCells(t *testing.T) {
	for md, want := range map[string]int{
		"teksti":                               0,
		"> lainaus":                            1,
		"- a\n  - b\n    - c":                  3,
		strings.Repeat(">", 100000):            MaxNesting + 1,
		strings.Repeat("1. ", 20) + "x":        MaxNesting + 1,
		pathological()["list-ladder"][:5000]:   MaxNesting + 1,
		"- - - -":                              0,
		strings.Repeat("> ", MaxNesting) + "x": MaxNesting,
	} {
		if got := Depth(md); got != want {
			t.Errorf("Depth(%.30q…) = %d, want %d", md, got, want)
		}
	}
	if got := TableCells("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\nteksti"); got != 6 {
		t.Errorf("TableCells = %d, want 6", got)
	}
	if got := TableCells(pathological()["table-bomb"]); got <= MaxTableCells {
		t.Errorf("table bomb counts %d cells", got)
	}
}

func TestRenderCache(t *testing.T) {
	md := fmt.Sprintf("# Välimuisti %p", t)
	h := Render(md)
	if got, ok := cache.get(sha256Of(md)); !ok || got != h {
		t.Fatalf("rendered text not cached")
	}
	if Render(md) != h {
		t.Errorf("cached render differs")
	}
	// The cache stays within its bytes, dropping the least recently used.
	c := newRenderCache(10000)
	for i := 0; i < 1000; i++ {
		c.put(sha256Of(fmt.Sprint(i)), template.HTML(strings.Repeat("x", 500)))
	}
	if c.size > c.max || c.ll.Len() != len(c.m) || len(c.m) > 10000/600 {
		t.Errorf("cache holds %d bytes in %d entries", c.size, len(c.m))
	}
	if _, ok := c.get(sha256Of("999")); !ok {
		t.Errorf("the newest entry was dropped")
	}
	c.put(sha256Of("huge"), template.HTML(strings.Repeat("x", 5000)))
	if _, ok := c.get(sha256Of("huge")); ok {
		t.Errorf("an entry over an eighth of the cache was kept")
	}
}

// BenchmarkRenderWorstCase renders each pathological text without the
// cache (go test -run '^$' -bench RenderWorstCase ./internal/markdown).
func BenchmarkRenderWorstCase(b *testing.B) {
	for name, md := range pathological() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(md)))
			for b.Loop() {
				_ = render(md)
			}
		})
	}
}

// TestRenderSanitises: raw HTML, script links and event handlers never
// survive; Markdown is rendered. (Moved from internal/minutes.)
func TestRenderSanitises(t *testing.T) {
	out := string(Render("# Otsikko\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) **lihava** <img src=x onerror=alert(3)>"))
	for _, bad := range []string{"<script", "javascript:", "onerror", "alert(1)"} {
		if strings.Contains(out, bad) {
			t.Errorf("rendered HTML contains %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "<h1") || !strings.Contains(out, "<strong>lihava</strong>") {
		t.Errorf("Markdown not rendered:\n%s", out)
	}
}
