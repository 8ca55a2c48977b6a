package blueprints

import (
	"net"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

func regionQuestion() *spec.Question {
	return &spec.Question{
		Key:    "region",
		Prompt: "AWS region",
		Help: "The AWS region every resource is created in, e.g. us-east-1, eu-west-3 (Paris), eu-central-1. Pick the region closest to your users, or to the data and services the stack works with. " +
			"Any region of the aws partition that the AWS provider the module requires knows is accepted; China, GovCloud, isolated and sovereign-cloud regions are refused, with the reason. " +
			"It is fixed once the stack exists: Terraform cannot move a stack to another region, so for another region destroy this stack and generate a new module.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal("us-east-1")),
		// Fixed, not tuned: with the provider's region changed, Terraform
		// no longer finds the stack it created (it looks in the new region),
		// plans a second stack there and leaves the first one running.
		Shape: spec.Selects,
		Rules: []spec.Rule{
			awsfacts.KnownRegion(),
		},
	}
}

func environmentQuestion() *spec.Question {
	return &spec.Question{
		Key:    "environment",
		Prompt: "Environment",
		Help: "dev keeps costs low and teardown easy: no deletion protection, 30-day log retention, and no redundancy the stack can do without. " +
			"prod turns on what an outage or a mistake would otherwise cost you: deletion protection, one-year log retention, and redundancy across availability zones where the stack has a single point of failure.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal("dev")),
		Choices: []spec.Choice{
			{Value: "dev", Help: "lower cost, easy teardown"},
			{Value: "prod", Help: "multi-AZ, deletion protection, longer log retention"},
		},
	}
}

// deletionProtectionQuestion guards the stateful resources. It is its own
// answer, not just the environment, so a prod stack can be torn down on
// purpose: set it to false, apply, then destroy.
func deletionProtectionQuestion(what string) *spec.Question {
	return &spec.Question{
		Key:    "deletion_protection",
		Prompt: "Protect stateful resources from deletion?",
		Help: "While true, AWS refuses to delete " + what + ". " +
			"To tear the stack down on purpose, set it to false in terraform.tfvars, apply, then destroy; " +
			"the same goes for an edit that replaces one of them (a new name or environment, for example): set it to false and apply first, then make the edit.",
		Type:        cty.Bool,
		Default:     isProd,
		DefaultText: "true in prod, false in dev",
	}
}

func vpcCIDRQuestion() *spec.Question {
	return &spec.Question{
		Key:    "vpc_cidr",
		Prompt: "VPC CIDR block",
		Help: "The private IPv4 range of the VPC. Each availability zone gets one public and one private subnet carved from it " +
			"(a sixteenth of the range each), so a /16 gives /20 subnets of 4,091 usable addresses and a /23 gives /27 subnets of 27. " +
			"Every instance, task or job of the module takes an address in the private subnets, so scaffold refuses a maximum they cannot hold. Avoid ranges your office or other VPCs already use if you will ever peer them. " +
			"It is fixed once the stack exists: a new range would replace the VPC and everything in it, which a running stack cannot do in place.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal("10.0.0.0/16")),
		// A VPC takes /16 to /28 and each subnet is carved with 4 more bits
		// (cidrsubnet(var.vpc_cidr, 4, i) in templates/network). A load
		// balancer's subnets need "at least a /27 bitmask" and 8 free
		// addresses (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer,
		// read 2026-11-30), and a /28 (11 usable addresses) is soon full of
		// the instances, tasks and function ENIs the other answers allow, so
		// /23, which gives /27 subnets, is the longest prefix accepted.
		Rules: []spec.Rule{
			rules.IPv4CIDR(minVPCPrefix, maxVPCPrefix),
			// AWS accepts any range but recommends the private ones; in a
			// public range the VPC cannot reach the internet hosts whose
			// addresses it shadows, and 172.17.0.0/16 is Docker's bridge.
			// Source: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
			// (read 2026-11-29).
			rules.Warn("the VPC range is not a private (RFC 1918) range: instances cannot reach the internet hosts whose addresses it holds; AWS recommends 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16",
				func(v cty.Value, _ spec.Answers) error {
					if inPrivateRange(v.AsString()) {
						return nil
					}
					return rules.ErrRule
				}),
			rules.Warn("172.17.0.0/16 is Docker's default bridge network: containers on the instances (and some AWS services, such as SageMaker and Cloud9) cannot reach addresses in the VPC that overlap it",
				func(v cty.Value, _ spec.Answers) error {
					if overlaps(v.AsString(), "172.17.0.0/16") {
						return rules.ErrRule
					}
					return nil
				}),
		},
		// Fixed, not tuned: a new range replaces the VPC and every subnet,
		// and AWS refuses to move what lives in them in place (a database
		// subnet group cannot take subnets of another VPC while its
		// instance runs), so the edit could not succeed on a live stack.
		Shape: spec.Selects,
	}
}

func azCountQuestion() *spec.Question {
	return &spec.Question{
		Key:    "az_count",
		Prompt: "Availability zones",
		Help: "How many availability zones to spread over. Two is the least that survives the loss of a zone (and the least some AWS services accept); " +
			"three survives the loss of one zone with capacity to spare (F25: multi-AZ for availability).",
		Type:    cty.Number,
		Default: spec.Fixed(cty.NumberIntVal(2)),
		// The subnet plan has room for 8 zones and large regions have up to 6;
		// three survive a zone's loss, and every zone added costs a NAT gateway
		// in prod. Whether the region has that many zones is the region table's
		// question.
		Rules: []spec.Rule{rules.Whole(), rules.Range(2, maxAZCount)},
	}
}

// isProd is a Default helper: prod turns some protections on by default.
func isProd(a spec.Answers) cty.Value { return cty.BoolVal(a.String("environment") == "prod") }

// inPrivateRange reports whether the CIDR block cidr lies inside one of the
// RFC 1918 private ranges. A block that does not parse counts as private:
// the IPv4CIDR rule reports it.
func inPrivateRange(cidr string) bool {
	_, n, err := net.ParseCIDR(cidr)
	if err != nil {
		return true
	}
	for _, r := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"} {
		_, p, _ := net.ParseCIDR(r)
		ones, _ := n.Mask.Size()
		pOnes, _ := p.Mask.Size()
		if p.Contains(n.IP) && ones >= pOnes {
			return true
		}
	}
	return false
}

// overlaps reports whether the CIDR blocks a and b share addresses.
func overlaps(a, b string) bool {
	_, na, err1 := net.ParseCIDR(a)
	_, nb, err2 := net.ParseCIDR(b)
	if err1 != nil || err2 != nil {
		return false
	}
	return na.Contains(nb.IP) || nb.Contains(na.IP)
}

// keyPrefixRules are the shape rules of an S3 key prefix answer (a folder
// such as results/ or data/raw/), with an example of the blueprint's: folder
// names of letters, digits, _ . and -, each followed by /, and none of them
// "." or "..". S3 keeps such names as they are, but Spark, Hadoop and the
// AWS CLI resolve them, so a job would reach another key than its IAM
// policy names; AWS's object key naming guidelines advise against them
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
func keyPrefixRules(examples string) []spec.Rule {
	return []spec.Rule{
		rules.Matches(`^([A-Za-z0-9_.-]+/)+$`, "be one or more folder names of letters, digits, _ . and -, each followed by /, e.g. "+examples),
		rules.NotMatches(`(^|/)\.\.?/`, "not hold a folder named . or .., which tools resolve to another folder than the one the IAM policy names"),
	}
}

// withCommonQuestions is a blueprint's questions followed by those every
// blueprint asks last (CommonQuestions); TestEveryBlueprintAsksTheCommonQuestions
// checks that each blueprint's Questions go through it.
func withCommonQuestions(qs []*spec.Question) []*spec.Question {
	return append(qs, CommonQuestions()...)
}

// CommonQuestions are the questions every blueprint asks last, in order:
// where the state lives (state_backend and, for s3, the bucket, key and
// region), whether a CI workflow is written, and the comments. Each is
// Shape Writes: it chooses files, not resources, so the module has no
// variable for it and the answers file records it.
func CommonQuestions() []*spec.Question {
	return []*spec.Question{
		stateBackendQuestion(), stateBucketQuestion(), stateKeyQuestion(), stateRegionQuestion(),
		ciWorkflowQuestion(),
		commentsQuestion(),
	}
}

// answerOr is answer key, or fallback when a holds none (the answer failed
// its own rules, and Resolve computes later defaults without it): a default
// built from it would fail too and blame a question nobody answered.
func answerOr(a spec.Answers, key, fallback string) string {
	if v := a.Get(key); v != cty.NilVal && !v.IsNull() && v.Type() == cty.String && v.AsString() != "" {
		return v.AsString()
	}
	return fallback
}

// isS3Backend is the When of the state bucket questions.
func isS3Backend(a spec.Answers) bool { return a.String("state_backend") == spec.StateBackendS3 }

const s3BackendWhen = "state_backend is s3"

// stateBackendQuestion chooses where Terraform keeps the module's state.
// local is the default because it needs nothing to exist first: a first
// `terraform apply` works on a fresh account; a team sharing the stack
// wants s3.
func stateBackendQuestion() *spec.Question {
	return &spec.Question{
		Key:    "state_backend",
		Shape:  spec.Writes,
		Prompt: "Where Terraform keeps the state",
		Help: "local: terraform.tfstate in the module's folder; nothing else is needed, but only one person can work on the stack, and losing the file loses track of every resource. " +
			"s3: the state lives in an S3 bucket (backend.tf), with the lock file S3 itself keeps beside it (use_lockfile, Terraform 1.10 or later; no lock table), so a team shares it and two applies never run at once. " +
			"scaffold also writes bootstrap/, a small module that creates the bucket (versioned, encrypted, public access blocked, TLS only); the README gives the order of commands.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal(spec.StateBackendLocal)),
		Choices: []spec.Choice{
			{Value: spec.StateBackendLocal, Help: "terraform.tfstate in this folder"},
			{Value: spec.StateBackendS3, Help: "an S3 bucket with S3 native locking; bootstrap/ creates the bucket"},
		},
	}
}

// stateBucketQuestion names the state bucket: backend.tf and the bootstrap
// module both take it as a literal, since a backend block cannot read
// variables. The rules are AWS's bucket naming rules (awsfacts.S3BucketName).
func stateBucketQuestion() *spec.Question {
	r := awsfacts.S3BucketName
	rs := []spec.Rule{
		rules.Length(r.Min, r.Max),
		rules.Matches(r.Pattern, "hold only "+r.Chars),
	}
	if p := r.ReservedPattern(); p != "" {
		rs = append(rs, rules.NotMatches(p, r.ReservedText()))
	}
	if p := r.IPAddressPattern(); p != "" {
		rs = append(rs, rules.NotMatches(p, r.IPAddressText()))
	}
	return &spec.Question{
		Key:    "state_bucket",
		Shape:  spec.Writes,
		Prompt: "S3 bucket of the Terraform state",
		Help: "The bucket bootstrap/ creates and backend.tf names. Bucket names are global across every AWS account, so add something of yours (the account ID, the company) if the default is taken. " +
			"One bucket can hold the state of many stacks, each under its own key.",
		Type: cty.String,
		Default: func(a spec.Answers) cty.Value {
			return cty.StringVal(answerOr(a, "name", "terraform") + "-" + answerOr(a, "environment", "dev") + "-tfstate")
		},
		DefaultText: "<name>-<environment>-tfstate",
		When:        isS3Backend,
		WhenText:    s3BackendWhen,
		Rules:       rs,
	}
}

// stateKeyQuestion is the object key of the state in the bucket.
func stateKeyQuestion() *spec.Question {
	return &spec.Question{
		Key:    "state_key",
		Shape:  spec.Writes,
		Prompt: "Key of the state object in the bucket",
		Help: "Where in the bucket this stack's state is kept; give each stack its own key. " +
			"Terraform adds the lock file beside it (<key>.tflock).",
		Type: cty.String,
		Default: func(a spec.Answers) cty.Value {
			return cty.StringVal(answerOr(a, "name", "terraform") + "/" + answerOr(a, "environment", "dev") + "/terraform.tfstate")
		},
		DefaultText: "<name>/<environment>/terraform.tfstate",
		When:        isS3Backend,
		WhenText:    s3BackendWhen,
		// An S3 key is up to 1,024 bytes; Terraform's s3 backend refuses a
		// key that begins or ends with / or holds // (internal/backend/remote-state/s3/backend.go,
		// validateNonEmptyString and the key checks of ValidateConfig).
		// A control character is refused first, with a rule of its own:
		// S3 advises against them in keys, and the slash pattern reads its
		// value as one line ((?s)), so that it blames slashes only.
		Rules: []spec.Rule{
			rules.Length(1, 1024),
			rules.NotMatches(`[\x00-\x1f\x7f-\x{9f}]`, "hold no control character (a newline, a tab)"),
			rules.Matches(`(?s)^[^/](.*[^/])?$`, "not begin or end with /"),
			rules.NotMatches(`//`, "not hold //"),
		},
	}
}

// stateRegionQuestion is the region of the state bucket, which may differ
// from the stack's (one bucket for every stack of a team).
func stateRegionQuestion() *spec.Question {
	return &spec.Question{
		Key:         "state_region",
		Shape:       spec.Writes,
		Prompt:      "Region of the state bucket",
		Help:        "The region bootstrap/ creates the bucket in and backend.tf reaches it in; the stack's own region unless the team keeps every state in one place.",
		Type:        cty.String,
		Default:     func(a spec.Answers) cty.Value { return cty.StringVal(answerOr(a, "region", "us-east-1")) },
		DefaultText: "the region answer",
		When:        isS3Backend,
		WhenText:    s3BackendWhen,
		Rules:       []spec.Rule{awsfacts.KnownRegion()},
	}
}

// ciWorkflowQuestion chooses whether the module carries a GitHub Actions
// workflow running the checks of .pre-commit-config.yaml (which every
// module carries) on each push and pull request.
func ciWorkflowQuestion() *spec.Question {
	return &spec.Question{
		Key:    "ci_workflow",
		Shape:  spec.Writes,
		Prompt: "CI workflow",
		Help: "github: .github/workflows/terraform.yml runs terraform fmt -check, terraform validate, tflint, trivy config and terraform test on every push and pull request, " +
			"with the tool versions scaffold verifies the module with; it needs no cloud credentials (the tests plan against a mock provider). " +
			"none: no workflow (the same checks run locally from .pre-commit-config.yaml either way).",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal(spec.CIWorkflowGitHub)),
		Choices: []spec.Choice{
			{Value: spec.CIWorkflowGitHub, Help: "a GitHub Actions workflow"},
			{Value: spec.CIWorkflowNone, Help: "no CI workflow"},
		},
	}
}

// commentsQuestion chooses the comments of the generated Terraform. The
// default is minimal: the module is code a team keeps for years, and the
// explanations a learner wants are in its README and in `scaffold explain`
// either way; study adds them above each resource, where one reads the
// code.
func commentsQuestion() *spec.Question {
	return &spec.Question{
		Key:    "comments",
		Shape:  spec.Writes,
		Prompt: "Comments in the generated Terraform",
		Help: "minimal: the comments a maintainer needs, on why a setting is what it is. " +
			"study: also, above each resource, what it is for and the source's reason for it, with the code of the source's entry (scaffold explain CODE tells more), " +
			"for reading the module to learn the architecture. The module's README explains each piece either way. " +
			"Only the files change: the resources are the same, and the answers file records the choice.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal(spec.CommentsMinimal)),
		Choices: []spec.Choice{
			{Value: spec.CommentsMinimal, Help: "what a maintainer needs"},
			{Value: spec.CommentsStudy, Help: "also each resource's role and reason, from the source"},
		},
	}
}
