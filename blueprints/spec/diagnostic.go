package spec

import (
	"errors"
	"fmt"
	"strings"
)

// Severity says whether a diagnostic stops generation.
type Severity int

const (
	// Error: the answer is refused; nothing is written (exit code 2).
	Error Severity = iota
	// Warning: the answer is accepted, but the user should know what it
	// means (no certificate: plain HTTP); `scaffold new` prints it.
	Warning
)

// Diagnostic is what a rule says of an answer, as Terraform's diagnostics
// do: its severity, the question (Key), the value, the rule it broke
// (completing "<key> must ...") and a detail. Errors and warnings from the
// rules reach the CLI as Diagnostics.
type Diagnostic struct {
	Severity Severity
	Key      string // question key, or the unknown key that was given
	Value    string // the value as given, quoted when it is a string
	Rule     string // completes "<key> must ..."; empty for unknown keys and warnings
	Detail   string // a specific reason or hint; the whole message when Rule is empty
}

// Error is the diagnostic in one line: "name = \"Shop\" is not accepted:
// name must ...", or the detail alone when there is no rule.
func (e *Diagnostic) Error() string {
	var b strings.Builder
	if e.Rule == "" {
		b.WriteString(e.Detail)
		return b.String()
	}
	fmt.Fprintf(&b, "%s = %s is not accepted: %s must %s", e.Key, e.Value, e.Key, e.Rule)
	if e.Detail != "" {
		fmt.Fprintf(&b, " (%s)", e.Detail)
	}
	return b.String()
}

// Diagnostics collects what the rules said of one run's answers, so a user
// fixes every refused answer at once.
type Diagnostics []*Diagnostic

func (es Diagnostics) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any diagnostic is an error.
func (es Diagnostics) HasErrors() bool {
	for _, e := range es {
		if e.Severity == Error {
			return true
		}
	}
	return false
}

// IsInputError reports whether err is the user's to fix (exit code 2).
func IsInputError(err error) bool {
	var ds Diagnostics
	var one *Diagnostic
	var m *MissingError
	return (errors.As(err, &ds) && ds.HasErrors()) || (errors.As(err, &one) && one.Severity == Error) || errors.As(err, &m)
}
