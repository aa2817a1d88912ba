package mail

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/mail"
	"net/url"
	"strings"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
)

// Outbox composes messages and queues them for sending inside the caller's
// transaction.
type Outbox struct {
	queue    *jobs.Queue
	composer *Composer
	clock    app.Clock
	baseURL  string
	domain   string
	from     string
}

// NewOutbox returns an outbox. baseURL (http(s)://host, no trailing slash)
// makes links absolute; the domain of from names Message-IDs.
func NewOutbox(q *jobs.Queue, c *Composer, clock app.Clock, baseURL, from string) *Outbox {
	domain := "kohtaamo.invalid"
	if a, err := mail.ParseAddress(from); err == nil {
		if at := strings.LastIndexByte(a.Address, '@'); at >= 0 && at < len(a.Address)-1 {
			domain = a.Address[at+1:]
		}
	} else if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		domain = u.Hostname()
	}
	return &Outbox{queue: q, composer: c, clock: clock, baseURL: strings.TrimRight(baseURL, "/"), domain: domain, from: from}
}

// From returns the sender address ("Name <addr>"), e.g. for the organizer
// of a calendar invitation.
func (o *Outbox) From() string { return o.from }

// Host returns the host name of the site's base URL (the mail domain when
// the URL has none), e.g. for calendar UIDs.
func (o *Outbox) Host() string {
	if u, err := url.Parse(o.baseURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return o.domain
}

// URL returns the absolute URL of a site path, for links in mail.
func (o *Outbox) URL(path string) string { return o.baseURL + path }

// Enqueue composes m, stores it with a delivery row and inserts its send
// job, all in tx: the mail goes out exactly when tx commits. It returns the
// delivery id.
func (o *Outbox) Enqueue(ctx context.Context, tx *sql.Tx, m Message) (int64, error) {
	m.To.Email = strings.ToLower(strings.TrimSpace(m.To.Email))
	if !app.ValidEmail(m.To.Email) {
		return 0, fmt.Errorf("enqueue %s mail: invalid recipient address", m.Kind)
	}
	c, err := o.composer.Compose(m)
	if err != nil {
		return 0, err
	}
	id, err := NewStore(tx).Create(ctx, c, o.newHeaderID(), m.To, o.clock.Now())
	if err != nil {
		return 0, err
	}
	if err := o.queue.Insert(ctx, tx, SendArgs{DeliveryID: id}, nil); err != nil {
		return 0, err
	}
	return id, nil
}

func (o *Outbox) newHeaderID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b) + "@" + o.domain
}

// BatchSize is the most deliveries one batch send job carries.
const BatchSize = 200

// EnqueueBatch composes and stores every message with its delivery row,
// as Enqueue does, but queues one batch send job (BatchArgs) per BatchSize
// deliveries instead of one job per delivery: the batch worker sends them
// over one SMTP connection. All of it happens in tx. It returns the
// delivery ids in the order of msgs.
func (o *Outbox) EnqueueBatch(ctx context.Context, tx *sql.Tx, msgs []Message) ([]int64, error) {
	if len(msgs) == 0 {
		return nil, nil
	}
	store := NewStore(tx)
	now := o.clock.Now()
	ids := make([]int64, 0, len(msgs))
	for _, m := range msgs {
		m.To.Email = strings.ToLower(strings.TrimSpace(m.To.Email))
		if !app.ValidEmail(m.To.Email) {
			return nil, fmt.Errorf("enqueue %s mail: invalid recipient address", m.Kind)
		}
		c, err := o.composer.Compose(m)
		if err != nil {
			return nil, err
		}
		id, err := store.Create(ctx, c, o.newHeaderID(), m.To, now)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	for start := 0; start < len(ids); start += BatchSize {
		chunk := ids[start:min(start+BatchSize, len(ids))]
		if err := o.queue.Insert(ctx, tx, BatchArgs{DeliveryIDs: append([]int64(nil), chunk...)}, nil); err != nil {
			return nil, err
		}
	}
	return ids, nil
}
