package generator

import (
	"sync"
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
)

// BenchmarkGenerateCold is BenchmarkGenerate as the CLI sees it: a fresh
// process has checked no static template yet, so every file is parsed and
// formatted. BenchmarkGenerate measures the warm case (a process that
// generates more than once, as tests and library users do).
func BenchmarkGenerateCold(b *testing.B) {
	for _, bp := range blueprints.All() {
		b.Run(bp.ID, func(b *testing.B) {
			res, err := bp.Resolve(nil, nil, true)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				staticHCL = sync.Map{}
				if _, err := Generate(bp, res.Answers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
