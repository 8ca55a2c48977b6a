package blueprints

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/rules"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// subnetNewBits is how many bits templates/network adds to the prefix of
// vpc_cidr to carve each subnet (cidrsubnet(var.vpc_cidr, 4, i)): a
// sixteenth of the range each. TestSubnetPlanMatchesTheTemplates holds
// the two together.
const subnetNewBits = 4

// databaseAddresses are the addresses kept in the private subnets for a
// database's primary and standby (Multi-AZ), beside the fleet a rule
// counts, whether or not the module has one: the database questions come
// after the fleet's. EFS mount targets, one a zone, are kept the same way.
const databaseAddresses = 2

// maxAZCount is the most availability zones az_count takes.
const maxAZCount = 3

// privateAddresses is how many network interfaces the private subnets of
// answers a can hold: az_count subnets of 2^(32 − prefix − 4) addresses
// each, less the 5 AWS keeps in every subnet. ok is false when a holds no
// vpc_cidr or az_count, or a vpc_cidr its rules refuse (they report it).
func privateAddresses(a spec.Answers) (perSubnet, total int, ok bool) {
	if !a.Has("vpc_cidr") || !a.Has("az_count") {
		return 0, 0, false
	}
	p, err := netip.ParsePrefix(a.String("vpc_cidr"))
	if err != nil || !p.Addr().Is4() || p.Bits() < minVPCPrefix || p.Bits() > maxVPCPrefix {
		return 0, 0, false // vpc_cidr's own rule refuses it
	}
	perSubnet = subnetAddresses(p.Bits())
	return perSubnet, int(a.Float("az_count")) * perSubnet, true
}

// subnetAddresses is how many interfaces one subnet carved from a VPC
// range of prefix length bits holds.
func subnetAddresses(bits int) int {
	return 1<<(32-bits-subnetNewBits) - awsfacts.SubnetReservedAddresses
}

// privateAddressesExpr is privateAddresses in Terraform:
// var.az_count * (pow(2, 28 - <prefix of var.vpc_cidr>) - 5).
func privateAddressesExpr() spec.Expr {
	prefix := spec.Call("tonumber", spec.Index(spec.Call("split", spec.Str("/"), spec.Var("vpc_cidr")), spec.Num(1)))
	perSubnet := spec.Arith(spec.Call("pow", spec.Num(2), spec.Arith(spec.Num(32-subnetNewBits), "-", prefix)), "-", spec.Num(awsfacts.SubnetReservedAddresses))
	return spec.Arith(spec.Var("az_count"), "*", spec.Paren(perSubnet))
}

// privateAddressesText is the formula of privateAddresses in words, for
// rule texts and help.
var privateAddressesText = fmt.Sprintf("az_count × (2^(%d − vpc_cidr's prefix length) − %d)", 32-subnetNewBits, awsfacts.SubnetReservedAddresses)

// fleet is what a fitsPrivateSubnets rule counts: the network interfaces
// the answers can need at once, with v as the question's answer.
type fleet struct {
	// text is the count in words for the rule's text: "asg_max + 2 (kept
	// for a database's primary and standby)".
	text string
	// count is how many addresses the answers need, and that count in
	// words ("53 instances and 2 kept for a database"); it grows with v.
	count func(v cty.Value, a spec.Answers) (int, string)
	// expr is count in Terraform, for var.<key>.
	expr func(key string, a spec.Answers) spec.Expr
	// least is the smallest value the question's other rules accept given
	// a (1, or the answer it must be at least), most the top of its range:
	// the refusal suggests no value outside them, and a value above most
	// is left to the range rule.
	least func(a spec.Answers) int
	most  int
	// others says what else to lower when even least does not fit: "the
	// max_tasks of the services before it".
	others string
	// reads are the answers count reads besides vpc_cidr and az_count.
	reads []string
}

// fitsPrivateSubnets is the rule that fleet f, at the count the question
// answers, fits in the private subnets, where the fleet runs: an Auto
// Scaling group at its minimum, desired and maximum size, ECS tasks during
// a deployment, Batch jobs at max_vcpus. AWS refuses an interface when a
// subnet is full, so the fleet would stop growing short of the ceiling the
// user chose (an ASG's scaling activity, an ECS task or a Batch job fails
// for want of free addresses), while everything else looks right.
//
// A fractional answer is left to the question's Whole rule, one above
// f.most to its Range. The refusal says the largest value that fits (when
// the question's other rules accept it), and the other ways out: three
// zones, or a larger vpc_cidr while the stack does not exist yet (a new
// range replaces the VPC). The rule counts the subnets together, so it is
// a necessary condition, not a sufficient one: a fleet spread unevenly
// fills one subnet first. The Terraform condition is true when vpc_cidr is
// not a network (its own rule reports that).
func fitsPrivateSubnets(f fleet) spec.Rule {
	return rules.Custom(
		fmt.Sprintf(fitsPrivateSubnetsText+": %s at most the %s addresses they hold", f.text, privateAddressesText),
		func(v cty.Value, a spec.Answers) error {
			perSubnet, total, ok := privateAddresses(a)
			if n, _ := v.AsBigFloat().Float64(); !ok || !v.AsBigFloat().IsInt() || n > float64(f.most) {
				return nil
			}
			need, what := f.count(v, a)
			if need <= total {
				return nil
			}
			zones := int(a.Float("az_count"))
			var fixes []string
			if n, ok := largestFitting(v, a, f.count, total); ok && n >= f.least(a) {
				fixes = append(fixes, fmt.Sprintf("lower it to %d or less", n))
			} else {
				fixes = append(fixes, "lower "+f.others)
			}
			more := 0 // ways out besides lowering
			if zones < maxAZCount && maxAZCount*perSubnet >= need {
				fixes = append(fixes, fmt.Sprintf("set az_count to %d (%d addresses)", maxAZCount, maxAZCount*perSubnet))
				more++
			}
			if bits, ok := prefixHolding(need, zones); ok {
				fixes = append(fixes, fmt.Sprintf("give vpc_cidr a prefix of /%d or shorter before the stack is created (a /%d holds %d)", bits, bits, zones*subnetAddresses(bits)))
				more++
			}
			msg := fmt.Sprintf("%s need %d addresses; %s over %d zones gives private subnets of %d addresses each, %d in all", what, need, a.String("vpc_cidr"), zones, perSubnet, total)
			out := fmt.Sprintf("%s: %s", msg, strings.Join(fixes, "; or "))
			if more == 0 {
				out += fmt.Sprintf(" (even %d zones of a /%d hold only %d)", maxAZCount, minVPCPrefix, maxAZCount*subnetAddresses(minVPCPrefix))
			}
			return errors.New(out)
		},
		func(key string, a spec.Answers) spec.Expr {
			return spec.Call("try", spec.Cmp(f.expr(key, a), "<=", privateAddressesExpr()), spec.Lit(cty.True))
		}).Reading(append([]string{"vpc_cidr", "az_count"}, f.reads...)...)
}

// atLeast is a fleet's least: the smallest value a question accepts, min,
// or the answer key when that is larger (the question must be at least it).
func atLeast(min int, key string) func(spec.Answers) int {
	return func(a spec.Answers) int { return max(min, wholeCount(a.Get(key))) }
}

// maxJudged is the largest answer fitsPrivateSubnets judges: far beyond
// the addresses of any VPC (a /16 holds 65,536), and within an int on every
// platform.
const maxJudged = 1 << 30

// largestFitting is the largest whole answer below v whose demand fits in
// total addresses; ok is false when not even 0 fits (the other answers
// the demand counts fill the subnets alone).
func largestFitting(v cty.Value, a spec.Answers, demand func(cty.Value, spec.Answers) (int, string), total int) (n int, ok bool) {
	fits := func(n int) bool { need, _ := demand(cty.NumberIntVal(int64(n)), a); return need <= total }
	if !fits(0) {
		return 0, false
	}
	lo, hi := 0, wholeCount(v) // fits(lo), !fits(hi)
	for hi-lo > 1 {
		if mid := lo + (hi-lo)/2; fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, true
}

// fitsPrivateSubnetsText begins the text of every fitsPrivateSubnets rule.
const fitsPrivateSubnetsText = "fit in the private subnets"

// minVPCPrefix and maxVPCPrefix bound the prefix length vpc_cidr takes
// (vpcCIDRQuestion).
const (
	minVPCPrefix = 16
	maxVPCPrefix = 23
)

// prefixHolding is the longest prefix length vpc_cidr accepts whose
// private subnets over zones hold need interfaces; ok is false when none
// does.
func prefixHolding(need, zones int) (bits int, ok bool) {
	for bits = maxVPCPrefix; bits >= minVPCPrefix; bits-- {
		if zones*subnetAddresses(bits) >= need {
			return bits, true
		}
	}
	return 0, false
}

// wholeCount is a number answer as a count, rounded up (a fractional
// answer fails its own Whole rule; counting it rounded up stays safe), or
// 0 for no number (an answer that failed its own rules, which they
// report).
func wholeCount(v cty.Value) int {
	if v == cty.NilVal || v.IsNull() || !v.IsKnown() || v.Type() != cty.Number {
		return 0
	}
	f, _ := v.AsBigFloat().Float64()
	return int(math.Min(math.Ceil(f), maxJudged))
}
