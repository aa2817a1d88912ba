package network_test

import (
	"slices"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/i18n"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/server"
)

// TestOneSectorVocabulary: the coverage panel checks the organisation
// directory's sectors, in its order, and every sector has one name in each
// language, the same wherever it is shown (the meeting page's
// network.sector_<code> repeats it word for word).
func TestOneSectorVocabulary(t *testing.T) {
	if !slices.Equal(network.Sectors, org.Sectors) {
		t.Fatalf("network sectors %v, org sectors %v", network.Sectors, org.Sectors)
	}
	b, err := server.Messages()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Langs {
		l := b.Localizer(lang)
		seen := map[string]string{}
		for _, s := range org.Sectors {
			name := l.T(org.SectorKey(s))
			if name == org.SectorKey(s) || name == "" {
				t.Errorf("%s: no name for %s", lang, s)
			}
			if network.SectorKey(s) != org.SectorKey(s) {
				t.Errorf("%s: network and org keys differ", s)
			}
			if prev, dup := seen[name]; dup {
				t.Errorf("%s: %s and %s are both %q", lang, prev, s, name)
			}
			seen[name] = s
		}
	}
}
