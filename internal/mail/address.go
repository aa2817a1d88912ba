package mail

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxDisplayName caps a recipient's display name in the To header (runes);
// people's names are at most 200 characters, so only a name stored some
// other way is ever cut.
const MaxDisplayName = 200

// ParseSender parses the sender address (KOHTAAMO_MAIL_FROM): an address
// with an optional display name, "Kohtaamo <noreply@example.fi>" or
// "noreply@example.fi", in RFC 5322 syntax (a name with a comma or other
// specials must be quoted: "\"Kohtaamo, Oulu\" <noreply@example.fi>").
// The configuration checks it at start-up, so a bad sender stops the
// server instead of failing every mail for good.
func ParseSender(s string) (*mail.Address, error) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("mail sender %q: want an address such as \"Kohtaamo <noreply@example.fi>\" (quote a name with commas): %w", s, err)
	}
	if at := strings.LastIndexByte(a.Address, '@'); at <= 0 || at == len(a.Address)-1 {
		return nil, fmt.Errorf("mail sender %q: the address needs a domain", s)
	}
	return a, nil
}

// Recipient returns the To address of a delivery. The display name is the
// person's name as typed, which may hold anything a form accepts (quotes,
// backslashes, commas, "<>", "@", line breaks, any script): it is never
// pasted into header syntax but kept as a mail.Address, which net/mail
// writes as an RFC 5322 quoted string or, for non-ASCII, RFC 2047
// encoded-words. Line breaks and other control characters become spaces,
// runs of white space one space (header folding would not keep them), and
// the name is cut at MaxDisplayName runes. The error names neither the
// address nor the name, as it is logged.
func Recipient(name, addr string) (*mail.Address, error) {
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Name != "" || a.Address != addr {
		return nil, errors.New("invalid recipient address")
	}
	a.Name = DisplayName(name)
	return a, nil
}

// DisplayName cleans a display name for a mail header: valid UTF-8, no
// control characters, single spaces, at most MaxDisplayName runes.
func DisplayName(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	if utf8.RuneCountInString(name) > MaxDisplayName {
		name = strings.TrimSpace(string([]rune(name)[:MaxDisplayName]))
	}
	return name
}
