package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/i18n"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	loggerKey
)

// RequestID returns the request's id, or "".
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey).(string)
	return s
}

// LoggerFrom returns the request's logger (with request_id and user_id), or
// fallback.
func LoggerFrom(ctx context.Context, fallback *slog.Logger) *slog.Logger {
	if l, ok := ctx.Value(loggerKey).(*slog.Logger); ok {
		return l
	}
	return fallback
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Flush lets server-sent events pass through.
func (s *statusWriter) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func newID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// route carries the pattern of the route that served a request out of the
// ServeMux: RequestLog wraps the mux from outside, and the middlewares in
// between copy the request (WithContext), so the r.Pattern that the mux
// sets is not visible to it. RequestLog puts an empty route in the
// context; Route, right around the mux, fills it in.
type route struct{ pattern string }

type routeKey struct{}

// Route records the pattern of the matched route (for example
// "GET /password/reset/{token}") for RequestLog. It must wrap the ServeMux
// directly, so r.Pattern is set when it reads it.
func Route(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			// Deferred: a panicking handler's request is logged by its
			// route too.
			if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
				rt.pattern = r.Pattern
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// RequestLog gives each request an id (X-Request-Id), a logger carrying it,
// and logs one line when the request ends. The line names the route
// pattern, never the path: paths hold password-reset and invitation
// secrets and personal calendar-feed addresses.
func RequestLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := newID()
			w.Header().Set("X-Request-Id", id)
			l := log.With("request_id", id)
			rt := &route{}
			ctx := context.WithValue(r.Context(), requestIDKey, id)
			ctx = context.WithValue(ctx, loggerKey, l)
			ctx = context.WithValue(ctx, routeKey{}, rt)
			sw := &statusWriter{ResponseWriter: w}
			start := time.Now()
			next.ServeHTTP(sw, r.WithContext(ctx))
			pattern := rt.pattern
			if pattern == "" {
				pattern = "unmatched" // refused before the mux (cross-origin, bad token)
			}
			l.LogAttrs(ctx, slog.LevelInfo, "request",
				slog.String("method", r.Method), slog.String("route", pattern),
				slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)))
		})
	}
}

// WithUserLogger adds user_id to the request's logger once the user is
// known.
func WithUserLogger(ctx context.Context, log *slog.Logger, u *app.User) context.Context {
	if u == nil {
		return ctx
	}
	return context.WithValue(ctx, loggerKey, LoggerFrom(ctx, log).With("user_id", u.ID))
}

// Recover turns a panic into a logged error and a friendly 500 page.
func (k *Kit) Recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				LoggerFrom(r.Context(), k.Log).Error("panic", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				k.Error(w, r, fmt.Errorf("panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// SecurityHeaders sets a strict CSP (no inline script or style), framing
// and sniffing protection and a referrer policy.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

// StrictTransport tells browsers to use only HTTPS for the site and its
// subdomains for a year (HSTS). The server adds it when the configured
// base URL is https; over plain HTTP the header would be ignored anyway.
func StrictTransport(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		next.ServeHTTP(w, r)
	})
}

// NoStore forbids caching (Cache-Control: no-store) of every response to a
// signed-in user, by session or API token (their pages carry contact
// details), and of every response under one of the private path
// prefixes (the sign-in, password and invitation pages). It runs before
// the handler, so a handler that sets its own Cache-Control (static files,
// calendar feeds) keeps it. It must run after the user is loaded.
func NoStore(private ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			noStore := app.UserFrom(r.Context()) != nil
			for _, p := range private {
				noStore = noStore || strings.HasPrefix(r.URL.Path, p)
			}
			if noStore {
				w.Header().Set("Cache-Control", "no-store")
			}
			next.ServeHTTP(w, r)
		})
	}
}

// LangCookie names the cookie holding an explicit language choice.
const LangCookie = "lang"

// Language picks the request's language: an explicit choice (cookie), the
// signed-in user's preference, Accept-Language, then Finnish.
func Language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := ""
		if c, err := r.Cookie(LangCookie); err == nil && i18n.Supported(c.Value) {
			lang = c.Value
		} else if u := app.UserFrom(r.Context()); u != nil && i18n.Supported(u.Lang) {
			lang = u.Lang
		} else {
			lang = i18n.Match(r.Header.Get("Accept-Language"))
		}
		w.Header().Set("Content-Language", lang)
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r.WithContext(WithLang(r.Context(), lang)))
	})
}

// Metrics records requests by route pattern and status and their latency.
// It must wrap the ServeMux directly, so r.Pattern is set when it reads it.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// NewMetrics registers the HTTP metrics in reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kohtaamo_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kohtaamo_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

// Wrap instruments next.
func (m *Metrics) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		start := time.Now()
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.status)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}
