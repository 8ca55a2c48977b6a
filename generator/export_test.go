package generator

import (
	"encoding/hex"
	"slices"
	"strings"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/internal/hclrefs"
)

// SetStepHook makes every step of a Write call fn with the path just
// written and a function reporting whether a signal has been caught; an
// error from fn fails the write at that step. The returned function removes
// the hook. Tests that use it must not run in parallel.
func SetStepHook(fn func(path string, caught func() bool) error) (reset func()) {
	testHookStep = func(w *writer, path string) error {
		return fn(path, w.interrupted.Load)
	}
	return func() { testHookStep = nil }
}

// SetSyncHook makes Write call fn with the path of each staged file once
// it is flushed to disk; fn may be called from several goroutines at once.
// The returned function removes the hook.
func SetSyncHook(fn func(path string)) (reset func()) {
	testHookSynced = fn
	return func() { testHookSynced = nil }
}

// GenerateUncached is Generate parsing every static template anew instead
// of reusing the parse memoised by earlier generations of the process.
func GenerateUncached(b *spec.Blueprint, a spec.Answers) ([]File, error) {
	return withSnapshot(generate(b, a, true))
}

// SetParsedHook makes every generation call fn with each HCL file it parses
// at run time (see testHookParsed), the local values it defines and reads
// as proven.txt encodes them, and what the README reads of it as JSON ("" for
// a file the README does not read, or whose facts it cannot take). The
// returned function removes the hook. Tests that use it must not run in
// parallel.
func SetParsedHook(fn func(p string, data []byte, localRefs, readmeFacts string)) (reset func()) {
	testHookParsed = func(p string, data []byte, refs []hclrefs.Block, facts *readmeFacts) {
		encoded := ""
		if facts != nil {
			encoded = encodeFacts(*facts)
		}
		fn(p, data, encodeLocalRefs(refs), encoded)
	}
	return func() { testHookParsed = nil }
}

// ProvenKey is the key proven.txt lists a file under.
func ProvenKey(p string, data []byte) string {
	k := provenKey(p, data)
	return hex.EncodeToString(k[:])
}

// SetProvenTable makes generations read text as proven.txt (its lines
// sorted first, as TestProvenTable writes them). The returned function
// puts the real table back. Tests that use it must not run in parallel.
func SetProvenTable(text string) (reset func()) {
	saved := provenTable
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	slices.Sort(lines)
	sorted := strings.Join(lines, "\n") + "\n"
	provenTable = func() string { return sorted }
	return func() { provenTable = saved }
}

// Caught reports whether the write has caught SIGINT or SIGTERM.
func (wr *Writing) Caught() bool { return wr.w.interrupted.Load() }

// LookupProven looks key (hex) up in table as a run does, and returns what
// the table records of it: the local values and the README's facts.
func LookupProven(table, keyHex string) ([2]string, bool) {
	var key [16]byte
	if _, err := hex.Decode(key[:], []byte(keyHex)); err != nil {
		panic(err)
	}
	e, ok := lookupProven(table, key)
	return [2]string{e.refs, e.facts}, ok
}
