// Package tracker is Corepath's domain: the study plan, sessions, validation, time arithmetic and
// the analytics. It is pure Go: no UI toolkit and no database; storage implements Store.
package tracker

import (
	"errors"
	"fmt"
)

// Code classifies an Error so that callers (the command line, the app) can react to the kind
// of failure without parsing messages.
type Code string

const (
	Invalid  Code = "invalid"   // the input breaks a rule; the message says which and how to fix it
	NotFound Code = "not_found" // the thing named does not exist
	Conflict Code = "conflict"  // the change clashes with existing data (a duplicate, a dependency)
	InUse    Code = "in_use"    // the data file is locked by another process
	Damaged  Code = "damaged"   // the data file cannot be read as a Corepath store
	TooNew   Code = "too_new"   // the data file was written by a newer Corepath
	Internal Code = "internal"  // a bug or an I/O failure
)

// Error is the error type of the domain: a code and a message a person can act on.
type Error struct {
	Code    Code
	Message string
	Err     error // the underlying cause, if any
}

func (e *Error) Error() string { return e.Message }
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, Internal for an error that is not an *Error, "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}
