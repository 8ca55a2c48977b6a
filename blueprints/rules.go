package blueprints

import (
	"fmt"
	"math"
	"net"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

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
}

// TerraformCondition is r's validation condition for var.<key> in a module
// generated with answers a, or nil when variables.tf has none for it.
func (r Rule) TerraformCondition(key string, a Answers) Expr {
	if r.Condition == nil {
		return nil
	}
	return r.Condition(key, a)
}

var errRule = fmt.Errorf("")

// Length limits the number of characters of a string answer.
func Length(min, max int) Rule {
	text := fmt.Sprintf("be %d to %d characters long", min, max)
	if min == max {
		text = fmt.Sprintf("be exactly %d characters long", min)
	}
	return Rule{
		Text: text,
		Check: func(v cty.Value, _ Answers) error {
			n := utf8.RuneCountInString(v.AsString())
			if n < min || n > max {
				return fmt.Errorf("it has %d", n)
			}
			return nil
		},
		Condition: func(key string, _ Answers) Expr {
			n := Call("length", Var(key))
			return And(Cmp(n, ">=", Num(float64(min))), Cmp(n, "<=", Num(float64(max))))
		},
	}
}

// Matches requires a string answer to match the RE2 pattern, which Go and
// Terraform's regex function read alike.
func Matches(pattern, text string) Rule {
	re := regexp.MustCompile(pattern)
	return Rule{
		Text: text,
		Check: func(v cty.Value, _ Answers) error {
			if !re.MatchString(v.AsString()) {
				return errRule
			}
			return nil
		},
		Condition: func(key string, _ Answers) Expr {
			return Call("can", Call("regex", Str(pattern), Var(key)))
		},
	}
}

// NotMatches forbids a string answer from matching the RE2 pattern.
func NotMatches(pattern, text string) Rule {
	re := regexp.MustCompile(pattern)
	return Rule{
		Text: text,
		Check: func(v cty.Value, _ Answers) error {
			if re.MatchString(v.AsString()) {
				return errRule
			}
			return nil
		},
		Condition: func(key string, _ Answers) Expr {
			return Not(Call("can", Call("regex", Str(pattern), Var(key))))
		},
	}
}

// Range bounds a number answer, both ends included.
func Range(min, max float64) Rule {
	return Rule{
		Text: fmt.Sprintf("be between %s and %s", fmtNum(min), fmtNum(max)),
		Check: func(v cty.Value, _ Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if f < min || f > max {
				return errRule
			}
			return nil
		},
		Condition: func(key string, _ Answers) Expr {
			return And(Cmp(Var(key), ">=", Num(min)), Cmp(Var(key), "<=", Num(max)))
		},
	}
}

// Whole requires a number answer without a fractional part.
func Whole() Rule {
	return Rule{
		Text: "be a whole number",
		Check: func(v cty.Value, _ Answers) error {
			if !v.AsBigFloat().IsInt() {
				return errRule
			}
			return nil
		},
		Condition: func(key string, _ Answers) Expr {
			return Cmp(Call("floor", Var(key)), "==", Var(key))
		},
	}
}

// AtLeast requires a number answer to be no less than another answer, which
// must be asked earlier.
func AtLeast(other string) Rule {
	return compareAnswer(other, ">=", "be at least "+other)
}

// AtMost requires a number answer to be no more than another answer, which
// must be asked earlier.
func AtMost(other string) Rule {
	return compareAnswer(other, "<=", "be at most "+other)
}

func compareAnswer(other, op, text string) Rule {
	return Rule{
		Text: text,
		Check: func(v cty.Value, a Answers) error {
			if !a.Has(other) {
				return nil
			}
			f, _ := v.AsBigFloat().Float64()
			o := a.Float(other)
			if (op == ">=" && f < o) || (op == "<=" && f > o) {
				return fmt.Errorf("%s is %s", other, fmtNum(o))
			}
			return nil
		},
		Condition: func(key string, _ Answers) Expr {
			return Cmp(Var(key), op, Var(other))
		},
	}
}

// IPv4CIDR requires an IPv4 network in CIDR notation whose prefix length is
// within [minPrefix, maxPrefix] and whose host bits are zero.
func IPv4CIDR(minPrefix, maxPrefix int) Rule {
	return Rule{
		Text: fmt.Sprintf("be an IPv4 network in CIDR notation with a prefix from /%d to /%d, host bits zero (e.g. 10.0.0.0/16)", minPrefix, maxPrefix),
		Check: func(v cty.Value, _ Answers) error {
			s := v.AsString()
			ip, ipnet, err := net.ParseCIDR(s)
			if err != nil || ip.To4() == nil || !strings.Contains(s, ".") {
				return fmt.Errorf("it is not IPv4 CIDR notation")
			}
			ones, _ := ipnet.Mask.Size()
			if ones < minPrefix || ones > maxPrefix {
				return fmt.Errorf("its prefix is /%d", ones)
			}
			if !ip.Equal(ipnet.IP) {
				return fmt.Errorf("did you mean %s?", ipnet.String())
			}
			return nil
		},
		Condition: func(key string, _ Answers) Expr {
			// Terraform 1.11 evaluates both sides of &&, so every part that
			// fails on malformed input sits inside can() or try().
			prefix := Call("tonumber", Index(Call("split", Str("/"), Var(key)), Num(1)))
			return And(
				Call("can", Call("cidrnetmask", Var(key))),
				Call("try", And(
					Cmp(Call("cidrsubnet", Var(key), Num(0), Num(0)), "==", Var(key)),
					Cmp(prefix, ">=", Num(float64(minPrefix))),
					Cmp(prefix, "<=", Num(float64(maxPrefix))),
				), Lit(cty.False)),
			)
		},
	}
}

// Custom is a rule with its own check and Terraform condition.
func Custom(text string, check func(v cty.Value, a Answers) error, condition func(key string, a Answers) Expr) Rule {
	return Rule{Text: text, Check: check, Condition: condition}
}

func fmtNum(f float64) string {
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
