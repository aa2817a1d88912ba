package i18n

import "testing"

func TestPick(t *testing.T) {
	x := Text{Fi: "Verkosto", Sv: "Nätverk"}
	for lang, want := range map[string]string{"fi": "Verkosto", "sv": "Nätverk", "en": "Verkosto", "de": "Verkosto", "": "Verkosto"} {
		if got := x.In(lang); got != want {
			t.Errorf("In(%q) = %q, want %q", lang, got, want)
		}
	}
	if got := Pick("en", "a", "b", "c"); got != "c" {
		t.Errorf("Pick en = %q", got)
	}
}
