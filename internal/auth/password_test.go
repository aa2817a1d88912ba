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
