package blueprints

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// registry holds the constructor of every blueprint; each blueprint's file
// registers its own in an init function, so adding a blueprint edits no
// other file.
var registry []func() *spec.Blueprint

// register adds a blueprint constructor; call it from the blueprint file's
// init function.
func register(newBlueprint func() *spec.Blueprint) { registry = append(registry, newBlueprint) }

var (
	allOnce sync.Once
	all     []*spec.Blueprint
)

// All returns every blueprint, in the order `scaffold list` shows them: by
// the source material's pattern each one carries (its first P source: P1,
// P2, ... P10), then by id.
func All() []*spec.Blueprint {
	allOnce.Do(func() {
		for _, f := range registry {
			all = append(all, f())
		}
		slices.SortStableFunc(all, func(a, b *spec.Blueprint) int {
			if pa, pb := patternNumber(a), patternNumber(b); pa != pb {
				return pa - pb
			}
			return strings.Compare(a.ID, b.ID)
		})
	})
	return all
}

// patternNumber is n of the blueprint's first source Pn, or a large number
// when it cites no pattern.
func patternNumber(b *spec.Blueprint) int {
	for _, s := range b.Sources {
		if n, err := strconv.Atoi(strings.TrimPrefix(s, "P")); err == nil && strings.HasPrefix(s, "P") {
			return n
		}
	}
	return 1 << 20
}

// Lookup returns the blueprint with the given id, or nil.
func Lookup(id string) *spec.Blueprint {
	for _, b := range All() {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// IDs lists every blueprint id.
func IDs() []string {
	var ids []string
	for _, b := range All() {
		ids = append(ids, b.ID)
	}
	return ids
}
