// Command load is the benchmark's HTTP load generator: a bounded,
// closed-loop client (each of -c connections sends its next request when
// the previous answer has been read) against a loopback address only. It
// reports requests per second, latency percentiles and, with -pid, the
// resident memory of the server process under load.
//
//	load -c 64 -d 10s [-warmup 2s] [-email E -password P] [-pid PID] [-label L] [-tsv FILE] URL
//	load -wait 10s URL      wait until URL answers 200, then exit
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// Limits that keep every run bounded whatever the flags say.
const (
	maxDuration    = 10 * time.Minute
	maxConnections = 1024
)

type options struct {
	conns       int
	duration    time.Duration
	warmup      time.Duration
	maxRequests int
	timeout     time.Duration
	email       string
	password    string
	pid         int
	label       string
	tsv         string
	wait        time.Duration
	target      *url.URL
}

func parse(args []string) (*options, error) {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	o := &options{}
	fs.IntVar(&o.conns, "c", 64, "concurrent connections (closed loop)")
	fs.DurationVar(&o.duration, "d", 10*time.Second, "measuring time (at most 10m)")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "warm-up before measuring, not counted")
	fs.IntVar(&o.maxRequests, "max-requests", 5_000_000, "stop after this many measured requests")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "timeout of one request")
	fs.StringVar(&o.email, "email", "", "sign in at /login with this e-mail first and send the session cookie")
	fs.StringVar(&o.password, "password", "", "password for -email")
	fs.IntVar(&o.pid, "pid", 0, "sample VmRSS/VmHWM of this process (Linux /proc) during the run")
	fs.StringVar(&o.label, "label", "", "name of this measurement in the output")
	fs.StringVar(&o.tsv, "tsv", "", "append a tab-separated result row to this file")
	fs.DurationVar(&o.wait, "wait", 0, "only wait (at most this long) until URL answers 200")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() != 1 {
		return nil, errors.New("want exactly one URL")
	}
	u, err := url.Parse(fs.Arg(0))
	if err != nil || u.Scheme != "http" {
		return nil, fmt.Errorf("%q: want an http:// URL", fs.Arg(0))
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("%q: load goes to a loopback address (127.0.0.1) only", u.Host)
	}
	o.target = u
	switch {
	case o.conns < 1 || o.conns > maxConnections:
		return nil, fmt.Errorf("-c %d: want 1…%d", o.conns, maxConnections)
	case o.duration <= 0 || o.duration > maxDuration:
		return nil, fmt.Errorf("-d %s: want up to %s", o.duration, maxDuration)
	case o.warmup < 0 || o.warmup > maxDuration:
		return nil, fmt.Errorf("-warmup %s: want up to %s", o.warmup, maxDuration)
	case o.wait < 0 || o.wait > maxDuration:
		return nil, fmt.Errorf("-wait %s: want up to %s", o.wait, maxDuration)
	case o.maxRequests < 1:
		return nil, errors.New("-max-requests must be positive")
	}
	if o.label == "" {
		o.label = u.Path
	}
	return o, nil
}

func run(args []string, stdout io.Writer) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	if o.wait > 0 {
		return waitUp(o.target.String(), o.wait)
	}
	tr := &http.Transport{
		MaxIdleConns:        o.conns,
		MaxIdleConnsPerHost: o.conns,
		MaxConnsPerHost:     o.conns,
		DisableCompression:  true,
		IdleConnTimeout:     time.Minute,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport:     tr,
		Timeout:       o.timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	cookie := ""
	if o.email != "" {
		if cookie, err = signIn(client, o.target, o.email, o.password); err != nil {
			return err
		}
	}
	// One request first, to say plainly when the page is not what we think.
	if st, loc, err := once(client, o.target.String(), cookie); err != nil {
		return fmt.Errorf("first request: %w", err)
	} else if st != http.StatusOK {
		fmt.Fprintf(os.Stderr, "load: warning: %s answers %d %s (measuring anyway)\n", o.target, st, loc)
	}
	res := measure(client, o, cookie)
	res.print(stdout, o)
	if o.tsv != "" {
		return res.appendTSV(o)
	}
	return nil
}

// waitUp polls u until it answers 200, for at most limit.
func waitUp(u string, limit time.Duration) error {
	c := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if resp, err := c.Get(u); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer 200 within %s", u, limit)
}

// signIn posts the sign-in form and returns the Cookie header to send.
func signIn(client *http.Client, target *url.URL, email, password string) (string, error) {
	login := &url.URL{Scheme: target.Scheme, Host: target.Host, Path: "/login"}
	resp, err := client.PostForm(login.String(), url.Values{"email": {email}, "password": {password}})
	if err != nil {
		return "", fmt.Errorf("sign in: %w", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("sign in as %s: status %d (want 303)", email, resp.StatusCode)
	}
	var parts []string
	for _, c := range resp.Cookies() {
		parts = append(parts, c.Name+"="+c.Value)
	}
	if len(parts) == 0 {
		return "", errors.New("sign in: no session cookie")
	}
	return strings.Join(parts, "; "), nil
}

func once(client *http.Client, u, cookie string) (int, string, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return 0, "", err
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Location"), nil
}

type result struct {
	requests  int
	errors    int
	statuses  map[int]int
	latencies []time.Duration
	elapsed   time.Duration
	bytes     int64
	rssPeakKB int // highest VmRSS seen while measuring
	hwmKB     int // VmHWM (lifetime peak) at the end
}

// measure runs the closed loop: warm-up, then measuring until the time is
// up or maxRequests were measured.
func measure(client *http.Client, o *options, cookie string) *result {
	ctx, cancel := context.WithTimeout(context.Background(), o.warmup+o.duration)
	defer cancel()
	measureFrom := time.Now().Add(o.warmup)
	measureTo := measureFrom.Add(o.duration)

	var (
		mu       sync.Mutex
		res      = &result{statuses: map[int]int{}}
		counted  int
		stopOnce sync.Once
		stop     = make(chan struct{})
	)
	sampler := make(chan struct{})
	if o.pid > 0 {
		go func() {
			defer close(sampler)
			t := time.NewTicker(100 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-stop:
					return
				case now := <-t.C:
					if now.Before(measureFrom) {
						continue
					}
					if rss, _, err := procMem(o.pid); err == nil {
						mu.Lock()
						res.rssPeakKB = max(res.rssPeakKB, rss)
						mu.Unlock()
					}
				}
			}
		}()
	} else {
		close(sampler)
	}

	perWorker := o.maxRequests/o.conns + 1
	var wg sync.WaitGroup
	for w := 0; w < o.conns; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, min(perWorker, 1<<16))
			statuses := map[int]int{}
			var errs int
			var bytes int64
		loop:
			for {
				select {
				case <-stop:
					break loop
				default:
				}
				start := time.Now()
				if !start.Before(measureTo) || ctx.Err() != nil {
					break
				}
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, o.target.String(), nil) // #nosec G704 -- the target is the operator's own command-line URL; requesting it is what the tool is for
				if cookie != "" {
					req.Header.Set("Cookie", cookie)
				}
				resp, err := client.Do(req) // #nosec G704 -- req is the request to the operator's own target above
				var n int64
				status := 0
				if err == nil {
					n, err = io.Copy(io.Discard, resp.Body)
					_ = resp.Body.Close()
					status = resp.StatusCode
				}
				end := time.Now()
				if start.Before(measureFrom) || end.After(measureTo) {
					continue // warm-up, or cut off by the end
				}
				if err != nil {
					if ctx.Err() != nil {
						break
					}
					errs++
					continue
				}
				statuses[status]++
				if status >= 400 {
					errs++
				}
				bytes += n
				lat = append(lat, end.Sub(start))
				if len(lat)%256 == 0 {
					mu.Lock()
					counted += 256
					full := counted >= o.maxRequests
					mu.Unlock()
					if full {
						stopOnce.Do(func() { close(stop) })
						break
					}
				}
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			res.errors += errs
			res.bytes += bytes
			for s, c := range statuses {
				res.statuses[s] += c
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	end := time.Now()
	stopOnce.Do(func() { close(stop) })
	cancel()
	<-sampler
	if end.After(measureTo) {
		end = measureTo
	}
	res.elapsed = end.Sub(measureFrom)
	res.requests = len(res.latencies)
	if o.pid > 0 {
		if rss, hwm, err := procMem(o.pid); err == nil {
			res.rssPeakKB = max(res.rssPeakKB, rss)
			res.hwmKB = hwm
		}
	}
	sort.Slice(res.latencies, func(i, j int) bool { return res.latencies[i] < res.latencies[j] })
	return res
}

// procMem reads VmRSS and VmHWM (kB) of a process.
func procMem(pid int) (rss, hwm int, err error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status") // #nosec G703 -- pid is an integer, so the path stays in /proc
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, _ := strconv.Atoi(f[0])
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			hwm = n
		}
	}
	return rss, hwm, sc.Err()
}

func (r *result) pct(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[int(q*float64(len(r.latencies)-1))]
}

func (r *result) rps() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.requests) / r.elapsed.Seconds()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (r *result) print(w io.Writer, o *options) {
	var st []string
	for s, c := range r.statuses {
		st = append(st, fmt.Sprintf("%d×%d", c, s))
	}
	sort.Strings(st)
	fmt.Fprintf(w, "%-22s %d conns %s: %9.1f req/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  %d requests, %d errors [%s], %.1f KB/response",
		o.label, o.conns, o.duration, r.rps(), ms(r.pct(0.50)), ms(r.pct(0.95)), ms(r.pct(0.99)),
		r.requests, r.errors, strings.Join(st, " "), float64(r.bytes)/float64(max(1, r.requests))/1024)
	if o.pid > 0 {
		fmt.Fprintf(w, "  RSS peak %.1f MB (VmHWM %.1f MB)", float64(r.rssPeakKB)/1024, float64(r.hwmKB)/1024)
	}
	fmt.Fprintln(w)
}

// appendTSV writes: label, req/s, p50 ms, p95 ms, p99 ms, requests,
// errors, RSS peak MB, VmHWM MB.
func (r *result) appendTSV(o *options) error {
	f, err := os.OpenFile(o.tsv, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600) // #nosec G703 -- the operator's own -tsv output file
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%s\t%.1f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%.1f\t%.1f\n", o.label, r.rps(),
		ms(r.pct(0.50)), ms(r.pct(0.95)), ms(r.pct(0.99)), r.requests, r.errors,
		float64(r.rssPeakKB)/1024, float64(r.hwmKB)/1024)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
