package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: OWASP's minimum recommendation (19 MiB, 2 passes).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns an argon2id hash in PHC string form.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argonKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches a hash made by HashPassword.
func CheckPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false
	}
	// HashPassword makes 32-byte keys; a key outside 16..64 bytes is not
	// one of ours, and an empty one makes argon2 panic.
	keyLen := len(want)
	if keyLen < 16 || keyLen > 64 {
		return false
	}
	got := argonKey([]byte(pw), salt, t, m, p, uint32(keyLen))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked when an account does not exist, so a sign-in takes
// as long for unknown e-mail addresses as for known ones. It is a constant
// (made once with HashPassword; TestDummyHash checks its parameters)
// rather than computed at start, which would cost every process 19 MiB.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$yritvJEfMUE8Lrf7NfViwA$ixovFSOahHdlaMV+Sx4cBy5fpns6Z29bpIi1hn8Fp60"

// argonSlots bounds how many argon2 computations run at once in the
// process: each takes 19 MiB, so a burst of sign-ins would otherwise grow
// memory by 19 MiB per concurrent attempt. Process-wide on purpose: the
// memory it protects is.
var argonSlots = make(chan struct{}, 2)

func argonKey(pw, salt []byte, t, m uint32, p uint8, keyLen uint32) []byte {
	argonSlots <- struct{}{}
	defer func() { <-argonSlots }()
	return argon2.IDKey(pw, salt, t, m, p, keyLen)
}
