package awsfacts

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// The EC2 rules come in two layers. The Terraform validation holds the
// family list (about 150 names) and the shape family.size, which catches a
// made-up family such as z9 when terraform.tfvars is edited later; it does
// not carry the thousand-odd exact types. The Go check adds the exact
// table (c6i.nano has the right family and shape, but c6i has no nano),
// with a Rule of its own whose Condition is nil, so the conformance test
// knows Terraform leaves it to scaffold.

// instanceTypeShape is family.size, both lowercase (u7i-12tb.112xlarge,
// c7i.metal-24xl).
const instanceTypeShape = `^[a-z0-9-]+\.[a-z0-9-]+$`

var instanceTypeShapeRE = regexp.MustCompile(instanceTypeShape)

func strs(ss []string) spec.Expr {
	out := make([]spec.Expr, len(ss))
	for i, s := range ss {
		out[i] = spec.Str(s)
	}
	return spec.Tuple(out...)
}

// lowercase is s as an instance type or class is written, for a "did you
// mean" (rules.Suggesting): T3.micro → t3.micro.
func lowercase(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func familyOf(name string) string {
	f, _, _ := strings.Cut(name, ".")
	return f
}

// InstanceTypeFamily requires an EC2 instance type whose family the table
// knows, in the shape family.size.
func InstanceTypeFamily(example string) spec.Rule {
	return rules.Suggesting(rules.Custom("be an EC2 instance type: a family AWS offers (t3, t4g, m7i, c7g, r6g, ...) and a size, e.g. "+example,
		func(v cty.Value, _ spec.Answers) error {
			s := v.AsString()
			if !instanceTypeShapeRE.MatchString(s) {
				return rules.ErrRule
			}
			if FamilyTypes(familyOf(s)) == nil {
				// The table may lag AWS (families launched since its date, or
				// left out of its source): say which table, not that AWS has none.
				return fmt.Errorf("scaffold's instance type table (%s) has no family %q; if AWS offers it, the table needs a refresh (go generate ./blueprints/awsfacts)", EC2TableDate().Format("2006-01-02"), familyOf(s))
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.And(
				spec.Call("can", spec.Call("regex", spec.Str(instanceTypeShape), spec.Var(key))),
				spec.Call("contains", strs(InstanceFamilies()), spec.Index(spec.Call("split", spec.Str("."), spec.Var(key)), spec.Num(0))),
			)
		}), lowercase)
}

// InstanceTypeSize requires a size the family offers. Go only: see above.
func InstanceTypeSize() spec.Rule {
	return spec.Rule{
		Text: "be a size its family offers (the EC2 instance type table, " + EC2TableDate().Format("2006-01-02") + ")",
		Check: func(v cty.Value, _ spec.Answers) error {
			s := v.AsString()
			f := familyOf(s)
			if FamilyTypes(f) == nil || !instanceTypeShapeRE.MatchString(s) {
				return nil // InstanceTypeFamily reports it
			}
			if _, ok := LookupInstanceType(s); !ok {
				return fmt.Errorf("%s offers %s", f, familySizes(f))
			}
			return nil
		},
	}
}

// NotInstanceFamilies refuses the families listed, for the reason given
// ("Amazon Linux 2023 does not run on A1").
func NotInstanceFamilies(families []string, why string) spec.Rule {
	return rules.Custom("not be of the "+strings.Join(families, ", ")+" family: "+why,
		func(v cty.Value, _ spec.Answers) error {
			if slices.Contains(families, familyOf(v.AsString())) {
				return rules.ErrRule
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Not(spec.Call("contains", strs(families), spec.Index(spec.Call("split", spec.Str("."), spec.Var(key)), spec.Num(0))))
		})
}

// batchItemShape is one instance_types item: a category, a family or a
// type.
const batchItemShape = `^[a-z0-9_-]+(\.[a-z0-9-]+)?$`

var batchItemShapeRE = regexp.MustCompile(batchItemShape)

func batchItems(s string) []string { return strings.Split(s, ",") }

func categoryNames() []string {
	out := make([]string, len(BatchInstanceCategories))
	for i, c := range BatchInstanceCategories {
		out[i] = c.Name
	}
	return out
}

// BatchInstanceTypes requires a comma-separated list whose items are Batch
// categories (optimal, default_x86_64, default_arm64), EC2 families or
// types of a known family.
func BatchInstanceTypes() spec.Rule {
	known := append(categoryNames(), InstanceFamilies()...)
	return rules.Custom("be EC2 instance families or types AWS offers, or "+strings.Join(categoryNames(), ", ")+", separated by commas without spaces, e.g. c6i,m6i,r6i or g5.xlarge",
		func(v cty.Value, _ spec.Answers) error {
			for _, item := range batchItems(v.AsString()) {
				if !batchItemShapeRE.MatchString(item) || !slices.Contains(known, familyOf(item)) {
					if lower := strings.ToLower(item); lower != item && batchItemShapeRE.MatchString(lower) && slices.Contains(known, familyOf(lower)) {
						return fmt.Errorf("%q is not one: they are lowercase; did you mean %q?", item, lower)
					}
					return fmt.Errorf("%q is not one", item)
				}
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Call("alltrue", forEachItem(key,
				spec.And(
					spec.Call("can", spec.Call("regex", spec.Str(batchItemShape), itemRef())),
					spec.Call("contains", strs(known), spec.Index(spec.Call("split", spec.Str("."), itemRef()), spec.Num(0))),
				)))
		})
}

// BatchInstanceTypesKnown requires every family.size item to be a type of
// the table. Go only: see above.
func BatchInstanceTypesKnown() spec.Rule {
	return spec.Rule{
		Text: "name sizes each family offers (the EC2 instance type table, " + EC2TableDate().Format("2006-01-02") + ")",
		Check: func(v cty.Value, _ spec.Answers) error {
			for _, item := range batchItems(v.AsString()) {
				f := familyOf(item)
				if item == f || FamilyTypes(f) == nil {
					continue
				}
				if _, ok := LookupInstanceType(item); !ok {
					return fmt.Errorf("%s offers %s", f, familySizes(f))
				}
			}
			return nil
		},
	}
}

// BatchOneArchitecture refuses a list that mixes Graviton (arm64) and x86
// items: "the instance types that you select for the compute environment
// must share the same architecture" (ComputeResource.instanceTypes,
// https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html).
func BatchOneArchitecture() spec.Rule {
	return rules.Custom("not mix Graviton (arm64: c7g, m7g, default_arm64, ...) and x86 families, because a compute environment runs one architecture",
		func(v cty.Value, _ spec.Answers) error {
			archs := map[string][]string{}
			for _, item := range batchItems(v.AsString()) {
				a := itemArch(item)
				archs[a] = append(archs[a], item)
			}
			if len(archs) > 1 {
				return fmt.Errorf("arm64: %s; x86_64: %s", strings.Join(archs["arm64"], ","), strings.Join(archs["x86_64"], ","))
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			arm := spec.Or(
				spec.Cmp(itemRef(), "==", spec.Str("default_arm64")),
				spec.Call("can", spec.Call("regex", spec.Str(GravitonFamilyPattern), spec.Index(spec.Call("split", spec.Str("."), itemRef()), spec.Num(0)))),
			)
			return spec.Cmp(spec.Call("length", spec.Call("distinct", forEachItem(key, arm))), "==", spec.Num(1))
		})
}

// itemRef is the loop variable t of forEachItem.
func itemRef() spec.Expr { return spec.Ident("t") }

// forEachItem is [for t in split(",", var.<key>) : body].
func forEachItem(key string, body spec.Expr) spec.Expr {
	return spec.ForList("t", spec.Call("split", spec.Str(","), spec.Var(key)), body)
}

// batchCandidates are the instance types a Batch compute environment with
// instance_types list s may start.
func batchCandidates(s string) []InstanceType {
	var out []InstanceType
	for _, item := range batchItems(s) {
		ts, _ := ExpandInstanceTypes(item)
		out = append(out, ts...)
	}
	return out
}

// batchFit is the Go-only check that some instance of instance_types holds
// a job: with fewer vCPUs, less memory or fewer GPUs than it asks, the job
// stays RUNNABLE and is never placed.
//
// pre keeps the instances that hold what the job asks in the answers
// checked before (its GPUs, then its vCPUs): when none does, the rule of
// that answer reports it, and this one stays silent.
func batchFit(text string, c Compute, typesKey string, reads []string, pre func(a spec.Answers, t InstanceType) bool, fits func(v float64, t InstanceType) bool, largest func(ts []InstanceType) string) spec.Rule {
	return spec.Rule{
		Text: text,
		Check: func(v cty.Value, a spec.Answers) error {
			if !c.OnEC2(a) || !a.Has(typesKey) {
				return nil
			}
			var ts []InstanceType
			for _, t := range batchCandidates(a.String(typesKey)) {
				if pre(a, t) {
					ts = append(ts, t)
				}
			}
			if len(ts) == 0 {
				return nil // instance_types, or an answer before, is refused already
			}
			f, _ := v.AsBigFloat().Float64()
			for _, t := range ts {
				if fits(f, t) {
					return nil
				}
			}
			return fmt.Errorf("%s is %q: %s; Batch would leave the job RUNNABLE", typesKey, a.String(typesKey), largest(ts))
		},
		Reads: append([]string{c.Key, typesKey}, reads...),
	}
}

func answer(a spec.Answers, key string) float64 {
	if !a.Has(key) {
		return 0
	}
	return a.Float(key)
}

// MaxGPUsAsked and MaxVCPUsAsked are the bounds of the gpus and vcpus
// questions' Range rules: beyond them that rule alone reports the answer.
const (
	MaxGPUsAsked  = 16
	MaxVCPUsAsked = 256
)

// nonNVIDIAFamilies have accelerators the Price List counts as GPUs but
// ECS cannot assign to a container: ECS schedules NVIDIA GPUs only
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-gpu.html).
// g4ad has AMD Radeon GPUs, dl1 Habana Gaudi accelerators.
var nonNVIDIAFamilies = []string{"g4ad", "dl1"}

// ecsGPUs is how many GPUs a Batch job on t can reserve.
func ecsGPUs(t InstanceType) int {
	if slices.Contains(nonNVIDIAFamilies, t.Family) {
		return 0
	}
	return t.GPUs
}

// BatchGPUsFit requires an instance of instance_types with as many GPUs as
// a job reserves.
func BatchGPUsFit(c Compute, typesKey string) spec.Rule {
	return batchFit("be at most the NVIDIA GPUs of the largest instance in "+typesKey, c, typesKey, nil,
		// Without a GPU instance in the list, GPUFamilies reports it.
		func(_ spec.Answers, t InstanceType) bool { return t.GPUs > 0 },
		func(v float64, t InstanceType) bool { return float64(ecsGPUs(t)) >= v || v > MaxGPUsAsked },
		func(ts []InstanceType) string {
			best := slices.MaxFunc(ts, func(x, y InstanceType) int { return ecsGPUs(x) - ecsGPUs(y) })
			return fmt.Sprintf("the most NVIDIA GPUs is %d (%s)", ecsGPUs(best), best.Name)
		})
}

// BatchVCPUsFit requires an instance of instance_types with as many vCPUs
// (and GPUs, gpusKey) as a job reserves.
func BatchVCPUsFit(c Compute, typesKey, gpusKey string) spec.Rule {
	return batchFit("be at most the vCPUs of the largest instance in "+typesKey+" (with the GPUs the job asks)", c, typesKey, []string{gpusKey},
		func(a spec.Answers, t InstanceType) bool { return float64(ecsGPUs(t)) >= answer(a, gpusKey) },
		func(v float64, t InstanceType) bool { return float64(t.VCPUs) >= v || v > MaxVCPUsAsked },
		func(ts []InstanceType) string {
			best := slices.MaxFunc(ts, func(x, y InstanceType) int { return x.VCPUs - y.VCPUs })
			return fmt.Sprintf("the most vCPUs is %d (%s)", best.VCPUs, best.Name)
		})
}

// JobMemoryMiB is the memory Batch can give jobs on an instance, in MiB:
// the installed memory less the 5 % AWS recommends keeping for the kernel,
// the ECS agent and the system (an m4.large's 8192 MiB registers as 7985),
// less the 32 MiB the Batch AMI reserves. Source:
// https://docs.aws.amazon.com/batch/latest/userguide/memory-management.html
// and ecs-reserved-memory.html (read 2026-11-29).
func JobMemoryMiB(t InstanceType) int { return t.MemoryMiB*95/100 - 32 }

// BatchMemoryFits requires an instance of instance_types that can give a
// job the memory it reserves (JobMemoryMiB), with the vCPUs and GPUs it
// asks: a job asking for more than any instance registers is never placed.
func BatchMemoryFits(c Compute, typesKey, gpusKey, vcpusKey string) spec.Rule {
	return batchFit("be at most the memory Batch can give a job on the largest instance in "+typesKey+" that has the vCPUs and GPUs the job asks (its memory less 5 % and 32 MiB for the system)", c, typesKey, []string{gpusKey, vcpusKey},
		func(a spec.Answers, t InstanceType) bool {
			return float64(t.VCPUs) >= answer(a, vcpusKey) && float64(ecsGPUs(t)) >= answer(a, gpusKey)
		},
		func(v float64, t InstanceType) bool { return float64(JobMemoryMiB(t)) >= v },
		func(ts []InstanceType) string {
			best := slices.MaxFunc(ts, func(x, y InstanceType) int { return x.MemoryMiB - y.MemoryMiB })
			return fmt.Sprintf("the most a job can get is %d MiB (%s, %s installed)", JobMemoryMiB(best), best.Name, describeMiB(best.MemoryMiB))
		})
}

// BatchNotFamilies refuses instance_types items of the families listed,
// for the reason given.
func BatchNotFamilies(families []string, why string) spec.Rule {
	return rules.Custom("not name the "+strings.Join(families, ", ")+" family: "+why,
		func(v cty.Value, _ spec.Answers) error {
			for _, item := range batchItems(v.AsString()) {
				if slices.Contains(families, familyOf(item)) {
					return fmt.Errorf("%q is one", item)
				}
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Call("alltrue", forEachItem(key,
				spec.Not(spec.Call("contains", strs(families), spec.Index(spec.Call("split", spec.Str("."), itemRef()), spec.Num(0))))))
		})
}
