// Package mailtest runs a real SMTP server in-process (github.com/emersion/go-smtp)
// that keeps every message it receives, for tests of mail sending.
package mailtest

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one received message.
type Message struct {
	From   string   // envelope sender
	To     []string // envelope recipients
	Data   []byte   // the raw message
	Header mail.Header
	Text   string // decoded text/plain part
	HTML   string // decoded text/html part
	// ContentType is the top-level media type (multipart/alternative).
	ContentType string
}

// Subject returns the decoded Subject header.
func (m *Message) Subject() string {
	s, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return m.Header.Get("Subject")
	}
	return s
}

// Server is a running SMTP server.
type Server struct {
	Addr string
	srv  *smtp.Server
	mu   sync.Mutex
	msgs []*Message
	cons int
	cond chan struct{}
	// Reject, when set, answers every RCPT with this SMTP error.
	Reject *smtp.SMTPError
}

// Start starts a server on 127.0.0.1 and stops it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{cond: make(chan struct{})}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		s.cons++
		s.mu.Unlock()
		return &session{s: s}, nil
	}))
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	s.srv.MaxMessageBytes = 10 << 20
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtp listen: %v", err)
	}
	s.Addr = ln.Addr().String()
	go func() { _ = s.srv.Serve(ln) }()
	t.Cleanup(func() { _ = s.srv.Close() })
	return s
}

// URL returns the smtp:// URL of the server.
func (s *Server) URL() string { return "smtp://" + s.Addr }

// Messages returns the messages received so far.
func (s *Server) Messages() []*Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Message(nil), s.msgs...)
}

// Connections returns how many SMTP connections were opened so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cons
}

// Wait waits until at least n messages have arrived and returns them; it
// fails the test after timeout.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []*Message {
	t.Helper()
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		if len(s.msgs) >= n {
			out := append([]*Message(nil), s.msgs...)
			s.mu.Unlock()
			return out
		}
		c := s.cond
		s.mu.Unlock()
		select {
		case <-c:
		case <-deadline:
			t.Fatalf("smtp: want %d messages, got %d after %s", n, len(s.Messages()), timeout)
			return nil
		}
	}
}

func (s *Server) add(m *Message) {
	s.mu.Lock()
	s.msgs = append(s.msgs, m)
	close(s.cond)
	s.cond = make(chan struct{})
	s.mu.Unlock()
}

type session struct {
	s    *Server
	from string
	to   []string
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }
func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if x.s.Reject != nil {
		return x.s.Reject
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m := &Message{From: x.from, To: append([]string(nil), x.to...), Data: b}
	if pm, err := mail.ReadMessage(bytes.NewReader(b)); err == nil {
		m.Header = pm.Header
		parseBody(m, pm.Header.Get("Content-Type"), pm.Header.Get("Content-Transfer-Encoding"), pm.Body, true)
	}
	x.s.add(m)
	return nil
}

func parseBody(m *Message, ctype, cte string, body io.Reader, top bool) {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return
	}
	if top {
		m.ContentType = mt
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				return
			}
			// multipart.Reader decodes quoted-printable itself.
			parseBody(m, p.Header.Get("Content-Type"), "", p, false)
		}
	}
	var r io.Reader = body
	if strings.EqualFold(cte, "quoted-printable") {
		r = quotedprintable.NewReader(body)
	}
	b, _ := io.ReadAll(r)
	switch mt {
	case "text/plain":
		m.Text = string(b)
	case "text/html":
		m.HTML = string(b)
	}
}
