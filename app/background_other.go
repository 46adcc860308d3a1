//go:build !linux

package app

// inBackground runs fn on a goroutine (at a lower priority on Linux).
func inBackground(fn func()) { go fn() }
