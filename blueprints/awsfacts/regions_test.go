package awsfacts

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// The region table must be rechecked against its sources at least once a
// year: AWS opens regions every year, and scaffold would refuse them.
func TestRegionTableIsFresh(t *testing.T) {
	asOf, err := time.Parse("2006-01-02", RegionsAsOf)
	if err != nil {
		t.Fatalf("RegionsAsOf %q: %v", RegionsAsOf, err)
	}
	if age := time.Since(asOf); age > 365*24*time.Hour {
		t.Fatalf("the region table was last checked on %s, %d days ago: recheck it against %s and update RegionsAsOf",
			RegionsAsOf, int(age.Hours()/24), RegionsSource)
	}
}

// Each partition's regions follow the regionRegex of the SDK's
// partitions.json, so a typo in the table is caught.
func TestRegionTableShape(t *testing.T) {
	regex := map[string]*regexp.Regexp{
		"aws":        regexp.MustCompile(`^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$`),
		"aws-cn":     regexp.MustCompile(`^cn-\w+-\d+$`),
		"aws-us-gov": regexp.MustCompile(`^us-gov-\w+-\d+$`),
		"aws-eusc":   regexp.MustCompile(`^eusc-(de)-\w+-\d+$`),
		"aws-iso":    regexp.MustCompile(`^us-iso-\w+-\d+$`),
		"aws-iso-b":  regexp.MustCompile(`^us-isob-\w+-\d+$`),
		"aws-iso-e":  regexp.MustCompile(`^eu-isoe-\w+-\d+$`),
		"aws-iso-f":  regexp.MustCompile(`^us-isof-\w+-\d+$`),
	}
	seen := map[string]bool{}
	for _, r := range Regions {
		re, ok := regex[r.Partition]
		if !ok {
			t.Errorf("%s: unknown partition %q", r.Code, r.Partition)
			continue
		}
		if !re.MatchString(r.Code) {
			t.Errorf("%s does not match the %s partition's region pattern %s", r.Code, r.Partition, re)
		}
		if seen[r.Code] {
			t.Errorf("%s is listed twice", r.Code)
		}
		seen[r.Code] = true
		if r.ELBLogAccount != "" && !regexp.MustCompile(`^[0-9]{12}$`).MatchString(r.ELBLogAccount) {
			t.Errorf("%s: ELB log account %q is not an account id", r.Code, r.ELBLogAccount)
		}
	}
}

func TestKnownRegion(t *testing.T) {
	rule := KnownRegion()
	check := func(code string) error { return rule.Check(cty.StringVal(code), spec.Answers{}) }
	// The regions of the issue: opened since August 2022, or long known.
	for _, code := range []string{"us-east-1", "eu-west-3", "eu-central-2", "il-central-1", "mx-central-1", "ca-west-1", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "me-central-1"} {
		if err := check(code); err != nil {
			t.Errorf("%s refused: %v", code, err)
		}
	}
	for _, code := range AcceptedRegions() {
		if err := check(code); err != nil {
			t.Errorf("%s is in the table but refused: %v", code, err)
		}
	}
	cases := []struct{ code, want string }{
		{"us-east-9", `AWS has no such region; did you mean "us-east-1"?`},
		{"xx-north-1", `did you mean "eu-north-1"?`},
		{"US-EAST-1", `did you mean "us-east-1"?`},
		{"", "AWS has no such region"},
		{"cn-north-1", "aws-cn partition"},
		{"us-gov-west-1", "CloudFront does not exist there"},
		{"us-iso-east-1", "isolated"},
		{"eusc-de-east-1", "European Sovereign Cloud"},
		{"me-west-1", "newer than hashicorp/aws 5.100"},
		{"ap-southeast-6", "newer than hashicorp/aws 5.100"},
	}
	for _, c := range cases {
		err := check(c.code)
		if err == nil {
			t.Errorf("%q accepted", c.code)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v; want it to say %q", c.code, err, c.want)
		}
	}
	// Every refused region of the table says why.
	for _, r := range Regions {
		if slices.Contains(PartitionsSupported, r.Partition) && r.ProviderKnows {
			continue
		}
		if r.Refusal() == "" {
			t.Errorf("%s is refused without a reason", r.Code)
		}
	}
}

func TestRegionPartition(t *testing.T) {
	for _, c := range []struct{ code, want string }{
		{"eu-central-2", "aws"}, {"us-east-1", "aws"}, {"cn-north-1", ""}, {"us-east-9", ""},
	} {
		if got := RegionPartition(c.code); got != c.want {
			t.Errorf("RegionPartition(%q) = %q, want %q", c.code, got, c.want)
		}
	}
}

// Every accepted region has the regional facts the modules read: Elastic
// Load Balancing delivers from an account in the regions opened before
// August 2022, all of which are enabled by default, and as a service in the
// newer ones, all of which are opt-in; a region missing its account, or
// given one it cannot have, breaks the pattern.
func TestRegionFactsCoverEveryAcceptedRegion(t *testing.T) {
	accepted := AcceptedRegions()
	if len(accepted) == 0 {
		t.Fatal("no region accepted")
	}
	for _, code := range accepted {
		r, _ := LookupRegion(code)
		if !r.OptIn && r.ELBLogAccount == "" {
			t.Errorf("%s is enabled by default, so older than August 2022, but has no ELB log account", code)
		}
		if r.Name == "" {
			t.Errorf("%s has no name", code)
		}
	}
	for _, code := range []string{"eu-central-2", "il-central-1", "me-central-1", "ap-southeast-4", "ca-west-1", "mx-central-1", "ap-southeast-5", "ap-southeast-7"} {
		r, ok := LookupRegion(code)
		if !ok || r.ELBLogAccount != "" || !r.OptIn {
			t.Errorf("%s (opened since August 2022) should be an opt-in region without an ELB log account: %+v", code, r)
		}
	}
	if got := OptInRegions(); !slices.Contains(got, "eu-central-2") || slices.Contains(got, "us-east-1") {
		t.Errorf("OptInRegions() = %v", got)
	}
}
