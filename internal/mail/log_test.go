package mail

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
)

// TestFailureLogHoldsNoRecipient: when the SMTP server refuses a
// recipient and quotes the address and name in its answer (and go-mail
// lists the affected recipients), the warning names the delivery id but
// neither the address nor the name; the delivery keeps the full error for
// the admin outbox.
func TestFailureLogHoldsNoRecipient(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		for _, batch := range []bool{false, true} {
			r := newRig(t, d, 0)
			var buf strings.Builder
			r.worker.log = slog.New(slog.NewTextHandler(&buf, nil))
			r.smtp.Reject = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1},
				Message: "<paivi.orn@example.fi>: Recipient address rejected: Päivi Örn has no mailbox here"}
			id := r.enqueue(t, resetMessage("fi"))
			if batch {
				_ = (&BatchWorker{w: r.worker}).Work(context.Background(), batchJob([]int64{id}, 1, 10))
			} else {
				job := &river.Job[SendArgs]{JobRow: &rivertype.JobRow{Attempt: 1, MaxAttempts: 10}, Args: SendArgs{DeliveryID: id}}
				_ = r.worker.Work(context.Background(), job)
			}
			del := waitStatus(t, d, id, StatusFailed)
			if !strings.Contains(del.LastError, "Recipient address rejected") {
				t.Errorf("batch=%v: last error = %q", batch, del.LastError)
			}
			out := buf.String()
			if !strings.Contains(out, "mail not sent") || !strings.Contains(out, "delivery_id="+strconv.FormatInt(id, 10)) ||
				!strings.Contains(out, "Recipient address rejected") {
				t.Errorf("batch=%v: no warning with the delivery id and the reason:\n%s", batch, out)
			}
			if !strings.Contains(out, del.HeaderID) {
				t.Errorf("batch=%v: the log lost the Message-ID:\n%s", batch, out)
			}
			for _, personal := range []string{"@", "paivi", "Paivi", "Päivi", "Örn", "/password/reset/"} {
				if strings.Contains(strings.ReplaceAll(out, del.HeaderID, ""), personal) {
					t.Errorf("batch=%v: the log holds %q:\n%s", batch, personal, out)
				}
			}
		}
	})
}
