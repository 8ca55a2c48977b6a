package generator_test

import (
	"testing"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/generator"
)

// BenchmarkGenerate measures one in-process generation per blueprint, from
// default answers to the complete, formatted file set (target: ≤ 2 ms and
// ≤ 5 MB allocated per generation).
func BenchmarkGenerate(b *testing.B) {
	for _, bp := range blueprints.All() {
		b.Run(bp.ID, func(b *testing.B) {
			res, err := bp.Resolve(nil, nil, true)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generator.Generate(bp, res.Answers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
