package meeting

import "embed"

// Locales holds this domain's messages, locales/{fi,sv,en}.toml; the
// server collects every domain's catalogue into one bundle.
//
//go:embed locales
var Locales embed.FS

// OpenAPI is this domain's part of the API description (tags, paths and
// schemas), assembled with the others by apidoc.Assemble.
//
//go:embed openapi.json
var OpenAPI []byte

// Mail holds this domain's mail templates, mail/<kind>.{txt,html}.
//
//go:embed mail
var Mail embed.FS
