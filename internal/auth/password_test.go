package auth

import (
	"fmt"
	"strings"
	"testing"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	h, err := HashPassword("pitkä salasana ÄÖ")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "pitkä salasana ÄÖ") || CheckPassword(h, "pitkä salasana äö") || CheckPassword("not a hash", "x") {
		t.Error("CheckPassword gives wrong answers")
	}
}

// TestDummyHash: the constant used for unknown accounts is a well-formed
// hash with today's parameters, so checking it takes as long as a real one.
func TestDummyHash(t *testing.T) {
	want := fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$", argonMemory, argonTime, argonThreads)
	if !strings.HasPrefix(dummyHash, want) {
		t.Errorf("dummyHash %q does not start with %q", dummyHash, want)
	}
	if !CheckPassword(dummyHash, "kohtaamo-timing-equaliser") {
		t.Error("dummyHash is not a valid hash")
	}
}

// TestCheckPasswordRefusesOddKeys: a stored hash whose key is empty (on
// which argon2 panics) or implausibly long is refused.
func TestCheckPasswordRefusesOddKeys(t *testing.T) {
	h, err := HashPassword("salasana")
	if err != nil {
		t.Fatal(err)
	}
	head := h[:strings.LastIndex(h, "$")+1]
	for name, key := range map[string]string{
		"Empty":   "",
		"TooLong": strings.Repeat("A", 88), // 66 bytes
	} {
		t.Run(name, func(t *testing.T) {
			if CheckPassword(head+key, "salasana") || CheckPassword(head+key, "jotain muuta") {
				t.Errorf("accepted a hash with a %d-character key", len(key))
			}
		})
	}
}
