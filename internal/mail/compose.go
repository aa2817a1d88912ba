package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"strings"
	texttemplate "text/template"

	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

//go:embed templates
var templateFS embed.FS

// Address is a recipient.
type Address struct {
	Name  string
	Email string
}

// Message is a mail to compose: the template (Kind) with its data, in the
// recipient's language.
type Message struct {
	Kind string // template name: "reset", "invite"
	Lang string // fi, sv or en; unsupported falls back to Finnish
	To   Address
	Data map[string]any
	// Attachments are sent with the message as they are (not rendered).
	Attachments []Attachment
}

// Attachment is a file sent with a message, such as a calendar invitation
// (ContentType "text/calendar; charset=utf-8; method=REQUEST").
type Attachment struct {
	Filename    string
	ContentType string
	Content     string
}

// Composed is a rendered message.
type Composed struct {
	Kind    string
	Lang    string
	Subject string
	Text    string
	HTML    string
	// Attachments are the message's files, stored with it.
	Attachments []Attachment
}

// Composer renders messages from templates: each domain carries its
// mails as mail/<kind>.txt and mail/<kind>.html (which defines "body"
// inside the kernel's templates/layout.html), with the subject from the
// catalogue key mail.<kind>.subject.
type Composer struct {
	bundle *i18n.Bundle
	text   map[string]*texttemplate.Template
	html   map[string]*htmltemplate.Template
}

// NewComposer parses every domain's mail templates (each file system
// holding mail/<kind>.txt and mail/<kind>.html); a broken one, a text
// without its HTML or a kind defined twice fails here, at start-up.
func NewComposer(bundle *i18n.Bundle, domains ...fs.FS) (*Composer, error) {
	c := &Composer{bundle: bundle, text: map[string]*texttemplate.Template{}, html: map[string]*htmltemplate.Template{}}
	layout, err := fs.ReadFile(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("read mail layout: %w", err)
	}
	for _, fsys := range domains {
		if err := c.parse(fsys, string(layout)); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *Composer) parse(fsys fs.FS, layout string) error {
	files, _ := fs.Glob(fsys, "mail/*.txt")
	for _, f := range files {
		kind := strings.TrimSuffix(path.Base(f), ".txt")
		if _, dup := c.text[kind]; dup {
			return fmt.Errorf("mail %s is defined twice", kind)
		}
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return fmt.Errorf("read %s: %w", f, err)
		}
		tt, err := texttemplate.New(kind).Option("missingkey=error").Parse(string(b))
		if err != nil {
			return fmt.Errorf("parse %s: %w", f, err)
		}
		hb, err := fs.ReadFile(fsys, "mail/"+kind+".html")
		if err != nil {
			return fmt.Errorf("mail %s has no HTML template: %w", kind, err)
		}
		ht, err := htmltemplate.New("layout").Option("missingkey=error").Parse(layout)
		if err == nil {
			_, err = ht.Parse(string(hb))
		}
		if err != nil {
			return fmt.Errorf("parse %s.html: %w", kind, err)
		}
		c.text[kind], c.html[kind] = tt, ht
	}
	return nil
}

// Kinds lists the templates.
func (c *Composer) Kinds() []string {
	out := make([]string, 0, len(c.text))
	for k := range c.text {
		out = append(out, k)
	}
	return out
}

// view is what a mail template receives.
type view struct {
	L       *i18n.Localizer
	Lang    string
	Subject string
	To      Address
	Data    map[string]any
}

// T translates id; args are key/value pairs.
func (v view) T(id string, args ...any) string { return v.L.T(id, args...) }

// Compose renders m.
func (c *Composer) Compose(m Message) (*Composed, error) {
	tt, ok := c.text[m.Kind]
	if !ok {
		return nil, fmt.Errorf("compose: unknown mail %q", m.Kind)
	}
	if !i18n.Supported(m.Lang) {
		m.Lang = i18n.Default
	}
	l := c.bundle.Localizer(m.Lang)
	v := view{L: l, Lang: m.Lang, To: m.To, Data: m.Data}
	if v.To.Name == "" {
		v.To.Name = m.To.Email
	}
	v.Subject = l.T("mail."+m.Kind+".subject", flatten(m.Data)...)
	var text, html bytes.Buffer
	if err := tt.Execute(&text, v); err != nil {
		return nil, fmt.Errorf("compose %s text: %w", m.Kind, err)
	}
	if err := c.html[m.Kind].ExecuteTemplate(&html, "layout", v); err != nil {
		return nil, fmt.Errorf("compose %s html: %w", m.Kind, err)
	}
	return &Composed{Kind: m.Kind, Lang: m.Lang, Subject: v.Subject, Text: text.String(), HTML: html.String(),
		Attachments: m.Attachments}, nil
}

// flatten turns a data map into key/value pairs for Localizer.T.
func flatten(m map[string]any) []any {
	out := make([]any, 0, 2*len(m))
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}
