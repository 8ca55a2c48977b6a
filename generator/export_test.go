package generator

import "github.com/scaffold-tf/scaffold/blueprints/spec"

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
	return generate(b, a, true)
}
