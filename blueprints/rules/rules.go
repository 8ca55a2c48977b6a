package rules

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// ErrRule is a check failing with nothing to add to its rule's text.
var ErrRule = fmt.Errorf("")

// compiled holds every pattern Regexp compiled, by pattern.
var compiled sync.Map

// Regexp is regexp.MustCompile(pattern), compiled once per process: the
// same patterns (a name rule's characters and reserved prefixes) serve
// several questions and every candidate value the validations test tries,
// and compiling them again each time was half of what building a
// blueprint cost (issue 15). It panics on a pattern RE2 refuses, which is
// a bug in scaffold's rules. Every pattern stays compiled for the life of
// the process: give it patterns written in the code, not built from
// answers.
func Regexp(pattern string) *regexp.Regexp {
	if re, ok := compiled.Load(pattern); ok {
		return re.(*regexp.Regexp)
	}
	re, _ := compiled.LoadOrStore(pattern, regexp.MustCompile(pattern))
	return re.(*regexp.Regexp)
}

// Length limits the number of characters of a string answer.
func Length(min, max int) spec.Rule {
	text := fmt.Sprintf("be %d to %d characters long", min, max)
	if min == max {
		text = fmt.Sprintf("be exactly %d characters long", min)
	}
	return spec.Rule{
		Text: text,
		Check: func(v cty.Value, _ spec.Answers) error {
			n := utf8.RuneCountInString(v.AsString())
			if n < min || n > max {
				return fmt.Errorf("it has %d", n)
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			n := spec.Call("length", spec.Var(key))
			return spec.And(spec.Cmp(n, ">=", spec.Num(float64(min))), spec.Cmp(n, "<=", spec.Num(float64(max))))
		},
	}
}

// Matches requires a string answer to match the RE2 pattern, which Go and
// Terraform's regex function read alike.
func Matches(pattern, text string) spec.Rule {
	re := Regexp(pattern) // a bad pattern fails when the blueprint is built
	return spec.Rule{
		Text: text,
		Check: func(v cty.Value, _ spec.Answers) error {
			if !re.MatchString(v.AsString()) {
				return ErrRule
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			return spec.Call("can", spec.Call("regex", spec.Str(pattern), spec.Var(key)))
		},
	}
}

// NotMatches forbids a string answer from matching the RE2 pattern.
func NotMatches(pattern, text string) spec.Rule {
	re := Regexp(pattern)
	return spec.Rule{
		Text: text,
		Check: func(v cty.Value, _ spec.Answers) error {
			if re.MatchString(v.AsString()) {
				return ErrRule
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			return spec.Not(spec.Call("can", spec.Call("regex", spec.Str(pattern), spec.Var(key))))
		},
	}
}

// Range bounds a number answer, both ends included.
func Range(min, max float64) spec.Rule {
	return spec.Rule{
		Text: fmt.Sprintf("be between %s and %s", spec.FormatNumber(min), spec.FormatNumber(max)),
		Check: func(v cty.Value, _ spec.Answers) error {
			f, _ := v.AsBigFloat().Float64()
			if f < min || f > max {
				return ErrRule
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			return spec.And(spec.Cmp(spec.Var(key), ">=", spec.Num(min)), spec.Cmp(spec.Var(key), "<=", spec.Num(max)))
		},
	}
}

// Whole requires a number answer without a fractional part.
func Whole() spec.Rule {
	return spec.Rule{
		Text: "be a whole number",
		Check: func(v cty.Value, _ spec.Answers) error {
			if !v.AsBigFloat().IsInt() {
				return ErrRule
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			return spec.Cmp(spec.Call("floor", spec.Var(key)), "==", spec.Var(key))
		},
	}
}

// AtLeast requires a number answer to be no less than another answer, which
// must be asked earlier.
func AtLeast(other string) spec.Rule {
	return compareAnswer(other, ">=", "be at least "+other)
}

// AtMost requires a number answer to be no more than another answer, which
// must be asked earlier.
func AtMost(other string) spec.Rule {
	return compareAnswer(other, "<=", "be at most "+other)
}

func compareAnswer(other, op, text string) spec.Rule {
	return spec.Rule{
		Text: text,
		Check: func(v cty.Value, a spec.Answers) error {
			if !a.Has(other) {
				return nil
			}
			f, _ := v.AsBigFloat().Float64()
			o := a.Float(other)
			if (op == ">=" && f < o) || (op == "<=" && f > o) {
				return fmt.Errorf("%s is %s", other, spec.FormatNumber(o))
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			return spec.Cmp(spec.Var(key), op, spec.Var(other))
		},
		Reads: []string{other},
	}
}

// IPv4CIDR requires an IPv4 network in CIDR notation whose prefix length is
// within [minPrefix, maxPrefix] and whose host bits are zero.
func IPv4CIDR(minPrefix, maxPrefix int) spec.Rule {
	return spec.Rule{
		Text: fmt.Sprintf("be an IPv4 network in CIDR notation with a prefix from /%d to /%d, host bits zero (e.g. 10.0.0.0/16)", minPrefix, maxPrefix),
		Check: func(v cty.Value, _ spec.Answers) error {
			s := v.AsString()
			ip, ipnet, err := net.ParseCIDR(s)
			if err != nil || ip.To4() == nil || !strings.Contains(s, ".") {
				return fmt.Errorf("it is not IPv4 CIDR notation")
			}
			ones, _ := ipnet.Mask.Size()
			if ones < minPrefix || ones > maxPrefix {
				return fmt.Errorf("its prefix is /%d", ones)
			}
			// Terraform's condition compares the answer with
			// cidrsubnet(answer, 0, 0), the network in canonical form, so
			// host bits set and a prefix written with leading zeros
			// (10.0.0.0/023, which net.ParseCIDR reads) are refused alike.
			if canonical := ipnet.String(); canonical != s {
				return fmt.Errorf("did you mean %s?", canonical)
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			// Terraform 1.11 evaluates both sides of &&, so every part that
			// fails on malformed input sits inside can() or try().
			prefix := spec.Call("tonumber", spec.Index(spec.Call("split", spec.Str("/"), spec.Var(key)), spec.Num(1)))
			return spec.And(
				spec.Call("can", spec.Call("cidrnetmask", spec.Var(key))),
				spec.Call("try", spec.And(
					spec.Cmp(spec.Call("cidrsubnet", spec.Var(key), spec.Num(0), spec.Num(0)), "==", spec.Var(key)),
					spec.Cmp(prefix, ">=", spec.Num(float64(minPrefix))),
					spec.Cmp(prefix, "<=", spec.Num(float64(maxPrefix))),
				), spec.Lit(cty.False)),
			)
		},
	}
}

// Custom is a rule with its own check and Terraform condition.
func Custom(text string, check func(v cty.Value, a spec.Answers) error, condition func(key string, a spec.Answers) spec.Expr) spec.Rule {
	return spec.Rule{Text: text, Check: check, Condition: condition}
}

// Suggesting is r that, when it refuses a string answer, offers the value
// suggest derives from it ("T3.micro" → "t3.micro"), provided r accepts
// that value: "did you mean "ml.m5.large"?". suggest returns "" for none.
// The Terraform condition is r's.
func Suggesting(r spec.Rule, suggest func(string) string) spec.Rule {
	check := r.Check
	r.Check = func(v cty.Value, a spec.Answers) error {
		err := check(v, a)
		if err == nil {
			return nil
		}
		if s := suggest(v.AsString()); s != "" && s != v.AsString() && check(cty.StringVal(s), a) == nil {
			return fmt.Errorf("did you mean %q?", s)
		}
		return err
	}
	return r
}

// Warn is a rule that never refuses an answer: when check fails, scaffold
// accepts the answer and prints text as a warning ("no certificate: the
// load balancer serves plain HTTP").
func Warn(text string, check func(v cty.Value, a spec.Answers) error) spec.Rule {
	return spec.Rule{Text: text, Check: check, Severity: spec.Warning}
}

// Items bounds the number of items of a list answer, both ends included
// (Terraform: length(var.x)).
func Items(min, max int) spec.Rule {
	text := fmt.Sprintf("be a list of %d to %d items", min, max)
	if min == max {
		text = fmt.Sprintf("be a list of exactly %d %s", min, plural(min, "item", "items"))
	}
	return spec.Rule{
		Text: text,
		Check: func(v cty.Value, _ spec.Answers) error {
			if n := v.LengthInt(); n < min || n > max {
				return fmt.Errorf("it has %d", n)
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			n := spec.Call("length", spec.Var(key))
			return spec.And(spec.Cmp(n, ">=", spec.Num(float64(min))), spec.Cmp(n, "<=", spec.Num(float64(max))))
		},
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Unique forbids a list answer from holding the same item twice; items are
// compared exactly, as Terraform's distinct does.
func Unique() spec.Rule {
	return spec.Rule{
		Text: "be a list without repeated items",
		Check: func(v cty.Value, _ spec.Answers) error {
			first := map[string]int{}
			var repeats []string
			for i, it := range spec.Items(v) {
				if j, seen := first[it]; seen {
					repeats = append(repeats, fmt.Sprintf("item %d repeats item %d, %q", i+1, j+1, it))
					continue
				}
				first[it] = i
			}
			if len(repeats) > 0 {
				return fmt.Errorf("%s", strings.Join(repeats, "; "))
			}
			return nil
		},
		Condition: func(key string, _ spec.Answers) spec.Expr {
			return spec.Cmp(spec.Call("length", spec.Call("distinct", spec.Var(key))), "==", spec.Call("length", spec.Var(key)))
		},
	}
}

// eachItem is the loop variable of the for expression Each writes.
const eachItem = "item"

// Each applies a rule written for a string answer to every item of a list
// answer. Its check names each item the rule refuses; its Terraform
// condition is alltrue([for item in var.x : COND]), COND being the
// rule's own condition with var.x read as the item, so both sides stay
// the one rule. The rule's other answers (Reads) keep their meaning.
func Each(r spec.Rule) spec.Rule {
	wrap := func(check func(cty.Value, spec.Answers) error) func(cty.Value, spec.Answers) error {
		if check == nil {
			return nil
		}
		return func(v cty.Value, a spec.Answers) error {
			var bad []string
			for i, it := range spec.Items(v) {
				err := check(cty.StringVal(it), a)
				if err == nil {
					continue
				}
				msg := fmt.Sprintf("item %d is %q", i+1, it)
				if err.Error() != "" {
					msg += ": " + err.Error()
				}
				bad = append(bad, msg)
			}
			if len(bad) > 0 {
				return fmt.Errorf("%s", strings.Join(bad, "; "))
			}
			return nil
		}
	}
	out := r
	out.Text = "have every item " + r.Text
	out.Check = wrap(r.Check)
	if r.EditCheck != nil {
		edit := wrap(func(v cty.Value, a spec.Answers) error { return r.EditCheck(v, a) })
		out.EditCheck = func(v cty.Value, generated spec.Answers) error { return edit(v, generated) }
	}
	if r.Condition != nil {
		out.Condition = func(key string, a spec.Answers) spec.Expr {
			cond := r.Condition(key, a)
			if cond == nil {
				return nil
			}
			return spec.Call("alltrue", spec.ForList(eachItem, spec.Var(key), spec.Substitute(cond, key, eachItem)))
		}
	}
	return out
}
