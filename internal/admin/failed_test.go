package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/jobs/jobstest"
	"github.com/kohtaamo/kohtaamo/internal/mail/mailtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// TestOutboxShowsPermanentFailure: a mail that the SMTP server refuses for
// good (5xx) is not retried and the admin outbox shows it failed, with the
// server's answer on the message page.
func TestOutboxShowsPermanentFailure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := mailtest.Start(t)
		srv.Reject = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unavailable"}
		env := servertest.New(t, d, servertest.WithMail(srv.URL()))
		env.CreateUser(t, "Ville Väisänen", "ville@example.fi", true)
		env.CreateUser(t, `Anna "Annu" Korhonen`, "anna@example.fi", false)
		admin := env.Login(t, "ville@example.fi")
		env.Client(t).PostForm("/password/forgot", url.Values{"email": {"anna@example.fi"}})

		var id int64
		jobstest.WaitFor(t, env.Server.Jobs, 20*time.Second, func() bool {
			var status string
			err := d.QueryRowContext(context.Background(), `SELECT id, status FROM mail_deliveries`).Scan(&id, &status)
			return err == nil && status == "failed"
		})
		r := admin.Get("/admin/outbox")
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "epäonnistui") {
			t.Errorf("outbox does not show the failure: %d %s", r.Status, r.Text())
		}
		r = admin.Get(fmt.Sprintf("/admin/outbox/%d", id))
		if r.Status != http.StatusOK || !strings.Contains(r.Text(), "Viimeisin virhe") || !strings.Contains(r.Text(), "mailbox unavailable") {
			t.Errorf("message page does not show the error: %d %s", r.Status, r.Text())
		}
	})
}
