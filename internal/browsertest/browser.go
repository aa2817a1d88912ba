package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kohtaamo/kohtaamo/internal/db/dbtest"
	"github.com/kohtaamo/kohtaamo/internal/server/servertest"
)

// Environment variables read by the package.
const (
	// EnvChromium names the Chromium binary (default /usr/bin/chromium).
	EnvChromium = "KOHTAAMO_CHROMIUM"
	// EnvAxeJS names axe.min.js (default node_modules/axe-core/axe.min.js
	// under the module root).
	EnvAxeJS = "KOHTAAMO_AXE_JS"
	// EnvScreenshots names a directory that keeps screenshots after the
	// test; without it they go to the test's temporary directory.
	EnvScreenshots = "KOHTAAMO_SCREENSHOTS"
)

// DefaultChromium is the Debian Chromium binary.
const DefaultChromium = "/usr/bin/chromium"

// ActionTimeout bounds every single browser action (a navigation, a click,
// an axe run), so a missing element fails the test instead of hanging it.
var ActionTimeout = 30 * time.Second

// Desktop is the window size a browser starts with.
const (
	DesktopWidth  = 1280
	DesktopHeight = 900
)

// Browser is one headless Chromium tab pointed at a running test server.
// Its methods fail the test they were made for (see With) on any error.
type Browser struct {
	t testing.TB
	// Env is the server the browser talks to.
	Env *servertest.Env
	ctx context.Context
	log *consoleLog
}

// Start creates a migrated SQLite database, starts the real server on it
// and opens a browser on that server.
func Start(t testing.TB) *Browser {
	t.Helper()
	Require(t)
	return New(t, servertest.New(t, dbtest.SQLite(t)))
}

// Require skips the test when Chromium or axe-core is missing, or fails it
// under CI, where the browser tests must run.
func Require(t testing.TB) {
	t.Helper()
	if _, err := chromiumPath(); err != nil {
		missing(t, err)
	}
	if _, err := axeSource(); err != nil {
		missing(t, err)
	}
}

func missing(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("browser tests cannot run under CI: %v", err)
	}
	t.Skipf("skipping browser test: %v", err)
}

func chromiumPath() (string, error) {
	p := os.Getenv(EnvChromium)
	if p == "" {
		p = DefaultChromium
	}
	found, err := exec.LookPath(p)
	if err != nil {
		return "", fmt.Errorf("no Chromium at %s (set %s): %w", p, EnvChromium, err)
	}
	return found, nil
}

// New opens a headless Chromium with a fresh profile for env's server. The
// browser is closed when the test ends.
func New(t testing.TB, env *servertest.Env) *Browser {
	t.Helper()
	Require(t)
	exe, _ := chromiumPath()
	out := &syncBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		// Containers often have a tiny /dev/shm; Chromium crashes when it fills.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("mute-audio", true),
		// Phones draw scrollbars over the page; without this a classic
		// scrollbar would take 15 px of a 360 px viewport.
		chromedp.Flag("hide-scrollbars", true),
		// A Finnish user: the app should answer in Finnish by default.
		chromedp.Flag("lang", "fi-FI"),
		chromedp.Flag("accept-lang", "fi-FI,fi"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(DesktopWidth, DesktopHeight),
		chromedp.CombinedOutput(out),
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first Run starts the browser; it must not carry a timeout, which
	// would stop the whole browser when it expires.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		allocCancel()
		t.Fatalf("start browser %s: %v\n%s", exe, err, out.String())
	}
	b := &Browser{t: t, Env: env, ctx: ctx, log: &consoleLog{}}
	b.log.listen(ctx)
	t.Cleanup(func() {
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		defer ccancel()
		_ = chromedp.Cancel(cctx)
		cancel()
		allocCancel()
	})
	return b
}

// With returns the same browser (the same tab) reporting failures to t,
// for subtests. The subtests must not run in parallel: they share the tab.
func (b *Browser) With(t testing.TB) *Browser {
	c := *b
	c.t = t
	return &c
}

// Context returns the tab's chromedp context, for actions the helpers do not
// cover. Derive a timeout from it; do not cancel it.
func (b *Browser) Context() context.Context { return b.ctx }

// run runs actions with the action timeout.
func (b *Browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("browser: %s on %s: %v", what, b.location(), err)
	}
}

// navigate runs actions that load a page and returns the page's HTTP
// status.
func (b *Browser) navigate(what string, actions ...chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.t.Fatalf("browser: %s (from %s): %v", what, b.location(), err)
	}
	if res == nil {
		return 0
	}
	return int(res.Status)
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON
// result into T. A returned promise is awaited.
func Eval[T any](b *Browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("browser: evaluate %.80q on %s: %v", expr, b.location(), err)
	}
	return v
}

// location is the current URL for messages; it never fails the test.
func (b *Browser) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.location.href`))
	if err != nil {
		return "?"
	}
	return loc
}

// URL returns the absolute URL of path on the test server.
func (b *Browser) URL(path string) string { return b.Env.HTTP.URL + path }

// Navigate loads path (relative to the server) and returns the HTTP status
// of the page.
func (b *Browser) Navigate(path string) int {
	b.t.Helper()
	b.log.reset()
	return b.navigate("navigate to "+path, chromedp.Navigate(b.URL(path)))
}

// NavigateURL loads an absolute URL (another server, e.g. a fixture page
// in a test) and returns the HTTP status of the page.
func (b *Browser) NavigateURL(url string) int {
	b.t.Helper()
	b.log.reset()
	return b.navigate("navigate to "+url, chromedp.Navigate(url))
}

// Path returns the current path and query, e.g. "/networks/3?tab=members".
func (b *Browser) Path() string {
	b.t.Helper()
	return Eval[string](b, `location.pathname + location.search`)
}

// Click clicks the first element matching the CSS selector and waits for
// the page it leads to (a link or a form's submit button: Kohtaamo works
// without JavaScript, so a click navigates). It returns the HTTP status of
// the new page. Use Press for a click that stays on the page.
func (b *Browser) Click(sel string) int {
	b.t.Helper()
	b.log.reset()
	return b.navigate("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// Press clicks the first element matching the CSS selector without waiting
// for a navigation.
func (b *Browser) Press(sel string) {
	b.t.Helper()
	b.run("press "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// Fill sets the value of the input, textarea or select matching the CSS
// selector. Text fields are typed into key by key, like a user does; dates,
// selects and other controls get their value set directly, with input and
// change events.
func (b *Browser) Fill(sel, value string) {
	b.t.Helper()
	b.run("wait for "+sel, chromedp.WaitReady(chromedp.CSS(sel)))
	kind := Eval[string](b, fmt.Sprintf(`(() => {
  const el = document.querySelector(%s);
  if (!el) return "missing";
  const typed = ["text", "email", "password", "search", "tel", "url", "number"];
  if (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && typed.includes(el.type))) {
    el.value = ""; el.focus(); return "type";
  }
  return "set";
})()`, jsString(sel)))
	switch kind {
	case "missing":
		b.t.Fatalf("browser: fill %s: no such element on %s", sel, b.location())
	case "type":
		if value != "" {
			b.run("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), value))
		}
	default:
		b.Set(sel, value)
	}
	if got := b.Value(sel); got != value {
		b.t.Fatalf("browser: fill %s with %q: the field holds %q", sel, value, got)
	}
}

// Set sets an element's value directly and fires input and change events
// (for selects, dates and anything SendKeys cannot type).
func (b *Browser) Set(sel, value string) {
	b.t.Helper()
	ok := Eval[bool](b, fmt.Sprintf(`(() => {
  const el = document.querySelector(%s);
  if (!el) return false;
  el.value = %s;
  el.dispatchEvent(new Event("input", {bubbles: true}));
  el.dispatchEvent(new Event("change", {bubbles: true}));
  return true;
})()`, jsString(sel), jsString(value)))
	if !ok {
		b.t.Fatalf("browser: set %s: no such element on %s", sel, b.location())
	}
}

// Select chooses the option with the given visible label (or value) in
// the select matching the CSS selector.
func (b *Browser) Select(sel, labelOrValue string) {
	b.t.Helper()
	v := Eval[*string](b, fmt.Sprintf(`(() => {
  const el = document.querySelector(%s);
  if (!el) return null;
  const want = %s;
  const opt = Array.from(el.options).find(o => o.value === want || o.textContent.trim() === want);
  return opt ? opt.value : null;
})()`, jsString(sel), jsString(labelOrValue)))
	if v == nil {
		b.t.Fatalf("browser: select %s: no option %q on %s", sel, labelOrValue, b.location())
	}
	b.Set(sel, *v)
}

// SelectMany selects exactly the options with the given labels or values
// in the multiple select matching the CSS selector.
func (b *Browser) SelectMany(sel string, labelsOrValues ...string) {
	b.t.Helper()
	want, _ := json.Marshal(labelsOrValues)
	missing := Eval[[]string](b, fmt.Sprintf(`(() => {
  const el = document.querySelector(%s);
  if (!el) return ["(no such element)"];
  const want = %s, found = new Set();
  for (const o of el.options) {
    const hit = want.find(w => o.value === w || o.textContent.trim() === w);
    o.selected = hit !== undefined;
    if (hit !== undefined) found.add(hit);
  }
  el.dispatchEvent(new Event("input", {bubbles: true}));
  el.dispatchEvent(new Event("change", {bubbles: true}));
  return want.filter(w => !found.has(w));
})()`, jsString(sel), want))
	if len(missing) > 0 {
		b.t.Fatalf("browser: select %s: no options %q on %s", sel, missing, b.location())
	}
}

// Check makes sure the checkbox or radio button matching the CSS selector
// is checked, clicking it (as a user does) when it is not.
func (b *Browser) Check(sel string) {
	b.t.Helper()
	if !Eval[bool](b, fmt.Sprintf(`!!(document.querySelector(%s) || {}).checked`, jsString(sel))) {
		b.Press(sel)
	}
}

// Keys sends key presses to the focused element, e.g. "\t" for Tab (see
// github.com/chromedp/chromedp/kb for named keys).
func (b *Browser) Keys(keys string) {
	b.t.Helper()
	b.run(fmt.Sprintf("keys %q", keys), chromedp.KeyEvent(keys))
}

// Focused describes the focused element: its tag, id, classes and text.
func (b *Browser) Focused() string {
	b.t.Helper()
	return Eval[string](b, `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "body";
  let name = el.tagName.toLowerCase();
  if (el.id) name += "#" + el.id;
  if (el.classList.length) name += "." + Array.from(el.classList).join(".");
  return name + " " + JSON.stringify((el.innerText || el.value || "").trim().slice(0, 40));
})()`)
}

// Value returns the current value of the form control matching the CSS
// selector.
func (b *Browser) Value(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("browser: value of %s on %s: %v", sel, b.location(), err)
	}
	return v
}

// Text returns the visible text of the first element matching the CSS
// selector, with whitespace folded.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("browser: text of %s on %s: %v", sel, b.location(), err)
	}
	return strings.Join(strings.Fields(s), " ")
}

// Has reports whether an element matches the CSS selector now (no waiting).
func (b *Browser) Has(sel string) bool {
	b.t.Helper()
	return b.Count(sel) > 0
}

// Count returns how many elements match the CSS selector now.
func (b *Browser) Count(sel string) int {
	b.t.Helper()
	return Eval[int](b, fmt.Sprintf(`document.querySelectorAll(%s).length`, jsString(sel)))
}

// Lang returns the lang attribute of the page's <html> element.
func (b *Browser) Lang() string {
	b.t.Helper()
	return Eval[string](b, `document.documentElement.lang`)
}

// SwitchLang uses the page's own language switch to lang ("fi", "sv",
// "en": a link for the public, a form button when signed in) and checks
// that the page came back in that language.
func (b *Browser) SwitchLang(lang string) int {
	b.t.Helper()
	status := b.Click(fmt.Sprintf(`nav.lang a[hreflang=%q], nav.lang button[value=%q]`, lang, lang))
	if got := b.Lang(); got != lang {
		b.t.Fatalf("browser: switched language to %s but <html lang=%q> on %s", lang, got, b.location())
	}
	return status
}

// Login signs in through the login form and fails the test unless the
// sign-in succeeded.
func (b *Browser) Login(email, password string) {
	b.t.Helper()
	b.Navigate("/login")
	b.Fill("main #email", email)
	b.Fill("main #password", password)
	status := b.Click(`main form[action="/login"] button[type=submit]`)
	if p := b.Path(); status != 200 || strings.HasPrefix(p, "/login") {
		msg := ""
		if b.Has(".error-summary") {
			msg = b.Text(".error-summary")
		}
		b.t.Fatalf("browser: sign in as %s: status %d, on %s: %s", email, status, p, msg)
	}
}

// Logout signs out with the header's sign-out button.
func (b *Browser) Logout() {
	b.t.Helper()
	b.Click(`header form[action="/logout"] button`)
}

// Viewport resizes the page's viewport (e.g. 360×800 for a phone). Reload
// or navigate afterwards to lay the page out anew where it matters.
func (b *Browser) Viewport(width, height int64) {
	b.t.Helper()
	b.run(fmt.Sprintf("viewport %dx%d", width, height), chromedp.EmulateViewport(width, height))
}

// Desktop resets the viewport to the desktop window size.
func (b *Browser) Desktop() {
	b.t.Helper()
	b.Viewport(DesktopWidth, DesktopHeight)
}

// NoHorizontalScroll fails t when the page is wider than the viewport (the
// page scrolls sideways), and names the elements that stick out. Content
// that scrolls inside its own box (a .table-wrap) does not count.
func (b *Browser) NoHorizontalScroll(t testing.TB) {
	t.Helper()
	type overflow struct {
		Width, Viewport int
		Culprits        []string
	}
	o := Eval[overflow](b.With(t), `(() => {
  const vw = document.documentElement.clientWidth, sw = document.documentElement.scrollWidth;
  const out = {Width: sw, Viewport: vw, Culprits: []};
  if (sw <= vw) return out;
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    const parent = el.parentElement.getBoundingClientRect();
    // Name the outermost elements that stick out, not all their children.
    if (r.right > vw + 0.5 && parent.right <= vw + 0.5 && out.Culprits.length < 10) {
      let name = el.tagName.toLowerCase();
      if (el.id) name += "#" + el.id;
      if (el.classList.length) name += "." + Array.from(el.classList).join(".");
      out.Culprits.push(name + " (right " + Math.round(r.right) + "px)");
    }
  }
  return out;
})()`)
	if o.Width > o.Viewport {
		t.Errorf("%s scrolls sideways at %d px: content is %d px wide; sticking out: %s",
			b.location(), o.Viewport, o.Width, strings.Join(o.Culprits, ", "))
	}
}

// Screenshot saves a full-page PNG named name (".png" added) in
// $KOHTAAMO_SCREENSHOTS, or else in the test's temporary directory, and
// returns its path.
func (b *Browser) Screenshot(name string) string {
	b.t.Helper()
	dir := os.Getenv(EnvScreenshots)
	if dir == "" {
		dir = b.t.TempDir()
	} else if err := os.MkdirAll(dir, 0o750); err != nil { // #nosec G703 -- the test runner's own $KOHTAAMO_SCREENSHOTS
		b.t.Fatalf("screenshot dir: %v", err)
	}
	ctx, cancel := context.WithTimeout(b.ctx, ActionTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("browser: screenshot of %s: %v", b.location(), err)
	}
	name = unsafeName.ReplaceAllString(name, "-")
	if !strings.HasSuffix(name, ".png") {
		name += ".png"
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o600); err != nil { // #nosec G703 -- dir is the test runner's own; name has no separators left (unsafeName)
		b.t.Fatalf("write screenshot: %v", err)
	}
	return path
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// NoConsoleErrors fails t when the page reported a JavaScript error, a
// Content-Security-Policy violation or a failed sub-resource since the
// last navigation.
func (b *Browser) NoConsoleErrors(t testing.TB) {
	t.Helper()
	page := b.location()
	// The address the document was loaded from: a page that answers a
	// form post shows its form page's address (app.js) instead.
	loaded := Eval[string](b.With(t), `(performance.getEntriesByType("navigation")[0] || {}).name || ""`)
	for _, m := range b.log.errors() {
		// The page's own 404 or 422 status is logged as a failed load;
		// that is the page under test, not a broken resource.
		if m.Source == "network" && (m.URL == page || m.URL == loaded || m.URL == "") {
			continue
		}
		t.Errorf("console %s on %s: %s (%s)", m.Type, page, m.Text, m.URL)
	}
}

// consoleLog collects the tab's console errors since the last navigation.
type consoleLog struct {
	mu   sync.Mutex
	msgs []chromedp.ConsoleMessage
}

func (l *consoleLog) listen(ctx context.Context) {
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				l.mu.Lock()
				l.msgs = append(l.msgs, m)
				l.mu.Unlock()
			}
		}
	}()
}

func (l *consoleLog) reset() {
	l.mu.Lock()
	l.msgs = nil
	l.mu.Unlock()
}

func (l *consoleLog) errors() []chromedp.ConsoleMessage {
	// Messages come from another goroutine; give the last ones a moment.
	time.Sleep(50 * time.Millisecond)
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]chromedp.ConsoleMessage(nil), l.msgs...)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// moduleRoot walks up from the working directory to the directory holding
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}
