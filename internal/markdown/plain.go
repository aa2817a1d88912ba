package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// PlainText renders Markdown as readable plain text, for the text part of
// a mail: headings are lines of their text, list items start with "- "
// (or their number), emphasis and code markers are dropped, links read
// "text (url)", block quotes keep "> ", tables become lines of cells
// separated by " | ", and blocks are separated by a blank line. Raw HTML
// is left out, as on a page. It walks goldmark's syntax tree (with the
// same guards as Render), so it reads the text as Render does; the result
// is cut at MaxHTML bytes.
func PlainText(md string) string {
	src, _ := guard(md)
	source := []byte(src)
	doc := engine.Parser().Parse(text.NewReader(source))
	p := &plainWriter{source: source}
	p.blocks(doc, "")
	out := strings.TrimRight(p.b.String(), "\n ")
	if len(out) > MaxHTML {
		out = out[:MaxHTML]
	}
	return out
}

type plainWriter struct {
	source []byte
	b      strings.Builder
	tight  bool // the blocks of a tight list item: no blank line between them
}

// blocks writes n's block children, a blank line between them; prefix
// starts every line (the indentation of a list item, "> " in a quote).
func (p *plainWriter) blocks(n ast.Node, prefix string) {
	first := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindHTMLBlock {
			continue
		}
		if !first && !p.tight {
			p.b.WriteString(strings.TrimRight(prefix, " ") + "\n")
		}
		first = false
		p.block(c, prefix)
	}
}

// block writes one block, each of its lines started by prefix and ended
// by a newline.
func (p *plainWriter) block(n ast.Node, prefix string) {
	switch x := n.(type) {
	case *ast.List:
		p.list(x, prefix)
	case *ast.Blockquote:
		p.blocks(x, prefix+"> ")
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			p.line(prefix+"    ", strings.TrimRight(string(seg.Value(p.source)), "\r\n"))
		}
	case *ast.ThematicBreak:
		p.line(prefix, "----")
	case *east.Table:
		for row := x.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, strings.TrimSpace(p.inline(cell)))
			}
			p.line(prefix, strings.Join(cells, " | "))
		}
	default:
		// Headings, paragraphs and anything else with inline content.
		text := p.inline(n)
		if text == "" && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeBlock {
			p.blocks(n, prefix)
			return
		}
		for _, l := range strings.Split(text, "\n") {
			p.line(prefix, l)
		}
	}
}

// list writes a list's items: "- " or their numbers, their content
// indented under the marker.
func (p *plainWriter) list(l *ast.List, prefix string) {
	num := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if l.IsOrdered() {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		if !l.IsTight && item != l.FirstChild() {
			p.b.WriteString(strings.TrimRight(prefix, " ") + "\n")
		}
		// The first line takes the marker; the rest are indented under it.
		sub := plainWriter{source: p.source, tight: l.IsTight}
		sub.blocks(item, "")
		lines := strings.Split(strings.TrimRight(sub.b.String(), "\n"), "\n")
		indent := strings.Repeat(" ", len(marker))
		for i, line := range lines {
			if i == 0 {
				p.line(prefix, marker+line)
			} else if line == "" {
				p.line(prefix, "")
			} else {
				p.line(prefix, indent+line)
			}
		}
	}
}

// line writes one line with its prefix, without trailing white space.
func (p *plainWriter) line(prefix, s string) {
	p.b.WriteString(strings.TrimRight(prefix+s, " \t"))
	p.b.WriteByte('\n')
}

// inline returns the text of n's inline children.
func (p *plainWriter) inline(n ast.Node) string {
	var b strings.Builder
	p.inlines(&b, n)
	return b.String()
}

func (p *plainWriter) inlines(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch x := c.(type) {
		case *ast.Text:
			b.Write(unescape(x.Value(p.source)))
			switch {
			case x.HardLineBreak(), x.SoftLineBreak():
				b.WriteByte('\n')
			}
		case *ast.String:
			if x.IsCode() || x.IsRaw() {
				b.Write(x.Value)
			} else {
				b.Write(unescape(x.Value))
			}
		case *ast.CodeSpan:
			for t := x.FirstChild(); t != nil; t = t.NextSibling() {
				switch s := t.(type) {
				case *ast.Text:
					b.Write(s.Value(p.source))
				case *ast.String:
					b.Write(s.Value)
				}
			}
		case *ast.Link:
			label := p.inline(x)
			p.link(b, label, string(x.Destination))
		case *ast.Image:
			label := p.inline(x)
			p.link(b, label, string(x.Destination))
		case *ast.AutoLink:
			b.Write(x.URL(p.source))
		case *ast.RawHTML:
			// Left out, as on a page.
		case *east.TaskCheckBox:
			if x.IsChecked {
				b.WriteString("[x] ")
			} else {
				b.WriteString("[ ] ")
			}
		default:
			// Emphasis, strikethrough and the like: their text only.
			p.inlines(b, c)
		}
	}
}

// link writes a link as "text (url)", or the address alone when the text
// is the address or empty.
func (p *plainWriter) link(b *strings.Builder, label, dest string) {
	dest = string(unescape([]byte(dest)))
	switch {
	case dest == "":
		b.WriteString(label)
	case label == "" || label == dest:
		b.WriteString(dest)
	default:
		b.WriteString(label + " (" + dest + ")")
	}
}

// unescape resolves backslash escapes and character references, as the
// HTML renderer does.
func unescape(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}
