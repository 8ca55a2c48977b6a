package blueprints

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// registry holds every blueprint's id and constructor; each blueprint's
// file registers its own in an init function, so adding a blueprint edits
// no other file.
var registry []registered

// registered is one blueprint, built on first use: `scaffold new ID`
// builds only the blueprint it generates (building one compiles its rules'
// patterns and sizing tables; all three together took about 0.5 ms of a
// 15 ms run).
type registered struct {
	id    string
	build func() *spec.Blueprint // memoised: every call returns the same blueprint
}

// register adds a blueprint constructor under the id the blueprint it
// builds carries (TestRegisteredIDs checks); call it from the blueprint
// file's init function.
func register(id string, newBlueprint func() *spec.Blueprint) {
	registry = append(registry, registered{id, sync.OnceValue(newBlueprint)})
}

var (
	allOnce sync.Once
	all     []*spec.Blueprint
)

// All returns every blueprint, in the order `scaffold list` shows them: by
// the source material's pattern each one carries (its first P source: P1,
// P2, ... P10), then by id.
func All() []*spec.Blueprint {
	allOnce.Do(func() {
		for _, r := range registry {
			all = append(all, r.build())
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

// Lookup returns the blueprint with the given id, or nil; it builds no
// other blueprint.
func Lookup(id string) *spec.Blueprint {
	for _, r := range registry {
		if r.id == id {
			return r.build()
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
