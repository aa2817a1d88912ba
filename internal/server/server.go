// Package server assembles Kohtaamo's http.Handler: the middleware chain
// and every domain's routes. It lives apart from main so handler tests use
// the real router.
package server

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/riverqueue/river"

	"github.com/kohtaamo/kohtaamo/internal/admin"
	"github.com/kohtaamo/kohtaamo/internal/apidoc"
	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/calendar"
	"github.com/kohtaamo/kohtaamo/internal/config"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/home"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/mail"
	"github.com/kohtaamo/kohtaamo/internal/meeting"
	"github.com/kohtaamo/kohtaamo/internal/minutes"
	"github.com/kohtaamo/kohtaamo/internal/network"
	"github.com/kohtaamo/kohtaamo/internal/org"
	"github.com/kohtaamo/kohtaamo/internal/person"
	"github.com/kohtaamo/kohtaamo/internal/plan"
	"github.com/kohtaamo/kohtaamo/internal/project"
	"github.com/kohtaamo/kohtaamo/internal/task"
	"github.com/kohtaamo/kohtaamo/internal/web"
)

// Deps are the server's dependencies, built in main (or a test).
type Deps struct {
	DB     *db.DB
	Config *config.Config
	Log    *slog.Logger
	Clock  app.Clock
	// JobPoll is how often idle job workers look for work (0: 1s; tests
	// shorten it).
	JobPoll time.Duration
	// RequestTimeout is how long a request may wait on the database before
	// it answers 503 (0: web.DefaultRequestTimeout; tests shorten it).
	RequestTimeout time.Duration
}

// ReadyTimeout bounds /readyz's database ping, so that a load balancer's
// health check gets its answer within 2 s even from a frozen database.
const ReadyTimeout = 1500 * time.Millisecond

// Server is the assembled application.
type Server struct {
	Handler http.Handler
	// Mux holds every registered route pattern (for the route tests).
	Mux *web.Mux
	Kit *web.Kit
	// Jobs is the background job queue; main starts and drains it.
	Jobs *jobs.Queue
	// Throttle limits sign-in and reset requests; tests replace its Sleep
	// to see the delays without waiting.
	Throttle *auth.Throttle
	// Metrics serves the Prometheus metrics; main mounts it on the private
	// debug listener, as they show sign-in outcomes.
	Metrics http.Handler
}

// New builds the server. It parses every template, so a broken template
// fails here, at start-up.
func New(d Deps) (*Server, error) {
	if d.Clock == nil {
		d.Clock = app.SystemClock{}
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Config == nil {
		d.Config = &config.Config{BaseURL: "http://127.0.0.1:8080"}
	}
	renderer, err := web.NewRenderer()
	if err != nil {
		return nil, err
	}
	bundle, err := Messages()
	if err != nil {
		return nil, err
	}
	sessions := auth.NewSessionManager(auth.NewSessionStore(d.DB, d.Clock), d.Config.Secure())
	kit := &web.Kit{Renderer: renderer, I18n: bundle, Sessions: sessions, Log: d.Log, Clock: d.Clock}
	sessions.ErrorFunc = kit.SessionError

	// Mail is composed in the request's transaction and sent by jobs.
	composer, err := mail.NewComposer(bundle, Mails()...)
	if err != nil {
		return nil, err
	}
	sender, err := mail.NewSender(d.Config.SMTPURL, d.Log)
	if err != nil {
		return nil, err
	}
	from := cmp.Or(d.Config.MailFrom, "Kohtaamo <noreply@kohtaamo.invalid>")
	workers := jobs.NewWorkers()
	river.AddWorker(workers, mail.NewWorker(d.DB, sender, from, d.Clock, d.Log))
	river.AddWorker(workers, mail.NewBatchWorker(d.DB, sender, from, d.Clock, d.Log))
	river.AddWorker(workers, mail.NewPruneWorker(d.DB, d.Clock))
	river.AddWorker(workers, auth.NewCleanupWorker(d.DB, d.Clock))
	reminders := task.NewReminderWorker(d.DB, d.Clock)
	river.AddWorker(workers, reminders)
	queue, err := jobs.New(d.DB, workers, jobs.Options{Workers: d.Config.Workers, Log: d.Log, PollInterval: d.JobPoll,
		Periodic: []*river.PeriodicJob{auth.CleanupJob(), mail.PruneJob(), task.ReminderJob()}})
	if err != nil {
		return nil, err
	}
	outbox := mail.NewOutbox(queue, composer, d.Clock, d.Config.BaseURL, from)
	reminders.Outbox = outbox

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := web.NewMetrics(reg)

	mux := web.NewMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		ctx, cancel := context.WithTimeout(r.Context(), ReadyTimeout)
		defer cancel()
		if err := d.DB.PingContext(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unreachable\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /static/{hash}/{file...}", renderer.StaticHandler())
	mux.Handle("GET /favicon.ico", renderer.FaviconHandler())

	proxies, err := config.ParseProxies(d.Config.TrustedProxies)
	if err != nil {
		return nil, err
	}
	throttle := auth.NewThrottle(proxies)
	auth.NewHandler(kit, d.DB).WithMail(outbox).WithThrottle(throttle).Routes(mux)
	admin.NewHandler(kit, d.DB).Routes(mux)
	home.NewHandler(kit, d.DB).Routes(mux)
	project.NewHandler(kit, d.DB).Routes(mux)
	network.NewHandler(kit, d.DB).Routes(mux)
	meeting.NewHandler(kit, d.DB).WithMail(outbox).Routes(mux)
	minutes.NewHandler(kit, d.DB).WithMail(outbox).Routes(mux)
	calendar.NewHandler(kit, d.DB).WithOutbox(outbox).Routes(mux)
	org.NewHandler(kit, d.DB).Routes(mux)
	person.NewHandler(kit, d.DB).Routes(mux)
	plan.NewHandler(kit, d.DB).Routes(mux)
	task.NewHandler(kit, d.DB).Routes(mux)
	apiDoc, err := OpenAPI()
	if err != nil {
		return nil, err
	}
	apidoc.Routes(mux, apiDoc)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		kit.Error(w, r, app.NotFound("page"))
	})

	var h http.Handler = metrics.Wrap(web.Route(mux))
	h = kit.Recover(h)
	h = web.Language(h)
	h = web.NoStore("/login", "/logout", "/password/", "/invitations/", "/account/")(h)
	h = auth.LoadUser(kit, auth.NewStore(d.DB))(h)
	h = web.GuardSession(sessions.LoadAndSave(h))
	h = kit.CheckInput(h)
	h = web.Deadline(d.RequestTimeout)(h)
	h = http.NewCrossOriginProtection().Handler(h)
	h = web.SecurityHeaders(h)
	if d.Config.Secure() {
		h = web.StrictTransport(h)
	}
	h = web.RequestLog(d.Log)(h)
	return &Server{Handler: h, Kit: kit, Jobs: queue, Mux: mux, Throttle: throttle,
		Metrics: promhttp.HandlerFor(reg, promhttp.HandlerOpts{})}, nil
}
