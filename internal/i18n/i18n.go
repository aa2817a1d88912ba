// Package i18n holds Kohtaamo's message catalogues (Finnish first, Swedish
// and English complete) and picks a language for a request. The kernel's
// own messages (common words, errors, mail chrome) are TOML files under
// this package's locales/<lang>/*.toml; every domain carries its own in
// internal/<domain>/locales/<lang>.toml, and the server passes them to New.
// A test fails when any key is missing in any language or any key used in
// the code is missing.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales
var locales embed.FS

// Langs are the supported languages, default first.
var Langs = []string{"fi", "sv", "en"}

// Default is the language used when nothing else decides.
const Default = "fi"

var matcher = language.NewMatcher([]language.Tag{language.Finnish, language.Swedish, language.English})

// Bundle is the loaded catalogues.
type Bundle struct {
	b *goi18n.Bundle
	// plain holds every message rendered once without data, for the fast
	// path of T without arguments.
	plain map[string]map[string]string
	// simple holds messages whose only template actions are {{.Field}}
	// substitutions, split into literal and field parts, so T with
	// arguments needs no template execution.
	simple map[string]map[string][]part
	keys   map[string][]string
	locs   map[string]*Localizer
}

// New loads the kernel's catalogues and the domains' (each a file system
// holding locales/<lang>.toml).
func New(domains ...fs.FS) (*Bundle, error) {
	return Load(append([]fs.FS{locales}, domains...)...)
}

// Load loads the catalogues of every file system in fsyss, each laid out
// as locales/<lang>/*.toml or locales/<lang>.toml. A key defined twice is
// an error, so two domains cannot quietly overwrite each other's words.
func Load(fsyss ...fs.FS) (*Bundle, error) {
	b := goi18n.NewBundle(language.Finnish)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	bundle := &Bundle{b: b, plain: map[string]map[string]string{}, simple: map[string]map[string][]part{}, keys: map[string][]string{}, locs: map[string]*Localizer{}}
	for _, lang := range Langs {
		type file struct {
			fsys fs.FS
			name string
		}
		var files []file
		for _, fsys := range fsyss {
			names, err := fs.Glob(fsys, "locales/"+lang+"/*.toml")
			if err != nil {
				return nil, fmt.Errorf("list %s catalogues: %w", lang, err)
			}
			if _, err := fs.Stat(fsys, "locales/"+lang+".toml"); err == nil {
				names = append(names, "locales/"+lang+".toml")
			}
			for _, n := range names {
				files = append(files, file{fsys, n})
			}
		}
		seen := map[string]string{}
		for i, ff := range files {
			fsys, f := ff.fsys, ff.name
			buf, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", f, err)
			}
			// go-i18n reads the language from the file name: a unique
			// name per file, ending in .<lang>.toml.
			name := fmt.Sprintf("%d-%s.%s.toml", i, strings.TrimSuffix(path.Base(f), ".toml"), lang)
			mf, err := b.ParseMessageFileBytes(buf, name)
			if err != nil {
				return nil, fmt.Errorf("parse %s: %w", f, err)
			}
			if bundle.simple[lang] == nil {
				bundle.simple[lang] = map[string][]part{}
			}
			for _, m := range mf.Messages {
				if prev, dup := seen[m.ID]; dup {
					return nil, fmt.Errorf("%s: key %q is defined in %s too", f, m.ID, prev)
				}
				seen[m.ID] = f
				bundle.keys[lang] = append(bundle.keys[lang], m.ID)
				if m.One == "" && m.Few == "" && m.Many == "" && m.Two == "" && m.Zero == "" {
					if parts, ok := splitSimple(m.Other); ok {
						bundle.simple[lang][m.ID] = parts
					}
				}
			}
		}
		sort.Strings(bundle.keys[lang])
	}
	for _, lang := range Langs {
		loc := goi18n.NewLocalizer(b, lang)
		plain := map[string]string{}
		for _, id := range bundle.keys[lang] {
			s, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: id})
			if err == nil && !strings.Contains(s, "<no value>") {
				plain[id] = s
			}
		}
		bundle.plain[lang] = plain
		bundle.locs[lang] = &Localizer{lang: lang, loc: loc, plain: plain, simple: bundle.simple[lang]}
	}
	return bundle, nil
}

// Keys returns the sorted message ids defined for lang.
func (b *Bundle) Keys(lang string) []string { return b.keys[lang] }

// Localizer returns the localizer for lang (Default when unsupported).
func (b *Bundle) Localizer(lang string) *Localizer {
	if l, ok := b.locs[lang]; ok {
		return l
	}
	return b.locs[Default]
}

// Localizer translates message ids into one language.
type Localizer struct {
	lang   string
	loc    *goi18n.Localizer
	plain  map[string]string
	simple map[string][]part
}

// Lang returns the language code.
func (l *Localizer) Lang() string { return l.lang }

// T translates id. args are key/value pairs for the message template; a key
// "Count" selects the plural form. A missing id is returned as is (the
// catalogue test catches it before it ships).
func (l *Localizer) T(id string, args ...any) string {
	if len(args) == 0 {
		if s, ok := l.plain[id]; ok {
			return s
		}
		return id
	}
	if parts, ok := l.simple[id]; ok {
		return substitute(parts, args)
	}
	data := make(map[string]any, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		k, _ := args[i].(string)
		data[k] = args[i+1]
	}
	return l.TData(id, data)
}

// TData translates id with a data map.
func (l *Localizer) TData(id string, data map[string]any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if c, ok := data["Count"]; ok {
		cfg.PluralCount = c
	}
	s, err := l.loc.Localize(cfg)
	if err != nil {
		return id
	}
	return s
}

// Supported reports whether lang is one of Langs.
func Supported(lang string) bool {
	for _, l := range Langs {
		if l == lang {
			return true
		}
	}
	return false
}

// Match picks a supported language from an Accept-Language header.
func Match(acceptLanguage string) string {
	if acceptLanguage == "" {
		return Default
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return Langs[idx]
}

// part is a literal (field == "") or a {{.Field}} substitution.
type part struct {
	text, field string
}

var fieldAction = regexp.MustCompile(`\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// splitSimple splits a message whose only template actions are {{.Field}};
// ok is false for anything else (plurals, conditions, pipelines).
func splitSimple(msg string) ([]part, bool) {
	var parts []part
	rest := msg
	for {
		loc := fieldAction.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		if loc[0] > 0 {
			parts = append(parts, part{text: rest[:loc[0]]})
		}
		parts = append(parts, part{field: rest[loc[2]:loc[3]]})
		rest = rest[loc[1]:]
	}
	if strings.Contains(rest, "{{") {
		return nil, false
	}
	for _, p := range parts {
		if p.field == "" && strings.Contains(p.text, "{{") {
			return nil, false
		}
	}
	if rest != "" {
		parts = append(parts, part{text: rest})
	}
	return parts, true
}

// substitute fills parts from key/value args; a missing field renders as
// go-i18n would ("<no value>").
func substitute(parts []part, args []any) string {
	var b strings.Builder
	for _, p := range parts {
		if p.field == "" {
			b.WriteString(p.text)
			continue
		}
		found := false
		for i := 0; i+1 < len(args); i += 2 {
			if k, _ := args[i].(string); k == p.field {
				b.WriteString(fmt.Sprint(args[i+1]))
				found = true
				break
			}
		}
		if !found {
			b.WriteString("<no value>")
		}
	}
	return b.String()
}
