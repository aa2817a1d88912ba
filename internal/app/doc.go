// Package app is Kohtaamo's kernel: the error type shared by every layer,
// the clock, and the signed-in user carried in a request's context.
// It imports nothing from the rest of the module.
package app
