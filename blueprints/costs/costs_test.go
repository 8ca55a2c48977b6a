package costs_test

import (
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/scaffold-tf/scaffold/blueprints"
	"github.com/scaffold-tf/scaffold/blueprints/awsfacts"
	. "github.com/scaffold-tf/scaffold/blueprints/costs"
	"github.com/scaffold-tf/scaffold/blueprints/spec"
)

// resolveWith resolves b with given answers, the rest at their defaults.
func resolveWith(t *testing.T, b *spec.Blueprint, given map[string]cty.Value) spec.Answers {
	t.Helper()
	g := map[string]spec.Given{}
	for k, v := range given {
		g[k] = spec.Given{Value: v, Source: spec.FromFlag}
	}
	res, err := b.Resolve(g, nil, true)
	if err != nil {
		t.Fatalf("%s: %v", b.ID, err)
	}
	return res.Answers
}

// line finds the estimate's line of component whose What starts with what.
func line(t *testing.T, e Estimate, component, what string) PricedLine {
	t.Helper()
	for _, l := range append(slices.Clone(e.Fixed), e.PerUse...) {
		if l.Component == component && strings.HasPrefix(l.What, what) {
			return l
		}
	}
	t.Fatalf("no line %q of %s in %+v", what, component, e)
	return PricedLine{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.006 }

// TestEveryComponentHasACostEntry fails on a component template with no
// entry in ComponentCosts (a new component must say what it is billed
// for, or that it has no charge of its own), and on an entry no template
// has (a renamed component).
func TestEveryComponentHasACostEntry(t *testing.T) {
	dirs, err := os.ReadDir("../../templates")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range dirs {
		if d.IsDir() && d.Name() != "partials" {
			names = append(names, d.Name())
			if _, ok := ComponentCosts[d.Name()]; !ok {
				t.Errorf("component %s has no entry in ComponentCosts (blueprints/costs.go)", d.Name())
			}
		}
	}
	for name := range ComponentCosts {
		if !slices.Contains(names, name) {
			t.Errorf("ComponentCosts has %s, which is no template folder", name)
		}
	}
	// And every component a blueprint composes at its defaults is one.
	for _, b := range blueprints.All() {
		res, err := b.Resolve(nil, nil, true)
		if err != nil {
			continue
		}
		for _, c := range b.Components(res.Answers) {
			if _, ok := ComponentCosts[c.Name]; !ok {
				t.Errorf("%s composes %s, which has no cost entry", b.ID, c.Name)
			}
		}
	}
}

// TestCostLinesNameKnownPrices fails on a line whose price key is neither
// in the table nor declared unsourced: a typo would otherwise show as
// "price not in the table" for ever.
func TestCostLinesNameKnownPrices(t *testing.T) {
	for _, b := range blueprints.All() {
		for _, env := range []string{"dev", "prod"} {
			res, err := b.Resolve(map[string]spec.Given{"environment": {Value: cty.StringVal(env), Source: spec.FromFlag}}, nil, true)
			if err != nil {
				continue
			}
			e := Of(b, res.Answers)
			for _, l := range append(e.Fixed, e.PerUse...) {
				switch {
				case l.CostLine.Price == "", l.Priced, slices.Contains(awsfacts.Unsourced, l.CostLine.Price), awsfacts.PricedSomewhere(l.CostLine.Price):
				case strings.HasPrefix(l.CostLine.Price, "rds_hour:"), strings.HasPrefix(l.CostLine.Price, "redshift_node_hour:"), strings.HasPrefix(l.CostLine.Price, "ec2_hour:"):
				default:
					t.Errorf("%s (%s): %s names price %q, which the table lacks and does not declare unsourced", b.ID, env, l.What, l.CostLine.Price)
				}
			}
		}
	}
}

// The arithmetic, checked against the worked figures the price pages
// themselves give (so a wrong quantity or unit shows).
func TestNATGatewayCost(t *testing.T) {
	b := blueprints.WebApp()
	// cloudburn/basavytix: one NAT gateway all month, $32.85; three, $98.55.
	for env, want := range map[string]float64{"dev": 32.85, "prod": 98.55} {
		a := resolveWith(t, b, map[string]cty.Value{"environment": cty.StringVal(env), "az_count": cty.NumberIntVal(3)})
		if got := line(t, Of(b, a), "network", "NAT gateways").Monthly; !near(got, want) {
			t.Errorf("%s: NAT gateways cost %v a month, want %v", env, got, want)
		}
	}
}

func TestALBCost(t *testing.T) {
	a := resolveWith(t, blueprints.WebApp(), nil)
	e := Of(blueprints.WebApp(), a)
	// cloud-horizons: "around $16.43 a month".
	if got := line(t, e, "alb", "Application Load Balancer").Monthly; !near(got, 16.43) {
		t.Errorf("ALB costs %v a month, want 16.43", got)
	}
	ips := line(t, e, "alb", "its public IPv4")
	if want := a.Float("az_count") * HoursPerMonth; ips.Quantity != want {
		t.Errorf("ALB addresses: %v hours, want %v (one per zone)", ips.Quantity, want)
	}
}

func TestRDSCost(t *testing.T) {
	b := blueprints.WebApp()
	// infratally: db.t4g.micro $11.68 a month Single-AZ, $23.36 Multi-AZ.
	for multi, want := range map[bool]float64{false: 11.68, true: 23.36} {
		a := resolveWith(t, b, map[string]cty.Value{"db_engine": cty.StringVal("postgres"), "db_instance_class": cty.StringVal("db.t4g.micro"),
			"db_multi_az": cty.BoolVal(multi), "db_allocated_storage_gb": cty.NumberIntVal(100)})
		e := Of(b, a)
		if got := line(t, e, "rds", "RDS PostgreSQL instance").Monthly; !near(got, want) {
			t.Errorf("multi-AZ %v: instance %v a month, want %v", multi, got, want)
		}
		copies := map[bool]float64{false: 1, true: 2}[multi]
		if got := line(t, e, "rds", "RDS gp3 storage").Quantity; got != 100*copies {
			t.Errorf("multi-AZ %v: storage %v GB-months, want %v", multi, got, 100*copies)
		}
	}
	// MySQL's hourly price was not found: the line says so and the total
	// leaves it out.
	a := resolveWith(t, b, map[string]cty.Value{"db_engine": cty.StringVal("mysql")})
	e := Of(b, a)
	if l := line(t, e, "rds", "RDS MySQL instance"); l.Priced || e.FixedUnpriced < 1 {
		t.Errorf("a MySQL instance is priced (%+v) or not counted as unpriced (%d)", l, e.FixedUnpriced)
	}
}

func TestEC2Cost(t *testing.T) {
	a := resolveWith(t, blueprints.WebApp(), map[string]cty.Value{"instance_type": cty.StringVal("t3.micro"), "asg_desired": cty.NumberIntVal(2)})
	// karpenter's table: t3.micro $0.0104 an hour.
	if got := line(t, Of(blueprints.WebApp(), a), "asg", "EC2 instances").Monthly; !near(got, 2*730*0.0104) {
		t.Errorf("2 × t3.micro cost %v a month, want %v", got, 2*730*0.0104)
	}
}

func TestFargateCosts(t *testing.T) {
	// tomgregory.com: a 0.25 vCPU, 0.5 GB x86 task for 24 hours costs
	// $0.29622 at $0.04048 and $0.004445.
	b := blueprints.ScheduledBatch()
	a := resolveWith(t, b, map[string]cty.Value{"compute": cty.StringVal("fargate"), "vcpus": cty.NumberFloatVal(0.25), "job_memory_mb": cty.NumberIntVal(512)})
	e := Of(b, a)
	vcpu, mem := line(t, e, "batch", "Fargate vCPU"), line(t, e, "batch", "Fargate memory")
	pv, _ := vcpu.UnitPrice()
	pm, _ := mem.UnitPrice()
	if got := 24 * (pv + pm); !near(got, 0.29622) {
		t.Errorf("a 0.25 vCPU / 0.5 GB job for 24 h costs %v, want 0.29622", got)
	}
	a = resolveWith(t, b, map[string]cty.Value{"compute": cty.StringVal("fargate_spot")})
	if l := line(t, Of(b, a), "batch", "Fargate vCPU"); !strings.Contains(l.Note, "Spot") {
		t.Errorf("fargate_spot: the line does not say what Spot saves: %+v", l)
	}
	a = resolveWith(t, b, map[string]cty.Value{"compute": cty.StringVal("ec2_spot"), "instance_types": cty.StringVal("c6i,m6i.large")})
	e = Of(b, a)
	if l := line(t, e, "batch", "EC2 instances"); !strings.Contains(l.Note, awsfacts.EC2SpotSaving) {
		t.Errorf("ec2_spot: the line does not say what Spot saves (F21): %+v", l)
	}
	if l := line(t, e, "batch", "EC2 m6i.large"); !l.Priced || l.Price.USD == 0 || !strings.Contains(l.Note, "Spot") {
		t.Errorf("ec2_spot: the exact type m6i.large is not priced with its Spot saving: %+v", l)
	}

	// Services: desired tasks × size, all month; the architecture picks the price.
	cs := blueprints.ContainerService()
	for arch, key := range map[string]string{"arm64": awsfacts.FargateVCPUHourARM, "x86_64": awsfacts.FargateVCPUHourX86} {
		a := resolveWith(t, cs, map[string]cty.Value{"services": spec.ListVal([]string{"web", "api"}), "cpu_architecture": cty.StringVal(arch),
			"api_cpu": cty.NumberIntVal(1024), "api_memory": cty.NumberIntVal(2048), "api_desired_tasks": cty.NumberIntVal(3)})
		l := line(t, Of(cs, a), "ecs_service", "Fargate vCPU, service api")
		p, _ := awsfacts.LookupPrice(key, "us-east-1")
		if l.Quantity != 3*730*1 || !near(l.Monthly, 3*730*p.USD) {
			t.Errorf("%s: api's vCPU line is %v vCPU-hours, %v a month; want 2190 at %v", arch, l.Quantity, l.Monthly, p.USD)
		}
	}
}

func TestPerUseScales(t *testing.T) {
	b := blueprints.ServerlessAPI()
	a := resolveWith(t, b, map[string]cty.Value{"memory_mb": cty.NumberIntVal(512), "architecture": cty.StringVal("x86_64")})
	l := line(t, Of(b, a), "lambda_api", "API function: duration")
	if p, per := l.UnitPrice(); !near(p*1e6, 0.5*0.0000166667*1e6) || per != "second of run" {
		t.Errorf("512 MB x86 costs %v per %s, want half the GB-second price", p, per)
	}
	etl := blueprints.S3ETL()
	a = resolveWith(t, etl, map[string]cty.Value{"glue_worker_type": cty.StringVal("G.2X"), "glue_workers": cty.NumberIntVal(10)})
	if l := line(t, Of(etl, a), "glue", "Glue job"); l.Scale != 20 {
		t.Errorf("10 G.2X workers are %v DPUs, want 20", l.Scale)
	}
	st := blueprints.StreamProcessing()
	// c3x.dev: five provisioned shards, $54.75 a month.
	a = resolveWith(t, st, map[string]cty.Value{"stream_mode": cty.StringVal("PROVISIONED"), "shard_count": cty.NumberIntVal(5)})
	if got := line(t, Of(st, a), "kinesis_stream", "Kinesis shards").Monthly; !near(got, 54.75) {
		t.Errorf("5 shards cost %v a month, want 54.75", got)
	}
}

// TestEstimateOutsideTheTable: a region the table lacks prices nothing
// the region decides, says so, and still names what is billed.
func TestEstimateOutsideTheTable(t *testing.T) {
	b := blueprints.WebApp()
	e := Of(b, resolveWith(t, b, map[string]cty.Value{"region": cty.StringVal("sa-east-1")}))
	if e.RegionNote() == "" || !strings.Contains(e.RegionNote(), "sa-east-1") {
		t.Errorf("no note that the table lacks sa-east-1: %q", e.RegionNote())
	}
	if e.FixedMonthly != 0 || e.FixedUnpriced != len(e.Fixed) || len(e.Fixed) == 0 {
		t.Errorf("sa-east-1: fixed %v a month, %d of %d lines unpriced; want nothing priced", e.FixedMonthly, e.FixedUnpriced, len(e.Fixed))
	}
	if !strings.Contains(e.Markdown(), "price not in the table") || !strings.Contains(e.Label(), "sa-east-1") {
		t.Errorf("the estimate does not say what it lacks:\n%s", e.Markdown())
	}
	if e := Of(b, resolveWith(t, b, nil)); e.RegionNote() != "" || !strings.Contains(e.Label(), awsfacts.PricesRead.Format("2006-01-02")) {
		t.Errorf("us-east-1: note %q, label %q", e.RegionNote(), e.Label())
	}
}

// TestParisCosts checks eu-west-3 (the source material's region) against
// the monthly figures of the extract its prices come from: ALB $19.32,
// NAT gateway $36.50, t4g.small $13.72, db.t4g.micro $13.14, 20 GB of gp3
// $2.66, at 730 hours.
func TestParisCosts(t *testing.T) {
	b := blueprints.WebApp()
	a := resolveWith(t, b, map[string]cty.Value{"region": cty.StringVal("eu-west-3"), "instance_type": cty.StringVal("t4g.small"),
		"asg_min": cty.NumberIntVal(1), "asg_desired": cty.NumberIntVal(1), "db_engine": cty.StringVal("postgres"),
		"db_instance_class": cty.StringVal("db.t4g.micro"), "db_multi_az": cty.False, "db_allocated_storage_gb": cty.NumberIntVal(20)})
	e := Of(b, a)
	for _, c := range []struct {
		component, what string
		want            float64
	}{
		{"alb", "Application Load Balancer", 19.32},
		{"network", "NAT gateways", 36.50},
		{"asg", "EC2 instances", 13.72},
		{"rds", "RDS PostgreSQL instance", 13.14},
		{"rds", "RDS gp3 storage", 2.66},
	} {
		if got := line(t, e, c.component, c.what).Monthly; !near(got, c.want) {
			t.Errorf("eu-west-3: %s costs %v a month, want %v", c.what, got, c.want)
		}
	}
	if n := e.RegionNote(); !strings.Contains(n, "only some of eu-west-3's prices") {
		t.Errorf("eu-west-3's note: %q", n)
	}
}

// Provisioned concurrency is billed while configured: a fixed line of
// environments × GB × seconds in the month.
func TestProvisionedConcurrencyIsFixed(t *testing.T) {
	b := blueprints.ServerlessAPI()
	a := resolveWith(t, b, map[string]cty.Value{"provisioned_concurrency": cty.NumberIntVal(2), "memory_mb": cty.NumberIntVal(512)})
	l := line(t, Of(b, a), "lambda_api", "provisioned concurrency")
	if !l.Fixed || l.Quantity != 2*0.5*730*3600 {
		t.Errorf("provisioned concurrency: fixed %v, %v GB-seconds; want fixed, %v", l.Fixed, l.Quantity, 2*0.5*730*3600)
	}
}

// The items the table has no price for still count what is billed.
func TestUnpricedQuantities(t *testing.T) {
	b := blueprints.ScheduledBatch()
	a := resolveWith(t, b, map[string]cty.Value{"redshift_load": cty.True, "redshift_deployment": cty.StringVal("provisioned"),
		"redshift_node_type": cty.StringVal("ra3.4xlarge"), "redshift_node_count": cty.NumberIntVal(3)})
	if l := line(t, Of(b, a), "redshift", "Redshift RA3 nodes"); !l.Fixed || l.Quantity != 3*730 {
		t.Errorf("3 RA3 nodes: fixed %v, %v node-hours; want fixed, 2190", l.Fixed, l.Quantity)
	}
	a = resolveWith(t, b, map[string]cty.Value{"redshift_load": cty.True, "redshift_deployment": cty.StringVal("serverless"), "redshift_base_capacity_rpu": cty.NumberIntVal(16)})
	if l := line(t, Of(b, a), "redshift", "Redshift Serverless"); l.Fixed || l.Scale != 16 {
		t.Errorf("Serverless at 16 RPU: fixed %v, scale %v; want per use, 16 RPU", l.Fixed, l.Scale)
	}
	s := blueprints.ServerlessAPI()
	a = resolveWith(t, s, map[string]cty.Value{"billing_mode": cty.StringVal("PROVISIONED"), "read_capacity": cty.NumberIntVal(10), "write_capacity": cty.NumberIntVal(5)})
	e := Of(s, a)
	if r, w := line(t, e, "dynamodb_table", "provisioned read"), line(t, e, "dynamodb_table", "provisioned write"); r.Quantity != 7300 || w.Quantity != 3650 || !r.Fixed {
		t.Errorf("10 RCU and 5 WCU: %v and %v unit-hours; want 7300 and 3650, fixed", r.Quantity, w.Quantity)
	}
	st := blueprints.StreamProcessing()
	a = resolveWith(t, st, map[string]cty.Value{"stream_mode": cty.StringVal("ON_DEMAND")})
	if got := line(t, Of(st, a), "kinesis_stream", "Kinesis on-demand stream").Monthly; !near(got, 730*0.04) {
		t.Errorf("an on-demand stream costs %v a month, want %v", got, 730*0.04)
	}
}

// TestFixedTotalIsTheSumOfItsLines: the fixed total the README prints is
// the sum of the amounts its lines print, so a reader adding them up
// finds it (container-service in prod over three zones with three
// services printed $180.13 over lines that add up to $180.14).
func TestFixedTotalIsTheSumOfItsLines(t *testing.T) {
	amount := regexp.MustCompile(`= \$([0-9.]+) a month`)
	total := regexp.MustCompile(`Fixed: about \$([0-9.]+) a month`)
	cs := blueprints.Lookup("container-service")
	cases := []struct {
		b     *spec.Blueprint
		given map[string]cty.Value
	}{
		{cs, map[string]cty.Value{"environment": cty.StringVal("prod"), "az_count": cty.NumberIntVal(3), "services": cty.ListVal([]cty.Value{cty.StringVal("api"), cty.StringVal("web"), cty.StringVal("worker")})}},
		{blueprints.Lookup("container-migration"), map[string]cty.Value{"environment": cty.StringVal("prod")}},
	}
	for _, b := range blueprints.All() {
		cases = append(cases, struct {
			b     *spec.Blueprint
			given map[string]cty.Value
		}{b, nil})
	}
	for _, c := range cases {
		md := Of(c.b, resolveWith(t, c.b, c.given)).Markdown()
		fixed, _, _ := strings.Cut(md, "Billed as it is used")
		var sum float64
		for _, m := range amount.FindAllStringSubmatch(fixed, -1) {
			v, _ := strconv.ParseFloat(m[1], 64)
			sum += v
		}
		m := total.FindStringSubmatch(fixed)
		if m == nil {
			continue
		}
		if want := strconv.FormatFloat(sum, 'f', 2, 64); m[1] != want {
			t.Errorf("%s %v: fixed total $%s, but its lines add up to $%s\n%s", c.b.ID, c.given, m[1], want, fixed)
		}
	}
}
