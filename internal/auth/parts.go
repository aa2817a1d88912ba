package auth

import "embed"

// Locales holds this domain's messages, locales/{fi,sv,en}.toml; the
// server collects every domain's catalogue into one bundle.
//
//go:embed locales
var Locales embed.FS

// Mail holds this domain's mail templates, mail/<kind>.{txt,html}.
//
//go:embed mail
var Mail embed.FS
