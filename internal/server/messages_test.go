package server_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/server"
)

// TestCataloguesComplete fails when a key of the kernel or any domain
// exists in one language but not in another.
func TestCataloguesComplete(t *testing.T) {
	b, err := server.Messages()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]bool{}
	for _, lang := range i18n.Langs {
		for _, k := range b.Keys(lang) {
			all[k] = true
		}
	}
	for _, lang := range i18n.Langs {
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

var (
	// tCall is a translation call with a literal key: T("key"),
	// T(r, "key"), .T "key" (html/template), TData("key".
	tCall = regexp.MustCompile(`\bT(?:Data)?(?:\(\s*(?:[a-z]+,\s*)?|\s+)"([^"\s]+)"`)
	// dotted is a string literal that looks like a message key.
	dotted = regexp.MustCompile(`"([a-z][a-z0-9_]*\.[a-z0-9_.]*)"`)
)

// TestEveryUsedKeyExists fails when the code or a template uses a message
// key that the catalogues lack (the page would quietly show the key). A
// literal ending in "_" or "." is the fixed part of a key built at run
// time: some key must start with it.
func TestEveryUsedKeyExists(t *testing.T) {
	b, err := server.Messages()
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	spaces := map[string]bool{}
	for _, k := range b.Keys(i18n.Default) {
		keys[k] = true
		if i := strings.IndexByte(k, '.'); i > 0 {
			spaces[k[:i]] = true
		}
	}
	hasPrefix := func(p string) bool {
		for k := range keys {
			if strings.HasPrefix(k, p) {
				return true
			}
		}
		return false
	}
	missing := map[string][]string{}
	checked := 0
	root := filepath.Join("..", "..")
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", ".git", "testdata", "static":
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		code := strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") && !strings.HasSuffix(name, "_templ.go")
		tmpl := strings.HasSuffix(name, ".templ") || strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".txt")
		if !code && !tmpl {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var used []string
		for _, m := range tCall.FindAllStringSubmatch(string(src), -1) {
			used = append(used, m[1])
		}
		for _, m := range dotted.FindAllStringSubmatch(string(src), -1) {
			if i := strings.IndexByte(m[1], '.'); i > 0 && spaces[m[1][:i]] {
				used = append(used, m[1])
			}
		}
		for _, k := range used {
			checked++
			switch {
			case keys[k]:
			case strings.HasSuffix(k, "_") || strings.HasSuffix(k, "."):
				if !hasPrefix(k) {
					missing[k] = append(missing[k], path)
				}
			default:
				missing[k] = append(missing[k], path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 500 {
		t.Fatalf("only %d key uses found: is the scan looking in the right place?", checked)
	}
	var list []string
	for k, files := range missing {
		sort.Strings(files)
		list = append(list, k+" (in "+strings.Join(files, ", ")+")")
	}
	sort.Strings(list)
	for _, m := range list {
		t.Errorf("message key used but not in the catalogues: %s", m)
	}
}
