package admin

import "testing"

func TestMaskSecrets(t *testing.T) {
	const secret = "Zx9_abcdefghijklmnopqrstuvwxyz0123456789-AB"
	for in, want := range map[string]string{
		"https://k.example/password/reset/" + secret:                "https://k.example/password/reset/…9-AB",
		"https://k.example/invitations/" + secret:                   "https://k.example/invitations/…9-AB",
		"https://k.example/account/email/" + secret:                 "https://k.example/account/email/…9-AB",
		"webcal://k.example/calendar/" + secret + ".ics":            "webcal://k.example/calendar/…9-AB.ics",
		"Avaa: https://k.example/invitations/" + secret + " tänään": "Avaa: https://k.example/invitations/…9-AB tänään",
		// Ordinary links stay.
		"https://k.example/meetings/12":                    "https://k.example/meetings/12",
		"https://k.example/calendar":                       "https://k.example/calendar",
		"https://k.example/networks/3/calendar.ics":        "https://k.example/networks/3/calendar.ics",
		"https://teams.example/l/meetup-join/19%3ameeting": "https://teams.example/l/meetup-join/19%3ameeting",
	} {
		if got := maskSecrets(in); got != want {
			t.Errorf("maskSecrets(%q) = %q, want %q", in, got, want)
		}
	}
}
