package main

import (
	"fmt"
	"strings"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// missingText lists the answers nothing gave as `--set` lines a user can
// paste, with their defaults.
func missingText(e *spec.MissingError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d answer(s) missing and no terminal to ask them on; pass each with `--set`, use `--answers FILE`, or accept the defaults with `--yes`:", len(e.Missing))
	for i, q := range e.Missing {
		fmt.Fprintf(&b, "\n  --set %s", shellQuote(q.Key+"="+spec.Display(e.Defaults[i])))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// characters, so a listed `--set` line can be pasted as it is.
func shellQuote(s string) string {
	plain := true
	for _, r := range s {
		if !(r == '_' || r == '-' || r == '.' || r == '/' || r == '=' || r == ':' || r == ',' || r == '@' || r == '+' ||
			(r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
