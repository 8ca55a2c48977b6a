package generator

import (
	"sync"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
)

// BenchmarkGenerate measures one in-process generation per blueprint, from
// default answers to the complete, formatted file set (target: ≤ 2 ms and
// ≤ 5 MB allocated per generation). It is the warm case: a process that has
// generated before (tests, library users) has checked the static templates
// already.
func BenchmarkGenerate(b *testing.B) { benchmarkGenerate(b, false) }

// BenchmarkGenerateCold is the same generation as the CLI sees it: a fresh
// process has checked no static template yet, so every file is parsed and
// formatted.
func BenchmarkGenerateCold(b *testing.B) { benchmarkGenerate(b, true) }

func benchmarkGenerate(b *testing.B, cold bool) {
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
