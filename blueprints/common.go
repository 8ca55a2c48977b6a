package blueprints

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// longestEnvironment is the longest value of the environment question; the
// project name limit is computed with it so every environment fits.
const longestEnvironment = "prod"

// DerivedName is a resource name built as "<name>-<environment><Suffix>",
// with the AWS limit on its length.
type DerivedName struct {
	What   string // e.g. "ALB name"
	Suffix string // e.g. "-alb"
	Limit  int
}

// nameQuestion is the project name. Its length limit is computed from the
// names the blueprint derives from it, so every derived name fits its AWS
// limit whatever the environment.
func nameQuestion(def string, derived ...DerivedName) *spec.Question {
	maxLen, tightest := 63, DerivedName{}
	for _, d := range derived {
		room := d.Limit - len("-"+longestEnvironment) - len(d.Suffix)
		if room < maxLen {
			maxLen, tightest = room, d
		}
	}
	lengthText := fmt.Sprintf("be 1 to %d characters long", maxLen)
	if tightest.What != "" {
		lengthText += fmt.Sprintf(", so that the %s %q stays within %d characters",
			tightest.What, strings.Repeat("n", maxLen)+"-"+longestEnvironment+tightest.Suffix, tightest.Limit)
	}
	length := rules.Length(1, maxLen)
	length.Text = lengthText
	var derivedHelp []string
	for _, d := range derived {
		derivedHelp = append(derivedHelp, fmt.Sprintf("%s <name>-<environment>%s (≤ %d)", d.What, d.Suffix, d.Limit))
	}
	return &spec.Question{
		Key:    "name",
		Prompt: "Project name",
		Help: "A short project name, used as the prefix of every resource name and in the tags. " +
			"Lowercase letters, digits and hyphens, because some of the AWS names derived from it accept nothing else. " +
			fmt.Sprintf("At most %d characters, so that each derived name fits its AWS limit: %s.", maxLen, strings.Join(derivedHelp, "; ")),
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal(def)),
		Rules: []spec.Rule{
			length,
			rules.Matches(`^[a-z]([a-z0-9-]*[a-z0-9])?$`, "start with a lowercase letter, hold only lowercase letters, digits and hyphens, and end with a letter or digit"),
			rules.NotMatches(`--`, "not contain two hyphens in a row"),
		},
	}
}

func regionQuestion() *spec.Question {
	return &spec.Question{
		Key:    "region",
		Prompt: "AWS region",
		Help: "The AWS region every resource is created in, e.g. us-east-1, eu-west-3 (Paris), eu-central-1. Pick the region closest to your users, or to the data and services the stack works with. " +
			"It is fixed once the stack exists: Terraform cannot move a stack to another region, so for another region destroy this stack and generate a new module.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal("us-east-1")),
		// Fixed, not tuned: with the provider's region changed, Terraform
		// no longer finds the stack it created (it looks in the new region),
		// plans a second stack there and leaves the first one running.
		Shape: spec.Selects,
		Rules: []spec.Rule{
			rules.Matches(awsfacts.RegionPattern, "be an AWS region code such as us-east-1 or eu-west-3"),
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
			"(a sixteenth of the range each), so a /16 gives /20 subnets of 4,091 usable addresses. Avoid ranges your office or other VPCs already use if you will ever peer them. " +
			"It is fixed once the stack exists: a new range would replace the VPC and everything in it, which a running stack cannot do in place.",
		Type:    cty.String,
		Default: spec.Fixed(cty.StringVal("10.0.0.0/16")),
		Rules:   []spec.Rule{rules.IPv4CIDR(16, 24)},
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
		Rules:   []spec.Rule{rules.Whole(), rules.Range(2, 3)},
	}
}

// isProd is a Default helper: prod turns some protections on by default.
func isProd(a spec.Answers) cty.Value { return cty.BoolVal(a.String("environment") == "prod") }
