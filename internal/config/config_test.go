package config

import (
	"flag"
	"io"
	"strings"
	"testing"
)

func parse(t *testing.T, env map[string]string, args ...string) (*Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c := ServeFlags(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return c, c.Validate()
}

func TestServeFlags(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		c, err := parse(t, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != DefaultDatabase || c.BaseURL != "http://127.0.0.1:8080" || c.Secure() {
			t.Fatalf("defaults: %+v", c)
		}
	})
	t.Run("EnvThenFlag", func(t *testing.T) {
		c, err := parse(t, map[string]string{"KOHTAAMO_ADDR": "0.0.0.0:9000", "KOHTAAMO_DATABASE_URL": "postgres://x@h/db"}, "--addr", "127.0.0.1:9001")
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != "127.0.0.1:9001" || c.DatabaseURL != "postgres://x@h/db" {
			t.Fatalf("got %+v", c)
		}
	})
	for name, args := range map[string][]string{
		"ErrAddr":      {"--addr", "nope"},
		"ErrSMTP":      {"--smtp-url", "http://x"},
		"ErrLogFormat": {"--log-format", "xml"},
		"ErrBaseURL":   {"--base-url", "ftp://x"},
		"ErrWorkers":   {"--workers", "-1"},
		"ErrDebugAddr": {"--debug-addr", "nope"},
		"ErrMailFrom":  {"--mail-from", "Kohtaamo, Oulu <noreply@kohtaamo.fi>"},
		"ErrMailFrom2": {"--mail-from", "Kohtaamo"},
		"ErrMailFrom3": {"--mail-from", ""},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parse(t, nil, args...); err == nil || !strings.Contains(err.Error(), "--") {
				t.Fatalf("want error naming the flag, got %v", err)
			}
		})
	}
	t.Run("MailFromQuoted", func(t *testing.T) {
		if _, err := parse(t, map[string]string{"KOHTAAMO_MAIL_FROM": `"Kohtaamo, Oulu" <noreply@kohtaamo.fi>`}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("HTTPSBaseIsSecure", func(t *testing.T) {
		c, err := parse(t, nil, "--base-url", "https://kohtaamo.example.fi/")
		if err != nil || !c.Secure() || c.BaseURL != "https://kohtaamo.example.fi" {
			t.Fatalf("%+v %v", c, err)
		}
	})
}
