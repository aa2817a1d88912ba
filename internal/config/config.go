// Package config is Kohtaamo's typed configuration: command-line flags with
// KOHTAAMO_* environment fallbacks, validated before anything starts.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// Config is the whole configuration.
type Config struct {
	Addr        string // listen address, KOHTAAMO_ADDR
	DatabaseURL string // SQLite path or postgres:// URL, KOHTAAMO_DATABASE_URL
	BaseURL     string // public URL used in e-mails, KOHTAAMO_BASE_URL
	NoDemo      bool   // skip demo data on first start, KOHTAAMO_NO_DEMO
	SMTPURL     string // smtp[s]://user:pass@host:port, KOHTAAMO_SMTP_URL
	MailFrom    string // sender address, KOHTAAMO_MAIL_FROM
	LogFormat   string // auto, json or text, KOHTAAMO_LOG_FORMAT
	LogLevel    string // debug, info, warn, error, KOHTAAMO_LOG_LEVEL
	Workers     int    // background job workers, 0 disables, KOHTAAMO_WORKERS
	DebugAddr   string // pprof listen address, off when empty, KOHTAAMO_DEBUG_ADDR
	// TrustedProxies lists the reverse proxies (IP addresses or CIDR
	// ranges, comma-separated) whose X-Forwarded-For and Forwarded headers
	// name the client, KOHTAAMO_TRUSTED_PROXIES. Empty: none.
	TrustedProxies string

	envErr error // an environment value ServeFlags could not parse, reported by Validate
}

// DefaultDatabase is the SQLite file used when nothing is configured.
const DefaultDatabase = "./kohtaamo-data/kohtaamo.db"

// Env looks up an environment variable.
type Env func(string) string

func envOr(env Env, key, def string) string {
	if v := env(key); v != "" {
		return v
	}
	return def
}

// DBFlag registers --db on fs, defaulting to KOHTAAMO_DATABASE_URL or the
// SQLite default; every subcommand takes it.
func DBFlag(fs *flag.FlagSet, env Env) *string {
	return fs.String("db", envOr(env, "KOHTAAMO_DATABASE_URL", DefaultDatabase), "SQLite file path or postgres:// URL (KOHTAAMO_DATABASE_URL)")
}

// ServeFlags registers the serve flags on fs and returns the config they fill.
func ServeFlags(fs *flag.FlagSet, env Env) *Config {
	c := &Config{}
	fs.StringVar(&c.Addr, "addr", envOr(env, "KOHTAAMO_ADDR", "127.0.0.1:8080"), "listen address HOST:PORT (KOHTAAMO_ADDR)")
	fs.StringVar(&c.DatabaseURL, "db", envOr(env, "KOHTAAMO_DATABASE_URL", DefaultDatabase), "SQLite file path or postgres:// URL (KOHTAAMO_DATABASE_URL)")
	fs.StringVar(&c.BaseURL, "base-url", env("KOHTAAMO_BASE_URL"), "public base URL for links in e-mail (KOHTAAMO_BASE_URL); default http://ADDR")
	fs.BoolVar(&c.NoDemo, "no-demo", env("KOHTAAMO_NO_DEMO") == "1" || env("KOHTAAMO_NO_DEMO") == "true", "do not load demo data into an empty database (KOHTAAMO_NO_DEMO)")
	fs.StringVar(&c.SMTPURL, "smtp-url", env("KOHTAAMO_SMTP_URL"), "smtp[s]://user:pass@host:port; empty logs mail to the admin outbox (KOHTAAMO_SMTP_URL)")
	fs.StringVar(&c.MailFrom, "mail-from", envOr(env, "KOHTAAMO_MAIL_FROM", "Kohtaamo <noreply@kohtaamo.invalid>"), "sender address (KOHTAAMO_MAIL_FROM)")
	fs.StringVar(&c.LogFormat, "log-format", envOr(env, "KOHTAAMO_LOG_FORMAT", "auto"), "auto (JSON unless a terminal), json or text (KOHTAAMO_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", envOr(env, "KOHTAAMO_LOG_LEVEL", "info"), "debug, info, warn or error (KOHTAAMO_LOG_LEVEL)")
	workers := 4
	if v := env("KOHTAAMO_WORKERS"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			workers = n
		} else {
			c.envErr = fmt.Errorf("KOHTAAMO_WORKERS %q: want a number", v)
		}
	}
	fs.StringVar(&c.DebugAddr, "debug-addr", env("KOHTAAMO_DEBUG_ADDR"), "serve Go's pprof profiles on this HOST:PORT (keep it private); empty: off (KOHTAAMO_DEBUG_ADDR)")
	fs.IntVar(&c.Workers, "workers", workers, "background job workers; 0 runs none in this instance (KOHTAAMO_WORKERS)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", env("KOHTAAMO_TRUSTED_PROXIES"), "comma-separated IP addresses or CIDR ranges of the load balancers whose X-Forwarded-For names the client (KOHTAAMO_TRUSTED_PROXIES)")
	return c
}

// ParseProxies parses a comma-separated list of IP addresses and CIDR
// ranges ("10.0.0.0/8, 192.0.2.7, 2001:db8::/32"); a single address is a
// range of one. "" gives none.
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			if p.Addr().Is4In6() && p.Bits() >= 96 {
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil || a.Zone() != "" {
			return nil, fmt.Errorf("--trusted-proxies: %q is not an IP address or CIDR range (want e.g. 10.0.0.0/8,192.0.2.7)", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// Validate checks the configuration and fills derived defaults.
func (c *Config) Validate() error {
	errs := []error{c.envErr} // errors.Join drops it when nil
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("--addr %q: want HOST:PORT", c.Addr))
	}
	if c.DebugAddr != "" {
		if _, _, err := net.SplitHostPort(c.DebugAddr); err != nil {
			errs = append(errs, fmt.Errorf("--debug-addr %q: want HOST:PORT", c.DebugAddr))
		}
	}
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("--db must not be empty"))
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("--base-url %q: want http(s)://host", c.BaseURL))
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			errs = append(errs, errors.New("--smtp-url: want smtp[s]://user:pass@host:port"))
		}
	}
	// The sender goes into every mail's From header: one that does not
	// parse would fail every mail for good, so refuse it here. A display
	// name with a comma or other specials must be quoted.
	if a, err := mail.ParseAddress(c.MailFrom); err != nil || !strings.Contains(a.Address, "@") ||
		strings.HasPrefix(a.Address, "@") || strings.HasSuffix(a.Address, "@") {
		errs = append(errs, fmt.Errorf("--mail-from %q: want an address such as Kohtaamo <noreply@example.fi> (quote a name with commas: \"Kohtaamo, Oulu\" <noreply@example.fi>)", c.MailFrom))
	}
	switch c.LogFormat {
	case "auto", "json", "text":
	default:
		errs = append(errs, fmt.Errorf("--log-format %q: want auto, json or text", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("--log-level %q: want debug, info, warn or error", c.LogLevel))
	}
	if c.Workers < 0 || c.Workers > 64 {
		errs = append(errs, fmt.Errorf("--workers %d: want 0..64", c.Workers))
	}
	if _, err := ParseProxies(c.TrustedProxies); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Secure reports whether the site is served over HTTPS (cookies get Secure).
func (c *Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }
