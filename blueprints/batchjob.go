package blueprints

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// minJobMemoryMiB is the least memory a job may reserve on EC2.
const minJobMemoryMiB = 6

// maxMaxVCPUs is the most max_vcpus takes: Batch sets no upper limit on
// maxvCpus (the account's EC2 or Fargate vCPU quota does); 10,000 is
// scaffold's ceiling on a runaway submission.
const maxMaxVCPUs = 10000

// batchComputeChoices are the places the batch component can run jobs,
// the values of its compute question; a blueprint offers some of them.
var batchComputeChoices = map[string]spec.Choice{
	"fargate":      {Value: "fargate", Help: "serverless containers, on-demand: simplest, never interrupted"},
	"fargate_spot": {Value: "fargate_spot", Help: "serverless containers on spare capacity: cheaper, interruptible"},
	"ec2":          {Value: "ec2", Help: "EC2 On-Demand instances: GPUs and large jobs, never interrupted, slower start"},
	"ec2_spot":     {Value: "ec2_spot", Help: "EC2 Spot instances: cheapest, GPUs and large jobs, slower start"},
}

// batchJob is what a blueprint composing the batch component offers:
// the compute values (the first is the default) of its compute question.
type batchJob struct {
	offer []string
}

// compute is the compute answer as the awsfacts rules read it.
func (j batchJob) compute() awsfacts.Compute {
	c := awsfacts.Compute{Key: "compute"}
	for _, v := range j.offer {
		if strings.HasPrefix(v, "ec2") {
			c.EC2 = append(c.EC2, v)
		}
	}
	return c
}

func (j batchJob) fargate() bool {
	return slices.ContainsFunc(j.offer, func(v string) bool { return strings.HasPrefix(v, "fargate") })
}

// batchJobQuestions are the questions the batch component reads by key
// (compute, instance_types, gpus, vcpus, job_memory_mb, max_vcpus,
// job_attempts, job_timeout_s), for a blueprint offering the compute
// values offer, the first being the default. The blueprint may adjust a
// question's Default, Help or Rules (e.g. GPUs required) after the call;
// the job's image, command and data are its own questions (BatchParams).
func batchJobQuestions(offer ...string) []*spec.Question {
	j := batchJob{offer: offer}
	c := j.compute()
	onEC2 := c.OnEC2
	ec2When := "compute is " + c.EC2Text()

	var choices []spec.Choice
	var computeHelp []string
	for _, v := range offer {
		choice, ok := batchComputeChoices[v]
		if !ok {
			panic(fmt.Sprintf("batch compute %q is not one of the batch component's", v))
		}
		choices = append(choices, choice)
		switch v {
		case "fargate":
			computeHelp = append(computeHelp, "fargate: no instances to manage, billed per vCPU and memory for the job's duration, never interrupted (F15).")
		case "fargate_spot":
			computeHelp = append(computeHelp, "fargate_spot: the same on spare capacity, up to 70 % cheaper, but AWS may stop the job with two minutes' notice and Batch retries it (F21).")
		case "ec2":
			computeHelp = append(computeHelp, "ec2: EC2 On-Demand instances that Batch starts and stops, never interrupted, billed per second while they run; "+
				"instances take a few minutes to boot (F23).")
		case "ec2_spot":
			if slices.Contains(offer, "ec2") {
				computeHelp = append(computeHelp, "ec2_spot: the same instances on spare EC2 capacity, 70–90 % cheaper than On-Demand (F21), "+
					"which AWS may reclaim with two minutes' notice; Batch then retries the job, so it must be safe to run twice or checkpoint its progress.")
			} else {
				computeHelp = append(computeHelp, "ec2_spot: EC2 Spot instances that Batch starts and stops, 70–90 % cheaper than on-demand (F21), the only choice for GPUs (F22) "+
					"or more than 16 vCPU / 120 GB per job; instances take a few minutes to boot (F23).")
			}
		}
	}

	gpuRules := []spec.Rule{rules.Whole(), rules.Range(0, awsfacts.MaxGPUsAsked)}
	if j.fargate() {
		gpuRules = append(gpuRules, rules.Custom("be 0 unless "+ec2When+": Fargate has no GPUs",
			func(v cty.Value, a spec.Answers) error {
				if v.AsBigFloat().Sign() > 0 && !onEC2(a) {
					return fmt.Errorf("compute is %s", a.String("compute"))
				}
				return nil
			},
			func(key string, a spec.Answers) spec.Expr {
				if onEC2(a) {
					return nil // the module runs on EC2: nothing to check
				}
				return spec.Cmp(spec.Var(key), "==", spec.Num(0))
			}))
	}
	gpuRules = append(gpuRules, awsfacts.GPUFamilies(c, "instance_types"), awsfacts.BatchGPUsFit(c, "instance_types"))

	vcpuRules := []spec.Rule{rules.Range(0.25, awsfacts.MaxVCPUsAsked)}
	vcpuHelp := "The vCPUs each job reserves: a whole number, which must fit in one of the instance types."
	memoryHelp := "The memory each job reserves, in MiB: any amount from 6 MiB up to what an instance can give jobs: its memory less 5 % and 32 MiB for the kernel, " +
		"the ECS agent and the system, so 7750 MiB on an 8 GiB instance; a job asking for exactly 8192 never fits one. " +
		"Beyond Lambda's 10 GB limit, Batch is the tool (F8, F27)."
	memoryDefault := "1792 MiB per vCPU, so a job using every vCPU of a 2 GiB-per-vCPU instance fits"
	maxVCPUsHelp := "The compute environment's ceiling: Batch never runs more vCPUs than this across all jobs, which caps the cost of a runaway submission. " +
		"It must hold at least one job (vcpus). The environment shrinks to zero instances between runs."
	var memoryRules []spec.Rule
	if j.fargate() {
		vcpuRules = append(vcpuRules, awsfacts.FargateVCPU(c))
		vcpuHelp = "The vCPUs each job reserves. On Fargate one of 0.25, 0.5, 1, 2, 4, 8 or 16; on " + c.EC2Text() + " a whole number, " +
			"which must fit in one of the instance types. A job that needs more than 16 vCPU or a GPU needs " + c.EC2Text() + " (F22, F27)."
		memoryHelp = "The memory each job reserves, in MiB. Fargate accepts fixed amounts for each vCPU count: " + awsfacts.FargateTableText() + ". " +
			"On " + c.EC2Text() + " any amount from 6 MiB up to what an instance can give jobs: its memory less 5 % and 32 MiB for the kernel, the ECS agent and the system, so 7750 MiB on an 8 GiB instance; a job asking for exactly 8192 never fits one. " +
			"Beyond Lambda's 10 GB limit, Batch is the tool (F8, F27)."
		memoryDefault = "the smallest amount Fargate accepts for vcpus (2048 for 1 vCPU); 1792 per vCPU on " + c.EC2Text() + ", so a job using every vCPU of a 2 GiB-per-vCPU instance fits"
		maxVCPUsHelp = "The compute environment's ceiling: Batch never runs more vCPUs than this across all jobs, which caps the cost of a runaway submission. " +
			"It must hold at least one job (vcpus). On " + c.EC2Text() + " the environment shrinks to zero between runs."
		memoryRules = append(memoryRules, awsfacts.FargateMemory("vcpus", c))
	}
	vcpuRules = append(vcpuRules, awsfacts.EC2WholeVCPU(c), awsfacts.BatchVCPUsFit(c, "instance_types", "gpus"))
	memoryRules = append([]spec.Rule{
		rules.Whole(),
		// Batch takes 4 MiB or more, but Docker 20.10+ refuses a
		// container limit under 6 MiB, so the job would fail to
		// start (ECS task definition parameters, "memory"). Fargate's
		// own minimum (512) is the Fargate rule's.
		rules.Custom(fmt.Sprintf("be at least %d, the least memory Docker runs a container with", minJobMemoryMiB), func(v cty.Value, _ spec.Answers) error {
			if f, _ := v.AsBigFloat().Float64(); f < minJobMemoryMiB {
				return rules.ErrRule
			}
			return nil
		}, func(key string, _ spec.Answers) spec.Expr {
			return spec.Cmp(spec.Var(key), ">=", spec.Num(minJobMemoryMiB))
		}),
	}, append(memoryRules, awsfacts.BatchMemoryFits(c, "instance_types", "gpus", "vcpus"))...)

	return []*spec.Question{
		{
			Key:     "compute",
			Shape:   spec.Selects,
			Prompt:  "Batch compute",
			Help:    "Where the job's containers run. " + strings.Join(computeHelp, " "),
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal(offer[0])),
			Choices: choices,
		},
		{
			Key:    "instance_types",
			Prompt: "EC2 instance families or types (comma-separated)",
			Help: "The instances Batch may start, as families (c6i) or exact types (c6i.2xlarge), separated by commas without spaces. " +
				"More families mean more Spot pools to choose from, fewer interruptions and faster starts (F21). " +
				"C families suit compute-heavy jobs, M general work, R memory-heavy jobs (F1); g5, g6 or p4d for GPUs (F22). " +
				"Or let Batch choose: default_x86_64 (m6i, c6i, r6i, c7i), default_arm64 (m6g, c6g, r6g, c7g) or optimal (since November 2025 the same as default_x86_64). " +
				"Graviton (c7g, m7g, default_arm64: arm64) and x86 families cannot share one environment, and Graviton needs an arm64 image. " +
				"Each job must fit one of these instances (vCPUs, memory, GPUs), or Batch leaves it RUNNABLE.",
			Type:    cty.String,
			Default: spec.Fixed(cty.StringVal("c6i,m6i,r6i,c5,m5,r5")),
			Rules: []spec.Rule{
				rules.Length(1, 512),
				awsfacts.BatchInstanceTypes(),
				awsfacts.BatchInstanceTypesKnown(),
				awsfacts.BatchOneArchitecture(),
				// The compute environment boots the ECS-optimized Amazon
				// Linux 2023 image (batch.tf), which does not run on A1.
				awsfacts.BatchNotFamilies([]string{"a1"}, "the ECS-optimized Amazon Linux 2023 image Batch boots does not run on A1; use c7g, m7g or default_arm64 for Graviton"),
			},
			When: onEC2, WhenText: ec2When,
		},
		{
			Key:    "gpus",
			Prompt: "GPUs per job",
			Help: "How many GPUs each job reserves (F22). 0 for CPU-only jobs. Above 0, instance_types must list GPU families only (g4dn, g5, g6, p4d, ...), " +
				"one of which has that many GPUs, and Batch boots them with the NVIDIA-enabled ECS image. " +
				"A new account's vCPU quota for G and P Spot instances is 0 (Service Quotas: All G and VT Spot Instance Requests, All P Spot Instance Requests): " +
				"raise it first, or the jobs wait in RUNNABLE.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(0)),
			Rules:   gpuRules,
			When:    onEC2, WhenText: ec2When,
		},
		{
			Key:    "instance_volume_gib",
			Prompt: "Root volume of each instance (GiB)",
			Help: "The encrypted gp3 disk of each instance Batch starts, in GiB: it holds the job images Docker pulls and the jobs' /tmp scratch volume, shared by every job on the instance. " +
				"30 GiB is the size of the ECS-optimized image's own disk, the least an instance boots with. " +
				"GPU training images alone often weigh 10 to 20 GB: give large images, or jobs that write much to /tmp, more room, or they fail with \"no space left on device\". " +
				"Billed per GiB-month while the instances run.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(awsfacts.ECSAMIRootVolumeGiB)),
			Rules:   []spec.Rule{rules.Whole(), rules.Range(awsfacts.ECSAMIRootVolumeGiB, awsfacts.GP3MaxGiB)},
			When:    onEC2, WhenText: ec2When,
		},
		{
			Key:     "vcpus",
			Prompt:  "vCPUs per job",
			Help:    vcpuHelp,
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(1)),
			Rules:   vcpuRules,
		},
		{
			Key:         "job_memory_mb",
			Prompt:      "Memory per job (MiB)",
			Help:        memoryHelp,
			Type:        cty.Number,
			Default:     awsfacts.DefaultJobMemory("vcpus", c),
			DefaultText: memoryDefault,
			Rules:       memoryRules,
		},
		{
			Key:         "max_vcpus",
			Prompt:      "Most vCPUs running at once",
			Help:        maxVCPUsHelp,
			Type:        cty.Number,
			Default:     func(a spec.Answers) cty.Value { return cty.NumberFloatVal(max(16, math.Ceil(a.Float("vcpus")))) },
			DefaultText: "16, or vcpus rounded up when that is larger",
			// Batch sets no upper limit on maxvCpus (the account's EC2 or Fargate
			// vCPU quota does); 10,000 is scaffold's ceiling on a runaway submission.
			Rules: []spec.Rule{rules.Whole(), rules.Range(1, maxMaxVCPUs), rules.AtLeast("vcpus"), batchFitsPrivateSubnets(c)},
		},
		{
			Key:    "job_attempts",
			Prompt: "Attempts per job",
			Help: "How many times Batch runs a job before marking it failed, the first run included (F20). " +
				"Spot capacity can be reclaimed mid-run (F21), so keep at least 2 on Spot, and make the job safe to run twice.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(3)),
			Rules:   []spec.Rule{rules.Whole(), rules.Range(1, 10)},
		},
		{
			Key:    "job_timeout_s",
			Prompt: "Timeout per attempt (seconds)",
			Help: "Batch stops an attempt that runs longer than this, so a hung job stops billing; the attempt then counts as failed and may be retried. " +
				"At least 60 seconds. Unlike Lambda's 15 minutes there is no hard ceiling (F7, F26); scaffold caps it at 14 days.",
			Type:    cty.Number,
			Default: spec.Fixed(cty.NumberIntVal(3600)),
			// Batch takes 60 seconds or more with no ceiling (attemptDurationSeconds);
			// 14 days bounds what a hung attempt can bill.
			Rules: []spec.Rule{rules.Whole(), rules.Range(60, 1209600)},
		},
	}
}

// imageRefRules are the rules of a container image answer (a Batch job's,
// a build's): a reference as Docker reads it, [registry/]repository[:tag]
// [@sha256:digest], of at most 255 characters; example shows one.
func imageRefRules(example string) []spec.Rule {
	return []spec.Rule{
		rules.Length(1, 255),
		rules.Matches(awsfacts.ImageRefPattern, "be a container image reference, [registry/]repository[:tag][@sha256:digest], e.g. "+example),
	}
}

// jobCommandRules are the rules of the shell command a Batch job runs.
// Batch documents no limit of its own on the command; 4096 keeps the job
// definition well under RegisterJobDefinition's request size.
func jobCommandRules() []spec.Rule { return []spec.Rule{rules.Length(1, 4096)} }

// questionByKey is the question of qs with key k; it panics when there is
// none, a blueprint's programming error.
func questionByKey(qs []*spec.Question, k string) *spec.Question {
	for _, q := range qs {
		if q.Key == k {
			return q
		}
	}
	panic("no question " + k)
}

// batchFitsPrivateSubnets is the rule that the compute environment at
// max_vcpus fits in the private subnets. Each job reserves vcpus, so at
// most max_vcpus / vcpus run at once: on Fargate each is a task with a
// network interface of its own; on EC2 each instance runs one job or more,
// so there are no more instances than jobs, and Batch may go past
// max_vcpus by one instance ("never exceeds maxvCpus by more than a single
// instance", AWS Batch User Guide, compute environment parameters).
func batchFitsPrivateSubnets(c awsfacts.Compute) spec.Rule {
	return fitsPrivateSubnets(fleet{
		text: "max_vcpus / vcpus rounded down (the jobs at once; on " + c.EC2Text() + ", one instance more)",
		count: func(v cty.Value, a spec.Answers) (int, string) {
			maxVCPUs, _ := v.AsBigFloat().Float64()
			jobs := int(math.Floor(maxVCPUs / a.Float("vcpus")))
			if c.OnEC2(a) {
				return jobs + 1, fmt.Sprintf("%d jobs of %s vCPU on up to %d instances", jobs, spec.FormatNumber(a.Float("vcpus")), jobs+1)
			}
			return jobs, fmt.Sprintf("%d jobs of %s vCPU at once, each with a network interface of its own,", jobs, spec.FormatNumber(a.Float("vcpus")))
		},
		expr: func(key string, a spec.Answers) spec.Expr {
			jobs := spec.Call("floor", spec.Arith(spec.Var(key), "/", spec.Var("vcpus")))
			if c.OnEC2(a) {
				return spec.Arith(jobs, "+", spec.Num(1))
			}
			return jobs
		},
		least: atLeast(1, "vcpus"), most: maxMaxVCPUs,
		others: "vcpus",
		reads:  []string{"vcpus", c.Key},
	})
}
