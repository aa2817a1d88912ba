// Command kohtaamo runs the Kohtaamo web platform and its admin tasks.
//
//	kohtaamo [serve] [--addr HOST:PORT] [--db PATH_OR_URL] [--no-demo]
//	kohtaamo migrate --db …
//	kohtaamo demo [--scale national] --db …
//	kohtaamo user create --email E --name N [--admin] --db …
//	kohtaamo token create --email E --db …
//	kohtaamo version
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/kohtaamo/kohtaamo/internal/app"
	"github.com/kohtaamo/kohtaamo/internal/auth"
	"github.com/kohtaamo/kohtaamo/internal/config"
	"github.com/kohtaamo/kohtaamo/internal/db"
	"github.com/kohtaamo/kohtaamo/internal/demo"
	"github.com/kohtaamo/kohtaamo/internal/jobs"
	"github.com/kohtaamo/kohtaamo/internal/server"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "kohtaamo:", err)
		os.Exit(1)
	}
}

const usage = `usage: kohtaamo [command] [flags]

commands:
  serve                 run the web server (default)
  migrate               apply database migrations
  demo                  load demo data into an empty database (--scale national for load tests)
  user create           create an account: --email E --name N [--admin]; prints a set-password link
  token create          create an API token: --email E
  version               print the version
every command takes --db PATH_OR_URL (KOHTAAMO_DATABASE_URL); see "kohtaamo serve -h"
`

func run(ctx context.Context, args []string, env config.Env, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, env, stdout, stderr)
	case "migrate":
		return migrate(ctx, args, env, stdout, stderr)
	case "demo":
		return loadDemo(ctx, args, env, stdout, stderr)
	case "user":
		if len(args) == 0 || args[0] != "create" {
			return errors.New("usage: kohtaamo user create --email E --name N [--admin]")
		}
		return createUser(ctx, args[1:], env, stdout, stderr)
	case "token":
		if len(args) == 0 || args[0] != "create" {
			return errors.New("usage: kohtaamo token create --email E")
		}
		return createToken(ctx, args[1:], env, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "kohtaamo", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", ""
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
		if rev != "" {
			if len(rev) > 12 {
				rev = rev[:12]
			}
			return rev + dirty
		}
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
	}
	return "dev"
}

func newLogger(format, level string, w io.Writer) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: lv}
	if format == "auto" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func openDB(ctx context.Context, dsn string) (*db.DB, error) {
	d, err := db.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx, d); err != nil {
		_ = d.Close()
		return nil, err
	}
	if err := jobs.Migrate(ctx, d); err != nil {
		_ = d.Close()
		return nil, err
	}
	return d, nil
}

func flagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// DefaultMemoryLimit is serve's soft Go memory limit unless GOMEMLIMIT is
// set. The live heap under load is about 15 MiB (see README, Performance).
const DefaultMemoryLimit = 40 << 20

func serve(ctx context.Context, args []string, env config.Env, stdout, stderr io.Writer) error {
	fs := flagSet("serve", stderr)
	cfg := config.ServeFlags(fs, env)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(cfg.LogFormat, cfg.LogLevel, stderr)
	// Libraries that write through the standard logger (the http.Server
	// has its own ErrorLog below) end up in the same JSON log, not as
	// plain-text lines in it.
	slog.SetDefault(log)
	if env("GOMEMLIMIT") == "" {
		// A soft limit for the Go heap: the collector works harder near it
		// and returns freed memory to the system sooner, which keeps a
		// small instance small after a burst (e.g. sign-ins, 19 MiB each).
		// GOMEMLIMIT overrides it.
		debug.SetMemoryLimit(DefaultMemoryLimit)
	}
	d, err := openDB(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer d.Close()
	clock := app.SystemClock{}
	loaded := false
	if !cfg.NoDemo {
		loaded, err = demo.LoadIfEmpty(ctx, d, clock.Now())
		if err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
	}
	srv, err := server.New(server.Deps{DB: d, Config: cfg, Log: log, Clock: clock})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	hs := &http.Server{
		Handler:           srv.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if cfg.DebugAddr != "" {
		dln, err := net.Listen("tcp", cfg.DebugAddr)
		if err != nil {
			return fmt.Errorf("listen for debugging: %w", err)
		}
		ds := &http.Server{Handler: debugMux(srv.Metrics), ReadHeaderTimeout: 10 * time.Second}
		defer ds.Close()
		go func() { _ = ds.Serve(dln) }()
		fmt.Fprintf(stdout, "profiles on http://%s/debug/pprof/ and metrics on http://%[1]s/metrics\n", dln.Addr())
	}
	fmt.Fprintf(stdout, "Kohtaamo %s listening on http://%s (%s database)\n", version(), ln.Addr(), d.Dialect)
	if loaded {
		fmt.Fprint(stdout, demo.SignInHelp())
	}
	// Jobs run on a context that a signal does not cancel: shutdown stops
	// them explicitly after the HTTP server has drained, so running jobs
	// finish instead of failing mid-way.
	if err := srv.Jobs.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		jctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Jobs.Stop(jctx)
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	herr := hs.Shutdown(sctx)
	// Drain the jobs after the last request (whose jobs may just have
	// been queued); what does not finish in time is retried on restart.
	if err := srv.Jobs.Stop(sctx); err != nil {
		log.Error("stop jobs", "err", err)
	}
	if herr != nil {
		return fmt.Errorf("shutdown: %w", herr)
	}
	return nil
}

// debugMux serves Go's profiles (net/http/pprof) and the Prometheus
// metrics on their own listener, never on the public one: the metrics
// count sign-in outcomes and requests per route.
func debugMux(metrics http.Handler) *http.ServeMux {
	m := http.NewServeMux()
	m.Handle("/metrics", metrics)
	m.HandleFunc("/debug/pprof/", pprof.Index)
	m.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	m.HandleFunc("/debug/pprof/profile", pprof.Profile)
	m.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	m.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return m
}

func migrate(ctx context.Context, args []string, env config.Env, stdout, stderr io.Writer) error {
	fs := flagSet("migrate", stderr)
	dsn := config.DBFlag(fs, env)
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	fmt.Fprintf(stdout, "migrations applied (%s)\n", d.Dialect)
	return nil
}

func loadDemo(ctx context.Context, args []string, env config.Env, stdout, stderr io.Writer) error {
	fs := flagSet("demo", stderr)
	dsn := config.DBFlag(fs, env)
	scale := fs.String("scale", "", `"" for the seed-based demo, "national" for load-test data`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	now := app.SystemClock{}.Now()
	switch *scale {
	case "":
		loaded, err := demo.LoadIfEmpty(ctx, d, now)
		if err != nil {
			return err
		}
		if !loaded {
			return errors.New("the database is not empty; demo data goes only into an empty database")
		}
		fmt.Fprint(stdout, demo.SignInHelp())
	case "national":
		st, err := demo.LoadNational(ctx, d, now, stdout)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, st)
	default:
		return fmt.Errorf("--scale %q: want national or nothing", *scale)
	}
	return nil
}

func createUser(ctx context.Context, args []string, env config.Env, stdout, stderr io.Writer) error {
	fs := flagSet("user create", stderr)
	dsn := config.DBFlag(fs, env)
	email := fs.String("email", "", "e-mail address (required)")
	name := fs.String("name", "", "full name (required)")
	admin := fs.Bool("admin", false, "make a platform admin")
	base := fs.String("base-url", env("KOHTAAMO_BASE_URL"), "public base URL for the link (default http://127.0.0.1:8080)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	now := app.SystemClock{}.Now()
	var secret string
	var acct *auth.Account
	err = d.WithTx(ctx, func(tx *sql.Tx) error {
		s := auth.NewStore(tx)
		var err error
		acct, err = s.CreatePersonAccount(ctx, *name, *email, *admin, now)
		if err != nil {
			return err
		}
		secret, err = s.CreateUserToken(ctx, acct.ID, auth.PurposeInvite, auth.InviteTTL, now)
		return err
	})
	if err != nil {
		return describe(err)
	}
	if *base == "" {
		*base = "http://127.0.0.1:8080"
	}
	fmt.Fprintf(stdout, "created account %d for %s\nset a password (valid %s): %s/invitations/%s\n", acct.ID, acct.Email, auth.InviteTTL, *base, secret)
	return nil
}

func createToken(ctx context.Context, args []string, env config.Env, stdout, stderr io.Writer) error {
	fs := flagSet("token create", stderr)
	dsn := config.DBFlag(fs, env)
	email := fs.String("email", "", "e-mail address of the account (required)")
	name := fs.String("name", "cli", "a name to recognise the token by")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	s := auth.NewStore(d)
	acct, err := s.AccountByEmail(ctx, *email)
	if err != nil {
		return describe(err)
	}
	token, err := s.CreateAPIToken(ctx, acct.ID, *name, app.SystemClock{}.Now())
	if err != nil {
		return describe(err)
	}
	fmt.Fprintln(stdout, token)
	return nil
}

// describe turns an application error into a plain message for the
// command line.
func describe(err error) error {
	e := app.AsError(err)
	if e == nil {
		return err
	}
	msg := e.Message
	if b, err := server.Messages(); err == nil {
		l := b.Localizer("en")
		if e.Key != "" {
			msg = l.T(e.Key)
		}
		for _, f := range e.Fields {
			msg += fmt.Sprintf(" --%s: %s", f.Field, l.TData(f.Key, f.Args))
		}
	}
	return errors.New(msg)
}
