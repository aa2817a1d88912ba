package db

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// Version names a counter row that database triggers move on with every
// write to the tables it covers, whichever code path or instance makes
// it. Caches check the one row instead of re-reading what it covers, so
// several instances on one database each keep their own cache and none
// serves stale data.
type Version string

// The versions the migrations keep.
const (
	// DirectoryVersion covers people, organisations, memberships
	// (00010) and project staff (00016).
	DirectoryVersion Version = "directory_version"
	// NetworkListVersion covers networks, projects and memberships (00013).
	NetworkListVersion Version = "network_list_version"
	// MeetingListVersion covers meetings and networks (00016).
	MeetingListVersion Version = "meeting_list_version"
	// TaskVersion covers action items, plan actions, their objectives
	// and plans, and networks (00019).
	TaskVersion Version = "task_version"
)

// ReadVersion returns the current value of the version v.
func ReadVersion(ctx context.Context, q Querier, v Version) (int64, error) {
	var n int64
	// v is one of the constants above, never input.
	if err := q.QueryRowContext(ctx, `SELECT v FROM `+string(v)+` WHERE id = 1`).Scan(&n); err != nil {
		return 0, fmt.Errorf("read %s: %w", v, err)
	}
	return n, nil
}

// ReadVersions returns the sum of the versions vs, read in one query: a
// version for what several of them cover together. Each only ever grows,
// so the sum changes whenever any of them does.
func ReadVersions(ctx context.Context, q Querier, vs ...Version) (int64, error) {
	parts := make([]string, len(vs))
	for i, v := range vs {
		// v is one of the constants above, never input.
		parts[i] = `(SELECT v FROM ` + string(v) + ` WHERE id = 1)`
	}
	var n int64
	if err := q.QueryRowContext(ctx, `SELECT `+strings.Join(parts, " + ")).Scan(&n); err != nil {
		return 0, fmt.Errorf("read versions %v: %w", vs, err)
	}
	return n, nil
}

// Cache keeps values per key in memory and serves one again while the
// version it was read at is still current. It holds at most max entries;
// when full it starts over (what it held were old versions or rare keys).
// Values are shared between callers, who must not modify them.
type Cache[K comparable, V any] struct {
	version Version
	max     int
	mu      sync.Mutex
	entries map[K]cached[V]
}

type cached[V any] struct {
	version int64
	value   V
}

// NewCache returns an empty cache checked against version.
func NewCache[K comparable, V any](version Version, max int) *Cache[K, V] {
	return &Cache[K, V]{version: version, max: max, entries: make(map[K]cached[V])}
}

// Get returns the value for key, calling load (on q's data) when the
// cache holds none at the current version.
func (c *Cache[K, V]) Get(ctx context.Context, q Querier, key K, load func(context.Context) (V, error)) (V, error) {
	// The version is read before the value: a write in between makes the
	// entry look older than it is, never newer, so the worst case is one
	// extra load.
	v, err := ReadVersion(ctx, q, c.version)
	if err != nil {
		var zero V
		return zero, err
	}
	return c.At(ctx, v, key, load)
}

// At is Get for a caller that has read the version itself (e.g. to share
// one read between two caches of the same version).
func (c *Cache[K, V]) At(ctx context.Context, version int64, key K, load func(context.Context) (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && e.version == version {
		return e.value, nil
	}
	value, err := load(ctx)
	if err != nil {
		return value, err
	}
	c.mu.Lock()
	if len(c.entries) >= c.max {
		clear(c.entries)
	}
	c.entries[key] = cached[V]{version: version, value: value}
	c.mu.Unlock()
	return value, nil
}

// Forget drops the entry for key, e.g. one that has expired with time
// rather than with a write.
func (c *Cache[K, V]) Forget(key K) {
	c.mu.Lock()
	delete(c.entries, key)
	c.mu.Unlock()
}

// Len returns how many entries the cache holds.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
