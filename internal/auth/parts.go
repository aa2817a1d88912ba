package auth

import "embed"

// Locales holds this domain's messages, locales/{fi,sv,en}.toml; the
// server collects every domain's catalogue into one bundle.
//
//go:embed locales
var Locales embed.FS
