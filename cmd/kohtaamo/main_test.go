package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func runCmd(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, &out, &errb)
	return out.String() + errb.String(), err
}

func TestCommands(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "k.db")
	env := map[string]string{"KOHTAAMO_DATABASE_URL": dbPath}

	if out, err := runCmd(t, env, "version"); err != nil || !strings.HasPrefix(out, "kohtaamo ") {
		t.Fatalf("version: %q %v", out, err)
	}
	if _, err := runCmd(t, env, "nosuch"); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Fatalf("unknown command: %v", err)
	}
	if out, err := runCmd(t, env, "migrate"); err != nil || !strings.Contains(out, "sqlite") {
		t.Fatalf("migrate: %q %v", out, err)
	}
	out, err := runCmd(t, env, "user", "create", "--email", "Aino@Example.fi", "--name", "Aino Admin", "--admin")
	if err != nil || !strings.Contains(out, "/invitations/") || !strings.Contains(out, "aino@example.fi") {
		t.Fatalf("user create: %q %v", out, err)
	}
	if _, err := runCmd(t, env, "user", "create", "--email", "aino@example.fi", "--name", "Again"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("duplicate user: %v", err)
	}
	if _, err := runCmd(t, env, "user", "create", "--email", "bad", "--name", ""); err == nil || !strings.Contains(err.Error(), "--email") || !strings.Contains(err.Error(), "--name") {
		t.Fatalf("invalid user: %v", err)
	}
	out, err = runCmd(t, env, "token", "create", "--email", "aino@example.fi")
	if err != nil || !strings.HasPrefix(out, "kht_") {
		t.Fatalf("token create: %q %v", out, err)
	}
	if _, err := runCmd(t, env, "token", "create", "--email", "nobody@example.fi"); err == nil {
		t.Fatal("token for unknown account")
	}
	// The demo goes only into an empty database (this one has an account).
	if _, err := runCmd(t, env, "demo"); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("demo into non-empty: %v", err)
	}
	if _, err := runCmd(t, env, "serve", "--addr", "nope"); err == nil || !strings.Contains(err.Error(), "--addr") {
		t.Fatalf("bad addr: %v", err)
	}
}

func TestDemoIntoEmptyDatabase(t *testing.T) {
	env := map[string]string{"KOHTAAMO_DATABASE_URL": filepath.Join(t.TempDir(), "d.db")}
	out, err := runCmd(t, env, "demo")
	if err != nil || !strings.Contains(out, "admin@kohtaamo.example") {
		t.Fatalf("demo: %q %v", out, err)
	}
}

// lineWriter passes each write to a channel, so a test can wait for the
// server's start-up line.
type lineWriter chan string

func (w lineWriter) Write(p []byte) (int, error) { w <- string(p); return len(p), nil }

func TestServeLoadsDemoAndShutsDownGracefully(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(lineWriter, 100)
	env := map[string]string{"KOHTAAMO_DATABASE_URL": filepath.Join(t.TempDir(), "s.db"), "KOHTAAMO_LOG_FORMAT": "json"}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, out, &bytes.Buffer{})
	}()
	var url, all string
	for url == "" {
		select {
		case s := <-out:
			all += s
			if i := strings.Index(s, "http://"); i >= 0 {
				url = strings.Fields(s[i:])[0]
			}
		case err := <-done:
			t.Fatalf("serve exited: %v\n%s", err, all)
		case <-time.After(60 * time.Second):
			t.Fatal("server did not start")
		}
	}
	res, err := http.Get(url + "/healthz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()
	// The demo sign-in help follows the URL line.
	deadline := time.After(5 * time.Second)
	for !strings.Contains(all, "admin@kohtaamo.example") {
		select {
		case s := <-out:
			all += s
		case <-deadline:
			t.Fatalf("no demo sign-in printed:\n%s", all)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no graceful shutdown")
	}
}

// TestDebugAddrServesProfilesPrivately: --debug-addr serves pprof and the
// metrics on its own listener; the public one has neither.
func TestDebugAddrServesProfilesPrivately(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(lineWriter, 100)
	env := map[string]string{"KOHTAAMO_DATABASE_URL": filepath.Join(t.TempDir(), "s.db")}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--no-demo", "--addr", "127.0.0.1:0", "--debug-addr", "127.0.0.1:0"},
			func(k string) string { return env[k] }, out, &bytes.Buffer{})
	}()
	var public, debug string
	for public == "" || debug == "" {
		select {
		case s := <-out:
			if i := strings.Index(s, "http://"); i >= 0 {
				u := strings.TrimSuffix(strings.Fields(s[i:])[0], "/debug/pprof/")
				if strings.HasPrefix(s, "profiles") {
					debug = u
				} else {
					public = u
				}
			}
		case err := <-done:
			t.Fatalf("serve exited: %v", err)
		case <-time.After(60 * time.Second):
			t.Fatal("server did not start")
		}
	}
	for url, want := range map[string]int{debug + "/debug/pprof/heap?debug=1": 200, public + "/debug/pprof/": 404,
		debug + "/metrics": 200, public + "/metrics": 404} {
		res, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", url, res.StatusCode, want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
}
