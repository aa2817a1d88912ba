// Package browsertest drives the real server with a real headless Chromium
// (through chromedp) and checks pages with axe-core, for end-to-end flow
// tests and the WCAG 2.1 A/AA checks of every page.
//
// A test starts a server and a browser with Start (or New for a server it
// already has), then works like a user: Navigate, Login, Fill, Click,
// SwitchLang, and checks each page with Axe and NoHorizontalScroll:
//
//	b := browsertest.Start(t)
//	b.Env.CreateUser(t, "Aino", "aino@example.fi", false)
//	b.Login("aino@example.fi", servertest.Password)
//	b.Navigate("/accessibility")
//	b.Axe(t)
//
// The browser is the Chromium at $KOHTAAMO_CHROMIUM (default
// /usr/bin/chromium) and axe-core is read from $KOHTAAMO_AXE_JS (default
// node_modules/axe-core/axe.min.js under the module root). When either is
// missing the tests skip, except under CI (CI set), where they fail.
// Screenshots go to $KOHTAAMO_SCREENSHOTS when it is set, else to the test's
// temporary directory.
package browsertest
