package minutes_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

func TestApproveMinutesAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		smtp := mailtest.Start(t)
		w := newWeb(t, d, servertest.WithMail(smtp.URL()))
		sec, conv, mem := apiToken(t, w, "sami@example.fi"), apiToken(t, w, "kaisa@example.fi"), apiToken(t, w, "sven@example.fi")
		out := apiToken(t, w, "outi2@example.fi")
		c := w.env.Client(t)
		path := "/api/v1" + w.base + "/minutes"
		approve := path + "/approve"

		// Nothing to approve yet.
		if r := c.JSON(http.MethodPost, approve, conv, `{"version": 1}`); r.Status != http.StatusBadRequest {
			t.Errorf("approve without minutes: %d %s", r.Status, r.Body)
		}
		r := c.JSON(http.MethodPut, path, sec, `{"body": "# Marraskuu\n\nTyökokeilut.", "decisions": ["Perustetaan työryhmä"]}`)
		if r.Status != http.StatusOK {
			t.Fatalf("write: %d %s", r.Status, r.Body)
		}
		var got minutes.JSON
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil || got.Status != minutes.StatusDraft || got.Version < 1 {
			t.Fatalf("draft: %v %s", err, r.Body)
		}
		version := got.Version

		// Permissions: conveners, the project's coordinators and admins.
		for name, tok := range map[string]string{"secretary": sec, "member": mem, "outsider": out} {
			if r := c.JSON(http.MethodPost, approve, tok, `{"version": 1}`); r.Status != http.StatusForbidden {
				t.Errorf("%s approves: %d", name, r.Status)
			}
		}
		if r := c.JSON(http.MethodPost, approve, "", `{"version": 1}`); r.Status != http.StatusUnauthorized {
			t.Errorf("public approves: %d", r.Status)
		}
		if r := c.JSON(http.MethodPost, "/api/v1/meetings/999999/minutes/approve", conv, `{"version": 1}`); r.Status != http.StatusNotFound {
			t.Errorf("missing meeting: %d", r.Status)
		}

		// A missing or stale version is refused and changes nothing.
		for body, status := range map[string]int{`{}`: http.StatusBadRequest, `{"version": "x"}`: http.StatusBadRequest,
			`{"version": 99}`: http.StatusConflict, `{"version": 1, "extra": true}`: http.StatusBadRequest} {
			if r := c.JSON(http.MethodPost, approve, conv, body); r.Status != status || !strings.Contains(r.Body, `"error"`) {
				t.Errorf("approve %s: %d %s", body, r.Status, r.Body)
			}
		}
		if r := c.JSON(http.MethodGet, path, mem, ""); !strings.Contains(r.Body, `"status":"draft"`) {
			t.Fatalf("bad input approved the minutes: %s", r.Body)
		}
		time.Sleep(300 * time.Millisecond)
		if n := len(smtp.Messages()); n != 0 {
			t.Fatalf("%d mails after refused approvals", n)
		}

		r = c.JSON(http.MethodPost, approve, conv, `{"version": `+strconv.Itoa(version)+`}`)
		if r.Status != http.StatusOK {
			t.Fatalf("approve: %d %s", r.Status, r.Body)
		}
		if err := json.Unmarshal([]byte(r.Body), &got); err != nil || got.Status != minutes.StatusApproved || got.ApprovedBy == nil || got.ApprovedAt == nil {
			t.Errorf("approved: %v %s", err, r.Body)
		}

		// The approved minutes go to every member, as from the page.
		msgs := smtp.Wait(t, 3, 20*time.Second)
		var to []string
		for _, m := range msgs {
			to = append(to, m.To...)
			if !strings.Contains(m.Text, "Perustetaan työryhmä") {
				t.Errorf("mail to %v without the decision:\n%s", m.To, m.Text)
			}
		}
		sort.Strings(to)
		if strings.Join(to, ",") != "kaisa@example.fi,sami@example.fi,sven@example.fi" {
			t.Errorf("recipients %v", to)
		}

		// Approving twice is refused and sends nothing more.
		if r := c.JSON(http.MethodPost, approve, conv, `{"version": `+strconv.Itoa(version)+`}`); r.Status != http.StatusBadRequest {
			t.Errorf("approve twice: %d %s", r.Status, r.Body)
		}
		time.Sleep(300 * time.Millisecond)
		if n := len(smtp.Messages()); n != 3 {
			t.Errorf("%d messages, want 3", n)
		}
	})
}
