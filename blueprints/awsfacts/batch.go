package awsfacts

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// GPUInstancePattern is one GPU instance family or type: g4dn, g5.xlarge, gr6, p4d.
const GPUInstancePattern = `[gp][a-z]?[0-9][a-z0-9-]*(\.[a-z0-9]+)?`

// ImageRefPattern is a container image reference as Docker reads it:
// an optional registry host (with port), slash-separated lowercase path
// components, an optional tag and an optional digest.
const ImageRefPattern = `^` +
	`([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]+)?/)?` +
	`[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*` +
	`(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?` +
	`(@sha256:[a-f0-9]{64})?$`

// Compute names the answer that says where Batch jobs run (Key, e.g.
// "compute") and which of its values put them on EC2 instances (e.g.
// "ec2", "ec2_spot"); its other values are Fargate's.
type Compute struct {
	Key string
	EC2 []string
}

// OnEC2 reports whether the jobs run on EC2 instances for answers a.
func (c Compute) OnEC2(a spec.Answers) bool { return slices.Contains(c.EC2, a.String(c.Key)) }

// EC2Text is the EC2 values in words: "ec2_spot", "ec2 or ec2_spot".
func (c Compute) EC2Text() string { return strings.Join(c.EC2, " or ") }

// GPUFamilies requires GPU instance types (in the answer instanceTypesKey)
// when jobs reserve GPUs and run on EC2 (c): Batch would otherwise never
// find an instance to place them on.
func GPUFamilies(c Compute, instanceTypesKey string) spec.Rule {
	gpuOnly := `^` + GPUInstancePattern + `(,` + GPUInstancePattern + `)*$`
	re := rules.Regexp(gpuOnly)
	return rules.Custom("be 0 unless "+instanceTypesKey+" lists GPU families or types only (g4dn, g5, g6, p4d, ...)",
		func(v cty.Value, a spec.Answers) error {
			if v.AsBigFloat().Sign() > 0 && c.OnEC2(a) && !re.MatchString(a.String(instanceTypesKey)) {
				return fmt.Errorf("%s is %q", instanceTypesKey, a.String(instanceTypesKey))
			}
			return nil
		},
		func(key string, _ spec.Answers) spec.Expr {
			return spec.Or(spec.Cmp(spec.Var(key), "==", spec.Num(0)), spec.Call("can", spec.Call("regex", spec.Str(gpuOnly), spec.Var(instanceTypesKey))))
		}).Reading(c.Key, instanceTypesKey)
}

// FargateTableText is the Fargate vCPU and memory table in words.
func FargateTableText() string {
	parts := make([]string, len(fargateSizes))
	for i, s := range fargateSizes {
		parts[i] = s.text()
	}
	return strings.Join(parts, "; ")
}

// fargateTableShort is the table in a line: "0.25: 512, 1024 or 2048;
// 0.5: 1024-4096; ...", with the step after each range.
func fargateTableShort() string {
	parts := make([]string, len(fargateSizes))
	for i, s := range fargateSizes {
		if s.Only != nil {
			parts[i] = spec.FormatNumber(s.VCPU) + " vCPU: " + s.amounts() + " MiB"
		} else {
			parts[i] = fmt.Sprintf("%s: %d-%d by %d", spec.FormatNumber(s.VCPU), s.Min, s.Max, s.Step)
		}
	}
	return strings.Join(parts, "; ")
}

// FargateVCPUCounts lists the vCPU counts a Fargate job may reserve.
func FargateVCPUCounts() []float64 {
	out := make([]float64, len(fargateSizes))
	for i, s := range fargateSizes {
		out[i] = s.VCPU
	}
	return out
}

func fargateVCPUs() string {
	parts := make([]string, len(fargateSizes))
	for i, s := range fargateSizes {
		parts[i] = spec.FormatNumber(s.VCPU)
	}
	return strings.Join(parts, ", ")
}

// FargateVCPU requires a vCPU count Fargate offers, unless the jobs run on
// EC2 (c).
func FargateVCPU(c Compute) spec.Rule {
	return rules.Custom("be one of "+fargateVCPUs()+" on Fargate",
		func(v cty.Value, a spec.Answers) error {
			if c.OnEC2(a) {
				return nil
			}
			f, _ := v.AsBigFloat().Float64()
			if _, ok := fargateSizeFor(f); !ok {
				return fmt.Errorf("%s is %s; choose %s for other sizes", c.Key, a.String(c.Key), c.EC2Text())
			}
			return nil
		},
		func(key string, a spec.Answers) spec.Expr {
			if c.OnEC2(a) {
				return nil // compute is structural: this module never runs on Fargate
			}
			sizes := make([]spec.Expr, len(fargateSizes))
			for i, s := range fargateSizes {
				sizes[i] = spec.Num(s.VCPU)
			}
			return spec.Call("contains", spec.Tuple(sizes...), spec.Var(key))
		}).Reading(c.Key)
}

// EC2WholeVCPU requires a whole vCPU count when the jobs run on EC2 (c).
func EC2WholeVCPU(c Compute) spec.Rule {
	return rules.Custom("be a whole number on "+c.EC2Text(),
		func(v cty.Value, a spec.Answers) error {
			if c.OnEC2(a) && !v.AsBigFloat().IsInt() {
				return rules.ErrRule
			}
			return nil
		},
		func(key string, a spec.Answers) spec.Expr {
			if !c.OnEC2(a) {
				return nil // compute is structural: this module runs on Fargate
			}
			return spec.Cmp(spec.Call("floor", spec.Var(key)), "==", spec.Var(key))
		}).Reading(c.Key)
}

// FargateMemory checks a memory answer (MiB) against the Fargate table for
// the vCPU answer vcpusKey, unless the jobs run on EC2 (c). Its Terraform
// condition holds the table as an object keyed by the vCPU count as a
// string.
func FargateMemory(vcpusKey string, c Compute) spec.Rule {
	return rules.Custom("be an amount Fargate accepts for the vCPU count ("+fargateTableShort()+")",
		func(v cty.Value, a spec.Answers) error {
			if c.OnEC2(a) {
				return nil
			}
			vcpus := a.Float(vcpusKey)
			s, ok := fargateSizeFor(vcpus)
			if !ok {
				return nil // the vcpus rule reports it
			}
			f, _ := v.AsBigFloat().Float64()
			mem := s.memory()
			if slices.Contains(mem, int(f)) && float64(int(f)) == f {
				return nil
			}
			return fmt.Errorf("with %s vCPU Fargate takes %s MiB; the nearest is %d", spec.FormatNumber(s.VCPU), s.amounts(), nearest(mem, f))
		},
		func(key string, a spec.Answers) spec.Expr {
			if c.OnEC2(a) {
				return nil // compute is structural: this module never runs on Fargate
			}
			return fargateMemoryCondition(key, vcpusKey, func(s fargateSize) string { return spec.FormatNumber(s.VCPU) })
		}).Reading(vcpusKey, c.Key)
}

func nearest(values []int, f float64) int {
	best := values[0]
	for _, v := range values {
		if math.Abs(float64(v)-f) < math.Abs(float64(best)-f) {
			best = v
		}
	}
	return best
}

// defaultEC2JobMiBPerVCPU is the default memory per vCPU of a job on EC2:
// 1792 MiB, so that a job using every vCPU of a compute-optimised instance
// (2 GiB per vCPU) still fits in what that instance can give jobs
// (JobMemoryMiB: c6i.large's 4096 MiB gives 3859).
const defaultEC2JobMiBPerVCPU = 1792

// DefaultJobMemory is a default for a memory answer: the smallest memory
// Fargate accepts for the vCPU answer vcpusKey, or 1792 MiB per vCPU when
// the jobs run on EC2 (c).
func DefaultJobMemory(vcpusKey string, c Compute) func(spec.Answers) cty.Value {
	return func(a spec.Answers) cty.Value {
		vcpus := a.Float(vcpusKey)
		if !c.OnEC2(a) {
			if s, ok := fargateSizeFor(vcpus); ok {
				return cty.NumberIntVal(int64(s.memory()[0]))
			}
		}
		return cty.NumberIntVal(int64(max(512, math.Ceil(vcpus)*defaultEC2JobMiBPerVCPU)))
	}
}

// ECSAMIRootVolumeGiB is the size in GiB of the root volume of the
// ECS-optimized Amazon Linux 2023 images (standard and NVIDIA) that Batch
// boots: the image is built with a 30 GiB disk (block_device_size_gb in
// https://github.com/aws/amazon-ecs-ami/blob/main/variables.pkr.hcl), and a
// launch template may not give an instance a smaller volume than its
// image's snapshot (RunInstances refuses it).
const ECSAMIRootVolumeGiB = 30

// GP3MaxGiB is the largest gp3 volume, 16 TiB (Amazon EBS volume types,
// https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html).
const GP3MaxGiB = 16384
