package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestFormerMembersHaveNoRights: a membership whose term has ended gives no
// rights. The route × role matrix checks every route's status for the
// former convener and member; this test checks what those statuses hide:
// the remote link of a meeting and the mail that approving minutes sends.
func TestFormerMembersHaveNoRights(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		const link = "meet.example.test/room"
		for _, path := range []string{"/meetings/{MT1}", "/api/v1/meetings/{MT1}"} {
			if res := f.do(http.MethodGet, check{Path: path}, rMember); res.Status != http.StatusOK || !strings.Contains(res.Body, link) {
				t.Errorf("GET %s as a current member: %d, remote link shown %v", path, res.Status, strings.Contains(res.Body, link))
			}
			for _, r := range []role{rFormerMember, rFormerConv} {
				if res := f.do(http.MethodGet, check{Path: path}, r); res.Status != http.StatusOK || strings.Contains(res.Body, link) {
					t.Errorf("GET %s as %s: %d, remote link shown %v", path, r, res.Status, strings.Contains(res.Body, link))
				}
			}
		}

		count := func() int {
			var n int
			if err := d.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM mail_messages`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		res := f.client[rFormerConv].PostForm(f.expand("/meetings/{MT1}/minutes/approve", rFormerConv), url.Values{"version": {"1"}})
		if res.Status != http.StatusForbidden {
			t.Errorf("former convener approves minutes: %d", res.Status)
		}
		res = f.env.Client(t).JSON(http.MethodPost, f.expand("/api/v1/meetings/{MT1}/minutes/approve", rFormerConv), f.token[rFormerConv], `{"version": 1}`)
		if res.Status != http.StatusForbidden {
			t.Errorf("former convener approves minutes through the API: %d", res.Status)
		}
		var status string
		if err := d.QueryRowContext(context.Background(), `SELECT status FROM minutes WHERE meeting_id = $1`, f.ids["MT1"]).Scan(&status); err != nil {
			t.Fatal(err)
		}
		if status != "draft" || count() != before {
			t.Errorf("after the former convener's attempts: minutes %s, %d new messages", status, count()-before)
		}
		// The convener whose term goes on approves (the control).
		res = f.client[rConvener].PostForm(f.expand("/meetings/{MT1}/minutes/approve", rConvener), url.Values{"version": {"1"}})
		if res.Status != http.StatusSeeOther || count() == before {
			t.Errorf("current convener approves: %d, %d new messages", res.Status, count()-before)
		}
	})
}
