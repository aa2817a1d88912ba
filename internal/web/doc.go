// Package web is the HTML side every domain shares: template rendering with
// translated page views, the request middleware (request id, logging,
// panic recovery, security headers, metrics, language), mapping of
// app.Error codes to pages and statuses, form helpers and static files.
//
// The design tokens (static/tokens.css, npm run tokens) and the icons
// (go generate ./internal/web) are generated and committed.
package web

//go:generate go run ./internal/iconsgen
