package spec

import "strings"

// aliases maps other common names of a value to the name scaffold accepts;
// a suggestion prefers them to edit distance ("amd64" is x86_64, although
// it is spelled nearer to arm64).
var aliases = map[string][]string{
	"x86_64":       {"amd64", "x86-64", "x64", "x86", "intel", "amd"},
	"arm64":        {"aarch64", "arm", "graviton", "arm64v8", "armv8"},
	"postgres":     {"pg", "postgresql", "psql", "pgsql", "aurora-postgresql"},
	"mysql":        {"mariadb", "aurora-mysql"},
	"none":         {"no", "off", "false", "null", "nil", "disabled", "", "without"},
	"prod":         {"production", "prd", "live"},
	"dev":          {"development", "develop"},
	"fargate_spot": {"fargate-spot", "spot"},
	// Not "ec2": the batch component's EC2 On-Demand choice is named so.
	"ec2_spot":        {"ec2-spot"},
	"PAY_PER_REQUEST": {"on-demand", "ondemand", "on_demand", "pay-per-request", "pay_per_request"},
	// "provisioned" needs no entry: a value differing only in case is
	// matched before aliases, and it is a choice of its own (Redshift's).
	"PROVISIONED": {"fixed"},
	"python3.13":  {"python", "python3", "py", "py3"},
	"nodejs22.x":  {"node", "nodejs", "node22", "nodejs22", "js", "javascript"},
	"python3.12":  {"python312", "py312"},
}

// alias returns the candidate s is a common other name of, or "".
func alias(s string, candidates []string) string {
	low := strings.ToLower(strings.TrimSpace(s))
	for _, c := range candidates {
		if strings.EqualFold(c, low) {
			return c // same value, other case
		}
		for _, a := range aliases[c] {
			if a == low {
				return c
			}
		}
	}
	return ""
}

// closest returns the candidate s is a known alias of, else the candidate
// nearest to s by edit distance, or "" when none is near enough to be a
// plausible typo.
func closest(s string, candidates []string) string {
	if a := alias(s, candidates); a != "" {
		return a
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := len(s)/3 + 1
	if bestDist < 0 || bestDist > limit {
		if best != "" && (strings.HasPrefix(best, s) || strings.HasPrefix(s, best)) && len(s) > 1 {
			return best
		}
		return ""
	}
	return best
}

// Closest is closest for callers outside the package (unknown blueprint ids).
func Closest(s string, candidates []string) string { return closest(s, candidates) }

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// AliasTable returns a copy of the aliases suggestions know: each accepted
// value with the other names users type for it (amd64 for x86_64).
func AliasTable() map[string][]string {
	out := make(map[string][]string, len(aliases))
	for k, v := range aliases {
		out[k] = append([]string(nil), v...)
	}
	return out
}
