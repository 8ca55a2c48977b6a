package blueprints

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
	"github.com/scaffold-tf/scaffold/templates"
)

// The Go side of the subnet plan is the network template's: each subnet
// carved with subnetNewBits more bits, and the ECS services deploying at
// ECSDeploymentMaximumPercent.
func TestSubnetPlanMatchesTheTemplates(t *testing.T) {
	for path, pattern := range map[string]string{
		"network/network.tf.tmpl":         fmt.Sprintf(`cidrsubnet\(var\.vpc_cidr, %d, i( \+ \d+)?\)`, subnetNewBits),
		"ecs_service/ecs_service.tf.tmpl": fmt.Sprintf(`deployment_maximum_percent\s+= %d\n`, awsfacts.ECSDeploymentMaximumPercent),
	} {
		data, err := templates.FS.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(pattern).Match(data) {
			t.Errorf("templates/%s does not match %s: change the constant with the template", path, pattern)
		}
	}
	net, _ := templates.FS.ReadFile("network/network.tf.tmpl")
	if n := strings.Count(string(net), "cidrsubnet("); n != 2 {
		t.Errorf("templates/network carves %d kinds of subnet, want 2 (public and private), each with %d bits", n, subnetNewBits)
	}
}

// The addresses of the private subnets, worked out by hand from AWS's
// subnet sizing: a /16 gives /20 subnets, 4096 addresses less 5 each.
func TestPrivateAddresses(t *testing.T) {
	for _, c := range []struct {
		cidr             string
		zones            int64
		perSubnet, total int
	}{
		{"10.0.0.0/16", 2, 4091, 8182},
		{"10.0.0.0/16", 3, 4091, 12273},
		{"10.0.0.0/20", 2, 251, 502},
		{"10.0.0.0/22", 2, 59, 118},
		{"192.168.4.0/23", 2, 27, 54},
		{"192.168.4.0/23", 3, 27, 81},
	} {
		a := spec.NewAnswers(map[string]cty.Value{"vpc_cidr": cty.StringVal(c.cidr), "az_count": cty.NumberIntVal(c.zones)})
		per, total, ok := privateAddresses(a)
		if !ok || per != c.perSubnet || total != c.total {
			t.Errorf("%s over %d zones: %d a subnet, %d in all (ok %v); want %d and %d", c.cidr, c.zones, per, total, ok, c.perSubnet, c.total)
		}
	}
	for _, bad := range []string{"not-a-cidr", "10.0.0.0/30", "10.0.0.0/8", "fd00::/56"} {
		if _, _, ok := privateAddresses(spec.NewAnswers(map[string]cty.Value{"vpc_cidr": cty.StringVal(bad), "az_count": cty.NumberIntVal(2)})); ok {
			t.Errorf("vpc_cidr %s, which its rules refuse, gave addresses", bad)
		}
	}
}

// Each fleet at the largest its answers allow is accepted when it fits the
// private subnets exactly and refused one address over, on the answer that
// brings it over; the message says what to do. A /23 over two zones holds
// 2 × 27 = 54 interfaces.
func TestFleetsFitThePrivateSubnets(t *testing.T) {
	small := map[string]cty.Value{"vpc_cidr": cty.StringVal("10.0.0.0/23"), "az_count": cty.NumberIntVal(2)}
	with := func(extra map[string]cty.Value) map[string]cty.Value {
		out := map[string]cty.Value{}
		for k, v := range small {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	num := func(n float64) cty.Value { return cty.NumberFloatVal(n) }
	for _, c := range []struct {
		name    string
		b       *spec.Blueprint
		fits    map[string]cty.Value
		over    map[string]cty.Value
		refused string // the key refused over
		largest int    // the largest value of it that fits, which the refusal gives
	}{
		// 52 instances and the database's 2.
		{"web-app", WebApp(),
			with(map[string]cty.Value{"asg_max": num(52)}), with(map[string]cty.Value{"asg_max": num(53)}), "asg_max", 52},
		// 2 × 25 tasks, 2 mount targets and the database's 2.
		{"container-migration", ContainerMigration(),
			with(map[string]cty.Value{"max_tasks": num(25)}), with(map[string]cty.Value{"max_tasks": num(26)}), "max_tasks", 25},
		// 2 × (13 + 13) tasks and 2 mount targets; over, the second
		// service brings the total to 2 × 27 + 2 = 56, and the first
		// alone (2 × 13 + 2) still fits.
		{"container-service", ContainerService(),
			with(map[string]cty.Value{"services": spec.ListVal([]string{"api", "web"}), "api_max_tasks": num(13), "web_max_tasks": num(13)}),
			with(map[string]cty.Value{"services": spec.ListVal([]string{"api", "web"}), "api_max_tasks": num(13), "web_max_tasks": num(14)}), "web_max_tasks", 13},
		// Fargate: 13 / 0.25 = 52 jobs, then 54 and 56.
		{"scheduled-batch on Fargate", ScheduledBatch(),
			with(map[string]cty.Value{"compute": cty.StringVal("fargate"), "vcpus": num(0.25), "job_memory_mb": num(512), "max_vcpus": num(13)}),
			with(map[string]cty.Value{"compute": cty.StringVal("fargate"), "vcpus": num(0.25), "job_memory_mb": num(512), "max_vcpus": num(14)}), "max_vcpus", 13},
		// EC2: 53 jobs of 1 vCPU on up to 54 instances, then 55.
		{"ci-pipeline", CIPipeline(),
			with(map[string]cty.Value{"max_vcpus": num(53)}), with(map[string]cty.Value{"max_vcpus": num(54)}), "max_vcpus", 53},
		{"ml-pipeline", MLPipeline(),
			with(map[string]cty.Value{"vcpus": num(2), "max_vcpus": num(107)}), with(map[string]cty.Value{"vcpus": num(2), "max_vcpus": num(108)}), "max_vcpus", 107},
	} {
		t.Run(c.name, func(t *testing.T) {
			refusedBy := func(values map[string]cty.Value) map[string]string {
				_, err := c.b.Resolve(given(values), nil, true)
				out := map[string]string{}
				var ds spec.Diagnostics
				if errors.As(err, &ds) {
					for _, d := range ds {
						if strings.HasPrefix(d.Rule, fitsPrivateSubnetsText) {
							out[d.Key] = d.Error()
						}
					}
				} else if err != nil {
					t.Fatal(err)
				}
				return out
			}
			if _, err := c.b.Resolve(given(c.fits), nil, true); err != nil {
				t.Errorf("a fleet that fits is refused: %v", err)
			}
			got := refusedBy(c.over)
			keys := slices.Sorted(func(yield func(string) bool) {
				for k := range got {
					if !yield(k) {
						return
					}
				}
			})
			if !slices.Equal(keys, []string{c.refused}) {
				t.Fatalf("one address over refuses %v, want %s", keys, c.refused)
			}
			msg := got[c.refused]
			for _, want := range []string{"54 in all", fmt.Sprintf("lower it to %d or less", c.largest), "set az_count to 3 (81 addresses)",
				"give vpc_cidr a prefix of /22 or shorter before the stack is created (a /22 holds 118)"} {
				if !strings.Contains(msg, want) {
					t.Errorf("the message lacks %q: %s", want, msg)
				}
			}
		})
	}
}

// The ways out the refusal gives are the ones that work: beyond what a /16
// over two zones holds, three zones; beyond three zones, only lowering.
func TestFleetBeyondTheLargestVPC(t *testing.T) {
	_, err := CIPipeline().Resolve(given(map[string]cty.Value{"max_vcpus": cty.NumberIntVal(10000)}), nil, true)
	if err == nil || !strings.HasSuffix(err.Error(), "need 10001 addresses; 10.0.0.0/16 over 2 zones gives private subnets of 4091 addresses each, 8182 in all: lower it to 8181 or less; or set az_count to 3 (12273 addresses))") {
		t.Errorf("max_vcpus 10000 on 1-vCPU jobs: %v", err)
	}
	// 4 × 3068 = 12272 jobs of 0.25 vCPU fit in 12273 addresses.
	_, err = ScheduledBatch().Resolve(given(map[string]cty.Value{"az_count": cty.NumberIntVal(3), "compute": cty.StringVal("fargate"),
		"vcpus": cty.NumberFloatVal(0.25), "job_memory_mb": cty.NumberIntVal(512), "max_vcpus": cty.NumberIntVal(10000)}), nil, true)
	if err == nil || !strings.HasSuffix(err.Error(), "need 40000 addresses; 10.0.0.0/16 over 3 zones gives private subnets of 4091 addresses each, 12273 in all: lower it to 3068 or less (even 3 zones of a /16 hold only 12273))") {
		t.Errorf("max_vcpus 10000 on 0.25-vCPU jobs over 3 zones: %v", err)
	}
}

// The first count too large is the one refused: a minimum or desired size
// over the subnets is refused there, not on the maximum the user then
// cannot lower below it.
func TestTheFirstCountTooLargeIsRefused(t *testing.T) {
	for _, c := range []struct {
		b       *spec.Blueprint
		set     map[string]cty.Value
		refused string
	}{
		{WebApp(), map[string]cty.Value{"asg_min": cty.NumberIntVal(60)}, "asg_min"},
		{WebApp(), map[string]cty.Value{"asg_desired": cty.NumberIntVal(60)}, "asg_desired"},
		{ContainerMigration(), map[string]cty.Value{"min_tasks": cty.NumberIntVal(30)}, "min_tasks"},
		{ContainerMigration(), map[string]cty.Value{"desired_tasks": cty.NumberIntVal(30)}, "desired_tasks"},
		{ContainerService(), map[string]cty.Value{"app_min_tasks": cty.NumberIntVal(30)}, "app_min_tasks"},
		// b brings the total over; c, after a refused b, is not judged
		// (its sum would miss b), so it is not refused with a wrong count.
		{ContainerService(), map[string]cty.Value{"services": spec.ListVal([]string{"a", "b", "c"}),
			"a_max_tasks": cty.NumberIntVal(20), "b_max_tasks": cty.NumberIntVal(10), "c_max_tasks": cty.NumberIntVal(10)}, "b_max_tasks"},
	} {
		values := map[string]cty.Value{"vpc_cidr": cty.StringVal("10.0.0.0/23")}
		for k, v := range c.set {
			values[k] = v
		}
		_, err := c.b.Resolve(given(values), nil, true)
		var ds spec.Diagnostics
		if !errors.As(err, &ds) {
			t.Errorf("%s %v: %v, want %s refused", c.b.ID, c.set, err, c.refused)
			continue
		}
		var keys []string
		for _, d := range ds {
			keys = append(keys, d.Key)
		}
		if !slices.Equal(keys, []string{c.refused}) {
			t.Errorf("%s %v: refused %v, want only %s: %v", c.b.ID, c.set, keys, c.refused, err)
		}
	}
	_, err := ContainerService().Resolve(given(map[string]cty.Value{"vpc_cidr": cty.StringVal("10.0.0.0/23"), "services": spec.ListVal([]string{"a", "b", "c"}),
		"a_max_tasks": cty.NumberIntVal(20), "b_max_tasks": cty.NumberIntVal(10), "c_max_tasks": cty.NumberIntVal(10)}), nil, true)
	if err == nil || !strings.Contains(err.Error(), "60 tasks during deployments (2 × 30, the max_tasks of a and b) and 2 kept for EFS mount targets need 62 addresses") ||
		!strings.Contains(err.Error(), "lower it to 6 or less") {
		t.Errorf("the count of a refused service: %v", err)
	}
}

// A value another rule of the question refuses for its form (a fraction,
// beyond its range by far) is left to that rule.
func TestFitIsNotJudgedOnAMalformedValue(t *testing.T) {
	for _, v := range []cty.Value{cty.NumberFloatVal(52.5), cty.MustParseNumberVal("1e30")} {
		_, err := WebApp().Resolve(given(map[string]cty.Value{"vpc_cidr": cty.StringVal("10.0.0.0/23"), "asg_max": v}), nil, true)
		if err == nil || strings.Contains(err.Error(), fitsPrivateSubnetsText) {
			t.Errorf("asg_max = %s: %v", v.AsBigFloat().String(), err)
		}
	}
}

// Redshift Serverless warns when its base capacity may need more free
// addresses in a subnet than the subnet holds: a /23's subnets hold 27,
// so 88 RPUs (27) pass and 96 (29) warn.
func TestRedshiftFreeAddressesWarning(t *testing.T) {
	warned := func(rpu int64) bool {
		res, err := S3ETL().Resolve(given(map[string]cty.Value{"vpc_cidr": cty.StringVal("10.0.0.0/23"), "redshift_base_capacity_rpu": cty.NumberIntVal(rpu)}), nil, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range res.Warnings {
			if w.Key == "redshift_base_capacity_rpu" && strings.Contains(w.Detail, "Insufficient free IP addresses") {
				return true
			}
		}
		return false
	}
	if warned(88) || !warned(96) {
		t.Errorf("warned at 88 RPUs: %v, at 96: %v; want only at 96", warned(88), warned(96))
	}
}

// The refusal suggests no value the question's other rules refuse: below
// what it must be at least, it says to lower the answers counted before
// it; above its range, the range rule alone speaks.
func TestFitSuggestsOnlyAcceptedValues(t *testing.T) {
	_, err := ContainerService().Resolve(given(map[string]cty.Value{"vpc_cidr": cty.StringVal("10.0.0.0/23"),
		"services": spec.ListVal([]string{"a", "b", "c"}), "a_max_tasks": cty.NumberIntVal(26)}), nil, true)
	if err == nil || !strings.Contains(err.Error(), "b_max_tasks = 4 is not accepted") || strings.Contains(err.Error(), "lower it to") ||
		!strings.Contains(err.Error(), ": lower the max_tasks of the services before it; or set az_count to 3 (81 addresses)") {
		t.Errorf("b after a took the room: %v", err)
	}
	_, err = WebApp().Resolve(given(map[string]cty.Value{"vpc_cidr": cty.StringVal("10.0.0.0/22"), "asg_max": cty.NumberIntVal(117)}), nil, true)
	if err == nil || strings.Contains(err.Error(), fitsPrivateSubnetsText) {
		t.Errorf("asg_max 117, over its range: %v", err)
	}
	_, err = WebApp().Resolve(given(map[string]cty.Value{"vpc_cidr": cty.StringVal("10.0.0.0/23"), "asg_desired": cty.NumberIntVal(40), "asg_max": cty.NumberIntVal(60)}), nil, true)
	if err == nil || !strings.Contains(err.Error(), "lower it to 52 or less") {
		t.Errorf("asg_max 60 over asg_desired 40: %v", err)
	}
}
