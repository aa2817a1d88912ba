package i18n

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCataloguesComplete fails when a key exists in one language but not in
// another, or a message is empty.
func TestCataloguesComplete(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]bool{}
	for _, lang := range Langs {
		for _, k := range b.Keys(lang) {
			all[k] = true
		}
	}
	if len(all) < 50 {
		t.Fatalf("only %d keys: catalogues not loaded?", len(all))
	}
	for _, lang := range Langs {
		have := map[string]bool{}
		for _, k := range b.Keys(lang) {
			have[k] = true
		}
		for k := range all {
			if !have[k] {
				t.Errorf("%s: missing key %q", lang, k)
			}
		}
	}
}

func TestLoadReportsMissingAsID(t *testing.T) {
	fsys := fstest.MapFS{
		"locales/fi/a.toml": {Data: []byte("hello = \"Hei {{.Name}}\"\nplain = \"Moi\"\n[items]\none = \"{{.Count}} kohde\"\nother = \"{{.Count}} kohdetta\"\n")},
		"locales/sv/a.toml": {Data: []byte("hello = \"Hej {{.Name}}\"\nplain = \"Tja\"\n")},
		"locales/en/a.toml": {Data: []byte("hello = \"Hi {{.Name}}\"\nplain = \"Hi\"\n")},
	}
	b, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	fi := b.Localizer("fi")
	if got := fi.T("hello", "Name", "Aino"); got != "Hei Aino" {
		t.Errorf("hello = %q", got)
	}
	if got := fi.T("plain"); got != "Moi" {
		t.Errorf("plain = %q", got)
	}
	if got := fi.T("items", "Count", 3); got != "3 kohdetta" {
		t.Errorf("plural = %q", got)
	}
	if got := fi.T("items", "Count", 1); got != "1 kohde" {
		t.Errorf("plural one = %q", got)
	}
	if got := b.Localizer("de").T("plain"); got != "Moi" {
		t.Errorf("fallback = %q", got)
	}
	if got := fi.T("nope"); got != "nope" {
		t.Errorf("missing = %q", got)
	}
}

func TestMatch(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "fi",
		"sv-FI,sv;q=0.9,en;q=0.5": "sv",
		"en-US,en;q=0.9":          "en",
		"de-DE":                   "fi",
		"fi-FI,fi;q=0.9":          "fi",
		"garbage;;;q=x":           "fi",
		"de, en;q=0.5":            "en",
	} {
		if got := Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
	if !strings.Contains(strings.Join(Langs, ","), "sv") {
		t.Fatal("sv not supported")
	}
}

// TestSimpleFastPathMatchesGoI18n checks the substitution fast path gives
// the same text as go-i18n's template execution for every simple message.
func TestSimpleFastPathMatchesGoI18n(t *testing.T) {
	b, err := New()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, lang := range Langs {
		l := b.Localizer(lang)
		for id, parts := range b.simple[lang] {
			data := map[string]any{}
			args := []any{}
			for i, p := range parts {
				if p.field != "" {
					data[p.field] = fmt.Sprintf("v%d<&>", i)
					args = append(args, p.field, data[p.field])
				}
			}
			if len(args) == 0 {
				continue
			}
			if got, want := l.T(id, args...), l.TData(id, data); got != want {
				t.Errorf("%s %s: fast %q, go-i18n %q", lang, id, got, want)
			}
			checked++
		}
	}
	if checked < 10 {
		t.Fatalf("only %d messages checked", checked)
	}
	if _, ok := splitSimple("{{if .X}}a{{end}}"); ok {
		t.Error("conditional accepted as simple")
	}
}
