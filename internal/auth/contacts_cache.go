package auth

import (
	"strconv"
	"strings"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// contactsKey is one question of ContactsVisible: which of the people ids
// (joined) share a project with viewer on day (Unix seconds of its start).
type contactsKey struct {
	viewer int64
	day    int64
	ids    string
}

// contactsCacheSize bounds the cached answers (a page of 50 ids each).
const contactsCacheSize = 512

func newContactsCache() *db.Cache[contactsKey, map[int64]bool] {
	return db.NewCache[contactsKey, map[int64]bool](db.DirectoryVersion, contactsCacheSize)
}

// idList joins ids into a key.
func idList(ids []int64) string {
	var b strings.Builder
	b.Grow(len(ids) * 7)
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}
