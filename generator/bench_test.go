package generator

import (
	"sync"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/internal/hclfmt"
)

// BenchmarkGenerate measures one in-process generation per blueprint, from
// default answers to the complete, checked file set, snapshot included
// (figures per blueprint in docs/performance.md). It is the warm case: a
// process that has generated before (tests, library users) has parsed the
// static templates and the partials already.
func BenchmarkGenerate(b *testing.B) { benchmarkGenerate(b, false) }

// BenchmarkGenerateCold is the same generation as the CLI sees it: a fresh
// process has parsed no static template yet, so every HCL file that
// templates/proven.txt does not list is parsed. (The partials'
// text/template parse, once per process, is not reset.)
func BenchmarkGenerateCold(b *testing.B) { benchmarkGenerate(b, true) }

func benchmarkGenerate(b *testing.B, cold bool) {
	// The tests compare every layout with hclwrite's; a benchmark measures
	// what the CLI does.
	defer func(old bool) { hclfmt.CrossCheck = old }(hclfmt.CrossCheck)
	hclfmt.CrossCheck = false
	for _, bp := range blueprints.All() {
		b.Run(bp.ID, func(b *testing.B) {
			res, err := bp.Resolve(nil, nil, true)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if cold {
					staticHCL = sync.Map{}
				}
				if _, err := Generate(bp, res.Answers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
