// Package markdown renders the Markdown that members write (minutes today;
// news, practices, the handbook and the forum next) into HTML that is safe
// to put on a page or in a mail: goldmark with the GFM extensions (raw
// HTML omitted) sanitised by bluemonday's UGC policy, so no script reaches
// a reader.
//
// goldmark has no bound on how long a hostile text takes or how much it
// renders to, so this package adds them: nesting, tables and output are
// limited (MaxNesting, MaxTableCells, MaxHTML), Depth and TableCells let a
// domain refuse such text when it is saved, and Render guards again, as
// stored text may predate the checks. Rendered HTML is cached in this
// process by the text's SHA-256.
package markdown

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"errors"
	"html/template"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown limits. goldmark takes time quadratic in the nesting depth
// (100,000 ">" took seconds and made a 3 MB page) and builds every cell of
// a GFM table, filling short rows up to the header's width (a 24 kB table
// became 160 MB of HTML), and has no option to bound either; so the text
// is checked before it is saved and guarded again before it is rendered,
// as stored text may predate the checks.
const (
	// MaxNesting is how deep block quotes and lists may nest. A line that
	// opens more has the excess markers escaped before rendering (they show
	// as text), and deeper nesting built over several lines is flattened
	// into the deepest allowed level.
	MaxNesting = 10
	// MaxTableCells is how many cells all tables of a text may have (rows
	// counted to the next blank line, times the header's columns). A table
	// beyond it is rendered as plain text.
	MaxTableCells = 10000
	// MaxHTML is the most HTML one text renders to; a text that would
	// render to more (a link reference used thousands of times) is shown
	// as escaped plain text instead.
	MaxHTML = 1 << 20
)

var (
	engine = goldmark.New(goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(flattener{}, 1000))))
	sanitizer = bluemonday.UGCPolicy()
	cache     = newRenderCache(8 << 20)
)

// Render turns Markdown into sanitised HTML. Raw HTML in the source is
// dropped by goldmark and anything unsafe left by bluemonday. Nesting and
// tables are bounded (MaxNesting, MaxTableCells) and so is the output
// (MaxHTML). Results are cached in this process by the SHA-256 of the
// text, so a page viewed again does not render again; the key is the text
// itself, so the cache cannot go stale and needs nothing from the other
// instances.
func Render(md string) template.HTML {
	key := sha256Of(md)
	if h, ok := cache.get(key); ok {
		return h
	}
	h := render(md)
	cache.put(key, h)
	return h
}

// errTooLarge stops a render past MaxHTML.
var errTooLarge = errors.New("rendered markdown too large")

// capped is a writer that refuses to grow past max bytes.
type capped struct {
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if c.buf.Len()+len(p) > c.max {
		return 0, errTooLarge
	}
	return c.buf.Write(p)
}

// render renders without the cache.
func render(md string) template.HTML {
	src, _ := guard(md)
	doc := engine.Parser().Parse(text.NewReader([]byte(src)))
	// The flattener estimated what links and images will write (a
	// reference may be used thousands of times): stop before rendering
	// what cannot fit. The capped writer catches the rest.
	if n, _ := doc.OwnerDocument().Meta()["links"].(int); n > MaxHTML {
		return plain(md)
	}
	out := &capped{max: MaxHTML}
	if err := engine.Renderer().Render(out, []byte(src), doc); err != nil {
		return plain(md)
	}
	return template.HTML(sanitizer.SanitizeBytes(out.buf.Bytes())) // #nosec G203 -- sanitised by bluemonday
}

// plain shows a text as escaped paragraphs with line breaks, for a text
// that cannot be rendered within the limits.
func plain(md string) template.HTML {
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n\n") {
		if para = strings.Trim(para, "\n"); para == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>\n")
			}
			b.WriteString(template.HTMLEscapeString(line))
		}
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String()) // #nosec G203 -- every piece is escaped
}

// Depth returns how deep block quotes and lists nest in md (the most
// markers one line opens, or the depth the parsed text reaches), for the
// check on save; past MaxNesting it counts no further than MaxNesting+1.
func Depth(md string) int {
	src, st := guard(md)
	depth := st.markers
	doc := engine.Parser().Parse(text.NewReader([]byte(src)))
	// The flattener has run: measure what the lines built before it.
	d, _ := doc.OwnerDocument().Meta()["nesting"].(int)
	depth = max(depth, d)
	return depth
}

// TableCells returns how many table cells md would render to (as the
// guard counts them), for the check on save.
func TableCells(md string) int {
	_, st := guard(md)
	return st.cells
}

type guardStats struct {
	markers int // the most container markers one line opens
	cells   int // table cells, as counted by the guard
}

// guard rewrites md so that goldmark's slow cases cannot happen: on a line
// that opens more than MaxNesting block quotes or list items, the marker
// after the limit is escaped (it and the rest of the line become text); a
// table delimiter row that would take the tables past MaxTableCells has
// its first hyphen escaped, so the table stays a paragraph. Everything
// else is left as it is.
func guard(md string) (string, guardStats) {
	var st guardStats
	lines := strings.Split(md, "\n")
	// run[i] is how many lines from i on are not blank: the rows a table
	// from line i would take (counted once, not per delimiter row).
	run := make([]int, len(lines)+1)
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Trim(lines[i], " \t>\r") != "" {
			run[i] = run[i+1] + 1
		}
	}
	changed := false
	for i, line := range lines {
		n, cut := countMarkers(line)
		st.markers = max(st.markers, n)
		if cut >= 0 {
			lines[i] = line[:cut] + `\` + line[cut:]
			changed = true
			continue
		}
		if cols := delimiterCells(line); cols > 0 && i > 0 {
			cells := cols * (1 + run[i+1]) // the header and the rows to the next blank line
			st.cells += cells
			if st.cells > MaxTableCells {
				lines[i] = strings.Replace(line, "-", `\-`, 1)
				changed = true
			}
		}
	}
	if !changed {
		return md, st
	}
	return strings.Join(lines, "\n"), st
}

// countMarkers counts the block quote (">") and list ("-", "+", "*", "1."
// or "1)" followed by white space or the end) markers at the start of a
// line, stopping at anything else or at a thematic break ("- - -"). cut is
// where a backslash makes the first marker past MaxNesting text (before
// ">", "-", "+", "*", or the "." or ")" of "1."), or -1.
func countMarkers(line string) (n, cut int) {
	i := 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) || thematicBreak(line[i:]) {
			return n, -1
		}
		end := markerEnd(line, i)
		if end < 0 {
			return n, -1
		}
		if n == MaxNesting {
			return n + 1, end - 1
		}
		n++
		i = end
	}
}

// markerEnd returns the offset after a container marker at line[i:], or
// -1 when there is none.
func markerEnd(line string, i int) int {
	spaceOrEnd := func(j int) bool { return j >= len(line) || line[j] == ' ' || line[j] == '\t' || line[j] == '\r' }
	switch c := line[i]; {
	case c == '>':
		return i + 1
	case c == '-' || c == '+' || c == '*':
		if spaceOrEnd(i + 1) {
			return i + 1
		}
	case c >= '0' && c <= '9':
		j := i
		for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		if j < len(line) && (line[j] == '.' || line[j] == ')') && spaceOrEnd(j+1) {
			return j + 1
		}
	}
	return -1
}

// thematicBreak reports whether s is a thematic break: three or more of
// one of "-", "*", "_" and nothing else but white space.
func thematicBreak(s string) bool {
	s = strings.TrimRight(s, " \t\r")
	if s == "" {
		return false
	}
	c := s[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	k := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			k++
		case ' ', '\t':
		default:
			return false
		}
	}
	return k >= 3
}

// delimiterCells returns the number of cells of a GFM table delimiter row
// ("| --- | :-: |"), after any block quote markers and indentation, or 0
// when line is not one.
func delimiterCells(line string) int {
	s := strings.TrimRight(strings.TrimLeft(line, " \t>"), " \t\r")
	if !strings.Contains(s, "|") || !strings.Contains(s, "-") {
		return 0
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "|"), "|")
	cells := strings.Split(s, "|")
	for _, c := range cells {
		c = strings.TrimSpace(c)
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return 0
		}
	}
	return len(cells)
}

// flattener is a goldmark AST transformer that unwraps block quotes and
// lists nested deeper than MaxNesting (their content moves up into the
// deepest allowed container), so the HTML never nests deeper whatever the
// lines built. It records in the document's meta data the depth it found
// ("nesting", for Depth) and the bytes that link and image addresses and
// titles will take in the HTML ("links", for render).
type flattener struct{}

func (flattener) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	deepest, links := 0, 0
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			switch x := c.(type) {
			case *ast.Link:
				links += 3*len(x.Destination) + 6*len(x.Title)
			case *ast.Image:
				links += 3*len(x.Destination) + 6*len(x.Title)
			case *ast.AutoLink:
				links += 2 * len(x.URL(source))
			}
			if nested(c) {
				deepest = max(deepest, depth+1)
				if depth >= MaxNesting {
					first := unwrap(n, c)
					// Walk what moved up at this depth.
					if first != nil {
						next = first
					}
					c = next
					continue
				}
				walk(c, depth+1)
			} else {
				walk(c, depth)
			}
			c = next
		}
	}
	walk(doc, 0)
	doc.AddMeta("nesting", deepest)
	doc.AddMeta("links", links)
}

func nested(n ast.Node) bool {
	return n.Kind() == ast.KindBlockquote || n.Kind() == ast.KindList
}

// unwrap replaces c, a child of parent, by its content (a list by its
// items' content) and returns the first node moved, or nil.
func unwrap(parent, c ast.Node) ast.Node {
	var moved []ast.Node
	if c.Kind() == ast.KindList {
		for item := c.FirstChild(); item != nil; item = item.NextSibling() {
			for x := item.FirstChild(); x != nil; x = x.NextSibling() {
				moved = append(moved, x)
			}
		}
	} else {
		for x := c.FirstChild(); x != nil; x = x.NextSibling() {
			moved = append(moved, x)
		}
	}
	for _, x := range moved {
		x.Parent().RemoveChild(x.Parent(), x)
		parent.InsertBefore(parent, c, x)
	}
	parent.RemoveChild(parent, c)
	if len(moved) == 0 {
		return nil
	}
	return moved[0]
}

// renderCache keeps rendered HTML by the SHA-256 of its source, least
// recently used out first, within max bytes.
type renderCache struct {
	mu   sync.Mutex
	max  int
	size int
	ll   *list.List // of *cacheEntry, most recent first
	m    map[[32]byte]*list.Element
}

type cacheEntry struct {
	key  [32]byte
	html template.HTML
}

func newRenderCache(maxBytes int) *renderCache {
	return &renderCache{max: maxBytes, ll: list.New(), m: map[[32]byte]*list.Element{}}
}

func (c *renderCache) get(key [32]byte) (template.HTML, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*cacheEntry).html, true
	}
	return "", false
}

func (c *renderCache) put(key [32]byte, h template.HTML) {
	n := len(h) + 100
	if n > c.max/8 {
		return // a huge page would push out everything else
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; ok {
		return
	}
	c.m[key] = c.ll.PushFront(&cacheEntry{key: key, html: h})
	c.size += n
	for c.size > c.max {
		e := c.ll.Back()
		ent := e.Value.(*cacheEntry)
		c.ll.Remove(e)
		delete(c.m, ent.key)
		c.size -= len(ent.html) + 100
	}
}

func sha256Of(s string) [32]byte { return sha256.Sum256([]byte(s)) }
