// Package web is the HTML side every domain shares: template rendering with
// translated page views, the request middleware (request id, logging,
// panic recovery, security headers, metrics, language), mapping of
// app.Error codes to pages and statuses, form helpers and static files.
package web
