package main

import (
	"errors"
	"fmt"
)

// Exit codes, in one place.
const (
	exitOK       = 0
	exitFailure  = 1 // something went wrong that is not the user's input
	exitBadInput = 2 // bad flag, argument or answer, or the user cancelled
)

// inputError marks an error the user fixes by changing what they typed.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

func badInput(format string, args ...any) error {
	return inputError{fmt.Errorf(format, args...)}
}

func isBadInput(err error) bool {
	var ie inputError
	return errors.As(err, &ie)
}
