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
		"ErrProxies":   {"--trusted-proxies", "10.0.0.0/8,proxy.internal"},
		"ErrProxyCIDR": {"--trusted-proxies", "10.0.0.0/33"},
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

// TestWorkersEnv: a KOHTAAMO_WORKERS that is not a number stops the start
// instead of silently running the default four workers.
func TestWorkersEnv(t *testing.T) {
	c, err := parse(t, map[string]string{"KOHTAAMO_WORKERS": "2"})
	if err != nil || c.Workers != 2 {
		t.Fatalf("KOHTAAMO_WORKERS=2: %d %v", c.Workers, err)
	}
	for _, v := range []string{"four", "4x", "-"} {
		if _, err := parse(t, map[string]string{"KOHTAAMO_WORKERS": v}); err == nil || !strings.Contains(err.Error(), "KOHTAAMO_WORKERS") {
			t.Errorf("KOHTAAMO_WORKERS=%q: want an error naming it, got %v", v, err)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	c, err := parse(t, map[string]string{"KOHTAAMO_TRUSTED_PROXIES": " 10.0.0.0/8, 192.0.2.7,2001:db8::/32 ,::ffff:198.51.100.1"})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ParseProxies(c.TrustedProxies)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	if want := "10.0.0.0/8 192.0.2.7/32 2001:db8::/32 198.51.100.1/32"; strings.Join(got, " ") != want {
		t.Errorf("proxies %v, want %s", got, want)
	}
	if ps, err := ParseProxies(""); err != nil || len(ps) != 0 {
		t.Errorf("empty: %v %v", ps, err)
	}
	_, err = parse(t, nil, "--trusted-proxies", "10.0.0.1,lb.internal")
	if err == nil || !strings.Contains(err.Error(), `--trusted-proxies: "lb.internal" is not an IP address or CIDR range`) {
		t.Errorf("bad entry: %v", err)
	}
}
