package db

import (
	"strconv"
	"strings"
)

// InIDs returns the placeholders "$from, $from+1, …" for an IN list of
// ids, padded with 0 (no row has id 0) to a power of two (at least 4), and
// the arguments: the query text takes few shapes, so the prepared
// statement cache is not flooded by one statement per list length.
func InIDs(ids []int64, from int) (string, []any) {
	n := 4
	for n < len(ids) {
		n *= 2
	}
	var b strings.Builder
	args := make([]any, n)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i))
		if i < len(ids) {
			args[i] = ids[i]
		} else {
			args[i] = int64(0)
		}
	}
	return b.String(), args
}
