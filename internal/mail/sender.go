package mail

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Sender hands a message to a transport.
type Sender interface {
	// Send delivers m; nil means the transport accepted it.
	Send(ctx context.Context, m *gomail.Msg) error
	// Via names the transport ("smtp", "log"), recorded per delivery.
	Via() string
}

// NewSender returns the SMTP sender for an smtp[s]:// URL, or the log
// sender when the URL is empty.
func NewSender(smtpURL string, log *slog.Logger) (Sender, error) {
	if smtpURL == "" {
		return &LogSender{Log: log}, nil
	}
	return NewSMTP(smtpURL)
}

// SMTP sends through an SMTP server configured by one URL:
//
//	smtp://user:pass@host:587   STARTTLS when the server offers it (port 587 by default)
//	smtps://user:pass@host:465  TLS from the first byte (port 465 by default)
//
// User and password are optional; with them the client authenticates with
// the best mechanism the server offers. ?tls=required on smtp:// refuses
// servers without STARTTLS.
type SMTP struct {
	host     string
	opts     []gomail.Option
	redacted string
}

// NewSMTP parses an SMTP URL.
func NewSMTP(raw string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("smtp url: want smtp[s]://user:pass@host:port")
	}
	s := &SMTP{host: u.Hostname(), redacted: u.Redacted()}
	port := 587
	if u.Scheme == "smtps" {
		port = 465
		s.opts = append(s.opts, gomail.WithSSL())
	} else if u.Query().Get("tls") == "required" {
		s.opts = append(s.opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	} else {
		s.opts = append(s.opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if p := u.Port(); p != "" {
		port, err = strconv.Atoi(p)
		if err != nil || port < 1 || port > 65535 {
			return nil, fmt.Errorf("smtp url: bad port %q", p)
		}
	}
	s.opts = append(s.opts, gomail.WithPort(port), gomail.WithTimeout(30*time.Second))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		s.opts = append(s.opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	return s, nil
}

// Via implements Sender.
func (s *SMTP) Via() string { return "smtp" }

// String returns the URL without its password.
func (s *SMTP) String() string { return s.redacted }

// Send implements Sender; each call uses its own connection, so sends from
// several workers do not share state.
func (s *SMTP) Send(ctx context.Context, m *gomail.Msg) error {
	c, err := gomail.NewClient(s.host, s.opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		return fmt.Errorf("smtp send: %w", err)
	}
	return nil
}

// Session is one open connection to a transport, for sending several
// messages one after another. It is not safe for concurrent use.
type Session interface {
	// Send delivers m; nil means the transport accepted it.
	Send(ctx context.Context, m *gomail.Msg) error
	// Close ends the connection.
	Close() error
}

// Opener is a Sender that can send many messages over one connection.
type Opener interface {
	Open(ctx context.Context) (Session, error)
}

// Open implements Opener: it connects (and authenticates) once; each Send
// then uses the same connection.
func (s *SMTP) Open(ctx context.Context) (Session, error) {
	// No NOOP before each message: a dead connection fails at MAIL FROM
	// just the same, one round trip later.
	c, err := gomail.NewClient(s.host, append(s.opts[:len(s.opts):len(s.opts)], gomail.WithoutNoop())...)
	if err != nil {
		return nil, fmt.Errorf("smtp client: %w", err)
	}
	if err := c.DialWithContext(ctx); err != nil {
		return nil, fmt.Errorf("smtp dial: %w", err)
	}
	return &smtpSession{c: c}, nil
}

type smtpSession struct{ c *gomail.Client }

func (s *smtpSession) Send(ctx context.Context, m *gomail.Msg) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.c.Send(m); err != nil {
		return fmt.Errorf("smtp send: %w", err)
	}
	return nil
}

func (s *smtpSession) Close() error { return s.c.Close() }

// session opens a session on s: one connection when s is an Opener,
// otherwise s itself for each message.
func session(ctx context.Context, s Sender) (Session, error) {
	if o, ok := s.(Opener); ok {
		return o.Open(ctx)
	}
	return senderSession{s}, nil
}

type senderSession struct{ s Sender }

func (x senderSession) Send(ctx context.Context, m *gomail.Msg) error { return x.s.Send(ctx, m) }
func (x senderSession) Close() error                                  { return nil }

// LogSender records messages as sent without sending them (no SMTP
// configured). The messages stay in the database and show on the admin
// outbox page; the log says only that one was kept there, as the
// recipient is personal data and the body may hold a password-reset or
// invitation link.
type LogSender struct {
	Log *slog.Logger
}

// Via implements Sender.
func (s *LogSender) Via() string { return "log" }

// Send implements Sender.
func (s *LogSender) Send(ctx context.Context, m *gomail.Msg) error {
	if s.Log == nil {
		return nil
	}
	s.Log.InfoContext(ctx, "mail not sent (no SMTP configured); see /admin/outbox", "message_id", m.GetMessageID())
	return nil
}
