package spec

import (
	"math"
	"strconv"

	"github.com/zclconf/go-cty/cty"
)

// Rule is one constraint on an answer. The same rule checks the answer before
// anything is written and becomes a `validation` block of the Terraform
// variable, so a value edited later in terraform.tfvars meets the same test.
type Rule struct {
	// Text completes the sentence "<key> must ...": "be 1 to 23 characters long".
	Text string
	// Check returns nil when v satisfies the rule. A non-nil error may carry a
	// more specific reason than Text; its message is shown after Text.
	Check func(v cty.Value, a Answers) error
	// Condition is the Terraform validation condition for var.<key>, or nil
	// when Terraform cannot express the rule. It may return nil for answers
	// whose shape makes the rule moot (a Fargate sizing rule in a module
	// generated for EC2), and then variables.tf has no block for it.
	Condition func(key string, a Answers) Expr
	// EditCheck, when set, is what Condition refuses of a value edited in
	// terraform.tfvars after generation, where that differs from Check
	// (which judges answers at generation): the runtime may change, but not
	// its language, once the handler is written. generated holds the
	// answers the module was generated with.
	EditCheck func(v cty.Value, generated Answers) error
	// Severity is Error (the zero value) for a rule that refuses an answer,
	// or Warning for one that accepts it but has scaffold say what it
	// means (Text is then the warning); a warning has no Condition.
	Severity Severity
	// Reads are the other answers Check and Condition read; each must be a
	// question asked before the one the rule belongs to (a test checks).
	Reads []string
}

// canJudge reports whether a holds every answer r reads. One it lacks failed
// its own rules (resolution leaves it out) or was not given (a check of the
// given answers alone): r cannot judge without it, and blaming this answer
// for it would report one fault twice, the second time against a value
// nobody chose.
func (r Rule) canJudge(a Answers) bool {
	for _, k := range r.Reads {
		if !a.Has(k) {
			return false
		}
	}
	return true
}

// Reading returns r declaring that it reads the answers keys.
func (r Rule) Reading(keys ...string) Rule {
	r.Reads = append(append([]string(nil), r.Reads...), keys...)
	return r
}

// TerraformCondition is r's validation condition for var.<key> in a module
// generated with answers a, or nil when variables.tf has none for it.
func (r Rule) TerraformCondition(key string, a Answers) Expr {
	if r.Condition == nil {
		return nil
	}
	return r.Condition(key, a)
}

// FormatNumber renders a number as a user writes it: no trailing zeros.
func FormatNumber(f float64) string {
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
