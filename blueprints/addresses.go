package blueprints

import (
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
// sixteenth of the range each. TestSubnetPlanMatchesTheNetworkTemplate
// holds the two together.
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
// valid vpc_cidr or az_count (their own rules report it).
func privateAddresses(a spec.Answers) (perSubnet, total int, ok bool) {
	if !a.Has("vpc_cidr") || !a.Has("az_count") {
		return 0, 0, false
	}
	p, err := netip.ParsePrefix(a.String("vpc_cidr"))
	if err != nil || !p.Addr().Is4() {
		return 0, 0, false
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

// fitsPrivateSubnets is the rule that the network interfaces the answers
// can need at once, with v as the question's answer, fit in the private
// subnets, where the fleet runs: an Auto Scaling group at its desired and
// its maximum size, ECS tasks during a deployment, Batch jobs at
// max_vcpus. AWS refuses an interface when a subnet is full, so the fleet
// would stop growing short of the ceiling the user chose (an ASG's
// scaling activity, an ECS task or a Batch job fails for want of free
// addresses), while everything else looks right.
//
// demand is how many addresses the answers need, and that count in words
// ("53 instances and 2 kept for a database"); it grows with v. demandExpr
// is the same count in Terraform for var.<key>; demandText is it in words
// for the rule's text ("asg_max + 2 (kept for a database)"). reads are the
// answers demand reads besides vpc_cidr and az_count. A fractional v is
// left to the question's Whole rule, and one beyond maxJudged to its
// Range. The refusal says the largest value
// that fits, and the other ways out: three zones, or a larger vpc_cidr
// while the stack does not exist yet (a new range replaces the VPC). The
// Terraform condition is true when vpc_cidr is not a network (its own
// rule reports that).
func fitsPrivateSubnets(demandText string, demand func(v cty.Value, a spec.Answers) (int, string), demandExpr func(key string, a spec.Answers) spec.Expr, reads ...string) spec.Rule {
	return rules.Custom(
		fmt.Sprintf(fitsPrivateSubnetsText+": %s at most the %s addresses they hold", demandText, privateAddressesText),
		func(v cty.Value, a spec.Answers) error {
			perSubnet, total, ok := privateAddresses(a)
			if f, _ := v.AsBigFloat().Float64(); !ok || !v.AsBigFloat().IsInt() || f > maxJudged {
				return nil
			}
			need, what := demand(v, a)
			if need <= total {
				return nil
			}
			zones := int(a.Float("az_count"))
			var fixes []string
			if n, ok := largestFitting(v, a, demand, total); ok {
				fixes = append(fixes, fmt.Sprintf("lower it to %d or less", n))
			}
			if zones < maxAZCount && maxAZCount*perSubnet >= need {
				fixes = append(fixes, fmt.Sprintf("set az_count to %d (%d addresses)", maxAZCount, maxAZCount*perSubnet))
			}
			if bits, ok := prefixHolding(need, zones); ok {
				fixes = append(fixes, fmt.Sprintf("give vpc_cidr a prefix of /%d or shorter before the stack is created (a /%d holds %d)", bits, bits, zones*subnetAddresses(bits)))
			}
			msg := fmt.Sprintf("%s need %d addresses; %s over %d zones gives private subnets of %d addresses each, %d in all", what, need, a.String("vpc_cidr"), zones, perSubnet, total)
			if len(fixes) == 0 {
				return fmt.Errorf("%s: lower it; even a /%d holds only %d", msg, minVPCPrefix, zones*subnetAddresses(minVPCPrefix))
			}
			return fmt.Errorf("%s: %s", msg, strings.Join(fixes, "; or "))
		},
		func(key string, a spec.Answers) spec.Expr {
			return spec.Call("try", spec.Cmp(demandExpr(key, a), "<=", privateAddressesExpr()), spec.Lit(cty.True))
		}).Reading(append([]string{"vpc_cidr", "az_count"}, reads...)...)
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
