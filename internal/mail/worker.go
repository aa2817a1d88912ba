package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/riverqueue/river"
	gomail "github.com/wneessen/go-mail"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/db"
)

// SendArgs is the send job of one delivery.
type SendArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Kind implements river.JobArgs.
func (SendArgs) Kind() string { return "mail_send" }

// InsertOpts gives mail ten attempts (river's backoff spreads them over
// about seven hours).
func (SendArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 10} }

// Worker sends deliveries. It is at-least-once towards the SMTP server
// only in the instant between the server accepting a message and the
// delivery being marked sent; a job retried at any other point (after a
// crash, a timeout, a lost job completion) finds the delivery sent and
// does nothing.
type Worker struct {
	river.WorkerDefaults[SendArgs]
	db     *db.DB
	sender Sender
	from   string
	// fromAddr is from parsed once (nil when it does not parse: every
	// message then fails, as the configuration should have refused it).
	fromAddr *mail.Address
	clock    app.Clock
	log      *slog.Logger
	// hook, when set (tests), is called at "before-send" and "after-mark".
	hook func(stage string, deliveryID int64)
}

// NewWorker returns the send worker. from is the sender address
// ("Name <addr>").
func NewWorker(d *db.DB, s Sender, from string, clock app.Clock, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	fromAddr, _ := ParseSender(from)
	return &Worker{db: d, sender: s, from: from, fromAddr: fromAddr, clock: clock, log: log}
}

// Work sends one delivery unless it was sent already.
func (w *Worker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	store := NewStore(w.db)
	d, err := store.Delivery(ctx, job.Args.DeliveryID)
	if app.IsCode(err, app.ENOTFOUND) {
		return river.JobCancel(err) // deleted: nothing to send
	}
	if err != nil {
		return err
	}
	if d.Status != StatusQueued {
		return nil // sent (or given up) by an earlier attempt
	}
	msg, err := w.Build(d)
	if err != nil {
		_ = store.RecordFailure(ctx, d.ID, err, true)
		return river.JobCancel(err)
	}
	if w.hook != nil {
		w.hook("before-send", d.ID)
	}
	if err := w.sender.Send(ctx, msg); err != nil {
		permanent := isPermanent(err)
		final := permanent || job.Attempt >= job.MaxAttempts
		if rerr := store.RecordFailure(context.WithoutCancel(ctx), d.ID, err, final); rerr != nil {
			w.log.ErrorContext(ctx, "record mail failure", "delivery_id", d.ID, "err", rerr)
		}
		w.log.WarnContext(ctx, "mail not sent", "delivery_id", d.ID, "attempt", job.Attempt, "final", final, "err", loggable(err, d))
		if permanent {
			return river.JobCancel(err)
		}
		return err
	}
	// The server has the message: record that even if the job's context
	// ends now, so a retry does not send it again.
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if _, err := store.MarkSent(mctx, d.ID, w.sender.Via(), w.clock.Now()); err != nil {
		return fmt.Errorf("mail %d accepted but not marked sent: %w", d.ID, err)
	}
	if w.hook != nil {
		w.hook("after-mark", d.ID)
	}
	w.log.InfoContext(ctx, "mail sent", "delivery_id", d.ID, "kind", d.Kind, "via", w.sender.Via())
	return nil
}

// Build makes the MIME message of a delivery: multipart/alternative with
// plain text and HTML in UTF-8, the stored Message-ID (the same on every
// attempt) and the composing time as Date. Attachments (calendar
// invitations) follow as files with their stored content type.
func (w *Worker) Build(d *Delivery) (*gomail.Msg, error) {
	m := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if w.fromAddr == nil {
		return nil, fmt.Errorf("mail from %q: not an address", w.from)
	}
	m.FromMailAddress(w.fromAddr)
	// The name goes in as a mail.Address, never pasted into "Name <addr>"
	// (go-mail's AddToFormat does that, and a name with a quote or a
	// backslash then fails to parse).
	to, err := Recipient(d.RecipientName, d.Recipient)
	if err != nil {
		return nil, fmt.Errorf("mail to: %w", err)
	}
	m.ToMailAddress(to)
	m.Subject(d.Subject)
	m.SetMessageIDWithValue(d.HeaderID)
	m.SetDateWithValue(d.CreatedAt)
	m.SetGenHeader(gomail.HeaderContentLang, d.Lang)
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetUserAgent("Kohtaamo")
	m.SetBodyString(gomail.TypeTextPlain, d.Text)
	m.AddAlternativeString(gomail.TypeTextHTML, d.HTML)
	for _, a := range d.Attachments {
		m.AttachReadSeeker(a.Filename, strings.NewReader(a.Content), gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
	}
	return m, nil
}

// isPermanent reports an SMTP 5xx answer (no such mailbox, refused), which
// retrying will not fix.
func isPermanent(err error) bool {
	var se *gomail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		return code >= 500 && code < 600
	}
	return false
}

// emailLike matches anything shaped like an e-mail address.
var emailLike = regexp.MustCompile(`[^\s<>()\[\],;:"']+@[^\s<>()\[\],;:"']+`)

// loggable describes a failed send for the log without the recipient:
// go-mail's SendError lists the affected recipients, and SMTP servers quote
// the address in their answer ("550 5.1.1 <aino@example.fi>: no such
// user"). The delivery id in the same line says who it was; the full error
// stays on the delivery for the admin outbox.
func loggable(err error, d *Delivery) string {
	msg := err.Error()
	for _, s := range []string{d.Recipient, d.RecipientName} {
		if s = strings.TrimSpace(s); s != "" {
			msg = strings.ReplaceAll(msg, s, "[recipient]")
		}
	}
	// The message's own Message-ID looks like an address too; keep it.
	const mid = "\x00message-id\x00"
	if d.HeaderID != "" {
		msg = strings.ReplaceAll(msg, d.HeaderID, mid)
	}
	return strings.ReplaceAll(emailLike.ReplaceAllString(msg, "[address]"), mid, d.HeaderID)
}
