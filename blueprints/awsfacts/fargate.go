package awsfacts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// fargateSize is one vCPU size of Fargate and the memory amounts it accepts.
type fargateSize struct {
	VCPU           float64
	Min, Max, Step int   // memory in MiB, when it is a range
	Only           []int // memory in MiB, when it is a short list
}

// CPUUnits is the size in ECS CPU units (1024 to the vCPU), as a task
// definition's cpu takes it.
func (s fargateSize) CPUUnits() int { return int(s.VCPU * 1024) }

// memory lists the memory amounts, in MiB, Fargate accepts for this size.
func (s fargateSize) memory() []int {
	if s.Only != nil {
		return s.Only
	}
	var out []int
	for m := s.Min; m <= s.Max; m += s.Step {
		out = append(out, m)
	}
	return out
}

// amounts describes the accepted memory: "512, 1024 or 2048", or
// "2048 to 8192 in steps of 1024".
func (s fargateSize) amounts() string {
	if s.Only != nil {
		parts := make([]string, len(s.Only))
		for i, m := range s.Only {
			parts[i] = fmt.Sprint(m)
		}
		return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
	}
	return fmt.Sprintf("%d to %d in steps of %d", s.Min, s.Max, s.Step)
}

func (s fargateSize) text() string { return spec.FormatNumber(s.VCPU) + " vCPU: " + s.amounts() }

// fargateSizes are the CPU and memory pairs a Linux Fargate task accepts,
// whether ECS runs it for a service or AWS Batch for a job. 8 and 16 vCPU
// need platform version 1.4.0 or later (LATEST is). Windows tasks take
// 1 to 4 vCPU only; scaffold runs Linux containers.
//
// Source: Amazon ECS Developer Guide, "Task CPU and memory" of Fargate task
// definitions, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
// and https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
// (read 2026-11-29). The ECS API refuses other pairs with "No Fargate
// configuration exists for given values"; the provider checks neither.
var fargateSizes = []fargateSize{
	{VCPU: 0.25, Only: []int{512, 1024, 2048}},
	{VCPU: 0.5, Min: 1024, Max: 4096, Step: 1024},
	{VCPU: 1, Min: 2048, Max: 8192, Step: 1024},
	{VCPU: 2, Min: 4096, Max: 16384, Step: 1024},
	{VCPU: 4, Min: 8192, Max: 30720, Step: 1024},
	{VCPU: 8, Min: 16384, Max: 61440, Step: 4096},
	{VCPU: 16, Min: 32768, Max: 122880, Step: 8192},
}

func fargateSizeFor(vcpus float64) (fargateSize, bool) {
	for _, s := range fargateSizes {
		if s.VCPU == vcpus {
			return s, true
		}
	}
	return fargateSize{}, false
}

func fargateSizeForUnits(units float64) (fargateSize, bool) { return fargateSizeFor(units / 1024) }

// FargateTaskCPUUnits lists the task CPU sizes, in ECS CPU units, that
// Fargate offers: 256 to 16384.
func FargateTaskCPUUnits() []int {
	out := make([]int, len(fargateSizes))
	for i, s := range fargateSizes {
		out[i] = s.CPUUnits()
	}
	return out
}

// FargateTaskMemoryFor lists the memory amounts (MiB) Fargate accepts for
// a task of cpu units; nil for a size Fargate does not offer.
func FargateTaskMemoryFor(cpu int) []int {
	s, ok := fargateSizeForUnits(float64(cpu))
	if !ok {
		return nil
	}
	return s.memory()
}

// FargateTaskTableText is the table in CPU units, in words:
// "256 (0.25 vCPU): 512, 1024 or 2048 MiB; 512 (0.5 vCPU): 1024 to 4096
// in steps of 1024; ...".
func FargateTaskTableText() string {
	parts := make([]string, len(fargateSizes))
	for i, s := range fargateSizes {
		parts[i] = fmt.Sprintf("%d (%s vCPU): %s", s.CPUUnits(), spec.FormatNumber(s.VCPU), s.amounts())
	}
	return strings.Join(parts, "; ") + " (MiB)"
}

func fargateUnitsText() string {
	parts := make([]string, len(fargateSizes))
	for i, s := range fargateSizes {
		parts[i] = fmt.Sprint(s.CPUUnits())
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// FargateTaskCPU requires a task CPU size (ECS CPU units) that Fargate
// offers.
func FargateTaskCPU() spec.Rule {
	return rules.Custom("be one of "+fargateUnitsText()+" CPU units (1024 to the vCPU), the task sizes Fargate offers",
		func(v cty.Value, _ spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if _, ok := fargateSizeForUnits(f); !ok {
				return rules.ErrRule
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			sizes := make([]spec.Expr, len(fargateSizes))
			for i, s := range fargateSizes {
				sizes[i] = spec.Num(float64(s.CPUUnits()))
			}
			return spec.Call("contains", spec.Tuple(sizes...), spec.Var(key))
		})
}

// FargateTaskMemory checks a task memory answer (MiB) against the Fargate
// table for the task CPU answer cpuKey (ECS CPU units). Its Terraform
// condition holds the table as an object keyed by the CPU units as a
// string.
func FargateTaskMemory(cpuKey string) spec.Rule {
	return rules.Custom("be an amount Fargate accepts for the task's CPU ("+FargateTaskTableText()+")",
		func(v cty.Value, a spec.Answers) error {
			s, ok := fargateSizeForUnits(a.Float(cpuKey))
			if !ok {
				return nil // the cpu rule reports it
			}
			f, _ := v.AsBigFloat().Float64()
			mem := s.memory()
			if slices.Contains(mem, int(f)) && float64(int(f)) == f {
				return nil
			}
			return fmt.Errorf("with %d CPU units Fargate takes %s MiB; the nearest is %d", s.CPUUnits(), s.amounts(), nearest(mem, f))
		},
		func(key string, _ spec.Answers) spec.Expr {
			return fargateMemoryCondition(key, cpuKey, func(s fargateSize) string { return fmt.Sprint(s.CPUUnits()) })
		}).Reading(cpuKey)
}

// DefaultFargateTaskMemory is a default for a task memory answer: the
// smallest amount Fargate accepts for the task CPU answer cpuKey (2048 MiB
// for 1024 units, 512 for 256).
func DefaultFargateTaskMemory(cpuKey string) func(spec.Answers) cty.Value {
	return func(a spec.Answers) cty.Value {
		if s, ok := fargateSizeForUnits(a.Float(cpuKey)); ok {
			return cty.NumberIntVal(int64(s.memory()[0]))
		}
		return cty.NumberIntVal(2048)
	}
}

// fargateMemoryCondition is the Terraform condition that memory answer key
// is in the table row of answer sizeKey, rows keyed by keyOf.
func fargateMemoryCondition(key, sizeKey string, keyOf func(fargateSize) string) spec.Expr {
	rows := make([]spec.Attr, len(fargateSizes))
	for i, s := range fargateSizes {
		var mem spec.Expr
		if s.Only != nil {
			vals := make([]spec.Expr, len(s.Only))
			for j, m := range s.Only {
				vals[j] = spec.Num(float64(m))
			}
			mem = spec.Tuple(vals...)
		} else {
			mem = spec.Call("range", spec.Num(float64(s.Min)), spec.Num(float64(s.Max+1)), spec.Num(float64(s.Step)))
		}
		rows[i] = spec.Attr{Name: spec.Str(keyOf(s)), Value: mem}
	}
	table := spec.Object(rows...)
	accepted := spec.Index(table, spec.Call("tostring", spec.Var(sizeKey)))
	// Indexing fails only for a size Fargate does not have, which the size
	// validation reports.
	return spec.Call("try", spec.Call("contains", accepted, spec.Var(key)), spec.Lit(cty.True))
}
