package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	gomail "github.com/wneessen/go-mail"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// BatchArgs is the send job of several deliveries (Outbox.EnqueueBatch),
// at most BatchSize of them.
type BatchArgs struct {
	DeliveryIDs []int64 `json:"delivery_ids"`
}

// Kind implements river.JobArgs.
func (BatchArgs) Kind() string { return "mail_send_batch" }

// InsertOpts gives a batch the ten attempts of a single mail.
func (BatchArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 10} }

// BatchWorker sends the deliveries of a batch job over one SMTP
// connection. It keeps the single Worker's guarantee per delivery: each
// one is marked sent as soon as the server has accepted it, and a retried
// batch (after a failure, a crash or a timeout) skips every delivery
// already sent, so it sends only what is still queued.
//
// Failures are per delivery, as in Worker: a 5xx answer fails that
// delivery for good and the batch goes on; a 4xx answer records a failed
// attempt, the batch goes on and the job is retried afterwards for the
// ones left queued; a lost connection (or the job's time running out)
// ends the batch and the job is retried. On the job's last attempt every
// delivery still queued is marked failed.
type BatchWorker struct {
	river.WorkerDefaults[BatchArgs]
	w *Worker
}

// NewBatchWorker returns the batch send worker; its arguments are those of
// NewWorker.
func NewBatchWorker(d *db.DB, s Sender, from string, clock app.Clock, log *slog.Logger) *BatchWorker {
	return &BatchWorker{w: NewWorker(d, s, from, clock, log)}
}

// Work sends the batch's deliveries that are still queued.
func (b *BatchWorker) Work(ctx context.Context, job *river.Job[BatchArgs]) error {
	w := b.w
	store := NewStore(w.db)
	all, err := store.Deliveries(ctx, job.Args.DeliveryIDs)
	if err != nil {
		return err
	}
	var todo []*Delivery
	for _, d := range all {
		if d.Status == StatusQueued {
			todo = append(todo, d) // the others were sent (or given up) by an earlier attempt
		}
	}
	if len(todo) == 0 {
		return nil
	}
	last := job.Attempt >= job.MaxAttempts
	sess, err := session(ctx, w.sender)
	if err != nil {
		// Not connected: like a failed single send, each delivery records
		// the failed attempt.
		permanent := isPermanent(err)
		b.fail(ctx, todo, err, permanent || last, job.Attempt)
		if permanent {
			return river.JobCancel(err)
		}
		return err
	}
	defer func() {
		if err := sess.Close(); err != nil {
			w.log.WarnContext(ctx, "close mail connection", "err", err)
		}
	}()

	var retry error      // the job must run again
	var rest []*Delivery // not tried in this attempt
	for i, d := range todo {
		if err := ctx.Err(); err != nil {
			retry, rest = err, todo[i:]
			break
		}
		msg, err := w.Build(d)
		if err != nil {
			b.fail(ctx, []*Delivery{d}, err, true, job.Attempt)
			continue
		}
		if w.hook != nil {
			w.hook("before-send", d.ID)
		}
		if err := sess.Send(ctx, msg); err != nil {
			permanent := isPermanent(err)
			b.fail(ctx, []*Delivery{d}, err, permanent || last, job.Attempt)
			if permanent {
				continue
			}
			retry = err
			if !isReply(err) {
				rest = todo[i+1:] // the connection is gone
				break
			}
			continue
		}
		// The server has the message: record that even if the job's
		// context ends now, so a retry does not send it again.
		mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		_, err = store.MarkSent(mctx, d.ID, w.sender.Via(), w.clock.Now())
		cancel()
		if err != nil {
			return fmt.Errorf("mail %d accepted but not marked sent: %w", d.ID, err)
		}
		if w.hook != nil {
			w.hook("after-mark", d.ID)
		}
		w.log.InfoContext(ctx, "mail sent", "delivery_id", d.ID, "kind", d.Kind, "via", w.sender.Via())
	}
	if retry == nil {
		return nil
	}
	if last && len(rest) > 0 {
		b.fail(ctx, rest, retry, true, job.Attempt)
	}
	return retry
}

// fail records a failed attempt of each delivery; final gives them up.
func (b *BatchWorker) fail(ctx context.Context, ds []*Delivery, cause error, final bool, attempt int) {
	w := b.w
	store := NewStore(w.db)
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	for _, d := range ds {
		if err := store.RecordFailure(fctx, d.ID, cause, final); err != nil {
			w.log.ErrorContext(ctx, "record mail failure", "delivery_id", d.ID, "err", err)
		}
		w.log.WarnContext(ctx, "mail not sent", "delivery_id", d.ID, "attempt", attempt, "final", final, "err", loggable(cause, d))
	}
}

// isReply reports an error answer of the SMTP server (4xx or 5xx), after
// which the connection is still usable; other errors (network, timeout)
// end it.
func isReply(err error) bool {
	var se *gomail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		return code >= 400 && code < 600
	}
	return false
}
