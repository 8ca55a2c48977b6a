package blueprints

import (
	"fmt"
	"maps"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// tfFunctions are the Terraform functions validation conditions use, from
// the same libraries Terraform builds them on (go-cty's stdlib and HCL's
// tryfunc), so a condition evaluates here as it does in `terraform plan`.
var tfFunctions = map[string]function.Function{
	"can":      tryfunc.CanFunc,
	"try":      tryfunc.TryFunc,
	"regex":    stdlib.RegexFunc,
	"contains": stdlib.ContainsFunc,
	"tostring": stdlib.MakeToFunc(cty.String),
	"tonumber": stdlib.MakeToFunc(cty.Number),
	"range":    stdlib.RangeFunc,
	"floor":    stdlib.FloorFunc,
	"lower":    stdlib.LowerFunc,
	"split":    stdlib.SplitFunc,
	"format":   stdlib.FormatFunc,
	"distinct": stdlib.DistinctFunc,
	// Terraform's startswith: whether the string begins with the prefix.
	"startswith": function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "prefix", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(strings.HasPrefix(args[0].AsString(), args[1].AsString())), nil
		},
	}),
	// Terraform's alltrue: true when every element of the list is true.
	"alltrue": function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				if !v.True() {
					return cty.False, nil
				}
			}
			return cty.True, nil
		},
	}),
	// Terraform's length counts the characters of a string and the
	// elements of a collection.
	"length": function.New(&function.Spec{
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Number),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if args[0].Type() == cty.String {
				return stdlib.Strlen(args[0])
			}
			return args[0].Length(), nil
		},
	}),
}

// sampleResult says, per question key, whether scaffold (Go) and the
// generated validation blocks (Terraform) refuse the answer.
type sampleResult struct {
	goRefused, tfRefused map[string]bool
}

// checkSample answers b's questions in order, each from set (as typed on the
// command line) or from its default given the earlier answers, and checks
// every answer both with the Go rules and with the Terraform conditions
// evaluated against the complete answer set, as `terraform plan` does.
func checkSample(t *testing.T, b *spec.Blueprint, set map[string]string) sampleResult {
	t.Helper()
	var a spec.Answers
	res := sampleResult{goRefused: map[string]bool{}, tfRefused: map[string]bool{}}
	for _, q := range b.Questions {
		v := q.Default(a)
		if raw, ok := set[q.Key]; ok {
			var perr *spec.Diagnostic
			if v, perr = q.ParseText(raw); perr != nil {
				t.Fatalf("%s=%s does not parse: %v", q.Key, raw, perr)
			}
		}
		if len(q.Validate(v, a)) > 0 {
			res.goRefused[q.Key] = true
		}
		a = a.Set(q.Key, v)
	}
	vars := map[string]cty.Value{}
	for _, k := range a.Keys() {
		vars[k] = a.Get(k)
	}
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(vars)},
		Functions: tfFunctions,
	}
	for _, q := range b.Questions {
		var conds []spec.Expr
		if len(q.Choices) > 0 {
			choices := make([]spec.Expr, len(q.Choices))
			for i, c := range q.Choices {
				choices[i] = spec.Str(c.Value)
			}
			conds = append(conds, spec.Call("contains", spec.Tuple(choices...), spec.Var(q.Key)))
		}
		for _, r := range q.Rules {
			if cond := r.TerraformCondition(q.Key, a); cond != nil {
				conds = append(conds, cond)
			}
		}
		for _, c := range conds {
			src := spec.Text(c)
			expr, diags := hclsyntax.ParseExpression(src, q.Key+".condition", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatalf("%s: condition %s does not parse: %s", q.Key, src, diags.Error())
			}
			if !knownFunctions(expr) {
				// A shared question whose condition needs a Terraform
				// function go-cty lacks (cidrsubnet): can() would turn
				// the missing function into a refusal, so leave it to the
				// terraform tests.
				continue
			}
			v, diags := expr.Value(ctx)
			if diags.HasErrors() {
				// Terraform reports an error here too, which is not the
				// refusal with our message that we want.
				t.Fatalf("%s: condition %s fails to evaluate: %s", q.Key, src, diags.Error())
			}
			if v.Type() != cty.Bool || v.IsNull() {
				t.Fatalf("%s: condition %s is %#v, not a bool", q.Key, src, v)
			}
			if v.False() {
				res.tfRefused[q.Key] = true
			}
		}
	}
	return res
}

func TestScheduledBatchDefaultsAreValid(t *testing.T) {
	b := ScheduledBatch()
	if _, err := b.Resolve(nil, nil, true); err != nil {
		t.Fatalf("the defaults are refused: %v", err)
	}
	r := checkSample(t, b, nil)
	if len(r.goRefused) > 0 || len(r.tfRefused) > 0 {
		t.Fatalf("defaults refused: go %v, terraform %v", r.goRefused, r.tfRefused)
	}
}

// fargateAccepts is the REFERENCE table of Fargate vCPU → memory (MiB),
// written out independently of fargateSizes.
func fargateAccepts(vcpus float64, mem int) bool {
	between := func(lo, hi, step int) bool { return mem >= lo && mem <= hi && (mem-lo)%step == 0 }
	switch vcpus {
	case 0.25:
		return mem == 512 || mem == 1024 || mem == 2048
	case 0.5:
		return between(1024, 4096, 1024)
	case 1:
		return between(2048, 8192, 1024)
	case 2:
		return between(4096, 16384, 1024)
	case 4:
		return between(8192, 30720, 1024)
	case 8:
		return between(16384, 61440, 4096)
	case 16:
		return between(32768, 122880, 8192)
	}
	return false
}

func TestFargateMemoryRule(t *testing.T) {
	b := ScheduledBatch()
	vcpus := []string{"0.25", "0.5", "1", "2", "4", "8", "16"}
	mems := []int{512, 1024, 1536, 2048, 3072, 4096, 5120, 8192, 9216, 12288, 16384, 17408, 20480, 30720, 31744, 32768, 40960, 61440, 65536, 122880, 131072}
	for _, compute := range []string{"fargate", "fargate_spot", "ec2_spot"} {
		for _, v := range vcpus {
			for _, m := range mems {
				set := map[string]string{"compute": compute, "vcpus": v, "job_memory_mb": strconv.Itoa(m), "max_vcpus": "16"}
				r := checkSample(t, b, set)
				f, _ := strconv.ParseFloat(v, 64)
				want := compute == "ec2_spot" && f == math.Trunc(f) || compute != "ec2_spot" && fargateAccepts(f, m)
				if got := !r.goRefused["job_memory_mb"] && !r.goRefused["vcpus"]; got != want {
					t.Errorf("%s %s vCPU %d MiB: scaffold accepts %v, want %v (%v)", compute, v, m, got, want, r.goRefused)
				}
				if got := !r.tfRefused["job_memory_mb"] && !r.tfRefused["vcpus"]; got != want {
					t.Errorf("%s %s vCPU %d MiB: Terraform accepts %v, want %v (%v)", compute, v, m, got, want, r.tfRefused)
				}
			}
		}
	}
}

func TestBatchRulesAgreeWithTerraform(t *testing.T) {
	b := ScheduledBatch()
	for _, tc := range []struct {
		set     map[string]string
		refused string // the one question refused, or ""
	}{
		{map[string]string{"name": strings.Repeat("a", 38)}, ""},
		{map[string]string{"name": strings.Repeat("a", 39)}, "name"},
		{map[string]string{"compute": "lambda"}, "compute"},
		{map[string]string{"vcpus": "0.3"}, "vcpus"},
		{map[string]string{"vcpus": "3", "job_memory_mb": "6144"}, "vcpus"},
		{map[string]string{"vcpus": "0.25"}, ""},
		{map[string]string{"vcpus": "0.25", "job_memory_mb": "1536"}, "job_memory_mb"},
		{map[string]string{"vcpus": "1", "job_memory_mb": "1024"}, "job_memory_mb"},
		{map[string]string{"vcpus": "1", "job_memory_mb": "2048.5"}, "job_memory_mb"},
		{map[string]string{"vcpus": "16"}, ""},
		{map[string]string{"vcpus": "32"}, "vcpus"},
		{map[string]string{"compute": "ec2_spot", "vcpus": "32", "job_memory_mb": "65536", "max_vcpus": "64"}, ""},
		{map[string]string{"compute": "ec2_spot", "vcpus": "2.5"}, "vcpus"},
		{map[string]string{"compute": "ec2_spot", "job_memory_mb": "256"}, ""},
		{map[string]string{"compute": "ec2_spot", "job_memory_mb": "5"}, "job_memory_mb"},
		{map[string]string{"compute": "fargate", "job_memory_mb": "256"}, "job_memory_mb"},
		{map[string]string{"compute": "ec2_spot", "job_memory_mb": "3000"}, ""},
		{map[string]string{"vcpus": "16", "job_memory_mb": "32768", "max_vcpus": "8"}, "max_vcpus"},
		{map[string]string{"max_vcpus": "0"}, "max_vcpus"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i,m6i.2xlarge,optimal"}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i, m6i"}, "instance_types"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "big"}, "instance_types"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "z9.large"}, "instance_types"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i,c7g"}, "instance_types"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "default_arm64,m6i"}, "instance_types"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "default_x86_64"}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "a1,c7g"}, "instance_types"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "default_arm64,c7g,m7g.large"}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "g5,gr6.4xlarge,p4d", "gpus": "2"}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "g5,c6i", "gpus": "1"}, "gpus"},
		{map[string]string{"compute": "ec2_spot", "gpus": "0.5", "instance_types": "g5"}, "gpus"},
		{map[string]string{"compute": "fargate", "gpus": "1", "instance_types": "g5"}, "gpus"},
		{map[string]string{"compute": "ec2_spot", "instance_volume_gib": "29"}, "instance_volume_gib"},
		{map[string]string{"compute": "ec2_spot", "instance_volume_gib": "30"}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_volume_gib": "16384"}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_volume_gib": "16385"}, "instance_volume_gib"},
		{map[string]string{"compute": "ec2_spot", "instance_volume_gib": "100.5"}, "instance_volume_gib"},
		{map[string]string{"container_image": "python:3.12-slim"}, ""},
		{map[string]string{"container_image": "ghcr.io/org/tool/sub:v1.2.3"}, ""},
		{map[string]string{"container_image": "localhost:5000/job@sha256:" + strings.Repeat("a", 64)}, ""},
		{map[string]string{"container_image": "Python:3"}, "container_image"},
		{map[string]string{"container_image": "python:"}, "container_image"},
		{map[string]string{"container_image": "a b"}, "container_image"},
		{map[string]string{"job_command": ""}, "job_command"},
		{map[string]string{"job_attempts": "0"}, "job_attempts"},
		{map[string]string{"job_attempts": "11"}, "job_attempts"},
		{map[string]string{"job_attempts": "10"}, ""},
		{map[string]string{"job_timeout_s": "59"}, "job_timeout_s"},
		{map[string]string{"job_timeout_s": "60"}, ""},
		{map[string]string{"output_prefix": "reports/daily/"}, ""},
		{map[string]string{"output_prefix": "results"}, "output_prefix"},
		{map[string]string{"output_prefix": "/results/"}, "output_prefix"},
		{map[string]string{"output_prefix": "res*/"}, "output_prefix"},
		{map[string]string{"output_expiration_days": "0"}, "output_expiration_days"},
		{map[string]string{"output_expiration_days": "3650"}, ""},
	} {
		t.Run(fmt.Sprint(tc.set), func(t *testing.T) {
			r := checkSample(t, b, tc.set)
			want := map[string]bool{}
			if tc.refused != "" {
				want[tc.refused] = true
			}
			if !maps.Equal(r.goRefused, want) {
				t.Errorf("scaffold refuses %v, want %v", r.goRefused, want)
			}
			if !maps.Equal(r.tfRefused, want) {
				t.Errorf("Terraform refuses %v, want %v", r.tfRefused, want)
			}
		})
	}
}

func TestFargateMemoryErrorSuggests(t *testing.T) {
	b := ScheduledBatch()
	_, err := b.Resolve(map[string]spec.Given{
		"vcpus":         {Value: cty.NumberIntVal(1), Source: spec.FromFlag},
		"job_memory_mb": {Value: cty.NumberIntVal(1000), Source: spec.FromFlag},
	}, nil, true)
	if err == nil {
		t.Fatal("1 vCPU with 1000 MiB was accepted")
	}
	for _, want := range []string{"job_memory_mb = 1000", "with 1 vCPU Fargate takes 2048 to 8192 in steps of 1024 MiB", "the nearest is 2048"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestJobMemoryDefaultFitsEveryFargateSize(t *testing.T) {
	b := ScheduledBatch()
	for _, vcpu := range awsfacts.FargateVCPUCounts() {
		r := checkSample(t, b, map[string]string{"vcpus": spec.FormatNumber(vcpu)})
		if len(r.goRefused) > 0 || len(r.tfRefused) > 0 {
			t.Errorf("vcpus = %s with default memory: go refuses %v, terraform %v", spec.FormatNumber(vcpu), r.goRefused, r.tfRefused)
		}
	}
}

// knownFunctions reports whether every function expr calls is in tfFunctions.
func knownFunctions(expr hclsyntax.Expression) bool {
	ok := true
	hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		if call, isCall := n.(*hclsyntax.FunctionCallExpr); isCall {
			if _, known := tfFunctions[call.Name]; !known {
				ok = false
			}
		}
		return nil
	})
	return ok
}

// TestBatchInstanceCategories: issue 9's "refused, but AWS accepts it":
// Batch's categories are instance_types answers, alone or beside families,
// in Go and in the Terraform validation; a category Batch does not have is
// still refused, and so are GPUs on a category (none holds a GPU family).
func TestBatchInstanceCategories(t *testing.T) {
	b := ScheduledBatch()
	for _, cat := range awsfacts.BatchInstanceCategories {
		c := cat.Name
		if cat.Arch != "x86_64" {
			// Beside x86 families an arm64 category mixes architectures.
			continue
		}
		for _, types := range []string{c, c + ",c7i", "m6i.large," + c} {
			r := checkSample(t, b, map[string]string{"compute": "ec2_spot", "instance_types": types})
			if r.goRefused["instance_types"] || r.tfRefused["instance_types"] {
				t.Errorf("instance_types=%s is refused (go %v, terraform %v); Batch accepts it", types, r.goRefused["instance_types"], r.tfRefused["instance_types"])
			}
		}
		r := checkSample(t, b, map[string]string{"compute": "ec2_spot", "instance_types": c, "gpus": "1"})
		if !r.goRefused["gpus"] || !r.tfRefused["gpus"] {
			t.Errorf("gpus=1 with instance_types=%s is accepted (go %v, terraform %v); no category holds GPU instances", c, !r.goRefused["gpus"], !r.tfRefused["gpus"])
		}
	}
	for _, bad := range []string{"default_riscv", "default", "optimal_x86"} {
		r := checkSample(t, b, map[string]string{"compute": "ec2_spot", "instance_types": bad})
		if !r.goRefused["instance_types"] || !r.tfRefused["instance_types"] {
			t.Errorf("instance_types=%s is accepted (go %v, terraform %v)", bad, !r.goRefused["instance_types"], !r.tfRefused["instance_types"])
		}
	}
}

// TestBatchJobsFitAnInstance: a job that asks for more vCPUs, memory or
// GPUs than every instance of instance_types has stays RUNNABLE forever.
// scaffold refuses it from the instance type table; Terraform does not
// hold the table, so its validations accept it (the rules have no
// Condition).
func TestBatchJobsFitAnInstance(t *testing.T) {
	b := ScheduledBatch()
	largest := func(items string, f func(awsfacts.InstanceType) int) int {
		m := 0
		for _, item := range strings.Split(items, ",") {
			ts, _ := awsfacts.ExpandInstanceTypes(item)
			for _, it := range ts {
				m = max(m, f(it))
			}
		}
		return m
	}
	vcpusOf := func(it awsfacts.InstanceType) int { return it.VCPUs }
	memOf := func(it awsfacts.InstanceType) int { return it.MemoryMiB }
	gpusOf := func(it awsfacts.InstanceType) int { return it.GPUs }
	c6iV := largest("c6i.large", vcpusOf)
	c6iM := largest("c6i.large", memOf)
	c6iJob := largest("c6i.large", func(it awsfacts.InstanceType) int { return awsfacts.JobMemoryMiB(it) })
	g5G := largest("g5.xlarge,g5.2xlarge", gpusOf)
	optV := largest("optimal", vcpusOf)
	for _, tc := range []struct {
		set     map[string]string
		refused string
	}{
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i.large", "vcpus": strconv.Itoa(c6iV), "job_memory_mb": strconv.Itoa(c6iM - 512)}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i.large", "vcpus": strconv.Itoa(c6iV + 1), "job_memory_mb": "1024", "max_vcpus": "64"}, "vcpus"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i.large", "vcpus": "1", "job_memory_mb": strconv.Itoa(c6iM)}, "job_memory_mb"},
		// What the instance can give a job, not its installed memory: the
		// kernel, the ECS agent and the Batch AMI keep part of it.
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i.large", "vcpus": "1", "job_memory_mb": strconv.Itoa(c6iJob)}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i.large", "vcpus": "1", "job_memory_mb": strconv.Itoa(c6iJob + 1)}, "job_memory_mb"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "m6i.large", "vcpus": "2", "job_memory_mb": "8191"}, "job_memory_mb"},
		// The default memory fits a job that uses every vCPU.
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i.large", "vcpus": strconv.Itoa(c6iV)}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "g5.xlarge,g5.2xlarge", "gpus": strconv.Itoa(g5G)}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "g5.xlarge,g5.2xlarge", "gpus": strconv.Itoa(g5G + 1)}, "gpus"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "optimal", "vcpus": strconv.Itoa(optV), "max_vcpus": strconv.Itoa(optV), "job_memory_mb": "2048"}, ""},
		{map[string]string{"compute": "ec2_spot", "instance_types": "optimal", "vcpus": strconv.Itoa(optV + 1), "max_vcpus": strconv.Itoa(optV + 1), "job_memory_mb": "2048"}, "vcpus"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "c6i.nano"}, "instance_types"},
		{map[string]string{"compute": "ec2_spot", "instance_types": "g4ad.xlarge", "gpus": "1"}, "gpus"},
		{map[string]string{"compute": "fargate", "vcpus": "16", "job_memory_mb": "122880"}, ""},
	} {
		t.Run(fmt.Sprint(tc.set), func(t *testing.T) {
			r := checkSample(t, b, tc.set)
			want := map[string]bool{}
			if tc.refused != "" {
				want[tc.refused] = true
			}
			if !maps.Equal(r.goRefused, want) {
				t.Errorf("scaffold refuses %v, want %v", r.goRefused, want)
			}
			if len(r.tfRefused) > 0 {
				t.Errorf("Terraform refuses %v; these rules are scaffold's alone", r.tfRefused)
			}
		})
	}
}
