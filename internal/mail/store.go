package mail

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kohtaamo/kohtaamo/internal/db"
)

// Delivery statuses.
const (
	StatusQueued = "queued"
	StatusSent   = "sent"
	StatusFailed = "failed"
)

// Delivery is one message to one recipient, with the message itself.
type Delivery struct {
	ID            int64
	MessageID     int64
	Kind          string
	Lang          string
	HeaderID      string // Message-ID header value without angle brackets
	Subject       string
	Text          string
	HTML          string
	Recipient     string
	RecipientName string
	Status        string
	Via           string // "smtp" or "log" once sent
	Attempts      int
	LastError     string
	CreatedAt     time.Time
	SentAt        *time.Time
	// Attachments are loaded by Delivery (not by List).
	Attachments []Attachment
}

// Store is the mail tables' SQL.
type Store struct {
	q db.Querier
}

// NewStore returns a store on q (a *db.DB or *sql.Tx).
func NewStore(q db.Querier) *Store { return &Store{q: q} }

// Create stores a composed message for one recipient and returns the
// delivery id.
func (s *Store) Create(ctx context.Context, c *Composed, headerID string, to Address, now time.Time) (int64, error) {
	var msgID int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO mail_messages (kind, lang, header_id, subject, text_body, html_body, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		c.Kind, c.Lang, headerID, c.Subject, c.Text, c.HTML, db.Now(now)).Scan(&msgID)
	if err != nil {
		return 0, fmt.Errorf("store mail message: %w", err)
	}
	for _, a := range c.Attachments {
		if _, err := s.q.ExecContext(ctx, `INSERT INTO mail_attachments (message_id, filename, content_type, content) VALUES ($1, $2, $3, $4)`,
			msgID, a.Filename, a.ContentType, a.Content); err != nil {
			return 0, fmt.Errorf("store mail attachment: %w", err)
		}
	}
	var id int64
	err = s.q.QueryRowContext(ctx, `INSERT INTO mail_deliveries (message_id, recipient, recipient_name, status, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		msgID, to.Email, to.Name, StatusQueued, db.Now(now)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store mail delivery: %w", err)
	}
	return id, nil
}

const deliveryCols = `d.id, m.id, m.kind, m.lang, m.header_id, m.subject, m.text_body, m.html_body,
	d.recipient, d.recipient_name, d.status, d.via, d.attempts, d.last_error, d.created_at, d.sent_at`

func scanDelivery(row interface{ Scan(...any) error }) (*Delivery, error) {
	var d Delivery
	var sent sql.NullTime
	if err := row.Scan(&d.ID, &d.MessageID, &d.Kind, &d.Lang, &d.HeaderID, &d.Subject, &d.Text, &d.HTML,
		&d.Recipient, &d.RecipientName, &d.Status, &d.Via, &d.Attempts, &d.LastError, &d.CreatedAt, &sent); err != nil {
		return nil, err
	}
	if sent.Valid {
		t := sent.Time
		d.SentAt = &t
	}
	return &d, nil
}

// Delivery returns a delivery with its message; ENOTFOUND when missing.
func (s *Store) Delivery(ctx context.Context, id int64) (*Delivery, error) {
	d, err := scanDelivery(s.q.QueryRowContext(ctx, `SELECT `+deliveryCols+`
		FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id WHERE d.id = $1`, id))
	if err != nil {
		return nil, db.NotFound(err, "mail", "get mail delivery")
	}
	if d.Attachments, err = s.Attachments(ctx, d.MessageID); err != nil {
		return nil, err
	}
	return d, nil
}

// Deliveries returns the deliveries with the given ids, with their
// messages and attachments, in the order of ids. Missing ids (deleted
// mail) are left out.
func (s *Store) Deliveries(ctx context.Context, ids []int64) ([]*Delivery, error) {
	byID := make(map[int64]*Delivery, len(ids))
	byMsg := make(map[int64][]*Delivery, len(ids))
	const chunk = 500
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		marks := make([]string, len(part))
		for i, id := range part {
			args[i] = id
			marks[i] = "$" + strconv.Itoa(i+1)
		}
		in := strings.Join(marks, ", ")
		rows, err := s.q.QueryContext(ctx, `SELECT `+deliveryCols+`
			FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id WHERE d.id IN (`+in+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("get mail deliveries: %w", err)
		}
		var msgIDs []any
		for rows.Next() {
			d, err := scanDelivery(rows)
			if err != nil {
				_ = rows.Close()
				return nil, fmt.Errorf("scan mail delivery: %w", err)
			}
			byID[d.ID] = d
			if _, ok := byMsg[d.MessageID]; !ok {
				msgIDs = append(msgIDs, d.MessageID)
			}
			byMsg[d.MessageID] = append(byMsg[d.MessageID], d)
		}
		err = rows.Err()
		_ = rows.Close()
		if err != nil {
			return nil, fmt.Errorf("get mail deliveries: %w", err)
		}
		if len(msgIDs) == 0 {
			continue
		}
		marks = marks[:len(msgIDs)]
		rows, err = s.q.QueryContext(ctx, `SELECT message_id, filename, content_type, content FROM mail_attachments
			WHERE message_id IN (`+strings.Join(marks, ", ")+`) ORDER BY id`, msgIDs...)
		if err != nil {
			return nil, fmt.Errorf("list mail attachments: %w", err)
		}
		for rows.Next() {
			var msgID int64
			var a Attachment
			if err := rows.Scan(&msgID, &a.Filename, &a.ContentType, &a.Content); err != nil {
				_ = rows.Close()
				return nil, fmt.Errorf("scan mail attachment: %w", err)
			}
			for _, d := range byMsg[msgID] {
				d.Attachments = append(d.Attachments, a)
			}
		}
		err = rows.Err()
		_ = rows.Close()
		if err != nil {
			return nil, fmt.Errorf("list mail attachments: %w", err)
		}
	}
	out := make([]*Delivery, 0, len(byID))
	for _, id := range ids {
		if d, ok := byID[id]; ok {
			out = append(out, d)
			delete(byID, id) // a repeated id is sent once
		}
	}
	return out, nil
}

// Attachments returns a message's attachments in the order they were
// added.
func (s *Store) Attachments(ctx context.Context, messageID int64) ([]Attachment, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT filename, content_type, content FROM mail_attachments WHERE message_id = $1 ORDER BY id`, messageID)
	if err != nil {
		return nil, fmt.Errorf("list mail attachments: %w", err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.Filename, &a.ContentType, &a.Content); err != nil {
			return nil, fmt.Errorf("scan mail attachment: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// List returns deliveries newest first, a page at a time, and the total.
func (s *Store) List(ctx context.Context, limit, offset int) ([]*Delivery, int, error) {
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM mail_deliveries`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count mail: %w", err)
	}
	rows, err := s.q.QueryContext(ctx, `SELECT `+deliveryCols+`
		FROM mail_deliveries d JOIN mail_messages m ON m.id = d.message_id
		ORDER BY d.created_at DESC, d.id DESC LIMIT $1 OFFSET $2`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("list mail: %w", err)
	}
	defer rows.Close()
	var out []*Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("scan mail: %w", err)
		}
		out = append(out, d)
	}
	return out, total, rows.Err()
}

// MarkSent records that the transport accepted the delivery. It changes
// only a delivery not yet sent and reports whether it did.
func (s *Store) MarkSent(ctx context.Context, id int64, via string, now time.Time) (bool, error) {
	res, err := s.q.ExecContext(ctx, `UPDATE mail_deliveries SET status = $1, via = $2, sent_at = $3, attempts = attempts + 1, last_error = ''
		WHERE id = $4 AND status <> $1`, StatusSent, via, db.Now(now), id)
	if err != nil {
		return false, fmt.Errorf("mark mail sent: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// RecordFailure records a failed attempt; final marks the delivery failed
// (no more retries).
func (s *Store) RecordFailure(ctx context.Context, id int64, cause error, final bool) error {
	msg := cause.Error()
	for utf8.RuneCountInString(msg) > 500 {
		r := []rune(msg)
		msg = string(r[:500])
	}
	status := StatusQueued
	if final {
		status = StatusFailed
	}
	_, err := s.q.ExecContext(ctx, `UPDATE mail_deliveries SET status = $1, attempts = attempts + 1, last_error = $2
		WHERE id = $3 AND status <> $4`, status, msg, id, StatusSent)
	if err != nil {
		return fmt.Errorf("record mail failure: %w", err)
	}
	return nil
}

// DeleteBefore removes messages created before t (with their deliveries).
func (s *Store) DeleteBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.q.ExecContext(ctx, `DELETE FROM mail_messages WHERE created_at < $1`, db.Now(t))
	if err != nil {
		return 0, fmt.Errorf("delete old mail: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
